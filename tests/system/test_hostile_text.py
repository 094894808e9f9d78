"""Hostile text in cells, values, table files and on the command line: refused with a clear,
short, terminal-safe message, in time linear in the input."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from perfscore import NotationError, PerfscoreError, TableError, load_table, parse_ladder
from perfscore.errors import printable
from perfscore.notation import parse_cell, parse_quantity
from perfscore.notation._tokenizer import MAX_CELL_LENGTH

LADDER = {"优": "≥95%", "良": "≥90%", "中": "≥85%", "差": "<85%"}


# -- digits that are not digits --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written", "caret"),
    [
        ("≥90¹%", "¹", "       ^"),
        ("85⁰%", "⁰", "      ^"),
        ("⑨⑤%", "⑨⑤", "    ^^"),  # circled digits are one column wide
    ],
)
def test_a_superscript_or_circled_digit_is_refused_under_a_caret(
    cell: str, written: str, caret: str
) -> None:
    # NFKC would read ≥90¹% as ≥901%, 85⁰% as 850 %, ⑨⑤% as 95 %.
    with pytest.raises(NotationError) as info:
        parse_cell(cell)
    assert info.value.reason == f"unexpected {written!r}"
    assert str(info.value).splitlines()[-1] == caret


def test_a_superscript_digit_in_a_value_is_refused() -> None:
    ladder = parse_ladder(LADDER)
    with pytest.raises(NotationError, match="unexpected '¹'"):
        ladder.grade("90¹%")


def test_full_width_digits_still_fold() -> None:
    assert parse_quantity("９５％") == parse_quantity("95%")


def test_check_reports_a_superscript_digit(tmp_path: Path) -> None:
    from perfscore.tables import check_file

    text = (
        Path(__file__).parents[2] / "src/perfscore/indicators/zanhuang-hrss-2018.yaml"
    ).read_text(encoding="utf-8")
    assert "≥95%" in text
    path = tmp_path / "zanhuang-hrss-2018.yaml"
    path.write_text(text.replace("≥95%", "≥95¹%", 1), encoding="utf-8")
    findings = [str(f) for f in check_file(path)]
    assert any("unexpected '¹'" in f for f in findings), findings


# -- linear parsing, capped cells, short messages --------------------------------------------


def test_three_thousand_alternatives_make_one_ladder() -> None:
    # Before the sweep in IntervalSet and the one union per cell, 2,000 alternatives took 38 s
    # (each union re-sorted all, each lookup scanned all); 3,000 now take about a second.
    cell = "或".join(f"{2 * i}-{2 * i + 1}人" for i in range(3000))
    ladder = parse_ladder({"优": cell, "良": None, "中": None, "差": "<0人"}, unit="人")
    assert str(ladder.grade(5998)) == "优"
    assert str(ladder.grade(0)) == "优"
    assert len(parse_cell(cell).alternatives) == 3000


def test_a_cell_longer_than_the_cap_is_refused_with_a_short_message() -> None:
    cell = "啊" * 1_000_000  # unknown text: 51 s before the cap and the first-character index
    with pytest.raises(NotationError) as info:
        parse_cell(cell)
    message = str(info.value)
    assert info.value.reason == (
        f"a cell of 1,000,000 characters (at most {MAX_CELL_LENGTH:,} are read)"
    )
    assert len(message) < 500


def test_unknown_text_under_the_cap_is_quoted_in_a_window() -> None:
    cell = "≥" + "x" * 40_000  # one unknown word of 40,000 letters
    with pytest.raises(NotationError) as info:
        parse_cell(cell)
    message = str(info.value)
    assert info.value.reason == "unexpected 'xxxxxxxxxxxxxxxxxxxx… (40,000 characters)'"
    source_line, caret_line = message.splitlines()[1:]
    assert source_line == "    ≥" + "x" * 80 + "…"
    assert caret_line == "     " + "^" * 80
    assert len(message) < 400


def test_a_fault_deep_in_a_long_cell_is_shown_around_it() -> None:
    cell = "≥1%或" * 5000 + "≥9O%"
    with pytest.raises(NotationError) as info:
        parse_cell(cell)
    lines = str(info.value).splitlines()
    assert lines[0] == "unexpected 'O'"
    assert lines[1].startswith("    …")
    assert lines[1].endswith("≥9O%")
    caret = lines[2].index("^")
    assert lines[2].count("^") == 1
    # the caret sits under the O (the window holds wide characters: count columns)
    from perfscore.errors import _columns  # the module's own helper, tested here

    shown = lines[1]
    assert _columns(shown[: shown.rindex("O")]) == caret


# -- control characters ----------------------------------------------------------------------


def test_control_characters_in_a_cell_are_escaped_in_the_message() -> None:
    with pytest.raises(NotationError) as info:
        parse_cell("≥9\x1b]0;owned\x07%")
    message = str(info.value)
    assert "\x1b" not in message
    assert "\x07" not in message
    assert message.splitlines()[1] == "    ≥9\\x1b]0;owned\\x07%"


def test_printable_escapes_bidi_overrides_and_line_separators() -> None:
    assert printable("a\u202eb\u2028c\nd", keep="\n") == "a\\u202eb\\u2028c\nd"
    assert printable("a\nb") == "a\\x0ab"


def test_a_message_never_holds_a_control_character() -> None:
    error = PerfscoreError("no indicator '\x1b[2J'")
    error.located(indicator="\x1b[2J", file="f\x07.csv")
    assert str(error) == "f\\x07.csv, indicator \\x1b[2J: no indicator '\\x1b[2J'"


# -- table files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: x\nduties: &d []\n",
            "t.yaml: not valid YAML: an anchor (&d) at line 2: table files spell every value "
            "out, without YAML anchors and aliases",
        ),
        (
            "a: 1\nb:\n  - *x\n",
            "t.yaml: not valid YAML: an alias (*x) at line 3: table files spell every value "
            "out, without YAML anchors and aliases",
        ),
    ],
)
def test_yaml_anchors_and_aliases_are_refused_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as info:
        load_table("t.yaml")
    assert str(info.value) == message


def test_an_alias_fan_out_is_refused_before_it_expands(tmp_path: Path) -> None:
    # Nine levels of nine aliases: 9**9 (387 M) nodes if expanded.
    lines = ["a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TableError, match="an anchor \\(&a0\\) at line 1"):
        load_table(path)


@pytest.mark.parametrize(
    "name", ["../../../../../../etc/no-such-table", "indicators/../x", "A-B", ".."]
)
def test_a_bundled_name_is_only_a_plain_name(name: str) -> None:
    with pytest.raises(TableError) as info:
        load_table(name)
    assert info.value.reason == (
        f"no table file {name!r}, and a bundled table's name is lower-case letters, digits and "
        "hyphens (zanhuang-hrss-2018)"
    )


def test_dot_dot_segments_do_not_reach_a_yaml_file_outside_the_bundle(tmp_path: Path) -> None:
    import perfscore

    bundle = Path(perfscore.__file__).parent / "indicators"
    outside = tmp_path / "outside"
    outside.with_suffix(".yaml").write_text("name: outside\n", encoding="utf-8")
    up = "../" * len(bundle.parts)
    with pytest.raises(TableError, match="a bundled table's name is lower-case"):
        load_table(up + str(outside).lstrip("/"))


def test_a_folder_named_like_a_bundled_table_does_not_shadow_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zanhuang-hrss-2018").mkdir()
    assert len(load_table("zanhuang-hrss-2018")) == 68


def test_a_folder_with_a_table_suffix_is_named_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.yaml").mkdir()
    with pytest.raises(TableError) as info:
        load_table("t.yaml")
    assert str(info.value) == "t.yaml: a folder, not a table file"


# -- strict table models ---------------------------------------------------------------------


def _raw() -> dict[str, Any]:
    from perfscore.tables._files import read_table_data

    data, _ = read_table_data("zanhuang-hrss-2018")
    return copy.deepcopy(dict(data))


def _one_finding(data: dict[str, Any], tmp_path: Path, name: str = "zanhuang-hrss-2018") -> str:
    import json

    from perfscore.tables import check_file

    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    findings = check_file(path)
    assert len(findings) == 1, findings
    return str(findings[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(year="2018"),
            "year: Input should be a valid integer",
        ),
        (
            lambda d: d["duties"][0].update(weight="2"),
            "(duties[0].weight): Input should be a valid number",
        ),
        (
            lambda d: d["duties"][0]["activities"][0]["indicators"][0].update(weight="2"),
            "(duties[0].activities[0].indicators[0].weight): Input should be a valid number",
        ),
        (lambda d: d.update(duties=[]), "duties: a table has at least one duty"),
        (
            lambda d: d["duties"][0].update(activities=[]),
            "(duties[0].activities): a duty has at least one activity",
        ),
        (
            lambda d: d["duties"][0]["activities"][0].update(indicators=[]),
            "(duties[0].activities[0].indicators): an activity has at least one indicator",
        ),
    ],
)
def test_check_refuses_text_numbers_and_empty_parts(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = _raw()
    change(data)
    assert _one_finding(data, tmp_path).endswith(message)


def test_a_weight_as_text_is_refused_in_python_too() -> None:
    from perfscore import score

    # The same rule as a table file's weight: "2" is text, not a number.
    with pytest.raises(PerfscoreError, match="expected a number, got '2'"):
        score("zanhuang-hrss-2018", {"1.1.1": "95%"}, weights={"1.1": "2"})


def test_check_refuses_a_name_that_is_not_the_file_name(tmp_path: Path) -> None:
    finding = _one_finding(_raw(), tmp_path, name="copy-2018")
    assert finding.endswith(
        "error: name: the table is named 'zanhuang-hrss-2018' but its file 'copy-2018': a "
        "table's name is its file name without the suffix"
    )


def test_a_blank_id_is_said_so() -> None:
    from perfscore import load_table

    with pytest.raises(PerfscoreError) as info:
        load_table("zanhuang-hrss-2018").indicator("  ")
    assert str(info.value) == "the id is blank: a row names no indicator"


# -- the command line: outputs, negative values, control characters -------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from perfscore.cli import main

    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_an_output_onto_an_input_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    results = tmp_path / "results.csv"
    results.write_text("id,value\n1.1.1,95%\n", encoding="utf-8")
    status, out, err = _run(
        capsys, "score", "zanhuang-hrss-2018", "results.csv", "-o", "./results.csv"
    )
    assert status == 1
    assert out == ""
    assert err == (
        "perfscore: error: ./results.csv: the output is an input of this command; write it "
        "elsewhere\n"
    )
    assert results.read_text(encoding="utf-8") == "id,value\n1.1.1,95%\n"


def test_an_output_through_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    from perfscore.outputs import refuse_overwriting

    table = tmp_path / "t.yaml"
    table.write_text("x", encoding="utf-8")
    (tmp_path / "link.yaml").hardlink_to(table)
    with pytest.raises(PerfscoreError, match="the output is an input of this command"):
        refuse_overwriting(tmp_path / "link.yaml", [table])
    refuse_overwriting(tmp_path / "other.yaml", [table])  # another file: allowed


def test_outputs_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    from perfscore.outputs import write_output

    target = tmp_path / "card.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(PerfscoreError, match="cannot write "):
        write_output(target, "new \udcff", encoding="utf-8")  # a lone surrogate cannot encode
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.json"]  # no temporary left
    write_output(target, "new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.json"]


def test_scorecard_to_csv_writes_through_the_same_helper(tmp_path: Path) -> None:
    from perfscore import score

    card = score("zanhuang-hrss-2018", {"1.1.1": "95%"}, keep_going=True)
    with pytest.raises(PerfscoreError, match="cannot write "):
        card.to_csv(tmp_path / "no-such-folder" / "card.csv")


@pytest.mark.parametrize("values", [["-5%"], ["90%", "-5%"]])
def test_a_negative_value_without_dashes_gets_a_hint(
    capsys: pytest.CaptureFixture[str], values: list[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        _run(capsys, "grade", "100%/≥90%/≥80%/<80%", *values)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(
        "perfscore: hint: a value starting with '-' reads as an option; put -- before the "
        "values, e.g. perfscore grade LADDER -- -5%\n"
    )


def test_a_negative_value_after_dashes_is_graded(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "grade", "3/2/1/0", "--unit", "次", "--", "-1", "2")
    assert out.splitlines()[1:] == ["-1\terror: a count of 次 cannot be negative: -1", "2\t良"]
    assert status == 1


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = _run(capsys, "grade", "100%/≥90%/≥80%/<80%", "9\x1b]0;owned\x07%")
    assert status == 1
    assert out.splitlines()[1] == "9\\x1b]0;owned\\x07%\terror: unexpected '\\x1b]'"
    results = tmp_path / "r.csv"
    results.write_text("id,value\n1.1.1\x1b[2J,95%\n1.1.2,95%\n", encoding="utf-8")
    status, out, err = _run(capsys, "score", "zanhuang-hrss-2018", "r.csv", "--keep-going")
    for text in (out, err):
        assert "\x1b" not in text
    assert "1.1.1\\x1b[2J" in out + err


def test_text_view_escapes_names_from_the_table() -> None:
    from perfscore import score

    data = _raw()
    data["duties"][0]["activities"][0]["indicators"][0]["name"] = "率\x1b[2J"
    card = score(load_table(data), {"1.1.1": "95%"}, keep_going=True)
    text = card.to_text()
    assert "\x1b" not in text
    assert "率\\x1b[2J" in text


def test_check_findings_escape_control_characters(tmp_path: Path) -> None:
    data = _raw()
    data["duties"][0]["activities"][0]["indicators"][0]["cells"]["优"] = "≥9\x1b[2J%"
    finding = _one_finding(data, tmp_path)
    assert "\x1b" not in finding
    assert "≥9\\x1b[2J%" in finding


# -- target cells share the tokenizer's rules ------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("≥90¹%", "expected a unit or the end of the target, found '¹%'"),
        ("⑨⑤%", "expected a number, found '⑨⑤'"),
        ("≥9\x1b[2J%", "unexpected '\\x1b['"),
    ],
)
def test_target_cells_refuse_compatibility_digits_and_controls(cell: str, message: str) -> None:
    from perfscore.notation import parse_target

    with pytest.raises(NotationError) as info:
        parse_target(cell)
    assert str(info.value).splitlines()[0] == message
    assert "\x1b" not in str(info.value)


def test_a_long_qualitative_target_is_capped() -> None:
    from perfscore.notation import parse_target

    with pytest.raises(NotationError) as info:
        parse_target("啊" * 100_000)
    assert info.value.reason == (
        f"a cell of 100,000 characters (at most {MAX_CELL_LENGTH:,} are read)"
    )
    assert len(str(info.value)) < 500


def test_targets_text_view_escapes_control_characters() -> None:
    from perfscore import score

    examples = Path(__file__).resolve().parents[2] / "examples"
    data = _raw_targets(examples / "targets-invented-2023.yaml")
    data["projects"][0]["name"] = "项目\x1b]0;owned\x07"
    card = score(load_table(data), examples / "targets-invented-2023-results.csv")
    text = card.to_text()
    assert "\x1b" not in text
    assert "项目\\x1b]0;owned\\x07" in text


def _raw_targets(path: Path) -> dict[str, Any]:
    from perfscore.tables._files import read_table_data

    data, _ = read_table_data(path)
    return copy.deepcopy(dict(data))


def test_import_and_export_refuse_to_overwrite_their_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[1] / "data" / "zanhuang-hrss-2018-disclosure.txt"
    copy_of = tmp_path / "published.txt"
    copy_of.write_bytes(source.read_bytes())
    monkeypatch.chdir(tmp_path)
    status, _, err = _run(capsys, "import", "published.txt", "-o", "published.txt")
    assert status == 1
    assert err == (
        "perfscore: error: published.txt: the output is an input of this command; write it "
        "elsewhere\n"
    )
    assert copy_of.read_bytes() == source.read_bytes()
    table = tmp_path / "t.yaml"
    table.write_text(_yaml_of_bundled(), encoding="utf-8")
    status, _, err = _run(capsys, "export", "t.yaml", "--format", "txt", "-o", "./t.yaml")
    assert status == 1
    assert "the output is an input of this command" in err
    assert table.read_text(encoding="utf-8") == _yaml_of_bundled()


def _yaml_of_bundled() -> str:
    import perfscore

    bundle = Path(perfscore.__file__).parent / "indicators" / "zanhuang-hrss-2018.yaml"
    return bundle.read_text(encoding="utf-8")
