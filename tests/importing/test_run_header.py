"""perfscore.importing._run_header: a form's header found inside a run of text."""

from __future__ import annotations

from perfscore.importing._run_header import find_header


def test_the_header_inside_a_line_in_its_printed_order() -> None:
    # 分值 before the target, as a Sichuan self-evaluation prints it, after the budget block.
    text = (
        "资金情况全年预算数(A)分值得分一级指标二级指标三级指标分值年度指标值全年实际值得分"
        "未完成原因及拟采取的改进措施产出指标"
    )
    header = find_header(text)
    assert header is not None
    assert [c.kind for c in header.columns] == [
        "level1", "level2", "name", "weight", "target", "actual", "points", "reason",
    ]  # fmt: skip
    assert text[header.end :] == "产出指标"


def test_a_scrambled_word_and_a_lost_name_column_are_said() -> None:
    header = find_header("一级指标二级指标三级指标考值参分指标值(A)得分项目决策")
    assert header is not None
    assert [c.word for c in header.columns][3] == "参考分值"
    assert any("考值参分" in n for n in header.notes)
    lost = find_header("绩效指标一级指标二级指标绩效标准当年预期实现值数量指标")
    assert lost is not None
    assert [c.kind for c in lost.columns] == ["level1", "level2", "name", "explain", "target"]
    assert any("三级指标" in n for n in lost.notes)


def test_no_header_without_a_target_column() -> None:
    assert find_header("一级指标二级指标三级指标") is None
    assert find_header("培训人次≥500人次") is None


def test_the_words_of_the_forms_one_vocabulary_are_found_with_their_kinds() -> None:
    # 指标值类型 is the 指标性质 (read as "nature" here), 预期指标值 a target, 得分系数 a share
    header = find_header("一级指标二级指标三级指标指标值类型预期指标值得分系数得分产出指标")
    assert header is not None
    assert [c.kind for c in header.columns] == [
        "level1", "level2", "name", "nature", "target", "ratio", "points",
    ]  # fmt: skip
