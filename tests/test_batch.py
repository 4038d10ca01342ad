"""Batches: expanding the command line, grouping pages into issues, naming outputs,
--skip-existing, and running jobs in worker processes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from laobao_convert.batch import (
    DEFAULT_NAME,
    Identity,
    InputRef,
    IssueGroup,
    NamePatternError,
    check_name_pattern,
    expand_inputs,
    group_issues,
    is_up_to_date,
    output_name,
    plan_outputs,
    run_jobs,
)


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ref(path: Path) -> InputRef:
    return InputRef(display=str(path), path=path)


# --- expanding ------------------------------------------------------------------------------


def test_files_directories_and_globs_expand_once_each_in_order(tmp_path):
    a = touch(tmp_path / "b" / "20240424_02.pdf")
    b = touch(tmp_path / "b" / "20240424_01.pdf")
    c = touch(tmp_path / "b" / "notes.docx")  # not an input suffix: directories skip it
    touch(tmp_path / "b" / ".hidden.pdf")
    d = touch(tmp_path / "c" / "x.txt")
    refs, bad = expand_inputs([str(tmp_path / "b"), str(a), str(tmp_path / "c" / "*.txt")])
    assert bad == []
    assert [r.path for r in refs] == [b, a, d]
    assert c not in [r.path for r in refs]


def test_a_file_named_explicitly_is_taken_whatever_its_suffix(tmp_path):
    odd = touch(tmp_path / "issue.data")
    refs, bad = expand_inputs([str(odd)])
    assert [r.path for r in refs] == [odd] and bad == []


def test_missing_file_empty_directory_and_unmatched_glob_are_named(tmp_path):
    (tmp_path / "empty").mkdir()
    touch(tmp_path / "empty" / "readme.docx")
    refs, bad = expand_inputs([str(tmp_path / "nope.pdf"), str(tmp_path / "empty"), str(tmp_path / "*.xyz")])
    assert refs == []
    assert [(b.display, b.message.split(" (")[0]) for b in bad] == [
        (str(tmp_path / "nope.pdf"), "no such file or directory"),
        (str(tmp_path / "empty"), "no inputs in directory"),
        (str(tmp_path / "*.xyz"), "no file matches this pattern"),
    ]


def test_stdin_is_an_input():
    refs, bad = expand_inputs(["-"])
    assert len(refs) == 1 and refs[0].is_stdin and bad == []


# --- grouping -------------------------------------------------------------------------------


def test_pages_carrying_one_date_make_one_issue_in_page_order(tmp_path):
    p1 = Identity(ref(tmp_path / "a.pdf"), "2024-04-24", 7154, (1,))
    p3 = Identity(ref(tmp_path / "c.pdf"), "2024-04-24", None, (3,))
    p2 = Identity(ref(tmp_path / "b.pdf"), "2024-04-24", None, (2,))
    other = Identity(ref(tmp_path / "d.pdf"), "2024-04-25", 7155, (1,))
    groups = group_issues([p3, p1, other, p2])
    assert [[r.path.name for r in g.inputs] for g in groups] == [["a.pdf", "b.pdf", "c.pdf"], ["d.pdf"]]
    assert (groups[0].date, groups[0].issue_number) == ("2024-04-24", 7154)
    assert (groups[1].date, groups[1].issue_number) == ("2024-04-25", 7155)


def test_inputs_carrying_nothing_are_grouped_by_directory(tmp_path):
    x1 = Identity(ref(tmp_path / "x" / "1.txt"), page_numbers=(1,))
    x2 = Identity(ref(tmp_path / "x" / "2.txt"), page_numbers=(2,))
    y1 = Identity(ref(tmp_path / "y" / "1.txt"), page_numbers=(1,))
    groups = group_issues([x1, y1, x2])
    assert [[str(r.path.relative_to(tmp_path)) for r in g.inputs] for g in groups] == [
        ["x/1.txt", "x/2.txt"],
        ["y/1.txt"],
    ]


def test_an_undated_page_joins_the_one_issue_of_its_directory(tmp_path):
    front = Identity(ref(tmp_path / "x" / "1.pdf"), "2024-04-24", 7154, (1,))
    inner = Identity(ref(tmp_path / "x" / "2.pdf"), None, None, (2,))
    elsewhere = Identity(ref(tmp_path / "y" / "2.pdf"), None, None, (2,))
    groups = group_issues([front, inner, elsewhere])
    assert [len(g.inputs) for g in groups] == [2, 1]


def test_a_whole_issue_and_its_page_files_are_not_merged_into_repeated_pages(tmp_path):
    whole = Identity(ref(tmp_path / "issue.pdf"), "2024-04-24", 7154, (1, 2, 3, 4))
    pages = [Identity(ref(tmp_path / f"p{n}.pdf"), "2024-04-24", 7154 if n == 1 else None, (n,)) for n in (1, 2, 3, 4)]
    groups = group_issues([whole] + pages)
    assert [[r.path.name for r in g.inputs] for g in groups] == [["issue.pdf"], ["p1.pdf", "p2.pdf", "p3.pdf", "p4.pdf"]]


def test_stdin_is_an_issue_of_its_own(tmp_path):
    groups = group_issues([Identity(InputRef("-"), "2024-04-24", 7154, (1,)), Identity(ref(tmp_path / "p2.pdf"), "2024-04-24", None, (2,))])
    assert any(g.inputs == (InputRef("-"),) for g in groups)


# --- naming ---------------------------------------------------------------------------------


def test_default_name_uses_date_and_issue_number(tmp_path):
    group = IssueGroup((ref(tmp_path / "20240424_01.pdf"),), "2024-04-24", 7154)
    assert DEFAULT_NAME == "{date}-{issue}.{ext}"
    assert output_name(group, DEFAULT_NAME, "epub") == "2024-04-24-7154.epub"


def test_name_falls_back_to_the_input_stem_when_the_issue_carries_no_number(tmp_path):
    group = IssueGroup((ref(tmp_path / "scan_a.txt"),), "2024-04-24", None)
    assert output_name(group, DEFAULT_NAME, "md") == "scan_a.md"
    assert output_name(group, "{date}.{ext}", "md") == "2024-04-24.md"


@pytest.mark.parametrize("pattern", ["{year}.{ext}", "out/{date}.{ext}", "{date", ""])
def test_bad_name_patterns_are_refused(pattern):
    with pytest.raises(NamePatternError):
        check_name_pattern(pattern)


def test_outputs_beside_a_single_input_into_a_directory_or_to_stdout(tmp_path):
    single = IssueGroup((ref(tmp_path / "in" / "issue.pdf"),), "2024-04-24", 7154)
    pages = IssueGroup((ref(tmp_path / "in" / "p1.pdf"), ref(tmp_path / "in" / "p2.pdf")), "2024-04-25", 7155)
    assert plan_outputs([single, pages], None, DEFAULT_NAME, "epub") == [
        str(tmp_path / "in" / "issue.epub"),
        str(tmp_path / "in" / "2024-04-25-7155.epub"),
    ]
    assert plan_outputs([single, pages], str(tmp_path / "out") + "/", DEFAULT_NAME, "json") == [
        str(tmp_path / "out" / "2024-04-24-7154.json"),
        str(tmp_path / "out" / "2024-04-25-7155.json"),
    ]
    assert plan_outputs([single], "-", DEFAULT_NAME, "md") == ["-"]
    assert plan_outputs([IssueGroup((InputRef("-"),))], None, DEFAULT_NAME, "md") == ["-"]


def test_two_issues_with_one_name_are_told_apart(tmp_path):
    a = IssueGroup((ref(tmp_path / "a.pdf"),), "2024-04-24", 7154)
    b = IssueGroup((ref(tmp_path / "b.pdf"),), "2024-04-24", 7154)
    assert plan_outputs([a, b], str(tmp_path) + "/", DEFAULT_NAME, "md") == [
        str(tmp_path / "2024-04-24-7154.md"),
        str(tmp_path / "2024-04-24-7154-2.md"),
    ]


# --- skip-existing --------------------------------------------------------------------------


def test_up_to_date_means_output_not_older_than_every_input(tmp_path):
    source = touch(tmp_path / "a.txt")
    out = touch(tmp_path / "a.json")
    os.utime(source, ns=(1_000_000_000_000, 1_000_000_000_000))
    os.utime(out, ns=(2_000_000_000_000, 2_000_000_000_000))
    assert is_up_to_date(str(out), [ref(source)])
    os.utime(source, ns=(3_000_000_000_000, 3_000_000_000_000))
    assert not is_up_to_date(str(out), [ref(source)])
    assert not is_up_to_date(str(tmp_path / "missing.json"), [ref(source)])
    assert not is_up_to_date("-", [ref(source)])


# --- jobs -----------------------------------------------------------------------------------


def _square_and_pid(n: int):
    return n * n, os.getpid()


def test_jobs_keep_the_order_of_items_and_use_worker_processes():
    results = list(run_jobs(_square_and_pid, [3, 1, 2, 5], jobs=2))
    assert [r for r, _ in results] == [9, 1, 4, 25]
    assert all(pid != os.getpid() for _, pid in results)
    in_process = list(run_jobs(_square_and_pid, [3, 1], jobs=1))
    assert [r for r, _ in in_process] == [9, 1] and all(pid == os.getpid() for _, pid in in_process)


def test_workers_leave_once_the_last_job_is_done_and_are_gone_when_the_jobs_end():
    import multiprocessing

    before = set(multiprocessing.active_children())
    results = run_jobs(_square_and_pid, [3, 1, 2], jobs=2)
    assert [next(results)[0] for _ in range(3)] == [9, 1, 4]
    # The last result is in the caller's hands: the workers leave meanwhile, unasked.
    deadline = time.monotonic() + 5
    while set(multiprocessing.active_children()) - before:
        assert time.monotonic() < deadline, "the workers stayed after the last job"
        time.sleep(0.01)
    assert list(results) == []


def test_an_input_with_a_masthead_but_no_page_number_counts_as_page_one(tmp_path):
    seed_page = Identity(ref(tmp_path / "a" / "front.md"), "2024-04-24", 7154, ())
    copy = Identity(ref(tmp_path / "b" / "copy.md"), "2024-04-24", 7154, ())
    inner = Identity(ref(tmp_path / "a" / "p2.md"), "2024-04-24", None, (2,))
    groups = group_issues([seed_page, copy, inner])
    assert [[r.path.name for r in g.inputs] for g in groups] == [["front.md", "p2.md"], ["copy.md"]]


def test_a_page_one_without_a_readable_date_joins_its_inner_pages(tmp_path):
    front = Identity(ref(tmp_path / "x" / "20200911_01.pdf"), None, 7803, (1,))
    inner = [Identity(ref(tmp_path / "x" / f"20200911_0{n}.pdf"), "2020-09-11", None, (n,)) for n in (2, 3, 4)]
    (group,) = group_issues([front] + inner)
    assert [r.path.name for r in group.inputs] == [f"20200911_0{n}.pdf" for n in (1, 2, 3, 4)]
    assert (group.date, group.issue_number) == ("2020-09-11", 7803)


def test_contradicting_inputs_in_one_directory_stay_apart(tmp_path):
    a = Identity(ref(tmp_path / "x" / "a.pdf"), "2020-09-11", None, (2,))
    b = Identity(ref(tmp_path / "x" / "b.pdf"), "2020-09-12", None, (2,))
    assert len(group_issues([a, b])) == 2


def test_whole_issue_texts_whose_page_one_is_unnumbered_are_not_merged_with_page_files(tmp_path):
    text = Identity(ref(tmp_path / "issue.txt"), "2020-09-11", 7803, (2, 3, 4))
    pdf = Identity(ref(tmp_path / "issue.pdf"), "2020-09-11", 7803, (1, 2, 3, 4))
    front = Identity(ref(tmp_path / "p" / "01.pdf"), None, 7803, (1,))
    inner = Identity(ref(tmp_path / "p" / "02.pdf"), "2020-09-11", None, (2,))
    groups = group_issues([text, pdf, front, inner])
    assert [[r.path.name for r in g.inputs] for g in groups] == [["issue.txt"], ["issue.pdf"], ["01.pdf", "02.pdf"]]


def _die_on_two(n: int) -> int:
    if n == 2:
        os._exit(9)  # a worker killed outright, as the kernel does when memory runs out
    return n * 10


def test_a_worker_that_dies_fails_only_its_own_item():
    results = list(run_jobs(_die_on_two, [1, 2, 3, 4], jobs=2, on_crash=lambda item, error: f"crashed {item}"))
    assert results == [10, "crashed 2", 30, 40]


def test_a_directory_search_skips_markdown_this_tool_wrote(tmp_path):
    page = touch(tmp_path / "page.md", "## 标题\n\n正文。\n")
    touch(tmp_path / "2024-04-24-7154.md", "---\npages:\n  - {number: 1}\ngenerator: laobao-convert 0.1.0\n---\n\n# 中国劳动保障报\n")
    refs, _ = expand_inputs([str(tmp_path)])
    assert [r.path for r in refs] == [page]
    refs, _ = expand_inputs([str(tmp_path / "2024-04-24-7154.md")])
    assert len(refs) == 1  # named explicitly, it is read (the Markdown round trip)


def test_the_identity_cache_remembers_unchanged_files_only(tmp_path):
    from laobao_convert.batch import IdentityCache

    page = touch(tmp_path / "p1.txt", "第一版")
    store = tmp_path / "cache" / "identities.json"
    cache = IdentityCache.load(store, "1.0")
    assert cache.get(ref(page)) is None
    cache.put(Identity(ref(page), "2024-04-24", 7154, (1,)))
    cache.save()
    again = IdentityCache.load(store, "1.0")
    assert again.get(ref(page)) == Identity(ref(page), "2024-04-24", 7154, (1,))
    assert IdentityCache.load(store, "2.0").get(ref(page)) is None  # another version decides anew
    page.write_text("第一版，改过", encoding="utf-8")
    assert again.get(ref(page)) is None
    store.write_text("{not json", encoding="utf-8")
    assert IdentityCache.load(store, "1.0").get(ref(page)) is None
