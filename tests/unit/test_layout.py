"""How the ``full`` layout shares a terminal's width between the option names and the
column headers (render/layout.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyscore.render.layout import GAP, longest_word, plan, wrap_words


def lines(text: str, width: int) -> int:
    return len(wrap_words(text, width))


def height(labels: list[str], names: list[str], label: int, widths: tuple[int, ...]) -> int:
    """Header lines plus the label lines of every row."""
    header = max((lines(n, w) for n, w in zip(names, widths, strict=True)), default=0)
    return header + sum(lines(x, label) for x in labels)


def label_first(width: int, fixed: int, labels: list[str], names: list[str], need: int = 4) -> int:
    """The layout before the balance: the label column as wide as it would like (up to 40),
    then each header widened in turn towards its name's length."""
    label_min = max([longest_word(x) for x in labels] + [6])
    label_full = max(min(max([len(x) for x in labels] + [6]), 40), label_min)
    least = [max(longest_word(n), need) for n in names]
    spare = width - (fixed + label_min + sum(least) + GAP * len(names))
    label = min(label_full, label_min + spare)
    spare -= label - label_min
    widths = list(least)
    for j, name in enumerate(names):
        grow = min(spare, max(0, len(name) - widths[j]))
        widths[j] += grow
        spare -= grow
    return height(labels, names, label, tuple(widths))


SHIPPED_OPTIONS = [
    "Full recognition, unconditional",
    "Conditional engagement",
    "Sanctions relief, without recognition",
    "A working security channel only",
    "Continued isolation (as now)",
]
SHIPPED_OBJECTIVES = ["US security", "Afghan civilians", "Avoiding a violent collapse"]


def test_a_long_header_does_not_stand_four_lines_high_beside_roomy_option_names() -> None:
    """rank scenarios/base.yaml at 80 columns: "Avoiding a violent collapse" stood four
    lines high (one word a line) while the option column kept room for a 37-character
    name; the option column now gives up six characters and the header is three lines."""
    chosen = plan(80, fixed=3 + GAP + 5 + GAP, labels=SHIPPED_OPTIONS,
                  names=SHIPPED_OBJECTIVES, data_width=[4, 4, 4])  # fmt: skip
    assert chosen.mode == "full"
    header = [lines(n, w) for n, w in zip(SHIPPED_OBJECTIVES, chosen.widths, strict=True)]
    assert max(header) == 3
    assert chosen.label_width >= len("Full recognition, unconditional")


WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=9)
NAMES = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


@given(
    st.lists(NAMES, min_size=1, max_size=6),
    st.lists(NAMES, min_size=1, max_size=6),
    st.integers(40, 200),
)
def test_the_balance_is_never_taller_and_cuts_no_name(
    labels: list[str], names: list[str], width: int
) -> None:
    fixed = 3 + GAP + 5 + GAP
    chosen = plan(width, fixed=fixed, labels=labels, names=names, data_width=[4] * len(names),
                  short=False)  # fmt: skip
    if chosen.mode != "full":
        return
    total = fixed + chosen.label_width + sum(chosen.widths) + GAP * len(names)
    assert total <= width
    assert chosen.label_width >= max(longest_word(x) for x in labels)
    assert all(w >= longest_word(n) for n, w in zip(names, chosen.widths, strict=True))
    assert height(labels, names, chosen.label_width, chosen.widths) <= label_first(
        width, fixed, labels, names
    )
