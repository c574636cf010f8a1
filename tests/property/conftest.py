"""Hypothesis profiles for the property and fuzz tests.

The suite runs a bounded fuzz (a few seconds). The long run is one command::

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/property/test_fuzz_loader.py \
        tests/property/test_fuzz_engine.py tests/property/test_fuzz_io.py --hypothesis-show-statistics -p no:cacheprovider

``POLICYSCORE_FUZZ_EXAMPLES`` sets the examples per fuzz test in that profile
(default 5000). At the end the run prints how many generated cases each fuzz
target tried and how they ended (loaded and ranked, or refused with a clean
``PolicyscoreError``); anything else fails the run.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

from tests.property.fuzzing import OUTCOMES

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("POLICYSCORE_FUZZ_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
    settings.load_profile("fuzz")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int) -> None:
    if not OUTCOMES:
        return
    terminalreporter.section("fuzz cases tried")
    total = 0
    for target, counts in sorted(OUTCOMES.items()):
        n = sum(counts.values())
        total += n
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        terminalreporter.write_line(f"{target}: {n} cases ({detail})")
    verdict = "nothing but clean errors" if exitstatus == 0 else "SOME FAILED (see above)"
    terminalreporter.write_line(f"total: {total} generated cases, {verdict}")
