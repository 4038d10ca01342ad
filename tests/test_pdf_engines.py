"""Differential tests: the PDFium engine and the pdfplumber engine (the reference the layout
rules were written against) give the same JSON, apart from provenance, on the samples and on
the real PDFs of the shared set.

Where PDFium and pdfminer legitimately differ, a file is listed in DIFFERENT with why, and
only what must still agree is checked there:

- spaces: PDFium cannot tell a space in the content stream from one it inferred between two
  far-apart glyphs (both are "generated" to it), so the PDFium engine has no space glyphs;
  pdfminer keeps the ones the file draws. Latin text set with drawn spaces can then be split
  into lines and articles a little differently;
- glyph boxes: pdfminer's box is the glyph's advance by the font size above the font's
  descent line, PDFium's loose box the glyph cell of the font program; they part for synthetic
  italics (a skewed text matrix) and for the standard Symbol font, whose descent PDFium takes
  from its own font file.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

from near_boxes import near_boxes
from laobao_convert.parse import parse_issue
from laobao_convert.readers import ReadOptions
from laobao_convert.readers.pdf import read_pdf
from laobao_convert.writers.json_writer import JsonWriter

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "sample-issue.pdf"
SAMPLE_PAGES = REPO / "samples" / "sample-issue"

DIFFERENT = {
    "federal-register-2020-17221.pdf": "Latin text with drawn spaces; synthetic italics and Symbol bullets",
    "mineru_complex_layout_zh_magazine.pdf": "drawn spaces between Chinese words",
}
"""Real PDFs on which the engines may give different JSON, and why (see the module's text)."""


def converted(paths, engine: str) -> dict:
    documents = [read_pdf(path.read_bytes(), path.name, ReadOptions(pdf_engine=engine)) for path in paths]
    out = io.BytesIO()
    JsonWriter().write(parse_issue(documents), out)
    issue = json.loads(out.getvalue())
    issue.pop("provenance", None)  # the tool and its version: not what is compared
    # The engines' glyph boxes part by a fraction of a point, and a full-width punctuation
    # mark's box is its advance to pdfminer, its ink to PDFium: up to an em apart.
    return near_boxes(issue, tolerance=12.0)


def real_pdfs(shared_dir: Path):
    folder = shared_dir / "realdata" / "pdf"
    found = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
    if not found:
        pytest.skip("no real PDFs in the shared set")
    return found


def test_the_whole_sample_issue_gives_the_same_json():
    assert converted([SAMPLE], "pdfium") == converted([SAMPLE], "pdfplumber")


def test_the_sample_pages_give_the_same_json():
    pages = sorted(SAMPLE_PAGES.glob("*.pdf"))
    assert pages
    assert converted(pages, "pdfium") == converted(pages, "pdfplumber")


def test_real_pdfs_give_the_same_json(shared_dir):
    for path in real_pdfs(shared_dir):
        if path.name in DIFFERENT:
            continue
        assert converted([path], "pdfium") == converted([path], "pdfplumber"), path.name


def test_where_the_engines_may_differ_they_keep_the_same_text(shared_dir):
    """Spaces and boxes aside, every printed character is read, and nearly all of them end up
    in the same articles' text (a glyph moved by a box difference may be left out or taken in
    elsewhere: at most one in a hundred)."""
    for path in real_pdfs(shared_dir):
        if path.name not in DIFFERENT:
            continue
        pdfium, pdfplumber = converted([path], "pdfium"), converted([path], "pdfplumber")
        assert [page.get("number") for page in pdfium["pages"]] == [page.get("number") for page in pdfplumber["pages"]]
        ours, theirs = _characters(pdfium["articles"]), _characters(pdfplumber["articles"])
        differing = sum(((ours - theirs) + (theirs - ours)).values())
        assert differing <= sum(theirs.values()) / 100, (path.name, (ours - theirs), (theirs - ours))


def _characters(value) -> Counter:
    if isinstance(value, str):
        return Counter(c for c in value if not c.isspace())
    counts: Counter = Counter()
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        counts += _characters(item)
    return counts
