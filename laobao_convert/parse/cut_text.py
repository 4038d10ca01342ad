"""Rule `cut_text`: say so where extracted text left an article stopping mid-sentence.

An article's text ends where a sentence ends, or at a 下转 line. Text extracted without
its layout (pdftotext, in either mode) may set an article's next column elsewhere: into an
article beside it, or after a headline further down. The rules cannot tell where it went,
so they leave the text where it stands and warn, quoting the article's last words, so that
a reader knows which articles to check against the page. A PDF's or a scan's pages are read
by where the text stands, so their articles are not second-guessed here.
"""

from __future__ import annotations

from laobao_convert.model import Article
from laobao_convert.parse.state import State
from laobao_convert.parse.text import ends_sentence

_UNPLACED = ("pdftotext", "layout")
"""Page kinds whose reading order came from an extraction, not from where the text stands."""
_QUOTE = 12
"""Characters of the article's last words quoted."""


def apply(state: State) -> State:
    unplaced = {page.number for page in state.pages if page.kind in _UNPLACED}
    if not unplaced:
        return state
    for article in state.articles:
        paragraphs = [block for block in article.blocks if block.type == "paragraph" and block.text.strip()]
        if not paragraphs or not set(article.pages) & unplaced:
            continue
        last = paragraphs[-1]
        if ends_sentence(last.text) or _jumps_out(article):
            continue
        name = f"《{article.title}》" if article.title else "an article with no headline"
        state = state.warn("cut-text", f"page {last.page}: {name} stops mid-sentence "
                           f"at 「…{last.text.strip()[-_QUOTE:]}」; the extraction may have set the rest of "
                           "its text in another article", page=last.page)
    return state


def _jumps_out(article: Article) -> bool:
    """An article whose last part ends in a 下转 line is told of by `unresolved-jump`."""
    return any(jump.from_page == article.pages[-1] and not jump.resolved for jump in article.jumps)
