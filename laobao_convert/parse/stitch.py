"""Rule `stitch`: chain the parts of each article across pages and build the Articles.

A 下转 part is continued by a part on the page it names: first one whose repeated headline
matches (full or shortened), then, in order, the 上接 parts that name the source page and
have no matching headline. Chains (1→2→5) follow. A jump without its other half stays
unresolved, with a warning naming the pages and the headline.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher
from typing import Dict, List, Optional, Tuple

from laobao_convert import vocabulary as V
from laobao_convert.model import LOW_CONFIDENCE, Article, Block, Breaks, Caption, Jump, PageBox, Region
from laobao_convert.parse.captions import photo_credit
from laobao_convert.parse.linebreaks import breaks
from laobao_convert.parse.paragraphs import merge, runs_on
from laobao_convert.parse.places import model_box, printed_lines
from laobao_convert.parse.state import Part, State
from laobao_convert.parse.text import ends_sentence, join, squash

_MIN_SHARED = 4
"""Characters a shortened headline must share, in one run, with the full one."""


def headline_text(part: Part) -> str:
    return " ".join(x for x in (part.kicker, part.title, part.subtitle) if x)


def matches(source: Part, repeated: Part) -> bool:
    """Is `repeated`'s headline the source's headline, in full or shortened?"""
    full = squash(headline_text(source))
    short = squash(" ".join(repeated.repeated) or " ".join(u.text for u in repeated.head)
                   or headline_text(repeated))
    if not full or not short:
        return False
    if short in full or full in short:
        return True
    match = SequenceMatcher(None, full, short, autojunk=False).find_longest_match(0, len(full), 0, len(short))
    return match.size >= _MIN_SHARED and match.size >= 0.6 * min(len(full), len(short))


def pair(parts: List[Part]) -> Dict[int, int]:
    """Index of a 下转 part -> index of its continuation.

    Pages are taken in order so that a part found to continue an article carries that
    article's headline when it jumps on (1→2→5: page 5 repeats page 1's headline)."""
    nexts: Dict[int, int] = {}
    root: Dict[int, int] = {i: i for i in range(len(parts))}
    sources = [i for i, p in enumerate(parts) if p.jump_out is not None and p.jump_out.page]
    for page in sorted({parts[i].page for i in sources}):
        here = [i for i in sources if parts[i].page == page]
        for by_headline in (True, False):
            for i in here:
                if i in nexts:
                    continue
                j = _find(parts, i, root, nexts, sources, by_headline)
                if j is not None:
                    nexts[i] = j
                    root[j] = root[i]
    return nexts


def _find(parts: List[Part], i: int, root: Dict[int, int], nexts: Dict[int, int],
          sources: List[int], by_headline: bool) -> Optional[int]:
    src = parts[i]
    head = parts[root[i]]
    taken = set(nexts.values())
    for j, p in enumerate(parts):
        if j in taken or j == i or p.page != src.jump_out.page or p.page == src.page:
            continue
        if p.jump_in is not None and p.jump_in.page not in (None, src.page):
            continue
        if by_headline:
            # A repeated headline is the strongest evidence; without a 上接 line it must be
            # the very title, or it could be another article on the same subject.
            if (p.head or p.repeated) and matches(head, p) and (
                    p.continuation or squash(p.title or "") == squash(head.title or "")):
                return j
        elif p.continuation and p.jump_in is not None and not (
                (p.head or p.repeated) and _matches_another(parts, sources, root, i, j)):
            return j
    return None


def _matches_another(parts: List[Part], sources: List[int], root: Dict[int, int], i: int, j: int) -> bool:
    return any(root[k] != root[i] and matches(parts[root[k]], parts[j]) for k in sources)


def run_ons(parts: List[Part], nexts: Dict[int, int]) -> Dict[int, int]:
    """Index of a page's last part -> the next page's first part, where the text runs on
    across the page break with no jump line: a printed page's text that stops mid-sentence
    (or goes on with no indent) at its foot, and headless text at the top of the next page
    that takes it up (a book-like reflowed print of the paper). Placed pages only: extracted
    text may put any column first."""
    first_on: Dict[int, int] = {}
    last_on: Dict[int, int] = {}
    for i, part in enumerate(parts):
        first_on.setdefault(part.page, i)
        last_on[part.page] = i
    taken = set(nexts.values())
    out: Dict[int, int] = {}
    for page, i in last_on.items():
        j = first_on.get(page + 1)
        if j is None or i in nexts or j in taken:
            continue
        before, after = parts[i], parts[j]
        if before.jump_out is not None or after.head or after.continuation or after.jump_in is not None:
            continue
        left = [u for u in before.units if u.role in (None, "body")]
        right = [u for u in after.units if u.role in (None, "body")]
        if not left or not right or not (left[-1].geometry and right[0].geometry):
            continue
        if V.DATELINE.match(right[0].text) or V.BYLINE.match(right[0].text.strip()):
            continue
        if not ends_sentence(left[-1].text) or right[0].starts is False:
            out[i] = j
    return out


def apply(state: State) -> State:
    parts = _fold_caption_parts(list(state.parts))
    nexts = pair(parts)
    running = run_ons(parts, nexts)
    for i, j in sorted(running.items()):
        state = state.warn("runs-on", f"page {parts[j].page}: the text at its top, with no headline or "
                           f"上接 line, goes on from the foot of page {parts[i].page}; joined to it",
                           page=parts[j].page, level="info")
    nexts.update(running)
    continued = set(nexts.values())
    articles: List[Article] = []
    for start, part in enumerate(parts):
        if start in continued:
            continue
        chain = [start]
        while chain[-1] in nexts and nexts[chain[-1]] not in chain:
            chain.append(nexts[chain[-1]])
        article, state = _build(state, [parts[i] for i in chain], nexts, chain)
        articles.append(article)
    return replace(state, articles=tuple(articles), parts=tuple(parts))


def _fold_caption_parts(parts: List[Part]) -> List[Part]:
    # A part of captions only (a photo set apart by the extraction) belongs to the article
    # beside it on the same page.
    out: List[Part] = []
    for part in parts:
        lone = not part.head and not part.continuation and part.units \
            and all(u.role == "caption" for u in part.units)
        if lone and out and out[-1].page == part.page:
            out[-1] = replace(out[-1], units=out[-1].units + part.units,
                              jump_out=out[-1].jump_out or part.jump_out)
        else:
            out.append(part)
    return out


def _build(state: State, chain: List[Part], nexts: Dict[int, int], indices: List[int]) -> Tuple[Article, State]:
    first = chain[0]
    captions: List[Caption] = []
    jumps: List[Jump] = []
    pages: List[int] = []
    body_units: List[Tuple[str, object, int]] = []
    for k, part in enumerate(chain):
        if part.page not in pages:
            pages.append(part.page)
        if k > 0 and part.head and not part.repeated:
            # The continuation's repeated headline is not new text: page furniture.
            state = state.furniture("repeat", [u.text for u in part.head], part.page)
        elif k > 0 and part.head:
            # What is left once the repeats rule took the repeated lines out is headline
            # text of its own (stacked there by the extraction): kept, as a subhead.
            body_units.append(("head", (" ".join(u.text.strip() for u in part.head), _printed(part.head)),
                               part.page))
        if k > 0 and part.byline and part.byline != first.byline:
            body_units.append(("byline", part.byline, part.page))
        for unit in part.units:
            if unit.role == "caption":
                text = _caption_text(unit.lines)
                captions.append(Caption(text=text, page=part.page, bbox=model_box(unit.bbox), credit=photo_credit(text),
                                        lines=printed_lines(unit.placed)))
                continue
            body_units.append(("unit", unit, part.page))
        if part.jump_out is not None:
            resolved = indices[k] in nexts
            jumps.append(Jump(from_page=part.page, to_page=part.jump_out.page, resolved=resolved))
            if not resolved:
                state = state.warn("unresolved-jump", _unresolved(part, first), page=part.page)
    if first.continuation and first.jump_in is not None:
        jumps.insert(0, Jump(from_page=first.jump_in.page or 0, to_page=first.page, resolved=False))
        state = state.warn("orphan-continuation",
                           f"page {first.page}: the part continued from page {first.jump_in.page} "
                           f"({_name(first)}) has no start on that page; kept as its own article",
                           page=first.page)
    blocks_out = _blocks(body_units)
    title = first.title
    if title is None and not (first.continuation and first.jump_in is not None):
        state = state.warn("no-headline", f"page {first.page}: an article with no headline "
                           f"(starting {_opening(blocks_out)!r}); its title is left empty",
                           page=first.page)
    article = Article(id="", pages=tuple(pages), series=first.series, kicker=first.kicker,
                      title=title, subtitle=first.subtitle, byline=first.byline,
                      blocks=tuple(rated(b) for b in blocks_out), captions=tuple(captions), jumps=tuple(jumps),
                      breaks=_headline_breaks(first), regions=_regions(first))
    return article, state


def rated(block: Block) -> Block:
    """A block read by OCR with its least sure line's confidence and its doubtful lines."""
    lines = block.lines + tuple(line for piece in block.more for line in piece.lines)
    sure = [line for line in lines if line.confidence is not None]
    if not sure:
        return block
    return replace(block, confidence=round(min(line.confidence for line in sure), 3),
                               doubtful=tuple(line.text for line in sure if line.confidence < LOW_CONFIDENCE))


def _regions(part: Part) -> Tuple[Region, ...]:
    """Where the article's headline and byline are printed: its first part's head units."""
    units = [u for u in part.head + part.units if u.bbox is not None
             and (u in part.head or u.role == "byline")]
    return tuple(Region(role="byline" if u.role == "byline" else "heading", text=u.text, page=part.page,
                        bbox=model_box(u.bbox), lines=printed_lines(u.placed)) for u in units)


def _printed(units) -> Tuple[str, ...]:
    return tuple(line for unit in units for line in (unit.printed or unit.lines))


def _headline_breaks(part: Part) -> Breaks:
    printed = _printed(part.head)
    return Breaks(kicker=breaks(part.kicker or "", printed), title=breaks(part.title or "", printed),
                  subtitle=breaks(part.subtitle or "", printed))


def _blocks(entries) -> List[Block]:
    """Blocks in order; a paragraph cut by a page jump is joined with its continuation."""
    out: List[Block] = []
    last_unit = None
    last_page = None
    for kind, value, page in entries:
        if kind == "byline":
            out.append(Block(type="paragraph", text=value, page=page))
            last_unit = None
            continue
        if kind == "head":
            text, printed = value
            out.append(Block(type="subhead", text=text, page=page, breaks=breaks(text, printed)))
            last_unit = None
            continue
        unit = value
        if unit.role == "subhead":
            lines = unit.lines if len(unit.lines) > 1 else unit.printed
            out.append(Block(type="subhead", text=unit.text, page=page, bbox=model_box(unit.bbox),
                             breaks=breaks(unit.text, lines), lines=printed_lines(unit.placed)))
            last_unit = None
            continue
        if last_unit is not None and page != last_page and runs_on(last_unit, unit):
            # The box stays on the page the paragraph starts on; the rest is placed apart.
            last_unit = replace(merge(last_unit, unit), bbox=last_unit.bbox)
            more = out[-1].more + ((PageBox(page=page, bbox=model_box(unit.bbox), lines=printed_lines(unit.placed)),)
                                   if unit.bbox else ())
            out[-1] = replace(out[-1], text=last_unit.text, more=more)
            continue
        out.append(Block(type="paragraph", text=unit.text, page=page, bbox=model_box(unit.bbox),
                         lines=printed_lines(unit.placed)))
        last_unit, last_page = unit, page
    return out


def _caption_text(lines) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        text = join(text, line)
    return text


def _name(part: Part) -> str:
    title = part.title or headline_text(part)
    return f"《{title}》" if title else "no headline"


def _unresolved(part: Part, first: Part) -> str:
    return (f"page {part.page}: {_name(first)} jumps to page {part.jump_out.page} "
            f"(“{part.jump_out.text}”), but its continuation was not found there")


def _opening(blocks: List[Block]) -> str:
    return blocks[0].text[:16] if blocks else ""
