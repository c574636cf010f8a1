"""Plain result objects of a brief's provenance: who, when, what it rests on, what it
leaves out.

As the other result modules: plain values, nothing that needs numpy to read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MetaInfo:
    """The scenario's ``meta:``: authors, the date it speaks for, its review status."""

    authors: tuple[str, ...]
    as_of: datetime.date
    status: str
    """``draft``, ``reviewed`` or ``final``."""
    reviewed_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferenceInfo:
    """A source as the reader sees it named: a reference of the scenario, or a local
    file or a free-text source that no reference names."""

    id: str
    """The reference's id; for a source without a reference, the text as written."""
    title: str
    """The title ("" for a local file or a free-text source without a reference)."""
    authors: tuple[str, ...] = ()
    date: str = ""
    publisher: str = ""
    url: str = ""
    file: str | None = None
    """The file name of the local text copy, if any."""
    suffix: str = ""
    """``a``, ``b`` ...: told apart from another reference with the same authors and year."""
    kind: str = "reference"
    """``reference`` (in ``references:``), ``file`` (a local text no reference names) or
    ``text`` (a free-text source, kept as written)."""
    scores: int = 0
    """How many scores cite it."""


@dataclass(frozen=True, slots=True)
class VariantInfo:
    """What a variant scenario changes from the scenario it is compared with."""

    label: str
    title: str
    scores: int
    """How many scores have another value (options added or removed count one each)."""
    weights: int
    """How many criteria carry another weight under the lens the brief uses."""
    other: tuple[str, ...] = ()
    """Other changes that move the ranking: ``criteria``, ``method``."""

    @property
    def weights_only(self) -> bool:
        """A variant that changes only weights: another lens on the same scores."""
        return self.weights > 0 and self.scores == 0 and not self.other

    @property
    def changes_ranking_inputs(self) -> bool:
        """Whether it changes anything the ranking reads (scores, weights, criteria, method)."""
        return bool(self.scores or self.weights or self.other)


@dataclass(frozen=True, slots=True)
class MarginBasis:
    """The scores the lead of the top option over the runner-up rests on."""

    first: str
    second: str
    """Names of the two options."""
    scores: int
    """Their scores together (two per criterion)."""
    low_first: int
    low_second: int
    """How many of each option's scores are marked low confidence."""
    unquoted: int
    """How many of their scores quote no words of a source."""
    inferred_first: int = 0
    inferred_second: int = 0
    """How many of each option's scores are marked the analyst's inference."""
    carrier: str | None = None
    """Name of the criterion on which the top option gains most over the runner-up (None
    for a method that adds no contributions, or when it gains on none)."""
    carrier_inferred: int = 0
    carrier_low: int = 0
    """Of the two scores on ``carrier``, how many are inferences, how many low confidence."""


@dataclass(frozen=True, slots=True)
class Tip:
    """One change inside the stated uncertainty that takes first place from the top option."""

    kind: str
    """``score`` or ``weight``."""
    criterion: str
    before: float
    """A score in its criterion's units, or a normalised weight (0 to 1)."""
    after: float
    taken_by: str
    """Name of the option that draws level at ``after`` and leads beyond it."""
    option: str | None = None
    """Name of the option whose score moves (None for a weight)."""


@dataclass(frozen=True, slots=True)
class Overturned:
    """A future or an analyst under which another option ranks first."""

    name: str
    winners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Limitations:
    """What the brief states about its own limits: the scenario's ``limitations:``, then
    what policyscore can see for itself. ``None`` in a field means the analysis that
    would find it was not run (or is not part of this version)."""

    stated: tuple[str, ...]
    scores: int
    low_confidence: int
    unsourced: int
    """Scores that cite no source at all."""
    unquoted: int
    """Scores that cite a source but quote none of its words (the analyst's reading)."""
    margin: MarginBasis | None
    sources: tuple[ReferenceInfo, ...]
    """Every distinct source the scores cite, most cited first."""
    unanchored: tuple[str, ...] | None
    """Names of the criteria whose scale has no anchored ends; None when the scenario
    format has no anchors (every scale is then unanchored)."""
    criteria: int
    undescribed: tuple[str, ...]
    """Names of the options without a description of what they consist of."""
    additive: bool
    """Whether the method adds up per-criterion contributions (the additive model's
    assumptions then apply)."""
    tipping: tuple[Tip, ...] | None = None
    """Changes inside the stated uncertainty that take first place, nearest first; None
    when no tipping-point analysis was run."""
    futures: tuple[Overturned, ...] | None = None
    """Futures under which another option ranks first; None when none are defined."""
    analysts: tuple[Overturned, ...] | None = None
    """Analysts under whose scores another option ranks first; None when none are defined."""
    inferences: int = 0
    """Scores marked the analyst's inference (``inference:``), not a reading of a source."""


def surname(name: str) -> str:
    """How an author is cited: the part before a comma ('Safian, Maheen'), a name in
    braces whole ('{World Bank}'), else the last word ('Maheen Safian' -> 'Safian')."""
    name = " ".join(name.split())
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1].strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    return name.rsplit(" ", 1)[-1] if name else name


def full_name(name: str) -> str:
    """An author's name as the reference list shows it (braces dropped)."""
    name = " ".join(name.split())
    return name[1:-1].strip() if name.startswith("{") and name.endswith("}") else name


def year(date: str) -> str:
    """The year of a publication date ('2023', '2023-05-01', 'May 2023' -> '2023'), or
    the date as written when no year can be read from it."""
    for word in date.replace("-", " ").replace("/", " ").split():
        if len(word) == 4 and word.isdigit():
            return word
    return date
