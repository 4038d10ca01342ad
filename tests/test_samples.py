"""The committed samples: complete, reproducible byte for byte, and parsing to their truth."""

from __future__ import annotations

import importlib.util
import re
import shutil

import pytest

from tests.synth.compare import compare_issues, compare_unordered
from tests.synth.run import parse_text
from tests.synth.truthjson import issue_from_json


def _load_script(repo_root):
    spec = importlib.util.spec_from_file_location("make_samples", repo_root / "samples" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_files_are_all_there(repo_root):
    samples = repo_root / "samples"
    truth = issue_from_json((samples / "sample-issue.truth.json").read_text(encoding="utf-8"))
    assert len(truth.pages) >= 4
    date = truth.masthead.date.replace("-", "")
    names = sorted(p.name for p in (samples / "sample-issue").glob("*.pdf"))
    assert names == [f"{date}_{n:02d}.pdf" for n in range(1, len(truth.pages) + 1)]
    text = (samples / "sample-issue.txt").read_text(encoding="utf-8")
    assert text.count("\f") == len(truth.pages)
    md = (samples / "sample-issue.md").read_text(encoding="utf-8")
    assert md.count("\f") == len(truth.pages) - 1
    assert re.search(r"^## ", md, re.M)
    assert (samples / "sample-issue.pdf").read_bytes().startswith(b"%PDF-")


def test_sample_holds_what_a_sample_issue_should(repo_root):
    from tests.synth.coverage import features
    from tests.synth.layout import build

    layout = build(_load_script(repo_root).SAMPLE)
    found = features([layout])
    assert {"chain:1-2", "chain:1-3"} <= found
    assert {f for f in found if f.startswith("photo:") and f.endswith("-under")}
    assert {f"columns:{p.columns}" for p in layout.pages} <= {"columns:4", "columns:5", "columns:6"}
    assert any(b.type == "subhead" for a in layout.truth.articles for b in a.blocks)
    assert layout.pages[0].box and layout.pages[0].box[0] == "导读"
    assert all(page.header for page in layout.pages)


def test_samples_are_reproducible(repo_root, tmp_path):
    pytest.importorskip("reportlab")
    from tests.synth.pdf import find_font

    if find_font() is None:
        pytest.skip("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    written = _load_script(repo_root).write_samples(tmp_path)
    committed = repo_root / "samples"
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        stale = f"samples/{rel} differs: run samples/make_samples.py"
        assert (committed / rel).read_bytes() == path.read_bytes(), stale


@pytest.mark.parametrize("name", ["sample-issue.md", "sample-issue.txt"])
def test_sample_text_parses_to_truth(repo_root, name):
    samples = repo_root / "samples"
    truth = issue_from_json((samples / "sample-issue.truth.json").read_text(encoding="utf-8"))
    compare = compare_unordered if name.endswith(".txt") else compare_issues  # see compare_unordered
    diffs = compare(parse_text((samples / name).read_bytes(), name), truth)
    assert not diffs, f"{len(diffs)} differences:\n" + "\n".join(diffs[:40])
