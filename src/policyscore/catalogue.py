"""The list of ranking methods, known without numpy: the methods' registry line.

Each entry names a method whose object is ``METHOD`` in
``policyscore/engine/methods/NAME.py``; the engine's registry
(:mod:`policyscore.engine.methods`) loads them in this order and checks that
each agrees with its entry. The scenario model (:mod:`policyscore.model`)
checks ``method:`` against this table alone, before any arithmetic is
loaded (``policyscore validate`` never imports numpy or the engine): the
name, the parameters a method spec may give it and whether it takes a
normalisation. A method registered at run time
(:func:`policyscore.engine.methods.register`) adds its entry here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entry:
    """What the scenario format knows about one method."""

    name: str
    parameters: tuple[str, ...] = ()
    """The method spec's keys it takes (vikor: ``v``)."""
    normalized: bool = True
    """Whether it takes a normalisation (``normalization:``, ``--normalization``)."""


METHODS: dict[str, Entry] = {
    e.name: e
    for e in (
        Entry("wsm"),
        Entry("topsis"),
        Entry("vikor", parameters=("v",), normalized=False),
        Entry("promethee2", normalized=False),
    )
}
"""Every method by name, in display order. One line per method."""

DEFAULT = "wsm"
"""The method of a scenario that names none."""
