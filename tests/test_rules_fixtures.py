"""Fixture-file cases: small pages of layout text, each with the articles it must give.

Each file in fixtures/rules holds cases separated by lines of `.`:

    # what the case shows
    <input text>
    .
    <expected dump>
    .

The dump is one line per article (`id pages | series | kicker | title | subtitle | byline`)
followed by its blocks (`P:` paragraph, `S:` subhead), captions (`C:`) and jumps (`J:`), then
the issue's warnings (`W: code page`). Cases are written by hand, not generated from the
parser's output: each says what a reader of the page expects.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest

from laobao_convert.parse import parse_issue
from laobao_convert.readers.text import read_text

RULES = Path(__file__).parent / "fixtures" / "rules"


def load_cases() -> List[Tuple[str, str, str, str]]:
    cases = []
    for path in sorted(RULES.glob("*.txt")):
        chunks = path.read_text(encoding="utf-8").split("\n.\n")
        for i in range(0, len(chunks) - 1, 2):
            head, _, text = chunks[i].strip("\n").partition("\n")
            cases.append((path.name, head.lstrip("# ").strip(), text + "\n", chunks[i + 1].strip("\n")))
    return cases


def dump(issue) -> str:
    out = []
    for a in issue.articles:
        fields = " | ".join(x or "-" for x in (a.series, a.kicker, a.title, a.subtitle, a.byline))
        out.append(f"{a.id} {','.join(map(str, a.pages))} | {fields}")
        out.extend(f"  {'S' if b.type == 'subhead' else 'P'}: {b.text}" for b in a.blocks)
        out.extend(f"  C: {c.text}" for c in a.captions)
        out.extend(f"  J: {j.from_page}->{j.to_page} {'ok' if j.resolved else 'open'}" for j in a.jumps)
    out.extend(f"W: {w.code} {w.page}" for w in issue.warnings)
    return "\n".join(out)


CASES = load_cases()


@pytest.mark.parametrize("file, title, text, expected", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_rule_fixture(file, title, text, expected):
    issue = parse_issue([read_text(text.encode("utf-8"), "case.md")])
    assert dump(issue) == expected
    c = issue.conservation
    assert c.input_chars == c.output_chars + c.warned_chars


def test_cases_were_found():
    assert len(CASES) >= 8
