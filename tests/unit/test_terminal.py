"""The Rich ranking table."""

import io

import pytest
from rich.console import Console

from policyscore.engine.ranking import rank
from policyscore.model import Scenario
from policyscore.render.ranking import RankingTable
from policyscore.render.terminal import bar
from policyscore.render.text import printable
from tests.conftest import scenario_data


def render(scenario: Scenario, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(RankingTable(rank(scenario)))
    return buffer.getvalue()


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_table_fits_the_width_and_shows_every_option(width: int) -> None:
    text = render(Scenario.model_validate(scenario_data()), width)
    assert max(len(line) for line in text.splitlines()) <= width
    for name in ("Alpha", "Beta", "Gamma", "60.0", "57.5", "50.0"):
        assert name in text
    assert "Margin: 2.5 points between Alpha and Beta" in text


def test_markup_and_escape_codes_in_names_are_shown_literally() -> None:
    data = scenario_data()
    data["options"]["alpha"]["name"] = "[red]boom[/red] \x1b[2J"
    text = render(Scenario.model_validate(data), 120)
    assert "[red]boom[/red] \\x1b[2J" in text
    assert "\x1b" not in text


def test_printable_escapes_control_characters() -> None:
    assert printable("a\x1b[31mb\u202ec\nd") == "a\\x1b[31mb\\u202ec d"


def test_bar_uses_eighths() -> None:
    assert bar(0.5, 4) == "██  "
    assert bar(0.5, 1) == "▌"
    assert bar(3 / 16, 1) == "▎"
    assert bar(2.0, 2) == "██" and bar(-1, 2) == "  "
