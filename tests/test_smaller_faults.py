"""Small faults a nightly run must not let through: dates that cannot exist, file names and
text with control characters, form feeds inside a paragraph, and --name patterns that format
or hide their result."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from laobao_convert.parse import identify, parse_issue
from laobao_convert.readers.text import read_text
from tests.test_debug_dir import own_cache, run  # noqa: F401 - own_cache is an autouse fixture

BODY = ("各地加快推进基层公共服务建设，群众办事越来越方便，满意度持续提升，相关经验正在推广。"
        "记者在多个服务大厅看到，窗口前秩序井然。")


def page_one(date_line: str) -> str:
    return "\n\n".join(["# 中国劳动保障报", f"{date_line} 星期三 第7154期 今日4版", "## 标题在此", BODY])


def inner_page(date_line: str) -> str:
    return "\n\n".join([f"{date_line}  第2版  综合新闻  责任编辑 杨旭", "## 另一标题", BODY])


def parse(*pages: str):
    return parse_issue([read_text("\n\f".join(pages).encode("utf-8"), "issue.txt")])


# --- impossible dates ----------------------------------------------------------------------


@pytest.mark.parametrize("printed, quoted", [
    ("2020年13月45日", "2020年13月45日"), ("2023年2月30日", "2023年2月30日"), ("二〇二〇年十三月一日", "2020年13月1日"),
    ("1066年10月14日", "1066年10月14日"), ("2024年4月0日", "2024年4月0日")])
def test_an_impossible_masthead_date_is_a_warning_not_a_date(printed, quoted):
    issue = parse(page_one(printed))
    assert issue.masthead.date is None and issue.masthead.issue_number == 7154
    (warning,) = [w for w in issue.warnings if w.code == "impossible-date"]
    assert warning.page == 1 and "masthead" in warning.message
    assert f"「{quoted}」" in warning.message
    assert "标题在此" == issue.articles[0].title  # the line is still the masthead's


def test_an_impossible_page_header_date_is_a_warning_not_a_date():
    issue = parse(page_one("2024年4月24日"), inner_page("2020年13月45日"))
    assert issue.masthead.date == "2024-04-24"
    assert all(p.date in (None, "2024-04-24") for p in issue.pages)
    (warning,) = [w for w in issue.warnings if w.code == "impossible-date"]
    assert warning.page == 2 and "2020年13月45日" in warning.message


def test_a_real_date_gives_no_warning():
    issue = parse(page_one("2024年2月29日"), inner_page("2024年2月29日"))
    assert issue.masthead.date == "2024-02-29"
    assert not [w for w in issue.warnings if w.code == "impossible-date"]


def test_an_impossible_date_does_not_identify_an_issue():
    key = identify(read_text(inner_page("2020.13.45").encode("utf-8"), "x.txt"))
    assert key.date is None


def test_an_impossible_date_never_names_a_file_nor_dates_the_outputs(tmp_path):
    source = tmp_path / "in" / "issue.txt"
    source.parent.mkdir()
    source.write_text(page_one("2020年13月45日"), encoding="utf-8")
    out = tmp_path / "out"
    for fmt in ("json", "md", "epub"):
        code, _, err = run(str(source), "--to", fmt, "-o", f"{out}/", "--name", "{date}.{ext}")
        assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["issue.epub", "issue.json", "issue.md"]
    data = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    assert data["masthead"]["date"] is None
    # (page one alone of the issue its masthead announces: missing-pages says so)
    assert [w["code"] for w in data["warning_details"] if w["code"] != "missing-pages"] == ["impossible-date"]
    assert "2020-13" not in (out / "issue.md").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "issue.epub") as book:
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    assert "2020-13" not in opf


def test_an_impossible_date_in_own_markdown_front_matter(tmp_path):
    source = tmp_path / "in" / "issue.txt"
    source.parent.mkdir()
    source.write_text(page_one("2024年4月24日"), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(str(source), "--to", "md", "-o", f"{out}/", "--name", "{stem}.{ext}")
    assert code == 0, err
    md = (out / "issue.md").read_text(encoding="utf-8").replace("2024-04-24", "2020-13-45")
    bad = tmp_path / "bad" / "issue.md"
    bad.parent.mkdir()
    bad.write_text(md, encoding="utf-8")
    code, _, err = run(str(bad), "--to", "json", "-o", f"{out}/", "--name", "{date}.{ext}", "--report", str(tmp_path / "r"))
    assert code == 0, err
    assert (out / "issue.json").exists() and not list(out.glob("2020*"))
    record = json.loads((tmp_path / "r").read_text(encoding="utf-8"))
    assert record["date"] is None and any("impossible-date" in w for w in record["warnings"])


# --- control characters ----------------------------------------------------------------------

CONTROLS = "\x07\x08\x0b\x1b\x7f\x85\x9b"


def test_markdown_drops_control_characters_as_html_and_epub_do():
    from laobao_convert.writers.markdown import render_markdown

    dirty = "\n\n".join(["# 中国劳动保障报", "2024年4月24日 星期三 第7154期 今日4版",
                         "## 标题\x07在此\x1b[31m", "各地\x0b加快推进\x1b[2J基层\x85公共服务建设\x9b。" + BODY])
    issue = parse_issue([read_text(dirty.encode("utf-8"), "x\x1bname.txt")])
    text = render_markdown(issue)
    assert not any(c in text for c in CONTROLS)
    assert "### 标题在此\\[31m" in text and "各地加快推进\\[2J基层公共服务建设。" in text
    assert "xname.txt" in text


# --- --name patterns -------------------------------------------------------------------------


@pytest.mark.parametrize("pattern, expected", [
    ("{stem!r:>300}", "no format spec or conversion"),
    ("{stem!s}.{ext}", "no format spec or conversion"),
    ("{issue:08d}.{ext}", "no format spec or conversion"),
    ("{date:.4}.{ext}", "no format spec or conversion"),
    (".{ext}", "hidden file"),
    (".laobao-{date}.{ext}", "hidden file"),
    ("..", "hidden file"),
    ("a\nb.{ext}", "control characters"),
    ("a\\b.{ext}", "path separators"),
    ("{date}/{issue}.{ext}", "not a path"),
])
def test_name_patterns_that_format_hide_or_split_are_usage_errors(tmp_path, pattern, expected):
    source = tmp_path / "issue.txt"
    source.write_text(page_one("2024年4月24日"), encoding="utf-8")
    code, out, err = run(str(source), "--to", "json", "-o", f"{tmp_path}/out/", "--name", pattern)
    assert code == 2, err
    (line,) = err.splitlines()
    assert line.startswith("laobao-convert: ") and expected in line
    assert out == b"" and not (tmp_path / "out").exists()


# --- file names in messages ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bad\nname.pdf", "bad\rname.pdf", "\x1b[31mred.pdf", "evil\u202efdp.txt"])
def test_a_file_name_with_control_characters_is_quoted_in_one_line(tmp_path, name):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(b"%PDF-1.4 cut short")
    good = folder / "issue.txt"
    good.write_text(page_one("2024年4月24日"), encoding="utf-8")
    code, _, err = run(str(folder / name), str(good), "--to", "json", "-o", f"{tmp_path}/out/", "-q")
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith(f"laobao-convert: {str(folder / name)!r}: ")
    assert not any(c in err for c in "\r\x1b\u202e")


def test_warnings_quoting_a_name_stay_one_line_each(tmp_path):
    source = tmp_path / "two\nlines.txt"
    source.write_text(page_one("2020年13月45日"), encoding="utf-8")
    code, _, err = run(str(source), "--to", "json", "-o", f"{tmp_path}/out/", "-v")
    assert code == 0, err
    lines = err.splitlines()
    assert all(line.startswith("laobao-convert: ") for line in lines)
    assert any(line.startswith(f"laobao-convert: {str(source)!r}: warning: impossible-date: page 1") for line in lines)


def test_an_output_directory_with_a_newline_is_quoted(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    source = tmp_path / "issue.txt"
    source.write_text(page_one("2024年4月24日"), encoding="utf-8")
    target = f"{blocker}/a\nb/"
    code, _, err = run(str(source), "--to", "json", "-o", target)
    assert code != 0
    (line,) = err.splitlines()
    assert repr(target) in line


def test_a_file_name_that_is_not_utf8_is_quoted_and_reported(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xffname.pdf")
    with open(raw, "wb") as stream:
        stream.write(b"%PDF-1.4 cut short")
    name = os.fsdecode(raw)
    code, _, err = run(name, "--to", "json", "-o", f"{tmp_path}/out/", "-q", "--report", str(tmp_path / "r"))
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith(f"laobao-convert: {name!r}: ")
    (record,) = [json.loads(text) for text in (tmp_path / "r").read_text(encoding="utf-8").splitlines()]
    assert record["inputs"] == [name] and record["status"] == "failed"


# --- form feeds ------------------------------------------------------------------------------


def test_a_form_feed_inside_a_markdown_paragraph_is_not_a_page_break():
    from laobao_convert.readers.text import split_pages

    text = page_one("2024年4月24日").replace("群众办事", "群众\f办事") + "\n\n第二段  \n落款\f。\n"
    document = read_text(text.encode("utf-8"), "issue.md")
    assert len(document.pages) == 1
    issue = parse_issue([document])
    body = "".join(b.text for a in issue.articles for b in a.blocks)
    assert "群众办事" in body and "\f" not in body
    assert split_pages("第一版\n文字\f续上\n\f第二版\n文字\n\f\f第四版\n", "markdown") == [
        "第一版\n文字续上\n", "第二版\n文字\n", "第四版\n"]


def test_form_feeds_starting_lines_still_part_pages():
    text = "\n\f".join([page_one("2024年4月24日"), inner_page("2024年4月24日")]) + "\n\f"
    assert len(read_text(text.encode("utf-8"), "issue.md").pages) == 2
    pdftotext = text.replace("# ", "").replace("## ", "")
    assert len(read_text(pdftotext.encode("utf-8"), "issue.txt").pages) == 2
    assert len(read_text(pdftotext.replace("\n\f", "\f").encode("utf-8"), "issue.txt").pages) == 2
