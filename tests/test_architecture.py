"""The house keeps its shape: imports follow the table in docs/architecture.md, no circles, no
private names across modules, modules and functions within their sizes.

Every import of ``src/`` is read from the source, including those inside functions and under
``TYPE_CHECKING``: an import that only runs late still ties two modules together.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src"
#: The ground's modules in their order: each may import only those before it.
GROUND = ("errors", "intervals", "grades", "units", "outputs", "fonts", "_moved")
GROUND_MAY_IMPORT = {
    "errors": set(),
    "intervals": set(),
    "grades": {"errors"},
    "units": {"errors"},
    "outputs": {"errors"},
    "fonts": set(),
    "_moved": set(),
}
TOP = ("", "cli", "_cli_common", "_cli_importing", "_cli_reports", "__main__", "_hypothesis_plugin")
MODULE_LINES = 600
FUNCTION_LINES = 80


@dataclass(frozen=True)
class Import:
    """One import in the source: who imports what, where, and the names taken."""

    importer: str
    imported: str
    names: tuple[str, ...]
    line: int


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SOURCE / "perfscore").rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports() -> Iterator[Import]:
    for module, path in MODULES.items():
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                if target.split(".")[0] != "perfscore":
                    continue
                for alias in node.names:
                    # `from perfscore.views import _plots` imports a module, not a name.
                    full = f"{target}.{alias.name}"
                    if full in MODULES:
                        yield Import(module, full, (), node.lineno)
                    else:
                        yield Import(module, target, (alias.name,), node.lineno)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "perfscore":
                        yield Import(module, alias.name, (), node.lineno)


IMPORTS = list(_imports())


def part(module: str) -> str:
    """The part of the house a module belongs to: ground, a package, or top."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in TOP:
        return "top"
    if parts[0] in GROUND:
        return "ground"
    return parts[0]


def _allowed() -> dict[str, set[str]]:
    """The table "Part | May import" of docs/architecture.md."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page[page.index("| Part | May import |") :]
    allowed: dict[str, set[str]] = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        allowed[cells[0]] = {p.strip() for p in cells[1].split(",") if p.strip().isidentifier()}
    return allowed


ALLOWED = _allowed()


def test_the_table_names_every_part() -> None:
    parts = {part(module) for module in MODULES}
    assert parts == set(ALLOWED)


@pytest.mark.parametrize("imp", IMPORTS, ids=lambda i: f"{i.importer}:{i.line}")
def test_imports_follow_the_direction_in_docs_architecture(imp: Import) -> None:
    source, target = part(imp.importer), part(imp.imported)
    if source == target:
        if source == "ground":
            importer, imported = imp.importer.split(".")[1], imp.imported.split(".")[1]
            assert imported in GROUND_MAY_IMPORT[importer], (
                f"{imp.importer}:{imp.line} imports {imp.imported}, which the ground's order "
                "does not allow"
            )
        return
    assert target in ALLOWED[source], (
        f"{imp.importer}:{imp.line} imports {imp.imported}: {source} may import "
        f"{', '.join(sorted(ALLOWED[source])) or 'nothing'}, not {target}"
    )


def test_the_modules_import_one_another_without_a_circle() -> None:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for imp in IMPORTS:
        # A module of a package imports the package's face first: an import of `a.b._c` is
        # an arrow to `a.b._c`, and Python runs `a.b` (the face) before it, not after.
        graph[imp.importer].add(imp.imported)
    circles = _circles(graph)
    assert circles == [], f"import circles: {circles}"


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("imp", [i for i in IMPORTS if i.names], ids=lambda i: i.importer)
def test_no_module_imports_another_modules_private_name(imp: Import) -> None:
    private = [n for n in imp.names if n.startswith("_") and not n.startswith("__")]
    assert private == [], f"{imp.importer}:{imp.line} imports {private} from {imp.imported}"


def test_users_are_shown_public_paths_only() -> None:
    """The README, the guides and the examples import faces, never a private module."""
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "examples").glob("*.py"))]  # fmt: skip
    private = re.compile(r"(?:from|import) (perfscore(?:\.\w+)*\._\w+)")
    pages = {"architecture.md", "internals.md", "changelog.md"}  # pages about the internals
    found = [
        f"{path.name}: {match}"
        for path in texts
        if path.name not in pages
        for match in private.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_within_their_sizes(module: str) -> None:
    text = MODULES[module].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MODULE_LINES, f"{module} is over {MODULE_LINES} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert long == [], f"{module}: functions over {FUNCTION_LINES} lines: {long}"


def _test_module(module: str) -> Path:
    """Where a module's own tests live: ``tests/<package>/test_<module>.py``, the ground's in
    ``tests/ground/``, the top's in ``tests/top/``."""
    parts = module.split(".")[1:]
    name = parts[-1].lstrip("_")
    if part(module) == "ground":
        return ROOT / "tests" / "ground" / f"test_{name}.py"
    if part(module) == "top":
        return ROOT / "tests" / "top" / f"test_{name}.py"
    return ROOT / "tests" / parts[0] / f"test_{name}.py"


#: Modules whose behaviour other tests cover: faces hand names on, __main__ runs cli.main, the
#: Hypothesis plugin is the strategies' entry point, and _moved has its own top-level test.
NOT_MIRRORED = {"perfscore", "perfscore.__main__", "perfscore._hypothesis_plugin",
                "perfscore._moved"}  # fmt: skip


@pytest.mark.parametrize(
    "module",
    sorted(m for m in MODULES if m not in NOT_MIRRORED and MODULES[m].name != "__init__.py"),
)
def test_every_module_has_its_own_test_module(module: str) -> None:
    assert _test_module(module).is_file(), (
        f"{module} has no {_test_module(module).relative_to(ROOT)}"
    )
