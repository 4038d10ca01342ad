"""Where a headline may break: BudouX's phrases with the rules of Chinese typesetting on top,
and the markup both writers give them (each phrase a box, a break opportunity between)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from laobao_convert.model import Article, Block, Issue, Masthead, Page
from laobao_convert.writers.epub import render_epub
from laobao_convert.writers.html import render_html
from laobao_convert.writers.phrases import phrases, spaced_phrases

HEADLINE_TEXT = st.text(
    alphabet=st.sampled_from(list("就业社保卡人才培训技能湖南全国一二三") + list("0123456789.%AGZ")
                             + list("“”《》（）——，、：！。 ")),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(HEADLINE_TEXT)
def test_phrases_give_the_text_back_and_keep_punctuation_where_it_belongs(text):
    cut = phrases(text)
    assert "".join(cut) == text
    assert all(cut)
    for before, after in zip(cut, cut[1:]):
        # No line starts with a closing mark or sentence punctuation, none ends on an opening one.
        assert unicodedata.category(after[0]) not in ("Pe", "Pf") and after[0] not in "，、：！。%"
        assert unicodedata.category(before[-1]) not in ("Ps", "Pi")
        assert not (before[-1].isdigit() and after[0].isdigit())


def test_numbers_latin_words_dashes_and_quoted_terms_stay_whole():
    def whole(text, piece):
        return any(piece in phrase for phrase in phrases(text))

    assert whole("2024年就业目标1200万人以上", "1200")
    assert whole("领用电子社保卡7.1亿人", "7.1")
    assert whole("5G网络覆盖所有乡镇", "5G")
    assert phrases("——来自唐山的调查")[0].startswith("——")
    assert whole("湖南社保卡“一卡通”惠及千家万户", "“一卡通”")
    assert whole("《中华人民共和国劳动合同法》修订草案公开征求意见", "《中华人民共和国劳动合同法》")
    # A quoted sentence is no term: it may break inside, where BudouX says.
    assert not whole("他说“稳就业，保民生，促增收，惠千家”然后", "“稳就业，保民生，促增收，惠千家”")
    # A line with no break at all is still one phrase.
    assert phrases("人") == ("人",)


def test_spaced_parts_of_a_line_are_kept_apart():
    parts = spaced_phrases("以赛促学以赛促训 推动技能人才队伍建设")
    assert ["".join(part) for part in parts] == ["以赛促学以赛促训", "推动技能人才队伍建设"]
    assert spaced_phrases("  ") == ()


def test_both_writers_box_each_phrase_with_a_break_between():
    title, subhead = "湖南社保卡“一卡通”惠及千家万户", "一卡通用范围扩大 领用电子社保卡7.1亿人"
    article = Article(id="p1-a1", pages=(1,), title=title, series="稳就业促增收一线观察②",
                      blocks=(Block("paragraph", "正文。", 1), Block("subhead", subhead, 1)))
    issue = Issue(masthead=Masthead(paper="中国劳动保障报", date="2024-04-24", issue_number=7154),
                  pages=(Page(number=1),), articles=(article,))
    with zipfile.ZipFile(io.BytesIO(render_epub(issue))) as book:
        chapter = book.read("EPUB/page-01.xhtml").decode("utf-8")
    for shown in (render_html(issue), chapter):
        for cls, text in (("title", title), ("subhead", subhead), ("series", "稳就业促增收一线观察②")):
            inner = re.search(rf'class="{cls}">(.*)</(?:h\d|p)>', shown).group(1)
            expected = " ".join("<wbr />".join(f'<span class="phrase">{p}</span>' for p in part)
                                for part in spaced_phrases(text))
            assert inner == expected


def test_a_word_the_model_cuts_into_lone_characters_stays_whole():
    # BudouX's Chinese model gives 技|能, 人|才|队|伍, 专|项: no break between them.
    assert "技能" in phrases("扎实推进技能中国行动")
    assert {"人才", "队伍"} <= set(phrases("强化人才队伍建设"))
    assert "专项" in phrases("持续开展根治欠薪专项行动")
    assert all(len(p) > 1 for p in phrases("强化人才队伍建设促进高质量充分就业"))
