"""Rule `stitch`, text running on across a page break with no jump line (a book-like print)."""

from __future__ import annotations

from laobao_convert.parse.state import Mark, Part, Unit
from laobao_convert.parse.stitch import run_ons


def body(text, starts=None, geometry=True):
    return Unit(lines=(text,), role="body", geometry=geometry, starts=starts)


def head(text):
    return Unit(lines=(text,), role="title", heading=True, geometry=True)


def test_text_stopping_mid_sentence_goes_on_in_headless_text_atop_the_next_page():
    parts = [Part(page=5, head=(head("确保基本实现社会主义现代化"),), units=(body("这是五年间最重要的"),)),
             Part(page=6, units=(body("一条经验。新征程上", starts=False),)),
             Part(page=6, head=(head("另一篇文章"),), units=(body("正文。"),))]
    assert run_ons(parts, {}) == {0: 1}


def test_no_run_on_where_the_page_ends_a_paragraph_and_the_next_opens_one():
    parts = [Part(page=5, head=(head("标题"),), units=(body("句子写完了。"),)),
             Part(page=6, units=(body("新的一段开始", starts=True),))]
    assert run_ons(parts, {}) == {}


def test_no_run_on_into_a_headline_a_continuation_a_dateline_or_extracted_text():
    top = Part(page=5, head=(head("标题"),), units=(body("这是没有写完的"),))
    for after in (Part(page=6, head=(head("新文章"),), units=(body("正文", starts=False),)),
                  Part(page=6, continuation=True, units=(body("接着写", starts=False),)),
                  Part(page=6, units=(body("本报讯（记者 张三）今天", starts=False),)),
                  Part(page=6, units=(body("接着写", geometry=False),))):
        assert run_ons([top, after], {}) == {}
    after = Part(page=6, units=(body("接着写", starts=False),))
    jumping = Part(page=5, head=(head("标题"),), units=(body("这是没有写完的"),), jump_out=Mark(8, "(下转第八版)"))
    assert run_ons([jumping, after], {}) == {}
    assert run_ons([top, Part(page=7, units=(body("接着写", starts=False),))], {}) == {}
