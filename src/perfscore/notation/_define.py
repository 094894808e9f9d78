"""Defining a unit: adding it to `perfscore.ureg` and refreshing every cache of unit names.

The registry is the ground's (`perfscore.units`); the caches that read it are the notation's
(the tokenizer's unit words, the targets' unit names) and the registry module's own, so defining
a unit lives here, above all of them.
"""

from __future__ import annotations

from perfscore import units
from perfscore.errors import PerfscoreError

from . import _targets, _tokenizer

__all__ = ["define_unit"]


def define_unit(definition: str) -> None:
    """Add a unit to `perfscore.ureg` and to the cell notation, in pint's syntax.

    A counted thing gets a dimension of its own (it then never converts into another); a unit
    of an existing dimension gives its exact decimal factor. Cells and targets read the new
    names at once.

    >>> import perfscore
    >>> perfscore.define_unit("hectare = 10000 * 米 ** 2 = 公顷")
    >>> perfscore.parse_target("≥12公顷").unit
    '公顷'

    Raises [PerfscoreError][perfscore.errors.PerfscoreError] for a definition pint refuses or a name
    it already has.
    """
    if not isinstance(definition, str):
        raise TypeError(f"a unit definition is text, not {type(definition).__name__}")
    names = [part.strip() for part in definition.split("=")]
    taken = [name for name in names[:1] + names[2:] if name and name in units.unit_names()]
    if taken:
        raise PerfscoreError(f"cannot define the unit {definition!r}: {taken[0]} is already a unit")
    # pint takes a unit it does not know in the value as one to define later; grading in the
    # new unit would then raise pint's own error. The value is read first, so it is refused now.
    value = names[1].split(";")[0].strip() if len(names) > 1 else ""
    if value and not value.startswith("["):
        try:
            units.ureg.parse_expression(value)
        except Exception as exc:  # pint's UndefinedUnitError, DefinitionSyntaxError …
            raise PerfscoreError(f"cannot define the unit {definition!r}: {exc}") from None
    try:
        units.define(definition)
    except Exception as exc:  # pint raises its own DefinitionSyntaxError, RedefinitionError …
        raise PerfscoreError(f"cannot define the unit {definition!r}: {exc}") from None
    units.reload_units()
    _tokenizer.reload_units()
    _targets.reload_units()
