"""Scores of a problem under many weight vectors and many perturbed score matrices.

The seam between the robustness analyses (:mod:`~policyscore.engine.sensitivity`,
:mod:`~policyscore.engine.smaa`) and the ranking methods. A :class:`Scorer`
answers two questions for one problem and one method:

* :meth:`Scorer.scores`: the scores of every option under a batch of weight
  vectors, the score matrix as written: ``(samples, criteria) -> (samples, options)``;
* :meth:`Scorer.perturbed`: the same, but each sample also replaces some cells
  of the matrix (the uncertain scores) with drawn values.

It also says what the analyses may exploit: ``linear_in_weights`` (the scores
are ``W @ M.T`` for a fixed ``M``: wsm and promethee2), which makes stability
intervals exact, and ``cell_linear`` (wsm on ``scale``, where each score is
linear in each raw cell), which lets a perturbed sample cost the matmul at
the stated values plus one small matmul over the uncertain cells only. The
arithmetic is the method's own (:mod:`policyscore.engine.methods`): one
formula for one matrix and for a stack of perturbed matrices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from policyscore.engine import methods
from policyscore.engine.methods import Choice, MethodLike, Prepared
from policyscore.problem import FloatArray, Problem

IntArray = npt.NDArray[np.intp]


def method_scores(method: MethodLike | str, problem: Problem, weights: FloatArray) -> FloatArray:
    """Scores ``(samples, options)`` of ``problem`` under each weight vector (row)."""
    return methods.scorer(method, problem)(weights)


@dataclass(frozen=True)
class Scorer:
    """Scores one problem with one method, vectorised over samples."""

    problem: Problem
    method: str
    higher_is_better: bool = True
    linear_in_weights: bool = False
    """Scores are ``W @ M.T`` for a fixed matrix ``M``: stability intervals are exact."""
    cell_linear: bool = False
    """Each score is affine in each raw cell (wsm on ``scale``, no value functions): tipping
    points have a closed form."""
    spec: MethodLike | Choice | str = methods.DEFAULT
    """What the method dispatch is given (a resolved method choice)."""
    normalization: str | None = "scale"
    _prepared: Prepared | None = field(default=None, repr=False, compare=False)

    @property
    def prepared(self) -> Prepared:
        """The method bound to the problem (its weight-independent work done once)."""
        if self._prepared is None:
            object.__setattr__(self, "_prepared", methods.scorer(self.spec, self.problem))
        assert self._prepared is not None
        return self._prepared

    def scores(self, weights: FloatArray) -> FloatArray:
        """``(samples, options)`` scores at the stated matrix."""
        return self.prepared(weights)

    def perturbed(self, weights: FloatArray, cells: IntArray, drawn: FloatArray) -> FloatArray:
        """Scores when sample ``s`` puts ``drawn[s, k]`` in flat cell ``cells[k]`` of the matrix."""
        if cells.size == 0:
            return self.scores(weights)
        prepared = self.prepared
        return prepared.method.perturbed(prepared, weights, cells, drawn)


def batch_scores(
    method: MethodLike | str, problem: Problem, matrices: FloatArray, weights: FloatArray
) -> FloatArray:
    """Scores (K, options) of K matrices (K, options, criteria), sample k under ``weights[k]``.

    The method's own formulas on a stack of matrices
    (tests/unit/test_scoring.py checks them against the dispatch one sample
    at a time).
    """
    choice = methods.resolve(method)
    inputs = choice.method.inputs(choice, problem, problem.valued(matrices))
    return choice.method.combine(choice, inputs, weights)


def scorer(
    problem: Problem, method: MethodLike | str = methods.DEFAULT, normalization: str | None = None
) -> Scorer:
    """A :class:`Scorer` for ``problem`` under ``method`` (a name or a method spec), checked.

    ``normalization`` overrides the spec's and the method's default, as
    ``rank --normalization`` does.
    """
    choice: Choice = methods.resolve(method, normalization)
    return Scorer(
        problem=problem,
        method=choice.name,
        higher_is_better=choice.method.higher_is_better,
        linear_in_weights=choice.method.linear_in_weights,
        cell_linear=choice.method.cell_linear(choice) and problem.linear,
        spec=choice,
        normalization=choice.normalization,
    )
