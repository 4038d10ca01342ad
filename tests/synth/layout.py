"""Page placement: stories into column boxes on pages, with jumps, and the truth they make.

A page is a grid of columns. Pieces (a story's part on one page) sit in horizontal bands,
each spanning some columns; a piece alone in its band may be an L shape reaching into the
band below. Page-one stories jump to later pages (1→2, 1→3 and the chain 1→2→4). Stories are
written longer than their boxes and cut where the boxes are full, so column and page breaks
fall mid-sentence and mid-word. The truth `Issue` is built from what was actually placed.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Tuple

from laobao_convert.model import Article, Block, Caption, Issue, Jump, Page

from tests.synth import content
from tests.synth.content import Story, Writer, chinese_number
from tests.synth.flow import Overflow, Setter
from tests.synth.furniture import set_guide, set_masthead, set_page_header
from tests.synth.geometry import MM, Frame, IssueLayout, Options, PageLayout, Piece, Rect, TextLine
from tests.synth.linebreak import break_lines, char_spacing, width

JUMP_OUT = ("(下转第{cn}版)", "（下转第{n}版）", "下转{n}版", "转第{cn}版", "(下转{n}版)", "（下转第{cn}版）",
            "下转第{cn}版")
JUMP_IN = ("(上接第{cn}版)", "（上接{n}版）", "(上接{n}版)", "上接第{cn}版", "（上接第{cn}版）")

Plan = Dict[int, List[Tuple[int, int]]]
"""page -> [(story, part)] in reading order."""


def jump_text(rng: random.Random, forms: Sequence[str], page: int) -> str:
    return rng.choice(forms).format(n=page, cn=chinese_number(page))


def column_grid(o: Options, columns: int) -> Tuple[List[float], float]:
    """Left edges of the columns and their width: a whole number of body characters wide."""
    inner = o.width - 2 * o.margin
    colw = (inner - (columns - 1) * 4 * MM) / columns
    colw = int(colw / o.body_size) * o.body_size
    gutter = (inner - columns * colw) / (columns - 1)
    return [o.margin + i * (colw + gutter) for i in range(columns)], colw


class Builder:
    """Lays out one issue; `build` runs the steps in order.

    With `given`, the articles of that Issue are placed as they are (nothing is written or
    cut); otherwise stories are written to fill the boxes.
    """

    def __init__(self, options: Options, given: Optional[Issue] = None):
        self.o = options
        self.given = given
        self.rng = random.Random(options.seed)
        if given is not None:
            self.furniture = content.Furniture(
                masthead=given.masthead, page_names=tuple(p.name for p in given.pages),
                editors=tuple(p.editor for p in given.pages))
        else:
            self.furniture = content.furniture(self.rng, options.pages)
        self.date = datetime.date.fromisoformat(self.furniture.masthead.date)
        self.writer = Writer(self.rng, self.date)
        self.setter = Setter(options.body_size, options.density, options.clean_breaks)
        self.stories: List[Story] = []
        self.chains: List[List[int]] = []
        self.forms: List[str] = []
        self.limits: Dict[Tuple[int, int], int] = {}
        self.unresolved: List[Optional[int]] = []
        self.pages: List[PageLayout] = []

    # -- which story goes where ---------------------------------------------------------
    def plan(self) -> Plan:
        o, r = self.o, self.rng
        plan: Plan = {p: [] for p in range(1, o.pages + 1)}
        targets = [t for t in ([2], [3], [2, 4]) if max(t) <= o.pages]
        forms = ["kicker", "series", "subtitle", "title"]
        r.shuffle(forms)
        for i, chain in enumerate(targets):
            self._new_story([1] + chain, "kicker" if i == 0 else forms[i % len(forms)])
        for p in range(1, o.pages + 1):
            for s, chain in enumerate(self.chains):
                if p in chain:
                    plan[p].append((s, chain.index(p)))
            conts = [x for x in plan[p] if x[1] > 0]
            firsts = [x for x in plan[p] if x[1] == 0]
            for _ in range(max(1, o.articles - len(plan[p]))):
                firsts.append((self._new_story([p], r.choice(("title", "title", "kicker", "subtitle", "series"))), 0))
            plan[p] = (conts + firsts) if r.random() < 0.5 else (firsts + conts)
        return plan

    def _new_story(self, chain: List[int], form: str) -> int:
        self.chains.append(chain)
        self.stories.append(Story(beat="", title=""))  # written once its boxes are known
        self.forms.append(form)
        return len(self.stories) - 1

    def plan_given(self) -> Plan:
        """The given issue's articles as stories, each part on the page its blocks say."""
        plan: Plan = {p: [] for p in range(1, self.o.pages + 1)}
        for a in self.given.articles:
            st = Story(beat="", title=a.title or "", series=a.series, kicker=a.kicker, subtitle=a.subtitle,
                       byline=a.byline)
            st.blocks = [(b.type, (b.text,)) for b in a.blocks]
            if a.captions:
                st.caption = (a.captions[0].text,)
            chain = [p for p in a.pages if p in plan] or [1]
            idx = self._new_story(chain, "")
            self.stories[idx] = st
            pages_of = [b.page if b.page in chain else chain[0] for b in a.blocks]
            for part, p in enumerate(chain):
                plan[p].append((idx, part))
                self.limits[(idx, part)] = max([i + 1 for i, bp in enumerate(pages_of) if bp == p] or [0])
            self.unresolved.append(next((j.to_page for j in a.jumps if not j.resolved and j.to_page), None))
        return plan

    # -- bands and columns ----------------------------------------------------------------
    def bands(self, page: PageLayout, entries: List[Tuple[int, int]], top: float) -> List[Piece]:
        """Group a page's pieces into bands and give each its columns."""
        r, c = self.rng, page.columns
        bottom = self.o.height - self.o.margin
        rows: List[List[Tuple[int, int]]] = []
        rest = list(entries)
        while rest:
            k = min(len(rest), r.choice((1, 2, 2, 3)), c // 2, self.o.per_band)
            rows.append(rest[:k])
            rest = rest[k:]
        if page.number == 1 and len(rows) > 1 and len(rows[-1]) >= c // 2 and len(rows[-2]) < c // 2:
            # Page one's last band keeps a column for the 导读 box.
            rows[-2:] = [rows[-2] + rows[-1][:1], rows[-1][1:]]
            rows = [row for row in rows if row]
        weights = [len(row) + r.random() for row in rows]
        heights = [(bottom - top) * w / sum(weights) for w in weights]
        pieces: List[Piece] = []
        y = top
        leg_cols = 0
        for b, row in enumerate(rows):
            y1 = y + heights[b]
            box_cols = 1 if (page.number == 1 and b == len(rows) - 1) else 0
            spans = self.partition(c - leg_cols - box_cols, len(row))
            col = leg_cols
            for n, (s, part) in enumerate(row):
                pieces.append(Piece(story=s, part=part, cols=(col, spans[n]), top=y, bottom=y1))
                col += spans[n]
            leg_cols = 0
            if (len(row) == 1 and pieces[-1].cols[0] == 0 and b + 1 < len(rows) and len(rows[b + 1]) * 2 <= c - 2
                    and r.random() < self.o.l_shapes):
                leg_cols = r.choice((1, 2))
                pieces[-1].leg = (leg_cols, y1 + heights[b + 1])
            if box_cols:
                page.box_slot = (col, y, y1)
            y = y1
        return pieces

    def partition(self, cols: int, k: int) -> List[int]:
        spans = [cols // k] * k
        for i in range(cols - sum(spans)):
            spans[i] += 1
        if k > 1 and self.rng.random() < 0.5 and min(spans) > 2:
            i, j = self.rng.sample(range(k), 2)
            spans[i] += 1
            spans[j] -= 1
        return spans

    # -- a piece's headline, byline and photo ---------------------------------------------
    def headline(self, piece: Piece, x0: float, x1: float, y: float) -> Tuple[List[Frame], float, List[Rect]]:
        w = x1 - x0
        frames: List[Frame] = []
        boxes: List[Rect] = []
        h = piece.headline
        title = h.get("title")
        if not (title or h.get("kicker") or h.get("series")):
            return frames, y, boxes
        k = self.o.type_scale
        tsize = min((30.0 if piece.cols[1] >= 3 else 22.0) * k, 0.92 * w / max(1.0, width(title or "", 1.0)))
        tsize = max(tsize, 12.0 * k)
        if "series" in h:
            s = min(11.0 * k, 0.9 * w / width(h["series"], 1.0))
            if self.o.series_band is None:
                frames.append(Frame("series", (TextLine(x0 + 4, y + s + 3, h["series"], s),)))
                boxes.append(Rect(x0, y, x0 + width(h["series"], s) + 8, y + s + 8))
                y += s + 14
            else:
                band = self.o.series_band * s
                # The glyphs (ascent 0.8, descent 0.2 of the size) centred in the band.
                frames.append(Frame("series", (TextLine(x0 + 4, y + band / 2 + 0.3 * s, h["series"], s),)))
                boxes.append(Rect(x0, y, x0 + width(h["series"], s) + 8, y + band))
                y += band + 6
        for key, ratio in (("kicker", 0.55), ("title", 1.0), ("subtitle", 0.5)):
            text = h.get(key)
            if not text:
                continue
            size = min(tsize * ratio, 0.95 * w / width(text, 1.0))
            # Never smaller than the body: a kicker or subtitle is display type.
            size = max(size, 10.5 * k, self.o.body_size) if key != "title" else size
            lines = [text]
            if key == "title" and size < 16 * k:  # too long for one line: set it in two, as papers do
                size = 16.0 * k
                lines = break_lines(text, 0.95 * w, size)
            out = []
            for t in lines:
                out.append(TextLine(x0 + (w - width(t, size)) / 2, y + size, t, size, bold=key == "title"))
                y += size * 1.35
            frames.append(Frame(key, tuple(out)))
        return frames, y + 4, boxes

    def layout_piece(self, page: PageLayout, piece: Piece, xs: List[float], colw: float) -> List[Rect]:
        """Headline, byline and photo frames; returns the body column boxes in reading order."""
        c0, n = piece.cols
        x0, x1 = xs[c0], xs[c0 + n - 1] + colw
        bottom = piece.bottom - 6
        frames, y, boxes = self.headline(piece, x0, x1, piece.top + 6)
        page.frames.extend(frames)
        page.boxes.extend(boxes)
        if piece.byline:
            bsize = min(self.o.body_size + 0.5, 0.95 * (x1 - x0) / width(piece.byline, 1.0))
            page.frames.append(Frame("byline", (TextLine(x0, y + bsize + 2, piece.byline, bsize),)))
            y += bsize + 10
        tops = [y] * n
        bottoms = [bottom] * n
        if piece.leg:
            for i in range(piece.leg[0]):
                bottoms[i] = piece.leg[1] - 6
        if piece.caption:
            self.photo(page, piece, xs[c0:c0 + n], colw, y, bottom, tops)
        return [Rect(xs[c0 + i], tops[i], xs[c0 + i] + colw, bottoms[i]) for i in range(n)]

    def photo(self, page: PageLayout, piece: Piece, xs: List[float], colw: float, y: float, bottom: float,
              tops: List[float]) -> None:
        """An image box at the top of some columns, its caption under it or beside it."""
        n = len(xs)
        k = max(1, n - 1 if n <= 3 else 2)
        beside = n > k and self.rng.random() < 0.4
        left = self.rng.random() < 0.5
        first = 0 if left else n - k - (1 if beside else 0)
        img_cols = list(range(first, first + k))
        ih = max(80.0, min(200.0, (bottom - y) * 0.3))
        ix0, ix1 = xs[img_cols[0]], xs[img_cols[-1]] + colw
        page.images.append(Rect(ix0, y, ix1, y + ih))
        csize = 8.0
        cx0, cap_w = (xs[first + k], colw) if beside else (ix0, ix1 - ix0)
        lines = break_lines(piece.caption[0], cap_w, csize)
        credit = piece.caption[1:]
        total = (len(lines) + len(credit)) * csize * 1.4
        cy = (y + ih - total + csize) if beside else (y + ih + 4 + csize)
        cl = [TextLine(cx0, cy + i * csize * 1.4, t, csize,
                       spacing=char_spacing(t, cap_w, csize) if i < len(lines) - 1 else 0.0)
              for i, t in enumerate(lines)]
        for j, t in enumerate(credit):  # the credit is set flush right on a line of its own
            cl.append(TextLine(cx0 + cap_w - width(t, csize), cy + (len(lines) + j) * csize * 1.4, t, csize))
        page.frames.append(Frame("caption", tuple(cl)))
        under = y + ih + (0 if beside else total + 4) + 10
        for i in img_cols + ([first + k] if beside else []):
            tops[i] = under
        piece.caption_after = first - 1 if first else -1
        piece.photo = ("left" if left else "right") + ("-beside" if beside else "-under")

    def rules(self, page: PageLayout, pieces: List[Piece], xs: List[float], colw: float) -> None:
        """Thin rules between articles: down the gutter and under each band.

        Under an L shape the rule runs around it, as on a real page: along the main block's
        foot over the columns the leg leaves free, down the leg's side, and under the leg.
        A rule drawn straight across the leg would cut the article in two."""
        half = (xs[1] - xs[0] - colw) / 2 if len(xs) > 1 else 0.0
        foot = self.o.height - self.o.margin - 1
        sides: List[Tuple[float, float, float]] = []  # (x, top, bottom) of each leg's side
        for piece in pieces:
            if piece.leg:
                c0, _n = piece.cols
                sides.append((xs[c0 + piece.leg[0]] - half, piece.bottom, piece.leg[1]))
        for piece in pieces:
            c0, n = piece.cols
            x0, x1 = xs[c0], xs[c0 + n - 1] + colw
            if c0 > 0:
                gx = xs[c0] - half
                # Beside a leg the leg's own side rule stands in this gutter already.
                if not any(abs(gx - sx) < 1 and top >= piece.top - 1 and bottom <= piece.bottom + 1
                           for sx, top, bottom in sides):
                    page.rules.append((gx, piece.top + 4, gx, piece.bottom - 4))
            if piece.leg:
                legs, leg_bottom = piece.leg
                gx = xs[c0 + legs] - half
                if piece.bottom < foot:
                    page.rules.append((gx, piece.bottom, x1, piece.bottom))
                closed = leg_bottom < foot
                page.rules.append((gx, piece.bottom, gx, leg_bottom if closed else leg_bottom - 4))
                if closed:
                    page.rules.append((x0, leg_bottom, gx, leg_bottom))
            elif piece.bottom < foot:
                page.rules.append((x0, piece.bottom, x1, piece.bottom))

    # -- the whole issue ------------------------------------------------------------------
    def build(self) -> IssueLayout:
        o, r = self.o, self.rng
        plan = self.plan_given() if self.given is not None else self.plan()
        all_pieces: Dict[int, List[Piece]] = {}
        rects: Dict[Tuple[int, int], List[Rect]] = {}
        for p in range(1, o.pages + 1):
            page = PageLayout(number=p, columns=r.choice(o.columns))
            self.pages.append(page)
            if p == 1:
                top = set_masthead(page, self.furniture.masthead, o, r)
            else:
                top = set_page_header(page, self.date, self.furniture.masthead.weekday,
                                      self.furniture.page_names[p - 1], self.furniture.editors[p - 1], o)
            all_pieces[p] = page.pieces = self.bands(page, plan[p], top)
        # Stories are written once all their boxes are known, a little longer than they hold.
        room: Dict[int, float] = {}
        for page in self.pages:
            _, colw = column_grid(o, page.columns)
            for piece in page.pieces:
                room[piece.story] = room.get(piece.story, 0.0) + self.room(piece, colw)
        for page in self.pages:
            xs, colw = column_grid(o, page.columns)
            for piece in page.pieces:
                if piece.part == 0 and self.given is None:
                    self.write_story(piece.story, room[piece.story])
                self.dress(piece)
                rects[(piece.story, piece.part)] = self.layout_piece(page, piece, xs, colw)
            self.rules(page, page.pieces, xs, colw)
        xs, colw = column_grid(o, self.pages[0].columns)
        set_guide(self.pages[0], xs, colw, [(self.stories[s].title, p) for p in range(2, o.pages + 1)
                                            for s, part in plan[p] if part == 0][:6])
        cursors: Dict[int, Tuple[int, int]] = {}
        block_pages: Dict[int, Dict[int, int]] = {}
        for p in range(1, o.pages + 1):
            page = self.pages[p - 1]
            for piece in all_pieces[p]:
                final = piece.part == len(self.chains[piece.story]) - 1
                stop = self.limits.get((piece.story, piece.part)) if self.given is not None else None
                cursors[piece.story], started = self.setter.set_body(
                    page, piece, rects[(piece.story, piece.part)], self.stories[piece.story],
                    cursors.get(piece.story, (0, 0)), final, stop=stop, strict=self.given is not None)
                for b in started:
                    block_pages.setdefault(piece.story, {}).setdefault(b, p)
            self.headlines_after(all_pieces[p])
        truth = self.given if self.given is not None else self.truth(all_pieces, block_pages)
        return IssueLayout(options=o, pages=self.pages, truth=truth, stories=self.stories)

    def room(self, piece: Piece, colw: float) -> float:
        """About how many body characters a piece's box holds."""
        c0, n = piece.cols
        depth = (piece.bottom - piece.top) * n
        if piece.leg:
            depth += (piece.leg[1] - piece.bottom) * piece.leg[0]
        return depth / self.setter.leading * colw / self.o.body_size

    def dress(self, piece: Piece) -> None:
        """Give the piece its headline, byline, photo and jump lines."""
        r = self.rng
        chain = self.chains[piece.story]
        s = self.stories[piece.story]
        if piece.part == 0:
            piece.headline = {k: v for k, v in (("series", s.series), ("kicker", s.kicker),
                                                ("title", s.title), ("subtitle", s.subtitle)) if v}
            piece.byline = s.byline
            piece.caption = s.caption
        else:
            piece.continued, piece.headline = self.continued_headline(s)
            piece.jump_in = jump_text(r, JUMP_IN, chain[piece.part - 1])
            piece.jump_in_run = r.random() < 0.35
        if piece.part + 1 < len(chain):
            piece.jump_out = jump_text(r, JUMP_OUT, chain[piece.part + 1])
        elif self.given is not None and self.unresolved[piece.story]:
            piece.jump_out = jump_text(r, JUMP_OUT[:1], self.unresolved[piece.story])

    def headlines_after(self, pieces: List[Piece]) -> None:
        """Text renderers put some headlines after their body, as layout tools do; only where
        the body opens with 本报讯 and another headline follows, so it stays readable."""
        previous = None
        for piece, nxt in zip(pieces, pieces[1:]):
            s = self.stories[piece.story]
            short_subtitle = bool(s.subtitle) and not s.subtitle.startswith("——")
            if (piece.part == 0 and s.dateline and s.blocks[0][1][0].startswith("本报讯") and not s.series
                    and not short_subtitle and nxt.headline.get("title")
                    and not (previous and previous.headline_after) and self.rng.random() < 0.5):
                piece.headline_after = True
            previous = piece

    def continued_headline(self, s: Story) -> Tuple[str, Dict[str, str]]:
        """The headline over a continuation: full, main title only, clipped, or none."""
        form = self.rng.randrange(4)
        if form == 0:
            parts = (("kicker", s.kicker), ("title", s.title), ("subtitle", s.subtitle))
            return "full", {k: v for k, v in parts if v}
        if form == 1:
            return "title", {"title": s.title}
        if form == 2 and len(s.title) > 6:
            return "clipped", {"title": s.title[: max(4, len(s.title) * 2 // 3)]}
        return "absent", {}

    def write_story(self, index: int, room: float) -> None:
        """Write a story longer than its boxes can hold; setting cuts it where they are full."""
        with_caption = self.rng.random() < self.o.images
        self.stories[index] = self.writer.story(self.forms[index], int(room * 1.15), with_caption,
                                                self.o.subheads)

    def truth(self, all_pieces: Dict[int, List[Piece]], block_pages: Dict[int, Dict[int, int]]) -> Issue:
        f = self.furniture
        pages = tuple(Page(number=p, name=f.page_names[p - 1], editor=f.editors[p - 1],
                           date=None if p == 1 else self.date.isoformat()) for p in range(1, self.o.pages + 1))
        articles: List[Article] = []
        for p in range(1, self.o.pages + 1):
            firsts = [piece for piece in all_pieces[p] if piece.part == 0]
            for k, piece in enumerate(firsts, start=1):
                s = self.stories[piece.story]
                chain = self.chains[piece.story]
                bp = block_pages.get(piece.story, {})
                # A two-line subhead's lines are joined without a space, as CJK lines are.
                blocks = tuple(Block(type=kind, text="".join(parts), page=bp.get(b))
                               for b, (kind, parts) in enumerate(s.blocks))
                captions = (Caption(text="".join(s.caption), page=p),) if s.caption else ()
                jumps = tuple(Jump(from_page=a, to_page=b, resolved=True) for a, b in zip(chain, chain[1:]))
                articles.append(Article(
                    id=f"p{p}-a{k}", pages=tuple(chain), series=s.series, kicker=s.kicker, title=s.title,
                    subtitle=s.subtitle, byline=s.byline, blocks=blocks, captions=captions, jumps=jumps))
        return Issue(masthead=f.masthead, pages=pages, articles=tuple(articles))


def build(options: Options = Options()) -> IssueLayout:
    return Builder(options).build()


def place_issue(issue: Issue, options: Options = Options()) -> IssueLayout:
    """Lay out a given Issue as it is; pages grow taller until every article fits."""
    pages = max([p.number for p in issue.pages] + [1])
    for scale in (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0):
        try:
            return Builder(replace(options, pages=pages, height=options.height * scale, l_shapes=0.0), issue).build()
        except Overflow:
            continue
    raise Overflow("the issue does not fit even on very tall pages")


__all__ = ["Options", "IssueLayout", "PageLayout", "Piece", "Overflow", "build", "place_issue", "column_grid"]
