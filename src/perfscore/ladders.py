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

import enum
import functools
import itertools
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Real
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

from ._tokenizer import fold
from .compiled import MISSING, UNCOVERED, CompiledLadder
from .errors import (
    InvalidLadder,
    NotationError,
    PerfscoreError,
    UncoveredValue,
    UnitMismatch,
)
from .grades import GRADES, Grade
from .intervals import INF, Interval, IntervalSet, format_number
from .labels import simplified
from .notation import Clause, Expression, parse_cell, parse_quantity
from .units import UNIT_SYMBOLS, canonical_unit, factor, is_counted, unit_names

__all__ = ["Cells", "Direction", "Ladder", "normalize_label", "parse_ladder", "read_value"]

#: Grading cells as published: a grade (or 优/良/中/差) to its cell text, None for a blank cell.
Cells: TypeAlias = Mapping[Grade, str | None] | Mapping[str, str | None]

# A cell with any of these (after folding full-width forms) is notation, never a label.
_NOTATION_MARKS: Final = frozenset("0123456789<>=≥≤≧≦%‰")


class Direction(enum.Enum):
    """Which values a ladder rewards."""

    HIGHER_IS_BETTER = "higher is better"
    LOWER_IS_BETTER = "lower is better"
    TARGET_BAND = "target band"
    CATEGORICAL = "categorical"


def normalize_label(text: str) -> str:
    """The form labels are compared in: full-width folded, all white space removed, traditional
    characters simplified (see ``perfscore.labels``).

    >>> normalize_label(" 能完整的 实施 "), normalize_label("應保盡保")
    ('能完整的实施', '应保尽保')
    """
    return simplified(text)


def parse_ladder(cells: Cells, unit: str | None = None) -> Ladder:
    """Read an indicator's published grading cells into a :class:`Ladder`.

    ``cells`` maps each grade (a :class:`Grade`, or 优/良/中/差) to its cell text; a missing key,
    ``None`` or ``""`` is a blank cell, which that grade cannot be reached through. ``unit`` names
    the unit the indicator is measured in (``"percent"``, ``"人"``, ``"万元"`` …): numbers written
    without a unit are read in it. With ``unit=None`` the unit is taken from the cells (a plain
    number where they write none), and cells with no number, comparison or ``%`` make a
    qualitative ladder graded by label.

    Raises :class:`~perfscore.errors.NotationError` for a cell that does not read (a unit that
    does not fit the ladder's included), :class:`~perfscore.errors.InvalidLadder` for cells that
    contradict one another, and :class:`~perfscore.errors.PerfscoreError` for an unknown unit.
    """
    published = _normalize_cells(cells)
    written = {g: text for g, text in published.items() if text is not None and text.strip()}
    if not written:
        raise InvalidLadder("every cell is blank: no grade can be reached")
    if not any(_NOTATION_MARKS & set(fold(text)) for text in written.values()):
        if unit is not None and canonical_unit(unit) != "dimensionless":
            grade = next(iter(written))
            raise NotationError(
                f"expected a number in {canonical_unit(unit)}",
                source=written[grade],
                span=(0, len(written[grade])),
            ).located(cell=grade.value)
        return _categorical(published, written)
    return _numeric(published, written, unit)


def _normalize_cells(cells: Cells) -> dict[Grade, str | None]:
    if not isinstance(cells, Mapping):
        raise PerfscoreError(f"cells must map grades to cell texts, not {type(cells).__name__}")
    out: dict[Grade, str | None] = dict.fromkeys(GRADES)
    seen: set[Grade] = set()
    for key, text in cells.items():
        grade = key if isinstance(key, Grade) else Grade(key)
        if grade in seen:
            raise PerfscoreError(f"two cells for {grade} ({key!r} and another key)")
        seen.add(grade)
        if text is not None and not isinstance(text, str):
            raise PerfscoreError(f"cell {grade}: expected text, got {text!r}")
        out[grade] = text if text is None or text.strip() else None
    return out


def _categorical(published: dict[Grade, str | None], written: dict[Grade, str]) -> Ladder:
    labels: dict[str, Grade] = {}
    for grade, text in written.items():
        label = normalize_label(text)
        if label in labels:
            raise InvalidLadder(
                f"the label {label!r} stands in both {labels[label]} and {grade}"
            ).located(cell=grade.value)
        labels[label] = grade
    return Ladder._make(published, None, Direction.CATEGORICAL, {}, labels)


def _numeric(
    published: dict[Grade, str | None], written: dict[Grade, str], unit: str | None
) -> Ladder:
    expressions: dict[Grade, Expression] = {}
    for grade, text in written.items():
        try:
            expressions[grade] = parse_cell(text)
        except NotationError as error:
            raise error.located(cell=grade.value) from None
    ladder_unit = _ladder_unit(expressions, unit)
    # Every number in the ladder's unit, exactly; a number written bare is in the ladder's unit.
    scaled = {g: _in_unit(e, ladder_unit, g) for g, e in expressions.items()}
    tentative = _tentative_direction(scaled)
    conditions = _conditions(scaled, tentative)
    regions = _resolve(conditions, written)
    direction = _direction(regions)
    return Ladder._make(published, ladder_unit, direction, regions, {})


def _ladder_unit(expressions: Mapping[Grade, Expression], unit: str | None) -> str:
    if unit is None:
        written = (u for e in expressions.values() for c in e.clauses() for u in c.units if u)
        return next(written, "dimensionless")
    name = canonical_unit(unit)
    # The canonical cells write the unit after each number, so it must be one the cells can
    # spell: a single named unit, not a compound such as 人/天.
    if name not in UNIT_SYMBOLS and name not in unit_names():
        raise PerfscoreError(f"a ladder's unit is one named unit, not {unit!r}")
    return name


_Scaled: TypeAlias = tuple[tuple[tuple[str, Fraction, Fraction | None], ...], ...]


def _in_unit(expression: Expression, unit: str, grade: Grade) -> _Scaled:
    def convert(value: Fraction, written: str | None, clause: Clause) -> Fraction:
        if written is None:
            return value
        try:
            return value * factor(written, unit)
        except UnitMismatch as error:
            raise NotationError(
                f"{written} does not fit the ladder's unit {unit}",
                source=expression.source,
                span=clause.span,
            ).located(cell=grade.value) from error

    out = []
    for alternative in expression.alternatives:
        clauses = []
        for clause in alternative:
            low = convert(clause.low, clause.units[0], clause)
            high = None if clause.high is None else convert(clause.high, clause.units[-1], clause)
            clauses.append((clause.op, low, high))
        out.append(tuple(clauses))
    return tuple(out)


def _tentative_direction(scaled: Mapping[Grade, _Scaled]) -> Direction:
    """The direction bare numbers are read in, before the ladder exists.

    A cell that says ``<a或>b`` makes a target band. Otherwise the first number of each written
    cell, best grade first: falling means higher is better, rising means lower is better. Where
    they do not say (one cell, or equal numbers as in ``1次 / / / 1次以上``), the comparisons
    do: ``≥``/``>`` in the best cell or ``≤``/``<`` in the 差 cell lean towards higher is
    better, the mirror towards lower is better. Higher is better when nothing decides, as for
    most published indicators.
    """
    cells = list(scaled.values())
    if any(len(alternatives) > 1 for alternatives in cells):
        ops = {alt[0][0] for alternatives in cells for alt in alternatives if len(alt) == 1}
        if ops & {"<", "<="} and ops & {">", ">="}:
            return Direction.TARGET_BAND
    anchors = [alternatives[0][0][1] for alternatives in cells]
    steps = {(a > b) - (a < b) for a, b in itertools.pairwise(anchors)} - {0}
    if steps == {1}:
        return Direction.HIGHER_IS_BETTER
    if steps == {-1}:
        return Direction.LOWER_IS_BETTER
    lean = _lean(cells[0]) - (_lean(cells[-1]) if len(cells) > 1 else 0)
    return Direction.LOWER_IS_BETTER if lean < 0 else Direction.HIGHER_IS_BETTER


def _lean(cell: _Scaled) -> int:
    """+1 for each lower bound in a cell (``≥``, ``>``), -1 for each upper bound."""
    signs = {">=": 1, ">": 1, "<=": -1, "<": -1}
    return sum(signs.get(op, 0) for alternative in cell for op, _, _ in alternative)


def _conditions(scaled: Mapping[Grade, _Scaled], direction: Direction) -> dict[Grade, IntervalSet]:
    grades = list(scaled)
    conditions: dict[Grade, IntervalSet] = {}
    for index, grade in enumerate(grades):
        # The 差 cell describes what falls short, when a better cell is written beside it.
        worst = grade is Grade.POOR and index > 0
        previous_anchor = scaled[grades[index - 1]][0][0][1] if index > 0 else None
        union = IntervalSet()
        for alternative in scaled[grade]:
            meet = IntervalSet.everything()
            for op, low, high in alternative:
                if op == "bare":
                    op = _bare_meaning(direction, worst, low == previous_anchor)
                meet = meet & IntervalSet.of(_interval(op, low, high))
            union = union | meet
        conditions[grade] = union
    return conditions


def _bare_meaning(direction: Direction, worst: bool, repeats_next: bool) -> str:
    """What a number written alone means.

    Higher is better: at least the number; below it when it repeats the next better written
    cell's number (``100% 90% 85% 85%``: "at least" would add nothing there); in the 差 cell,
    at most it (``3 2 1 0``). Lower is better: the mirror. In a target band: exactly the number.
    """
    if direction is Direction.TARGET_BAND:
        return "="
    higher = direction is Direction.HIGHER_IS_BETTER
    if repeats_next:
        return "<" if higher else ">"
    if not worst:
        return ">=" if higher else "<="
    return "<=" if higher else ">="


def _interval(op: str, low: Fraction, high: Fraction | None) -> Interval:
    if op == "range":
        assert high is not None
        return Interval.closed(low, high)
    return {
        ">=": lambda: Interval.closed_open(low, INF),
        ">": lambda: Interval.open(low, INF),
        "<=": lambda: Interval.open_closed(-INF, low),
        "<": lambda: Interval.open(-INF, low),
        "=": lambda: Interval.point(low),
    }[op]()


def _resolve(
    conditions: Mapping[Grade, IntervalSet], written: Mapping[Grade, str]
) -> dict[Grade, IntervalSet]:
    """Best grade wins: each grade keeps what no better grade's condition takes."""
    taken = IntervalSet()
    regions: dict[Grade, IntervalSet] = {}
    for grade in GRADES:
        condition = conditions.get(grade)
        if condition is None:
            continue
        if not condition:
            raise InvalidLadder(f"{written[grade]!r} can never be met").located(cell=grade.value)
        if not taken and condition == IntervalSet.everything():
            raise InvalidLadder(
                f"{written[grade]!r} is met by every value: the ladder grades nothing"
            ).located(cell=grade.value)
        region = condition - taken
        if not region:
            raise InvalidLadder(
                f"{written[grade]!r} is met only by values a better grade already takes; "
                "the cells do not run in one direction"
            ).located(cell=grade.value)
        regions[grade] = region
        taken = taken | condition
    return regions


def _direction(regions: Mapping[Grade, IntervalSet]) -> Direction:
    """The direction of the built ladder: how the grades run along the number line.

    Rising grades are higher is better, falling ones lower is better, rising then falling a
    target band; anything else is not a ladder.
    """
    pieces = sorted(
        ((interval, grade) for grade, region in regions.items() for interval in region),
        key=lambda piece: (piece[0].lower, not piece[0].lower_closed),
    )
    run: list[Grade] = []
    for _, grade in pieces:
        if not run or run[-1] is not grade:
            run.append(grade)
    codes = [g.code for g in run]
    if len(set(codes)) == 1:
        return _lone_direction(run[0], regions[run[0]])
    if codes == sorted(codes):
        return Direction.HIGHER_IS_BETTER
    if codes == sorted(codes, reverse=True):
        return Direction.LOWER_IS_BETTER
    peak = codes.index(max(codes))
    if codes[: peak + 1] == sorted(codes[: peak + 1]) and codes[peak:] == sorted(
        codes[peak:], reverse=True
    ):
        return Direction.TARGET_BAND
    order = " → ".join(str(g) for g in run)
    raise InvalidLadder(f"the grades do not run in one direction: along the scale they go {order}")


def _lone_direction(grade: Grade, region: IntervalSet) -> Direction:
    """The direction of a ladder with one reachable grade.

    The values it takes are better than the rest (worse, when the grade is 差): a ray up is
    higher is better, a ray down lower is better, one bounded interval a target band.
    """
    rises = math.isinf(region.intervals[-1].upper)
    falls = math.isinf(region.intervals[0].lower)
    if rises != falls:
        return (
            Direction.HIGHER_IS_BETTER
            if rises != (grade is Grade.POOR)
            else Direction.LOWER_IS_BETTER
        )
    if len(region) == 1 and not rises and grade is not Grade.POOR:
        return Direction.TARGET_BAND
    return Direction.HIGHER_IS_BETTER


class Ladder:
    """An indicator's grades as a function of its measured value.

    Build one with :func:`parse_ladder`. Ladders are immutable; equal ladders (the same grade for
    every value, in the same unit) compare and hash equal, whatever their published spelling.
    ``str()`` and :meth:`to_cells` give the canonical spelling, which parses back to an equal
    ladder.
    """

    __slots__ = ("_compiled", "_direction", "_hash", "_labels", "_published", "_regions", "_unit")

    _unit: str | None
    _direction: Direction
    _published: dict[Grade, str | None]
    _regions: dict[Grade, IntervalSet]
    _labels: dict[str, Grade]
    _compiled: CompiledLadder
    _hash: int

    @classmethod
    def _make(
        cls,
        published: Mapping[Grade, str | None],
        unit: str | None,
        direction: Direction,
        regions: Mapping[Grade, IntervalSet],
        labels: Mapping[str, Grade],
    ) -> Ladder:
        self = cls.__new__(cls)
        self._published = dict(published)
        self._unit = unit
        self._direction = direction
        self._regions = dict(regions)
        self._labels = dict(labels)
        self._compiled = _compile(self._regions, self._labels, categorical=unit is None)
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
        """The array form both :meth:`grade` and batch grading use."""
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
        """The values an indicator in this unit can take: ``[0, ∞)`` for counts and percent."""
        if self.unit is not None and (self.unit == "percent" or is_counted(self.unit)):
            return IntervalSet.of(Interval.closed_open(Fraction(0), INF))
        return IntervalSet.everything()

    @property
    def counted(self) -> bool:
        """Whether values count things (人, 次, 种 …): whole numbers, never negative."""
        return self.unit is not None and is_counted(self.unit)

    # -- grading ---------------------------------------------------------------------------

    def grade(self, value: object) -> Grade:
        """The grade ``value`` gets: the best grade whose cell it meets.

        ``value`` is a number in the ladder's unit, a string with or without its unit
        (``"84%"``, ``"499 人"``), a pint quantity, or, for a qualitative ladder, a label.
        Raises :class:`~perfscore.errors.UncoveredValue` when no grade covers the value and
        :class:`~perfscore.errors.UnitMismatch` when its unit does not fit.
        """
        code = self.code(value)
        if code < 0:
            shown = value if isinstance(value, str) else _show(value)
            if self.categorical:
                known = ", ".join(self._labels)
                raise UncoveredValue(
                    f"{shown!r} is not one of this ladder's labels ({known})", value=str(value)
                )
            gaps = self.gaps(IntervalSet.everything())
            raise UncoveredValue(
                f"no grade covers {shown} (this ladder leaves {gaps} {self.unit} without a grade)",
                value=str(shown),
            )
        return Grade.from_code(code)

    def code(self, value: object) -> int:
        """Like :meth:`grade`, as a code: 3 优 … 0 差, -2 where no grade covers the value."""
        if self.categorical:
            if not isinstance(value, str):
                raise PerfscoreError(f"a qualitative ladder grades labels, not {_show(value)}")
            return self._compiled.code_label(normalize_label(value))
        assert self.unit is not None
        magnitude = read_value(value, self.unit)
        if self.counted:
            _check_count(magnitude, self.unit)
        return self._compiled.code(magnitude)

    def grade_array(self, values: Any, *, unit: str | None = None) -> npt.NDArray[np.int8]:
        """Grade codes (3 优 … 0 差, -1 missing, -2 not graded) for an array of values.

        Numbers are in ``unit`` (default: the ladder's); the thresholds are converted into it
        once. Labels for a qualitative ladder. A value :meth:`grade` refuses gets -2 here
        rather than an error: one no grade covers, an infinite one, and for a counted unit
        (人, 次 …) a negative or fractional count, as
        :meth:`LadderBook.grade <perfscore.LadderBook.grade>` gives with ``errors="coerce"``.

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
            numbers = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise PerfscoreError(f"expected numbers: {exc}") from None
        scale = factor(self.unit, unit) if unit is not None else Fraction(1)
        bounds = self._compiled.bounds(scale)
        positions = np.searchsorted(bounds, numbers, side="right")
        codes = np.asarray(self._compiled.codes, dtype=np.int8)[positions]
        codes[np.isinf(numbers)] = UNCOVERED
        if self.counted:
            # Counted units have no multiples in the registry: a count in ``unit`` is one in
            # the ladder's, so the values are checked as given.
            with np.errstate(invalid="ignore"):
                broken = (numbers < 0) | (np.floor(numbers) != numbers)
            codes[broken & np.isfinite(numbers)] = UNCOVERED
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
            simpler = _bounds(widened) < _bounds(region) and widened != IntervalSet.everything()
            cells[grade] = _spell(widened if simpler else region, self.unit)
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


def _bounds(region: IntervalSet) -> int:
    """How many comparisons it takes to write ``region``."""
    return sum(
        1 if i.lower == i.upper else (not math.isinf(i.lower)) + (not math.isinf(i.upper))
        for i in region
    )


def _spell(region: IntervalSet, unit: str) -> str:
    def number(x: Fraction | float) -> str:
        return _written(Fraction(x), unit)

    def interval(i: Interval) -> str:
        if i.lower == i.upper:
            return f"={number(i.lower)}"
        parts = []
        if not math.isinf(i.lower):
            parts.append(f"{'≥' if i.lower_closed else '>'}{number(i.lower)}")
        if not math.isinf(i.upper):
            parts.append(f"{'≤' if i.upper_closed else '<'}{number(i.upper)}")
        return "和".join(parts)

    return "或".join(interval(i) for i in region)


def _written(value: Fraction, unit: str) -> str:
    """``value`` (in ``unit``) as the notation writes a number: a decimal with its unit.

    A threshold read from a cell in another unit may have no decimal in the ladder's own
    (``≥1天`` in a 周 ladder is 1/7 周); it is then written in a unit of the same kind that has one.
    """
    text = format_number(value)
    if "/" in text:
        for other in _relatives(unit):
            scaled = format_number(value * factor(unit, other))
            if "/" not in scaled:
                return f"{scaled}{UNIT_SYMBOLS.get(other, other)}"
    return f"{text}{UNIT_SYMBOLS.get(unit, unit)}"


@functools.cache
def _relatives(unit: str) -> tuple[str, ...]:
    """The units a magnitude in ``unit`` converts into, by name."""
    out = set()
    for name in unit_names():
        other = canonical_unit(name)
        try:
            factor(unit, other)
        except UnitMismatch:
            continue
        out.add(other)
    out.discard(unit)
    return tuple(sorted(out))


def _compile(
    regions: Mapping[Grade, IntervalSet], labels: Mapping[str, Grade], *, categorical: bool
) -> CompiledLadder:
    if categorical:
        return CompiledLadder(labels={label: g.code for label, g in labels.items()})
    covered = IntervalSet()
    for region in regions.values():
        covered = covered | region

    def code_at(x: Fraction) -> int:
        for grade, region in regions.items():
            if x in region:
                return grade.code
        return UNCOVERED

    points = sorted({p for r in regions.values() for p in r.endpoints()})
    cuts: list[tuple[Fraction, bool]] = []
    codes: list[int] = [code_at(points[0] - 1) if points else UNCOVERED]
    if not points:  # one grade over the whole line
        return CompiledLadder(cuts=(), codes=(code_at(Fraction(0)),))
    for index, point in enumerate(points):
        after = points[index + 1] if index + 1 < len(points) else point + 2
        for strict, sample in ((False, point), (True, (point + after) / 2)):
            code = code_at(sample)
            if code != codes[-1]:
                cuts.append((point, strict))
                codes.append(code)
    return CompiledLadder(cuts=tuple(cuts), codes=tuple(codes))


# -- reading values ------------------------------------------------------------------------


def read_value(value: object, unit: str) -> Fraction:
    """``value`` as an exact magnitude in ``unit``.

    Numbers are read in ``unit``; a float stands for the decimal it prints as (``0.83`` is
    83/100, not the binary fraction nearest it). Strings may carry a unit (``"84%"``); pint
    quantities are converted exactly.

    >>> read_value("84%", "dimensionless"), read_value(0.83, "percent")
    (Fraction(21, 25), Fraction(83, 100))
    >>> from perfscore import ureg
    >>> read_value(ureg.Quantity(1_000_000, "元"), "万元")
    Fraction(100, 1)
    """
    magnitude, written = _magnitude(value)
    if written is None:
        return magnitude
    try:
        return magnitude * factor(written, unit)
    except UnitMismatch:
        raise
    except PerfscoreError:  # a quantity from another registry, in a unit perfscore lacks
        raise UnitMismatch(
            f"a value in {written} cannot be read as {unit}", value_unit=written, ladder_unit=unit
        ) from None


def _magnitude(value: object) -> tuple[Fraction, str | None]:
    if isinstance(value, bool) or value is None:
        raise PerfscoreError(f"expected a number, got {value!r}")
    if isinstance(value, str):
        if not value.strip():
            raise PerfscoreError("expected a number, got an empty text")
        return parse_quantity(value)
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        magnitude, _ = _magnitude(value.magnitude)
        return magnitude, str(value.units)
    if isinstance(value, Fraction):
        return value, None
    if isinstance(value, Integral):
        return Fraction(int(value)), None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PerfscoreError(f"expected a finite number, got {value}")
        return Fraction(value), None
    if isinstance(value, Real | np.floating):
        number = float(value)
        if not math.isfinite(number):
            raise PerfscoreError(f"expected a finite number, got {number}")
        return Fraction(repr(number)), None
    raise PerfscoreError(f"expected a number, got {type(value).__name__} {value!r}")


def _check_count(magnitude: Fraction, unit: str) -> None:
    if magnitude < 0:
        raise PerfscoreError(f"a count of {unit} cannot be negative: {_show(magnitude)}")
    if magnitude.denominator != 1:
        raise PerfscoreError(f"a count of {unit} is a whole number, not {_show(magnitude)}")


def _show(value: object) -> str:
    if isinstance(value, Fraction):
        return format_number(value)
    return repr(value) if isinstance(value, str) else str(value)
