"""The text path against the truth of generated issues: layout Markdown and pdftotext output.

Each committed fixture (tests/fixtures/synthetic) is a rendered synthetic issue with its
truth; reading and parsing it must give that truth exactly, article by article.
"""

from __future__ import annotations

import re

import pytest

from tests.synth.compare import compare_issues, compare_unordered
from tests.synth.coverage import features, overlapping_lines
from tests.synth.fixtures import CASES, FIXTURES, render
from tests.synth.layout import Options, build
from tests.synth.run import parse_text
from tests.synth.text import to_markdown
from tests.synth.truthjson import issue_from_json, issue_to_json

FILES = [(case, ext) for case in CASES for ext in ("md", "txt")]


def _truth(case: str):
    return issue_from_json((FIXTURES / f"{case}.truth.json").read_text(encoding="utf-8"))


def _report(diffs, limit: int = 40) -> str:
    more = f"\n… and {len(diffs) - limit} more" if len(diffs) > limit else ""
    return f"{len(diffs)} differences from the truth:\n" + "\n".join(diffs[:limit]) + more


@pytest.mark.parametrize("case,ext", FILES, ids=[f"{c}.{e}" for c, e in FILES])
def test_text_fixture_parses_to_truth(case, ext):
    path = FIXTURES / f"{case}.{ext}"
    parsed = parse_text(path.read_bytes(), path.name)
    # pdftotext's own reading order moves lines across columns: only what survives that
    # is checked for its output; layout-Markdown keeps the order and must give the truth.
    compare = compare_unordered if ext == "txt" else compare_issues
    diffs = compare(parsed, _truth(case))
    assert not diffs, _report(diffs)


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_fixtures_are_what_the_generator_writes(case):
    # The committed files must be regenerable: a stale fixture would test an old truth.
    for name, data in render(case, with_pdftotext=False).items():
        assert (FIXTURES / name).read_bytes() == data, f"{name} is stale: run python -m tests.synth.fixtures"


def test_generator_is_deterministic_and_seeds_differ():
    a = build(Options(seed=7))
    b = build(Options(seed=7))
    c = build(Options(seed=8))
    assert issue_to_json(a.truth) == issue_to_json(b.truth)
    assert to_markdown(a) == to_markdown(b)
    assert issue_to_json(a.truth) != issue_to_json(c.truth)
    assert a.truth.masthead != c.truth.masthead


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_generated_truth_has_the_jumps_and_forms_the_tests_rely_on(seed):
    truth = build(Options(seed=seed, pages=4)).truth
    chains = sorted(a.pages for a in truth.articles if len(a.pages) > 1)
    assert chains == [(1, 2), (1, 2, 4), (1, 3)]
    for article in truth.articles:
        assert [(j.from_page, j.to_page) for j in article.jumps] == list(zip(article.pages, article.pages[1:]))
        assert article.blocks and article.blocks[0].type == "paragraph"
        assert article.blocks[-1].type == "paragraph"
        assert article.blocks[-1].text.endswith(("。", "。”")), "a story is cut at a full sentence"
        assert [b.page for b in article.blocks] == sorted(b.page for b in article.blocks)
        assert {b.page for b in article.blocks} == set(article.pages)
    titles = [a.title for a in truth.articles]
    assert len(set(titles)) == len(titles)
    weekday = "一二三四五六日"[__import__("datetime").date.fromisoformat(truth.masthead.date).weekday()]
    assert truth.masthead.weekday == "星期" + weekday


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_every_article_character_is_in_the_markdown(seed):
    # The renderer's own conservation: with chunk breaks, jump lines and captions taken out,
    # each article's body text is in the Markdown in order.
    layout = build(Options(seed=seed))
    md = to_markdown(layout)
    flat = re.sub(r"\s+", "", md)
    for article in layout.truth.articles:
        for block in article.blocks:
            head = re.sub(r"\s+", "", block.text)[:8]
            assert head in flat, f"{article.id}: block starting {head!r} is not in the Markdown"


REQUIRED = {
    "columns:4", "columns:5", "columns:6", "chain:1-2", "chain:1-3", "chain:1-2-4",
    "headline:title", "headline:kicker", "headline:subtitle", "headline:short-subtitle", "headline:series",
    "byline:none", "byline:reporter", "byline:reporter+correspondent", "byline:correspondent", "byline:post",
    "dateline:本报讯(", "dateline:本报讯 ", "dateline:新华社", "two-line-subhead",
    "continued:full", "continued:title", "continued:clipped", "continued:absent",
    "jump-in:own-line", "jump-in:run-in", "photo:left-under", "photo:right-under", "photo:left-beside",
    "photo:right-beside", "l-shape", "headline-after-body",
}


def test_fixtures_cover_every_form():
    # The truth-checked fixtures must between them hold every form the parser has to read.
    found = features(build(options) for options in CASES.values())
    assert not REQUIRED - found, f"no fixture has {sorted(REQUIRED - found)}"
    assert len({f for f in found if f.startswith("jump-out-form:")}) >= 4
    assert len({f for f in found if f.startswith("jump-in-form:")}) >= 4


@pytest.mark.parametrize("columns", [(4,), (5,), (6,)])
def test_justified_lines_have_no_wide_gaps(columns):
    # Wide letter-spacing would read as word gaps (spaces) in extraction; tight setting is
    # allowed only as punctuation squeeze.
    for seed in range(1, 7):
        layout = build(Options(seed=seed, columns=columns))
        for page in layout.pages:
            for frame in page.frames:
                if frame.role in ("body", "caption"):
                    for line in frame.lines:
                        assert -0.1 * line.size <= line.spacing <= 0.2 * line.size, (seed, page.number, line.text)


@pytest.mark.parametrize("seed", range(30, 38))
@pytest.mark.parametrize("columns", [(4,), (5,), (6,)])
def test_no_two_frames_overlap(seed, columns):
    layout = build(Options(seed=seed, pages=4, columns=columns, articles=3, l_shapes=1.0, images=1.0))
    for page in layout.pages:
        assert not overlapping_lines(page), (page.number, overlapping_lines(page)[:3])
