"""Compare a parsed Issue with the truth; differences come back as readable lines.

Field by field for the masthead and pages, article by article for the articles (matched by
title, else by the start of their text, so one missing article does not shift all others).
Text is compared exactly; a difference shows where the texts part and a little context.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.model import Article, Issue

ARTICLE_FIELDS = ("id", "pages", "series", "kicker", "title", "subtitle", "byline")


def _show(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def text_difference(expected: str, got: str, context: int = 12) -> Optional[str]:
    """Where two texts part, with context: None when they are equal."""
    if expected == got:
        return None
    i = 0
    while i < min(len(expected), len(got)) and expected[i] == got[i]:
        i += 1
    a = expected[max(0, i - context): i + context]
    b = got[max(0, i - context): i + context]
    return f"at char {i} (of {len(expected)} expected, {len(got)} got): expected …{a}… got …{b}…"


def _label(article: Article) -> str:
    return f"{article.id} 「{article.title or (article.blocks[0].text[:12] if article.blocks else '')}」"


def _key(article: Article) -> str:
    return article.blocks[0].text[:24] if article.blocks else ""


Pair = Tuple[Optional[Article], Optional[Article]]


def match_articles(parsed: Sequence[Article], truth: Sequence[Article]) -> List[Pair]:
    """Pairs (truth, parsed) in truth order, then unmatched parsed articles as (None, parsed)."""
    left = list(parsed)
    pairs: List[Pair] = []
    for want in truth:
        found = next((a for a in left if want.title and a.title == want.title), None)
        if found is None:
            found = next((a for a in left if _key(want) and _key(a) == _key(want)), None)
        if found is None:
            found = next((a for a in left if a.id == want.id and a.title is None), None)
        if found is not None:
            left.remove(found)
        pairs.append((want, found))
    pairs.extend((None, a) for a in left)
    return pairs


def compare_blocks(want: Article, got: Article) -> List[str]:
    out: List[str] = []
    a = [(b.type, b.text) for b in want.blocks]
    b = [(x.type, x.text) for x in got.blocks]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                w, g = want.blocks[i1 + k], got.blocks[j1 + k]
                if w.page != g.page:
                    out.append(f"blocks[{i1 + k}].page: expected {w.page} got {g.page}")
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                w, g = want.blocks[i1 + k], got.blocks[j1 + k]
                if w.type != g.type:
                    out.append(f"blocks[{i1 + k}].type: expected {w.type} got {g.type} ({_show(w.text, 30)})")
                diff = text_difference(w.text, g.text)
                if diff:
                    out.append(f"blocks[{i1 + k}].text {diff}")
            continue
        wanted = " | ".join(f"{t}:{_show(x, 40)}" for t, x in a[i1:i2]) or "nothing"
        gotten = " | ".join(f"{t}:{_show(x, 40)}" for t, x in b[j1:j2]) or "nothing"
        out.append(f"blocks[{i1}:{i2}] expected {wanted} — got blocks[{j1}:{j2}] {gotten}")
    return out


def compare_article(want: Article, got: Article) -> List[str]:
    out: List[str] = []
    for name in ARTICLE_FIELDS:
        w, g = getattr(want, name), getattr(got, name)
        if w != g:
            out.append(f"{name}: expected {_show(w)} got {_show(g)}")
    out.extend(compare_blocks(want, got))
    wc = [(c.text, c.page) for c in want.captions]
    gc = [(c.text, c.page) for c in got.captions]
    if wc != gc:
        out.append(f"captions: expected {_show(wc, 120)} got {_show(gc, 120)}")
    wj = [(j.from_page, j.to_page, j.resolved) for j in want.jumps]
    gj = [(j.from_page, j.to_page, j.resolved) for j in got.jumps]
    if wj != gj:
        out.append(f"jumps: expected {wj} got {gj}")
    return out


def compare_issues(parsed: Issue, truth: Issue, *, masthead: bool = True, pages: bool = True) -> List[str]:
    """Every difference between `parsed` and `truth`, one readable line each; [] if none."""
    out: List[str] = []
    if masthead:
        for name, w in vars(truth.masthead).items():
            g = getattr(parsed.masthead, name)
            if w != g:
                out.append(f"masthead.{name}: expected {_show(w)} got {_show(g)}")
    if pages:
        got_pages: Dict[int, object] = {p.number: p for p in parsed.pages}
        for page in truth.pages:
            g = got_pages.pop(page.number, None)
            if g is None:
                out.append(f"page {page.number}: missing")
                continue
            for name in ("name", "editor", "date"):
                if getattr(page, name) != getattr(g, name):
                    out.append(f"page {page.number}.{name}: expected {_show(getattr(page, name))} "
                               f"got {_show(getattr(g, name))}")
        for number in sorted(got_pages):
            out.append(f"page {number}: not in the truth")
    pairs = match_articles(parsed.articles, truth.articles)
    for want, got in pairs:
        if want is None and got is not None:
            out.append(f"extra article {_label(got)}: {_show(_key(got), 40)}")
        elif got is None and want is not None:
            out.append(f"missing article {_label(want)}")
        elif want is not None and got is not None:
            out.extend(f"article {_label(want)}: {line}" for line in compare_article(want, got))
    order = [g.id for w, g in pairs if w is not None and g is not None]
    if order != sorted(order, key=[a.id for a in parsed.articles].index):
        out.append(f"article order: expected the truth's order, parsed order is {[a.id for a in parsed.articles]}")
    return out


def article_score(parsed: Issue, truth: Issue) -> Tuple[int, int]:
    """(articles parsed exactly right, articles in the truth): a number to report."""
    right = sum(1 for w, g in match_articles(parsed.articles, truth.articles)
                if w is not None and g is not None and not compare_article(w, g))
    return right, len(truth.articles)


def article_characters(issue: Issue) -> Counter:
    """Every non-space character of article text: headline parts, byline, blocks, captions."""
    chars: Counter = Counter()
    for article in issue.articles:
        parts = [article.series, article.kicker, article.title, article.subtitle, article.byline]
        parts += [block.text for block in article.blocks]
        parts += [caption.text for caption in article.captions]
        for part in parts:
            if part:
                chars.update(ch for ch in part if not ch.isspace())
    return chars


def compare_unordered(parsed: Issue, truth: Issue) -> List[str]:
    """What must hold even when the text's line order was changed before we saw it.

    pdftotext's reading order moves lines and subheads between columns and interleaves
    side-by-side headlines, so the articles cannot be rebuilt exactly from its output; but
    the masthead and page headers must be right, no character may be invented or duplicated,
    every character the parser did not place must be accounted for by a warning, and no
    jump line may stay in the text.
    """
    out = compare_issues(parsed, Issue(masthead=truth.masthead, pages=truth.pages))
    out = [line for line in out if not line.startswith(("extra article", "article order"))]
    got, want = article_characters(parsed), article_characters(truth)
    invented = got - want
    if invented:
        out.append(f"characters not in the truth's articles (invented or duplicated): {_show(''.join(sorted(invented.elements())), 120)}")
    missing = sum((want - got).values())
    if missing != parsed.conservation.warned_chars:
        out.append(f"{missing} article characters missing from the output, "
                   f"{parsed.conservation.warned_chars} accounted for by warnings")
    jump = re.compile(r"[(（]?\s*[上下]?[转接]\s*第?\s*[A-Za-z]?[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]?\s*$")
    for article in parsed.articles:
        for block in article.blocks:
            if jump.search(block.text):
                out.append(f"article {_label(article)}: a jump line is left in the text: {_show(block.text[-30:])}")
    return out
