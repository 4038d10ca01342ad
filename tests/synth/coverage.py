"""What a laid-out issue exercises (headline forms, jump spellings, photos, shapes, columns),
and whether it is sound (no two set lines overlap).

Tests use it to make sure the committed fixtures and samples hold every form the parser must
handle, so a change of seed cannot quietly drop one.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Set, Tuple

from tests.synth.geometry import IssueLayout, PageLayout
from tests.synth.linebreak import width


def byline_form(byline) -> str:
    if not byline:
        return "none"
    if byline.startswith("本报记者"):
        return "reporter+correspondent" if "通讯员" in byline else "reporter"
    if byline.startswith("本报通讯员"):
        return "correspondent"
    return "post"


def features(layouts: Iterable[IssueLayout]) -> Set[str]:
    found: Set[str] = set()
    for layout in layouts:
        for page in layout.pages:
            found.add(f"columns:{page.columns}")
            for piece in page.pieces:
                story = layout.stories[piece.story]
                if piece.part == 0:
                    found.add("headline:" + ("series" if story.series else "kicker" if story.kicker else
                                             "subtitle" if story.subtitle and story.subtitle.startswith("——") else
                                             "short-subtitle" if story.subtitle else "title"))
                    found.add("byline:" + byline_form(story.byline))
                    if story.dateline:
                        opening = story.blocks[0][1][0]
                        found.add("dateline:" + ("新华社" if opening.startswith("新华社") else opening[:4]))
                else:
                    found.add("continued:" + piece.continued)
                    found.add("jump-in:" + ("run-in" if piece.jump_in_run else "own-line"))
                    found.add("jump-in-form:" + re.sub(r"[一二三四五六七八九十\d]+", "N", piece.jump_in or ""))
                if piece.jump_out:
                    found.add("jump-out-form:" + re.sub(r"[一二三四五六七八九十\d]+", "N", piece.jump_out))
                if piece.photo:
                    found.add("photo:" + piece.photo)
                if piece.leg:
                    found.add("l-shape")
                if piece.headline_after:
                    found.add("headline-after-body")
                if any(kind == "subhead" and len(parts) == 2 for kind, parts in story.blocks):
                    found.add("two-line-subhead")
            chains = {tuple(a.pages) for a in layout.truth.articles}
            found.update(f"chain:{'-'.join(map(str, c))}" for c in chains if len(c) > 1)
    return found


def overlapping_lines(page: PageLayout) -> List[Tuple[str, str]]:
    """Pairs of lines from different frames whose boxes overlap: a layout fault."""
    boxes = []
    for index, frame in enumerate(page.frames):
        for line in frame.lines:
            right = line.x + width(line.text, line.size) + line.spacing * max(0, len(line.text) - 1)
            boxes.append((line.y - line.size * 0.88, line.y + line.size * 0.12, line.x, right, index, line.text))
    boxes.sort()
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[1] - 0.5:
                break
            if a[4] != b[4] and a[2] < b[3] - 0.5 and b[2] < a[3] - 0.5:
                found.append((a[5], b[5]))
    return found
