"""The public API: one source for the top-level names, every public name importable and
documented, 0.1's names all still there, and ``import perfscore`` still cheap."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import perfscore

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "perfscore"
FACES = ("notation", "ladders", "tables", "scoring", "views", "cards", "frames", "comparison",
         "importing", "testing")  # fmt: skip
GROUND = ("errors", "grades", "intervals", "units", "outputs", "fonts")

#: perfscore.__all__ as 0.1 published it.
ALL_0_1 = (
    "GRADES", "Activity", "Budget", "Comparison", "Department", "Direction", "Duty", "Finding",
    "FrameScores", "Grade", "ImportFailed", "ImportFinding", "Imported", "Indicator",
    "InvalidLadder", "Ladder", "LadderBook", "Method", "NotationError", "PerfscoreError",
    "Project", "Reading", "ResultsError", "Scorecard", "SelfEvaluation", "Severity", "Table",
    "TableError", "Target", "TargetIndicator", "TargetsScorecard", "TargetsTable",
    "UncoveredValue", "UnitMismatch", "UnknownIndicator", "__version__", "bundled_tables",
    "check_file", "check_table", "compare", "define_unit", "export_table", "get_method",
    "import_table", "indicator_frame", "load_table", "parse_ladder", "parse_target", "score",
    "score_frame", "ureg",
)  # fmt: skip


def _type_checking_imports() -> dict[str, str]:
    """What ``perfscore/__init__.py`` imports under ``TYPE_CHECKING``: name → module."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for item in node.body:
                if isinstance(item, ast.ImportFrom):
                    for alias in item.names:
                        assert alias.asname == alias.name, f"{alias.name} is re-exported as-is"
                        found[alias.name] = item.module or ""
    return found


def test_the_top_level_names_come_from_one_mapping() -> None:
    api: dict[str, str] = vars(perfscore)["_API"]
    assert perfscore.__all__ == ["__version__", *api]
    assert _type_checking_imports() == api
    assert len(set(perfscore.__all__)) == len(perfscore.__all__)


def test_every_name_0_1_published_is_still_published() -> None:
    assert sorted(set(ALL_0_1) - set(perfscore.__all__)) == []


@pytest.mark.parametrize("name", perfscore.__all__)
def test_every_top_level_name_imports_from_its_home(name: str) -> None:
    value = getattr(perfscore, name)
    if name == "__version__":
        assert re.fullmatch(r"\d+\.\d+\.\d+.*|0\+unknown", value)
        return
    home = importlib.import_module(f"perfscore.{vars(perfscore)['_API'][name]}")
    assert value is getattr(home, name)
    assert name in dir(perfscore)


def test_an_unknown_top_level_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'perfscore' has no attribute 'nothing'"):
        perfscore.nothing  # noqa: B018


# -- every public name is documented -----------------------------------------------------------


def _documented_constants(module: Any) -> set[str]:
    """Names a module assigns with a ``#:`` comment above or a docstring below."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    tree = ast.parse(source)
    named: set[str] = set()
    for k, node in enumerate(tree.body):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if not names:
            continue
        above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        below = tree.body[k + 1] if k + 1 < len(tree.body) else None
        string_below = (
            isinstance(below, ast.Expr)
            and isinstance(below.value, ast.Constant)
            and isinstance(below.value.value, str)
        )
        if above.startswith("#:") or string_below:
            named |= names
    return named


def _defining_module(face: Any, name: str) -> Any:
    """The private module a face takes ``name`` from (by its own imports)."""
    tree = ast.parse(inspect.getsource(face))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
            if node.level:
                return importlib.import_module(f".{node.module}", face.__name__)
            return importlib.import_module(node.module or "")
    raise AssertionError(f"{face.__name__} does not import {name}")


def _public_names() -> list[tuple[str, str]]:
    names = [(f"perfscore.{face}", name) for face in FACES
             for name in importlib.import_module(f"perfscore.{face}").__all__]  # fmt: skip
    names += [(f"perfscore.{module}", name) for module in GROUND
              for name in importlib.import_module(f"perfscore.{module}").__all__]  # fmt: skip
    return names


@pytest.mark.parametrize(("where", "name"), _public_names())
def test_every_public_name_imports_and_is_documented(where: str, name: str) -> None:
    module = importlib.import_module(where)
    value = getattr(module, name)
    if inspect.isclass(value) or inspect.isroutine(value):
        doc = value.__doc__ or ""
        assert doc.strip(), f"{where}.{name} has no docstring"
        if inspect.isclass(value):
            assert value.__doc__ is not inspect.getdoc(object), f"{where}.{name} inherits its doc"
        return
    home = module if where.split(".")[-1] in GROUND else _defining_module(module, name)
    assert name in _documented_constants(home), (
        f"{where}.{name} ({home.__name__}) is neither documented with '#:' nor a docstring"
    )


def test_the_api_reference_renders_every_face_and_the_ground() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    rendered = set(re.findall(r"^::: (perfscore[\w.]*)", page, flags=re.MULTILINE))
    assert {f"perfscore.{face}" for face in FACES} <= rendered
    assert {f"perfscore.{module}" for module in GROUND} <= rendered


def test_each_face_says_what_it_owns_and_may_import() -> None:
    for face in FACES:
        doc = importlib.import_module(f"perfscore.{face}").__doc__ or ""
        assert "Owns" in doc, face
        assert "May import:" in doc, face


# -- importing perfscore stays cheap -----------------------------------------------------------


def test_importing_perfscore_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, perfscore\n"
        "heavy = [m for m in ('pint', 'pydantic', 'numpy', 'pandas', 'hypothesis') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_the_testing_face_does_not_import_hypothesis() -> None:
    code = "import sys, perfscore.testing\nprint('hypothesis' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
