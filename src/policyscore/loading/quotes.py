"""Quotes: finding the words a score quotes in the paragraph it cites.

A score's ``quote:`` must occur in one of the paragraphs the score cites.
The comparison forgives what a reader cannot see or would not count as a
different word: runs of whitespace (line breaks included) are one space,
and typographic quotes and apostrophes are their straight forms, and one pair of
quotation marks around the whole quote is not part of it. Everything else,
capitals included, must match.
"""

from __future__ import annotations

import difflib
import functools
import re

_SINGLE = "‘’‚‛′`´"
_DOUBLE = "“”„‟″«»"
_STRAIGHT = str.maketrans({**dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DOUBLE, '"')})
_WORD = re.compile(r"\S+")

NEAREST_CHARS = 160
"""Longest nearest passage shown in an error."""


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space and curly quotes straight, and for
    each character of the result the index of the character of ``text`` it came from.

    Leading and trailing whitespace is dropped.
    """
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
        chars.append(char.translate(_STRAIGHT))
        where.append(index)
    return "".join(chars), where


@functools.lru_cache(maxsize=512)
def _paragraph(text: str) -> tuple[str, tuple[int, ...]]:
    """:func:`normalise` of a paragraph, kept: a scenario checks each of its quotes against
    every paragraph the score cites, and cites the same paragraphs many times (the shipped
    scenario normalised 33 paragraphs 136 times)."""
    flat, where = normalise(text)
    return flat, tuple(where)


def _unwrapped(quote: str) -> str:
    """The quote normalised, without one pair of quotation marks around the whole."""
    text, _ = normalise(quote)
    if len(text) > 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    return text


def find(quote: str, paragraph: str) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``paragraph`` (start, end in the paragraph's own text),
    forgiving whitespace and typographic quotes; None when it does not occur."""
    wanted = _unwrapped(quote)
    text, where = _paragraph(paragraph)
    if not wanted:
        return None
    at = text.find(wanted)
    if at < 0:
        return None
    return where[at], where[at + len(wanted) - 1] + 1


def nearest(quote: str, paragraph: str) -> tuple[float, str]:
    """The run of words of ``paragraph`` most like ``quote`` (as many words as the quote
    has), and how alike they are (0 to 1), whitespace normalised."""
    wanted = _unwrapped(quote)
    words = [m.group() for m in _WORD.finditer(paragraph)]
    size = max(1, min(len(wanted.split(" ")), len(words)))
    best, passage = -1.0, ""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for start in range(max(1, len(words) - size + 1)):
        window = normalise(" ".join(words[start : start + size]))[0]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, passage = ratio, window
    if len(passage) > NEAREST_CHARS:
        passage = passage[: NEAREST_CHARS - 2].rsplit(" ", 1)[0] + " …"
    return max(best, 0.0), passage
