"""``layout.share_widths``: columns that fit the room without going under their longest word."""

from hypothesis import given
from hypothesis import strategies as st

from policyscore.render.layout import share_widths


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 40)), min_size=1, max_size=9),
       st.integers(0, 200))  # fmt: skip
def test_widths_fit_and_keep_each_column_whole(columns, extra) -> None:
    least = [m for m, _ in columns]
    natural = [m + more for m, more in columns]
    room = sum(least) + extra
    widths = share_widths(least, natural, room)
    assert all(w >= m for w, m in zip(widths, least, strict=True))
    assert all(w <= n for w, n in zip(widths, natural, strict=True))
    assert sum(widths) == min(room, sum(natural))


def test_natural_widths_when_they_fit() -> None:
    assert share_widths([3, 4], [10, 12], 30) == [10, 12]


def test_what_is_left_goes_by_what_each_column_wants() -> None:
    # 10 characters to share, wanted 30 and 10: 7.5 and 2.5; the half left over goes to
    # the first of the columns that lost most to rounding
    assert share_widths([5, 5], [35, 15], 20) == [13, 7]
