"""Grade ladders: an indicator's four grading cells read as one function from values to grades.

>>> from perfscore import parse_ladder, ureg
>>> ladder = parse_ladder({"优": "100%", "良": "≥ 90%", "中": "≥80%", "差": "<80%"}, unit="percent")
>>> ladder
<Ladder('优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%', unit='percent')>
>>> ladder.direction
<Direction.HIGHER_IS_BETTER: 'higher is better'>
>>> ladder.grade("90%"), ladder.grade(0.899 * 100), ladder.grade(ureg.Quantity(1, "dimensionless"))
(<Grade.GOOD: '良'>, <Grade.FAIR: '中'>, <Grade.EXCELLENT: '优'>)

A value gets the best grade whose cell it meets; what a bare number means follows from the
ladder's direction (at least, where better grades need larger values):

>>> band = parse_ladder(
...     {"优": "≥85%和≤100%", "良": "≥83%和<85%", "中": "≥80%和<83%", "差": "<80%或>100%"},
...     unit="percent")
>>> band.direction, band.grade("83%"), band.grade(1.01 * 100)
(<Direction.TARGET_BAND: 'target band'>, <Grade.GOOD: '良'>, <Grade.POOR: '差'>)
>>> incidents = parse_ladder({"优": "1次", "良": None, "中": None, "差": "1次以上"}, unit="次")
>>> incidents.direction, incidents.grade(0), incidents.grade(1), incidents.grade(2)
(<Direction.LOWER_IS_BETTER: 'lower is better'>, <Grade.EXCELLENT: '优'>, \
<Grade.EXCELLENT: '优'>, <Grade.POOR: '差'>)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from perfscore.errors import PerfscoreError, UncoveredValue
from perfscore.grades import GRADES, Grade
from perfscore.intervals import INF, Interval, IntervalSet
from perfscore.notation._exact import check_count, read_value, refused, show_number, to_float64
from perfscore.units import factor, is_counted

from ._compiled import MISSING, UNCOVERED, CompiledLadder, Kernel, compile_regions
from ._regions import (
    Cells,
    Direction,
    Regions,
    normalize_label,
    read_regions,
    region_bounds,
    spell_region,
)

__all__ = [
    "NEGATIVE_RATE", "Cells", "Direction", "Ladder", "normalize_label", "parse_ladder",
    "read_value",
]  # fmt: skip

#: The refusal of a negative rate where the ladder grades a level (its ``{}``: the value shown).
NEGATIVE_RATE = (
    "a rate cannot be negative: {} (the ladder grades a level; one for a change such as 增长率 "
    "draws a grade below 0%)"
)


def parse_ladder(cells: Cells | str, unit: str | None = None) -> Ladder:
    """Read an indicator's published grading cells into a [Ladder][perfscore.ladders.Ladder].

    ``cells`` maps each grade (a [Grade][perfscore.grades.Grade], or 优/良/中/差) to its cell text;
    a missing key, ``None`` or ``""`` is a blank cell, which that grade cannot be reached through.
    ``unit`` names the unit the indicator is measured in (``"percent"``, ``"人"``, ``"万元"`` …):
    numbers written without a unit are read in it. With ``unit=None`` the unit is taken from the
    cells (a plain number where they write none), and cells with no number, comparison or ``%`` make
    a qualitative ladder graded by label. ``cells`` may also be one line
    ([read_row][perfscore.ladders.read_row]): ``str(ladder)`` parses back to an equal ladder.

    >>> ladder = parse_ladder("100% / ≥90% / ≥80% / <80%")
    >>> parse_ladder(str(ladder), unit=ladder.unit) == ladder
    True

    Raises [NotationError][perfscore.errors.NotationError] for a cell that does not read (a unit
    that does not fit the ladder's included), [InvalidLadder][perfscore.errors.InvalidLadder] for
    cells that contradict one another, and [PerfscoreError][perfscore.errors.PerfscoreError] for an
    unknown unit.
    """
    return Ladder._make(read_regions(cells, unit))


class Ladder:
    """An indicator's grades as a function of its measured value.

    Build one with [parse_ladder][perfscore.ladders.parse_ladder]. Ladders are immutable; equal
    ladders (the same grade for every value, in the same unit) compare and hash equal, whatever
    their published spelling. ``str()`` and `to_cells` give the canonical spelling, which parses
    back to an equal ladder.
    """

    __slots__ = (
        "_compiled", "_direction", "_hash", "_labels", "_nonnegative", "_published", "_regions",
        "_unit",
    )  # fmt: skip

    _unit: str | None
    _direction: Direction
    _published: dict[Grade, str | None]
    _regions: dict[Grade, IntervalSet]
    _labels: dict[str, Grade]
    _compiled: CompiledLadder
    _hash: int
    _nonnegative: bool

    @classmethod
    def _make(cls, read: Regions) -> Ladder:
        self = cls.__new__(cls)
        self._published = dict(read.published)
        self._unit = unit = read.unit
        self._direction = read.direction
        self._regions = dict(read.regions)
        self._labels = dict(read.labels)
        self._compiled = compile_regions(self._regions, self._labels, categorical=unit is None)
        self._nonnegative = self._reads_nonnegative()
        # The direction follows from the regions, so equality needs only these.
        key = (
            unit,
            tuple(sorted((g.code, r) for g, r in self._regions.items())),
            tuple(sorted((label, g.code) for label, g in self._labels.items())),
        )
        self._hash = hash(key)
        return self

    # -- what the ladder is ----------------------------------------------------------------

    @property
    def unit(self) -> str | None:
        """The canonical name of the unit values are read in; None for a qualitative ladder.

        Not necessarily the spelling the ladder was built with: the canonical name is the
        Chinese alias where ``units.txt`` defines one, and ``percent`` for ``%``. It parses
        back to the same unit, so ``parse_ladder(ladder.to_cells(), ladder.unit) == ladder``.

        >>> parse_ladder({"优": "≥5", "差": "<5"}, unit="kg").unit
        '公斤'
        >>> parse_ladder({"优": "≥95%", "差": "<95%"}).unit
        'percent'
        """
        return self._unit

    @property
    def direction(self) -> Direction:
        """Which values the ladder rewards."""
        return self._direction

    @property
    def categorical(self) -> bool:
        """Whether values are labels (a qualitative ladder) rather than numbers."""
        return self.direction is Direction.CATEGORICAL

    @property
    def cells(self) -> dict[Grade, str | None]:
        """The cells this ladder was read from, as given (None for a blank cell)."""
        return dict(self._published)

    @property
    def grades(self) -> tuple[Grade, ...]:
        """The grades some value can reach, best first."""
        present = set(self._regions) | set(self._labels.values())
        return tuple(g for g in GRADES if g in present)

    @property
    def labels(self) -> dict[str, Grade]:
        """For a qualitative ladder, each (normalised) label and its grade; empty otherwise."""
        return dict(self._labels)

    @property
    def compiled(self) -> CompiledLadder:
        """The array form both `grade` and batch grading use."""
        return self._compiled

    def region(self, grade: Grade | str) -> IntervalSet:
        """The values (in the ladder's unit) that get ``grade``; empty if it cannot be reached."""
        return self._regions.get(Grade(grade), IntervalSet())

    def pieces(self) -> list[tuple[Interval, Grade]]:
        """The covered intervals along the line with their grades, in order."""
        return sorted(
            ((i, g) for g, r in self._regions.items() for i in r),
            key=lambda piece: (piece[0].lower, not piece[0].lower_closed),
        )

    def covered(self) -> IntervalSet:
        """Every value some grade covers."""
        out = IntervalSet()
        for region in self._regions.values():
            out = out | region
        return out

    def gaps(self, within: IntervalSet | None = None) -> IntervalSet:
        """The values no grade covers, within ``within`` (default: the ladder's natural domain).

        The natural domain is ``[0, ∞)`` for counted units (人, 次 …) and percent, the whole line
        otherwise. Counted units are whole numbers: a gap strictly between two integers (the
        ``(499, 500)`` of ``≥500人 / 400-499人``) holds no count.
        """
        if within is None:
            within = self.domain()
        return within - self.covered()

    def domain(self) -> IntervalSet:
        """The values an indicator in this unit can take: ``[0, ∞)`` where
        [nonnegative][perfscore.ladders.Ladder.nonnegative], the whole line otherwise."""
        if self.nonnegative:
            return IntervalSet.of(Interval.closed_open(Fraction(0), INF))
        return IntervalSet.everything()

    @property
    def counted(self) -> bool:
        """Whether values count things (人, 次, 种 …): whole numbers, never negative."""
        return self.unit is not None and is_counted(self.unit)

    @property
    def nonnegative(self) -> bool:
        """Whether a value below 0 is refused rather than graded: a count always, and a rate
        (percent) whose ladder draws no grade below 0% — a level such as 到位率 or 覆盖率, where
        -5% is a typo. A ladder that draws one (``<0%``, ``≥-5%``) grades a change such as
        增长率, which can fall below nothing.

        >>> level = parse_ladder({"优": "≥90%", "良": "≥80%", "中": "≥60%", "差": "<60%"})
        >>> change = parse_ladder({"优": "≥10%", "良": "≥5%", "中": "≥0%", "差": "<0%"})
        >>> level.nonnegative, change.nonnegative
        (True, False)
        """
        return self._nonnegative

    def _reads_nonnegative(self) -> bool:
        if self.counted:
            return True
        if self.unit != "percent":
            return False
        # A change draws a grade below 0 (<0%, ≥-5%): a piece that ends at or below 0, or
        # starts below it. ``<60%`` reaches below 0 only by running on without a bound.
        return not any(
            interval.upper <= 0 or -INF < interval.lower < 0 for interval, _ in self.pieces()
        )

    # -- grading ---------------------------------------------------------------------------

    def grade(self, value: object) -> Grade:
        """The grade ``value`` gets: the best grade whose cell it meets.

        ``value`` is a number in the ladder's unit, a string with or without its unit
        (``"84%"``, ``"499 人"``), a pint quantity, or, for a qualitative ladder, a label.
        Raises [UncoveredValue][perfscore.errors.UncoveredValue] when no grade covers the value and
        [UnitMismatch][perfscore.errors.UnitMismatch] when its unit does not fit.
        """
        code = self.code(value)
        if code < 0:
            shown = value if isinstance(value, str) else show_number(value)
            if self.categorical:
                known = ", ".join(self._labels)
                raise UncoveredValue(
                    f"{shown!r} is not one of this ladder's labels ({known})", value=str(value)
                )
            if self.nonnegative and read_value(value, self.unit or "") < 0:
                rate = shown if isinstance(value, str) else f"{shown}%"
                raise UncoveredValue(NEGATIVE_RATE.format(rate), value=str(shown))
            gaps = self.gaps(IntervalSet.everything())
            raise UncoveredValue(
                f"no grade covers {shown} (this ladder leaves {gaps} {self.unit} without a grade)",
                value=str(shown),
            )
        return Grade.from_code(code)

    def code(self, value: object) -> int:
        """Like `grade`, as a code: 3 优 … 0 差, -2 where no grade covers the value."""
        if self.categorical:
            if not isinstance(value, str):
                raise PerfscoreError(
                    f"a qualitative ladder grades labels, not {show_number(value)}"
                )
            return self._compiled.code_label(normalize_label(value))
        assert self.unit is not None
        magnitude = read_value(value, self.unit)
        if self.counted:
            check_count(magnitude, self.unit)
        elif magnitude < 0 and self.nonnegative:
            return UNCOVERED
        return self._compiled.code(magnitude)

    def grade_array(self, values: Any, *, unit: str | None = None) -> npt.NDArray[np.int8]:
        """Grade codes (3 优 … 0 差, -1 missing, -2 not graded) for an array of values.

        Numbers are in ``unit`` (default: the ladder's); the thresholds are converted into it
        once. Labels for a qualitative ladder. A value `grade` refuses gets -2 here
        rather than an error: one no grade covers, an infinite one, and for a counted unit
        (人, 次 …) a negative or fractional count, as
        [LadderBook.grade][perfscore.ladders.LadderBook.grade] gives with ``errors="coerce"``.

        >>> ladder = parse_ladder({"优": "≥500人", "良": "400-499人", "中": "<400人"})
        >>> ladder.grade_array([500, 499, -1, 499.5, float("nan")]).tolist()
        [3, 2, -2, -2, -1]
        """
        if self.categorical:
            labels = np.asarray(values, dtype=object)
            out = np.full(labels.shape, MISSING, dtype=np.int8)
            for i, label in enumerate(labels.flat):
                if isinstance(label, str):
                    out.flat[i] = self._compiled.code_label(normalize_label(label))
            return out
        try:
            numbers = to_float64(values)
        except (TypeError, ValueError) as exc:
            raise PerfscoreError(f"expected numbers: {exc}") from None
        scale = factor(self.unit, unit) if unit is not None else Fraction(1)
        flat = numbers.reshape(-1)
        kernel = Kernel([(self._compiled, scale)])
        codes = kernel.grade(np.zeros(len(flat), dtype=np.intp), flat).reshape(numbers.shape)
        # Counted units have no multiples in the registry: a count in ``unit`` is one in the
        # ladder's, so the values are checked as given.
        codes[refused(numbers, counted=self.counted, nonnegative=self.nonnegative)] = UNCOVERED
        codes[np.isnan(numbers)] = MISSING
        return codes

    # -- spelling --------------------------------------------------------------------------

    def to_cells(self) -> dict[Grade, str | None]:
        """Canonical cell texts, best grade first; they parse back to an equal ladder.

        >>> parse_ladder({"优": "100%", "良": "≥ 90%", "中": "≥80%", "差": "<80%"}).to_cells()
        {<Grade.EXCELLENT: '优'>: '≥100%', <Grade.GOOD: '良'>: '≥90%', \
<Grade.FAIR: '中'>: '≥80%', <Grade.POOR: '差'>: '<80%'}
        """
        if self.categorical:
            by_grade = {g: label for label, g in self._labels.items()}
            return {g: by_grade.get(g) for g in GRADES}
        assert self.unit is not None
        cells: dict[Grade, str | None] = {}
        taken = IntervalSet()
        for grade in GRADES:
            region = self._regions.get(grade)
            if region is None:
                cells[grade] = None
                continue
            # Best grade wins, so a grade may be written as its region together with what better
            # grades take, when that is simpler (≥90% for 良 rather than ≥90%和<100%).
            widened = region | taken
            simpler = (
                region_bounds(widened) < region_bounds(region)
                and widened != IntervalSet.everything()
            )
            cells[grade] = spell_region(widened if simpler else region, self.unit)
            taken = taken | region
        return cells

    def __str__(self) -> str:
        return " | ".join(f"{g} {text or '—'}" for g, text in self.to_cells().items())

    def __repr__(self) -> str:
        unit = f", unit={self.unit!r}" if self.unit is not None else ""
        return f"<Ladder({str(self)!r}{unit})>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ladder):
            return NotImplemented
        return (
            self.unit == other.unit
            and self._regions == other._regions
            and self._labels == other._labels
        )

    def __hash__(self) -> int:
        return self._hash
