"""A batch never loses an issue: no two issues of a run share an output, what is no newspaper
page is refused instead of becoming an issue, and a page saved twice is left out once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from laobao_convert.batch import Identity, InputRef, IssueGroup, group_issues, plan_outputs
from laobao_convert.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def records(out: bytes) -> list:
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


def ref(path: Path) -> InputRef:
    return InputRef(display=str(path), path=path)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAOBAO_CONVERT_CACHE", str(tmp_path / "cache" / "identities.json"))


def place(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


# --- no two issues of a run get one output ---------------------------------------------------


def test_a_suffix_never_takes_a_name_another_issue_has(tmp_path):
    groups = [IssueGroup((ref(tmp_path / d / n),)) for d, n in (("x", "a.md"), ("y", "a.md"), ("z", "a-2.md"))]
    planned = plan_outputs(groups, str(tmp_path / "out") + "/", "{stem}.{ext}", "json")
    assert len(set(planned)) == 3
    # An issue whose own name is unique keeps it; the one that collided takes a free one.
    assert [Path(p).name for p in planned] == ["a.json", "a-3.json", "a-2.json"]


def test_three_issues_named_by_stem_make_three_files(tmp_path, seed_path, repo_root):
    inputs = [
        place(seed_path, tmp_path / "x" / "a.md"),
        place(repo_root / "samples" / "sample-issue.md", tmp_path / "y" / "a.md"),
        place(repo_root / "tests" / "fixtures" / "text" / "issue-20240508.pdftotext.txt", tmp_path / "z" / "a-2.md"),
    ]
    out = tmp_path / "out"
    code, stdout, _ = run(*map(str, inputs), "--to", "json", "--name", "{stem}.{ext}", "-o", f"{out}/",
                          "--report", "-", "-q", "-j", "1")
    assert code == 0
    outputs = [r["output"] for r in records(stdout)]
    assert len(set(outputs)) == 3 and sorted(p.name for p in out.iterdir()) == ["a-2.json", "a-3.json", "a.json"]
    dates = {json.loads(Path(o).read_text(encoding="utf-8"))["masthead"]["date"] for o in outputs}
    assert dates == {"2024-04-24", "2020-09-11", "2024-05-08"}


def test_an_earlier_run_s_output_of_another_issue_is_not_overwritten(tmp_path, seed_path, repo_root):
    first = place(seed_path, tmp_path / "d1" / "a.md")
    second = place(repo_root / "samples" / "sample-issue.md", tmp_path / "d2" / "a.md")
    out = tmp_path / "out"

    def convert(source: Path, *extra: str) -> dict:
        code, stdout, _ = run(str(source), "--to", "json", "--name", "{stem}.{ext}", "-o", f"{out}/",
                              "--report", "-", "-q", *extra)
        assert code == 0
        (record,) = records(stdout)
        return record

    def date_in(name: str) -> str:
        return json.loads((out / name).read_text(encoding="utf-8"))["masthead"]["date"]

    assert convert(first)["output"] == str(out / "a.json")
    assert convert(second)["output"] == str(out / "a-2.json")  # a.json is the other issue's
    assert (date_in("a.json"), date_in("a-2.json")) == ("2024-04-24", "2020-09-11")
    # Each issue's own earlier output is its own: rewritten, or skipped when up to date.
    assert convert(first)["output"] == str(out / "a.json")
    skipped = convert(second, "--skip-existing")
    assert (skipped["status"], skipped["output"]) == ("skipped", str(out / "a-2.json"))
    assert sorted(p.name for p in out.iterdir()) == ["a-2.json", "a.json"]


def test_a_name_made_of_date_and_number_is_never_moved_aside(tmp_path):
    group = IssueGroup((ref(tmp_path / "x" / "a.md"),), "2024-04-24", 7154)
    planned = plan_outputs([group], f"{tmp_path}/", "{date}-{issue}.{ext}", "json", lambda path, group: True)
    assert planned == [str(tmp_path / "2024-04-24-7154.json")]
    planned = plan_outputs([group], f"{tmp_path}/", "{stem}.{ext}", "json", lambda path, group: path.name == "a.json")
    assert planned == [str(tmp_path / "a-2.json")]


# --- what is no newspaper page is no issue ---------------------------------------------------


def test_a_readme_and_notes_are_not_newspaper_pages(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text("# My project\n\nA tool that does things.\n\n## Install\n\nRun make.\n")
    (folder / "notes.txt").write_text("notes: buy milk\ncall bob about the report\n")
    code, stdout, stderr = run(str(folder), "--to", "epub", "--report", "-", "-q", "-j", "1")
    assert code == 1
    failed = {r["where"]: r["message"] for r in records(stdout)}
    assert set(failed) == {str(folder / "README.md"), str(folder / "notes.txt")}
    assert all(m.startswith("not a newspaper page") for m in failed.values())
    assert len(stderr.strip().splitlines()) == 2 and "Traceback" not in stderr
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "notes.txt"]


def test_other_publications_in_one_folder_are_refused_not_merged(tmp_path, shared_dir):
    folder = tmp_path / "in"
    for name in ("la-precinct-bulletin-2014-p1.pdf", "mineru_complex_layout_zh_magazine.pdf"):
        place(shared_dir / "realdata" / "pdf" / name, folder / name)
    out = tmp_path / "out"
    code, stdout, _ = run(str(folder), "--to", "json", "-o", f"{out}/", "--report", "-", "-q", "-j", "1")
    assert code == 1
    got = sorted(records(stdout), key=lambda r: r["inputs"][0])
    # The bulletin has no sign of a newspaper; the magazine page has headlines over its text
    # and is an issue of its own: nothing on the two says they belong together.
    assert [(r["status"], len(r["inputs"])) for r in got] == [("failed", 1), ("ok", 1)]
    assert got[0]["message"].startswith("not a newspaper page") and "bulletin" in got[0]["inputs"][0]
    assert len(list(out.iterdir())) == 1


def test_real_pages_with_one_sign_of_a_newspaper_still_convert(tmp_path, seed_path, repo_root):
    # A page one with its masthead; inner page files with only their headers; one article
    # opening with a dateline.
    inputs = [place(seed_path, tmp_path / "seed" / seed_path.name)]
    for n in (2, 3):
        inputs.append(place(repo_root / "samples" / "sample-issue" / f"20200911_0{n}.pdf", tmp_path / "p" / f"20200911_0{n}.pdf"))
    article = tmp_path / "a" / "article.txt"
    article.parent.mkdir()
    article.write_text("全省新增城镇就业十二万人\n\n本报讯(记者 张明)一季度，全省城镇新增就业十二万人。\n", encoding="utf-8")
    inputs.append(article)
    code, stdout, _ = run(*map(str, inputs), "--to", "json", "-o", f"{tmp_path / 'out'}/", "--report", "-", "-q", "-j", "1")
    assert code == 0
    assert [r["status"] for r in records(stdout)] == ["ok", "ok", "ok"]


def test_inputs_saying_nothing_in_common_are_not_grouped(tmp_path):
    readme = Identity(ref(tmp_path / "x" / "README.md"), page_numbers=(1,))
    notes = Identity(ref(tmp_path / "x" / "notes.md"), page_numbers=(2,))
    pages = [Identity(ref(tmp_path / "x" / f"issue_0{n}.pdf"), page_numbers=(n,)) for n in (1, 2)]
    groups = group_issues([readme, notes] + pages)
    assert [[r.path.name for r in g.inputs] for g in groups] == [["README.md"], ["notes.md"], ["issue_01.pdf", "issue_02.pdf"]]


def test_an_undated_page_of_another_name_does_not_join_the_issue_beside_it(tmp_path):
    front = Identity(ref(tmp_path / "x" / "20240424_01.pdf"), "2024-04-24", 7154, (1,))
    inner = Identity(ref(tmp_path / "x" / "20240424_02.pdf"), None, None, (2,))
    stray = Identity(ref(tmp_path / "x" / "flyer.pdf"), None, None, (3,))
    groups = group_issues([front, inner, stray])
    assert [[r.path.name for r in g.inputs] for g in groups] == [["20240424_01.pdf", "20240424_02.pdf"], ["flyer.pdf"]]


# --- a page saved twice ----------------------------------------------------------------------


def test_a_copy_of_a_page_is_left_out_with_a_duplicate_page_warning(tmp_path, repo_root):
    folder = tmp_path / "in"
    first = place(repo_root / "samples" / "sample-issue" / "20200911_01.pdf", folder / "20200911_01.pdf")
    shutil.copy(first, folder / "20200911_02.pdf")
    out = tmp_path / "out"
    code, stdout, _ = run(str(folder), "--to", "json", "-o", f"{out}/", "--report", "-", "-q", "-j", "1")
    assert code == 0
    (record,) = records(stdout)
    assert record["inputs"] == [str(folder / "20200911_01.pdf"), str(folder / "20200911_02.pdf")]
    assert record["pages"] == 1
    (warning,) = [w for w in record["warnings"] if w.startswith("duplicate-page")]
    assert "20200911_02.pdf repeats page 1 of 20200911_01.pdf" in warning
    issue = json.loads(Path(record["output"]).read_text(encoding="utf-8"))
    assert [p["number"] for p in issue["pages"]] == [1]
    assert [s["name"] for s in issue["provenance"]["sources"]] == ["20200911_01.pdf"]
    assert [p.name for p in out.iterdir()] == ["2020-09-11-7803.json"]


def test_a_text_saved_twice_under_two_names_is_one_issue(tmp_path, seed_path):
    first = place(seed_path, tmp_path / "in" / "a.md")
    shutil.copy(first, tmp_path / "in" / "b.md")
    code, stdout, _ = run(str(tmp_path / "in"), "--to", "json", "-o", f"{tmp_path / 'out'}/",
                          "--report", "-", "-q", "-j", "1")
    assert code == 0
    (record,) = records(stdout)
    assert any(w.startswith("duplicate-page: b.md repeats page 1 of a.md") for w in record["warnings"])
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2024-04-24-7154.json"]


def test_a_printed_page_with_a_headline_over_its_text_is_a_newspaper_page():
    # Any paper's page, in any language, has articles its layout finds; a PDF page with a
    # title in headline type over running text is not refused, dateline or not.
    from laobao_convert.content import BBox, Document, Line, PageContent, TextBlock
    from laobao_convert.model import SourceFile
    from laobao_convert.parse import identify

    def block(text, role, region):
        return TextBlock(lines=(Line(text=text, bbox=BBox(0, 0, 10, 10)),), role=role, region=region)

    page = PageContent(blocks=(block("Harbour reopens", "title", 0), block("The harbour reopened.", "body", 0)),
                       source="front.pdf")
    headed = Document(pages=(page,), source=SourceFile("front.pdf", "0" * 64, 1), kind="pdf")
    assert identify(headed).newspaper
    bare = Document(pages=(PageContent(blocks=(block("The harbour reopened.", "body", 0),), source="x.pdf"),),
                    source=SourceFile("x.pdf", "0" * 64, 1), kind="pdf")
    assert not identify(bare).newspaper
