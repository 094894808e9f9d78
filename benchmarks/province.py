"""A province's worth of indicator ladders and ten years of results, for the batch benchmark.

About 100 counties × 50 departments × 68 indicators ≈ 340,000 ladders, drawn from the cut points
the published tables use (100/95/90/85/80/75/70/60/50 %, head counts like ≥500/≥480/≥460 人,
3/2/1/0 次), with some target bands, lower-is-better counts, blank grades and qualitative
ladders; and ten years of results ≈ 3.4 million rows, shuffled, about 2 % of them missing.
Everything is drawn from one seed, so a run is repeatable.

    >>> ladders, results = workload(counties=2, departments=3, indicators=4, years=2)
    >>> len(ladders), len(results), list(ladders.columns)
    (24, 48, ['key', '优', '良', '中', '差', 'unit', 'county', 'department'])
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Template", "results_frame", "tables", "templates", "workload"]

PERCENT_CUTS = (100, 95, 90, 85, 80, 75, 70, 60, 50)


@dataclass(frozen=True)
class Template:
    """One ladder as a table publishes it, with the range and step its results fall in."""

    cells: tuple[str | None, str | None, str | None, str | None]
    unit: str | None
    kind: str  # percent, count, band, lower, blank, labels
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    cuts: tuple[float, ...] = ()
    labels: tuple[str, ...] = ()


def templates() -> list[Template]:
    """The pool of distinct ladders the workload draws from (a few hundred, as in real tables)."""
    pool: list[Template] = []
    for a, b, c in itertools.combinations(PERCENT_CUTS, 3):
        best = "100%" if a == 100 else f"≥{a}%"
        pool.append(
            Template((best, f"≥{b}%", f"≥{c}%", f"<{c}%"), "percent", "percent",
                     low=c - 15, high=100, step=0.1, cuts=(a, b, c))
        )  # fmt: skip
    for base in range(20, 2020, 10):  # ≥500 / ≥480 / ≥460 人 and its kin
        step = max(base // 25, 1)
        cuts = (base, base - step, base - 2 * step)
        pool.append(
            Template((f"≥{cuts[0]}人", f"≥{cuts[1]}", f"≥{cuts[2]}", f"<{cuts[2]}人"), "人",
                     "count", low=cuts[2] - 3 * step, high=base + 2 * step, cuts=cuts)
        )  # fmt: skip
    for top in (3, 4, 5, 6):  # 3 / 2 / 1 / 0 次
        cuts = (top, top - 1, top - 2)
        pool.append(
            Template((str(top), str(top - 1), str(top - 2), str(top - 3)), "次", "count",
                     low=0, high=top + 2, cuts=cuts)
        )  # fmt: skip
    for high, good, fair in ((85, 83, 80), (90, 85, 80), (95, 90, 85)):
        pool.append(
            Template((f"≥{high}%和≤100%", f"≥{good}%和<{high}%", f"≥{fair}%和<{good}%",
                      f"<{fair}%或>100%"), "percent", "band",
                     low=fair - 10, high=110, step=0.1, cuts=(fair, good, high, 100))
        )  # fmt: skip
    for k in (0, 1, 2, 3):
        pool.append(
            Template((f"≤{k}次", f"≤{k + 1}次", f"≤{k + 2}次", f">{k + 2}次"), "次", "lower",
                     low=0, high=k + 5, cuts=(k, k + 1, k + 2))
        )  # fmt: skip
    pool.append(Template(("≤1次", None, None, "1次以上"), "次", "lower", low=0, high=4, cuts=(1,)))
    pool.append(Template(("1种", None, None, "0"), "种", "blank", low=0, high=1, cuts=(1,)))
    carried_out = ("有效实施", "能完整的实施", "基本上能实施", "不能很好实施")
    pool.append(Template(carried_out, None, "labels", labels=carried_out))
    pool.append(
        Template(("聘请相关专业中、高级资格教师、专家等进行授课", "聘请相关专业教师授课",
                  "聘请一般教师授课", "师资力量不足"), None, "labels",
                 labels=("聘请相关专业中、高级资格教师、专家等进行授课", "聘请相关专业教师授课",
                         "聘请一般教师授课", "师资力量不足"))
    )  # fmt: skip
    return pool


#: How often each kind of ladder is drawn (the seed table: mostly percent, some counts).
KIND_WEIGHTS = {
    "percent": 0.76, "count": 0.13, "band": 0.02, "lower": 0.03, "blank": 0.03, "labels": 0.03,
}  # fmt: skip


def workload(
    *,
    seed: int = 20181231,
    counties: int = 100,
    departments: int = 50,
    indicators: int = 68,
    years: int = 10,
    missing: float = 0.02,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ladder frame (``key``, 优 良 中 差, ``unit``, ``county``, ``department``) and the
    results (``key``, ``county``, ``department``, ``year``, ``value``, ``label``), shuffled.

    ``value`` is float64 in each ladder's unit (NaN when missing, and for qualitative
    ladders); ``label`` holds the qualitative ladders' results (None elsewhere).
    """
    rng = np.random.default_rng(seed)
    pool = templates()
    kinds = np.array([t.kind for t in pool])
    weights = np.array([KIND_WEIGHTS[k] / np.sum(kinds == k) for k in kinds])
    weights /= weights.sum()

    n = counties * departments * indicators
    county = np.repeat(np.arange(counties), departments * indicators)
    department = np.tile(np.repeat(np.arange(departments), indicators), counties)
    indicator = np.tile(np.arange(indicators), counties * departments)
    # Keys as a results file carries them: county code, department code, indicator number.
    keys = (130101 + county) * 1_000_000 + (301 + department) * 1_000 + indicator
    chosen = rng.choice(len(pool), size=n, p=weights)

    cells = np.array([t.cells for t in pool], dtype=object)[chosen]
    units = np.array([t.unit for t in pool], dtype=object)[chosen]
    ladders = pd.DataFrame(
        {
            "key": keys,
            "优": cells[:, 0], "良": cells[:, 1], "中": cells[:, 2], "差": cells[:, 3],
            "unit": units,
            "county": county,
            "department": department,
        }
    )  # fmt: skip

    rows = n * years
    which = np.tile(np.arange(n), years)
    year = np.repeat(np.arange(2018 - years + 1, 2019), n)
    order = rng.permutation(rows)
    which, year = which[order], year[order]
    t = chosen[which]

    low = np.array([p.low for p in pool])[t]
    high = np.array([p.high for p in pool])[t]
    step = np.array([p.step for p in pool])[t]
    value = np.round(rng.uniform(low, high) / step) * step
    value = np.round(value, 1)
    # A quarter of the results land exactly on a cut point: the boundaries are what matters.
    width = max(len(p.cuts) for p in pool)
    cut_matrix = np.full((len(pool), width), np.nan)
    for i, p in enumerate(pool):
        cut_matrix[i, : len(p.cuts)] = p.cuts
        cut_matrix[i, len(p.cuts) :] = p.cuts[0] if p.cuts else np.nan
    on_cut = rng.random(rows) < 0.25
    pick = rng.integers(0, width, size=rows)
    value[on_cut] = cut_matrix[t[on_cut], pick[on_cut]]

    categorical = kinds[t] == "labels"
    label = np.full(rows, None, dtype=object)
    label_matrix = np.array([p.labels or ("",) * 4 for p in pool], dtype=object)
    label[categorical] = label_matrix[t[categorical], rng.integers(0, 4, size=categorical.sum())]
    value[categorical] = np.nan
    gone = rng.random(rows) < missing
    value[gone] = np.nan
    label[gone & categorical] = None

    results = pd.DataFrame(
        {
            "key": keys[which],
            "county": county[which],
            "department": department[which],
            "year": year,
            "value": value,
            "label": label,
        }
    )
    return ladders, results


def tables(ladders: pd.DataFrame) -> list[Any]:
    """One :class:`perfscore.Table` per county department, shaped as the seed table (13 duties,
    42 activities, 68 indicators) with the workload's cells; named ``c<county>-d<department>``.
    Needs ``indicators=68`` (the seed table's count)."""
    import perfscore

    seed = perfscore.load_table("zanhuang-hrss-2018")
    cells = ladders[["优", "良", "中", "差", "unit"]].astype(object)
    cells = cells.where(cells.notna(), None).to_numpy().tolist()
    county = ladders["county"].to_numpy().tolist()
    department = ladders["department"].to_numpy().tolist()
    width = len(seed)
    if len(cells) % width:
        raise ValueError(f"the seed table has {width} indicators; draw indicators={width}")
    out = []
    for start in range(0, len(cells), width):
        drawn = iter(cells[start : start + width])
        duties = [
            {
                "id": duty.id,
                "name": duty.name,
                "activities": [
                    {
                        "id": activity.id,
                        "name": activity.name,
                        "indicators": [
                            {"id": i.id, "name": i.name, "unit": c[4],
                             "cells": dict(zip(("优", "良", "中", "差"), c[:4], strict=True))}
                            for i, c in zip(activity.indicators, drawn, strict=False)
                        ],
                    }
                    for activity in duty.activities
                ],
            }
            for duty in seed.duties
        ]  # fmt: skip
        name = f"c{130101 + county[start]}-d{301 + department[start]}"
        out.append(
            perfscore.load_table(
                {"name": name, "department": {"name": name}, "year": 2018, "duties": duties}
            )
        )
    return out


def results_frame(results: pd.DataFrame, ids: list[str], *, labels: bool = True) -> pd.DataFrame:
    """The results as :func:`perfscore.score_frame` takes them: ``table``, ``id``, ``value``.

    Missing results are rows left out. With ``labels`` the qualitative results share the value
    column (an object column of numbers and labels); without, they are left out and ``value``
    stays float64.
    """
    present = results["value"].notna() | results["label"].notna()
    if not labels:
        present &= results["label"].isna()
    chosen = results[present]
    table = ("c" + (130101 + chosen["county"]).astype(str) + "-d"
             + (301 + chosen["department"]).astype(str))  # fmt: skip
    number = chosen["key"].astype(np.int64).to_numpy() % 1000  # keys may be given as text
    value: Any = chosen["value"].to_numpy()
    if labels:
        value = value.astype(object)
        has_label = chosen["label"].notna().to_numpy()
        value[has_label] = chosen["label"].to_numpy()[has_label]
    return pd.DataFrame(
        {"table": table.to_numpy(), "id": np.asarray(ids, dtype=object)[number], "value": value}
    )
