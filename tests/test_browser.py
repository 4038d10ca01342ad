"""The reflowed HTML in a real browser: headless Chromium at phone width.

No horizontal scrolling at 375 px, every table-of-contents link lands on its target, nothing
is fetched from anywhere, and a screenshot is kept under test-artifacts/ for a human to look at.
Skipped (with the reason) only when Chromium or its driver is not installed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from browser_session import browser, set_viewport  # noqa: F401 - browser is a fixture
from issue_examples import EXAMPLES
from laobao_convert.model import Issue
from laobao_convert.writers.html import HtmlWriter


def _open(driver, issue: Issue, directory: Path, name: str, width: int, height: int = 800) -> None:
    stream = io.BytesIO()
    HtmlWriter().write(issue, stream)
    page = directory / f"{name}.html"
    page.write_bytes(stream.getvalue())
    set_viewport(driver, width, height)
    driver.get(page.as_uri())


def _check_page(driver, artifacts: Path, label: str) -> None:
    width = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, f"horizontal scrolling at {width}px: content is {scroll}px wide"
    # Nothing fetched: a self-contained page has no resources besides itself.
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched == []
    artifacts.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(artifacts / f"{label}.png"))

    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('nav.toc a')).map(a => a.getAttribute('href'))"
    )
    assert links, "the page has no table of contents"
    for href in links:
        driver.execute_script("window.scrollTo(0, 0)")
        driver.execute_script("document.querySelector(arguments[0]).click()", f'nav.toc a[href="{href}"]')
        state = driver.execute_script(
            """
            const t = document.getElementById(arguments[0]);
            if (!t) return null;
            const r = t.getBoundingClientRect();
            const max = document.documentElement.scrollHeight - window.innerHeight;
            return {top: r.top, height: window.innerHeight, hash: location.hash,
                    y: window.scrollY, max: max};
            """,
            href[1:],
        )
        assert state is not None, f"{href} names no element"
        assert state["hash"] == href
        # At the top of the viewport, or as high as it can get when the page ends below it.
        at_top = -2 <= state["top"] <= 16
        at_end = state["y"] >= state["max"] - 2 and 0 <= state["top"] < state["height"]
        assert at_top or at_end, f"{href}: target is at {state['top']}px after following the link"
        if href == links[1]:
            driver.save_screenshot(str(artifacts / f"{label}-article.png"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_phone_width_no_horizontal_scroll_and_toc_lands(browser, name, tmp_path, repo_root):
    _open(browser, EXAMPLES[name](), tmp_path, name, 375)
    _check_page(browser, repo_root / "test-artifacts", f"html-{name}-375")


def test_narrowest_phone_and_desktop(browser, tmp_path, repo_root):
    for width in (360, 1280):
        _open(browser, EXAMPLES["full"](), tmp_path, f"full-{width}", width)
        _check_page(browser, repo_root / "test-artifacts", f"html-full-{width}")


@pytest.mark.parametrize("which", ["seed", "sample"])
def test_real_issue(browser, which, tmp_path, repo_root, shared_dir):
    parse = pytest.importorskip("laobao_convert.parse")
    if not hasattr(parse, "parse_issue"):
        pytest.skip("the parser (laobao_convert.parse.parse_issue) is not there yet")
    from laobao_convert.readers import read_input

    if which == "seed":
        path = shared_dir / "seed" / "20240424-p1.md"
    else:
        path = repo_root / "samples" / "sample-issue.pdf"
        if not path.exists():
            pytest.skip("samples/sample-issue.pdf is not in the repository yet")
    issue = parse.parse_issue([read_input(path.read_bytes(), path.name)])
    assert issue.articles
    _open(browser, issue, tmp_path, which, 375)
    _check_page(browser, repo_root / "test-artifacts", f"html-{which}-375")


def test_dark_scheme_and_print_style_apply(browser, tmp_path, repo_root):
    _open(browser, EXAMPLES["full"](), tmp_path, "full-dark", 375)
    background = "return getComputedStyle(document.body).backgroundColor"
    light = browser.execute_script(background)
    try:
        browser.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
        )
        dark = browser.execute_script(background)
        browser.execute_script("location.hash = '#2023-11-08-7093-p1-a1'")
        browser.save_screenshot(str(repo_root / "test-artifacts" / "html-full-375-dark.png"))
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        printed = browser.execute_script(background)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})

    def luminance(css: str) -> float:
        red, green, blue = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    assert luminance(light) > 200 and luminance(dark) < 60
    assert printed == "rgb(255, 255, 255)"
