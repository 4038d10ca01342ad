"""What archives and e-book readers expect of an issue: its printed pages kept (page breaks, a
page list, continuations named on their page), every block placed on its page, headline and
subhead lines kept, one identity in every format, an incomplete issue said to be one, front
matter pandoc reads, notes in the book's language, and pandoc's and calibre's command-line
habits."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest

from issue_examples import full_issue
from laobao_convert.model import Article, Block, Breaks, Issue, Masthead, Page, printed_lines
from laobao_convert.parse.linebreaks import breaks
from laobao_convert.writers.epub import render_epub
from laobao_convert.writers.html import render_html
from laobao_convert.writers.markdown import render_markdown
from tests.cli_runs import own_cache, run  # noqa: F401 - own_cache is an autouse fixture

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
DC = "{http://purl.org/dc/elements/1.1/}"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "laobao_convert" / "issue.schema.json"


@pytest.fixture(scope="module")
def sample_pdf(repo_root) -> Path:
    return repo_root / "samples" / "sample-issue.pdf"


@pytest.fixture(scope="module")
def pdf_json(sample_pdf, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("json") / "issue.json"
    code, _, err = run(str(sample_pdf), "-o", str(out), "-q")
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


def book_files(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist()}


# --- coordinates ------------------------------------------------------------------------------


def _squeezed(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


@pytest.fixture(scope="module")
def reference_json(sample_pdf, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("json") / "issue.json"
    code, _, err = run(str(sample_pdf), "-o", str(out), "-q", "--pdf-engine", "pdfplumber")
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_glyphs(sample_pdf):
    """The sample's characters with their boxes, page by page, as pdfplumber reads them."""
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(sample_pdf) as pdf:
        return [page.chars for page in pdf.pages]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_every_block_is_boxed_on_its_page_around_its_glyphs(engine, pdf_json, reference_json, sample_pdf,
                                                            sample_glyphs):
    """Every glyph of a block's text is in its box: its whole box with pdfplumber (the boxes
    are the same glyph boxes); its middle with PDFium, whose glyph boxes are the ink, not the
    advance, of a glyph (a full-width comma's ink is a third of its box)."""
    whole = engine == "pdfplumber"
    if whole:
        pdf_json = reference_json
    pages = {p["number"]: p for p in pdf_json["pages"]}
    for page in pages.values():
        assert page["source"] == sample_pdf.name and isinstance(page["index"], int)
        assert page["width"] > 0 and page["height"] > 0
    glyphs = {number: sample_glyphs[page["index"]] for number, page in pages.items()}

    def inside(number: int, box: dict) -> Counter:
        page = pages[number]
        assert 0 <= box["x0"] < box["x1"] <= page["width"] + 0.01, box
        assert 0 <= box["top"] < box["bottom"] <= page["height"] + 0.01, box
        found = Counter()
        for c in glyphs[number]:
            if whole:
                held = (box["x0"] <= c["x0"] and c["x1"] <= box["x1"] and box["top"] <= c["top"]
                        and c["bottom"] <= box["bottom"])
            else:
                middle_x, middle_y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                held = box["x0"] <= middle_x <= box["x1"] and box["top"] <= middle_y <= box["bottom"]
            if held:
                found.update(_squeezed(c["text"]))
        return found

    checked = 0
    for article in pdf_json["articles"]:
        for item in article["blocks"] + article["captions"]:
            assert item["bbox"] is not None, (article["id"], item["text"][:20])
            held = inside(item["page"], item["bbox"])
            for piece in item.get("more", []):
                held += inside(piece["page"], piece["bbox"])
            missing = Counter(_squeezed(item["text"])) - held
            assert not missing, (article["id"], item["text"][:20], dict(missing))
            checked += 1
    assert checked > 50


def test_text_input_has_no_boxes(repo_root, tmp_path):
    out = tmp_path / "issue.json"
    assert run(str(repo_root / "samples" / "sample-issue.md"), "-o", str(out), "-q")[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert all(b["bbox"] is None for a in data["articles"] for b in a["blocks"])
    assert [p["source"] for p in data["pages"]] == ["sample-issue.md"] * len(data["pages"])
    assert [p["index"] for p in data["pages"]] == list(range(len(data["pages"])))


def test_schema_documents_boxes_and_rejects_impossible_dates_and_page_zero(pdf_json):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(pdf_json))
    block = schema["properties"]["articles"]["items"]["properties"]["blocks"]["items"]["properties"]["bbox"]
    assert "origin" in block["description"] and "points" in block["description"]
    for date in ("2024-02-30", "2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10"):
        bad = json.loads(json.dumps(pdf_json))
        bad["masthead"]["date"] = date
        assert list(validator.iter_errors(bad)), date
    for date in ("2024-02-29", "2000-02-29", "2023-12-31"):
        good = json.loads(json.dumps(pdf_json))
        good["masthead"]["date"] = date
        assert not list(validator.iter_errors(good)), date
    bad = json.loads(json.dumps(pdf_json))
    bad["pages"][0]["number"] = 0
    assert list(validator.iter_errors(bad))
    bad = json.loads(json.dumps(pdf_json))
    bad["articles"][0]["blocks"][0]["page"] = 0
    assert list(validator.iter_errors(bad))


# --- line structure ---------------------------------------------------------------------------


def test_breaks_are_found_in_the_final_text():
    assert breaks("一卡通用范围扩大领用电子社保卡", ["一卡通用范围扩大", "领用电子社保卡"]) == (8,)
    assert breaks("健全机制 促进和谐", ["健全机制", "促进和谐"]) == (5,)
    assert breaks("促进和谐", ["健全机制", "促进和谐"]) == ()  # the other line is another field's
    assert breaks("标题", ["完全", "不同"]) == ()
    # The print wrapping a line too long for its column: inside quotes, or a line of one or two.
    assert breaks("提升基层服务“最后一公里”", ["提升基层服务“最后一公", "里”"]) == ()
    assert breaks("人社部门推进技能培训工作", ["人社部门推进技能培训工", "作"]) == ()
    assert printed_lines("健全机制 促进和谐", (5,)) == ("健全机制", "促进和谐")


def test_two_line_subhead_from_a_pdf_keeps_its_break(pdf_json):
    subheads = [b for a in pdf_json["articles"] for b in a["blocks"] if b["type"] == "subhead"]
    two = [b for b in subheads if b["breaks"]]
    assert any(b["text"] == "一卡通用范围扩大领用电子社保卡7.1亿人" and b["breaks"] == [8] for b in two)


def _broken_issue() -> Issue:
    article = Article(
        id="p1-a1", pages=(1,), kicker="引题第一行引题第二行", title="健全劳动关系协商协调机制 促进劳动关系和谐稳定",
        blocks=(Block("paragraph", "正文。", 1), Block("subhead", "一卡通用范围扩大领用电子社保卡", 1, breaks=(8,)),
                Block("paragraph", "又一段。", 1)),
        breaks=Breaks(kicker=(5,), title=(13,)),
    )
    return Issue(masthead=Masthead(paper="中国劳动保障报", date="2024-04-24", issue_number=7154),
                 pages=(Page(number=1),), articles=(article,))


def _lines_shown(markup: str) -> str:
    """The text with its line breaks, without the markup of the phrases a line may break between."""
    return re.sub(r"<(?!br />)[^>]*>", "", markup)


def test_writers_set_the_breaks_as_line_breaks():
    issue = _broken_issue()
    for shown in (render_html(issue), book_files(render_epub(issue))["EPUB/page-01.xhtml"].decode("utf-8")):
        text = _lines_shown(shown)
        assert "健全劳动关系协商协调机制<br />促进劳动关系和谐稳定" in text
        assert "一卡通用范围扩大<br />领用电子社保卡" in text
        assert "引题第一行<br />引题第二行" in text


# --- identity ---------------------------------------------------------------------------------


def test_one_issue_id_in_every_format_and_article_anchors_unique_across_issues():
    issue = full_issue()
    assert issue.id == "2023-11-08-7093"
    uids = [issue.article_uid(a) for a in issue.articles]
    assert uids[0] == "2023-11-08-7093-p1-a1"
    other = Issue(masthead=Masthead(date="2023-11-09", issue_number=7094), articles=issue.articles)
    assert not set(uids) & {other.article_uid(a) for a in other.articles}

    files = book_files(render_epub(issue))
    package = ElementTree.fromstring(files["EPUB/content.opf"])
    identifiers = [e.text for e in package.iter(f"{DC}identifier")]
    assert identifiers[0].startswith("urn:uuid:") and "laobao:2023-11-08-7093" in identifiers
    chapters = "".join(v.decode("utf-8") for k, v in files.items() if k.startswith("EPUB/page-"))
    html = render_html(issue)
    markdown = render_markdown(issue)
    from laobao_convert.writers.json_writer import render_json

    data = json.loads(render_json(issue))
    assert data["id"] == "2023-11-08-7093"
    assert [a["uid"] for a in data["articles"]] == uids
    assert 'content="laobao:2023-11-08-7093"' in html and 'data-issue="2023-11-08-7093"' in html
    assert '\n  id: "2023-11-08-7093"\n' in markdown
    for uid in uids:
        assert f'id="{uid}"' in chapters and f'id="{uid}"' in html and f'<div id="{uid}"></div>' in markdown


def test_issue_id_without_masthead_is_still_a_safe_name():
    assert Issue(masthead=Masthead(date="2024-04-24")).id == "2024-04-24"
    from laobao_convert.model import Provenance, SourceFile

    named = Issue(provenance=Provenance(sources=(SourceFile(name="第1版 (copy).pdf", sha256="0" * 64, pages=1),)))
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", named.id)


# --- completeness -----------------------------------------------------------------------------


def test_fewer_pages_than_the_masthead_says_is_warned_and_shown_everywhere(repo_root, tmp_path):
    page_one = repo_root / "samples" / "sample-issue" / "20200911_01.pdf"
    outputs = {}
    for ext in ("json", "md", "html", "epub"):
        out = tmp_path / f"one.{ext}"
        code, _, err = run(str(page_one), "-o", str(out), "-q")
        assert code == 0, err
        outputs[ext] = out.read_bytes()
    data = json.loads(outputs["json"])
    assert [w["code"] for w in data["warning_details"]].count("missing-pages") == 1
    assert any("4 pages" in w for w in data["warnings"])
    assert "收录第1版，共4版" in outputs["md"].decode("utf-8")
    assert "收录第1版，共4版" in outputs["html"].decode("utf-8")
    book = book_files(outputs["epub"])
    assert "收录第1版，共4版" in book["EPUB/nav.xhtml"].decode("utf-8")
    assert "收录第1版，共4版" in book["EPUB/notes.xhtml"].decode("utf-8")


def test_strict_fails_an_issue_whose_only_fault_is_missing_pages(tmp_path):
    article = Article(id="p1-a1", pages=(1,), title="全省就业形势总体稳定", byline="本报记者 张三",
                      blocks=(Block("paragraph", "本报讯 今年以来，全省城镇新增就业持续增长，各项政策落地见效。", 1),))
    issue = Issue(masthead=Masthead(paper="中国劳动保障报", date="2024-04-24", issue_number=7154, page_count=8),
                  pages=(Page(number=1, name="要闻"),), articles=(article,))
    source = tmp_path / "issue.md"
    source.write_text(render_markdown(issue), encoding="utf-8")
    assert run(str(source), "-o", str(tmp_path / "ok.json"), "-q")[0] == 0
    data = json.loads((tmp_path / "ok.json").read_text(encoding="utf-8"))
    assert [w["code"] for w in data["warning_details"]] == ["missing-pages"]
    code, _, err = run(str(source), "-o", str(tmp_path / "strict.json"), "--strict")
    assert code == 3 and "--strict: missing-pages" in err and not (tmp_path / "strict.json").exists()


def test_a_whole_issue_has_no_missing_pages_warning(pdf_json):
    assert "missing-pages" not in [w["code"] for w in pdf_json["warning_details"]]


# --- the printed page in the book -------------------------------------------------------------


def test_epub_has_page_breaks_a_page_list_and_names_continuations(sample_pdf, tmp_path):
    out = tmp_path / "issue.epub"
    assert run(str(sample_pdf), "-o", str(out), "-q")[0] == 0
    files = book_files(out.read_bytes())
    nav = ElementTree.fromstring(files["EPUB/nav.xhtml"])
    page_list = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "page-list")
    targets = [a.get("href") for a in page_list.iter(f"{XHTML}a")]
    assert [a.text for a in page_list.iter(f"{XHTML}a")] == ["第一版", "第二版", "第三版", "第四版"]
    for href in targets:
        name, anchor = href.split("#")
        chapter = ElementTree.fromstring(files["EPUB/" + name])
        marker = next(e for e in chapter.iter() if e.get("id") == anchor)
        assert marker.get(f"{EPUB_NS}type") == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label")
    page_two = files["EPUB/page-02.xhtml"].decode("utf-8")
    assert "本版另载（续）" in page_two and 'href="page-01.xhtml#2020-09-11-7803-p1-a1"' in page_two


def test_notes_in_the_book_are_chinese_and_on_the_command_line_english(tmp_path, repo_root):
    page_one = repo_root / "samples" / "sample-issue" / "20200911_01.pdf"
    out = tmp_path / "one.epub"
    code, _, err = run(str(page_one), "-o", str(out), "-v")
    assert code == 0 and "the masthead announces 4 pages" in err
    notes = book_files(out.read_bytes())["EPUB/notes.xhtml"].decode("utf-8")
    items = re.findall(r"<li><span class=\"level\">[^<]*</span> ([^<]*)</li>", notes)
    assert items and all(not re.search(r"[A-Za-z]{3}", item) for item in items), items


def test_html_has_page_anchors_a_way_back_and_an_a4_page():
    html = render_html(full_issue())
    assert 'id="pb-1"' in html and 'role="doc-pagebreak"' in html
    assert 'class="to-toc" href="#toc"' in html and 'id="toc"' in html
    assert html.count('<p class="back"><a href="#toc">') >= 4
    assert re.search(r"@page\s*\{\s*size:\s*A4", html)


# --- Markdown for pandoc ----------------------------------------------------------------------


def test_front_matter_has_pandocs_keys_and_keeps_its_own_apart():
    yaml = pytest.importorskip("yaml")
    markdown = render_markdown(full_issue())
    data = yaml.safe_load(markdown.split("\n---\n", 1)[0][len("---\n"):])
    assert data["title"] == "中国劳动保障报 2023年11月8日 第7093期"
    assert data["lang"] == "zh-CN" and str(data["date"]) == "2023-11-08"
    assert data["identifier"].startswith("urn:uuid:") and data["publisher"] == "中国劳动保障报"
    assert set(data) == {"title", "lang", "date", "identifier", "publisher", "laobao"}
    assert data["laobao"]["id"] == "2023-11-08-7093" and data["laobao"]["paper"] == "中国劳动保障报"


def test_no_italics_for_chinese_text():
    markdown = render_markdown(full_issue())
    body = markdown.split("\n---\n", 1)[1]
    assert not re.search(r"(?m)^\*[^*\s]", body)
    assert "\n> 全国职业技能大赛筹备工作全面展开\n" in body
    assert "\n> ——来自第二届全国职业技能大赛赛区的报道\n" in body


def test_pandoc_makes_a_clean_epub_of_the_markdown(pdf_json, tmp_path):
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (the CI script installs it)")
    from test_writer_epub import epubcheck_reports

    from laobao_convert.serialize import issue_from_dict

    markdown = tmp_path / "issue.md"
    markdown.write_text(render_markdown(issue_from_dict(pdf_json)), encoding="utf-8")
    book = tmp_path / "pandoc.epub"
    subprocess.run(["pandoc", str(markdown), "-o", str(book)], check=True, timeout=120)
    assert epubcheck_reports([book])[book] == []
    opf = next(v for k, v in book_files(book.read_bytes()).items() if k.endswith(".opf"))
    package = ElementTree.fromstring(opf)
    assert package.find(f".//{DC}title").text == "中国劳动保障报 2020年9月11日 第7803期"
    assert package.find(f".//{DC}language").text == "zh-CN"
    text = "".join(v.decode("utf-8") for k, v in book_files(book.read_bytes()).items() if k.endswith(".xhtml"))
    assert 'id="2020-09-11-7803-p1-a1"' in text


# --- command-line habits ----------------------------------------------------------------------


def test_format_from_the_extension_any_case_and_folders_made(repo_root, tmp_path):
    source = str(repo_root / "samples" / "sample-issue.md")
    out = tmp_path / "a" / "b" / "c.EPUB"
    code, _, err = run(source, "-o", str(out), "-q")
    assert code == 0, err
    assert zipfile.is_zipfile(out)
    code, _, _ = run(source, "--to", "JSON", "-o", str(tmp_path / "x.json"), "-q")
    assert code == 0 and json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["id"]
    code, _, _ = run(source, "--to", "Markdown", "-o", str(tmp_path / "x.md"), "-q")
    assert code == 0 and (tmp_path / "x.md").read_text(encoding="utf-8").startswith("---\ntitle:")


def test_extension_contradicting_to_is_a_usage_error(repo_root, tmp_path):
    source = str(repo_root / "samples" / "sample-issue.md")
    code, _, err = run(source, "--to", "json", "-o", str(tmp_path / "x.epub"))
    assert code == 2 and err.count("\n") == 1 and "contradicts" in err
    assert not (tmp_path / "x.epub").exists()
    code, _, err = run(source, "-o", str(tmp_path / "x.txt"))
    assert code == 2 and err.count("\n") == 1 and "--to" in err
    code, _, err = run(source)
    assert code == 2 and err.count("\n") == 1
    # An extension no format has is the user's choice when --to says the format.
    assert run(source, "--to", "json", "-o", str(tmp_path / "x.txt"), "-q")[0] == 0
