"""Quote normalisation (issue 16) against its rule read word by word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policyscore.loading.quotes import find, normalise

_SINGLE = "‘’‚‛′`´"
_DOUBLE = "“”„‟″«»"


def reference(text: str) -> tuple[str, list[int]]:
    """The rule read another way: the words ``str.split`` finds, joined by single spaces
    and straightened; a word's characters keep their places, and a space stands at the
    last whitespace character before the next word (found with ``str.isspace``)."""
    flat = " ".join(text.split())
    for curly, straight in ((_SINGLE, "'"), (_DOUBLE, '"')):
        for char in curly:
            flat = flat.replace(char, straight)
    where: list[int] = []
    at = 0
    for number, word in enumerate(text.split()):
        start = text.index(word, at)
        if number:
            where.append(start - 1)
        where.extend(range(start, start + len(word)))
        at = start + len(word)
    assert all(not text[i].isspace() for i, c in zip(where, flat, strict=True) if c != " ")
    return flat, where


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
