"""The ranking methods: one module each, and the registry that names them.

Each method is one object implementing :class:`~.base.Method` (its name,
parameters, normalisations, direction, score style, batch scoring and
stability rule), ``METHOD`` in the module of this package named after it.
:data:`METHODS` maps names to those objects; no other code tests a method's
name. Other modules call :func:`resolve` (name or spec ->
:class:`~.base.Choice`), :func:`scorer` (a prepared ``weights (samples,
criteria) -> scores (samples, options)``) or :func:`score`.

The list of methods is :data:`policyscore.catalogue.METHODS` (numpy-free, so
that the scenario model can check ``method:`` without loading the engine):
adding a method is one module here and one line there (docs/architecture.md,
"How to add a method"). :func:`register` adds one at run time.
"""

from __future__ import annotations

from importlib import import_module

import numpy as np

from policyscore import catalogue
from policyscore.engine import normalize as norm
from policyscore.engine.methods.base import (
    BatchScorer,
    Choice,
    Method,
    MethodLike,
    Parameter,
    Prepared,
    normalized,
)
from policyscore.errors import UsageError, did_you_mean, quoted_list
from policyscore.problem import FloatArray, Problem

__all__ = [
    "DEFAULT",
    "METHODS",
    "BatchScorer",
    "Choice",
    "Method",
    "MethodLike",
    "Parameter",
    "Prepared",
    "normalized_values",
    "register",
    "resolve",
    "score",
    "scorer",
]

METHODS: dict[str, Method] = {}
"""Every method by name, in display order."""

DEFAULT = catalogue.DEFAULT
"""The method used when none is named."""


def register(method: Method) -> Method:
    """Add ``method`` to :data:`METHODS` (and its entry to the catalogue, if new).

    A method the catalogue lists must agree with its entry there: the
    scenario model checks method specs against the catalogue alone.
    """
    entry = catalogue.Entry(
        method.name,
        parameters=tuple(p.name for p in method.parameters),
        normalized=method.default_normalization is not None,
    )
    known = catalogue.METHODS.setdefault(method.name, entry)
    if known != entry:
        raise RuntimeError(f"method {method.name!r} disagrees with its catalogue entry {known}")
    METHODS[method.name] = method
    return method


def _load(name: str) -> Method:
    """``METHOD`` of the module ``engine/methods/NAME.py``."""
    method = import_module(f"{__name__}.{name}").METHOD
    if not isinstance(method, Method) or method.name != name:
        raise RuntimeError(f"{__name__}.{name}.METHOD is not the method {name!r}")
    return method


for _name in tuple(catalogue.METHODS):  # every method the catalogue lists, in its order
    register(_load(_name))


def resolve(
    method: MethodLike | Choice | str,
    normalization: str | None = None,
    **parameters: float | None,
) -> Choice:
    """The method, its parameters and normalisation, checked.

    ``normalization`` (e.g. from ``--normalization``) overrides the method
    spec's, which overrides the method's default; likewise a keyword
    parameter (``v=``) overrides the spec's, which overrides the default.
    Raises :class:`~policyscore.errors.UsageError` for an unknown method or
    normalisation, a normalisation given to a method that takes none, or a
    parameter out of its range. ``method`` may also be a :class:`Choice`
    (resolved again, with any overrides).
    """
    if isinstance(method, str):
        name, spec_norm, spec = method, None, None
    else:
        name, spec_norm, spec = method.name, method.normalization, method
    if name not in METHODS:
        raise UsageError(
            f"unknown method '{name}'{did_you_mean(name, METHODS)}",
            hint=f"methods are {quoted_list(METHODS)} (see `policyscore methods`)",
        )
    chosen_method = METHODS[name]
    chosen = normalization if normalization is not None else spec_norm
    if chosen is not None and chosen not in norm.NORMALIZATIONS:
        raise UsageError(
            f"unknown normalisation '{chosen}'{did_you_mean(chosen, norm.NORMALIZATIONS)}",
            hint=f"normalisations are {quoted_list(norm.NORMALIZATIONS)}",
        )
    if chosen is not None and chosen not in chosen_method.normalizations:
        raise UsageError(
            f"{name} takes no normalisation (it compares raw scores itself)",
            hint="leave out --normalization for this method",
        )
    values: dict[str, float] = {}
    for p in chosen_method.parameters:
        given = parameters.get(p.name)
        if given is None and isinstance(spec, Choice):
            given = spec.parameters.get(p.name)
        elif given is None and spec is not None:
            given = getattr(spec, p.name, None)
        value = p.default if given is None else given
        if not p.low <= value <= p.high:
            raise UsageError(
                f"{name}'s {p.name} must lie in [{p.low:g}, {p.high:g}], not {value:g}"
            )
        values[p.name] = value
    final = chosen if chosen is not None else chosen_method.default_normalization
    return Choice(chosen_method, final, values)


def normalized_values(choice: Choice, problem: Problem) -> FloatArray | None:
    """The normalised matrix the method uses, or None for a method that takes none."""
    if choice.normalization is None:
        return None
    return normalized(choice.normalization, problem, problem.valued_matrix)


def scorer(
    method: MethodLike | Choice | str, problem: Problem, normalization: str | None = None
) -> Prepared:
    """The method bound to ``problem``: weights (samples, criteria) -> scores (samples, options).

    Normalises (or computes the unicriterion flows) once, so that chunked
    calls over a large weight batch repeat only the weighted part. Scores
    are the method's own figure: for vikor, Q (lower is better; see
    ``METHODS[name].higher_is_better``).
    """
    choice = resolve(method, normalization)
    return choice.method.prepare(choice, problem)


def score(
    method: MethodLike | Choice | str,
    problem: Problem,
    weights: FloatArray,
    normalization: str | None = None,
) -> FloatArray:
    """Score every option of ``problem`` under each weight vector.

    ``method``: a :class:`~policyscore.model.MethodSpec` (name, ``v``,
    ``normalization``) or a method name; ``problem``: from
    :func:`~policyscore.problem.build_problem`; ``weights``: shape
    (samples, criteria), rows normally summing to 1 (a 1-D vector is taken
    as one sample); ``normalization``: overrides the spec's and the
    method's default. Returns shape (samples, options); for a method whose
    ``METHODS[name].higher_is_better`` is False (vikor) lower is better.
    Raises :class:`~policyscore.errors.UsageError` for a bad choice and
    :class:`~policyscore.errors.ScenarioError` when the scores cannot take
    the normalisation (e.g. a zero under ``max`` on a cost criterion).
    """
    batch = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    return scorer(method, problem, normalization)(batch)
