"""Tables for the scoring tests: a small one whose scores are easy to work out by hand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import perfscore


def small_table_data() -> dict[str, Any]:
    def indicator(id_: str, name: str, unit: str | None, cells: Mapping[str, str | None]) -> Any:
        return {"id": id_, "name": name, "unit": unit, "cells": cells}

    rate = {"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"}
    return {
        "name": "small",
        "department": {"name": "测试局"},
        "year": 2020,
        "duties": [
            {
                "id": "1",
                "name": "职责一",
                "activities": [
                    {
                        "id": "1.1",
                        "name": "活动一",
                        "indicators": [
                            indicator("1.1.1", "到位率", "percent", rate),
                            indicator("1.1.2", "完成率", "percent", rate),
                        ],
                    },
                    {
                        "id": "1.2",
                        "name": "活动二",
                        "indicators": [
                            indicator(
                                "1.2.1", "培训人数", "人",
                                {"优": "≥500", "良": "≥400", "中": "≥300", "差": "<300"},
                            ),
                        ],
                    },
                ],
            },
            {
                "id": "2",
                "name": "职责二",
                "activities": [
                    {
                        "id": "2.1",
                        "name": "活动三",
                        "indicators": [
                            indicator(
                                "2.1.1", "违纪次数", "次",
                                {"优": "1次", "良": None, "中": None, "差": "1次以上"},
                            ),
                            indicator(
                                "2.1.2", "实施效果", None,
                                {"优": "有效实施", "良": "能完整的实施", "中": "基本上能实施",
                                 "差": "不能很好实施"},
                            ),
                        ],
                    },
                ],
            },
        ],
    }  # fmt: skip


#: The small table: duty 1 (1.1: 1.1.1, 1.1.2 percent; 1.2: 1.2.1 人), duty 2 (2.1: 2.1.1 次,
#: lower is better; 2.1.2 qualitative).
small = perfscore.load_table(small_table_data())
zanhuang = perfscore.load_table("zanhuang-hrss-2018")
