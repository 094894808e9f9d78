"""The unit registry: one :class:`pint.UnitRegistry`, ``perfscore.ureg``, with perfscore's units.

The units are defined in ``units.txt`` beside this module. Counted things (人, 次, 种, 户 …) have
dimensions of their own and never convert into one another or into percent; percent and plain
fractions interchange; money converts between 元, 千元, 万元 and 亿元.

Conversions used for grading are exact: :func:`factor` returns a :class:`~fractions.Fraction`,
so ``83%`` and ``0.83`` meet ``≥83%`` alike (``83 * 0.01`` in floats is ``0.8300000000000001``).

>>> from perfscore import ureg
>>> ureg.Quantity(3, "万元").to("元")
<Quantity(30000, 'yuan')>
>>> from perfscore.units import factor
>>> factor("percent", "dimensionless"), factor("元", "万元")
(Fraction(1, 100), Fraction(1, 10000))
>>> canonical_unit("人"), canonical_unit("%"), canonical_unit(None)
('人', 'percent', 'dimensionless')
"""

from __future__ import annotations

import functools
from fractions import Fraction
from importlib.resources import files
from typing import Any, Final

import pint

from .errors import PerfscoreError, UnitMismatch

__all__ = ["UNIT_SYMBOLS", "canonical_unit", "factor", "is_counted", "unit_names", "ureg"]


def _make_registry() -> pint.UnitRegistry[Any]:
    registry: pint.UnitRegistry[Any] = pint.UnitRegistry(
        None, autoconvert_offset_to_baseunit=False, cache_folder=None
    )
    definitions = files(__package__).joinpath("units.txt").read_text(encoding="utf-8")
    registry.load_definitions(definitions.splitlines())
    return registry


#: The registry every perfscore quantity belongs to.
ureg: Final[pint.UnitRegistry[Any]] = _make_registry()

#: The symbol a unit is written with in canonical cell text (``≥90%``, ``≥500人``).
UNIT_SYMBOLS: Final[dict[str, str]] = {"percent": "%", "permille": "‰", "dimensionless": ""}

_DIMENSIONLESS = "dimensionless"


@functools.cache
def canonical_unit(name: str | None) -> str:
    """The name perfscore keeps for a unit: the Chinese alias where there is one.

    ``None``, ``""`` and ``"1"`` mean a plain number (``"dimensionless"``); ``%`` and
    ``percent`` are ``"percent"``; ``人`` and ``person`` are ``"人"``.
    """
    if name is None or name.strip() in ("", "1", _DIMENSIONLESS):
        return _DIMENSIONLESS
    try:
        unit = ureg.Unit(name.strip())
    # pint's unit parser fails on junk in assorted ways (even AssertionError for "\x1b").
    except Exception as exc:
        known = ", ".join(sorted(unit_names()))
        raise PerfscoreError(f"unknown unit {name!r}; perfscore knows: {known}") from exc
    key = str(unit)
    if key in UNIT_SYMBOLS or key == _DIMENSIONLESS:
        return key
    return _PREFERRED.get(key, key)


@functools.cache
def factor(source: str | None, target: str | None) -> Fraction:
    """The exact factor that converts a magnitude in ``source`` into ``target``.

    Raises :class:`~perfscore.errors.UnitMismatch` naming both units when they do not convert.
    """
    src, dst = canonical_unit(source), canonical_unit(target)
    if src == dst:
        return Fraction(1)
    try:
        ureg.Quantity(1, src).to(dst)
    except pint.errors.DimensionalityError as exc:
        raise UnitMismatch(
            f"a value in {_label(src)} cannot be read as {_label(dst)}",
            value_unit=src,
            ladder_unit=dst,
        ) from exc
    # Divide exactly, not in pint's floats: 天 into 周 is 1/7, which no float or decimal names.
    return _in_base(src) / _in_base(dst)


@functools.cache
def _in_base(unit: str) -> Fraction:
    # Every factor in units.txt is a decimal, and the shortest repr of pint's float for a
    # unit's size in its base unit recovers that decimal exactly.
    magnitude: Any = ureg.Quantity(1, unit).to_base_units().magnitude
    return Fraction(repr(float(magnitude)))


def _label(unit: str) -> str:
    return "a plain number" if unit == _DIMENSIONLESS else unit


@functools.cache
def unit_names() -> frozenset[str]:
    """Every unit name and alias the registry knows (for tokenizing cells)."""
    names: set[str] = set()
    for name in ureg._units:
        names.add(name)
        definition = ureg._units[name]
        names.update(a for a in getattr(definition, "aliases", ()) if a and a != "_")
        symbol = getattr(definition, "symbol", None)
        if symbol and symbol != "_":
            names.add(symbol)
    names.discard(_DIMENSIONLESS)
    return frozenset(names)


def _preferred() -> dict[str, str]:
    # The name a unit is kept under: its first Chinese alias, so `Ladder.unit` reads as published.
    preferred: dict[str, str] = {}
    for name in ureg._units:
        definition = ureg._units[name]
        chinese = [
            a
            for a in (getattr(definition, "symbol", None), *getattr(definition, "aliases", ()))
            if a and any("\u4e00" <= ch <= "\u9fff" for ch in a)
        ]
        if chinese:
            preferred[name] = chinese[0]
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
    dimensionality = ureg.Unit(name).dimensionality
    return len(dimensionality) == 1 and next(iter(dimensionality)) in _COUNTED_DIMENSIONS
