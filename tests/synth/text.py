"""Text renderers: a laid-out issue as layout-tool Markdown, and as pdftotext extracts it.

The Markdown imitates what layout-analysis tools write for a newspaper page: the masthead as
lines with hard breaks (two trailing spaces), headline parts joined by spaces on one `## `
line, one blank-line-separated chunk per paragraph piece, so a paragraph cut by a column
break is two chunks; a caption lands where its photo sits in reading order, often between the
halves of a sentence; now and then a headline comes after its article's body. Pages are
separated by form feeds, as in pdftotext output.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
from typing import List

from tests.synth.geometry import IssueLayout, PageLayout, Piece

HARD = "  \n"


def _headline_chunks(piece: Piece) -> List[str]:
    h = piece.headline
    chunks: List[str] = []
    if h.get("series"):
        chunks.append("## " + h["series"])
    parts = [h[k] for k in ("kicker", "title") if h.get(k)]
    sub = h.get("subtitle")
    if sub and sub.startswith("——"):
        parts.append(sub)
        sub = None
    if parts:
        chunks.append("## " + " ".join(parts))
    if sub:
        chunks.append(sub)
    if piece.byline:
        chunks.append(piece.byline)
    return chunks


def _caption_chunk(piece: Piece) -> str:
    lines = piece.caption or ()
    return lines[0] + "".join(HARD + line for line in lines[1:])


def _piece_chunks(piece: Piece, rng: random.Random) -> List[str]:
    head = _headline_chunks(piece)
    body: List[str] = []
    if piece.caption and piece.caption_after < 0:
        body.append(_caption_chunk(piece))
    for ci, frags in enumerate(piece.columns):
        for frag in frags:
            if frag.kind == "subhead":
                body.append(HARD.join(frag.lines))
            elif frag.kind == "jump" and body and frag.lines[0] == piece.jump_out and rng.random() < 0.6:
                body[-1] += HARD + frag.lines[0]
            else:
                body.append("".join(frag.lines))
        if piece.caption and ci == piece.caption_after:
            body.append(_caption_chunk(piece))
    return body + head if piece.headline_after else head + body


def page_markdown(page: PageLayout, rng: random.Random) -> str:
    chunks: List[str] = []
    if page.number == 1:
        h = page.header
        chunks.append("# " + h[0])
        chunks.append(HARD.join(h[1:5]))
        chunks.append(HARD.join(h[5:7]))
        chunks.extend(h[7:])
    else:
        chunks.append(HARD.join(page.header))
    pieces = [c for piece in page.pieces for c in _piece_chunks(piece, rng)]
    box = [HARD.join(page.box)] if page.box else []
    return "\n\n".join(chunks + pieces + box) + "\n"


def to_markdown(layout: IssueLayout) -> str:
    rng = random.Random(layout.options.seed * 31)
    return "\f".join(page_markdown(page, rng) for page in layout.pages)


def pdftotext(pdf: bytes) -> str:
    """Text as poppler's pdftotext gives it (its default reading-order mode, UTF-8)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "issue.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")
