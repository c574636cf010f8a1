"""Local sources: ``file#pN`` in a score's ``sources:`` becomes paragraph N of that file.

Paths are relative to the file that cites them; every cited file is read
once, and a missing file or paragraph, or a file outside the scenario's
project, is one problem at the citation.
"""

from __future__ import annotations

import re
from pathlib import Path

from policyscore.errors import Problem, ScenarioError
from policyscore.loading.files import Confinement, display_path, read_text, resolve_path
from policyscore.loading.reader import Positions, _nearest
from policyscore.model import Scenario
from policyscore.results import Source

_SOURCE_FILE = re.compile(r"^(?P<file>[^\s:#][^\s#]*)#p(?P<paragraph>\d+)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


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
    scenario: Scenario, positions: Positions, inputs: list[Path], confinement: Confinement
) -> tuple[dict[tuple[str, str], tuple[Source, ...]], list[Problem]]:
    """Each score's sources, a local ``file#pN`` with its paragraph; the problems found.

    A cited file outside ``confinement`` is never read: it is a problem at the
    citation, like a missing file, one per file.
    """
    cache: dict[Path, list[str] | ScenarioError] = {}
    resolved: dict[tuple[str, str], tuple[Source, ...]] = {}
    problems: list[Problem] = []
    unreadable: dict[Path, Problem] = {}  # one problem per missing file, not one per citation
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            found = []
            for index, text in enumerate(score.sources):
                match = _SOURCE_FILE.match(text)
                if not match:
                    found.append(Source(text))
                    continue
                where = _nearest(positions, ("options", oid, "scores", cid, "sources", index))
                base = resolve_path(where.value.file).parent if where else Path.cwd()
                file = resolve_path(base / match["file"])
                number = int(match["paragraph"])
                if file not in cache and not confinement.admits(file):
                    message, hint = confinement.refusal(f"source {text!r}", file)
                    cache[file] = ScenarioError(message, hint=hint)
                    unreadable[file] = Problem(message, where.value if where else None, hint)
                    problems.append(unreadable[file])
                if file not in cache:
                    try:
                        cache[file] = paragraphs(_read_source(file))
                        inputs.append(file)
                    except ScenarioError as exc:
                        cache[file] = exc
                blocks = cache[file]
                if isinstance(blocks, ScenarioError):
                    if file not in unreadable:
                        unreadable[file] = Problem(
                            f"source {text!r} cannot be read: {blocks.message}",
                            where.value if where else None,
                            "paths in sources are relative to the file that writes them",
                        )
                        problems.append(unreadable[file])
                elif not 1 <= number <= len(blocks):
                    problems.append(
                        Problem(
                            f"source {text!r} cites paragraph {number}, but "
                            f"{display_path(file)} has {len(blocks)}",
                            where.value if where else None,
                            "paragraphs are blocks separated by blank lines, counted from 1",
                        )
                    )
                else:
                    found.append(Source(text, file, number, blocks[number - 1]))
            resolved[(oid, cid)] = tuple(found)
    return resolved, problems
