"""Small table files for the table and check tests, built as the mappings a YAML file holds."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml


def table_of(*indicators: dict[str, Any], activity_id: str = "1.1") -> dict[str, Any]:
    """A table with one duty and one activity holding ``indicators``."""
    return {
        "name": "small",
        "department": {"name": "某局"},
        "year": 2018,
        "duties": [
            {
                "id": "1",
                "name": "职责",
                "activities": [{"id": activity_id, "name": "活动", "indicators": list(indicators)}],
            }
        ],
    }


def indicator(cells: str, unit: str | None = "percent", **more: Any) -> dict[str, Any]:
    """An indicator with cells written as ``优 / 良 / 中 / 差`` (``-`` for a blank cell)."""
    texts = [c.strip() for c in cells.split("/")]
    fields: dict[str, Any] = {
        "id": "1.1.1",
        "name": "完成率",
        "unit": unit,
        "cells": {g: (None if t == "-" else t) for g, t in zip("优良中差", texts, strict=True)},
    }
    return {**fields, **more}


def write(tmp_path: Path, data: dict[str, Any], name: str | None = None) -> Path:
    # A table's file is named after it (check refuses a name that differs from the file's).
    if name is None:
        name = f"{data['name']}.yaml" if isinstance(data.get("name"), str) else "t.yaml"
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


ROOT = Path(__file__).resolve().parents[1]
BUNDLED = "zanhuang-hrss-2018"


def raw(name: str = BUNDLED) -> dict[str, Any]:
    """A bundled table as parsed YAML, a fresh copy a test may damage."""
    data = yaml.safe_load((ROOT / "indicators" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def small(**indicator: Any) -> dict[str, Any]:
    """A one-indicator table, the indicator's fields overridden by ``indicator``."""
    fields: dict[str, Any] = {
        "id": "1.1.1",
        "name": "完成率",
        "unit": "percent",
        "cells": {"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"},
        **indicator,
    }
    return table_of(fields)
