"""A small targets table (one project) and the invented example, for the tests of
targets tables, their scoring, their cards and the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import perfscore
from perfscore import SelfEvaluation, TargetsScorecard, TargetsTable

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "examples" / "targets-invented-2023.yaml"
TARGET_RESULTS = ROOT / "examples" / "targets-invented-2023-results.csv"


def small_targets(**project: Any) -> dict[str, Any]:
    """A targets table with one project; ``project`` overrides its fields."""
    base: dict[str, Any] = {
        "id": "1",
        "name": "某项目",
        "budget": {"planned": 100, "weight": 10},
        "indicators": [
            {"id": "1.1", "levels": ["产出指标", "数量指标"], "name": "培训人次",
             "target": "≥500人次", "weight": 40},
            {"id": "1.2", "levels": ["效益指标", "社会效益指标"], "name": "投诉次数",
             "target": "≤10次", "weight": 30},
            {"id": "1.3", "levels": ["满意度指标", "服务对象满意度指标"], "name": "满意度",
             "op": "定性", "target": "满意", "weight": 20},
        ],
    }  # fmt: skip
    base.update(project)
    return {
        "kind": "targets",
        "name": "small",
        "department": {"name": "某局"},
        "year": 2023,
        "projects": [base],
    }


def load_targets(data: dict[str, Any]) -> TargetsTable:
    """A targets table, narrowed from what load_table returns."""
    table = perfscore.load_table(data)
    assert isinstance(table, TargetsTable)
    return table


def card_of(results: Any, **options: Any) -> TargetsScorecard:
    table = load_targets(small_targets())
    return perfscore.score(table, results, method=SelfEvaluation(**options))
