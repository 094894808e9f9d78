"""The module paths before the packages (0.1), kept for one release.

Up to 0.1 every module sat in ``perfscore/``; 0.2 put them in packages by idea (see
``docs/architecture.md``). An old path still imports: it gives a thin module that hands on, by
name, what its new homes define, and warns (`DeprecationWarning`) with the path to use instead.
A few names that a package face does not publish any more are handed on the same way by the
faces that took the old modules' paths (`perfscore.ladders.read_value`, say).

This module imports nothing of perfscore: it names the new homes as text and imports one only
when an old path or name is used.

>>> import sys, warnings
>>> import perfscore.ladders
>>> _ = sys.modules.pop("perfscore.batch", None)  # imported afresh, as in a new process
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from perfscore.batch import LadderBook
>>> LadderBook is perfscore.ladders.LadderBook, caught[0].category.__name__
(True, 'DeprecationWarning')
>>> print(caught[0].message)
perfscore.batch is deprecated and goes in 0.3: import from perfscore.ladders
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import types

__all__ = ["MOVED", "OLD_NAMES", "RENAMED", "install", "old_names"]

#: Each old module path (under perfscore) and the modules its names live in now, the first
#: being its main home; the public path to use instead is that home's package.
MOVED: Final[Mapping[str, tuple[str, ...]]] = {
    "_tokenizer": ("notation._tokenizer",),
    "labels": ("notation._labels",),
    "targets": ("notation._targets", "notation._dates"),
    "exact": ("notation._exact",),
    "compiled": ("ladders._compiled",),
    "regions": ("ladders._regions",),
    "batch": ("ladders._book",),
    "projects": ("tables._targets_table",),
    "table_files": ("tables._files",),
    "check": ("tables._check", "tables._findings"),
    "targetchecks": ("tables._target_checks",),
    "misreadings": ("tables._misreadings", "tables._directions"),
    "methods": ("scoring._methods",),
    "selfevaluation": ("scoring._selfevaluation",),
    "rollup": ("scoring._rollup",),
    "rows": ("scoring._rows", "scoring._cells"),
    "readers": ("scoring._readers",),
    "results": ("scoring._results", "scoring._rows", "scoring._cells", "scoring._readers"),
    "targetscores": ("scoring._records",),
    "display": ("views._display",),
    "workbook": ("views._workbook", "views._display"),
    "plots": ("views._plots",),
    "scorecard": ("cards._scorecard", "cards._dispatch", "scoring._records"),
    "targetcard": ("cards._targets_card", "scoring._records", "scoring._targets"),
    "layouts": ("frames._layout",),
    "frame_grading": ("frames._grading",),
    "frame_rollup": ("frames._rollup",),
    "table_frames": ("frames._ladder_rows",),
    "targetrows": ("frames._target_rows",),
    "indicator_frames": ("frames._indicator_frames",),
    "targetframes": ("frames._target_results",),
    "nodematching": ("comparison._matching", "tables._lookup"),
    "strategies": ("testing.strategies",),
    "spellings": ("testing._spellings",),
    "importing.findings": ("importing._findings",),
    "importing.sources": ("importing._sources",),
    "importing.repairs": ("importing._repairs", "notation._labels"),
    "importing.layouts": ("importing._ladder_forms",),
    "importing.forms": ("importing._target_forms", "importing._target_file"),
    "importing.metadata": ("importing._metadata",),
    "importing.importer": ("importing._importer",),
    "importing.export": ("importing._export",),
}

#: Names that changed as they moved: (old module, old name) → (new module, new name).
RENAMED: Final[Mapping[tuple[str, str], tuple[str, str]]] = {
    ("methods", "exact"): ("notation._exact", "to_fraction"),
    ("targetcard", "COLUMNS"): ("scoring._records", "SELF_EVALUATION_COLUMNS"),
    ("frame_grading", "Columns"): ("scoring._rows", "ResultColumns"),
    ("display", "text"): ("views._display", "card_text"),
    ("display", "html_table"): ("views._display", "card_html"),
}

#: Names a package face hands on although it does not publish them: the old module of its path
#: published them (face → name → module that defines it).
OLD_NAMES: Final[Mapping[str, Mapping[str, str]]] = {
    "notation": {"unexpected": "notation._grammar"},
    "ladders": {"read_value": "notation._exact"},
    "tables": {"clear_ladder_cache": "tables._models", "shared_ladder": "tables._models"},
}

_PACKAGE: Final = "perfscore"


def _public_path(home: str) -> str:
    """The path to import from instead: the home's package, or the home when it is public."""
    parts = home.split(".")
    public = [part for part in parts if not part.startswith("_")]
    return ".".join([_PACKAGE, *public])


def _stack_level() -> int:
    """The stack level, for `warnings.warn` in `_warn`, of the first frame outside this module:
    where the old path or name is used (`warnings` itself passes over the import system's
    frames)."""
    import traceback  # only when an old path is used: importing perfscore stays cheap

    frames = [f for f in traceback.extract_stack() if not f.filename.startswith("<frozen ")]
    level = 0
    for frame in reversed(frames):
        if frame.filename != __file__:
            break
        level += 1
    return level


def _warn(message: str) -> None:
    warnings.warn(message, DeprecationWarning, stacklevel=_stack_level())


def _getter(old: str, homes: tuple[str, ...]) -> Callable[[str], Any]:
    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__ (PEP 562)
        if name.startswith("__"):
            # inspect and pickle ask every module for __file__, __path__ …: answered without
            # importing the homes, which may be half imported at that moment.
            raise AttributeError(f"module '{_PACKAGE}.{old}' has no attribute {name!r}")
        renamed = RENAMED.get((old, name))
        if renamed is not None:
            home, new = renamed
            return getattr(importlib.import_module(f"{_PACKAGE}.{home}"), new)
        for home in homes:
            module = importlib.import_module(f"{_PACKAGE}.{home}")
            if name in vars(module):
                return vars(module)[name]
        raise AttributeError(f"module '{_PACKAGE}.{old}' has no attribute {name!r}")

    return __getattr__


class _OldPaths:
    """Finds an old module path on ``sys.meta_path`` and loads it as a thin module."""

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        old = fullname.removeprefix(f"{_PACKAGE}.")
        if old == fullname or old not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)  # type: ignore[arg-type]

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: types.ModuleType) -> None:
        old = module.__name__.removeprefix(f"{_PACKAGE}.")
        homes = MOVED[old]
        module.__doc__ = (
            f"Deprecated: the names of {module.__name__} live in {_public_path(homes[0])}."
        )
        module.__getattr__ = _getter(old, homes)  # type: ignore[method-assign]
        _warn(
            f"{module.__name__} is deprecated and goes in 0.3: import from {_public_path(homes[0])}"
        )


def install() -> None:
    """Let the old module paths import (once per process; `perfscore` calls this)."""
    if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
        sys.meta_path.append(_OldPaths())


def old_names(face: str) -> Callable[[str], Any]:
    """A face's ``__getattr__`` handing on, with a warning, the names its old module published
    that it does not (see `OLD_NAMES`)."""
    known = OLD_NAMES.get(face.removeprefix(f"{_PACKAGE}."), {})

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__ (PEP 562)
        home = known.get(name)
        if home is None:
            raise AttributeError(f"module {face!r} has no attribute {name!r}")
        _warn(f"{face}.{name} is deprecated and goes in 0.3: it is internal to perfscore")
        return getattr(importlib.import_module(f"{_PACKAGE}.{home}"), name)

    return __getattr__
