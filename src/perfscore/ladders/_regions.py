"""Reading grading cells into regions (评价标准 → 区间): the meaning of a published ladder.

Each grade's cell becomes the part of the number line it takes: bare numbers read by the ladder's
direction, best grade first, contradictions refused with the cell that causes them.
[parse_ladder][perfscore.ladders.parse_ladder] builds a [Ladder][perfscore.ladders.Ladder] from what
[read_regions][perfscore.ladders._regions.read_regions] finds;
[spell_region][perfscore.ladders._regions.spell_region] writes a region back as cell text (the
canonical spelling of ``str(ladder)``).

>>> from perfscore.intervals import IntervalSet, Interval
>>> from fractions import Fraction
>>> spell_region(IntervalSet.of(Interval.closed_open(Fraction(90), Fraction(100))), "percent")
'≥90%和<100%'
"""

from __future__ import annotations

import enum
import functools
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, TypeAlias

from perfscore.errors import InvalidLadder, NotationError, PerfscoreError, UnitMismatch
from perfscore.grades import GRADES, Grade
from perfscore.intervals import INF, Interval, IntervalSet, format_number
from perfscore.notation._grammar import Clause, Expression, parse_cell
from perfscore.notation._labels import simplified
from perfscore.notation._tokenizer import fold
from perfscore.units import UNIT_SYMBOLS, canonical_unit, factor, unit_names

__all__ = [
    "Cells",
    "Direction",
    "Regions",
    "normalize_label",
    "read_regions",
    "read_row",
    "region_bounds",
    "spell_region",
]

#: Grading cells as published: a grade (or 优/良/中/差) to its cell text, None for a blank cell.
Cells: TypeAlias = Mapping[Grade, str | None] | Mapping[str, str | None]

# A cell with any of these (after folding full-width forms) is notation, never a label.
_NOTATION_MARKS: Final = frozenset("0123456789<>=≥≤≧≦%‰")


def _is_notation(text: str) -> bool:
    """Whether a cell is written in the notation (not a qualitative label): a comparison, a
    percent sign or a digit, including a digit the notation refuses (², ①, ٣), so that it is
    named under a caret rather than taken for a label."""
    return bool(_NOTATION_MARKS & set(fold(text))) or any(ch.isdigit() for ch in text)


class Direction(enum.Enum):
    """Which values a ladder rewards."""

    HIGHER_IS_BETTER = "higher is better"
    LOWER_IS_BETTER = "lower is better"
    TARGET_BAND = "target band"
    CATEGORICAL = "categorical"


def normalize_label(text: str) -> str:
    """The form labels are compared in: full-width folded, all white space removed, traditional
    characters simplified (see [simplified][perfscore.notation.simplified]).

    >>> normalize_label(" 能完整的 实施 "), normalize_label("應保盡保")
    ('能完整的实施', '应保尽保')
    """
    return simplified(text)


#: What a blank cell is written as in a one-line row: nothing, a dash, or 空.
BLANK_CELLS: Final = frozenset({"", "-", "—", "–", "空"})


def read_row(text: str) -> dict[Grade, str | None]:
    """A ladder's cells from one line: ``str(ladder)`` (``优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%``)
    or the four cells 优 / 良 / 中 / 差 separated by ``/`` (``100% / ≥90% / ≥80% / <80%``).
    A blank cell is written as nothing, ``-``, ``—`` or ``空``.

    >>> read_row("100% / ≥90% / - / <80%")[Grade.FAIR] is None
    True
    >>> read_row("优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%")[Grade.GOOD]
    '≥90%'
    """
    if not isinstance(text, str):
        raise TypeError(f"a row of cells is text, not {type(text).__name__}")
    if "|" in text:
        cells: dict[Grade, str | None] = dict.fromkeys(GRADES)
        named: set[Grade] = set()
        for part in text.split("|"):
            grade_text, _, cell = part.strip().partition(" ")
            try:
                grade = Grade(grade_text)
            except ValueError:
                raise PerfscoreError(
                    f"each part of a ladder written with '|' starts with its grade 优, 良, 中 or "
                    f"差, not {part.strip()!r}"
                ) from None
            if grade in named:
                raise PerfscoreError(f"the grade {grade} is written twice in {text!r}")
            named.add(grade)
            cell = cell.strip()
            cells[grade] = None if cell in BLANK_CELLS else cell
        return cells
    parts = [c.strip() for c in text.split("/")]
    if len(parts) != len(GRADES):
        raise PerfscoreError(
            f"a ladder is four cells 优 / 良 / 中 / 差 separated by '/', got {len(parts)}: {text!r}"
        )
    return {g: (None if c in BLANK_CELLS else c) for g, c in zip(GRADES, parts, strict=True)}


@dataclass(frozen=True)
class Regions:
    """What a ladder's cells say: each grade's region (or, for a qualitative ladder, labels)."""

    #: The cells as published (blank cells as ``None``).
    published: Mapping[Grade, str | None]
    #: The ladder's unit; ``None`` for a qualitative ladder.
    unit: str | None
    direction: Direction
    regions: Mapping[Grade, IntervalSet]
    #: A qualitative ladder's labels (normalised) and their grades.
    labels: Mapping[str, Grade]


def read_regions(cells: Cells | str, unit: str | None = None) -> Regions:
    """Read published grading cells into each grade's region of the number line (or labels).

    This is what [parse_ladder][perfscore.ladders.parse_ladder] does before it builds the
    [Ladder][perfscore.ladders.Ladder]; it raises the same errors.

    >>> read = read_regions({"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
    >>> read.unit, read.direction, str(read.regions[Grade.GOOD])
    ('percent', <Direction.HIGHER_IS_BETTER: 'higher is better'>, '[90, 100)')
    """
    published = _normalize_cells(read_row(cells) if isinstance(cells, str) else cells)
    written = {g: text for g, text in published.items() if text is not None and text.strip()}
    if not written:
        raise InvalidLadder("every cell is blank: no grade can be reached")
    if not any(_is_notation(text) for text in written.values()):
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


def _categorical(published: dict[Grade, str | None], written: dict[Grade, str]) -> Regions:
    labels: dict[str, Grade] = {}
    for grade, text in written.items():
        label = normalize_label(text)
        if label in labels:
            raise InvalidLadder(
                f"the label {label!r} stands in both {labels[label]} and {grade}"
            ).located(cell=grade.value)
        labels[label] = grade
    return Regions(published, None, Direction.CATEGORICAL, {}, labels)


def _numeric(
    published: dict[Grade, str | None], written: dict[Grade, str], unit: str | None
) -> Regions:
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
    return Regions(published, ladder_unit, direction, regions, {})


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
        meets: list[Interval] = []
        for alternative in scaled[grade]:
            meet = IntervalSet.everything()
            for op, low, high in alternative:
                if op == "bare":
                    op = _bare_meaning(direction, worst, low == previous_anchor)
                meet = meet & IntervalSet.of(_interval(op, low, high))
            meets.extend(meet)
        # One union of every alternative (not one per alternative): 2,000 或 stay linear.
        conditions[grade] = IntervalSet(meets)
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


def region_bounds(region: IntervalSet) -> int:
    """How many comparisons it takes to write ``region``."""
    return sum(
        1 if i.lower == i.upper else (not math.isinf(i.lower)) + (not math.isinf(i.upper))
        for i in region
    )


def spell_region(region: IntervalSet, unit: str) -> str:
    """``region`` as cell text in ``unit``: comparisons joined by 和, pieces by 或."""

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
