"""Registers perfscore's strategies with hypothesis, through its ``hypothesis`` entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so that
``st.from_type(perfscore.Ladder)`` and ``st.from_type(perfscore.Table)`` draw from
:func:`perfscore.strategies.ladders` and :func:`perfscore.strategies.tables`. The strategies
are deferred: nothing is drawn, or validated, until a test uses them.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    import hypothesis.strategies as st

    from . import strategies
    from .ladders import Ladder
    from .tables import Table

    st.register_type_strategy(Ladder, st.deferred(strategies.ladders))
    st.register_type_strategy(Table, st.deferred(strategies.tables))
