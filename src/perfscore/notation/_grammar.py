"""The grammar of a grading cell (评价标准), and its parser.

A published cell is read into an [Expression][perfscore.notation.Expression]: alternatives (或) of
conjunctions (和) of clauses, each clause a comparison with a number, a range, or a bare number.
What a bare number means (at least, at most, exactly) depends on the whole ladder's direction, so it
is kept as written here and settled in [perfscore.ladders][perfscore.ladders].

The grammar, in EBNF (tokens in capitals are listed in ``_tokenizer``)::

    cell        = alternative , { OR , alternative } ;
    alternative = clause , { AND , clause } ;
    clause      = [ OP | PREFIX ] , bound , [ SUFFIX ] ;
    bound       = quantity , [ ( RANGE | DASH ) , quantity ] ;
    quantity    = [ DASH ] , NUMBER , [ UNIT ] ;

>>> expr = parse_cell("≥85%和≤100%")
>>> [(c.op, str(c.low), c.units) for c in expr.alternatives[0]]
[('>=', '85', ('percent',)), ('<=', '100', ('percent',))]
>>> parse_cell("≥ 400- 499 人").alternatives[0][0].op
'range'
>>> parse_cell("95%以上").alternatives[0][0].op
'>='
>>> parse_cell("1次").alternatives[0][0].op
'bare'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from perfscore.errors import NotationError
from perfscore.units import canonical_unit

from ._tokenizer import Kind, Token, tokenize

__all__ = ["Clause", "Expression", "parse_cell", "parse_quantity", "unexpected"]


@dataclass(frozen=True, slots=True)
class Clause:
    """One comparison in a cell: ``op`` with ``low`` (and ``high`` for a range).

    ``units`` holds the canonical unit written after each number (``None`` where the cell left
    it out); the ladder reads unit-less numbers in its own unit.
    """

    op: str
    low: Fraction
    high: Fraction | None
    units: tuple[str | None, ...]
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed cell: a disjunction (或) of conjunctions (和) of clauses."""

    source: str
    alternatives: tuple[tuple[Clause, ...], ...]

    def clauses(self) -> Iterator[Clause]:
        for alternative in self.alternatives:
            yield from alternative

    @property
    def anchor(self) -> Fraction:
        """The first number written in the cell: what direction inference compares."""
        return self.alternatives[0][0].low


def parse_cell(source: str) -> Expression:
    """Parse one grading cell.

    Raises [NotationError][perfscore.errors.NotationError] with the source and a caret under the
    fault.
    """
    return _Parser(source).cell()


def parse_quantity(source: str) -> tuple[Fraction, str | None]:
    """Parse a value written with an optional unit (``"84%"``, ``"499 人"``, ``"-3.5"``).

    Returns the exact magnitude and the canonical unit (``None`` when none is written).

    >>> parse_quantity("84%")
    (Fraction(84, 1), 'percent')
    >>> parse_quantity(" 1,000,000 元 ")
    (Fraction(1000000, 1), '元')
    """
    parser = _Parser(source)
    value, unit, _ = parser.quantity()
    parser.expect(Kind.END)
    return value, unit


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = list(tokenize(source))
        self.pos = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def take(self, *kinds: Kind) -> Token | None:
        if self.token.kind in kinds:
            token = self.token
            self.pos += 1
            return token
        return None

    def expect(self, kind: Kind, what: str | None = None) -> Token:
        token = self.take(kind)
        if token is None:
            raise self.error(f"expected {what or kind.value}")
        return token

    def error(self, reason: str, span: tuple[int, int] | None = None) -> NotationError:
        if span is None:
            return unexpected(self.source, self.token, reason)
        return NotationError(reason, source=self.source, span=span)

    def written(self, token: Token) -> str:
        """A token as the source spells it (before folding)."""
        return self.source[token.start : token.end]

    def cell(self) -> Expression:
        """cell = alternative , { OR , alternative } ;"""
        if self.token.kind is Kind.END:
            raise self.error("expected a comparison or a number")
        alternatives = [self.alternative()]
        while self.take(Kind.OR):
            alternatives.append(self.alternative())
        if self.tokens[self.pos].kind is not Kind.END:
            raise self.error("expected 和, 或 or the end of the cell")
        return Expression(self.source, tuple(alternatives))

    def alternative(self) -> tuple[Clause, ...]:
        """alternative = clause , { AND , clause } ;"""
        clauses = [self.clause()]
        while self.take(Kind.AND):
            clauses.append(self.clause())
        return tuple(clauses)

    def clause(self) -> Clause:
        """clause = [ OP | PREFIX ] , bound , [ SUFFIX ] ;"""
        start = self.token.start
        before = self.take(Kind.OP, Kind.PREFIX)
        low, high, units = self.bound()
        after = self.take(Kind.SUFFIX)
        span = (start, self.tokens[self.pos - 1].end)
        if before and after:
            raise self.error(
                f"two comparisons for one number ({self.written(before)} and "
                f"{self.written(after)})",
                span,
            )
        comparison = before or after
        if high is not None:
            if comparison is not None and comparison.meaning not in (">=", "="):
                raise self.error(
                    f"a range cannot be combined with {self.written(comparison)}",
                    (comparison.start, comparison.end),
                )
            if high < low:
                raise self.error("the range runs backwards", span)
            return Clause("range", low, high, units, span)
        op = comparison.meaning if comparison else "bare"
        return Clause(op, low, None, units, span)

    def bound(self) -> tuple[Fraction, Fraction | None, tuple[str | None, ...]]:
        """bound = quantity , [ ( RANGE | DASH ) , quantity ] ;"""
        low, low_unit, _ = self.quantity()
        if not self.take(Kind.RANGE, Kind.DASH):
            return low, None, (low_unit,)
        high, high_unit, span = self.quantity()
        if low_unit and high_unit and low_unit != high_unit:
            raise self.error(f"a range from {low_unit} to {high_unit}", span)
        unit = low_unit or high_unit  # 60-80% : the unit after the range covers both ends
        return low, high, (unit, unit)

    def quantity(self) -> tuple[Fraction, str | None, tuple[int, int]]:
        """quantity = [ DASH ] , NUMBER , [ UNIT ] ;"""
        start = self.token.start
        minus = self.take(Kind.DASH)
        number = self.expect(Kind.NUMBER, "a number")
        try:
            value = Fraction(number.text.replace(",", ""))
        except ValueError:  # Python reads at most 4300 digits of an integer from text
            raise self.error(
                "a number of more than 4300 digits", (number.start, number.end)
            ) from None
        if minus:
            value = -value
        unit_token = self.take(Kind.UNIT)
        unit = canonical_unit(unit_token.text) if unit_token else None
        return value, unit, (start, self.tokens[self.pos - 1].end)


def unexpected(source: str, token: Token, reason: str) -> NotationError:
    """The error for ``token`` where a cell's grammar wanted something else: ``reason``, what was
    found instead, and a caret under it (the end of the cell when nothing was left).

    >>> from perfscore.notation._tokenizer import tokenize
    >>> print(unexpected("≥", list(tokenize("≥"))[-1], "expected a number").reason)
    expected a number, found the end of the cell
    """
    if token.kind is Kind.END:
        span = (len(source), len(source) + 1)
        reason += ", found the end of the cell"
    else:
        span = (token.start, token.end)
        reason += f", found {source[token.start : token.end]!r}"
    return NotationError(reason, source=source, span=span)
