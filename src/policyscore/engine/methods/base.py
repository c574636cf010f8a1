"""What every ranking method is: the :class:`Method` protocol and the helpers they share.

A method turns a matrix of one scenario (options x criteria) and a batch of
weight vectors ``W`` (samples x criteria, each row normally summing to 1)
into scores (samples x options). It does so in two steps, so that the
weight-independent work is done once however many weight vectors follow:

* :meth:`Method.inputs`: what the method computes from the scores alone
  (normalised values, VIKOR's gaps, PROMETHEE's unicriterion flows), given
  the scores with each criterion's value function applied
  (:meth:`~policyscore.problem.Problem.valued`; untouched where a criterion
  has none), so that every method works on values;
* :meth:`Method.combine`: the weighted part, from those inputs and ``W``.

Both take one matrix ``(options, criteria)`` or a stack of K matrices
``(K, options, criteria)`` (the perturbed matrices of a Monte Carlo run,
sample ``k`` under ``W[k]``): one formula serves a ranking (a batch of one
weight vector), SMAA on fixed scores and SMAA on drawn scores. No kernel
loops over options in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol

import numpy as np
import numpy.typing as npt

from policyscore.engine import normalize as norm
from policyscore.problem import FloatArray, Problem
from policyscore.results import ScoreStyle

if TYPE_CHECKING:
    from policyscore.results import VikorSummary

IntArray = npt.NDArray[np.intp]

TOLERANCE = 1e-9
"""Scores within this of each other count as equal (as in :mod:`policyscore.results`)."""

BatchScorer = Callable[[FloatArray], FloatArray]
"""``weights (samples, criteria) -> scores (samples, options)`` for one problem."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """A method's numeric parameter, as a method spec or a keyword may set it."""

    name: str
    default: float
    low: float
    high: float
    description: str = ""


class MethodLike(Protocol):
    """A method choice: :class:`~policyscore.model.MethodSpec` or anything shaped like it."""

    @property
    def name(self) -> str: ...
    @property
    def v(self) -> float | None: ...
    @property
    def normalization(self) -> str | None: ...


@dataclass(frozen=True)
class Choice:
    """A method, its parameters and the normalisation actually used."""

    method: Method
    normalization: str | None
    parameters: Mapping[str, float] = field(default_factory=dict)
    """Every parameter of the method, with its value (defaults filled in)."""

    @property
    def name(self) -> str:
        return self.method.name

    def __getitem__(self, parameter: str) -> float:
        return self.parameters[parameter]


def weighted_sum(weights: FloatArray, values: FloatArray) -> FloatArray:
    """``S[s, i] = sum_j W[s, j] * V[i, j]``, or ``V[s, i, j]`` for a stack of matrices.

    ``weights``: (samples, criteria); ``values``: (options, criteria), one
    matrix for every sample (one matrix product), or (samples, options,
    criteria), sample ``s`` with its own matrix. Returns (samples, options).
    """
    if values.ndim == 2:
        result: FloatArray = weights @ values.T
        return result
    stacked: FloatArray = np.einsum("kj,kij->ki", weights, values)
    return stacked


def normalized(name: str, problem: Problem, matrices: FloatArray) -> FloatArray:
    """Normalisation ``name`` of the problem's criteria applied to one matrix or a stack.

    Every normalisation works column by column, so a stack of K matrices is
    laid side by side as K x criteria columns and normalised in one call.
    """
    if matrices.ndim == 2:
        return norm.normalize(
            name,
            matrices,
            is_cost=problem.is_cost,
            low=problem.scale_low,
            high=problem.scale_high,
            names=problem.criterion_ids,
        )
    count, m, n = matrices.shape
    columns = norm.normalize(
        name,
        matrices.transpose(1, 0, 2).reshape(m, count * n),
        is_cost=np.tile(problem.is_cost, count),
        low=np.tile(problem.scale_low, count),
        high=np.tile(problem.scale_high, count),
        names=list(problem.criterion_ids) * count,
    )
    result: FloatArray = columns.reshape(m, count, n).transpose(1, 0, 2)
    return result


class Prepared:
    """A method bound to one problem and choice: the weight-independent work done once.

    Call it with weights ``(samples, criteria)`` for scores ``(samples,
    options)``. :attr:`inputs` is computed on first use, so a method whose
    fast path works from the raw scores never builds it for scoring alone.
    """

    def __init__(self, choice: Choice, problem: Problem) -> None:
        self.choice = choice
        self.method = choice.method
        self.problem = problem
        self._inputs: FloatArray | None = None

    @property
    def inputs(self) -> FloatArray:
        """:meth:`Method.inputs` of the problem's own matrix."""
        if self._inputs is None:
            problem = self.problem
            self._inputs = self.method.inputs(self.choice, problem, problem.valued_matrix)
        return self._inputs

    def __call__(self, weights: FloatArray) -> FloatArray:
        return self.method.scores(self, weights)


class Method:
    """One ranking method. Subclass it in one module under ``engine/methods/``.

    Class attributes say what the method is; :meth:`inputs` and
    :meth:`combine` compute it. The other hooks have defaults that are right
    for most methods.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    """One line for ``policyscore methods``."""
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    default_normalization: ClassVar[str | None] = None
    """The normalisation used unless one is chosen; None: the method takes none."""
    higher_is_better: ClassVar[bool] = True
    linear_in_weights: ClassVar[bool] = False
    """Scores are ``W @ M.T`` for a fixed ``M`` (:meth:`inputs`): each criterion's
    contribution is ``w_j M[i, j]`` and adds up to the score, and the
    weight-stability intervals are found exactly (closed form); otherwise by a
    sweep refined by bisection (:mod:`policyscore.engine.sensitivity`)."""
    score_range: ClassVar[tuple[float, float]] = (0.0, 1.0)
    style: ClassVar[ScoreStyle] = ScoreStyle()
    """How renderers show the score (carried by every :class:`~policyscore.results.Ranking`)."""

    @property
    def normalizations(self) -> tuple[str, ...]:
        """The normalisations it accepts: all of them, or none."""
        return tuple(norm.NORMALIZATIONS) if self.default_normalization is not None else ()

    @property
    def stability(self) -> str:
        """How weight-stability intervals are found: ``exact`` or ``bisection``."""
        return "exact" if self.linear_in_weights else "bisection"

    def inputs(self, choice: Choice, problem: Problem, matrices: FloatArray) -> FloatArray:
        """The weight-independent part for one matrix or a stack: by default, the
        normalised values (a method without normalisation overrides this).

        ``matrices`` hold the scores with the criteria's value functions applied
        (:meth:`~policyscore.problem.Problem.valued`): every caller passes them so,
        and a method reads them as it would raw scores."""
        assert choice.normalization is not None
        return normalized(choice.normalization, problem, matrices)

    def combine(self, choice: Choice, inputs: FloatArray, weights: FloatArray) -> FloatArray:
        """Scores ``(samples, options)`` from :meth:`inputs` and the weights."""
        raise NotImplementedError

    def prepare(self, choice: Choice, problem: Problem) -> Prepared:
        """The method bound to ``problem``: a :data:`BatchScorer` with its inputs."""
        return Prepared(choice, problem)

    def scores(self, prepared: Prepared, weights: FloatArray) -> FloatArray:
        """Scores of the prepared problem; a method with a faster route overrides this."""
        return self.combine(prepared.choice, prepared.inputs, weights)

    def cell_linear(self, choice: Choice) -> bool:
        """Whether each score is linear in each raw cell (:meth:`perturbed` then
        needs no stack of matrices)."""
        return False

    def perturbed(
        self, prepared: Prepared, weights: FloatArray, cells: IntArray, drawn: FloatArray
    ) -> FloatArray:
        """Scores when sample ``s`` puts ``drawn[s, k]`` in flat cell ``cells[k]`` of the matrix."""
        problem = prepared.problem
        m, n = problem.shape
        count = weights.shape[0]
        flat = np.broadcast_to(problem.matrix.ravel(), (count, m * n)).copy()
        flat[:, cells] = drawn
        matrices = problem.valued(flat.reshape(count, m, n))
        choice = prepared.choice
        return self.combine(choice, self.inputs(choice, problem, matrices), weights)

    def summary(self, prepared: Prepared, scores: FloatArray) -> VikorSummary | None:
        """Method-specific figures of a ranking (vikor: S, R and the compromise)."""
        return None
