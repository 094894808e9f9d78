"""Small table files for the table and check tests, built as the mappings a YAML file holds."""

from __future__ import annotations

from typing import Any


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
