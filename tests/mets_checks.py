"""Checks of a METS/ALTO package, shared by the tests and benchmarks/mets_devset.py.

METS is validated against the official schema as the `ocrd` package ships it (found in the
installed package, never copied here). No package ships ALTO's schema, so the ALTO 4 rules
that matter are checked by hand: the namespace, element nesting and order, required
attributes, unique IDs, the measurement unit, and every String inside its block.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Dict, List

ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
METS = "{http://www.loc.gov/METS/}"
UNITS = ("pixel", "mm10", "inch1200")
# element -> (allowed children in order, as (tag, min, max)), required attributes
_ORDER = {
    "alto": (("Description", 0, 1), ("Styles", 0, 1), ("Tags", 0, 1), ("Layout", 1, 1)),
    "Description": (("MeasurementUnit", 1, 1), ("sourceImageInformation", 0, 1), ("OCRProcessing", 0, None),
                    ("Processing", 0, None)),
    "Layout": (("Page", 1, None),),
    "Page": (("TopMargin", 0, 1), ("LeftMargin", 0, 1), ("RightMargin", 0, 1), ("BottomMargin", 0, 1),
             ("PrintSpace", 0, 1)),
    "TextLine": None,  # checked apart: (String, SP?)+, HYP?
}
_REQUIRED = {
    "Page": ("ID", "PHYSICAL_IMG_NR"),
    "PrintSpace": ("HPOS", "VPOS", "WIDTH", "HEIGHT"),
    "TextBlock": ("ID", "HPOS", "VPOS", "WIDTH", "HEIGHT"),
    "Illustration": ("ID", "HPOS", "VPOS", "WIDTH", "HEIGHT"),
    "GraphicalElement": ("ID", "HPOS", "VPOS", "WIDTH", "HEIGHT"),
    "TextLine": ("HPOS", "VPOS", "WIDTH", "HEIGHT"),
    "String": ("CONTENT",),
    "TextStyle": ("ID", "FONTSIZE"),
    "Processing": ("ID",),
}
_NUMERIC = ("HPOS", "VPOS", "WIDTH", "HEIGHT", "FONTSIZE", "WC")


def mets_schema():
    """The METS schema from the installed ocrd package (lxml), or None without them."""
    try:
        from importlib import resources

        from lxml import etree
        path = resources.files("ocrd_validators") / "mets.xsd"
        return etree.XMLSchema(etree.parse(str(path)))
    except Exception:  # noqa: BLE001 - either package missing: the caller skips
        return None


def package_files(path: Path) -> Dict[str, bytes]:
    path = Path(path)
    if path.is_dir():
        return {str(p.relative_to(path)).replace("\\", "/"): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def alto_problems(data: bytes) -> List[str]:
    """What breaks the ALTO 4 rules in one file; empty when nothing does."""
    from lxml import etree

    root = etree.fromstring(data)
    problems: List[str] = []
    if root.tag != ALTO + "alto":
        return [f"root is {root.tag}, not ALTO 4's alto"]
    ids = set()
    unit = root.findtext(f"{ALTO}Description/{ALTO}MeasurementUnit")
    if unit not in UNITS:
        problems.append(f"MeasurementUnit {unit!r}")
    styles = {s.get("ID") for s in root.iter(ALTO + "TextStyle")}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if not element.tag.startswith(ALTO):
            problems.append(f"{element.tag} outside ALTO's namespace")
            continue
        name = element.tag[len(ALTO):]
        for attribute in _REQUIRED.get(name, ()):
            if element.get(attribute) is None:
                problems.append(f"{name} without {attribute}")
        for attribute in _NUMERIC:
            value = element.get(attribute)
            if value is not None:
                try:
                    if float(value) < 0:
                        problems.append(f"{name} {attribute} negative")
                except ValueError:
                    problems.append(f"{name} {attribute}={value!r} not a number")
        if element.get("ID") is not None:
            if element.get("ID") in ids:
                problems.append(f"ID {element.get('ID')} twice")
            ids.add(element.get("ID"))
        for ref in (element.get("STYLEREFS") or "").split():
            if ref not in styles:
                problems.append(f"{name} STYLEREFS {ref} names no style")
        children = [c.tag[len(ALTO):] for c in element if isinstance(c.tag, str)]
        problems.extend(_order_problems(name, children))
    for page in root.iter(ALTO + "Page"):
        if page.get("WIDTH") is None or page.get("HEIGHT") is None:
            continue  # ALTO lets a page leave its size out
        whole = (0.0, 0.0, float(page.get("WIDTH")), float(page.get("HEIGHT")))
        for kind in ("TextBlock", "Illustration", "GraphicalElement"):
            for block in page.iter(ALTO + kind):
                if all(block.get(a) is not None for a in ("HPOS", "VPOS", "WIDTH", "HEIGHT")) \
                        and not _inside(_box(block), whole):
                    problems.append(f"{kind} {block.get('ID')} outside its page")
    for block in root.iter(ALTO + "TextBlock"):
        outer = _box(block)
        for line in block.findall(ALTO + "TextLine"):
            if not _inside(_box(line), outer):
                problems.append(f"a line of {block.get('ID')} outside it")
            for string in line.findall(ALTO + "String"):
                if not _inside(_box(string), outer):
                    problems.append(f"String {string.get('ID')} outside its block {block.get('ID')}")
    return problems


def _order_problems(name: str, children: List[str]) -> List[str]:
    if name == "TextLine":
        # (String, SP?)+ then HYP?
        ok, previous = bool(children) and children[0] == "String", None
        for child in children:
            if child not in ("String", "SP", "HYP") or (child == "SP" and previous != "String") \
                    or previous == "HYP":
                ok = False
            previous = child
        return [] if ok else [f"TextLine holds {children[:6]}"]
    if name in ("PrintSpace", "TextBlock", "ComposedBlock"):
        allowed = {"PrintSpace": ("TextBlock", "Illustration", "GraphicalElement", "ComposedBlock"),
                   "TextBlock": ("TextLine", "Shape"), "ComposedBlock": ("TextBlock", "Illustration",
                                                                         "GraphicalElement", "ComposedBlock")}
        wrong = [c for c in children if c not in allowed[name]]
        return [f"{name} holds {wrong[0]}"] if wrong else []
    order = _ORDER.get(name)
    if order is None:
        return []
    problems, k = [], 0
    for tag, low, high in order:
        count = 0
        while k < len(children) and children[k] == tag:
            count, k = count + 1, k + 1
        if count < low or (high is not None and count > high):
            problems.append(f"{name}: {count} {tag}")
    if k < len(children):
        problems.append(f"{name}: {children[k]} out of place")
    return problems


def _box(element):
    x, y = float(element.get("HPOS")), float(element.get("VPOS"))
    return (x, y, x + float(element.get("WIDTH")), y + float(element.get("HEIGHT")))


def _inside(inner, outer, slack: float = 1e-3) -> bool:
    return inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack \
        and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack


def check_package(path: Path, issue_json: dict) -> List[str]:
    """Every problem of a package written from the issue `issue_json` (the JSON output)."""
    from lxml import etree

    files = package_files(path)
    problems: List[str] = []
    mets = etree.fromstring(files["mets.xml"])
    schema = mets_schema()
    if schema is None:
        problems.append("no METS schema (install the test extras: ocrd, lxml)")
    elif not schema.validate(mets):
        problems.extend(f"METS: {e.message}" for e in list(schema.error_log)[:5])
    hrefs = [f.get("{http://www.w3.org/1999/xlink}href") for g in mets.iter(METS + "fileGrp")
             if g.get("USE") == "FULLTEXT" for f in g.iter(METS + "FLocat")]
    for href in hrefs:
        problems.extend(f"{href}: {p}" for p in alto_problems(files[href]))
    problems.extend(_reference_problems(mets, files))
    logical = [d for d in mets.iter(METS + "div") if d.get("TYPE") == "article"]
    ids = [d.get("ID")[4:] for d in logical]
    if ids != [a["id"] for a in issue_json["articles"]]:
        problems.append(f"logical map's articles {ids[:5]}… are not the JSON's")
    titles = [d.get("LABEL") for d in logical]
    if titles != [a["title"] for a in issue_json["articles"]]:
        problems.append("logical map's article titles are not the JSON's")
    return problems


def _reference_problems(mets, files: Dict[str, bytes]) -> List[str]:
    """Every area of the logical map names an element of its ALTO file, every Illustration's
    FILEID a file of the package that is there, and every file's FLocat a file it holds."""
    from lxml import etree

    located = {}
    for entry in mets.iter(METS + "file"):
        location = entry.find(METS + "FLocat")
        located[entry.get("ID")] = location.get("{http://www.w3.org/1999/xlink}href") if location is not None else None
    problems = [f"METS file {k} ({href}) is not in the package" for k, href in located.items()
                if href is not None and href.startswith(("alto/", "images/")) and href not in files]
    ids = {}
    for file_id, href in located.items():
        if href in files and href.endswith(".xml"):
            ids[file_id] = {e.get("ID") for e in etree.fromstring(files[href]).iter() if e.get("ID")}
            for figure in etree.fromstring(files[href]).iter(ALTO + "Illustration"):
                if figure.get("FILEID") and figure.get("FILEID") not in located:
                    problems.append(f"{href}: Illustration {figure.get('ID')} names no METS file")
    for area in mets.iter(METS + "area"):
        if area.get("BEGIN") not in ids.get(area.get("FILEID"), set()):
            problems.append(f"area {area.get('BEGIN')} is not in {area.get('FILEID')}")
    return problems
