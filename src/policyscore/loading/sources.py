"""Local sources: ``file#pN`` in a score's ``sources:`` becomes paragraph N of that file.

Paths are relative to the file that cites them; every cited file is read
once, and a missing file or paragraph is one problem at the citation.
"""

from __future__ import annotations

import re
from pathlib import Path

from policyscore.errors import Problem, ScenarioError
from policyscore.loading.files import display_path, read_text, resolve_path
from policyscore.loading.reader import Positions, _nearest
from policyscore.model import Path as DocPath
from policyscore.model import Scenario
from policyscore.overlays import futures_of
from policyscore.results import Source

_SOURCE_FILE = re.compile(r"^(?P<file>[^\s:#][^\s#]*)#p(?P<paragraph>\d+)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def paragraphs(text: str) -> list[str]:
    """Blocks of ``text`` separated by blank lines, in order (p1 is the first)."""
    return [block.strip() for block in _PARAGRAPH_BREAK.split(text.strip()) if block.strip()]


SourceMap = dict[tuple[str, str], tuple[Source, ...]]
"""Sources of each score by (option id, criterion id)."""


def _resolve_sources(
    scenario: Scenario, positions: Positions, inputs: list[Path]
) -> tuple[SourceMap, dict[str, SourceMap], list[Problem]]:
    """The sources of the base scores, and of each future's overrides (by future id)."""
    resolver = _Resolver(positions, inputs)
    base: SourceMap = {}
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            base[(oid, cid)] = resolver.resolve(score.sources, ("options", oid, "scores", cid))
    futures: dict[str, SourceMap] = {}
    for overlay in futures_of(scenario):
        mine: SourceMap = {}
        for oid, scores in overlay.scores.items():
            for cid, score in scores.items():
                where = (*overlay.path, "scores", oid, cid)
                mine[(oid, cid)] = resolver.resolve(score.sources, where)
        futures[overlay.id] = mine
    return base, futures, resolver.problems


class _Resolver:
    """Reads each cited file once; one problem per unreadable file, not one per citation."""

    def __init__(self, positions: Positions, inputs: list[Path]) -> None:
        self.positions = positions
        self.inputs = inputs
        self.cache: dict[Path, list[str] | ScenarioError] = {}
        self.unreadable: dict[Path, Problem] = {}
        self.problems: list[Problem] = []
        self.paths: dict[tuple[str | None, str], Path] = {}

    def _file(self, citing: str | None, cited: str) -> Path:
        """The cited file, relative to the file citing it (resolved once per pair:
        resolving a path asks the file system about every folder on it)."""
        key = (citing, cited)
        if key not in self.paths:
            base = resolve_path(citing).parent if citing is not None else Path.cwd()
            self.paths[key] = resolve_path(base / cited)
        return self.paths[key]

    def resolve(self, texts: list[str], path: DocPath) -> tuple[Source, ...]:
        found = []
        for index, text in enumerate(texts):
            match = _SOURCE_FILE.match(text)
            if not match:
                found.append(Source(text))
                continue
            where = _nearest(self.positions, (*path, "sources", index))
            file = self._file(where.value.file if where else None, match["file"])
            number = int(match["paragraph"])
            if file not in self.cache:
                try:
                    self.cache[file] = paragraphs(read_text(file, what="source file"))
                    self.inputs.append(file)
                except ScenarioError as exc:
                    self.cache[file] = exc
            blocks = self.cache[file]
            if isinstance(blocks, ScenarioError):
                if file not in self.unreadable:
                    self.unreadable[file] = Problem(
                        f"source {text!r} cannot be read: {blocks.message}",
                        where.value if where else None,
                        "paths in sources are relative to the file that writes them",
                    )
                    self.problems.append(self.unreadable[file])
            elif not 1 <= number <= len(blocks):
                self.problems.append(
                    Problem(
                        f"source {text!r} cites paragraph {number}, but "
                        f"{display_path(file)} has {len(blocks)}",
                        where.value if where else None,
                        "paragraphs are blocks separated by blank lines, counted from 1",
                    )
                )
            else:
                found.append(Source(text, file, number, blocks[number - 1]))
        return tuple(found)
