"""Setting a story's body into its column boxes: justified lines, cut where a box is full.

A story flows column by column through the boxes of its piece; the piece before a jump is
filled to its last line, which carries the jump line; the last piece's text is cut to fit
(whole blocks dropped) unless the story is given, when not fitting is an error.
"""

from __future__ import annotations

import math
from typing import List, Optional, Tuple

from tests.synth.content import Story
from tests.synth.geometry import Fragment, Frame, PageLayout, Piece, Rect, TextLine
from tests.synth.linebreak import break_lines, char_spacing, width

SENTENCE_ENDS = ("。", "。”", "？", "！", "？”", "！”")

Cursor = Tuple[int, int]
"""(block index, characters of it already set)."""


class Overflow(Exception):
    """A given story does not fit its boxes."""


class _Line:
    __slots__ = ("kind", "text", "block", "consumed", "first", "last")

    def __init__(self, kind: str, text: str, block: int, consumed: int, first: bool, last: bool):
        self.kind, self.text, self.block = kind, text, block
        self.consumed, self.first, self.last = consumed, first, last


class Setter:
    """Sets body text at one size and leading."""

    def __init__(self, size: float, density: float = 1.0, clean_breaks: bool = False):
        self.size = size
        self.leading = size * 1.5
        self.density = density
        self.clean_breaks = clean_breaks

    def bad_break(self, line: _Line) -> bool:
        """A line that should not end a column: a paragraph's first line left alone (an
        orphan, which typesetters avoid), or, with clean breaks, a line ending a sentence in
        the middle of a paragraph (in text, that break cannot be told from a paragraph end)."""
        if line.kind == "subhead":
            return True  # a subhead at the foot of a column belongs over the next one
        if line.kind != "paragraph" or line.last:
            return False
        return line.first or (self.clean_breaks and line.text.endswith(SENTENCE_ENDS))

    def capacity(self, rect: Rect) -> int:
        if rect.bottom - rect.top < self.size:
            return 0
        return int((rect.bottom - rect.top - self.size) // self.leading) + 1

    def _queue(self, piece: Piece, story: Story, cursor: Cursor, stop: int, colw: float) -> List[_Line]:
        bi, off = cursor
        indent = 2 * self.size
        queue: List[_Line] = []
        prefix = piece.jump_in if (piece.jump_in and piece.jump_in_run) else ""
        for b in range(bi, stop):
            kind, parts = story.blocks[b]
            if kind == "subhead":
                # A subhead wider than the column (only in a given issue) is set in balanced,
                # centred lines, as a two-line subhead is.
                lines = []
                for part in parts:
                    w = width(part, self.size + 1)
                    rows = 1 if w <= colw else math.ceil(w / (colw * 0.7))
                    lines += break_lines(part, w / rows + self.size, self.size + 1)
                queue.extend(_Line("subhead", t, b, 0, i == 0, i == len(lines) - 1) for i, t in enumerate(lines))
                continue
            first = b != bi or off == 0
            lead, prefix = prefix, ""
            # A jump line run into the first line takes the indent's place.
            lines = break_lines(lead + parts[0][off if b == bi else 0:], colw, self.size,
                                indent if first and not lead else 0.0)
            for i, t in enumerate(lines):
                queue.append(_Line("paragraph", t, b, len(t) - (len(lead) if i == 0 else 0),
                                   first and i == 0, i == len(lines) - 1))
        if piece.jump_in and not piece.jump_in_run:
            queue.insert(0, _Line("jump", piece.jump_in, -1, 0, True, True))
        return queue

    def set_body(self, page: PageLayout, piece: Piece, rects: List[Rect], story: Story, cursor: Cursor,
                 final: bool, stop: Optional[int] = None, strict: bool = False) -> Tuple[Cursor, List[int]]:
        """Set the story from `cursor` into the boxes; returns the new cursor and the blocks
        whose first line was set here."""
        colw = rects[0].x1 - rects[0].x0
        if piece.jump_in_run and story.blocks[cursor[0]][0] == "subhead":
            piece.jump_in_run = False  # a jump line runs into text, never into a subhead
        queue = self._queue(piece, story, cursor, len(story.blocks) if stop is None else stop, colw)
        slots = [self.capacity(r) for r in rects]
        if piece.jump_out:
            slots[-1] -= 1
        elif final and not strict and self.density < 1.0:
            spare = sum(slots) - math.ceil(sum(slots) * self.density)
            for i in reversed(range(len(slots))):
                cut = min(spare, slots[i])
                slots[i] -= cut
                spare -= cut
        placed: List[List[_Line]] = [[] for _ in rects]
        qi = 0
        for ri, n in enumerate(slots):
            while n > 0 and qi < len(queue):
                line = queue[qi]
                if line.kind == "subhead" and line.first:
                    # A subhead is never left alone at the foot of a column.
                    need = sum(1 for q in queue[qi:] if q.kind == "subhead" and q.block == line.block) + 1
                    if need > n:
                        break
                placed[ri].append(line)
                n -= 1
                qi += 1
            # Where the column breaks, the text goes on elsewhere: move a bad last line over.
            if qi < len(queue):
                while len(placed[ri]) > 1 and self.bad_break(placed[ri][-1]):
                    placed[ri].pop()
                    qi -= 1
        if piece.jump_out and qi >= len(queue) and not strict:
            raise AssertionError("a story ran out before the box it jumps from was full")
        if qi < len(queue):
            if strict:
                raise Overflow(f"a story does not fit on page {page.number}")
            if final:
                # Cut to fit, as an editor would, and set the shorter story again.
                self._cut(story, placed, queue[qi].block, cursor)
                return self.set_body(page, piece, rects, story, cursor, final)
        cursor, started = self._advance(placed, cursor)
        piece.columns = self._frames(page, piece, rects, placed, slots)
        return cursor, started

    @staticmethod
    def _cut(story: Story, placed: List[List[_Line]], block: int, cursor: Cursor) -> None:
        """End the story at the last full sentence set here; else drop the block that did not
        fit (and subheads left hanging before it)."""
        start = cursor[1] if block == cursor[0] else 0
        consumed = sum(q.consumed for col in placed for q in col if q.block == block and q.kind == "paragraph")
        kind, parts = story.blocks[block]
        if kind == "paragraph":
            text = parts[0]
            end = text.rfind("。", start, start + consumed)
            if end > start:
                end += 1
                if text[end:end + 1] == "”":
                    end += 1
                story.blocks[block] = ("paragraph", (text[:end],))
                del story.blocks[block + 1:]
                return
        while block > 0 and story.blocks[block - 1][0] == "subhead":
            block -= 1
        if block < cursor[0] or (block == cursor[0] and cursor[1] > 0) or block == 0:
            raise AssertionError("a cut would drop text already set on an earlier page")
        del story.blocks[block:]

    @staticmethod
    def _advance(placed: List[List[_Line]], cursor: Cursor) -> Tuple[Cursor, List[int]]:
        bi, off = cursor
        started: List[int] = []
        for col in placed:
            for line in col:
                if line.block < 0:
                    continue
                if line.first:
                    started.append(line.block)
                if line.block != bi:
                    bi, off = line.block, 0
                if line.kind == "paragraph":
                    off += line.consumed
                if line.last:
                    bi, off = line.block + 1, 0
        return (bi, off), started

    def _frames(self, page: PageLayout, piece: Piece, rects: List[Rect], placed: List[List[_Line]],
                slots: List[int]) -> List[List[Fragment]]:
        """Frames for the PDF (a new one where the style changes) and fragments for text."""
        colw = rects[0].x1 - rects[0].x0
        indent = 2 * self.size
        columns: List[List[Fragment]] = []
        for rect, col in zip(rects, placed):
            frags: List[Fragment] = []
            run: List[TextLine] = []
            run_kind = None
            for li, line in enumerate(col):
                y = rect.top + self.size + li * self.leading
                t = line.text
                if line.kind == "paragraph":
                    # A jump line run into the first line takes the indent's place.
                    run_in = piece.jump_in_run and piece.jump_in and t.startswith(piece.jump_in)
                    ind = indent if line.first and not run_in else 0.0
                    sp = 0.0 if line.last else char_spacing(t, colw, self.size, ind)
                    tl = TextLine(rect.x0 + ind, y, t, self.size, spacing=sp)
                elif line.kind == "subhead":
                    tl = TextLine(rect.x0 + (colw - width(t, self.size + 1)) / 2, y, t, self.size + 1, bold=True)
                else:
                    tl = TextLine(rect.x0 + (colw - width(t, self.size)) / 2, y, t, self.size)
                if run and line.kind != run_kind:
                    page.frames.append(Frame("body" if run_kind == "paragraph" else run_kind, tuple(run)))
                    run = []
                run.append(tl)
                run_kind = line.kind
                same = li > 0 and col[li - 1].block == line.block and line.kind != "jump"
                if frags and same and frags[-1].kind == line.kind and not frags[-1].ends and not line.first:
                    frags[-1] = Fragment(line.kind, frags[-1].lines + (t,), frags[-1].starts, line.last)
                else:
                    frags.append(Fragment(line.kind, (t,), line.first, line.last))
            if run:
                page.frames.append(Frame("body" if run_kind == "paragraph" else run_kind, tuple(run)))
            columns.append(frags)
        if piece.jump_out:
            rect = rects[-1]
            y = rect.top + self.size + slots[-1] * self.leading
            t = piece.jump_out
            page.frames.append(Frame("jump", (TextLine(rect.x1 - width(t, self.size), y, t, self.size),)))
            columns[-1].append(Fragment("jump", (t,), True, True))
        return columns
