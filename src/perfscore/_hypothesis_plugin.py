"""Registers perfscore's strategies with hypothesis, through its ``hypothesis`` entry point.

Hypothesis calls ``_hypothesis_setup_hook`` when it is imported, so that
``st.from_type(perfscore.Ladder)`` and ``st.from_type(perfscore.Table)`` draw from
`perfscore.testing.strategies.ladders` and `perfscore.testing.strategies.tables`. The strategies are
deferred: nothing is drawn, or validated, until a test uses them.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    import hypothesis.strategies as st

    from .ladders._ladder import Ladder
    from .tables._models import Table

    # The strategies module is imported when a test first draws, not now: hypothesis runs this
    # hook while it is itself being imported, perhaps by perfscore.testing.strategies.
    def ladders() -> st.SearchStrategy[Ladder]:
        from .testing.strategies import ladders

        return ladders()

    def tables() -> st.SearchStrategy[Table]:
        from .testing.strategies import tables

        return tables()

    st.register_type_strategy(Ladder, st.deferred(ladders))
    st.register_type_strategy(Table, st.deferred(tables))
