"""What an analysis rests on: its authors and date, and the sources its scores cite.

Every citation of a score is one of three kinds of document: a reference of
the scenario's ``references:`` (cited by id, or by a path to its file), a
local text file no reference names, or a free-text source kept as written.
:func:`documents` lists them once each, with how many scores cite them, so
that the brief can name each source the way a reader expects and count
what the analysis rests on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from policyscore.model import Scenario
from policyscore.results import Source
from policyscore.results.provenance import MetaInfo, ReferenceInfo, surname, year

DocumentKey = tuple[str, str]
"""(kind, id): ``("reference", id)``, ``("file", path)`` or ``("text", text)``."""


def meta_info(scenario: Scenario) -> MetaInfo | None:
    """The scenario's ``meta:`` as a result (None when it has none)."""
    meta = scenario.meta
    if meta is None:
        return None
    return MetaInfo(
        authors=tuple(meta.authors),
        as_of=meta.as_of,
        status=meta.status.value,
        reviewed_by=tuple(meta.reviewed_by),
    )


def document_key(source: Source) -> DocumentKey:
    """Which document a resolved source cites."""
    if source.reference is not None:
        return ("reference", source.reference)
    if source.file is not None:
        return ("file", str(source.file))
    return ("text", source.text)


def documents(
    scenario: Scenario, sources: Mapping[tuple[str, str], Sequence[Source]]
) -> dict[DocumentKey, ReferenceInfo]:
    """Every document: the scenario's references (in order, cited or not), then the local
    files and free-text sources no reference names (in order of first citation), each
    with the number of scores that cite it."""
    cited: Counter[DocumentKey] = Counter()
    first: dict[DocumentKey, Source] = {}
    for _, found in _every_score(scenario, sources):
        keys = {document_key(s): s for s in found}
        cited.update(keys.keys())
        for key, source in keys.items():
            first.setdefault(key, source)
    result: dict[DocumentKey, ReferenceInfo] = {}
    for rid, reference in scenario.references.items():
        key = ("reference", rid)
        file = first[key].file if key in first else None
        result[key] = ReferenceInfo(
            id=rid,
            title=reference.title,
            authors=tuple(reference.author),
            date=reference.date,
            publisher=reference.publisher,
            url=reference.url,
            file=file.name if file is not None else _file_name(reference.file),
            scores=cited[key],
        )
    for key, source in first.items():
        if key[0] == "reference":
            continue
        name = source.file.name if source.file is not None else None
        result[key] = ReferenceInfo(
            id=source.text if source.file is None else name or source.text,
            title="",
            file=name,
            kind="file" if source.file is not None else "text",
            scores=cited[key],
        )
    return _told_apart(result)


def _file_name(path: str | None) -> str | None:
    if path is None:
        return None
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _every_score(
    scenario: Scenario, sources: Mapping[tuple[str, str], Sequence[Source]]
) -> list[tuple[tuple[str, str], Sequence[Source]]]:
    found = []
    for oid, option in scenario.options.items():
        for cid, score in option.scores.items():
            resolved = sources.get((oid, cid))
            if resolved is None:
                resolved = tuple(Source(text) for text in score.sources)
            found.append(((oid, cid), resolved))
    return found


def _told_apart(
    found: dict[DocumentKey, ReferenceInfo],
) -> dict[DocumentKey, ReferenceInfo]:
    """References with the same cited authors and year get a, b, c ... in their order."""
    groups: dict[tuple[tuple[str, ...], str], list[DocumentKey]] = {}
    for key, info in found.items():
        if info.kind == "reference":
            names = tuple(surname(a) for a in info.authors) or (info.title,)
            groups.setdefault((names, year(info.date)), []).append(key)
    result = dict(found)
    for keys in groups.values():
        if len(keys) > 1:
            for index, key in enumerate(keys):
                result[key] = replace(result[key], suffix=chr(ord("a") + index % 26))
    return result
