"""The real page one, typeset: seed text -> Issue -> PDF -> Issue gives the same articles.

The seed's text is parsed, its articles are set as a PDF page by the synthetic typesetter,
and the PDF is read and parsed again: the articles must come back as the text gave them.
"""

from __future__ import annotations

import pytest

from tests.synth.compare import compare_issues
from tests.synth.run import parse_pdfs, parse_text


def test_seed_text_typeset_and_read_back_gives_the_same_articles(seed_path, tmp_path):
    pytest.importorskip("reportlab")
    from tests.synth import pdf

    if pdf.find_font() is None:
        pytest.skip("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    from_text = parse_text(seed_path.read_bytes(), seed_path.name)
    assert len(from_text.articles) == 4
    path = tmp_path / "seed.pdf"
    path.write_bytes(pdf.typeset_issue(from_text))
    from_pdf = parse_pdfs([(path.read_bytes(), path.name)])
    diffs = compare_issues(from_pdf, from_text, masthead=False, pages=False)
    assert not diffs, f"{len(diffs)} differences:\n" + "\n".join(diffs[:40])
    masthead = compare_issues(from_pdf, from_text, pages=False)[: -len(diffs) or None]
    assert not masthead, "\n".join(masthead)
