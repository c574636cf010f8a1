"""Sources: what each score cites, resolved; the words it quotes, found.

A source in a score's ``sources:`` is one of

* ``file#pN``: paragraph N of a local text file, the path relative to the
  file that cites it;
* ``ref#pN`` or ``ref``: paragraph N of a reference of the scenario's
  ``references:`` (its ``file:`` is the text), or the reference as a whole.

Nothing else is one (:data:`~policyscore.model.SOURCE_PATTERN`): free text, a
citation as written or a URL is refused where the model is validated, with
:func:`source_syntax_problem`'s words, and its details belong in a reference.

A path that names a reference's file is cited as that reference. Every cited
file is read once; a missing file, a missing paragraph or an unknown
reference id is one problem at the citation, and so is a file outside the
scenario's project (:class:`~policyscore.loading.files.Confinement`), which is
never read, nor is a file that holds a NUL byte (not text) ever quoted. A
score's ``quote:`` must occur in one of the paragraphs it cites
(:mod:`policyscore.loading.quotes`); one that does not is a problem at the
quote, naming the nearest passage.
"""

from __future__ import annotations

import re
from pathlib import Path

from policyscore.errors import Problem, ScenarioError, did_you_mean, quote, quoted_list
from policyscore.loading import quotes
from policyscore.loading.files import Confinement, display_path, read_text, resolve_path
from policyscore.loading.reader import Mark, Positions, _nearest
from policyscore.model import ID_PATTERN, Scenario, Score
from policyscore.model import Path as DocPath
from policyscore.overlays import futures_of
from policyscore.results import Source

_SOURCE_FILE = re.compile(r"^(?P<file>[^\s:#][^\s#]*)#p(?P<paragraph>\d+)$")
_ID = re.compile(ID_PATTERN)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")

SourceMap = dict[tuple[str, str], tuple[Source, ...]]
"""Sources of each score by (option id, criterion id)."""

QUOTE_HINT = (
    "copy the words exactly as the source writes them (line breaks, spacing and curly or "
    "straight quotes do not matter); a quote must come from a paragraph the score cites"
)


def paragraphs(text: str) -> list[str]:
    """Blocks of ``text`` separated by blank lines, in order (p1 is the first)."""
    return [block.strip() for block in _PARAGRAPH_BREAK.split(text.strip()) if block.strip()]


def _read_source(file: Path) -> str:
    """A cited file's text: a regular file of UTF-8 text, never a binary one (a NUL byte)."""
    text = read_text(file, what="source file")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ScenarioError(
            f"{display_path(file)}:{line}:{column}: holds a NUL byte: not a text file",
            hint="cite a plain text file",
        )
    return text


def _resolve_sources(
    scenario: Scenario,
    positions: Positions,
    inputs: list[Path],
    confinement: Confinement | None = None,
) -> tuple[SourceMap, dict[str, SourceMap], list[Problem]]:
    """The sources of the base scores, and of each future's overrides (by future id), with
    every problem found resolving them; a file outside ``confinement`` is not read."""
    resolver = _Resolver(scenario, positions, inputs, confinement)
    base: SourceMap = {}
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            base[(oid, cid)] = resolver.score(score, ("options", oid, "scores", cid))
    futures: dict[str, SourceMap] = {}
    for overlay in futures_of(scenario):
        mine: SourceMap = {}
        for oid, scores in overlay.scores.items():
            for cid, score in scores.items():
                mine[(oid, cid)] = resolver.score(score, (*overlay.path, "scores", oid, cid))
        futures[overlay.id] = mine
    return base, futures, resolver.problems


_FRAGMENT = re.compile(
    r"^\s*(?:\[[^\]]*|[^\[]*\]|\(?\d{4}[a-z]?\)?|\d+(?:\s*[-–]\s*\d+)?|"
    r"(?:p|pp|para|paras|page|pages|§)\.?\s*\d+(?:\s*[-–]\s*\d+)?)\s*$",
    re.IGNORECASE,
)
"""A piece of a citation, not a source: ``[Smith``, ``2020]``, ``2020``, ``p. 4``, ``pp. 3-5``.

What is left when YAML reads ``sources: [Smith et al. 2020, p. 4]`` as a list of
two items (the brackets and commas of a free-text citation are YAML's)."""

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|doi:)", re.IGNORECASE)
_PATH_LIKE = re.compile(r"^[^\s:#][^\s#]*(?:/|\.[A-Za-z0-9]{1,5})$")

SOURCE_HINT = (
    "write a reference's id and paragraph, safian2023#p6, with the work under references: "
    "(title:, author:, date:, and file: for its text), or a local text file and paragraph, "
    "relative to this file: notes.txt#p4"
)


def is_fragment(value: object) -> bool:
    """Whether a ``sources:`` item is a piece of a citation YAML split at its commas."""
    return not isinstance(value, str) or bool(_FRAGMENT.match(value))


def source_syntax_problem(value: object) -> tuple[str, str]:
    """What is wrong with a ``sources:`` item that is not a source, and how to write one:
    a piece of a citation that YAML split at its commas (``[Safian, 2023, p. 6]``), a URL,
    a file without its paragraph, or free text."""
    if is_fragment(value):
        return split_citation_problem([value])
    assert isinstance(value, str)
    if _URL.match(value):
        return (
            f"source {quote(value)} is a web address, not a source",
            f"define the work under references: (title:, author:, date:, url: {value}) and "
            "cite it by its id; with a local text copy (file:) cite a paragraph, id#pN",
        )
    if _PATH_LIKE.match(value):
        return (
            f"source {quote(value)} names a file but not the paragraph the score rests on",
            f"add the paragraph: {value}#p1 is its first (paragraphs are blocks separated "
            "by blank lines)",
        )
    return f"source {quote(value)} is free text, not a source", SOURCE_HINT


def split_citation_problem(values: list[object]) -> tuple[str, str]:
    """The items of one ``sources:`` list that are the pieces of one citation."""
    shown = [quote(v) if isinstance(v, str) else repr(v) for v in values]
    if len(values) == 1:
        message = f"source {shown[0]} is a piece of a citation, not a source"
    else:
        message = f"sources {', '.join(shown)} are the pieces of one citation"
    written = ", ".join(str(v) for v in values)
    return (
        f"{message}: YAML reads the brackets and commas of a citation written as "
        f"[{written}] as separate items",
        SOURCE_HINT,
    )


class _Resolver:
    """Reads each cited file once; one problem per unreadable file, not one per citation."""

    def __init__(
        self,
        scenario: Scenario,
        positions: Positions,
        inputs: list[Path],
        confinement: Confinement | None = None,
    ) -> None:
        self.positions = positions
        self.confinement = confinement
        self.inputs = inputs
        self.references = scenario.references
        self.cache: dict[Path, list[str] | ScenarioError] = {}
        self.unreadable: dict[Path, Problem] = {}
        self.problems: list[Problem] = []
        self.paths: dict[tuple[str | None, str], Path] = {}
        self.files: dict[str, Path] = {}
        """Each reference's file, resolved (references without one are absent)."""
        self.by_file: dict[Path, str] = {}
        for rid, reference in self.references.items():
            if reference.file is None:
                continue
            where = _nearest(positions, ("references", rid, "file"))
            file = self._file(where.value.file if where else None, reference.file)
            self.files[rid] = file
            self.by_file.setdefault(file, rid)
            self._read(file, f"the file of reference {quote(rid)}", where)

    def _file(self, citing: str | None, cited: str) -> Path:
        """The cited file, relative to the file citing it (resolved once per pair:
        resolving a path asks the file system about every folder on it)."""
        key = (citing, cited)
        if key not in self.paths:
            base = resolve_path(citing).parent if citing is not None else Path.cwd()
            self.paths[key] = resolve_path(base / cited)
        return self.paths[key]

    def _read(self, file: Path, what: str, where: Mark | None) -> list[str] | None:
        if file not in self.cache and self.confinement and not self.confinement.admits(file):
            message, hint = self.confinement.refusal(what, file)
            self.cache[file] = ScenarioError(message, hint=hint)
            self.unreadable[file] = Problem(message, where.value if where else None, hint)
            self.problems.append(self.unreadable[file])
        if file not in self.cache:
            try:
                self.cache[file] = paragraphs(_read_source(file))
                self.inputs.append(file)
            except ScenarioError as exc:
                self.cache[file] = exc
        blocks = self.cache[file]
        if isinstance(blocks, ScenarioError):
            if file not in self.unreadable:
                self.unreadable[file] = Problem(
                    f"{what} cannot be read: {blocks.message}",
                    where.value if where else None,
                    "paths in sources are relative to the file that writes them"
                    if what.startswith("source")
                    else "a reference's file: is relative to the file that writes it",
                )
                self.problems.append(self.unreadable[file])
            return None
        return blocks

    def _unknown_reference(self, rid: str, text: str, where: Mark | None) -> None:
        known = list(self.references)
        hint = (
            f"references defined: {quoted_list(known)}"
            if known
            else "define it under references: (title:, author:, date:, file:)"
        )
        self.problems.append(
            Problem(
                f"source {quote(text)} names the reference {quote(rid)}, which references: "
                f"does not define{did_you_mean(rid, known)}",
                where.value if where else None,
                hint + "; a file path keeps working (write it with its extension, or ./name)",
            )
        )

    def score(self, score: Score, path: DocPath) -> tuple[Source, ...]:
        """The sources of one score, with the spans of its quotes in the cited paragraphs."""
        found = [
            source
            for index, text in enumerate(score.sources)
            if (source := self.source(text, (*path, "sources", index))) is not None
        ]
        if not score.quotes:
            return tuple(found)
        marks: list[list[tuple[int, int]]] = [[] for _ in found]
        cited = [(i, s) for i, s in enumerate(found) if s.quote is not None]
        single = isinstance(score.quote, str)
        for index, words in enumerate(score.quotes):
            at = (*path, "quote") if single else (*path, "quote", index)
            where = _nearest(self.positions, at)
            location = where.value if where else None
            if not cited:
                if len(found) == len(score.sources):  # no citation failed on its own
                    self.problems.append(
                        Problem(
                            f"quote {quote(_short(words))} cannot be checked: the score cites "
                            "no paragraph of a local text",
                            location,
                            "cite the paragraph the words come from (ref#pN or file.txt#pN)",
                        )
                    )
                continue
            hit = next(
                (
                    (i, span)
                    for i, source in cited
                    if (span := quotes.find(words, source.quote or "")) is not None
                ),
                None,
            )
            if hit is not None:
                marks[hit[0]].append(hit[1])
                continue
            self.problems.append(
                Problem(_not_found(words, [s for _, s in cited]), location, QUOTE_HINT)
            )
        return tuple(
            Source(s.text, s.file, s.paragraph, s.quote, s.reference, tuple(sorted(m))) if m else s
            for s, m in zip(found, marks, strict=True)
        )

    def source(self, text: str, path: DocPath) -> Source | None:
        """One citation resolved; None (and a problem) when it cannot be."""
        where = _nearest(self.positions, path)
        match = _SOURCE_FILE.match(text)
        if match is None:
            if text in self.references:
                return Source(text, self.files.get(text), reference=text)
            if _ID.match(text):
                self._unknown_reference(text, text, where)
            else:  # the model lets nothing else through; a Scenario built in Python may
                message, hint = source_syntax_problem(text)
                self.problems.append(Problem(message, where.value if where else None, hint))
            return None
        name, number = match["file"], int(match["paragraph"])
        if _ID.match(name):
            if name not in self.references:
                self._unknown_reference(name, text, where)
                return None
            file = self.files.get(name)
            if file is None:
                self.problems.append(
                    Problem(
                        f"source {quote(text)} cites paragraph {number} of the reference "
                        f"{quote(name)}, which has no file:",
                        where.value if where else None,
                        f"give the reference a local text copy (file:), or cite it as {name}",
                    )
                )
                return None
            reference: str | None = name
            shown = f"the file of reference {quote(name)}"
        else:
            file = self._file(where.value.file if where else None, name)
            reference = self.by_file.get(file)
            shown = f"source {quote(text)}"
        blocks = self._read(file, shown, where)
        if blocks is None:
            return None
        if not 1 <= number <= len(blocks):
            self.problems.append(
                Problem(
                    f"source {quote(text)} cites paragraph {number}, but "
                    f"{display_path(file)} has {len(blocks)}",
                    where.value if where else None,
                    "paragraphs are blocks separated by blank lines, counted from 1",
                )
            )
            return None
        return Source(text, file, number, blocks[number - 1], reference)


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 2].rsplit(" ", 1)[0] + " …"


def _not_found(words: str, cited: list[Source]) -> str:
    """'quote ... is not in the cited paragraph (x#p3); nearest passage (x#p3): "..."'."""
    names = ", ".join(s.text for s in cited)
    where = "the cited paragraph" if len(cited) == 1 else "any of the cited paragraphs"
    best = max(
        ((quotes.nearest(words, s.quote or ""), s.text) for s in cited),
        key=lambda item: item[0][0],
    )
    (_, passage), source = best
    message = f"quote {quote(_short(words))} is not in {where} ({names})"
    if passage:
        message += f"; nearest passage in {source}: “{passage}”"
    return message
