"""Scoring methods: how grades become points and how points roll up (评分方法).

A method is a small object with six members (the [Method][perfscore.scoring.Method] protocol):

- ``name``: what it is called on the command line;
- ``points(indicator, grade, value)``: an indicator's points for its grade and value;
- ``missing(indicator)``: what a missing result is worth, ``None`` to leave it out of every mean;
- ``combine(scored)``: a node's score from its scored children, ``(score, weight)`` pairs;
- ``grade(score)``: the grade a score earns;
- ``flat``: whether duties and the department average their indicators directly.

Scores are exact `Fraction` values, so a mean that lands on a band edge gets the
band (in floats, ``(0.1 * 90 + 0.2 * 90) / 0.3`` is ``89.99999999999999``).

>>> from perfscore import Grade
>>> method = MeanOfPoints()
>>> method.points(None, Grade.GOOD, None)
Fraction(80, 1)
>>> method.grade(Fraction(90)), method.grade(Fraction(8999, 100))
(<Grade.EXCELLENT: '优'>, <Grade.GOOD: '良'>)
>>> method.combine([(Fraction(100), Fraction(1)), (Fraction(60), Fraction(3))])
Fraction(70, 1)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, Protocol, runtime_checkable

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES, Grade
from perfscore.intervals import format_number
from perfscore.notation._exact import to_fraction

if TYPE_CHECKING:
    from perfscore.tables._models import Indicator

__all__ = [
    "DEFAULT_POINTS",
    "METHODS",
    "MOF_BANDS",
    "Flat",
    "MeanOfPoints",
    "Method",
    "MissingAsPoor",
    "PointsDependOn",
    "ProportionalCredit",
    "WorstGrade",
    "get_method",
    "points_depend_on",
]

#: Points of each grade: the common grade coefficients 优 100%, 良 80%, 中 60%, 差 0.
DEFAULT_POINTS: Final[Mapping[Grade, Fraction]] = {
    Grade.EXCELLENT: Fraction(100),
    Grade.GOOD: Fraction(80),
    Grade.FAIR: Fraction(60),
    Grade.POOR: Fraction(0),
}

#: The Ministry of Finance (财政部预算司) bands: the least score of each grade above 差.
MOF_BANDS: Final[Mapping[Grade, Fraction]] = {
    Grade.EXCELLENT: Fraction(90),
    Grade.GOOD: Fraction(80),
    Grade.FAIR: Fraction(60),
}


@runtime_checkable
class Method(Protocol):
    """What [perfscore.score][perfscore.cards.score] needs of a scoring method. Write your own
    by providing these."""

    @property
    def name(self) -> str:
        """What the method is called (``perfscore score --method NAME``)."""
        ...

    @property
    def flat(self) -> bool:
        """Whether duties and the department average their indicators directly."""
        ...

    def points(self, indicator: Indicator, grade: Grade, value: Fraction | str) -> Fraction:
        """The points an indicator earns with ``grade`` for ``value`` (in its unit, or a label)."""
        ...

    def missing(self, indicator: Indicator) -> Fraction | None:
        """The points a missing result earns; ``None`` leaves it out of every mean."""
        ...

    def combine(self, scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
        """A node's score from its scored children's ``(score, weight)`` pairs (never empty)."""
        ...

    def grade(self, score: Fraction) -> Grade:
        """The grade a node's score earns."""
        ...


#: What an indicator's points depend on ([points_depend_on][perfscore.scoring.points_depend_on]):
#: its grade alone; its ladder,
#: grade and value (equal ladders price alike); or anything about the indicator.
PointsDependOn = Literal["grade", "ladder", "indicator"]


def points_depend_on(method: Method) -> PointsDependOn:
    """What ``method``'s points depend on, as it declares in ``points_depend_on``; a method
    that declares nothing may depend on anything about the indicator.

    The batch path ([score_frame][perfscore.frames.score_frame]) prices points once per grade, or
    once per ladder, grade and value, where the method allows it.

    >>> points_depend_on(MeanOfPoints()), points_depend_on(ProportionalCredit())
    ('grade', 'ladder')
    """
    declared = getattr(method, "points_depend_on", "indicator")
    if declared == "grade":
        return "grade"
    return "ladder" if declared == "ladder" else "indicator"


def _grade_map(mapping: Mapping[Grade, object] | Mapping[str, object]) -> dict[Grade, Fraction]:
    return {Grade(key): to_fraction(value) for key, value in mapping.items()}


def _bands(bands: Mapping[Grade, object] | Mapping[str, object] | None) -> dict[Grade, Fraction]:
    """The bands given over `MOF_BANDS`, checked to fall strictly from
    优 to 中.

    >>> _bands({"优": 95})[Grade.GOOD]
    Fraction(80, 1)
    """
    bounds = dict(MOF_BANDS)
    if bands is not None:
        bounds.update(_grade_map(bands))
    bounds.pop(Grade.POOR, None)  # 差 is whatever no better band takes
    ladder = [g for g in GRADES if g in bounds]
    for better, worse in itertools.pairwise(ladder):
        if bounds[better] <= bounds[worse]:
            defaults = ", ".join(f"{g.value} {n}" for g, n in MOF_BANDS.items())
            raise PerfscoreError(
                f"the bands fall from 优 to 中; {better.value} {format_number(bounds[better])} "
                f"is not above {worse.value} {format_number(bounds[worse])} (bands not given "
                f"are the Ministry of Finance's: {defaults})"
            )
    return bounds


@dataclass(frozen=True)
class MeanOfPoints:
    """The default: grade points, weighted means at each level, grades by the bands.

    An indicator earns ``points[grade]``; an activity scores the (weighted) mean of its graded
    indicators' points, a duty the mean of its scored activities, the department the mean of its
    scored duties. A score becomes the best grade whose band minimum it reaches, else 差.
    Missing results are left out of every mean. ``bands`` given replace those of
    `MOF_BANDS` grade by grade (the others stay); they must fall from
    优 to 中.

    >>> m = MeanOfPoints(points={"优": 100, "良": 85, "中": 70, "差": 40}, bands={"优": 95})
    >>> m.points(None, Grade.GOOD, None), m.grade(Fraction(94)), m.grade(Fraction(95))
    (Fraction(85, 1), <Grade.GOOD: '良'>, <Grade.EXCELLENT: '优'>)
    """

    points_of: Mapping[Grade, Fraction] = field(default_factory=lambda: dict(DEFAULT_POINTS))
    bands: Mapping[Grade, Fraction] = field(default_factory=lambda: dict(MOF_BANDS))
    name: str = "mean"
    flat: bool = False
    #: Points depend on the grade alone ([points_depend_on][perfscore.scoring.points_depend_on]).
    points_depend_on: ClassVar[PointsDependOn] = "grade"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that prices points its own way and says nothing may look at anything.
        if "points" in cls.__dict__ and "points_depend_on" not in cls.__dict__:
            cls.points_depend_on = "indicator"

    def __init__(
        self,
        points: Mapping[Grade, object] | Mapping[str, object] | None = None,
        bands: Mapping[Grade, object] | Mapping[str, object] | None = None,
    ) -> None:
        chosen = _grade_map(points) if points is not None else dict(DEFAULT_POINTS)
        absent = [g.value for g in GRADES if g not in chosen]
        if absent:
            raise PerfscoreError(f"points are needed for every grade; missing {' '.join(absent)}")
        bounds = _bands(bands)
        object.__setattr__(self, "points_of", chosen)
        object.__setattr__(self, "bands", bounds)

    def points(self, indicator: Indicator | None, grade: Grade, value: object) -> Fraction:
        return self.points_of[grade]

    def missing(self, indicator: Indicator | None) -> Fraction | None:
        return None

    def combine(self, scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
        # Whole points and whole weights (the usual case) sum as integers: exact and fast.
        numerator = denominator = 0
        for score, weight in scored:
            if score.denominator != 1 or weight.denominator != 1:
                return _weighted_mean(scored)
            numerator += score.numerator * weight.numerator
            denominator += weight.numerator
        return Fraction(numerator, denominator)

    def grade(self, score: Fraction) -> Grade:
        # score >= least, cross-multiplied in integers (denominators are positive): a Fraction
        # comparison costs more than the rest of a roll-up node.
        top, bottom = score.numerator, score.denominator
        for grade in GRADES:
            least = self.bands.get(grade)
            if least is not None and top * least.denominator >= least.numerator * bottom:
                return grade
        return Grade.POOR


def _weighted_mean(scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
    """Σ s·w / Σ w exactly, in integers over one common denominator, reduced once at the end
    (summing Fractions reduces at every step, which dominates a province's roll-up).

    >>> _weighted_mean([(Fraction(1, 3), Fraction(1)), (Fraction(1, 2), Fraction(1, 2))])
    Fraction(7, 18)
    """
    common = math.lcm(*(s.denominator for s, _ in scored), *(w.denominator for _, w in scored))
    top = bottom = 0
    for score, weight in scored:
        share = weight.numerator * (common // weight.denominator)  # w · common
        top += score.numerator * (common // score.denominator) * share
        bottom += share
    return Fraction(top, bottom * common)


class Flat(MeanOfPoints):
    """Every node scores the (weighted) mean over all the graded indicators beneath it.

    Activities score as with [MeanOfPoints][perfscore.scoring.MeanOfPoints]; a duty and the
    department do not pass through their activities' means, so an activity with many indicators
    counts for more. Only indicator weights apply.
    """

    name = "flat"
    flat = True


class WorstGrade(MeanOfPoints):
    """A node takes its worst child's grade, and that child's score.

    An indicator's score is its grade's points; a node's score is the least of its children's,
    and its grade is the grade of those points (the best grade whose points do not exceed it),
    so the bands do not enter. Weights do not enter either.

    >>> WorstGrade().combine([(Fraction(100), Fraction(1)), (Fraction(60), Fraction(5))])
    Fraction(60, 1)
    >>> WorstGrade().grade(Fraction(60))
    <Grade.FAIR: '中'>
    """

    name = "worst"

    def combine(self, scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
        return min(s for s, _ in scored)

    def grade(self, score: Fraction) -> Grade:
        for grade in GRADES:
            if self.points_of[grade] <= score:
                return grade
        return Grade.POOR


class MissingAsPoor(MeanOfPoints):
    """The default, except that a missing result counts as 差 (its points, usually 0).

    Missing results are still reported as missing; only the means change.
    """

    name = "missing-as-poor"

    def missing(self, indicator: Indicator | None) -> Fraction | None:
        return self.points_of[Grade.POOR]


LowerIsBetter = Literal["linear", "ratio"]


@dataclass(frozen=True, init=False)
class ProportionalCredit(MeanOfPoints):
    """Full points when the 优 condition is met, otherwise points in proportion to the value.

    The target is the 优 threshold. Higher is better: ``value / target × full``. Lower is better,
    by ``lower_is_better``: ``"linear"`` (the default, as deployed in budget-performance systems)
    gives ``(1 − (value − target) / target) × full``, reaching 0 at twice the target; ``"ratio"``
    gives ``target / value × full``. A target band uses the higher-is-better rule below the band
    and the lower-is-better rule above it. A qualitative indicator earns its grade's points.
    Credit never falls below 0, and reaches full only when 优 is met: a value on an open end of
    优 (``>35人`` at 35), between two pieces of 优, or beside a target of 0 or less (nothing to
    be proportional to) earns its grade's points.

    >>> from perfscore import load_table
    >>> table = load_table("zanhuang-hrss-2018")
    >>> hired, incidents = table.indicator("1.2.2"), table.indicator("10.1.1")   # ≥500人, ≤1次
    >>> ProportionalCredit().points(hired, hired.grade(450), Fraction(450))
    Fraction(90, 1)
    >>> ProportionalCredit().points(incidents, incidents.grade(2), Fraction(2))
    Fraction(0, 1)
    >>> ratio = ProportionalCredit(lower_is_better="ratio")
    >>> ratio.points(incidents, incidents.grade(2), Fraction(2))
    Fraction(50, 1)
    """

    lower_is_better: LowerIsBetter = "linear"
    #: Points depend on the ladder, the grade and the value alone.
    points_depend_on: ClassVar[PointsDependOn] = "ladder"

    def __init__(
        self,
        points: Mapping[Grade, object] | Mapping[str, object] | None = None,
        bands: Mapping[Grade, object] | Mapping[str, object] | None = None,
        *,
        lower_is_better: LowerIsBetter = "linear",
    ) -> None:
        super().__init__(points, bands)
        if lower_is_better not in ("linear", "ratio"):
            raise PerfscoreError(f"lower_is_better is 'linear' or 'ratio', not {lower_is_better!r}")
        object.__setattr__(self, "lower_is_better", lower_is_better)
        name = "proportional" if lower_is_better == "linear" else "proportional-ratio"
        object.__setattr__(self, "name", name)

    def points(self, indicator: Indicator | None, grade: Grade, value: object) -> Fraction:
        full = self.points_of[Grade.EXCELLENT]
        if grade is Grade.EXCELLENT or indicator is None or not isinstance(value, Fraction):
            return self.points_of[grade]
        ladder = indicator.ladder
        if ladder.categorical:
            return self.points_of[grade]
        best = list(ladder.region(Grade.EXCELLENT))
        if not best:
            return self.points_of[grade]
        low, high = best[0].lower, best[-1].upper
        if isinstance(low, Fraction) and value < low:
            share = self._higher(value, low)
        elif isinstance(high, Fraction) and value > high:
            share = self._lower(value, high)
        else:  # on an open end of 优 (">35人" at 35), or between two pieces of 优
            share = None
        if share is None or share >= 1:
            # Nothing to be proportional to, or full credit for a 优 not met: the grade decides.
            return self.points_of[grade]
        return full * max(share, Fraction(0))

    @staticmethod
    def _higher(value: Fraction, target: Fraction) -> Fraction | None:
        return value / target if target > 0 else None

    def _lower(self, value: Fraction, target: Fraction) -> Fraction | None:
        if target <= 0:
            return None
        if self.lower_is_better == "ratio":
            return target / value
        return 1 - (value - target) / target


#: The methods known by name (``perfscore score --method NAME``).
METHODS: Final[Mapping[str, Callable[[], Method]]] = {
    "mean": MeanOfPoints,
    "flat": Flat,
    "worst": WorstGrade,
    "missing-as-poor": MissingAsPoor,
    "missing-as-差": MissingAsPoor,
    "proportional": ProportionalCredit,
    "proportional-ratio": lambda: ProportionalCredit(lower_is_better="ratio"),
}


def get_method(method: str | Method | None) -> Method:
    """A method by name, or the method itself; ``None`` is the default
    [MeanOfPoints][perfscore.scoring.MeanOfPoints].

    >>> get_method("worst").name, get_method(None).name
    ('worst', 'mean')
    """
    if method is None:
        return MeanOfPoints()
    if isinstance(method, str):
        factory = METHODS.get(method.strip())
        if factory is None:
            raise PerfscoreError(
                f"no scoring method {method!r}; the methods are {', '.join(METHODS)}"
            )
        return factory()
    if not isinstance(method, Method):
        raise PerfscoreError(
            f"a scoring method has name, flat, points, missing, combine and grade; "
            f"{type(method).__name__} does not"
        )
    return method
