"""The HTML brief in a real browser: headless Chromium through Selenium.

What a byte comparison cannot see: that a browser fetches nothing for the
page, draws every chart, and lays the page out. Skipped, with the reason,
where Chromium, its driver or Selenium is missing; docs/development.md says
how to install them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium, or a skip that says what is missing."""
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed: pip install selenium"
    )
    if CHROMIUM is None or DRIVER is None:
        pytest.skip(
            "headless Chromium is not installed: apt-get install -y chromium chromium-driver"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=DRIVER)
    )
    driver.set_window_size(1280, 1000)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from policyscore.cli import app

    path = tmp_path_factory.mktemp("brief") / "brief.html"
    result = CliRunner().invoke(app, ["report", str(BASE), "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def test_the_brief_fetches_nothing_and_draws_every_chart(browser: Any, brief: Path) -> None:
    browser.get(brief.as_uri())
    assert browser.title == "US policy toward the Taliban government"
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == [], f"the brief made the browser fetch {fetched}"
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('figure svg')]"
        ".map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(sizes) >= 4
    assert all(width > 100 and height > 50 for width, height in sizes), sizes
    scripts = browser.execute_script("return document.scripts.length")
    assert scripts == 0
