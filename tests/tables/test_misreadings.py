"""perfscore.tables._misreadings: the rules that catch a table which loads and scores, but not as
it was meant (a rate above 100 %, a target every value meets, a direction against the name,
a date read as a number, ``≥`` read as ``2``)."""

from __future__ import annotations

import pytest

from perfscore import parse_ladder, parse_target
from perfscore.tables._directions import HIGHER_IS_BETTER_WORDS, LOWER_IS_BETTER_WORDS
from perfscore.tables._misreadings import (
    ladder_misreadings,
    target_misreadings,
    targets_table_misreadings,
)
from tests.targets_data import load_targets, small_targets

POSITIVE, REVERSE = "正向", "反向"

# -- one target --------------------------------------------------------------------------------


# Each case: the indicator's name, its target, the unit column, the direction the table says
# (the direction column for a bare number, or what its comparison reads) and what is found.
@pytest.mark.parametrize(
    ("name", "text", "unit", "said", "found"),
    [
        ("合格率", "≥95%", None, POSITIVE, []),
        ("合格率", "≥120%", None, POSITIVE, [("target", "a rate (率) above 100%: ≥120%")]),
        ("人均增长率", "≥150%", None, POSITIVE, []),  # a growth rate may exceed 100 %
        ("合格率", "1", "%", POSITIVE, [("target", "a percent target of 1 (≥1%): probably 100%?")]),
        ("事故", "≥0起", None, None,
         [("target", "every value meets ≥0次: a target that cannot be missed")]),
        ("事故", ">0起", None, None, []),  # strict: 0 itself misses it
        ("事故", "0", "起", POSITIVE,
         [("target", "every value meets ≥0次: a target that cannot be missed"),
          ("direction", "the name suggests 反向 (事故), but the target reads 正向")]),
        ("完成时间", "2023.12", None, POSITIVE,
         [("target", "'2023.12' looks like a date, not a number")]),
        ("完成年份", "2024", None, POSITIVE,
         [("target", "'2024' looks like a date, not a number")]),
        ("完成年份", "2024年", None, None, []),  # a date target, read as one
        ("覆盖率", "290%", None, POSITIVE,
         [("target", "a rate (率) above 100%: ≥290%"),
          ("target", "290% may be OCR damage: ≥90% with ≥ read as 2")]),
        ("覆盖率", "≥290%", None, POSITIVE, [("target", "a rate (率) above 100%: ≥290%")]),
        ("投诉次数", "≥10次", None, POSITIVE,
         [("direction", "the name suggests 反向 (投诉), but the target reads 正向")]),
        ("投诉次数", "≤10次", None, REVERSE, []),
        ("投诉处理率", "≥95%", None, POSITIVE, []),  # 处理 undoes 投诉
        ("满意度", "≤90%", None, REVERSE,
         [("direction", "the name suggests 正向 (满意度), but the target reads 反向")]),
        ("不合格率", "≤5%", None, REVERSE, []),  # 不合格 is lower-is-better: 合格率 does not count
        ("滿意度", "≤90%", None, REVERSE,
         [("direction", "the name suggests 正向 (满意度), but the target reads 反向")]),
        ("满意度", "满意", None, None, []),  # a qualitative target has no number to misread
    ],
)  # fmt: skip
def test_target_misreadings(
    name: str, text: str, unit: str | None, said: str | None, found: list[tuple[str, str]]
) -> None:
    bare = not text.startswith(("≥", ">", "≤", "<"))
    target = parse_target(text, unit, direction=said if bare else None)  # type: ignore[arg-type]
    assert list(target_misreadings(name, target, said)) == found


def test_a_bare_number_starting_with_2_is_ocr_damage_where_the_table_writes_operators() -> None:
    target = parse_target("2200篇", direction=POSITIVE)  # type: ignore[arg-type]
    assert list(target_misreadings("论文", target, POSITIVE)) == []
    assert list(target_misreadings("论文", target, POSITIVE, operators_written=True)) == [
        ("target", "2200篇 may be OCR damage: ≥200篇 with ≥ read as 2")
    ]
    written = parse_target("≥2200篇")
    assert list(target_misreadings("论文", written, POSITIVE, operators_written=True)) == []


def test_the_word_lists_do_not_overlap() -> None:
    assert not set(LOWER_IS_BETTER_WORDS) & set(HIGHER_IS_BETTER_WORDS)


# -- a ladder's 优 cell --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row", "found"),
    [
        ("合格率", "≥95% / ≥90% / ≥85% / <85%", []),
        ("合格率", "≥110% / ≥100% / ≥90% / <90%",
         [("cells.优", "a rate (率) whose 优 starts above 100%: 110%")]),
        ("增长率", "≥110% / - / - / <110%", []),
        ("事故次数", "≥5次 / ≥3次 / ≥1次 / <1次",
         [("cells", "the name suggests lower is better (事故), but the ladder reads higher")]),
        ("事故次数", "0次 / ≤1次 / ≤2次 / >2次", []),
        ("完成率", "≥0% / - / - / <0%",
         [("cells.优", "every value meets 优: the other grades cannot be reached"),
          ("cells", "the name reads a level rate (率), but the ladder grades values below 0% as "
                    "a change (增长率) does: a negative result would be graded, not refused")]),
        ("增长率", "≥0% / - / - / <0%", []),  # a change: below 0% is 差, not a misreading
        ("完成率", "≥0% / - / - / -", []),  # one grade only: nothing else to reach
        ("实施效果", "有效 / - / - / 无效", []),  # a qualitative ladder
    ],
)  # fmt: skip
def test_ladder_misreadings(name: str, row: str, found: list[tuple[str, str]]) -> None:
    assert list(ladder_misreadings(name, parse_ladder(row))) == found


# -- a whole targets table ---------------------------------------------------------------------


def test_a_targets_table_names_each_misreading_by_its_path() -> None:
    table = load_targets(
        small_targets(
            budget=None,
            indicators=[
                {"id": "1.1", "name": "覆盖率", "target": "≥120%", "weight": 40},
                {"id": "1.2", "name": "投诉次数", "target": "≥0次", "weight": 40},
            ],
        )
    )
    assert list(targets_table_misreadings(table)) == [
        ("projects[0]", ("weight", "the 分值 add up to 80, not the table's total 100")),
        ("projects[0].indicators[0].target", ("target", "a rate (率) above 100%: ≥120%")),
        (
            "projects[0].indicators[1].target",
            ("target", "every value meets ≥0次: a target that cannot be missed"),
        ),
        (
            "projects[0].indicators[1].direction",
            ("direction", "the name suggests 反向 (投诉), but the target reads 正向"),
        ),
    ]


def test_weights_and_budget_that_add_up_to_the_total_are_no_misreading() -> None:
    assert list(targets_table_misreadings(load_targets(small_targets()))) == []


def test_ocr_damage_is_looked_for_when_two_thirds_of_the_targets_write_their_operator() -> None:
    def indicators(*targets: str) -> list[dict[str, object]]:
        return [
            {"id": f"1.{k}", "name": f"指标{k}", "target": t, "direction": "正向", "weight": 10}
            for k, t in enumerate(targets, start=1)
        ]

    def damage(*targets: str) -> list[str]:
        table = load_targets(small_targets(indicators=indicators(*targets), budget=None))
        return [m for _, (f, m) in targets_table_misreadings(table) if "OCR" in m]

    assert damage("2200篇", "≥300人", "≥12门") == [
        "2200篇 may be OCR damage: ≥200篇 with ≥ read as 2"
    ]
    assert damage("2200篇", "300人", "≥12门") == []  # only one of three written


@pytest.mark.parametrize(
    ("rows", "budget", "warned"),
    [
        ((50, 30, 10), 10, False),  # 90 + budget 10: the 2020 forms
        ((70, 20, 10), 10, False),  # 100 rows, the budget counted apart (no "110")
        ((70, 20, 10), None, False),
        ((60, 20, 10), 20, True),  # 110 either way
        ((40, 20, 10), 10, True),
    ],
)
def test_a_form_that_counts_the_budget_apart_is_not_warned(
    rows: tuple[int, ...], budget: int | None, warned: bool
) -> None:
    table = load_targets(
        small_targets(
            budget=None if budget is None else {"planned": 10, "weight": budget},
            indicators=[
                {"id": f"1.{n}", "name": f"指标{n}", "target": "≥1", "weight": w}
                for n, w in enumerate(rows, start=1)
            ],
        )
    )
    found = [m for path, m in targets_table_misreadings(table) if path == "projects[0]"]
    assert bool(found) == warned
