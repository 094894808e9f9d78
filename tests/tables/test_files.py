"""perfscore.tables._files: tables loaded from YAML, JSON, mappings and
bundled names, every bad file a TableError, and the JSON Schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

import perfscore
from perfscore import TableError, load_table
from perfscore.tables import Table, TargetsTable, bundled_tables, check_file, json_schema
from perfscore.tables._files import (
    BUNDLED_NAME,
    read_table,
    read_table_data,
    table_error,
    table_errors,
    table_model,
)
from tests.table_data import raw, small
from tests.targets_data import TARGETS, small_targets

ROOT = Path(__file__).resolve().parents[2]
TABLE = "zanhuang-hrss-2018"


@pytest.fixture(scope="module")
def table() -> Table:
    return load_table(TABLE)


# -- bundled tables ------------------------------------------------------------------------


def test_every_shipped_table_loads() -> None:
    shipped = [
        entry.name
        for entry in files("perfscore").joinpath("indicators").iterdir()
        if entry.name.endswith((".yaml", ".yml", ".json"))
    ]
    assert shipped, "no table ships with the package"
    for filename in shipped:
        name = filename.rsplit(".", 1)[0]
        assert name in bundled_tables()
        table = load_table(name)
        assert table.name == name, "a bundled table is loaded by its name"
        assert len(table) > 0
        assert check_file(name) == [], "every shipped table passes perfscore check"


def test_a_path_and_a_bundled_name_load_the_same_table(table: Table) -> None:
    assert load_table(ROOT / "indicators" / f"{TABLE}.yaml") == table
    assert load_table(str(ROOT / "indicators" / f"{TABLE}.yaml")).indicator("9.2.1").name == (
        "当年基金使用率"
    )


def test_json_and_mappings_load(tmp_path: Path, table: Table) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(raw(), ensure_ascii=False), encoding="utf-8")
    assert load_table(path) == table
    assert load_table(raw()) == table


def test_unknown_bundled_name_suggests_close_names() -> None:
    with pytest.raises(TableError) as caught:
        load_table("zanhuang-hrss-2019")
    assert str(caught.value) == (
        "no table file 'zanhuang-hrss-2019' and no bundled table of that name; did you mean "
        "'zanhuang-hrss-2018'? (bundled: zanhuang-hrss-2018)"
    )


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(TableError) as caught:
        load_table(missing)
    assert str(caught.value).startswith(f"{missing}: cannot read the table file: ")


# -- loading errors ------------------------------------------------------------------------


def test_bad_yaml(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nduties: [\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value).startswith(f"{path}: not valid YAML: ")


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"name": ', encoding="utf-8")
    with pytest.raises(TableError, match=r"bad\.json: not valid JSON: Expecting value"):
        load_table(path)


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value) == f"{path}: a table file holds a mapping at the top level"


def test_unknown_key_names_its_field_path() -> None:
    data = raw()
    data["duties"][8]["activities"][1]["indicators"][0]["colour"] = "red"
    with pytest.raises(TableError) as caught:
        load_table(data)
    assert str(caught.value) == (
        "<mapping>, duties[8].activities[1].indicators[0].colour: unknown field 'colour'"
    )


def test_more_problems_are_counted() -> None:
    data = small(colour="red")
    data["year"] = "soon"
    with pytest.raises(TableError) as caught:
        load_table(data)
    assert str(caught.value).endswith("(and 1 more problem)")


# -- the JSON Schema -----------------------------------------------------------------------


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads((ROOT / "docs" / "table.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate: perfscore schema > docs/table.schema.json"


def test_schema_is_useful_in_an_editor() -> None:
    schema = json_schema()
    indicator = schema["$defs"]["Indicator"]
    assert schema["title"] == "perfscore table"
    assert set(indicator["properties"]["cells"]["properties"]) == {"优", "良", "中", "差"}
    assert indicator["properties"]["cells"]["additionalProperties"] is False
    assert indicator["additionalProperties"] is False
    # Every field says what it is.
    for model in schema["$defs"].values():
        for name, field in model["properties"].items():
            assert field.get("description"), name


def test_bundled_table_is_valid_under_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(raw(), json_schema())


# -- the wheel -----------------------------------------------------------------------------


def _build_wheel(source: Path, out: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("perfscore-*.whl")
    return zipfile.ZipFile(wheel).namelist()


@pytest.mark.slow
def test_the_wheel_ships_the_tables(tmp_path: Path) -> None:
    """Build the wheel (no network: the installed hatchling) from the checkout and from a copy
    without the src/perfscore/indicators symlink (as an sdist has it), and look inside."""
    pytest.importorskip("hatchling")
    shipped = sorted(f"perfscore/indicators/{p.name}" for p in (ROOT / "indicators").iterdir())
    copy = tmp_path / "sdist"
    shutil.copytree(
        ROOT,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(".git", ".venv", "*cache*", "__pycache__", "build", "dist"),
    )
    (copy / "src" / "perfscore" / "indicators").unlink()
    for source, out in ((ROOT, tmp_path / "a"), (copy, tmp_path / "b")):
        names = _build_wheel(source, out)
        assert sorted(n for n in names if n.startswith("perfscore/indicators/")) == shipped
        assert "perfscore/py.typed" in names


def test_a_repeated_yaml_key_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("name: x\nyear: 2018\nyear: 2019\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value) == (
        f"{path}: not valid YAML: the key 'year' is repeated at line 3 (first at line 2)"
    )


def test_a_repeated_json_key_is_refused_naming_its_object(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"name": "x", "duties": [{"id": "1", "weight": 1, "weight": 9}]}', "utf-8")
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value) == (
        f"{path}: not valid JSON: the key 'weight' is repeated in the object with id '1'"
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deeply_nested_data_is_a_table_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text('{"name": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    kind = "JSON" if suffix == ".json" else "YAML"
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value) == f"{path}: not valid {kind}: nested too deeply to read"


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_huge_integer_is_a_table_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    path.write_text('{"name": "x", "year": ' + "9" * 5000 + "}", encoding="utf-8")
    kind = "JSON" if suffix == ".json" else "YAML"
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(caught.value) == f"{path}: not valid {kind}: a number of more than 4300 digits"


def test_a_file_name_the_system_refuses_is_a_table_error() -> None:
    with pytest.raises(TableError) as caught:
        load_table("b" * 300 + ".yaml")
    assert str(caught.value).startswith(f"{'b' * 300}.yaml: cannot read the table file: ")
    with pytest.raises(TableError) as caught:
        load_table("b" * 300)
    assert str(caught.value).startswith(f"{'b' * 300}: cannot read the table file: ")
    with pytest.raises(TableError) as caught:
        load_table("a\x00b.yaml")
    assert str(caught.value) == "'a\\x00b.yaml': cannot read the table file: embedded null byte"


@pytest.mark.parametrize("source", [None, 5, b"x.yaml"])
def test_a_source_that_is_no_path_is_refused(source: Any) -> None:
    with pytest.raises(TableError) as caught:
        load_table(source)
    assert str(caught.value) == (
        "a table is loaded from a path, a bundled table's name or a mapping, "
        f"not {type(source).__name__}"
    )


_YAML_SHAPES = [
    "name: x\nyear: 2018\n",
    "a: &cells {优: '≥95%', 良: null}\nb: *cells\n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",
    "1: one\n2.5: two\ntrue: yes\n~: none\n",
    "when: 2018-12-31\nids: ['1.1', 1.10, 0x1F, .inf, -.nan]\n",
    "outer: {inner: {year: 1, year: 2}}\nyear: 1\nyear: 2\n",
    "- [a, b]\n- {c: d}\n",
    "",
    "key: !!python/name:os.system ''\n",
    "[unclosed\n",
    # Explicit tags, documents and keys the event reader builds or hands to the pure loader.
    "a: !!str 3\nb: ! 4\nc: !!int '5'\nd: !!float 1\n",
    "!!map {a: 1}\n",
    "a: !!seq [1, 2]\nb: !!set {x, y}\nc: !!omap [x: 1]\n",
    "!!str 3: x\n!!binary aGk=: y\n",
    "- {id: '1', id: '2'}\n",
    "---\n",
    "--- ~\n",
    "--- a\n--- b\n",
    "plain text\n",
    "a: {? [x]: 1}\n",
    "a: !custom x\n",
    "year: 2018\nbudget: 1.5\nflag: yes\nnone: null\nempty:\n",
]


@pytest.mark.parametrize("text", _YAML_SHAPES)
def test_the_libyaml_reader_reads_as_the_pure_python_loader(text: str) -> None:
    from perfscore.tables._files import _load_yaml, _UniqueKeyLoader  # the two readers compared

    def outcome(read: Any) -> object:
        try:
            return ("data", repr(read(text)))
        except Exception as error:  # both readers' faults are compared
            return ("error", type(error).__name__, str(error))

    assert outcome(_load_yaml) == outcome(lambda t: yaml.load(t, Loader=_UniqueKeyLoader))


def test_every_bundled_table_reads_the_same_through_libyaml() -> None:
    from perfscore.tables._files import _load_yaml, _UniqueKeyLoader

    for entry in files("perfscore").joinpath("indicators").iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            text = entry.read_text(encoding="utf-8")
            assert _load_yaml(text) == yaml.load(text, Loader=_UniqueKeyLoader)


def test_the_event_reader_builds_a_plain_table_itself() -> None:
    # The bundled table takes the fast path (no fallback to the pure loader) and reads the same.
    from perfscore.tables._files import _document, _UniqueKeyLoader

    text = files("perfscore").joinpath("indicators", "zanhuang-hrss-2018.yaml").read_text("utf-8")
    loader = yaml.CSafeLoader(text)
    try:
        assert _document(loader) == yaml.load(text, Loader=_UniqueKeyLoader)
    finally:
        loader.dispose()


def test_example_is_valid_under_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    data = yaml.safe_load(TARGETS.read_text(encoding="utf-8"))
    jsonschema.validate(data, perfscore.tables.json_schema())
    jsonschema.validate(small_targets(), perfscore.tables.json_schema())


# -- the steps of loading: read_table_data, table_model, table_errors ------------------------


def test_a_mapping_is_read_as_it_is_and_reported_as_a_mapping() -> None:
    data = small()
    read, label = read_table_data(data)
    assert read is data
    assert label == "<mapping>"


def test_a_file_is_read_with_or_without_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small(), ensure_ascii=False), encoding="utf-8-sig")
    data, label = read_table_data(path)
    assert (label, data["name"]) == (str(path), "small")
    assert read_table_data(str(path))[0] == data


def test_a_bundled_name_is_its_own_label() -> None:
    data, label = read_table_data(TABLE)
    assert label == TABLE
    assert data["name"] == TABLE


@pytest.mark.parametrize(
    ("name", "valid"),
    [("zanhuang-hrss-2018", True), ("a", True), ("Zanhuang", False), ("-x", False),
     ("a_b", False), ("../x", False), ("x y", False)],
)  # fmt: skip
def test_bundled_names_are_lower_case_letters_digits_and_hyphens(name: str, valid: bool) -> None:
    assert bool(BUNDLED_NAME.fullmatch(name)) is valid


@pytest.mark.parametrize(
    ("data", "model"),
    [({}, Table), ({"kind": "ladders"}, Table), ({"kind": "targets"}, TargetsTable)],
)
def test_the_model_is_chosen_by_kind(data: dict[str, str], model: type) -> None:
    assert table_model(data) is model


@pytest.mark.parametrize("kind", ["Targets", "tables", None, 1])
def test_another_kind_is_a_table_error_at_its_path(kind: object) -> None:
    with pytest.raises(TableError) as raised:
        table_model({"kind": kind})
    assert raised.value.where.path == "kind"
    assert str(raised.value) == (
        f"kind: kind is 'ladders' (the default) or 'targets', not {kind!r}"
    )


def test_read_table_gives_the_kind_the_file_says() -> None:
    assert isinstance(read_table(TABLE), Table)
    assert isinstance(read_table(TARGETS), TargetsTable)
    assert isinstance(read_table(small_targets()), TargetsTable)


def test_every_validation_problem_is_a_table_error_with_its_path() -> None:
    data = small(colour="red", id=3)
    data["year"] = "soon"
    with pytest.raises(ValidationError) as raised:
        Table.model_validate(data)
    errors = table_errors(raised.value, "t.yaml")
    assert [(e.where.file, e.where.path, e.reason) for e in errors] == [
        ("t.yaml", "year", "Input should be a valid integer"),
        ("t.yaml", "duties[0].activities[0].indicators[0].id", 'an id is text: quote it ("3")'),
        ("t.yaml", "duties[0].activities[0].indicators[0].colour", "unknown field 'colour'"),
    ]
    first = table_error(raised.value, "t.yaml")
    assert str(first) == ("t.yaml, year: Input should be a valid integer (and 2 more problems)")


def test_a_cell_that_does_not_read_is_reported_under_its_cells_path() -> None:
    cells = {"优": "≥9O%", "良": "≥90%", "中": "≥80%", "差": "<80%"}
    with pytest.raises(ValidationError) as raised:
        Table.model_validate(small(cells=cells))
    (error,) = table_errors(raised.value, "<mapping>")
    assert error.where.path == "duties[0].activities[0].indicators[0].cells.优"
    assert error.where.cell is None  # said once, in the path
    assert error.reason == "unexpected 'O'"
    assert error.details() == "    ≥9O%\n      ^"
