"""Quote normalisation (issue 16) against a character-at-a-time reading of its rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyscore.loading.quotes import find, normalise

_SINGLE = "‘’‚‛′`´"
_DOUBLE = "“”„‟″«»"


def reference(text: str) -> tuple[str, list[int]]:
    """The rule, one character at a time: whitespace runs (``str.isspace``) are one space
    standing at the run's last character, none at either end; curly quotes straight."""
    chars: list[str] = []
    where: list[int] = []
    space = False
    for index, char in enumerate(text):
        if char.isspace():
            space = bool(chars)
            continue
        if space:
            chars.append(" ")
            where.append(index - 1)
            space = False
        if char in _SINGLE:
            char = "'"
        elif char in _DOUBLE:
            char = '"'
        chars.append(char)
        where.append(index)
    return "".join(chars), where


# Words, every kind of whitespace Python knows (and characters next to it that are not),
# and the typographic quotes the rule straightens.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2000\u2028\u3000\u200b")),
        st.sampled_from(list(_SINGLE + _DOUBLE + "'\"")),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)


@given(TEXT)
def test_normalise_follows_the_rule(text: str) -> None:
    assert normalise(text) == reference(text)


@given(TEXT, st.data())
def test_a_piece_of_a_paragraph_is_found_where_it_stands(text: str, data: st.DataObject) -> None:
    flat, where = reference(text)
    if not flat.strip():
        return
    start = data.draw(st.integers(0, len(flat) - 1))
    end = data.draw(st.integers(start + 1, len(flat)))
    piece = flat[start:end]
    if not piece.strip() or piece != piece.strip() or piece[0] in "'\"":
        return  # a quote is trimmed, and one pair of quotation marks around it dropped
    found = find(piece, text)
    assert found is not None
    first = flat.find(piece)
    assert found == (where[first], where[first + len(piece) - 1] + 1)
