"""Validation errors -> ``file:line:col: what is wrong`` with a hint.

:func:`_validate` validates data against a pydantic model and turns each of
pydantic's errors into a :class:`~policyscore.errors.Problem` at the place the
offending value (or key) was written; :func:`_finding_location` does the
same for the cross-reference findings of :mod:`policyscore.checks`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from policyscore.errors import Location, Problem, ScenarioError, did_you_mean, quote, quoted_list
from policyscore.loading.reader import ANCHOR_KEY_HINT, Positions, _nearest
from policyscore.loading.sources import is_fragment, source_syntax_problem, split_citation_problem
from policyscore.model import WEIGHT_FORMS, ByObjective, Pairwise, RankOrder, Score, Swing
from policyscore.model import Path as DocPath

_YAML11_TEXT_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
"""Numbers YAML 1.1 leaves as text: 1e3, 1.5e3, 2E-4 (it wants 1.0e+3)."""


def _yaml11_float(text: str) -> str:
    mantissa, _, exponent = text.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent[:1] not in "+-":
        exponent = "+" + exponent
    return f"{mantissa}e{exponent}"


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The model (or other annotation) found by walking ``loc`` down from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return None
            current = _unwrap(info.annotation)
        elif getattr(current, "__origin__", None) in (dict, Mapping):
            current = _unwrap(current.__args__[1])
        else:
            return None
    return current


def _model_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking ``loc`` down from ``model``."""
    current = _model_at(model, loc)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    if getattr(annotation, "__origin__", None) in (dict, Mapping):
        return annotation
    models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
    return models[0] if models else annotation


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return repr(value)


def _without_tags(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """Drop the tag pydantic adds after ``weights`` (which form was tried): not in the YAML."""
    for i in range(1, len(loc)):
        if loc[i - 1] == "weights" and loc[i] in WEIGHT_FORMS:
            return loc[:i] + loc[i + 1 :], str(loc[i])
    return loc, None


_FORM_MODELS: dict[str, type[BaseModel]] = {
    "rank_order": RankOrder,
    "pairwise": Pairwise,
    "swing": Swing,
    "objectives": ByObjective,
}


def _problem(error: Any, model: type[BaseModel], positions: Positions) -> Problem:
    loc, form = _without_tags(tuple(error["loc"]))
    kind = error["type"]
    value = error.get("input")
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc = loc[:-1]
    dotted = ".".join(str(p) for p in loc) or "the top level"
    mark = _nearest(positions, loc)
    where = mark.key if (on_key or kind == "extra_forbidden") and mark and mark.key else None
    where = where or (mark.value if mark else None)
    hint: str | None = None
    if kind in {"missing", "too_short", "too_long"} and "value_function" in loc:
        owner = loc[loc.index("value_function") - 1]
        point = loc[loc.index("value_function") + 1 :]
        if point and isinstance(point[0], int):  # one point is not a pair
            message = (
                f"point {point[0] + 1} of the value function of '{owner}' must be [score, value]"
            )
            hint = "e.g. [5, 30]: a score of the scale, then its value from 0 to 100"
        else:
            message = f"the value function of '{owner}' needs at least two points"
            hint = (
                "e.g. [[0, 0], [10, 100]]: [score, value] pairs from one end of the scale "
                "to the other"
            )
    elif kind == "missing" and loc and isinstance(loc[-1], int):
        # pydantic reports [10] for a [low, high] pair as "item 1 missing"
        dotted = ".".join(str(p) for p in loc[:-1])
        message = f"{dotted} must be a list of exactly two numbers, [low, high]"
        hint = "e.g. [0, 10]"
    elif kind == "too_short" and len(loc) >= 2 and loc[-1] == "criteria" and "objectives" in loc:
        message = f"objective '{loc[-2]}' names no criteria"
        hint = "list the criteria it groups, e.g. criteria: [a, b], or remove the objective"
    elif kind == "missing":
        name = loc[-1]
        message = (
            f"missing required key '{name}' in {'.'.join(map(str, loc[:-1])) or 'the top level'}"
        )
        hint = f"add `{name}:`"
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _model_fields(model, loc[:-1])
        if form in _FORM_MODELS and loc[-2] == "weights":
            allowed = list(_FORM_MODELS[form].model_fields)
        message = f"unknown key {quote(name)}{did_you_mean(name, allowed)}"
        hint = f"allowed keys here: {quoted_list(allowed)}" if allowed else None
    elif len(loc) >= 2 and loc[-2] == "sources" and isinstance(loc[-1], int):
        message, hint = source_syntax_problem(value)
    elif on_key and len(loc) >= 2 and loc[-2] == "anchors":
        owner = f" of '{loc[-3]}'" if len(loc) >= 3 else ""
        key = f"{value}" if kind == "finite_number" else _describe(loc[-1])
        message = f"anchors{owner} are keyed by points of the scale, not by {key}"
        hint = ANCHOR_KEY_HINT
        text = str(loc[-1]).strip()
        if _YAML11_TEXT_NUMBER.match(text) and _yaml11_float(text) != text.lower():
            hint = (
                f"YAML 1.1 reads {text} as text: write the exponent with a dot "
                f"and a sign ({_yaml11_float(text)}) or the plain number"
            )
    elif on_key and kind == "string_pattern_mismatch":
        message = f"{quote(str(loc[-1]))} is not a valid id"
        hint = "ids start with a lower-case letter, then a-z, 0-9 or _ (e.g. sanctions_relief)"
    elif kind == "finite_number":
        message = f"{dotted} must be a finite number, not {value}"
        hint = "NaN and infinity cannot be ranked"
    elif kind in {"float_type", "int_type", "float_parsing"}:
        message = f"{dotted} must be a number, not {_describe(value)}"
        hint = number_hint(value) or "write digits without quotes, e.g. 7 or 7.5"
        text = value.strip() if isinstance(value, str) else ""
        if _YAML11_TEXT_NUMBER.match(text) and _yaml11_float(text) != text.lower():
            hint = (
                f"YAML 1.1 reads {text} as text: write the exponent with a dot "
                f"and a sign ({_yaml11_float(text)}) or the plain number"
            )
    elif kind in {"greater_than_equal", "less_than_equal"} and "value_function" in loc:
        owner = loc[loc.index("value_function") - 1]
        message = f"value {value} in the value function of '{owner}' is outside 0-100"
        hint = "values run from 0 (the worst level) to 100 (the best)"
    elif kind == "greater_than_equal":
        message = f"{dotted} is {value}, but weights must not be negative"
        hint = "use 0 to ignore a criterion"
    elif kind == "string_type" and loc and loc[-1] == "inference":
        message = (
            f"{dotted} must be a sentence saying what the score is inferred from, "
            f"not {_describe(value)}"
        )
        hint = (
            'e.g. inference: "From p5: the paper names the concerns; how far this option '
            'eases them is a judgement." Leave the key out where the score reads its sources'
        )
    elif kind in {"string_type"}:
        message = f"{dotted} must be text, not {_describe(value)}"
        hint = "quote it if YAML reads it as something else"
    elif (
        kind in {"dict_type", "model_type", "model_attributes_type"}
        and _model_at(model, loc) is Score
    ):
        message = f"{dotted} must be a number or a mapping with value:, not {_describe(value)}"
        hint = number_hint(value) or (
            "write a bare number such as 7, or value: 7 with rationale: and sources:"
        )
    elif kind in {"dict_type", "model_type", "model_attributes_type"}:
        message = f"{dotted} must be a mapping of keys, not {_describe(value)}"
    elif kind in {"list_type", "tuple_type"}:
        message = f"{dotted} must be a list, not {_describe(value)}"
    elif kind == "too_short" and isinstance(value, dict):
        message = f"{dotted} is empty"
        hint = "give at least one entry"
    elif kind in {"too_short", "too_long"} and isinstance(value, list | tuple):
        message = f"{dotted} must be a list of exactly two numbers, [low, high]"
    elif kind == "literal_error" and loc and loc[-1] == "name" and "method" in loc:
        expected = error.get("ctx", {}).get("expected", "")
        names = re.findall(r"'([^']+)'", expected)
        message = f"unknown method {value!r}{did_you_mean(str(value), names)}"
        hint = "see `policyscore methods`"
    elif kind == "enum":
        message = f"{dotted}: {error['msg'][0].lower()}{error['msg'][1:]}, not {_describe(value)}"
    elif kind == "value_error" and loc and loc[-1] == "inference":
        message = f"{dotted} is empty"
        hint = (
            "say in a sentence what the score is inferred from, or leave inference: out "
            "where the score is a reading of its sources"
        )
    elif kind == "value_error":
        message = f"{dotted}: {error['msg'].removeprefix('Value error, ')}"
    else:
        message = f"{dotted}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return Problem(message, where, hint)


def _validate(model: type[BaseModel], data: Any, positions: Positions) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = _without_misspelt(model, exc.errors(include_url=False))
        problems = [_problem(e, model, positions) for e in errors]
        raise ScenarioError.from_problems(_split_citations(errors, problems)) from exc


def _split_citations(errors: list[Any], problems: list[Problem]) -> list[Problem]:
    """One problem, at its first piece, for a citation YAML split into several ``sources:``
    items (``[Safian, 2023, p. 6]``), instead of one per piece."""
    lists: dict[tuple[Any, ...], list[int]] = {}
    for index, error in enumerate(errors):
        loc = tuple(error["loc"])
        if len(loc) >= 2 and loc[-2] == "sources" and isinstance(loc[-1], int):
            lists.setdefault(loc[:-1], []).append(index)
    dropped: set[int] = set()
    for indices in lists.values():
        values = [errors[i].get("input") for i in indices]
        if len(indices) < 2 or not any(is_fragment(v) for v in values):
            continue
        message, hint = split_citation_problem(values)
        problems[indices[0]] = Problem(message, problems[indices[0]].location, hint)
        dropped.update(indices[1:])
    return [p for i, p in enumerate(problems) if i not in dropped]


def _without_misspelt(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """Drop "missing 'title'" beside an unknown 'titel': one typo is one problem."""
    suggested: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            close = difflib.get_close_matches(
                str(loc[-1]), _model_fields(model, loc[:-1]), n=1, cutoff=0.6
            )
            suggested.update((*loc[:-1], name) for name in close)
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def _finding_location(positions: Positions, path: DocPath, at_key: bool) -> Location | None:
    mark = _nearest(positions, path)
    if mark is None:
        return None
    return mark.key if at_key and mark.key else mark.value


_DRESSED_NUMBER = re.compile(
    r"^\s*(?P<sign>[-+]?)\s*(?P<currency>[$€£¥]?)\s*"
    r"(?P<digits>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)"
    r"(?P<decimals>\.\d+)?\s*(?P<suffix>%|[^\W\d_][^\W\d_/²³.]{0,11}(?:[/²³][^\W\d_]*)?)?\s*$",
    re.IGNORECASE,
)
"""A number written as a spreadsheet or a report shows it: a currency sign, thousands
separators (``1,200``, ``1 200``), a percent sign or a unit (``$300m``, ``12 km``)."""

_SEPARATORS = ",\u00a0\u202f "


def number_hint(value: Any) -> str | None:
    """For a number written the way a spreadsheet shows it ($300m, 1,200, 25%): how to
    write it plainly; None for other text."""
    if not isinstance(value, str):
        return None
    match = _DRESSED_NUMBER.match(value)
    grouped = any(c in match["digits"] for c in _SEPARATORS) if match else False
    if match is None or not (match["currency"] or match["suffix"] or grouped):
        return None
    plain = match["sign"].replace("+", "") + re.sub(r"\D", "", match["digits"])
    plain += match["decimals"] or ""
    unit = (match["suffix"] or "").lower()
    if unit == "%":
        return (
            f"write the plain number {plain} (no % sign): scores are numbers on the "
            "criterion's scale, e.g. scale: [0, 100] for percentages"
        )
    said = " and ".join(
        part
        for part in (
            "a currency sign" if match["currency"] else "",
            "thousands separators" if grouped else "",
            f"a unit ({match['suffix']})" if unit else "",
        )
        if part
    )
    return (
        f"write a plain number without {said}, e.g. {plain}; keep every score of a "
        "criterion in one unit (say it in the criterion's name or description)"
    )
