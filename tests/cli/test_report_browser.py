"""The HTML brief in a real browser: headless Chromium through Selenium.

What a byte comparison cannot see: that a browser fetches nothing for the
page and draws every chart; that on a 400 px phone nothing makes the page
scroll sideways (a wide table scrolls inside its own box), chart text stays
at least 9 px and nothing is cut off; that at 1280 px nothing is wider than
the page; and that printed to PDF (Chromium's own print, through the
DevTools protocol) no heading ends a page, no table row or figure is split
across pages, every page carries its number, the date and the status, and no
page but the last is more than a quarter blank (on Letter and on A4); and that
on screen a draft says so at the top of the window wherever one scrolls.

Skipped, with the reason, where Chromium, its driver, Selenium or pypdf is
missing; docs/development.md says how to install them.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policyscore.render.report import STYLE
from tests.conftest import BASE, ROOT, SHIPPED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
PROVENANCE = ROOT / "tests" / "data" / "valid" / "provenance" / "scenario.yaml"
VARIANTS = [ROOT / "scenarios" / "sceptical_reading.yaml", ROOT / "scenarios" / "elicitation.yaml"]

PHONE = 400
DESKTOP = 1280
SMALLEST_CHART_TEXT = 9.0
"""CSS pixels."""


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
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path=DRIVER)
    )
    driver.set_window_size(DESKTOP, 1000)
    try:
        yield driver
    finally:
        driver.quit()


def _report(directory: Path, scenario: Path, *extra: str) -> Path:
    from typer.testing import CliRunner

    from policyscore.cli import app

    path = directory / "brief.html"
    result = CliRunner().invoke(app, ["report", str(scenario), "-o", str(path), *extra])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped scenario's brief (no meta: its pages say so)."""
    return _report(tmp_path_factory.mktemp("brief"), BASE)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The brief of the shipped worked example (a draft, with its variants)."""
    return _report(tmp_path_factory.mktemp("shipped"), SHIPPED / "base.yaml")


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A draft with meta, references, quotes and limitations, beside two variants."""
    extra = [arg for path in VARIANTS for arg in ("--variants", str(path))]
    return _report(tmp_path_factory.mktemp("draft"), PROVENANCE, *extra)


def _open(browser: Any, page: Path, width: int) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(page.as_uri())


def test_the_brief_fetches_nothing_and_draws_every_chart(browser: Any, brief: Path) -> None:
    _open(browser, brief, DESKTOP)
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


OVERFLOW = """
const width = document.documentElement.clientWidth;
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.table') && !el.classList.contains('table')) continue;  // scrolls in its box
  if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;  // checked apart
  const r = el.getBoundingClientRect();
  if (r.width && (r.right > width + 0.5 || r.left < -0.5)) {
    wide.push(el.tagName + ' ' + (el.textContent || '').slice(0, 40) + ' ' + r.left + '..' + r.right);
  }
}
return [document.documentElement.scrollWidth, width, wide];
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("which", ["brief", "draft"])
def test_nothing_is_wider_than_the_page(browser: Any, which: str, width: int, request: Any) -> None:
    """At 400 px the page does not scroll sideways (wide tables scroll in their own box);
    at 1280 px nothing is wider than the page."""
    _open(browser, request.getfixturevalue(which), width)
    scroll, client, wide = browser.execute_script(OVERFLOW)
    assert scroll <= client, f"the page scrolls sideways at {width} px ({scroll} > {client})"
    assert not wide, f"wider than the page at {width} px: {wide[:5]}"
    if width == PHONE:
        boxes = browser.execute_script(
            "return [...document.querySelectorAll('.table')].map(b => "
            "[b.scrollWidth > b.clientWidth, getComputedStyle(b).overflowX])"
        )
        assert any(scrolls for scrolls, _ in boxes), "no table is wide enough to test its box"
        assert all(overflow == "auto" for _, overflow in boxes)


CHART_TEXT = """
const found = [];
for (const svg of document.querySelectorAll('figure svg')) {
  const box = svg.getBoundingClientRect();
  for (const text of svg.querySelectorAll('text')) {
    if (!text.textContent.trim()) continue;
    const m = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
    const r = text.getBoundingClientRect();
    const inside = r.left >= box.left - 1 && r.right <= box.right + 1
      && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    found.push([text.textContent, size, inside]);
  }
}
return found;
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("which", ["draft", "shipped"])
def test_chart_text_is_legible_and_whole(
    browser: Any, which: str, width: int, request: Any
) -> None:
    """Every word of every chart is at least 9 px and inside its chart (the shipped brief's
    long criterion names once ran out of the contributions chart's legend)."""
    _open(browser, request.getfixturevalue(which), width)
    texts = browser.execute_script(CHART_TEXT)
    assert len(texts) > 40
    small = [(t, round(s, 2)) for t, s, _ in texts if s < SMALLEST_CHART_TEXT]
    assert not small, f"chart text under {SMALLEST_CHART_TEXT} px at {width} px: {small[:5]}"
    cut = [t for t, _, inside in texts if not inside]
    assert not cut, f"chart text cut off at {width} px: {cut[:5]}"


def test_printed_pages_fit_the_paper(browser: Any, draft: Path) -> None:
    """Laid out for print at the width of a page's text (Letter, the print margins), no
    element is wider than the page: a table that scrolls on screen must fit on paper."""
    _open(browser, draft, 680)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        scroll, client, wide = browser.execute_script(
            OVERFLOW.replace(
                "if (el.closest('.table') && !el.classList.contains('table')) continue;", ""
            )
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert scroll <= client
    assert not wide, f"wider than the printed page: {wide[:5]}"


PAPER = {"Letter": {}, "A4": {"paperWidth": 8.27, "paperHeight": 11.69}}
"""Chromium prints on Letter unless told; A4 in inches."""


def _printed(browser: Any, page: Path, paper: str = "Letter") -> Any:
    """The brief printed by Chromium (its print-to-PDF), as a pypdf reader."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed: pip install pypdf")
    _open(browser, page, DESKTOP)
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, **PAPER[paper]})
    return pypdf.PdfReader(io.BytesIO(base64.b64decode(printed["data"])))


def _pdf(browser: Any, page: Path) -> list[str]:
    """The brief printed by Chromium, one text per page."""
    return [p.extract_text() for p in _printed(browser, page).pages]


def _words(text: str) -> set[str]:
    """Letters and digits, ligatures undone (a PDF may print "fi" as one glyph)."""
    return set(re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKC", text)))


@pytest.mark.parametrize(
    ("which", "status"),
    [("draft", "Draft · 30 November 2026"), ("shipped", "Draft · 1 December 2026")],
)
def test_every_printed_page_carries_number_date_and_status(
    browser: Any, which: str, status: str, request: Any
) -> None:
    printed = _pdf(browser, request.getfixturevalue(which))
    total = len(printed)
    assert total >= 5
    for number, text in enumerate(printed, start=1):
        flat = " ".join(text.split())
        assert f"Page {number} of {total}" in flat, f"page {number} has no page number"
        assert status in flat, f"page {number} lacks the date and status"


MOST_BLANK = 0.25
"""The largest share of a page (but the last) that may be left blank below its text."""

_MARGINS = re.search(r"@page \{ margin: (\d+)mm \d+mm (\d+)mm", STYLE)
assert _MARGINS is not None, "the brief's @page margins are no longer where the test reads them"
TOP, BOTTOM = (float(m) * 72 / 25.4 for m in _MARGINS.groups())
"""The page margins in PDF points (the status line and the page number live in them)."""


def blank_shares(reader: Any) -> list[float]:
    """For each printed page, the share of its text area left blank below the lowest text.

    The lowest text is the last line, the last row, or the caption under the last figure
    (every figure has one); the page margins' own texts are left out.
    """
    shares = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        lows: list[float] = []

        def seen(
            text: str, cm: Any, tm: Any, font: Any, size: Any, lows: list[float] = lows
        ) -> None:
            if text.strip():
                lows.append(tm[5] * cm[3] + tm[4] * cm[1] + cm[5])

        page.extract_text(visitor_text=seen)
        body = [y for y in lows if BOTTOM < y < height - TOP]
        area = height - TOP - BOTTOM
        shares.append((min(body) - BOTTOM) / area if body else 1.0)
    return shares


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("which", ["shipped", "draft"])
def test_no_printed_page_but_the_last_is_more_than_a_quarter_blank(
    browser: Any, which: str, paper: str, request: Any
) -> None:
    """A figure that does not fit what is left of a page moves on and the text after it
    fills the gap; an evidence entry may break between its sources."""
    shares = blank_shares(_printed(browser, request.getfixturevalue(which), paper))
    assert len(shares) >= 5
    blank = {n: round(share, 2) for n, share in enumerate(shares[:-1], 1) if share > MOST_BLANK}
    assert not blank, f"pages more than {MOST_BLANK:.0%} blank ({paper}): {blank}"


def test_the_blank_check_finds_a_mostly_blank_page(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: a block that may not break, pushed to the next page by
    the text above it, leaves the rest of the first page blank."""
    words = " ".join(f"word{i}" for i in range(300))
    block = "<div style='break-inside: avoid; height: 150mm'>A block that may not break</div>"
    page = tmp_path / "blank.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><style>{STYLE}</style></head><body><p>{words}</p>"
        f"{block}<p>The end.</p></body></html>",
        encoding="utf-8",
    )
    shares = blank_shares(_printed(browser, page))
    assert len(shares) >= 2
    assert shares[0] > MOST_BLANK


DRAFT_BAR = """
const bar = document.querySelector('.draft-bar');
if (!bar) return null;
const r = bar.getBoundingClientRect();
const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
return [r.top, r.bottom, window.innerHeight, bar.contains(top), bar.textContent];
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_draft_says_so_on_screen_wherever_one_scrolls(
    browser: Any, shipped: Path, width: int
) -> None:
    _open(browser, shipped, width)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    for share in (0, 0.25, 0.5, 0.75, 1):
        browser.execute_script(f"window.scrollTo(0, {height * share})")
        found = browser.execute_script(DRAFT_BAR)
        assert found is not None, "the draft has no draft bar"
        top, bottom, window, on_top, said = found
        where = f"at {width} px, scrolled to {share:.0%}"
        assert top >= 0 and bottom <= window, f"the draft bar is out of view {where}"
        assert on_top, f"the draft bar is covered {where}"
        assert said.startswith("Draft · ")


def test_a_brief_that_is_not_a_draft_has_no_draft_bar(browser: Any, brief: Path) -> None:
    _open(browser, brief, DESKTOP)
    assert browser.execute_script(DRAFT_BAR) is None


def test_the_shipped_brief_says_on_every_page_that_it_states_no_date(
    browser: Any, brief: Path
) -> None:
    pages = _pdf(browser, brief)
    assert all("Status and date not stated" in " ".join(p.split()) for p in pages)


MARGIN_TEXT = re.compile(
    r"Draft · (?:30 November|1 December) 2026|Page \d+ of \d+|"
    r"US policy toward the Taliban government"
)


@pytest.mark.parametrize("which", ["shipped", "draft"])
def test_no_heading_ends_a_printed_page(browser: Any, which: str, request: Any) -> None:
    page = request.getfixturevalue(which)
    printed = _pdf(browser, page)
    _open(browser, page, DESKTOP)
    headings = browser.execute_script(
        "return [...document.querySelectorAll('h1, h2, h3, dt')].map(h => h.textContent)"
    )
    assert len(headings) > 20
    wanted = {" ".join(h.split()) for h in headings}
    for number, text in enumerate(printed[:-1], start=1):
        lines = [" ".join(line.split()) for line in MARGIN_TEXT.sub("", text).splitlines()]
        last = next(line for line in reversed(lines) if line)
        assert last not in wanted, f"page {number} ends with the heading {last!r}"


UNITS = (
    "return [...document.querySelectorAll('tr'), ...document.querySelectorAll('figure')]"
    ".map(u => [...u.querySelectorAll('th, td, text, figcaption')]"
    ".map(c => c.textContent).join(' '))"
)


def split_units(browser: Any, page: Path, printed: list[str]) -> tuple[int, list[str]]:
    """How many table rows and figures ``page`` has, and those split across pages.

    A row or figure printed whole shares one page with all its words; one split
    across two leaves words that are on one page only on each side. Words that
    also appear elsewhere cannot tell, so the check may miss a split but never
    blames a whole one.
    """
    _open(browser, page, DESKTOP)
    units = browser.execute_script(UNITS)
    pages = [_words(text) for text in printed]
    split = []
    for unit in units:
        shared = set(range(len(pages)))
        for word in _words(unit):
            shared &= {i for i, words in enumerate(pages) if word in words}
        if not shared:
            split.append(" ".join(unit.split())[:60])
    return len(units), split


@pytest.mark.parametrize("which", ["shipped", "draft"])
def test_no_table_row_or_figure_is_split_across_pages(
    browser: Any, which: str, request: Any
) -> None:
    page = request.getfixturevalue(which)
    count, split = split_units(browser, page, _pdf(browser, page))
    assert count > 30
    assert not split, f"split across pages: {split}"


def test_the_split_check_finds_a_split_row(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: a row taller than what is left of a page, allowed to
    break, is found split."""
    cells = " ".join(f"word{i}x" for i in range(900))
    page = tmp_path / "split.html"
    page.write_text(
        "<!DOCTYPE html><html><body><div style='height: 800px'></div>"
        f"<table><tr><td>{cells}</td></tr></table></body></html>",
        encoding="utf-8",
    )
    count, split = split_units(browser, page, _pdf(browser, page))
    assert count == 1
    assert split
