"""perfscore.views._workbook: scorecards and frame scores written to
Excel workbooks."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import perfscore
from perfscore.views import display_width, score_format
from tests.scoring_data import small, zanhuang
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zanhuang-hrss-2018-results.csv"
FILLS = {"优": "FFB7E1A1", "良": "FFDCEFC4", "中": "FFFBE3A6", "差": "FFF4B4A8"}


def _sheet(path: Path, name: str) -> Worksheet:
    sheet = openpyxl.load_workbook(path)[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _records(sheet: Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]  # type: ignore[arg-type]


def test_contract_every_indicator_id_with_coloured_grades(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    path = card.to_excel(tmp_path / "card.xlsx", frame_columns=True)
    assert path == tmp_path / "card.xlsx"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["indicators", "activities", "duties", "department", "unscored"]
    sheet = _sheet(path, "indicators")
    header = [c.value for c in sheet[1]]
    ids = [row[header.index("id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == [i.id for i in zanhuang.indicators()]
    grade_column = header.index("grade") + 1
    for r, indicator in enumerate(card.indicators(), start=2):
        cell = sheet.cell(row=r, column=grade_column)
        assert cell.value == indicator.grade.value  # type: ignore[union-attr]
        assert cell.fill.fgColor.rgb == FILLS[cell.value]  # type: ignore[index]
    assert sheet.freeze_panes == "A2"


def test_values_are_numbers_with_formats(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    sheet = _sheet(card.to_excel(tmp_path / "card.xlsx", frame_columns=True), "indicators")
    header = [c.value for c in sheet[1]]
    rows = {row[header.index("id")].value: row for row in sheet.iter_rows(min_row=2)}
    value, unit, points = header.index("value"), header.index("unit"), header.index("points")
    # 96.5% is stored as the fraction Excel shows as a percentage
    assert rows["1.1.2"][value].value == 0.965
    assert rows["1.1.2"][value].number_format == "0.0%"
    assert rows["1.1.2"][unit].value == "%"
    assert rows["1.1.1"][value].value == 1
    assert rows["1.1.1"][value].number_format == "0%"
    assert rows["1.2.2"][value].value == 512  # 人, a count
    assert rows["1.2.2"][value].number_format == "0"
    assert rows["1.2.2"][unit].value == "人"
    assert rows["10.3.1"][value].value == "能完整的实施"  # a label stays text
    assert rows["1.1.2"][points].value == 80
    assert rows["1.1.2"][points].number_format == "0"
    assert [c.value for c in rows["1.1.2"]][header.index("row")] == 3


def test_scores_never_show_rounded_onto_a_band(tmp_path: Path) -> None:
    # flat: duty 1 is the mean of its indicators' points 100, 100 and 0 (0 人 is 差): 66.67
    card = perfscore.score(small, {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 0}, method="flat")
    sheet = _sheet(card.to_excel(tmp_path / "flat.xlsx", frame_columns=True), "duties")
    header = [c.value for c in sheet[1]]
    score = sheet.cell(row=2, column=header.index("score") + 1)
    assert score.value == pytest.approx(200 / 3)
    assert score.number_format == "0.0"
    assert score_format(89.96) == "0.00"  # 90.0 would read as 优 beside 良
    assert score_format(89.9996) == "0.0000"
    assert score_format(79.95) == "0.00"
    assert score_format(83.35) == "0.0"


def test_levels_and_department_sheets(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    path = card.to_excel(tmp_path / "card.xlsx", frame_columns=True)
    duties = _records(_sheet(path, "duties"))
    assert [d["id"] for d in duties] == [d.id for d in card.duties]
    assert duties[0]["score"] == pytest.approx(card.duties[0].score)
    assert duties[0]["优"] == card.duties[0].counts[perfscore.Grade.EXCELLENT]
    assert len(_records(_sheet(path, "activities"))) == 42
    department = _records(_sheet(path, "department"))
    assert len(department) == 1
    assert department[0]["name"] == "赞皇县人力资源和社会保障局"
    assert department[0]["grade"] == "良"
    assert _sheet(path, "department")["I2"].number_format == "0%"  # coverage
    assert _records(_sheet(path, "unscored")) == []


def test_column_widths_count_chinese_characters_as_two(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    sheet = _sheet(card.to_excel(tmp_path / "card.xlsx", frame_columns=True), "indicators")
    header = [c.value for c in sheet[1]]
    name_column = chr(ord("A") + header.index("name"))
    longest = max(display_width(i.name) for i in zanhuang.indicators())
    assert sheet.column_dimensions[name_column].width == min(longest + 2, 60)
    assert display_width("到位率") == 6


def test_unscored_rows_have_their_sheet(tmp_path: Path) -> None:
    card = perfscore.score(small, {"1.1.1": "100%", "9.9.9": 1}, keep_going=True)
    rows = _records(_sheet(card.to_excel(tmp_path / "card.xlsx", frame_columns=True), "unscored"))
    assert len(rows) == 1
    assert rows[0]["id"] == "9.9.9"
    assert rows[0]["reason"] == card.unscored[0].reason


def test_frame_scores_workbook(tmp_path: Path) -> None:
    results = pd.read_csv(EXAMPLE, dtype=str)
    results.insert(0, "table", "zanhuang-hrss-2018")
    scores = perfscore.score_frame([zanhuang], results[["table", "id", "value"]])
    path = scores.to_excel(tmp_path / "batch.xlsx", frame_columns=True)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["indicators", "activities", "duties", "departments", "unscored"]
    sheet = _sheet(path, "indicators")
    header = [c.value for c in sheet[1]]
    assert "label" not in header
    rows = {row[header.index("id")].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 68
    assert rows["1.1.2"][header.index("value")].value == 0.965
    assert rows["1.1.2"][header.index("value")].number_format == "0.0%"
    assert rows["10.3.1"][header.index("value")].value == "能完整的实施"
    grade = rows["1.1.2"][header.index("grade")]
    assert (grade.value, grade.fill.fgColor.rgb) == ("良", FILLS["良"])
    departments = _records(_sheet(path, "departments"))
    assert departments[0]["score"] == pytest.approx(scores.departments["score"][0])


def test_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    target = tmp_path / "card.xlsx"
    target.write_bytes(b"the old file")

    def broken_save(self: object, filename: str) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(perfscore.PerfscoreError, match=r"cannot write .*card\.xlsx: No space left"):
        card.to_excel(target)
    assert target.read_bytes() == b"the old file"
    assert os.listdir(tmp_path) == ["card.xlsx"]  # no temporary file left behind


def test_unwritable_place_is_a_perfscore_error(tmp_path: Path) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    with pytest.raises(perfscore.PerfscoreError, match="cannot write"):
        card.to_excel(tmp_path / "no such folder" / "card.xlsx")
    with pytest.raises(TypeError, match="not int"):
        card.to_excel(3)  # type: ignore[arg-type]


def test_exported_indicators_score_back_to_the_same_card(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    path = card.to_excel(tmp_path / "card.xlsx", frame_columns=True)
    # The frames' column names are what the results reader reads: id, value (percent-formatted) …
    again = perfscore.score(zanhuang, path)
    assert again.to_dict() == card.to_dict()


def test_targets_card_writes_the_self_evaluation_form(tmp_path: Path) -> None:
    card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    assert isinstance(card, perfscore.TargetsScorecard)
    path = card.to_excel(tmp_path / "form.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["自评表", "绩效指标", "项目", "未评分"]
    form = _sheet(path, "自评表")
    rows = [list(row) for row in form.iter_rows(min_row=1)]
    values: list[list[object]] = [[c.value for c in row] for row in rows]
    header: list[object] = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                            "得分", "偏差原因"]  # fmt: skip
    assert values.count(header) == 2  # one per project
    first = values.index(header)
    training = rows[first + 1]
    assert [c.value for c in training[:6]] == [
        "产出指标",
        "数量指标",
        "培训人次",
        "≥1,200人次",
        1150,
        20,
    ]
    assert training[4].number_format == '0"人次"'
    assert training[6].value == pytest.approx(115 / 6)
    assert training[6].number_format == "0.00"
    rate = rows[first + 2][4]
    assert (rate.value, rate.number_format) == (0.96, "0%")
    budget = values[first - 1]
    assert budget[:6] == ["预算执行率", 120, 114, 0.95, 10, 9.5]
    totals = [row for row in rows if row[0].value == "总分"]
    assert [(t[5].value, round(t[6].value, 4), t[7].value) for t in totals] == [  # type: ignore[arg-type]
        (100, round(281 / 3, 4), "优"), (100, round(3580 / 57, 4), "中"),
    ]  # fmt: skip
    assert totals[1][7].fill.fgColor.rgb == FILLS["中"]
    flagged = [row[7] for row in values if row[2] == "新增灌溉面积"]
    assert flagged == ["result written as a bound (≥30亩)"]
    assert form.freeze_panes == "A2"
    assert len(_records(_sheet(path, "绩效指标"))) == 12


def test_frame_scores_with_targets_tables_have_their_sheets(tmp_path: Path) -> None:
    rows = pd.read_csv(TARGET_RESULTS, dtype=str)
    rows.insert(0, "table", "targets-invented-2023")
    scores = perfscore.score_frame({"targets-invented-2023": TARGETS}, rows)
    path = scores.to_excel(tmp_path / "batch.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-2:] == ["目标表指标", "项目"]
    projects = _records(_sheet(path, "项目"))
    assert [p["等级"] for p in projects] == ["优", "中"]
    assert projects[0]["总分"] == pytest.approx(281 / 3)
    assert _sheet(path, "项目")["D2"].number_format == "0.00"  # 总分 to two decimals


# -- formula injection: text from files is text in every workbook ------------------------------

HOSTILE = ('=HYPERLINK("http://x","点击")', "+1+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0")


def _hostile_table() -> perfscore.Table:
    from tests.scoring_data import small_table_data

    data = small_table_data()
    data["department"]["name"] = HOSTILE[0]
    data["duties"][0]["name"] = HOSTILE[1]
    data["duties"][0]["activities"][0]["name"] = HOSTILE[2]
    data["duties"][0]["activities"][0]["indicators"][0]["name"] = HOSTILE[3]
    table = perfscore.load_table(data)
    assert isinstance(table, perfscore.Table)
    return table


def _no_formula(path: Path, *texts: str) -> None:
    """Every cell of every sheet is a value, none a formula, and each text is there as text."""
    book = openpyxl.load_workbook(path)
    found: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    found.add(cell.value)
    for text in texts:
        assert any(text in value for value in found), text


def test_a_scorecards_texts_are_never_formulas(tmp_path: Path) -> None:
    results = {"1.1.1": "100%", "1.1.2": "95%", HOSTILE[0]: "1"}
    card = perfscore.score(_hostile_table(), results, keep_going=True)
    assert card.unscored  # the hostile id is left unscored, and its sheet names it
    path = card.to_excel(tmp_path / "card.xlsx")
    _no_formula(path, *HOSTILE)
    values = [
        c.value for row in openpyxl.load_workbook(path).worksheets[0].iter_rows() for c in row
    ]
    assert 0.95 in values  # a number stays a number


def test_frame_scores_texts_are_never_formulas(tmp_path: Path) -> None:
    table = _hostile_table()
    frame = pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": ["100%"]})
    scores = perfscore.score_frame([table], frame)
    _no_formula(scores.to_excel(tmp_path / "frames.xlsx"), HOSTILE[0], HOSTILE[3])


def test_a_self_evaluation_forms_texts_are_never_formulas(tmp_path: Path) -> None:
    from tests.targets_data import load_targets, small_targets

    data = small_targets(name=HOSTILE[0])
    data["projects"][0]["indicators"][2]["name"] = HOSTILE[1]
    data["projects"][0]["indicators"][0]["levels"] = [HOSTILE[2], "数量指标"]
    card = perfscore.score(load_targets(data), {"1.3": HOSTILE[3]}, keep_going=True)
    _no_formula(card.to_excel(tmp_path / "form.xlsx"), *HOSTILE)


# -- Chinese workbooks, and the numbers the text view shows ---------------------------------------


def _on_screen(cell: object) -> str:
    """What a spreadsheet shows of a number cell under its format: the stored number's decimal,
    rounded half away from zero to the format's places (a percent format times 100)."""
    from decimal import ROUND_HALF_UP, Decimal

    value, fmt = cell.value, cell.number_format  # type: ignore[attr-defined]
    assert isinstance(value, int | float), value
    body = fmt.split(";")[0].strip("+")
    percent = body.endswith("%")
    places = len(body.rstrip("%").partition(".")[2])
    number = Decimal(repr(value)) * (100 if percent else 1)
    shown = str(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return shown + ("%" if percent else "")


def test_a_ladder_workbook_is_in_chinese_with_the_text_views_figures(tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    path = card.to_excel(tmp_path / "card.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["绩效指标", "职责活动", "职责", "部门", "未评分"]
    indicators = [c.value for c in _sheet(path, "绩效指标")[1]]
    assert indicators == ["职责", "职责活动", "编号", "名称", "单位", "实际完成值", "等级",
                          "达到的评价标准", "得分", "行号"]  # fmt: skip
    duties = _sheet(path, "职责")
    header = [c.value for c in duties[1]]
    assert header[:7] == ["编号", "名称", "得分", "等级", "已评价", "指标数", "覆盖率"]
    # Every duty's score reads in the workbook as the text view writes it.
    text = card.to_text().splitlines()
    for r, duty in enumerate(card.duties, start=2):
        line = next(line for line in text if line.startswith(f"{duty.id} "))
        assert line.split()[-3] == _on_screen(duties.cell(row=r, column=3))
    department = _sheet(path, "部门")
    score_at = [c.value for c in department[1]].index("得分") + 1
    shown = text[1].split()[1]  # "department  81.6 良 …"
    assert _on_screen(department.cell(row=2, column=score_at)) == shown
    units = {row[4] for row in _sheet(path, "绩效指标").iter_rows(min_row=2, values_only=True)}
    assert units <= {"%", "人", "次", "个", "户", "项", "种", None}
    assert {"%", "人"} <= units


def test_frame_columns_keep_the_frames_english_names(tmp_path: Path) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    book = openpyxl.load_workbook(card.to_excel(tmp_path / "card.xlsx", frame_columns=True))
    assert book.sheetnames == ["indicators", "activities", "duties", "department", "unscored"]
    assert [c.value for c in book["duties"][1]][:3] == ["id", "name", "score"]


def _form_rows(path: Path) -> list[list[object]]:
    return [[c.value for c in row] for row in _sheet(path, "自评表").iter_rows()]


def test_the_invented_targets_workbook_shows_targets_and_the_text_views_figures(
    tmp_path: Path,
) -> None:
    card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    path = card.to_excel(tmp_path / "form.xlsx")
    form = _sheet(path, "自评表")
    targets = {row[2]: row[3] for row in _form_rows(path) if row[0] in ("产出指标", "效益指标",
               "满意度指标")}  # fmt: skip
    assert targets["培训合格率"] == "≥95%"
    assert targets["新增灌溉面积"] == "≥29.5亩"  # a bare number under 正向 gets its ≥
    assert targets["安全事故发生数"] == "≤0次"  # and under 反向 its ≤
    assert targets["补贴发放时间"] == "12月底前"
    # Each 得分 and 总分 reads in the workbook as the text view writes it.
    text = card.to_text()
    for row in form.iter_rows():
        name, points = row[2].value, row[6]
        if isinstance(name, str) and isinstance(points.value, float | int) and name != "分值":
            line = next(line for line in text.splitlines() if f" {name}  " in line)
            assert line.split("得分 ")[1].split()[0] == _on_screen(points), name
    totals = [_on_screen(row[6]) for row in form.iter_rows() if row[0].value == "总分"]
    assert totals == [p.split("总分 ")[1].split()[0] for p in text.splitlines() if "总分 " in p][:2]
    rates = [_on_screen(row[3]) for row in form.iter_rows() if row[0].value == "预算执行率"]
    assert rates == [line.split("实际 ")[1].split()[0] for line in text.splitlines()
                     if "预算执行率" in line]  # fmt: skip


def test_targets_with_operator_unit_and_deviation_reasons(tmp_path: Path) -> None:
    from tests.targets_data import load_targets, small_targets

    data = small_targets(
        indicators=[
            {"id": "1.1", "levels": ["产出指标", "数量指标"], "name": "人均培训次数",
             "target": "≥1", "unit": "人/年", "weight": 40},
            {"id": "1.2", "levels": ["产出指标", "质量指标"], "name": "合格率", "target": "95",
             "unit": "%", "op": "≥", "weight": 30},
            {"id": "1.3", "levels": ["产出指标", "数量指标"], "name": "资金", "target": "≥5万元",
             "weight": 20},
        ]
    )  # fmt: skip
    card = perfscore.score(load_targets(data), {"1.1": "1.5", "1.2": "96", "1.budget": 120})
    path = card.to_excel(tmp_path / "form.xlsx")
    rows = {row[2]: row for row in _sheet(path, "自评表").iter_rows() if row[2].value}
    rows_by_name = {str(cell.value): row for cell, row in ((r[2], r) for r in rows.values())}
    assert rows_by_name["合格率"][3].value == "≥95%"  # not a bare 95
    per_year = rows_by_name["人均培训次数"]
    assert (per_year[3].value, per_year[4].value) == ("≥1人/年", 1.5)
    assert per_year[4].number_format == '0.0"人/年"'  # never pint's "person / year"
    assert rows_by_name["资金"][7].value == "无结果"
    budget = next(r for r in _sheet(path, "自评表").iter_rows() if r[0].value == "预算执行率")
    assert budget[7].value == card.projects[0].budget.flags[0]  # type: ignore[union-attr]
    assert "120%" in str(budget[7].value)
    text = card.to_text()
    assert "目标 ≥95%  实际 96%" in text
    assert "实际 1.5人/年" in text
    assert "person" not in text
    units = [row[7] for row in _sheet(path, "绩效指标").iter_rows(values_only=True)]
    assert "人/年" in units


def test_a_comparison_workbook_shows_changes_that_add_up(tmp_path: Path) -> None:
    before = perfscore.score(zanhuang, EXAMPLE)
    after = perfscore.score(zanhuang, EXAMPLE.with_name("zanhuang-hrss-2019-results.csv"))
    comparison = perfscore.compare(before, after, labels=["2018", "2019"])
    path = comparison.to_excel(tmp_path / "compare.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["部门", "职责", "职责活动", "绩效指标", "发现"]
    duties = _sheet(path, "职责")
    header = [c.value for c in duties[1]]
    assert header == ["编号", "名称", "2018 得分", "2018 等级", "2019 得分", "2019 等级", "变化",
                      "等级变化"]  # fmt: skip
    text = comparison.to_text().splitlines()
    for row in duties.iter_rows(min_row=2):
        first, last, change = (_on_screen(row[k]) for k in (2, 4, 6))
        assert Fraction(last) - Fraction(first) == Fraction(change)
        line = next(line for line in text if line.startswith(f"{row[0].value} "))
        assert f"{first} {row[3].value} → {last} {row[5].value}" in line
        assert line.split()[-2] == (
            change if change.startswith("-") or change == "0.0" else f"+{change}"
        )
        assert row[3].fill.fgColor.rgb == FILLS[str(row[3].value)]
    english = openpyxl.load_workbook(comparison.to_excel(tmp_path / "en.xlsx", frame_columns=True))
    assert english.sheetnames == ["departments", "duties", "activities", "indicators", "findings"]


def test_prices_per_unit_show_as_published_in_the_text_view_and_the_workbook(
    tmp_path: Path,
) -> None:
    """A price per 亩 or per 平米 reads as printed (元/亩, never pint's yuan / mu), and a result
    in a unit it converts into is shown in the target's."""
    from tests.targets_data import load_targets, small_targets

    data = small_targets(
        indicators=[
            {"id": "1.1", "levels": ["产出指标", "成本指标"], "name": "流转土地补助标准",
             "target": "<=475元/亩", "weight": 50},
            {"id": "1.2", "levels": ["产出指标", "成本指标"], "name": "建设成本",
             "target": "490元/平米", "direction": "反向", "weight": 50},
        ]
    )  # fmt: skip
    card = perfscore.score(load_targets(data), {"1.1": "0.7125元/平方米", "1.2": "490元/平方米"})
    text = card.to_text()
    assert "目标 <=475元/亩  实际 475元/亩" in text  # the target as published
    assert "目标 ≤490元/平方米  实际 490元/平方米" in text  # a bare one gets its ≤
    assert "yuan" not in text
    path = card.to_excel(tmp_path / "form.xlsx")
    rows = {str(r[2].value): r for r in _sheet(path, "自评表").iter_rows() if r[2].value}
    land = rows["流转土地补助标准"]
    assert (land[3].value, land[4].value) == ("<=475元/亩", 475)
    assert land[4].number_format == '0"元/亩"'
    assert rows["建设成本"][4].number_format == '0"元/平方米"'
