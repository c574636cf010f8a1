"""SMAA-2: stochastic multicriteria acceptability analysis by Monte Carlo.

After Lahdelma, R. & Salminen, P. (2001), "SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making", *Operations Research*
49(3):444-454, and Tervonen's JSMAA (Tervonen, T. (2014), "JSMAA: open source
software for SMAA computations", *Int. J. Systems Science* 45(1):69-81).

Each of ``N`` samples draws a weight vector ``w`` and, for every score with a
``range``, a value from the triangular distribution (low, value, high); the
options are scored and ranked. From the ranks:

* rank acceptability ``b_i^r``: the share of samples giving option ``i`` rank ``r``;
* central weight vector ``w_i^c``: the mean ``w`` of the samples ranking ``i`` first;
* confidence factor ``p_i^c``: the share of score samples in which ``w_i^c``
  ranks ``i`` first (a second run of :data:`CONFIDENCE_SAMPLES` at most);
* holistic acceptability ``a_i^h = sum_r alpha_r b_i^r`` with the *centroid*
  meta-weights ``alpha_r = sum_{k=r}^{m} 1/k / sum_{k=1}^{m} 1/k``
  (Lahdelma & Salminen 2001, section 3), so ``alpha_1 = 1``;
* the Monte Carlo standard error of each ``b_i^r``: ``sqrt(var / N)`` of the
  per-sample credit (for 0/1 credits, ``sqrt(b (1 - b) / N)``).

Ties: scores within :data:`~policyscore.results.TIE_TOLERANCE` form a group
as in :func:`~policyscore.results.order`; a group occupying places
``r..r+k-1`` gives each member ``1/k`` of each of those places, so every
option's acceptabilities and every rank's acceptabilities sum to 1.

Weights are drawn ``around`` the stated ones (Dirichlet with parameters
``concentration * w``; mean ``w``, variance ``w (1 - w) / (concentration + 1)``;
an infinite concentration keeps exactly the stated weights),
``uniform`` on the simplex (no preference information) or ``ordinal`` (only
the stated order of importance). A stated weight of 0 stays 0 under
``around`` and ``ordinal``; ``uniform`` ignores the stated weights altogether.

Work is done in chunks of samples so memory does not grow with ``N``; the
generator is numpy's PCG64, seeded, with independent streams (spawned from
one :class:`numpy.random.SeedSequence`) for weights, scores and confidence
factors, so the weights drawn do not depend on whether scores are uncertain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

import numpy as np

from policyscore.engine.scoring import IntArray, Scorer
from policyscore.errors import UsageError
from policyscore.problem import FloatArray, Problem
from policyscore.results import TIE_TOLERANCE, order
from policyscore.results.analysis import Acceptability, GroupAcceptability, OptionAcceptability

DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 2001
"""Fixed default seed (the year of SMAA-2), so two runs print the same thing."""
DEFAULT_CONCENTRATION = 100.0
"""Default Dirichlet concentration of ``around``: a weight of 0.2 varies by about ±0.04 (1 sd)."""
CONFIDENCE_SAMPLES = 10_000
"""Most score samples used for the confidence factors."""
CHUNK_BYTES = 16 * 1024 * 1024
"""Working memory aimed at per chunk (the peak is a small multiple of it)."""
MAX_SAMPLES = 100_000_000
TIE_ENTRIES = 1 << 22
"""(option, rank) credits of tied samples counted at a time (about 100 MiB of work arrays)."""

WeightMode = Literal["around", "uniform", "ordinal"]
WEIGHT_MODES: tuple[WeightMode, ...] = ("around", "uniform", "ordinal")

Progress = Callable[[int, int], None]
"""Called with (samples done, samples in all) after each chunk."""


# -- sampling ----------------------------------------------------------------------------


class CellSampler(Protocol):
    """Draws values for some cells of the score matrix."""

    @property
    def cells(self) -> IntArray:
        """Flat indices (row * criteria + column) of the cells drawn."""
        ...

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        """``(count, len(cells))`` drawn raw scores."""
        ...


@runtime_checkable
class GroupedSampler(CellSampler, Protocol):
    """Draws a group for each sample (a future), then values for its cells.

    SMAA tallies the acceptabilities of each group's samples apart as well
    (:class:`~policyscore.results.analysis.GroupAcceptability`).
    """

    @property
    def groups(self) -> tuple[tuple[str, str, float], ...]:
        """``(id, name, chance of being drawn)`` of each group."""
        ...

    @property
    def kind(self) -> str:
        """What a group is, for the result (``future``)."""
        ...

    def sample_grouped(self, rng: np.random.Generator, count: int) -> tuple[IntArray, FloatArray]:
        """The group index of each of ``count`` samples, and ``(count, len(cells))`` values."""
        ...

    def stated(self, group: int) -> FloatArray:
        """The group's stated values at :attr:`cells` (its scores without their ranges)."""
        ...


@dataclass(frozen=True)
class TriangularScores:
    """Every score whose range is wider than a point, drawn from triangular(low, value, high)."""

    problem: Problem

    @property
    def cells(self) -> IntArray:
        p = self.problem
        return np.flatnonzero((p.high - p.low).ravel() > 0)

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        """Two uniforms per value: ``y = (1 - s) min(U, V) + s max(U, V)``.

        ``y`` is triangular on [0, 1] with mode ``s`` (Stein, W. E. & Keblis,
        M. F. (2009), "A new method to simulate the triangular distribution",
        *Mathematical and Computer Modelling* 49(5-6):1143-1147) and is mapped
        to ``low + (high - low) y``. No branch, so about twice as fast as the
        inverse CDF in numpy; ``y`` is computed in single precision (a
        resolution of 2**-24 of the range, far finer than any score), the
        mapping in double.
        """
        cells = self.cells
        p = self.problem
        return triangular(
            rng, count, p.low.ravel()[cells], p.matrix.ravel()[cells], p.high.ravel()[cells]
        )


def triangular(
    rng: np.random.Generator, count: int, low: FloatArray, value: FloatArray, high: FloatArray
) -> FloatArray:
    """``(count, cells)`` draws from triangular(low, value, high), one column per cell.

    ``low``, ``value`` and ``high`` are ``(cells,)`` or ``(count, cells)``; a
    cell whose range is a point gives its value. Two single-precision uniforms
    per value (see :meth:`TriangularScores.sample`).
    """
    width = high - low
    point = width <= 0
    if point.any():
        mode = np.where(point, 0.0, (value - low) / np.where(point, 1.0, width))
    else:
        mode = (value - low) / width
    u = rng.random((2, count, np.shape(low)[-1]), dtype=np.float32)
    smaller = np.minimum(u[0], u[1])
    y = np.maximum(u[0], u[1], out=u[1])
    y -= smaller
    y *= mode.astype(np.float32)
    y += smaller
    result: FloatArray = y.astype(np.float64)
    result *= width
    result += low
    return result


def _normalised(draws: FloatArray) -> FloatArray:
    total = draws.sum(axis=1, keepdims=True)
    result: FloatArray = draws / total
    return result


@dataclass(frozen=True)
class WeightSampler:
    """Draws weight vectors for one mode."""

    stated: FloatArray
    mode: WeightMode
    concentration: float = DEFAULT_CONCENTRATION

    def __post_init__(self) -> None:
        if self.mode not in WEIGHT_MODES:
            raise UsageError(
                f"unknown weight sampling '{self.mode}'",
                hint="choose around, uniform or ordinal",
            )
        if not self.concentration > 0:  # NaN fails too
            raise UsageError(
                f"--concentration {self.concentration} must be a number above 0",
                hint="e.g. --concentration 100 (larger: closer to the stated weights; "
                "inf: exactly the stated weights)",
            )

    def sample(self, rng: np.random.Generator, count: int) -> FloatArray:
        n = self.stated.size
        if self.mode == "uniform":
            return _normalised(rng.standard_exponential((count, n)))
        positive = np.flatnonzero(self.stated > 0)
        weights = np.zeros((count, n))
        if self.mode == "around" and np.isinf(self.concentration):
            return np.broadcast_to(self.stated, (count, n)).copy()
        if self.mode == "around":
            weights[:, positive] = self._dirichlet(rng, count, self.stated[positive])
            return weights
        return self._ordinal(rng, count, positive, weights)

    def _dirichlet(self, rng: np.random.Generator, count: int, stated: FloatArray) -> FloatArray:
        """``count`` draws from Dirichlet(``concentration * stated``), exact for any concentration.

        Each parameter at least 1: normalised gamma draws, as numpy draws them
        (a gamma draw with shape ``a >= 1`` falls below 1e-300 with a
        probability under 1e-300). A parameter below 1 draws gammas that
        underflow: with ``a = 1e-3`` half of them are below the smallest
        double, and a row of zeros has no direction at all. Those draws are
        made in log space, ``log G(a) = log G(a + 1) + log(U) / a`` (Marsaglia
        & Tsang 2000, "A simple method for generating gamma variables", ACM
        TOMS 26(3):363-372), and normalised by the largest, so the weights
        are exact however small ``a`` is; as the concentration goes to 0 they
        approach a single criterion carrying all the weight, chosen with the
        probability of its stated weight.
        """
        c = self.concentration
        shape = c * stated
        if shape.min() >= 1.0:
            gammas = rng.standard_gamma(shape, (count, stated.size))
            total = gammas.sum(axis=1, keepdims=True)
            if not np.isfinite(total).all():  # a concentration near the largest double
                gammas /= gammas.max(axis=1, keepdims=True)
                total = gammas.sum(axis=1, keepdims=True)
            result: FloatArray = gammas / total
            return result
        boosted = np.log(rng.standard_gamma(shape + 1.0, (count, stated.size)))
        exponential = rng.standard_exponential((count, stated.size))  # -log(U)
        # A term that overflows to -inf is a weight that is 0 to double precision.
        with np.errstate(divide="ignore", over="ignore"):
            # At c <= 1, c log G: neither a tiny c nor a tiny weight overflows (the
            # largest stated weight is at least 1/n, which keeps the row maximum finite).
            logs = boosted - exponential / shape if c > 1.0 else c * boosted - exponential / stated
            logs -= logs.max(axis=1, keepdims=True)
            if c <= 1.0:
                logs /= c
            draws = np.exp(logs)
        return _normalised(draws)

    def _ordinal(
        self, rng: np.random.Generator, count: int, positive: IntArray, weights: FloatArray
    ) -> FloatArray:
        """Uniform on {w in simplex: the stated order holds}; equal stated weights are exchangeable.

        A uniform simplex sample sorted in decreasing order is handed out by the
        stated order; within a group of equal stated weights the group's values
        are permuted at random, which is uniform on the union of the orderings
        the statement allows (each is a congruent part of the simplex).
        """
        draws = _normalised(rng.standard_exponential((count, positive.size)))
        draws = -np.sort(-draws, axis=1)
        levels = sorted({float(self.stated[j]) for j in positive}, reverse=True)
        start = 0
        for level in levels:
            group = positive[self.stated[positive] == level]
            block = draws[:, start : start + group.size]
            if group.size > 1:
                shuffle = np.argsort(rng.random((count, group.size)), axis=1)
                block = np.take_along_axis(block, shuffle, axis=1)
            weights[:, group] = block
            start += group.size
        return weights


# -- ranking and counting ----------------------------------------------------------------


@dataclass
class _Tally:
    """Running sums of the SMAA statistics."""

    options: int
    criteria: int

    def __post_init__(self) -> None:
        m = self.options
        self.credit = np.zeros((m, m))
        self.credit_sq = np.zeros((m, m))
        self.first_weights = np.zeros((m, self.criteria))
        self.seen = 0

    def add(self, scores: FloatArray, weights: FloatArray, higher_is_better: bool) -> None:
        m = self.options
        key = -scores if higher_is_better else scores
        places = np.argsort(key, axis=1, kind="stable")
        ordered = np.take_along_axis(key, places, axis=1)
        tied = (np.diff(ordered, axis=1) <= TIE_TOLERANCE).any(axis=1)
        self.seen += scores.shape[0]
        if tied.any():
            self._add_ties(places[tied], ordered[tied], weights[tied])
            places, weights = places[~tied], weights[~tied]
        flat = (places * m + np.arange(m)).ravel()
        counts = np.bincount(flat, minlength=m * m).reshape(m, m).astype(np.float64)
        self.credit += counts
        self.credit_sq += counts
        top = places[:, 0]
        for j in range(self.criteria):
            self.first_weights[:, j] += np.bincount(top, weights=weights[:, j], minlength=m)

    def _add_ties(self, places: IntArray, ordered: FloatArray, weights: FloatArray) -> None:
        """Rows with a tie: groups as in results.order(), each member 1/k of the group's places."""
        rows, m = places.shape
        start = np.zeros((rows, m), dtype=np.intp)
        leader = ordered[:, 0].copy()
        current = np.zeros(rows, dtype=np.intp)
        for p in range(1, m):
            new = ordered[:, p] - leader > TIE_TOLERANCE
            leader = np.where(new, ordered[:, p], leader)
            current = np.where(new, p, current)
            start[:, p] = current
        # a group ends where the next place starts a new group
        end = np.empty_like(start)
        end[:, m - 1] = m - 1
        for p in range(m - 2, -1, -1):
            end[:, p] = np.where(start[:, p + 1] == start[:, p], end[:, p + 1], p)
        size = end - start + 1
        share = 1.0 / size
        # Each place credits every slot of its group: ``size`` (option, slot) entries,
        # laid out with repeat rather than a loop over all m offsets (m passes of m * m).
        # Rows a block at a time, so that the entries stay near TIE_ENTRIES however large
        # the groups (m * m entries for a row where every option ties).
        entries = np.cumsum(size.sum(axis=1))
        first = 0
        while first < rows:
            done = entries[first - 1] if first else 0
            last = max(first + 1, int(np.searchsorted(entries, done + TIE_ENTRIES, "right")))
            block = slice(first, last)
            sizes, starts = size[block].ravel(), start[block].ravel()
            owner = np.repeat(np.arange(sizes.size), sizes)
            offset = np.arange(owner.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            flat = places[block].ravel()[owner] * m + starts[owner] + offset
            credit = share[block].ravel()[owner]
            self.credit += np.bincount(flat, weights=credit, minlength=m * m).reshape(m, m)
            self.credit_sq += np.bincount(flat, weights=credit**2, minlength=m * m).reshape(m, m)
            first = last
        first = start == 0
        for j in range(self.criteria):
            credit = np.where(first, share * weights[:, j : j + 1], 0.0)
            self.first_weights[:, j] += np.bincount(
                places.ravel(), weights=credit.ravel(), minlength=m
            )


def first_place_share(scores: FloatArray, option: int, higher_is_better: bool) -> float:
    """Sum over rows of the rank-1 credit of ``option`` (1/k when tied for first with k)."""
    key = -scores if higher_is_better else scores
    best = key.min(axis=1)
    mine = key[:, option]
    leading = mine - best <= TIE_TOLERANCE
    if not leading.any():
        return 0.0
    sub = key[leading]
    # order(): the group is everything within the tolerance of the leader
    group = (sub - sub.min(axis=1, keepdims=True) <= TIE_TOLERANCE).sum(axis=1)
    return float((1.0 / group).sum())


def meta_weights(options: int) -> FloatArray:
    """Centroid meta-weights ``alpha_r`` (alpha_1 = 1), Lahdelma & Salminen (2001)."""
    inverse = 1.0 / np.arange(1, options + 1)
    tail = np.cumsum(inverse[::-1])[::-1]
    result: FloatArray = tail / tail[0]
    return result


def chunk_size(options: int, criteria: int, cells: int, generic: bool) -> int:
    """Samples per chunk for a problem of this shape (independent of N, so results are too)."""
    extra = 2 * options * criteria + 4 * options * options if generic else 0
    per_sample = 8 * (6 * cells + 10 * options + 4 * criteria + extra)
    return int(min(65_536, max(256, CHUNK_BYTES // per_sample)))


# -- the run -----------------------------------------------------------------------------


def smaa(
    scorer: Scorer,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    weights: WeightMode = "around",
    concentration: float = DEFAULT_CONCENTRATION,
    score_uncertainty: bool = True,
    scores: CellSampler | None = None,
    progress: Progress | None = None,
) -> Acceptability:
    """Run SMAA-2 on ``scorer``'s problem.

    ``scores`` replaces the triangular sampling of ranged scores (the
    reference tests use it for beta-distributed scores); ``progress`` is
    called after each chunk.
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise UsageError(
            f"--samples {samples} is out of range", hint=f"give a number from 1 to {MAX_SAMPLES:,}"
        )
    if not 0 <= seed < 2**63:
        raise UsageError(f"--seed {seed} is out of range", hint="give a number from 0 to 2**63-1")
    problem = scorer.problem
    m, n = problem.shape
    sampler = WeightSampler(problem.weights, weights, concentration)
    cell_sampler: CellSampler | None = None
    grouped = scores if isinstance(scores, GroupedSampler) else None
    if score_uncertainty or grouped is not None:
        cell_sampler = scores if scores is not None else TriangularScores(problem)
        if cell_sampler.cells.size == 0:
            cell_sampler = None
    cells = cell_sampler.cells if cell_sampler is not None else np.zeros(0, dtype=np.intp)
    weight_rng, score_rng, confidence_rng = (
        np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(seed).spawn(3)
    )
    chunk = chunk_size(m, n, cells.size, not scorer.cell_linear)
    tally = _Tally(m, n)
    group_tallies = [_Tally(m, n) for _ in grouped.groups] if grouped is not None else []
    done = 0
    while done < samples:
        count = min(chunk, samples - done)
        w = sampler.sample(weight_rng, count)
        if grouped is not None:
            labels, drawn = grouped.sample_grouped(score_rng, count)
            s = scorer.perturbed(w, cells, drawn) if cells.size else scorer.scores(w)
            for g, group_tally in enumerate(group_tallies):
                mine = labels == g
                group_tally.add(s[mine], w[mine], scorer.higher_is_better)
        elif cell_sampler is not None:
            drawn = cell_sampler.sample(score_rng, count)
            s = scorer.perturbed(w, cells, drawn)
        else:
            s = scorer.scores(w)
        tally.add(s, w, scorer.higher_is_better)
        done += count
        if progress is not None:
            progress(done, samples)

    acceptability = tally.credit / samples
    second = tally.credit_sq / samples
    errors = np.sqrt(np.maximum(second - acceptability**2, 0.0) / samples)
    alpha = meta_weights(m)
    holistic = acceptability @ alpha
    firsts = tally.credit[:, 0]
    central = [tally.first_weights[i] / firsts[i] if firsts[i] > 0 else None for i in range(m)]
    confidence = confidence_factors(
        scorer, central, cell_sampler, confidence_rng, min(samples, CONFIDENCE_SAMPLES)
    )

    point = weights == "around" and bool(np.isinf(concentration))
    stated = scorer.scores(problem.weights[np.newaxis, :])[0]
    ranked = order(
        problem.option_ids, [float(x) for x in stated], higher_is_better=scorer.higher_is_better
    )
    cids = problem.criterion_ids
    options = tuple(
        OptionAcceptability(
            id=problem.option_ids[i],
            name=problem.option_names[i],
            rank=place,
            acceptability=tuple(float(x) for x in acceptability[i]),
            errors=tuple(float(x) for x in errors[i]),
            holistic=float(holistic[i]),
            central_weights=(
                None
                if central[i] is None
                else dict(zip(cids, (float(x) for x in central[i]), strict=True))  # type: ignore[union-attr]
            ),
            confidence=confidence[i],
        )
        for place, i in ranked
    )
    groups = (
        ()
        if grouped is None
        else _groups(scorer, grouped, cells, group_tallies, [o.id for o in options], alpha)
    )
    return Acceptability(
        method=scorer.method,
        samples=samples,
        seed=seed,
        weights="stated" if point else weights,
        concentration=None if point or weights != "around" else concentration,
        score_uncertainty=score_uncertainty and cell_sampler is not None,
        uncertain_scores=int(cells.size),
        meta_weights=tuple(float(a) for a in alpha),
        criteria=cids,
        options=options,
        groups=groups,
        group_kind=grouped.kind if grouped is not None else None,
    )


def _groups(
    scorer: Scorer,
    grouped: GroupedSampler,
    cells: IntArray,
    tallies: list[_Tally],
    listed: list[str],
    alpha: FloatArray,
) -> tuple[GroupAcceptability, ...]:
    """Each group's acceptabilities, options in the run's order, ranks at the group's scores."""
    problem = scorer.problem
    stated_weights = problem.weights[np.newaxis, :]
    index = {oid: i for i, oid in enumerate(problem.option_ids)}
    result = []
    for g, ((gid, name, chance), tally) in enumerate(zip(grouped.groups, tallies, strict=True)):
        values = grouped.stated(g)
        stated = (
            scorer.perturbed(stated_weights, cells, values[np.newaxis, :])[0]
            if cells.size
            else scorer.scores(stated_weights)[0]
        )
        ranks = {
            i: place
            for place, i in order(
                problem.option_ids,
                [float(x) for x in stated],
                higher_is_better=scorer.higher_is_better,
            )
        }
        seen = max(tally.seen, 1)
        acceptability = tally.credit / seen
        errors = np.sqrt(np.maximum(tally.credit_sq / seen - acceptability**2, 0.0) / seen)
        holistic = acceptability @ alpha
        options = tuple(
            OptionAcceptability(
                id=oid,
                name=problem.option_names[index[oid]],
                rank=ranks[index[oid]],
                acceptability=tuple(float(x) for x in acceptability[index[oid]]),
                errors=tuple(float(x) for x in errors[index[oid]]),
                holistic=float(holistic[index[oid]]),
                central_weights=None,
                confidence=None,
            )
            for oid in listed
        )
        result.append(
            GroupAcceptability(
                id=gid, name=name, weight=chance, samples=tally.seen, options=options
            )
        )
    return tuple(result)


def confidence_factors(
    scorer: Scorer,
    central: list[FloatArray | None],
    cell_sampler: CellSampler | None,
    rng: np.random.Generator,
    samples: int,
) -> list[float | None]:
    """Confidence factors: how often each central weight vector ranks its option first.

    ``central[i]`` is option ``i``'s central weight vector (None: no factor);
    ``samples`` score matrices are drawn with ``cell_sampler`` (without one,
    the scores are certain and one evaluation decides).
    """
    result: list[float | None] = [None] * len(central)
    if cell_sampler is None:
        for i, w in enumerate(central):
            if w is not None:
                result[i] = first_place_share(
                    scorer.scores(w[np.newaxis, :]), i, scorer.higher_is_better
                )
        return result
    total = samples
    cells = cell_sampler.cells
    m, n = scorer.problem.shape
    chunk = chunk_size(m, n, cells.size, not scorer.cell_linear)
    sums = [0.0] * len(central)
    done = 0
    while done < total:
        count = min(chunk, total - done)
        drawn = cell_sampler.sample(rng, count)
        for i, w in enumerate(central):
            if w is not None:
                batch = np.broadcast_to(w, (count, n))
                scores = scorer.perturbed(np.ascontiguousarray(batch), cells, drawn)
                sums[i] += first_place_share(scores, i, scorer.higher_is_better)
        done += count
    for i, w in enumerate(central):
        if w is not None:
            result[i] = sums[i] / total
    return result
