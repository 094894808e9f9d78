"""Targets (指标值): the one target cell of a goal or self-evaluation table, read as a Target.

Since the Ministry of Finance's 2020 rules (财预〔2020〕10号) most published tables give each
indicator one target instead of a four-cell ladder. A target is a comparison with a number and a
unit (``≥95%``, ``≤90万元``), a bare number (read as "at least", or "at most" for a 反向
indicator), a deadline (``9月前``), a period (``2023.07-2024.01``) or a qualitative text
(``效果明显``). The tokens are the ladder notation's ([perfscore.notation][]), so every
operator spelling, inclusive word and unit the ladders read, targets read too.

The grammar, in EBNF (tokens in capitals are the ladder notation's; WORD is a run of letters no
other token starts, such as a count word the unit registry does not know: 亩, 只, 例)::

    target     = deadline | period | comparison | qualitative ;
    deadline   = [ YEAR "年" ] , ( MONTH "月" [ DAY ( "日" | "号" ) | "底" | "末" ]
                 | "年底" | "年末" ) , ( "前" | "之前" | "以前" ) , [ "完成" ] ;
    period     = date , ( "-" | "~" | "至" | "—" ) , date ;
    comparison = [ OP | PREFIX ] , quantity , [ SUFFIX ] ;
    quantity   = [ DASH ] , NUMBER , [ "万" | "亿" ] , [ UNIT | WORD ] ;
    qualitative = any text without a digit ;

A UNIT may be compound (``元/亩``, ``万元/公里``, ``元/人·年``): a price or a rate, converted
exactly.

>>> t = parse_target("≥ 95 %")
>>> t.op, t.value, t.unit, str(t)
('≥', Fraction(95, 1), 'percent', '≥95%')
>>> parse_target("2200篇"), parse_target("29.5亩").unit
(<Target('≥2200个')>, '亩')
>>> parse_target("0起", direction="反向")
<Target('≤0次')>
>>> parse_target("9月前"), parse_target("2023.07-2024.01").form
(<Target('9月底前')>, 'period')
>>> parse_target("90万", unit="元")
<Target('≥90万元')>
>>> Target.from_cells("≥", "95", "%") == parse_target("≥95%")
True
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final, Literal

from perfscore.errors import NotationError, PerfscoreError
from perfscore.intervals import format_number
from perfscore.units import canonical_unit, factor, is_counted, unit_text, ureg

from ._advice import advised
from ._dates import When, read_dates
from ._grammar import unexpected
from ._tokenizer import MAX_CELL_LENGTH, Kind, Token, fold, tokenize

__all__ = [
    "DIRECTIONS",
    "OPS",
    "Direction",
    "Target",
    "parse_target",
    "reload_units",
    "target_unit",
    "unit_symbol",
]

#: The comparisons a target makes (指标性质).
OPS: Final = ("≥", "≤", "=", "定性")

#: 指标方向性: 正向 (higher is better) or 反向 (lower is better).
Direction = Literal["正向", "反向"]
#: The values of ``Direction``, 正向 first, as a table file writes them.
DIRECTIONS: Final[tuple[str, ...]] = ("正向", "反向")

Form = Literal["number", "deadline", "period", "qualitative"]

_MEANING: Final[dict[str, tuple[str, bool]]] = {
    ">=": ("≥", False),
    ">": ("≥", True),
    "<=": ("≤", False),
    "<": ("≤", True),
    "=": ("=", False),
}
_MULTIPLIERS: Final[dict[str, int]] = {
    "万": 10_000,
    "萬": 10_000,
    "亿": 100_000_000,
    "億": 100_000_000,
}
# A count word the registry does not know is a unit of its own kind only when it is short and
# written in Chinese: a longer run after a number is more likely prose than a unit.
_LONGEST_WORD: Final = 4

# A step deduction after a target (每降低1%扣0.5分, 每少1人扣1分, 扣完为止).
_STEP: Final = re.compile(
    r"每(?:降低|减少|下降|低于|少|超过|超出|增加|多|差|偏离|延迟|推迟)?(?P<n>\d+(?:\.\d+)?)"
    r"(?P<u>个百分点|%|‰|[^\d扣,，]{0,3}?)扣(?:减)?(?P<p>\d+(?:\.\d+)?)分(?:[,，;；]?扣完为止)?$"
)
# A tolerance (±10%, 100%±5%, 1000±50人): met within it.
_TOLERANCE: Final = re.compile(r"^(?P<c>[^±]*?\d[^±]*?)?(?:±|\+-|\+/-)(?P<t>\d.*)$")
# A unit written again in brackets after the number (≥98%(百分比), 500（人）).
_BRACKETED_UNIT: Final = re.compile(
    r"^(?P<rest>.*\d[^()（）]*?)\s*[(（](?P<unit>[^()（）]{1,8})[)）]$"
)


@dataclass(frozen=True, eq=False)
class Target:
    """One indicator's target (指标值): a comparison, a deadline, a period or a text.

    ``op`` is ``≥``, ``≤``, ``=`` or ``定性``; ``value`` the exact number (``None`` for the other
    forms); ``unit`` its canonical unit (``percent``, ``人``, ``万元``, a count word such as
    ``亩``; ``None`` for a plain number); ``text`` the published cell, verbatim. ``strict`` marks
    a comparison that excludes its number (``>``, 超过); ``written`` is false for a bare number,
    whose comparison comes from the direction. ``str()`` is a canonical spelling that parses back
    to an equal target; equality and hashing use it.
    """

    op: str
    value: Fraction | None
    unit: str | None
    text: str
    form: Form = "number"
    strict: bool = False
    written: bool = True
    dates: tuple[When, ...] = field(default=())
    #: ``±N``: the most the result may depart from ``value`` (0 for ``±10%`` alone) and meet it.
    tolerance: Fraction | None = None
    #: ``每降低1%扣0.5分``: (the step, in the target's unit; the points each whole step short
    #: takes off the 分值), a row's own rule in place of 分值 × actual / target.
    step: tuple[Fraction, Fraction] | None = None

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def from_cells(
        cls,
        op: str | None,
        value: str | int | float | None,
        unit: str | None = None,
        *,
        direction: Direction | None = None,
    ) -> Target:
        """A target from the three cells of a 申报表: 指标性质, 指标值 and 度量单位.

        指标性质 ``定量`` (quantitative) or blank leaves the comparison to the value cell; one
        that repeats the value cell's own comparison is taken once, one that contradicts it is
        refused.

        >>> Target.from_cells("≥", "95", "%"), Target.from_cells("定性", "效果明显")
        (<Target('≥95%')>, <Target('效果明显')>)
        >>> Target.from_cells("定量", "≥95", "%"), Target.from_cells("≥", "≥95%")
        (<Target('≥95%')>, <Target('≥95%')>)
        """
        text = "" if value is None else str(value).strip()
        nature = "" if op is None else fold(op).strip()
        if nature == "定性":
            if not text:
                raise NotationError("a qualitative target needs its text", source=text, span=(0, 1))
            return cls("定性", None, None, text, form="qualitative")
        if nature in ("", "定量"):
            return parse_target(text, unit, direction=direction)
        alone = _comparison_of(text)
        if alone is not None:
            said = _comparison_of(f"{nature}0")
            if said != alone:
                raise NotationError(
                    f"指标性质 says {op.strip() if op else ''} but the target says otherwise",
                    source=text, span=(0, len(text)),
                )  # fmt: skip
            return parse_target(text, unit, direction=direction)
        return parse_target(f"{nature}{text}", unit, direction=direction)

    # -- meaning ----------------------------------------------------------------------------

    @property
    def direction(self) -> Direction | None:
        """正向 for ≥, 反向 for ≤ and deadlines, ``None`` for = and qualitative targets."""
        if self.form == "deadline" or self.op == "≤":
            return "反向"
        if self.op == "≥":
            return "正向"
        return None

    @property
    def qualitative(self) -> bool:
        return self.form == "qualitative"

    def meets(self, actual: Fraction) -> bool:
        """Whether a number (in the target's `unit`) meets a numeric target.

        >>> parse_target("≥90%").meets(Fraction(90)), parse_target(">90%").meets(Fraction(90))
        (True, False)
        """
        if self.value is None:
            raise PerfscoreError(f"the target {self} is not a number")
        if self.tolerance is not None:
            return abs(actual - self.value) <= self.tolerance
        if self.op == "≤":
            return actual < self.value if self.strict else actual <= self.value
        if self.op == "=" and self.value == 0:
            return actual == 0
        return actual > self.value if self.strict else actual >= self.value

    # -- text -------------------------------------------------------------------------------

    def __str__(self) -> str:
        if self.form == "qualitative":
            return _normal_text(self.text)
        if self.form == "deadline":
            when = self.dates[0]
            if when.day is None:
                return f"{when}底前"
            return f"{when}前"
        if self.form == "period":
            return f"{self.dates[0].dotted()}-{self.dates[1].dotted()}"
        assert self.value is not None
        symbol = unit_symbol(self.unit)
        if self.tolerance is not None:
            center = format_number(self.value) + symbol if self.value else ""
            return f"{center}±{format_number(self.tolerance)}{symbol}"
        op = {"≥": ">", "≤": "<"}.get(self.op, self.op) if self.strict else self.op
        text = f"{op}{format_number(self.value)}{symbol}"
        if self.step is not None:
            size, points = self.step
            text += f",每差{format_number(size)}{symbol}扣{format_number(points)}分"
        return text

    def __repr__(self) -> str:
        return f"<Target({str(self)!r})>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Target):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def _comparison_of(text: str) -> tuple[str, bool] | None:
    """The comparison a cell writes (op, strict), or ``None`` when it writes none or no number."""
    try:
        target = parse_target(text)
    except PerfscoreError:
        return None
    if target.form != "number" or not target.written:
        return None
    return target.op, target.strict


def unit_symbol(unit: str | None) -> str:
    """How a unit is written after a number in canonical text (``%``, ``‰``, ``人``, ``亩``,
    ``人/年``): [unit_text][perfscore.units.unit_text]."""
    return unit_text(unit)


def _normal_text(text: str) -> str:
    return "".join(fold(unicodedata.normalize("NFC", text)).split())


def target_unit(name: str | None) -> str | None:
    """The canonical name of a target's unit: the registry's, or a count word of its own.

    ``None``, ``""`` and plain numbers are ``None``; a short Chinese word the registry does not
    know (亩, 只, 例) is kept as it is, a unit of its own kind.

    >>> target_unit("%"), target_unit("百分比"), target_unit("亩"), target_unit(None)
    ('percent', 'percent', '亩', None)
    """
    if name is None or not str(name).strip():
        return None
    text = fold(str(name)).strip()
    try:
        unit = canonical_unit(text)
    except PerfscoreError:
        if _is_word(text):
            return text
        raise
    return None if unit == "dimensionless" else unit


def _is_word(text: str) -> bool:
    return 0 < len(text) <= _LONGEST_WORD and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def same_kind(a: str | None, b: str | None) -> bool:
    """Whether numbers in units ``a`` and ``b`` convert into one another."""
    if a == b:
        return True
    try:
        factor(a, b)
    except PerfscoreError:
        return False
    return True


def convert(value: Fraction, source: str | None, target: str | None) -> Fraction:
    """``value`` in ``source`` as a number in ``target`` (units of
    [target_unit][perfscore.notation.target_unit])."""
    if source == target:
        return value
    return value * factor(source, target)


def parse_target(
    text: str, unit: str | None = None, *, direction: Direction | None = None
) -> Target:
    """Read one published target cell (指标值).

    ``unit`` is the indicator's 度量单位 when the cell does not carry it (a number written
    without a unit is in it; ``万`` alone is 万 of it, so 万元 for money); ``direction`` (正向 or
    反向) says what a bare number means: at least (the default) or at most.

    Raises [NotationError][perfscore.errors.NotationError] with a caret under the fault, and
    ``TypeError`` for a cell that is not text.

    >>> parse_target("不少于12 种"), parse_target("98%以上"), parse_target("═ 100 %")
    (<Target('≥12种')>, <Target('≥98%')>, <Target('=100%')>)
    >>> parse_target("≥400-499人")
    Traceback (most recent call last):
      ...
    perfscore.errors.NotationError: a target is one number, not a range (a band is graded by a \
ladder), found '-'
        ≥400-499人
            ^
    """
    if not isinstance(text, str):
        raise TypeError(f"a target is text, not {type(text).__name__}")
    if direction is not None and direction not in DIRECTIONS:
        raise PerfscoreError(f"a direction is 正向 or 反向, not {direction!r}")
    if unit is not None and not isinstance(unit, str):
        raise TypeError(f"a unit is text, not {type(unit).__name__}")
    return _parse(text, unit, direction)


@functools.lru_cache(maxsize=8192)
def _parse(text: str, unit: str | None, direction: Direction | None) -> Target:
    # Targets are immutable and tables repeat their cells (≥95%, 100%): each is read once.
    if not text.strip():
        raise NotationError("an empty target", source=text, span=(0, max(len(text), 1)))
    if len(text) > MAX_CELL_LENGTH:  # the cap cells have, for qualitative targets too
        raise NotationError(
            f"a cell of {len(text):,} characters (at most {MAX_CELL_LENGTH:,} are read)",
            source=text,
            span=(MAX_CELL_LENGTH, len(text)),
        )
    compact = "".join(fold(text).split())
    dated = _dated(text, compact)
    if dated is not None:
        return dated
    bracketed = _BRACKETED_UNIT.match(compact)
    if bracketed is not None:
        return _bracketed(text, bracketed["rest"], bracketed["unit"], unit, direction)
    ruled = _STEP.search(compact)
    if ruled is not None and ruled.start() > 0:
        return _stepped(text, compact[: ruled.start()].rstrip(",，;；"), ruled, unit, direction)
    tolerance = _TOLERANCE.match(compact)
    if tolerance is not None:
        return _within(text, tolerance, unit)
    if not any(ch.isdigit() for ch in compact):
        if compact and compact[0] in "<>=≥≤≧≦⩾⩽":
            raise NotationError(
                "expected a number after the comparison", source=text, span=(0, len(text))
            )
        return Target("定性", None, None, text.strip(), form="qualitative")
    try:
        return _TargetParser(text, unit, direction).target()
    except NotationError as error:  # 每亩300, ≥80M: the refusal says how to write it
        raise advised(error, text) from None


def _bracketed(
    text: str, rest: str, written: str, unit: str | None, direction: Direction | None
) -> Target:
    """A target with its unit written again in brackets: the unit must agree with the number's."""
    try:
        again = target_unit(written)
    except PerfscoreError:
        raise NotationError(
            f"expected a unit in the brackets, found {written!r}", source=text, span=(0, len(text))
        ) from None
    target = _parse(rest, unit if unit is not None else again, direction)
    if target.form != "number" or not same_kind(target.unit, again):
        raise NotationError(
            f"the unit in brackets ({written}) is not the number's", source=text,
            span=(0, len(text)),
        )  # fmt: skip
    return dataclasses.replace(target, text=text.strip())


def _step_unit(text: str, written: str, base: Target) -> Fraction:
    """The factor from a step's written unit to the target's (``个百分点`` is ``%``)."""
    if not written or written == "个百分点":
        return Fraction(1)
    try:
        return convert(Fraction(1), target_unit(written), base.unit)
    except PerfscoreError:
        raise NotationError(
            f"the step is in {written} but the target in {_label(base.unit or '')}",
            source=text, span=(0, len(text)),
        ) from None  # fmt: skip


def _stepped(
    text: str, before: str, ruled: re.Match[str], unit: str | None, direction: Direction | None
) -> Target:
    """A target with its step deduction (``≥95%,每降低1%扣0.5分``)."""
    base = _parse(before, unit, direction)
    if base.form != "number" or base.tolerance is not None:
        raise NotationError(
            "a step deduction (每…扣…分) follows a number target", source=text,
            span=(0, len(text)),
        )  # fmt: skip
    size = Fraction(ruled["n"]) * _step_unit(text, ruled["u"], base)
    if size <= 0:
        raise NotationError("a step of 0", source=text, span=(0, len(text)))
    return dataclasses.replace(base, text=text.strip(), step=(size, Fraction(ruled["p"])))


def _within(text: str, found: re.Match[str], unit: str | None) -> Target:
    """A target with a tolerance (``±10%``, ``100%±5%``, ``1000±50人``)."""
    tolerance = _parse(found["t"], unit, None)
    center = _parse(found["c"], unit or tolerance.unit, None) if found["c"] else None
    if center is not None and center.written:
        raise NotationError("a comparison and ± in one target", source=text, span=(0, len(text)))
    if (
        center is not None
        and tolerance.unit is not None
        and not same_kind(center.unit, tolerance.unit)
    ):
        raise NotationError("the ± is not in the number's unit", source=text, span=(0, len(text)))
    if tolerance.written and (tolerance.op != "≤" or tolerance.strict):  # ±3%以内, never 以上
        raise NotationError("a tolerance is met within it", source=text, span=(0, len(text)))
    assert tolerance.value is not None
    value = Fraction(0) if center is None or center.value is None else center.value
    unit_read = center.unit if center is not None else tolerance.unit
    amount = convert(tolerance.value, tolerance.unit or unit_read, unit_read)
    return Target("=", value, unit_read, text.strip(), written=True, tolerance=amount)


def reload_units() -> None:
    """Forget the targets read so far (after
    [perfscore.define_unit][perfscore.notation.define_unit] adds a unit name)."""
    _parse.cache_clear()


def _dated(text: str, compact: str) -> Target | None:
    read = read_dates(text, compact)
    if read is None:
        return None
    form, dates = read
    op = "≤" if form == "deadline" else "="
    return Target(op, None, None, text.strip(), form=form, dates=dates)


class _TargetParser:
    def __init__(self, source: str, unit: str | None, direction: Direction | None) -> None:
        self.source = source
        self.tokens = list(tokenize(source, words=True))
        self.pos = 0
        self.unit = unit
        self.direction = direction

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def take(self, *kinds: Kind) -> Token | None:
        if self.token.kind in kinds:
            self.pos += 1
            return self.tokens[self.pos - 1]
        return None

    def error(self, reason: str, token: Token | None = None) -> NotationError:
        return unexpected(self.source, token or self.token, reason)

    def target(self) -> Target:
        """comparison = [ OP | PREFIX ] , quantity , [ SUFFIX ] ;"""
        before = self.take(Kind.OP, Kind.PREFIX)
        value, unit, unit_token = self.quantity()
        after = self.take(Kind.SUFFIX)
        if before is not None and after is not None:
            raise NotationError(
                "two comparisons for one number", source=self.source,
                span=(before.start, after.end),
            )  # fmt: skip
        if self.token.kind in (Kind.RANGE, Kind.DASH):
            raise self.error("a target is one number, not a range (a band is graded by a ladder)")
        if self.token.kind in (Kind.AND, Kind.OR):
            raise self.error("a target is one comparison (a band is graded by a ladder)")
        if self.token.kind is not Kind.END:
            raise self.error("expected the end of the target")
        comparison = before or after
        if comparison is None:
            op, strict, written = ("≤" if self.direction == "反向" else "≥"), False, False
            if unit == "月" and unit_token is not None and fold(unit_token.text) == "月":
                raise NotationError(
                    "a month or a duration? write 6月前 for a deadline, 6个月 for a duration",
                    source=self.source, span=(unit_token.start, unit_token.end),
                )  # fmt: skip
        else:
            op, strict = _MEANING[comparison.meaning]
            written = True
            said = "正向" if op == "≥" else "反向" if op == "≤" else None
            if self.direction is not None and said is not None and said != self.direction:
                raise NotationError(
                    f"the cell says {op} ({said}) but the indicator is {self.direction}",
                    source=self.source, span=(comparison.start, comparison.end),
                )  # fmt: skip
        return Target(op, value, unit, self.source.strip(), strict=strict, written=written)

    def quantity(self) -> tuple[Fraction, str | None, Token | None]:
        """quantity = [ DASH ] , NUMBER , [ "万" | "亿" ] , [ UNIT | WORD ] ;"""
        minus = self.take(Kind.DASH)
        number = self.take(Kind.NUMBER)
        if number is None:
            raise self.error("expected a number")
        try:
            value = Fraction(number.text.replace(",", ""))
        except ValueError:  # Python reads at most 4300 digits of an integer from text
            raise self.error("a number of more than 4300 digits", number) from None
        if minus is not None:
            value = -value
        multiplier, word_rest = 1, ""
        word = self.token if self.token.kind is Kind.WORD else None
        if word is not None and word.text[0] in _MULTIPLIERS:
            multiplier, word_rest = _MULTIPLIERS[word.text[0]], word.text[1:]
            self.pos += 1
            word = Token(Kind.WORD, word_rest, word.start + 1, word.end) if word_rest else None
        elif word is not None:
            self.pos += 1
            after = self.token
            if after.kind is Kind.UNIT and after.start == word.end:
                # A word ending in a known unit (标准米, 延长米) is one unit of its own.
                word = Token(Kind.WORD, word.text + after.text, word.start, after.end)
                self.pos += 1
        unit_token = word if word is not None and word.text else self.take(Kind.UNIT)
        if (
            unit_token is not None
            and unit_token.kind is Kind.WORD
            and not _is_word(unit_token.text)
        ):
            raise self.error("expected a unit or the end of the target", unit_token)
        written = target_unit(unit_token.text) if unit_token is not None else None
        given = self._given_unit()
        if multiplier != 1 and written is None:
            if given is None:
                raise self.error(
                    "万 or 亿 of what? give the indicator's unit (万元 for money)", number
                )
            if _is_money(given):
                written = "万元" if multiplier == 10_000 else "亿元"
                multiplier = 1
        value *= multiplier
        if written is not None and given is not None and not same_kind(written, given):
            token = unit_token or number
            raise NotationError(
                f"the cell is in {_label(written)} but the indicator's unit is {_label(given)}",
                source=self.source, span=(token.start, token.end),
            )  # fmt: skip
        unit = written if written is not None else given
        if multiplier == 1 and _DOTTED_THOUSANDS.fullmatch(number.text) and is_counted(unit):
            raise NotationError(
                f"{_label(unit or '')} are counted whole: is the dot in {number.text} a thousands "
                f"separator or a decimal point? write {number.text.replace('.', '')} or "
                f"{format_number(value)}",
                source=self.source, span=(number.start, number.end),
            )  # fmt: skip
        return value, unit, unit_token

    def _given_unit(self) -> str | None:
        try:
            return target_unit(self.unit)
        except PerfscoreError as error:
            raise NotationError(
                error.reason, source=self.source, span=(0, len(self.source))
            ) from None


#: ``1.200``: three digits after one dot, the way a thousands separator is written in places.
_DOTTED_THOUSANDS: Final = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})")


def _is_money(unit: str) -> bool:
    try:
        return bool(ureg.Unit(unit).dimensionality == ureg.Unit("元").dimensionality)
    except Exception:  # a count word of its own is not money
        return False


def _label(unit: str) -> str:
    return {"percent": "%", "permille": "‰"}.get(unit, unit)
