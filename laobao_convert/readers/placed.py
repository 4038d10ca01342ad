"""A page's glyph geometry through the layout engine, into page content: what every reader
that places text itself (OCR, ALTO alone) does last, as the PDF reader lays out its pages."""

from __future__ import annotations

from typing import Optional

from laobao_convert.content import PageContent
from laobao_convert.errors import PdfError
from laobao_convert.layout import PageGeometry, analyse_page, to_blocks


def laid_out(geometry: PageGeometry, name: str, index: int, number: Optional[int], label: str) -> PageContent:
    """The page laid out: its blocks in reading order with roles, its rules and pictures."""
    from laobao_convert.readers.pdf import graphics

    try:
        state = analyse_page(geometry)
    except (Exception, RecursionError) as error:  # noqa: BLE001 - never a traceback for an input
        raise PdfError(f"{label} could not be laid out ({' '.join(str(error).split())[:120]})", where=name) from None
    return PageContent(blocks=to_blocks(state.pieces), source=name, index=index, number_hint=number,
                       width=geometry.width, height=geometry.height, body_size=state.body or None,
                       graphics=graphics(state))
