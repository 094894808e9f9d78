"""The module paths before the packages still import, for one release, and warn.

``OLD_ALL`` is every module's ``__all__`` as 0.1 published it: each name still resolves through
its old path (to the object perfscore uses now), an old path warns once it is imported, and a
path that became a package face hands on the few names the face does not publish.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import perfscore
from perfscore._moved import MOVED, OLD_NAMES

OLD_ALL = {
    "_tokenizer": ("MAX_CELL_LENGTH", "Kind", "Token", "fold", "reload_units", "tokenize"),
    "batch": ("LadderBook",),
    "check": ("Finding", "Severity", "check_file", "check_table", "has_errors"),
    "comparison": ("LEVELS", "SINGULAR", "Comparison", "compare"),
    "compiled": ("MISSING", "UNCOVERED", "CompiledLadder", "Kernel", "compile_regions"),
    "display": ("GRADE_COLOURS", "grade_text", "html_table", "shown_score", "text"),
    "exact": (
        "FLOAT_EXACT",
        "as_decimal",
        "beyond_float",
        "check_count",
        "exact_type",
        "is_blank",
        "is_quantity",
        "needs_exact",
        "read_number",
        "read_value",
        "refused",
        "scientific",
        "show_number",
        "to_float64",
        "whole_range",
    ),
    "frame_grading": ("Columns", "Grading", "read_columns"),
    "frame_rollup": ("Level", "Levels", "Points", "roll_up_layout", "roll_up_tables"),
    "frames": ("BadFrameResults", "FrameScores", "TablesSource", "score_frame"),
    "importing": (
        "FORMATS",
        "ImportFailed",
        "ImportFinding",
        "Imported",
        "Place",
        "export_table",
        "exportable",
        "import_table",
    ),
    "importing.export": ("FORMATS", "export_table", "exportable", "rows"),
    "importing.findings": ("KINDS", "ImportFinding", "Place"),
    "importing.forms": (
        "TargetsAssembly",
        "assemble_targets",
        "find_targets_header",
        "targets_mapping",
    ),
    "importing.importer": ("ImportFailed", "Imported", "import_table"),
    "importing.layouts": (
        "LAYOUTS",
        "ActivityDraft",
        "Assembly",
        "DutyDraft",
        "Header",
        "IndicatorDraft",
        "assemble",
        "find_header",
        "header_word",
    ),
    "importing.metadata": ("metadata",),
    "importing.repairs": (
        "TRADITIONAL",
        "clean",
        "dangling",
        "dangling_name",
        "join",
        "join_broken",
        "operator_read_as_2",
        "simplify",
        "split_fused",
        "unit_from_name",
    ),
    "importing.sources": (
        "Source",
        "SourceRow",
        "read_docx",
        "read_pdf",
        "read_source",
        "read_text",
        "read_xlsx",
    ),
    "indicator_frames": ("INDICATOR_COLUMNS", "indicator_frame"),
    "labels": ("same_label", "simplified"),
    "ladders": ("Cells", "Direction", "Ladder", "normalize_label", "parse_ladder", "read_value"),
    "layouts": ("Layout", "Nodes"),
    "methods": (
        "DEFAULT_POINTS",
        "METHODS",
        "MOF_BANDS",
        "Flat",
        "MeanOfPoints",
        "Method",
        "MissingAsPoor",
        "PointsDependOn",
        "ProportionalCredit",
        "WorstGrade",
        "exact",
        "get_method",
        "points_depend_on",
    ),
    "misreadings": (
        "HIGHER_IS_BETTER_WORDS",
        "LOWER_IS_BETTER_WORDS",
        "Misreading",
        "ladder_misreadings",
        "target_misreadings",
        "targets_table_misreadings",
    ),
    "nodematching": ("MatchedRow", "Node", "id_key", "match_nodes"),
    "notation": ("Clause", "Expression", "parse_cell", "parse_quantity", "unexpected"),
    "plots": (
        "CHINESE_FONTS",
        "PLOT_COLOURS",
        "NoChineseFont",
        "band_edges",
        "chinese_font",
        "plot_comparison",
        "plot_frame_scores",
        "plot_scorecard",
    ),
    "projects": ("Budget", "Project", "TargetIndicator", "TargetReading", "TargetsTable"),
    "readers": ("ResultsSource", "decode", "read_rows"),
    "regions": (
        "Cells",
        "Direction",
        "Regions",
        "normalize_label",
        "read_regions",
        "read_row",
        "region_bounds",
        "spell_region",
    ),
    "results": (
        "SUGGESTED",
        "BadResults",
        "FractionsWarning",
        "GradedResult",
        "ResultRow",
        "Results",
        "ResultsSource",
        "beyond_float",
        "cell_kind",
        "cell_text",
        "decode",
        "read_results",
        "read_rows",
    ),
    "rollup": ("DEPARTMENT", "Node", "coverage", "roll_up", "table_weights"),
    "rows": (
        "SHOWN_ROWS",
        "BadResults",
        "CellKind",
        "GradedResult",
        "ResultRow",
        "RowsError",
        "UnknownRows",
        "as_any_table",
        "as_table",
        "bad_rows",
        "cell_kind",
        "cell_kinds",
        "cell_text",
        "check_errors",
        "check_weights",
        "distinct_texts",
        "factorize_cells",
        "find_columns",
        "given_twice",
        "grade_row",
        "is_layout",
        "places",
        "quoted",
        "row_magnitude",
        "rows_in",
    ),
    "scorecard": (
        "ActivityScore",
        "DepartmentScore",
        "DutyScore",
        "IndicatorScore",
        "NodeScore",
        "Scorecard",
        "Unscored",
        "score",
    ),
    "selfevaluation": (
        "MET_WORDS",
        "NOT_APPLICABLE",
        "NOT_MET_WORDS",
        "TIERS",
        "Outcome",
        "SelfEvaluation",
        "names_self_evaluation",
        "read_when",
    ),
    "spellings": (
        "FULL_WIDTH",
        "Row",
        "Spec",
        "Writer",
        "ladder_of",
        "messy_label",
        "specs",
        "spell",
        "unit_symbol",
    ),
    "strategies": ("KINDS", "UNITS", "cells", "from_ladder", "ladders", "tables"),
    "table_files": (
        "BUNDLED_NAME",
        "bundled_tables",
        "read_table_data",
        "table_error",
        "table_errors",
    ),
    "table_frames": (
        "TABLES_FRAME",
        "is_indicator_frame",
        "layout_from_frame",
        "tables_from_frame",
    ),
    "tables": (
        "Activity",
        "Department",
        "Duty",
        "Indicator",
        "Reading",
        "Table",
        "bundled_tables",
        "clear_ladder_cache",
        "field_paths",
        "json_schema",
        "load_table",
        "read_table",
        "shared_ladder",
        "table_model",
    ),
    "targetcard": (
        "BudgetScore",
        "ProjectScore",
        "RowScore",
        "TargetsScorecard",
        "score_target_rows",
        "score_targets",
        "self_evaluation",
    ),
    "targetchecks": ("check_targets",),
    "targetframes": ("PROJECT_COLUMNS", "TARGET_COLUMNS", "TargetFrames", "score_target_frames"),
    "targetrows": ("TARGET_ROW_COLUMNS", "target_rows", "targets_from_frame"),
    "targets": (
        "DIRECTIONS",
        "OPS",
        "Direction",
        "Target",
        "When",
        "parse_target",
        "reload_units",
        "target_unit",
        "unit_symbol",
    ),
    "targetscores": ("BudgetScore", "ProjectScore", "RowScore"),
    "testing": ("assert_covers", "assert_monotone", "assert_round_trips", "assert_table_valid"),
    "units": (
        "UNIT_SYMBOLS",
        "canonical_unit",
        "define_unit",
        "factor",
        "is_counted",
        "unit_names",
        "ureg",
    ),
    "workbook": (
        "FORM_COLUMNS",
        "display_width",
        "score_format",
        "write_frame_scores",
        "write_scorecard",
        "write_targets_scorecard",
    ),
}

#: Names 0.1 published that 0.2 gives up, and what to use instead.
GONE = {
    ("units", "define_unit"): "perfscore.define_unit (perfscore.notation.define_unit)",
    ("frame_grading", "read_columns"): "perfscore.scoring._rows.ResultColumns.of",
}
FACES = {"notation", "ladders", "tables", "frames", "comparison", "testing", "importing"}


def _forget(path: str) -> None:
    sys.modules.pop(path, None)
    parent, _, leaf = path.rpartition(".")
    if parent in sys.modules:
        vars(sys.modules[parent]).pop(leaf, None)


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_path_imports_and_warns(old: str) -> None:
    path = f"perfscore.{old}"
    _forget(path)
    with pytest.warns(DeprecationWarning, match=rf"^{path} is deprecated and goes in 0\.3"):
        module = importlib.import_module(path)
    assert module.__name__ == path


@pytest.mark.parametrize(
    ("old", "name"),
    [(old, name) for old, names in OLD_ALL.items() for name in names if (old, name) not in GONE],
)
def test_every_name_0_1_published_still_resolves(old: str, name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        module = importlib.import_module(f"perfscore.{old}")
        value = getattr(module, name)
    # A name the package publishes now is the very object its face gives, not a copy.
    home = MOVED[old][0] if old in MOVED else old
    face = importlib.import_module(f"perfscore.{home.split('.')[0]}")
    if name in getattr(face, "__all__", ()):
        assert value is getattr(face, name)


def test_gone_names_are_listed_with_what_replaces_them() -> None:
    for old, name in GONE:
        assert name in OLD_ALL[old]
        assert not hasattr(importlib.import_module(f"perfscore.{old}"), name) or old == "units"
    assert not hasattr(perfscore.units, "define_unit")
    assert perfscore.define_unit is perfscore.notation.define_unit


def test_a_face_hands_on_the_old_names_it_does_not_publish() -> None:
    for face, names in OLD_NAMES.items():
        module = importlib.import_module(f"perfscore.{face}")
        for name, home in names.items():
            assert name not in module.__all__
            with pytest.warns(
                DeprecationWarning, match=rf"perfscore\.{face}\.{name} is deprecated"
            ):
                value = getattr(module, name)
            assert value is getattr(importlib.import_module(f"perfscore.{home}"), name)


def test_unknown_names_are_still_attribute_errors() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        batch = importlib.import_module("perfscore.batch")
    with pytest.raises(AttributeError, match=r"perfscore\.batch.*no attribute 'nothing'"):
        batch.nothing  # noqa: B018
    with pytest.raises(AttributeError, match=r"'perfscore\.ladders' has no attribute 'nothing'"):
        perfscore.ladders.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_renamed_names_resolve_to_their_new_selves() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        exact = importlib.import_module("perfscore.methods").exact
        columns = importlib.import_module("perfscore.targetcard").COLUMNS
    assert exact is importlib.import_module("perfscore.notation._exact").to_fraction
    assert columns is importlib.import_module("perfscore.scoring._records").SELF_EVALUATION_COLUMNS


@pytest.mark.parametrize(
    ("old", "name"),
    [("results", "read_results"), ("rows", "rows_in"), ("scorecard", "Scorecard"),
     ("batch", "LadderBook"), ("plots", "plot_scorecard")],
)  # fmt: skip
def test_an_old_path_imports_first_in_a_fresh_process(old: str, name: str) -> None:
    """Nothing of perfscore imported yet: the thin module must not be asked to import its homes
    while they import (inspect asks every module for ``__file__`` as pydantic builds a model)."""
    code = (
        "import warnings, perfscore\n"
        "warnings.simplefilter('ignore')\n"
        f"from perfscore.{old} import {name} as found\n"
        "print(found.__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == name


def test_every_old_module_is_either_moved_or_a_face() -> None:
    assert set(OLD_ALL) - {"units"} <= set(MOVED) | FACES
