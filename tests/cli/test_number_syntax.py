"""One number syntax wherever a number is written as text (issue 13).

A CSV cell, ``--weight ID=VALUE``, an AHP judgement such as ``1/3`` and the
numeric options read numbers the same way: ASCII digits with an optional
sign, point and exponent. ``--weight a=١`` (an Arabic-Indic digit) was
accepted while the CSV reader refused it; ``-w a=-0`` was exported as
``-0.0``. A negative zero is 0 wherever it is written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import scenario_data

REFUSED = ["١", "٣.٥", "1_0", "0x10", "1.5.2", "²", "7 5"]
ACCEPTED = [("7", 7.0), (" 2.5 ", 2.5), (".5", 0.5), ("5.", 5.0), ("1e-3", 1e-3), ("+3", 3.0)]


def with_csv(tmp_path: Path, cell: str) -> Path:
    (tmp_path / "options.csv").write_text(
        f"id,cost,benefit,speed\nalpha,{cell},1,1\nbeta,1,1,1\n", encoding="utf-8"
    )
    path = tmp_path / "s.yaml"
    data = scenario_data(options={"from_csv": "options.csv"})
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("text", REFUSED)
def test_every_reader_refuses_the_same_texts(
    text: str, invoke: Any, make_scenario: Any, tmp_path: Path
) -> None:
    base = make_scenario()
    weight = invoke("rank", base, "-w", f"cost={text}")
    assert weight.exit_code == 2, weight.stderr
    assert "is not a number" in weight.stderr
    cell = invoke("rank", with_csv(tmp_path, text))
    assert cell.exit_code == 3, cell.stderr
    assert "is not a number" in cell.stderr
    option = invoke("sensitivity", base, "--samples", "10", "--concentration", text)
    assert option.exit_code == 2, option.stderr
    assert "is not a number" in option.stderr
    samples = invoke("sensitivity", base, "--samples", text)
    assert samples.exit_code == 2, samples.stderr
    judged = make_scenario(
        "ahp.yaml",
        weights={
            "pairwise": {"cost": {"benefit": f"{text}/3", "speed": 1}, "benefit": {"speed": 1}}
        },
    )
    ahp = invoke("rank", judged)
    assert ahp.exit_code == 3, ahp.stderr
    assert "a judgement must be a number" in ahp.stderr


@pytest.mark.parametrize(("text", "value"), ACCEPTED)
def test_every_reader_accepts_the_same_texts(
    text: str, value: float, invoke: Any, make_scenario: Any, tmp_path: Path
) -> None:
    weight = invoke("rank", make_scenario(), "-w", f"cost={text}", "-f", "json")
    assert weight.exit_code == 0, weight.stderr
    cell = invoke("rank", with_csv(tmp_path, text), "-f", "csv")
    assert cell.exit_code == 0, cell.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(cell.stdout))}
    assert float(rows["alpha"]["cost (cost)"]) == value
    option = invoke("sensitivity", make_scenario(), "--samples", "10", "--concentration", text)
    assert option.exit_code == 0, option.stderr


def test_a_negative_zero_is_zero_everywhere(
    invoke: Any, make_scenario: Any, tmp_path: Path
) -> None:
    zeroed = invoke("rank", make_scenario(), "-w", "cost=-0", "-f", "json")
    assert zeroed.exit_code == 0, zeroed.stderr
    assert json.loads(zeroed.stdout)["weights"]["cost"] == 0.0
    assert "-0.0" not in zeroed.stdout
    text = yaml.safe_dump(
        scenario_data(weights={"cost": -0.0, "benefit": 1, "speed": 1}), sort_keys=False
    )
    in_yaml = invoke("rank", make_scenario("y.yaml", text=text), "-f", "json")
    assert in_yaml.exit_code == 0, in_yaml.stderr
    assert '"cost": 0.0' in in_yaml.stdout and "-0.0" not in in_yaml.stdout
    csv_cell = invoke("rank", with_csv(tmp_path, "-0"), "-f", "csv")
    assert csv_cell.exit_code == 0, csv_cell.stderr
    assert "-0.0" not in csv_cell.stdout
