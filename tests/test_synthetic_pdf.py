"""The PDF path against the truth: PDFs typeset on the fly with several seeds, and the samples.

Typesetting needs reportlab and the WenQuanYi Zen Hei font; without them the on-the-fly cases
skip (the committed samples still run).
"""

from __future__ import annotations

import pytest

from tests.synth.compare import compare_issues
from tests.synth.layout import Options, build
from tests.synth.run import parse_pdfs
from tests.synth.truthjson import issue_from_json

LAYOUTS = {
    "four-columns": Options(seed=31, pages=4, columns=(4,), articles=4),
    "five-columns-l-shapes": Options(seed=32, pages=4, columns=(5,), articles=3, l_shapes=1.0),
    "six-columns-images": Options(seed=33, pages=4, columns=(6,), articles=5, images=1.0),
    # An L over a six-column article whose title is centred over its middle columns, and a
    # jump line flush right under a lone short line beside a captioned photo.
    "six-columns-l-over-centred-title": Options(seed=112, pages=2, columns=(6,), articles=4, images=1.0),
    # A kicker set barely larger than the body over its title; a two-column stretch under a
    # caption whose only full row has no line of its size around it.
    "mixed-columns-small-kicker-short-stretch": Options(
        seed=112, pages=2, columns=(5, 6), articles=4, images=1.0, l_shapes=1.0),
    # A title too long for its frame, wrapped onto a one-character second line.
    "six-columns-wrapped-title": Options(seed=234, pages=4, columns=(6,), articles=6, images=1.0, l_shapes=1.0),
    # Small kickers over titles on a crowded six-column page.
    "six-columns-six-articles-kickers": Options(seed=238, pages=2, columns=(6,), articles=6, images=1.0, l_shapes=1.0),
}


def _report(diffs, limit: int = 40) -> str:
    more = f"\n… and {len(diffs) - limit} more" if len(diffs) > limit else ""
    return f"{len(diffs)} differences from the truth:\n" + "\n".join(diffs[:limit]) + more


@pytest.fixture(scope="module")
def typesetter():
    pytest.importorskip("reportlab")
    from tests.synth import pdf

    if pdf.find_font() is None:
        pytest.skip("the CJK font WenQuanYi Zen Hei (fonts-wqy-zenhei) is not installed")
    return pdf


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_generated_pdf_parses_to_truth(name, typesetter, tmp_path):
    layout = build(LAYOUTS[name])
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(typesetter.typeset(layout))
    diffs = compare_issues(parse_pdfs([(path.read_bytes(), path.name)]), layout.truth)
    assert not diffs, _report(diffs)


@pytest.mark.parametrize("seed", [30, 32, 43, 51])
def test_rules_run_around_l_shapes(seed):
    # Along the main block's foot only past the leg, down the leg's side, under the leg: no
    # rule crosses the leg, which would cut the article in two.
    from tests.synth.layout import column_grid

    layout = build(Options(seed=seed, pages=3, columns=(5, 6), articles=3, l_shapes=1.0))
    foot = layout.options.height - layout.options.margin - 1
    shapes = 0
    for page in layout.pages:
        xs, colw = column_grid(layout.options, page.columns)
        across = [r for r in page.rules if r[1] == r[3]]
        down = [r for r in page.rules if r[0] == r[2]]
        for piece in page.pieces:
            if not piece.leg:
                continue
            shapes += 1
            c0, n = piece.cols
            legs, leg_bottom = piece.leg
            leg_x0, leg_x1 = xs[c0], xs[c0 + legs - 1] + colw
            free_x0, free_x1 = xs[c0 + legs], xs[c0 + n - 1] + colw
            at_foot = [r for r in across if abs(r[1] - piece.bottom) < 1]
            assert not [r for r in at_foot if r[0] < leg_x1 and r[2] > leg_x0], "a rule crosses the leg"
            assert piece.bottom >= foot or any(r[0] <= free_x0 and r[2] >= free_x1 for r in at_foot)
            assert any(leg_x1 < r[0] < free_x0 and r[1] <= piece.bottom + 4 and r[3] >= leg_bottom - 4 for r in down)
            if leg_bottom < foot:
                assert any(abs(r[1] - leg_bottom) < 1 and r[0] <= leg_x0 and r[2] >= leg_x1 for r in across)
    assert shapes


def test_typesetting_is_deterministic_and_scrambled(typesetter):
    import io

    import pdfplumber

    layout = build(Options(seed=34, pages=2))
    first, second = typesetter.typeset(layout), typesetter.typeset(layout)
    assert first == second
    with pdfplumber.open(io.BytesIO(first)) as pdf:
        chars = pdf.pages[1].chars
        text = "".join(c["text"] for c in chars)
        assert "(cid:" not in text
        # Content-stream order is not reading order: the tops jump back up the page.
        tops = [round(c["top"]) for c in chars]
        assert sum(1 for a, b in zip(tops, tops[1:]) if b < a - 50) > 5


def test_text_layer_is_the_laid_out_text(typesetter):
    # Every set line comes back from the PDF's text layer, character for character, where the
    # layout put it: the generator's own check that glyphs, ToUnicode and positions are right.
    import io

    import pdfplumber

    from tests.synth.linebreak import width

    layout = build(Options(seed=35, pages=2, columns=(5,)))
    with pdfplumber.open(io.BytesIO(typesetter.typeset(layout))) as pdf:
        for page, laid in zip(pdf.pages, layout.pages):
            chars = page.chars
            for frame in laid.frames:
                for line in frame.lines:
                    right = line.x + width(line.text, line.size) + line.spacing * len(line.text) + 1
                    found = sorted((c for c in chars if abs(c["bottom"] - line.y) < line.size * 0.35
                                    and abs(c["size"] - line.size) < 0.05 and line.x - 1 <= c["x0"] < right),
                                   key=lambda c: c["x0"])
                    text = []
                    for c in found:  # an overprinted (fake bold) glyph counts once
                        if text and text[-1][0] == c["text"] and abs(text[-1][1] - c["x0"]) < 1:
                            continue
                        text.append((c["text"], c["x0"]))
                    assert "".join(t for t, _ in text) == line.text.replace(" ", ""), (laid.number, frame.role)


def test_sample_pdf_parses_to_truth(repo_root):
    samples = repo_root / "samples"
    truth = issue_from_json((samples / "sample-issue.truth.json").read_text(encoding="utf-8"))
    diffs = compare_issues(parse_pdfs([((samples / "sample-issue.pdf").read_bytes(), "sample-issue.pdf")]), truth)
    assert not diffs, _report(diffs)


def test_sample_per_page_pdfs_parse_to_truth(repo_root):
    samples = repo_root / "samples"
    truth = issue_from_json((samples / "sample-issue.truth.json").read_text(encoding="utf-8"))
    files = sorted((samples / "sample-issue").glob("*.pdf"))
    assert len(files) == len(truth.pages)
    diffs = compare_issues(parse_pdfs([(f.read_bytes(), f.name) for f in files]), truth)
    assert not diffs, _report(diffs)
