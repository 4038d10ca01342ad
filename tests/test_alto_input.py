"""ALTO beyond the sample's text: photos are Illustrations (in the package with their images,
in the logical map with their captions); ALTO files alone, without their METS, are laid out
as a page and give the source's articles; bad ALTO is one line; text input is no METS/ALTO."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from tests.cli_runs import own_cache, run  # noqa: F401 - own_cache is an autouse fixture
from tests.mets_checks import alto_problems, check_package, package_files

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sample-issue.pdf"
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
METS = "{http://www.loc.gov/METS/}"

pytest.importorskip("lxml")


def _convert(*args) -> None:
    code, _, err = run(*map(str, args), "-q")
    assert code == 0, err


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _alto_alone(source: Path, out: Path) -> dict:
    """The source to METS/ALTO, its ALTO files alone in a folder read back: the JSON."""
    _convert(source, "--to", "mets", "-o", out / "issue.mets")
    alone = out / "alto"
    alone.mkdir()
    for page in sorted((out / "issue.mets" / "alto").glob("*.xml")):
        shutil.copy(page, alone / page.name)
    _convert(alone, "-o", out / "alone.json")
    return _json(out / "alone.json")


def _body(article: dict) -> str:
    return "".join(block["text"] for block in article["blocks"])


@pytest.mark.parametrize("source", [SAMPLE, DEVSET / "case_3001" / "issue.pdf"], ids=["sample", "devset-3001"])
def test_alto_files_alone_give_the_articles_of_their_pdf(source, tmp_path):
    if not source.is_file():
        pytest.skip("the shared devset is not here")
    _convert(source, "-o", tmp_path / "pdf.json")
    original = _json(tmp_path / "pdf.json")
    again = _alto_alone(source, tmp_path)
    # No METS says what the articles are: the layout found them again, and the page headers
    # and jump lines the ALTO carries gave the date, the pages and the continuations.
    assert [a["title"] for a in again["articles"]] == [a["title"] for a in original["articles"]]
    for made, truth in zip(again["articles"], original["articles"]):
        for field in ("kicker", "subtitle", "series", "byline", "pages"):
            assert made[field] == truth[field], (truth["title"], field)
        similarity = difflib.SequenceMatcher(None, _body(truth), _body(made), autojunk=False).ratio()
        assert similarity >= 0.95, (truth["title"], similarity)
    assert again["masthead"]["date"] == original["masthead"]["date"]
    assert again["masthead"]["issue_number"] == original["masthead"]["issue_number"]


def test_the_alto_holds_the_whole_page_and_stays_valid(tmp_path):
    _convert(SAMPLE, "--to", "mets", "-o", tmp_path / "issue.mets")
    _convert(SAMPLE, "-o", tmp_path / "issue.json")
    issue = _json(tmp_path / "issue.json")
    assert check_package(tmp_path / "issue.mets", issue) == []
    from lxml import etree

    files = package_files(tmp_path / "issue.mets")
    text = "".join(s.get("CONTENT") for name, data in files.items() if name.startswith("alto/")
                   for s in etree.fromstring(data).iter(ALTO + "String"))
    # Page furniture is page text too: the masthead, each header and jump line.
    for piece in issue["furniture"]:
        assert "".join(piece["text"].split()) in text, piece
    rules = [g for name, data in files.items() if name.startswith("alto/")
             for g in etree.fromstring(data).iter(ALTO + "GraphicalElement")]
    assert rules


@pytest.fixture(scope="module")
def photo_pdf(tmp_path_factory):
    from tests.synth.pdf import generate, require_typesetting

    require_typesetting()
    from tests.synth.geometry import Options

    _, data = generate(Options(seed=3, pages=1, images=1.0, photos=True))
    path = tmp_path_factory.mktemp("photos") / "photos.pdf"
    path.write_bytes(data)
    return path


def test_photos_are_illustrations_with_their_images_and_captions(photo_pdf, tmp_path):
    from lxml import etree

    _convert(photo_pdf, "--to", "mets", "-o", tmp_path / "issue.mets")
    _convert(photo_pdf, "-o", tmp_path / "issue.json", "--images", "img")
    issue = _json(tmp_path / "issue.json")
    assert check_package(tmp_path / "issue.mets", issue) == []
    files = package_files(tmp_path / "issue.mets")
    page = etree.fromstring(files["alto/p01.xml"])
    space = page.find(f"{ALTO}Layout/{ALTO}Page/{ALTO}PrintSpace")
    figures = {f.get("ID"): f for f in space.findall(ALTO + "Illustration") if f.get("TYPE") == "photo"}
    photos = [c["photo"] for a in issue["articles"] for c in a["captions"] if c["photo"]]
    assert len(photos) == 4 and len(figures) == 4
    mets = etree.fromstring(files["mets.xml"])
    images = {f.get("ID"): f.find(METS + "FLocat").get("{http://www.w3.org/1999/xlink}href")
              for g in mets.iter(METS + "fileGrp") if g.get("USE") == "ILLUSTRATION" for f in g}
    for photo in photos:
        figure = figures[f"P1_{photo['id']}"]
        box = photo["bbox"]
        assert float(figure.get("HPOS")) == pytest.approx(box["x0"] * 1200 / 72, abs=0.01)
        assert float(figure.get("WIDTH")) == pytest.approx((box["x1"] - box["x0"]) * 1200 / 72, abs=0.01)
        # The image in the package is the file --images wrote, byte for byte.
        assert files[images[figure.get("FILEID")]] == (tmp_path / photo["file"]).read_bytes()
    # The logical map's caption lists the photo's area first, then the caption's text.
    for div in mets.iter(METS + "div"):
        if div.get("TYPE") == "caption":
            areas = [a.get("BEGIN") for a in div.iter(METS + "area")]
            assert areas[0] in figures and len(areas) >= 2
    # Read back: the same JSON, photos and images included.
    _convert(tmp_path / "issue.mets" / "mets.xml", "-o", tmp_path / "again.json", "--images", "img")
    again = _json(tmp_path / "again.json")
    issue.pop("provenance"), again.pop("provenance")
    assert again == issue


def test_the_alto_checks_catch_a_figure_out_of_place():
    page = b"""<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description>
<MeasurementUnit>inch1200</MeasurementUnit></Description><Layout><Page ID="P1" PHYSICAL_IMG_NR="1" WIDTH="10"
HEIGHT="10"><PrintSpace HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"><Illustration ID="I" HPOS="1" VPOS="1" WIDTH="5"
HEIGHT="5"/></PrintSpace></Page></Layout></alto>"""
    assert alto_problems(page) == []
    assert alto_problems(page.replace(b'WIDTH="5"', b'WIDTH="50"'))
    assert alto_problems(page.replace(b' HPOS="1"', b""))
    assert alto_problems(page.replace(b'ID="I"', b""))


BAD = {
    "junk.xml": (b"junk, not XML", "not ALTO or METS XML"),
    "other.xml": (b'<alto xmlns="http://example.com/x"><Layout/></alto>', "not ALTO: its root element alto is in"),
    "empty.xml": (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description><MeasurementUnit>'
                  b'pixel</MeasurementUnit></Description><Layout/></alto>', "ALTO holds no Page"),
    "cut.xml": (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page', "not readable XML"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_alto_is_one_line_and_exit_1(name, tmp_path):
    data, message = BAD[name]
    (tmp_path / name).write_bytes(data)
    code, _, err = run(str(tmp_path / name), "-o", str(tmp_path / "x.json"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.json").exists()


def test_a_folder_search_takes_alto_and_packages_but_no_other_xml(tmp_path):
    from laobao_convert.batch import expand_inputs

    _convert(SAMPLE, "--to", "mets", "-o", tmp_path / "ours.mets")
    vendor = tmp_path / "vendor"
    shutil.copytree(tmp_path / "ours.mets", vendor)
    mets = vendor / "mets.xml"
    mets.write_bytes(mets.read_bytes().replace(b"<mets:name>laobao-convert", b"<mets:name>vendor"))
    (tmp_path / "pages").mkdir()
    shutil.copy(tmp_path / "ours.mets" / "alto" / "p01.xml", tmp_path / "pages" / "p01.xml")
    (tmp_path / "pages" / "feed.xml").write_bytes(b"<rss><channel/></rss>")
    found, bad = expand_inputs([str(tmp_path)])
    names = sorted(str(ref.path.relative_to(tmp_path)) for ref in found)
    # Our own package is output, not input; a vendor's package is one input; ALTO pages are read.
    assert names == ["pages/p01.xml", "vendor/mets.xml"] and not bad


@pytest.mark.parametrize("name", ["sample-issue.txt", "sample-issue.md"])
def test_text_input_is_refused_for_mets(name, tmp_path):
    code, _, err = run(str(ROOT / "samples" / name), "--to", "mets", "-o", str(tmp_path / "x.mets"))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "text input has no page to point into" in err
    assert not (tmp_path / "x.mets").exists()
