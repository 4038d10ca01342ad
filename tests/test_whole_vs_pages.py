"""A whole-issue PDF and the same issue as one PDF per page give the same issue."""

from __future__ import annotations

import io
import json

from laobao_convert.parse import parse_issue
from laobao_convert.readers import read_input
from laobao_convert.registry import get_writer
from near_boxes import near_boxes


def _json_without_provenance(paths) -> dict:
    documents = [read_input(path.read_bytes(), path.name) for path in paths]
    stream = io.BytesIO()
    get_writer("json").write(parse_issue(documents), stream)
    data = json.loads(stream.getvalue())
    data.pop("provenance")  # names the input files, which differ by design
    for page in data["pages"]:
        assert page.pop("source") in {path.name for path in paths}  # so do the pages' sources
        page.pop("index")
    # A page saved as its own file has its fonts subset anew: glyphs move by hundredths of a point.
    return near_boxes(data, tolerance=0.5)


def test_whole_issue_and_its_pages_in_any_order_give_the_same_json(repo_root):
    samples = repo_root / "samples"
    pages = sorted((samples / "sample-issue").glob("*.pdf"))
    assert len(pages) >= 4
    whole = _json_without_provenance([samples / "sample-issue.pdf"])
    # E-paper downloads arrive in any order; the printed page numbers put them right.
    shuffled = pages[1:][::-1] + pages[:1]
    assert sorted(shuffled) == pages
    assert _json_without_provenance(shuffled) == whole
    assert [page["number"] for page in whole["pages"]] == list(range(1, len(pages) + 1))
    assert any(article["jumps"] and all(j["resolved"] for j in article["jumps"]) for article in whole["articles"])
