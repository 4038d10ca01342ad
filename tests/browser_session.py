"""A headless Chromium for the browser tests: `browser`, imported into a test module, is one
session for the whole module; `set_viewport` sizes its viewport (not its window) to a width.

The tests using it are skipped (with the reason) only when selenium, Chromium or its driver
is not installed."""

from __future__ import annotations

import shutil
import tempfile

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _find(names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = _find(BROWSERS)
    driver_path = _find(("chromedriver",))
    if not binary or not driver_path:
        pytest.skip("Chromium and chromedriver are not installed (Debian: chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="laobao-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, width: int, height: int = 800) -> None:
    """The window's outer size includes no chrome in headless mode, but make sure the viewport
    itself is the width under test."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return window.innerWidth")
    if inner != width:
        driver.set_window_size(width + (width - inner), height)
