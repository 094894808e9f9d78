"""One table's front end: [score][perfscore.cards.score] reads either kind of table and dispatches.

A ladder table becomes a [Scorecard][perfscore.cards.Scorecard]
([score_ladders][perfscore.cards._scorecard.score_ladders]), a targets table a
[TargetsScorecard][perfscore.cards.TargetsScorecard]
([score_targets][perfscore.cards.score_targets]).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, overload

from perfscore.errors import PerfscoreError
from perfscore.scoring._methods import Method, get_method
from perfscore.scoring._readers import ResultsSource
from perfscore.scoring._rows import as_any_table, check_weights
from perfscore.scoring._selfevaluation import SelfEvaluation, names_self_evaluation
from perfscore.tables._models import Table
from perfscore.tables._targets_table import TargetsTable

from ._scorecard import Scorecard, score_ladders
from ._targets_card import TargetsScorecard, score_targets

__all__ = ["score"]


@overload
def score(
    table: Table,
    results: ResultsSource,
    *,
    method: str | Method | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Scorecard: ...


@overload
def score(
    table: TargetsTable,
    results: ResultsSource,
    *,
    method: str | SelfEvaluation | None = None,
    weights: None = None,
    keep_going: bool = False,
) -> TargetsScorecard: ...


@overload
def score(
    table: str | Path,
    results: ResultsSource,
    *,
    method: str | Method | SelfEvaluation | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Any: ...


def score(
    table: Table | TargetsTable | str | Path,
    results: ResultsSource,
    *,
    method: str | Method | SelfEvaluation | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Scorecard | TargetsScorecard:
    """Grade ``results`` against ``table`` and roll them up into a
    [Scorecard][perfscore.cards.Scorecard].

    ``table`` is a [Table][perfscore.tables.Table], a table file or a bundled table's name;
    ``results`` a mapping of id (or unique published name) to value, a DataFrame, or a CSV, XLSX or
    JSON file with columns ``id``, ``value`` and optionally ``unit``. ``method`` is a name (see
    `perfscore.scoring.METHODS`) or a [Method][perfscore.scoring.Method];
    ``weights`` maps duty, activity or indicator ids to weights, over those in the table file.

    Bad rows raise one [ResultsError][perfscore.errors.ResultsError] listing each with its row
    number and id, unless ``keep_going``: then they are listed in
    `Scorecard.unscored` and the rest is scored. A missing
    result is never a zero (see ``docs/scoring.md``).

    A targets table (``kind: targets``) is scored by the self-evaluation method
    (``method="self-evaluation"``, the default for it, or a
    [SelfEvaluation][perfscore.scoring.SelfEvaluation]) into a
    [TargetsScorecard][perfscore.cards.TargetsScorecard]; see ``docs/targets.md``.
    """
    table = as_any_table(table)
    check_weights(weights)
    if isinstance(table, TargetsTable):
        if weights is not None:
            raise PerfscoreError("a targets table carries its weights (分值); weights do not apply")
        return score_targets(table, results, method=method, keep_going=keep_going)
    if names_self_evaluation(method):
        raise PerfscoreError(
            f"the self-evaluation method scores targets tables; {table.name} is a ladder table"
        )
    assert not isinstance(method, SelfEvaluation)
    return score_ladders(table, results, get_method(method), weights=weights, keep_going=keep_going)
