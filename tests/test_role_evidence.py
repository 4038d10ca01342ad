"""Every piece the parser names carries what decided its role, for a PDF and for text alike:
the reader's evidence (the layout's typography, a Markdown heading mark) or the rule's (the
text's words, where it stands, how wide its lines are)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from laobao_convert.cli import main
from laobao_convert.parse.trace import trace_pages
from laobao_convert.readers import read_input

SAMPLES = ("sample-issue.pdf", "sample-issue.txt", "sample-issue.md")
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def pieces(path: Path):
    document = read_input(path.read_bytes(), path.name)
    return [piece for page in trace_pages([document]).values() for piece in page]


def unexplained(found):
    return [p for p in found if not p["evidence"]]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_piece_of_the_samples_says_why(repo_root, name):
    found = pieces(repo_root / "samples" / name)
    roles = {p["role"] for p in found}
    assert {"title", "body"} <= roles
    assert unexplained(found) == []


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")
@pytest.mark.parametrize("form", ("issue.txt", "issue.md", "issue.layout.txt"))
def test_every_piece_of_the_devset_says_why(form):
    # The text forms of every case (fast); the PDF of the smallest case below.
    for case in sorted(DEVSET.glob("case_*")):
        found = pieces(case / form)
        assert found, case.name
        assert unexplained(found) == [], (case.name, form)


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared devset is not here")
def test_every_piece_of_a_devset_pdf_says_why():
    found = pieces(DEVSET / "case_3001" / "issue.pdf")
    assert found and unexplained(found) == []


MASTHEAD = "中国劳动保障报\n\n2024年4月24日 星期三\n第7154期 今日2版\n\n"
BODY = ("人社部门聚焦重点群体就\n业需求，持续开展专项服务活\n动，帮助劳动者实现稳定就\n"
        "业。各地还举办了招聘会，\n提供岗位十万余个，达成意\n向两万余人。\n")


def test_text_roles_say_what_in_the_text_decided_them():
    page = (MASTHEAD + "稳岗扩就业\n本报记者 王晓丽\n" + BODY
            + "\n图为招聘会现场求职者在咨询岗位信息。\n本报记者 王晔 摄\n\n(下转第二版)\n")
    document = read_input(page.encode("utf-8"), "issue.txt")
    (found,) = trace_pages([document]).values()
    why = {p["role"]: " ".join(p["evidence"]) for p in found if p["part"]}
    assert "above its byline" in why["title"]
    assert "reporter" in why["byline"]
    assert "photo credit" in why["caption"]
    assert why["jump"] == "下转 line"
    assert "reads as masthead" in {e for p in found if p["part"] is None for e in p["evidence"]}


def test_pdf_roles_carry_the_layouts_typography(repo_root):
    found = pieces(repo_root / "samples" / "sample-issue.pdf")
    titles = [p for p in found if p["role"] == "title"]
    assert titles and all(" em" in " ".join(p["evidence"]) for p in titles)


def test_debug_dir_lists_the_parsers_pieces_for_text(repo_root, tmp_path, monkeypatch):
    monkeypatch.setenv("LAOBAO_CONVERT_CACHE", str(tmp_path / "cache.json"))
    out = tmp_path / "debug"
    result = CliRunner().invoke(main, [str(repo_root / "samples" / "sample-issue.txt"), "--to", "json",
                                       "-o", str(tmp_path / "x.json"), "--debug-dir", str(out)])
    assert result.exit_code == 0, result.stderr
    page = json.loads((out / "sample-issue-p01.json").read_text("utf-8"))
    assert page["parsed"] and all(p["evidence"] for p in page["parsed"])
    assert any(p["role"] == "title" for p in page["parsed"])
