"""Headlines and photos at phone width, in a real browser (headless Chromium, 375 px).

Every headline part (series, kicker, title, subtitle, subhead) of the sample issue's HTML, of
each chapter of its EPUB, and of an issue of long headlines, wraps only between the phrases
BudouX finds (writers/phrases.py): each character's box is measured, and wherever the next
character sits on a lower line, the line must have broken where a phrase starts, unless the
phrase is wider than the headline itself. No headline runs off the screen. In the HTML of a
PDF with real photos, each photo fits the screen with its caption right below it.
Screenshots are kept under test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import List

import pytest

from browser_session import browser, set_viewport  # noqa: F401 - browser is a fixture
from laobao_convert.model import Article, Block, Breaks, Issue, Masthead, Page
from laobao_convert.writers.epub import render_epub
from laobao_convert.writers.html import render_html
from laobao_convert.writers.phrases import spaced_phrases
from tests.cli_runs import own_cache, run  # noqa: F401 - own_cache is an autouse fixture

WIDTH = 375
HEADLINES = ".article .series, .article .kicker, .article .title, .article .subtitle, .article .subhead"

# Each headline as printed lines (split at <br>), each line as its characters with the box
# of each (null for a character not drawn: collapsed white space), and the headline's own box.
MEASURE = """
const result = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const content = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const lines = [[]];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.localName === 'br') lines.push([]);
      continue;
    }
    for (let i = 0; i < node.data.length;) {
      const size = node.data.codePointAt(i) > 0xffff ? 2 : 1;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + size);
      const r = Array.from(range.getClientRects()).find(r => r.width > 0);
      lines[lines.length - 1].push([node.data.slice(i, i + size), r ? [r.top, r.bottom, r.width] : null]);
      i += size;
    }
  }
  result.push({part: el.className, left: box.left, right: box.right, content: content,
               scroll: el.scrollWidth, client: el.clientWidth,
               viewport: document.documentElement.clientWidth, lines: lines});
}
return result;
"""


def _open(driver, path: Path) -> None:
    set_viewport(driver, WIDTH)
    driver.get(path.as_uri())


def _wraps(headline: dict) -> List[str]:
    """Where one measured headline wrapped (its text with | at each line change), checking
    each place against the phrases of its printed line."""
    name = headline["part"]
    assert headline["left"] >= -0.5 and headline["right"] <= headline["viewport"] + 0.5, f"{name} runs off the screen"
    assert headline["scroll"] <= headline["client"], f"{name} overflows its box"
    wraps = []
    for line in headline["lines"]:
        shown = [(char, box) for char, box in line if not char.isspace()]
        text = "".join(char for char, _ in line)
        phrases = [phrase for part in spaced_phrases(text) for phrase in part]
        assert "".join(phrases) == "".join(char for char, _ in shown), f"{name}: text shown is not its phrases"
        starts, at = [], 0
        for phrase in phrases:
            starts.append(at)
            at += len(phrase)
        assert all(box is not None for _, box in shown), f"{name}: {text} has characters not drawn"
        for i in range(1, len(shown)):
            (_, before), (_, after) = shown[i - 1], shown[i]
            if after[0] < before[0] + (before[1] - before[0]) / 2:
                continue  # the same line
            marked = "".join(c for c, _ in shown[:i]) + "|" + "".join(c for c, _ in shown[i:])
            wraps.append(marked)
            if i in starts:
                continue
            start = max(s for s in starts if s <= i)
            phrase = phrases[starts.index(start)]
            width = sum(box[2] for _, box in shown[start:start + len(phrase)])
            assert width > headline["content"], f"{name} breaks inside the phrase {phrase}: {marked}"
    return wraps


def _check_headlines(driver, artifacts: Path, label: str) -> List[str]:
    """Every headline on the open page; the places they wrapped."""
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= WIDTH, f"horizontal scrolling at {WIDTH}px: content is {scroll}px wide"
    headlines = driver.execute_script(MEASURE, HEADLINES)
    assert headlines, "no headlines on the page"
    wraps = [_wraps(headline) for headline in headlines]
    # The screenshot shows the first headline that wrapped, for a human to look at.
    first = next((n for n, found in enumerate(wraps) if found), 0)
    driver.execute_script("document.querySelectorAll(arguments[0])[arguments[1]].scrollIntoView()", HEADLINES, first)
    artifacts.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(artifacts / f"{label}.png"))
    return [wrap for found in wraps for wrap in found]


def _unzipped(data: bytes, directory: Path) -> List[Path]:
    """The book unzipped; its chapters (one per printed page)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        book.extractall(directory)
    return sorted(directory.glob("EPUB/page-*.xhtml"))


# --- the sample issue -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_outputs(repo_root, tmp_path_factory):
    source = repo_root / "samples" / "sample-issue.pdf"
    if not source.exists():
        pytest.skip("samples/sample-issue.pdf is not in the repository")
    directory = tmp_path_factory.mktemp("sample")
    made = {}
    for fmt in ("html", "epub"):
        made[fmt] = directory / f"sample.{fmt}"
        code, _, err = run(str(source), "-o", str(made[fmt]), "-j", "1", "-q")
        assert code == 0, err
    return made


def test_sample_html_headlines_wrap_between_phrases(browser, sample_outputs, repo_root):
    _open(browser, sample_outputs["html"])
    _check_headlines(browser, repo_root / "test-artifacts", f"html-sample-{WIDTH}-headlines")


def test_sample_epub_chapters_headlines_wrap_between_phrases(browser, sample_outputs, repo_root, tmp_path):
    chapters = _unzipped(sample_outputs["epub"].read_bytes(), tmp_path)
    assert chapters
    for chapter in chapters:
        _open(browser, chapter)
        # The book's own stylesheet applies: the chapter is shown as a reader would.
        assert browser.execute_script("return document.styleSheets.length") == 1
        _check_headlines(browser, repo_root / "test-artifacts", f"epub-sample-{chapter.stem}-{WIDTH}")


# --- long headlines -------------------------------------------------------------------------

LONG = (
    # (series, kicker, title, subtitle, subhead)
    (None, "全国人力资源和社会保障工作会议在京召开", "奋力开创人社事业高质量发展新局面",
     "——2024年全国就业目标1200万人以上", "城镇新增就业1244万人"),
    ("稳就业促增收一线观察②", None, "湖南社保卡“一卡通”惠及千家万户", None, "领用电子社保卡7.1亿人"),
    (None, "《中华人民共和国劳动合同法》修订草案公开征求意见", "职业技能等级认定：“新八级”工匠制度落地见效！",
     None, "一批龙头企业、院校和社会培训评价组织纳入评价体系"),
    # A word wider than the screen still breaks, inside itself, rather than run off it.
    (None, None, "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP认证体系", None, None),
)


def _long_issue() -> Issue:
    articles = []
    for n, (series, kicker, title, subtitle, subhead) in enumerate(LONG, 1):
        blocks = (Block("paragraph", "正文。", 1),) + ((Block("subhead", subhead, 1),) if subhead else ())
        articles.append(Article(id=f"p1-a{n}", pages=(1,), series=series, kicker=kicker, title=title,
                                subtitle=subtitle, blocks=blocks + (Block("paragraph", "又一段。", 1),)))
    # A title printed on two lines keeps its break, and each line wraps between phrases too.
    articles.append(Article(id="p1-a9", pages=(1,), title="健全劳动关系协商协调机制 促进劳动关系和谐稳定",
                            blocks=(Block("paragraph", "正文。", 1),), breaks=Breaks(title=(13,))))
    return Issue(masthead=Masthead(paper="中国劳动保障报", date="2024-04-24", issue_number=7154),
                 pages=(Page(number=1),), articles=tuple(articles))


def test_long_headlines_wrap_between_phrases_in_html_and_epub(browser, repo_root, tmp_path):
    issue = _long_issue()
    page = tmp_path / "long.html"
    page.write_text(render_html(issue), encoding="utf-8")
    _open(browser, page)
    wraps = _check_headlines(browser, repo_root / "test-artifacts", f"html-long-headlines-{WIDTH}")
    # Not blind: these headlines are wider than a phone, and the over-wide word breaks inside.
    assert len(wraps) >= len(LONG)
    word = LONG[-1][2].split("认证")[0]
    assert any(wrap.startswith(word[:10]) and wrap.index("|") < len(word) for wrap in wraps)
    (chapter,) = _unzipped(render_epub(issue), tmp_path / "book")
    _open(browser, chapter)
    assert len(_check_headlines(browser, repo_root / "test-artifacts", f"epub-long-headlines-{WIDTH}")) >= len(LONG)


# --- photos ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def photo_html(tmp_path_factory):
    from tests.synth.pdf import require_typesetting

    require_typesetting()
    from tests.synth.geometry import Options
    from tests.synth.pdf import generate

    _, data = generate(Options(seed=3, pages=1, images=1.0, photos=True))
    directory = tmp_path_factory.mktemp("photos")
    (directory / "photos.pdf").write_bytes(data)
    code, _, err = run(str(directory / "photos.pdf"), "-o", str(directory / "photos.html"), "-j", "1", "-q")
    assert code == 0, err
    return directory / "photos.html"


def test_photos_fit_the_screen_with_their_captions_right_below(browser, photo_html, repo_root):
    _open(browser, photo_html)
    figures = browser.execute_script("""
        return Array.from(document.querySelectorAll('figure.photo')).map(f => {
          const img = f.querySelector('img'), cap = f.querySelector('figcaption');
          const i = img.getBoundingClientRect(), c = cap.getBoundingClientRect();
          return {complete: img.complete && img.naturalWidth > 0, img: [i.left, i.right, i.top, i.bottom],
                  cap: [c.left, c.right, c.top, c.bottom], font: parseFloat(getComputedStyle(cap).fontSize)};
        });""")
    assert figures, "no photos on the page"
    for n, figure in enumerate(figures):
        left, right, top, bottom = figure["img"]
        assert figure["complete"], f"photo {n} is not shown"
        assert left >= 0 and right <= WIDTH and right - left > WIDTH / 3, f"photo {n} is {left}..{right}px"
        cap_left, cap_right, cap_top, _ = figure["cap"]
        # Right below: under the photo, within a line's height of it, and across the same column.
        assert bottom <= cap_top <= bottom + 1.5 * figure["font"], f"caption {n} is not right below its photo"
        assert cap_left < right and cap_right > left
    browser.execute_script("document.querySelector('figure.photo').scrollIntoView()")
    (repo_root / "test-artifacts").mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(repo_root / "test-artifacts" / f"html-photos-{WIDTH}.png"))
