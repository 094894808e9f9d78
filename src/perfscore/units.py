"""The unit registry: one `pint.UnitRegistry`,
``perfscore.ureg``, with perfscore's units.

The units are defined in ``units.txt`` beside this module. Counted things (人, 次, 种, 户 …) have
dimensions of their own and never convert into one another or into percent; percent and plain
fractions interchange; money converts between 元, 千元, 万元 and 亿元.

Conversions used for grading are exact: [factor][perfscore.units.factor] returns a `Fraction`,
so ``83%`` and ``0.83`` meet ``≥83%`` alike (``83 * 0.01`` in floats is ``0.8300000000000001``),
and ``1 亩`` is ``10000/15 m²``, a factor no decimal holds.

A unit may be compound, written as published: a money unit over a counted or measured one
(``元/亩``, ``万元/公里``, ``元/平米``), or over several (``元/人·年``: every part after ``/`` is
below it). perfscore keeps it under its parts' Chinese names, so it reads as published, and
converts it exactly (``万元/亩`` into ``元/平方米``).

>>> from perfscore import ureg
>>> ureg.Quantity(3, "万元").to("元")
<Quantity(30000, 'yuan')>
>>> from perfscore.units import factor
>>> factor("percent", "dimensionless"), factor("元", "万元")
(Fraction(1, 100), Fraction(1, 10000))
>>> canonical_unit("人"), canonical_unit("%"), canonical_unit(None)
('人', 'percent', 'dimensionless')
>>> canonical_unit("元/平米"), factor("万元/亩", "元/平方米"), canonical_unit("元/(person*year)")
('元/平方米', Fraction(15, 1), '元/人·年')
"""

from __future__ import annotations

import functools
from fractions import Fraction
from importlib.resources import files
from typing import Any, Final

import pint

from .errors import PerfscoreError, UnitMismatch

__all__ = [
    "UNIT_SYMBOLS",
    "canonical_unit",
    "define",
    "factor",
    "is_counted",
    "pint_unit",
    "reload_units",
    "unit_names",
    "unit_text",
    "ureg",
]


def _make_registry(numbers: type = float) -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None, autoconvert_offset_to_baseunit=False, cache_folder=None, non_int_type=numbers
    )
    definitions = files(__package__).joinpath("units.txt").read_text(encoding="utf-8")
    registry.load_definitions(definitions.splitlines())
    return registry


#: The registry every perfscore quantity belongs to.
ureg: Final[pint.UnitRegistry[Any]] = _make_registry()
# Quantities pickle (and unpickle in another process) through the application registry.
pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]

#: The symbol a unit is written with in canonical cell text (``≥90%``, ``≥500人``).
UNIT_SYMBOLS: Final[dict[str, str]] = {"percent": "%", "permille": "‰", "dimensionless": ""}

_DIMENSIONLESS = "dimensionless"
#: The dots a published compound unit joins the parts below its ``/`` with (``元/人·年``).
_DOTS: Final = ("·", "・")


@functools.cache
def canonical_unit(name: str | None) -> str:
    """The name perfscore keeps for a unit: the Chinese alias where there is one.

    ``None``, ``""`` and ``"1"`` mean a plain number (``"dimensionless"``); ``%`` and
    ``percent`` are ``"percent"``; ``人`` and ``person`` are ``"人"``; a compound unit is its
    parts' names as published (``元/亩``, ``元/平方米`` for ``元/平米``, ``元/人·年``).
    """
    if name is not None and not isinstance(name, str):
        raise PerfscoreError(f"a unit is named by text, not {name!r}")
    if name is None or name.strip() in ("", "1", _DIMENSIONLESS):
        return _DIMENSIONLESS
    try:
        unit = pint_unit(name.strip())
    except Exception as exc:  # pint's parser raises anything from AssertionError to SyntaxError
        known = ", ".join(sorted(n for n in unit_names() if not n.isascii()))
        raise PerfscoreError(f"unknown unit {name!r}; perfscore knows: %, {known}") from exc
    key = str(unit)
    if key in UNIT_SYMBOLS or key == _DIMENSIONLESS:
        return key
    if key in _PREFERRED:
        return _PREFERRED[key]
    parts = _parts(unit)
    if len(parts) > 1 and all(abs(power) == 1 for _, power in parts):
        return _compound_text(parts)  # 元/亩: reads back, and as published
    return key


def pint_unit(name: str) -> pint.Unit:
    """The registry's unit for a name: one pint reads, or a compound unit as published, whose
    parts after a ``/`` joined by ``·`` are all below it (``元/人·年`` is 元 per person-year).

    >>> str(pint_unit("元/人·年")), str(pint_unit("万元/公里"))
    ('yuan / person / year', 'wan_yuan / kilometer')
    """
    if not any(dot in name for dot in _DOTS):
        return ureg.Unit(name)
    for dot in _DOTS:
        name = name.replace(dot, "*")
    return ureg.Unit("/".join(f"({part})" for part in name.split("/")))


def _parts(unit: pint.Unit) -> list[tuple[str, float]]:
    """A unit's named parts with their powers, by name (the order pint writes them in)."""
    return sorted((name, float(power)) for name, power in (1 * unit).unit_items())


def _compound_text(parts: list[tuple[str, float]]) -> str:
    """A compound unit written from its parts' Chinese symbols: ``元/亩``, ``人/年``, ``米2``."""

    def written(name: str, power: float) -> str:
        symbol = _PREFERRED.get(name, UNIT_SYMBOLS.get(name, name))
        return symbol if power == 1 else f"{symbol}{power:g}"

    above = "·".join(written(name, power) for name, power in parts if power > 0)
    below = "·".join(written(name, -power) for name, power in parts if power < 0)
    return f"{above or '1'}/{below}" if below else above


@functools.cache
def factor(source: str | None, target: str | None) -> Fraction:
    """The exact factor that converts a magnitude in ``source`` into ``target``.

    Raises [UnitMismatch][perfscore.errors.UnitMismatch] naming both units when they do not convert.
    """
    src, dst = canonical_unit(source), canonical_unit(target)
    if src == dst:
        return Fraction(1)
    if pint_unit(src).dimensionality != pint_unit(dst).dimensionality:
        raise UnitMismatch(
            f"a value in {_label(src)} cannot be read as {_label(dst)}",
            value_unit=src,
            ladder_unit=dst,
        )
    return _base_factor(src) / _base_factor(dst)


@functools.cache
def _base_factor(unit: str) -> Fraction:
    """How many base units one ``unit`` is, exactly.

    pint multiplies the factors of a definition chain as floats (so 1 天 in 周 would come out
    as 0.14285714285714285, and 1 亩 as 666.6666666666666 m²). Each part's own factor to its
    base is read from the registry's exact twin, which holds the same definitions in fractions;
    the products and quotients are then taken in rationals.
    """
    result = Fraction(1)
    for name, power in _parts(pint_unit(unit)):
        result *= _own_factor(name) ** int(power)
    return result


def _own_factor(name: str) -> Fraction:
    """How many base units one named unit is, from the exact twin; a unit defined on `ureg`
    directly, which the twin does not hold, by its float's shortest repr (exact for the decimal
    a definition writes)."""
    magnitude: Any
    try:
        magnitude = _exact_registry().Quantity(1, name).to_base_units().magnitude
    except Exception:  # pint's UndefinedUnitError: not a unit of units.txt or `define`
        magnitude = float(ureg.Quantity(1, name).to_base_units().magnitude)
    if isinstance(magnitude, float):
        return Fraction(repr(magnitude))
    return Fraction(magnitude)


#: Definitions added after units.txt ([define][perfscore.units.define]), for the exact twin.
_DEFINED: Final[list[str]] = []


@functools.cache
def _exact_registry() -> pint.UnitRegistry[Any]:
    """The registry's twin, with the same definitions read in fractions (``10000 / 15`` stays
    2000/3): what factors are computed from, never a quantity a user holds."""
    twin = _make_registry(Fraction)
    for definition in _DEFINED:
        try:
            twin.define(definition)
        except Exception:  # pint's own errors; the unit's factor is then read from `ureg`
            continue
    return twin


def define(definition: str) -> None:
    """Add a unit to `ureg`, in pint's syntax, and to the exact twin factors are read from.

    [perfscore.define_unit][perfscore.notation.define_unit] checks the definition first and
    refreshes the caches that read unit names; this is its one write to the registry.
    """
    ureg.define(definition)
    _DEFINED.append(definition)
    _exact_registry.cache_clear()


def _label(unit: str) -> str:
    return "a plain number" if unit == _DIMENSIONLESS else unit


@functools.cache
def unit_names() -> frozenset[str]:
    """Every unit name, symbol and alias the registry knows (for tokenizing cells)."""
    # Iterating a registry yields every name it answers to; a quantity prints as
    # "1 dimensionless", and reading it back must work too.
    return frozenset(ureg) | {_DIMENSIONLESS}


def _preferred() -> dict[str, str]:
    # The name a unit is kept under: its symbol where that is Chinese (units.txt gives each
    # unit's simplified Chinese name as its symbol), so `Ladder.unit` reads as published.
    preferred: dict[str, str] = {}
    for name in ureg:
        canonical = ureg.get_name(name)
        symbol = ureg.get_symbol(canonical)
        if any("\u4e00" <= ch <= "\u9fff" for ch in symbol):
            preferred[canonical] = symbol
    return preferred


_PREFERRED: Final[dict[str, str]] = _preferred()


_COUNTED_DIMENSIONS: Final[frozenset[str]] = frozenset(
    f"[{name}]"
    for name in (
        "person", "person_time", "occurrence", "kind", "item", "household", "organization",
        "vehicle", "batch",
    )
)  # fmt: skip


@functools.cache
def is_counted(unit: str | None) -> bool:
    """Whether values in ``unit`` count things (人, 次, 种 …): whole numbers, never negative.

    >>> is_counted("人"), is_counted("percent"), is_counted("万元")
    (True, False, False)
    """
    name = canonical_unit(unit)
    if name == _DIMENSIONLESS:
        return False
    dimensionality = pint_unit(name).dimensionality
    return len(dimensionality) == 1 and next(iter(dimensionality)) in _COUNTED_DIMENSIONS


@functools.cache
def unit_text(unit: str | None) -> str:
    """How a unit is written after a number, as departments publish it: ``%``, ``人次``,
    ``万元``, and a compound unit from its parts' Chinese symbols (``人/年``, never pint's
    ``person / year``).

    >>> unit_text("percent"), unit_text("人次"), unit_text(canonical_unit("人/年")), unit_text(None)
    ('%', '人次', '人/年', '')
    >>> unit_text(canonical_unit("万元/人")), unit_text("亩"), unit_text("yuan / mu")
    ('万元/人', '亩', '元/亩')
    """
    if unit is None or unit == _DIMENSIONLESS:
        return ""
    if unit in UNIT_SYMBOLS:
        return UNIT_SYMBOLS[unit]
    if unit in _PREFERRED.values() or not unit.isascii():
        return unit  # a unit's own Chinese name or compound (元/亩), or a count word (只)
    try:
        parts = _parts(pint_unit(unit))
    except Exception:  # pint's parser raises many types; a name it does not know stays as is
        return unit
    return _compound_text(parts)


def reload_units() -> None:
    """Forget what this module worked out from the registry, after a unit is added to it
    ([perfscore.define_unit][perfscore.notation.define_unit], which also refreshes the notation's
    caches)."""
    for cached in (unit_names, canonical_unit, factor, _base_factor, is_counted, unit_text):
        cached.cache_clear()
    _exact_registry.cache_clear()
    _PREFERRED.clear()
    _PREFERRED.update(_preferred())
