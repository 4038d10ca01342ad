"""How far pdftotext's default reading order is from the articles' own (devset truth).

pdftotext (default mode) writes each column of text as a block, in an order of its own. This
script reads each case's `issue.txt` as the tool does (up to the rules that name headlines),
finds which truth article each block of body text belongs to, and counts, for every block
that starts mid-paragraph (its first line fills the column: a paragraph's first line is
indented), where the block it continues stands in the stream:

- `in place`: right before it (a reader going down the stream joins them);
- `earlier`: before it, with another article's text between;
- `later`: after it (no reading in stream order can join them);
- `unknown`: its article could not be told.

It also counts headline lines that hold words of two truth headlines (side-by-side headlines
set on one line). Too slow and too tied to the devset for the suite; a measure, not a test.

    .venv/bin/python benchmarks/text_order.py ../shared/devset
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from laobao_convert.parse import RULES, initial_state, run  # noqa: E402
from laobao_convert.parse.segment import is_head  # noqa: E402
from laobao_convert.parse.state import Unit  # noqa: E402
from laobao_convert.parse.text import ends_sentence, width  # noqa: E402
from laobao_convert.readers.text import read_text  # noqa: E402

_PROBE = 12
"""Characters of a block's start (or end) looked up in the truth's article texts."""


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text).replace("(", "（").replace(")", "）")


def _owner(texts: Dict[int, str], probe: str) -> Optional[int]:
    probe = _squash(probe)
    if len(probe) < 6:
        return None
    found = [k for k, text in texts.items() if probe in text]
    return found[0] if len(found) == 1 else None


def _blocks(units: Sequence[Unit]) -> List[List[Unit]]:
    blocks: List[List[Unit]] = []
    for unit in units:
        if blocks and blocks[-1][-1].block == unit.block:
            blocks[-1].append(unit)
        else:
            blocks.append([unit])
    return blocks


def _column(units: Sequence[Unit]) -> Optional[float]:
    widths = [width(line.strip()) for unit in units if unit.wrapped for line in unit.lines]
    return max(set(widths), key=lambda w: (widths.count(w), w)) if widths else None


def measure(case: Path) -> Counter:
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    texts = {k: _squash("".join(b["text"] for b in a["blocks"])) for k, a in enumerate(truth["articles"])}
    heads = {k: [_squash(p) for p in (a.get("kicker"), a.get("title"), a.get("subtitle")) if p]
             for k, a in enumerate(truth["articles"])}
    document = read_text((case / "issue.txt").read_bytes(), "issue.txt")
    rules = [r for r in RULES[:[name for name, _ in RULES].index("segment")]]
    state = run(initial_state([document]), rules)
    counts: Counter = Counter()
    for page in state.pages:
        column = _column(page.units)
        if column is None:
            continue
        for unit in page.units:
            if is_head(unit):
                counts["headline units"] += 1
                text = _squash(unit.text)
                named = {k for k, parts in heads.items() for part in parts if len(part) >= 4 and part in text}
                if len(named) > 1:
                    counts["headline units holding two articles' headlines"] += 1
        blocks = [[u for u in block if u.role in (None, "body") and not is_head(u)] for block in _blocks(page.units)]
        blocks = [block for block in blocks if block]
        ends = [(_owner(texts, b[-1].text[-_PROBE:]), b) for b in blocks]
        for index, block in enumerate(blocks):
            first = block[0].lines[0].strip()
            if width(first) < column - 1.0 or ends_sentence(first):
                continue
            counts["blocks starting mid-paragraph"] += 1
            owner = _owner(texts, block[0].text[:_PROBE])
            if owner is None:
                counts["  unknown"] += 1
                continue
            before = [k for k, (o, b) in enumerate(ends) if o == owner and k != index
                      and not ends_sentence(b[-1].text)]
            if index - 1 in before:
                counts["  in place"] += 1
            elif any(k < index for k in before):
                counts["  earlier"] += 1
            elif before:
                counts["  later"] += 1
            else:
                counts["  unknown"] += 1
    return counts


def main(cases: Path) -> int:
    total: Counter = Counter()
    for case in sorted(cases.glob("case_*")):
        counts = measure(case)
        total.update(counts)
        print(case.name, dict(counts))
    print("all")
    for key in ("headline units", "headline units holding two articles' headlines",
                "blocks starting mid-paragraph", "  in place", "  earlier", "  later", "  unknown"):
        print(f"  {key:50} {total[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devset")))
