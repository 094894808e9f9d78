"""Import every corpus table as it came and as rendered, and class each transcribed row.

For each folder of ``tests/corpus`` the source text (``source.txt``) and each rendering of
``expected.yaml`` (``render.FORMATS``) is imported with ``perfscore.import_table``; the imported
indicators are matched to the transcribed rows (by name, in order), and each row is classed:

- ``right``: imported with the name, target, weight, direction (and, for a self-evaluation,
  the 实际完成值 and 得分) as transcribed, under the transcribed 一级/二级 levels;
- ``reported``: imported otherwise or left out, and a finding names it (its indicator id, or its
  name in the finding's text), or the import stopped with an error (nothing is silent then);
- ``wrong``: imported otherwise and no finding names it (silently wrong);
- ``missing``: not imported and no finding names it (silently missing);
- ``cut``: the page copy ends before the row's target (transcribed null): nothing can
  import it right, so it is left out of the shares.

How fields compare:

- texts (name, target, levels, actual) compare with whitespace removed; the name and the target
  are the published ones (a ``reading`` that repairs them keeps the published text, which is
  what is compared); levels compare up to script and full-width forms (繁/简 are one label),
  and a level the copy lost (transcribed null) is not compared, nor a level's points printed
  after its name (``产出指标(50分)``); a row printed without a name
  is matched by its target and is never right (the import has to name it: a finding must say so);
- a target printed with its comparison and unit in columns of their own (指标性质 ``≥``,
  指标值 ``95``, 度量单位 ``%``) is right when the imported target is the 指标值 cell (``95``)
  or the three joined (``≥95%``), the comparison by what it means (a printed ``≧`` is ``≥``,
  ``﹦`` and ``═`` are ``=``: the 指标性质 spellings the importer reads, each with a finding);
- a direction printed as ``正向指标`` / ``反向指标`` (or ``正向`` / ``反向``) is right when the
  imported direction -- given, or read from the target -- is 正向 / 反向; a row whose form prints
  no direction column is not compared on direction;
- an absent weight (the form prints no 权重/分值) is right when the import gives none; a weight
  the import supplied (a default) is ``reported`` when a finding says so (one naming the row, or
  one about the table's weights: 权重/分值/weight in its text), else ``wrong``;
- numbers (weight, 得分) compare as numbers.

    python -m tests.corpus.compare            # figures per file and format, then per format
    python -m tests.corpus.compare SLUG...    # only these folders
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from perfscore.importing._target_cells import nature_of
from perfscore.notation._labels import same_label
from tests.corpus.render import FORMATS, folders, load, render

#: Where each table is read from: the text as it came, then each rendering.
SOURCES: tuple[str, ...] = ("source", *FORMATS)
#: The classes of a transcribed row, in the order the figures print them. ``cut`` is a row the
#: page copy cut off before its target (transcribed null): nothing can import it right, so
#: it is left out of the shares.
CLASSES: tuple[str, ...] = ("right", "reported", "wrong", "missing", "cut")
_SPACE = re.compile(r"\s+")
#: A level's points printed after its name (``产出指标(50分)``, ``效益指标30分)`` where the copy
#: lost the bracket): not part of the level's name, so not compared.
_POINTS = re.compile(r"[(（]?\d+(?:\.\d+)?分?[)）]?$")


def squash(text: Any) -> str:
    """A text with every whitespace character removed (``None`` is empty)."""
    return "" if text is None else _SPACE.sub("", str(text))


def direction_word(text: str | None) -> str | None:
    """正向 or 反向 from a printed 指标方向性 cell (``正向指标``, ``反向``), else ``None``."""
    for word in ("正向", "反向"):
        if text is not None and word in squash(text):
            return word
    return None


@dataclass
class Outcome:
    """One table read from one source: each transcribed row's class and why."""

    slug: str
    source: str
    layout: str = ""
    """How ``source.txt`` came (the transcription's ``layout``)."""
    classes: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    failed: str | None = None
    metadata: list[str] = field(default_factory=list)
    """The table's year, department and money unit where they differ from the printed ones."""
    cause: str | None = None
    """For a failed import: the action its findings name most often (why rows were left out)."""
    asked: list[str] = field(default_factory=list)
    """What the import stopped to ask for (``year``, ``department``: printed nowhere in the
    form) and the harness then gave, as the user does; the rows are classed on that import."""

    def count(self, name: str) -> int:
        """How many rows are of class ``name``."""
        return self.classes.count(name)


@dataclass(frozen=True)
class _Found:
    id: str
    project: int
    levels: tuple[str, ...]
    name: str
    targets: tuple[str, ...]
    weight: float | None
    direction: str | None
    actual: str | None
    points: str | None


def _found(imported: Imported) -> list[_Found]:
    results = {r["id"]: r for r in imported.results}
    found = []
    for p, project in enumerate(getattr(imported.table, "projects", ())):
        for ind in project.indicators:
            name = next((r.published for r in ind.readings if r.field == "name"), None)
            joined = f"{ind.op or ''}{ind.target}{ind.unit or ''}"
            direction = ind.direction_read
            result = results.get(ind.id, {})
            found.append(
                _Found(
                    ind.id,
                    p,
                    tuple(ind.levels),
                    squash(name or ind.name),
                    (squash(ind.target), squash(joined)),
                    ind.weight,
                    None if direction is None else str(getattr(direction, "value", direction)),
                    result.get("value"),
                    result.get("points"),
                )
            )
    return found


def printed_comparison(text: Any) -> str:
    """A printed target with its leading comparison as the importer writes it (``≧735人次`` is
    ``≥735人次``): an imported target joined from 指标性质 · 指标值 · 度量单位 holds that."""
    target = squash(text)
    meant = nature_of(target[:1]) if target else None
    return f"{meant}{target[1:]}" if meant in ("≥", "≤", "=") else target


def _same_number(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def _same_levels(printed: tuple[Any, Any], levels: tuple[str, ...]) -> bool:
    """Whether the imported levels hold the printed ones: both when both are printed, the
    二级 (the last imported) when only it survived in the copy, nothing when none did."""
    level1, level2 = (_POINTS.sub("", squash(p)) for p in printed)
    got = [_POINTS.sub("", squash(level)) for level in levels if squash(level)]
    if level1 and level2:
        return len(got) == 2 and same_label(got[0], level1) and same_label(got[1], level2)
    if level2:
        return bool(got) and same_label(got[-1], level2)
    if level1:
        return bool(got) and same_label(got[0], level1)
    return True


def differences(row: dict[str, Any], got: _Found) -> list[str]:
    """The fields of an imported indicator that differ from its transcribed row."""
    diff = []
    if got.name != squash(row["name"]):
        diff.append(f"name {got.name!r}")
    if not {squash(row["target"]), printed_comparison(row["target"])} & set(got.targets):
        diff.append(f"target {got.targets[0]!r}")
    if not _same_levels((row.get("level1"), row.get("level2")), got.levels):
        diff.append(f"levels {got.levels!r}")
    if row.get("weight") is None:
        if got.weight is not None:
            diff.append(f"weight {got.weight} (none printed)")
    elif not _same_number(row["weight"], got.weight):
        diff.append(f"weight {got.weight}")
    wanted = direction_word(row.get("direction"))
    if wanted is not None and got.direction != wanted:
        diff.append(f"direction {got.direction}")
    if row.get("actual") is not None and squash(row["actual"]) != squash(got.actual):
        diff.append(f"actual {got.actual!r}")
    if row.get("score") is not None and not _same_number(row["score"], got.points):
        diff.append(f"score {got.points!r}")
    return diff


def _named(findings: Sequence[ImportFinding], row: dict[str, Any], ident: str | None) -> bool:
    # A row the page prints without a name is named by its target.
    key = squash(row["name"]) or squash(row.get("target"))
    return any(
        (ident is not None and f.indicator == ident) or (key and key in squash(f.text))
        for f in findings
    )


def _about_weights(findings: Sequence[ImportFinding]) -> bool:
    return any(
        f.indicator is None and re.search("权重|分值|weight", f.text + f.action) is not None
        for f in findings
    )


def _match(rows: list[tuple[int, dict[str, Any]]], found: list[_Found]) -> list[_Found | None]:
    """Each transcribed row's imported indicator: same name first (same project preferred, in
    order), then one whose name holds the row's or is held in it, then (for a row printed
    without a name) one with its target."""
    free = list(found)
    matched: list[_Found | None] = [None] * len(rows)
    for attempt in ("name", "part", "target"):
        for i, (p, row) in enumerate(rows):
            if matched[i] is not None:
                continue
            name = squash(row["name"])
            if attempt == "name":
                hits = [f for f in free if f.name == name]
            elif attempt == "part":
                hits = [f for f in free if name and (name in f.name or f.name in name)]
            else:  # a row printed without a name: the same target, in order
                target = squash(row.get("target"))
                hits = [f for f in free if not name and target and target in f.targets]
            hits.sort(key=lambda f: f.project != p)
            if hits:
                matched[i] = hits[0]
                free.remove(hits[0])
    return matched


def classify(
    expected: dict[str, Any], imported: Imported | None, findings: Sequence[ImportFinding]
) -> tuple[list[str], list[str]]:
    """Each transcribed row's class (``CLASSES``) and a note of why, for one import
    (``imported`` is ``None`` when the import stopped with an error)."""
    rows = [(p, r) for p, project in enumerate(expected["projects"]) for r in project["rows"]]
    if imported is None:
        classes = ["cut" if r.get("target") is None else "reported" for _, r in rows]
        return classes, ["the import stopped with an error"] * len(rows)
    classes, why = [], []
    for (_, row), got in zip(rows, _match(rows, _found(imported)), strict=True):
        if row.get("target") is None:
            classes.append("cut")
            why.append(f"{row['name']}: cut off before its target in the page copy")
            continue
        if got is None:
            named = _named(findings, row, None)
            classes.append("reported" if named else "missing")
            why.append(f"{row['name']}: not imported")
            continue
        diff = differences(row, got)
        if not diff:
            classes.append("right")
            why.append("")
            continue
        named = _named(findings, row, got.id)
        if not named and diff == [f"weight {got.weight} (none printed)"]:
            named = _about_weights(findings)
        classes.append("reported" if named else "wrong")
        why.append(f"{row['name']} ({got.id}): {', '.join(diff)}")
    return classes, why


def _source_path(folder: Path, source: str, workdir: Path) -> Path:
    if source == "source":
        return folder / "source.txt"
    path = workdir / f"{folder.name}.{source}"
    path.write_bytes(render(load(folder), source))
    return path


def run(folder: Path, source: str, workdir: Path) -> Outcome:
    """Import one folder's table from ``source`` (``source`` or a format) and class its rows."""
    expected = load(folder)
    outcome = Outcome(folder.name, source, str(expected.get("layout") or ""))
    path = _source_path(folder, source, workdir)
    imported: Imported | None = None
    findings: Sequence[ImportFinding] = ()
    given: dict[str, Any] = {}
    while True:
        try:
            imported = import_table(path, name=folder.name, **given)
            findings = imported.findings
        except ImportFailed as error:
            asked = answers(expected, error.findings)
            if asked and not given:
                given = asked  # answer the question, as the user does, and import again
                outcome.asked = sorted(asked)
                continue
            outcome.failed, findings = str(error).splitlines()[0], error.findings
            outcome.cause = _cause(findings)
        except PerfscoreError as error:
            outcome.failed = str(error).splitlines()[0]
        break
    outcome.classes, outcome.why = classify(expected, imported, findings)
    if imported is not None:
        outcome.metadata = metadata_differences(expected, imported)
        outcome.metadata += [
            f"asked for the {key}, printed as {expected[key]!r}"
            for key in outcome.asked
            if expected.get(key) is not None
        ]
    return outcome


def answers(expected: dict[str, Any], findings: Sequence[ImportFinding]) -> dict[str, Any]:
    """What a user gives when an import stops asking for its year or department (a form that
    prints none): the transcribed value, or a name of one's own where the page prints none."""
    asked = " ".join(f.action for f in findings if f.kind == "metadata")
    given: dict[str, Any] = {}
    if "--year" in asked:
        given["year"] = expected.get("year") or 2000
    if "--department" in asked:
        given["department"] = expected.get("department") or "（按提示给出的部门）"
    return given


def _cause(findings: Sequence[ImportFinding]) -> str | None:
    actions = Counter(f.action for f in findings if f.kind in ("skipped", "unplaced", "source"))
    return actions.most_common(1)[0][0] if actions else None


def metadata_differences(expected: dict[str, Any], imported: Imported) -> list[str]:
    """The year, department and money unit of an import where they differ from the printed
    ones (a department is compared only where the form prints one)."""
    table = imported.table
    diff = []
    if expected.get("year") is not None and table.year != expected["year"]:
        diff.append(f"year {table.year}")
    printed = expected.get("department")
    if printed is not None and not _same_department(table.department, printed):
        # a department read otherwise is reported when a finding names the printed one (a form
        # printing 主管部门 and 实施单位 apart), silently wrong when none does
        said = any(
            squash(printed) in squash(f.action) for f in imported.findings if f.kind == "metadata"
        )
        note = " (a finding names the printed one)" if said else ""
        diff.append(f"department {table.department.name!r}{note}")
    unit = expected.get("money_unit")
    if unit is not None and getattr(table, "money_unit", unit) != unit:
        diff.append(f"money unit {table.money_unit}")
    return diff


# A budget code printed before a department's name: [015001]X, (433)X, 820001-X.
_CODED = re.compile(r"^(?:\[(\d+)\]|[（(](\d+)[)）]|(\d{3,})\s*[-－—_])\s*(\S.*)$")


def _same_department(department: Any, printed: str) -> bool:
    """Whether the imported department is the printed one: the same name, or the printed name
    without the budget code before it (``820001-井研县马踏镇人民政府``), that code its code."""
    if same_label(squash(department.name), squash(printed)):
        return True
    coded = _CODED.match(printed.strip())
    if coded is None:
        return False
    code = next(c for c in coded.groups()[:3] if c)
    return department.code == code and same_label(squash(department.name), squash(coded[4]))


@cache
def outcomes(root: Path | None = None) -> tuple[Outcome, ...]:
    """Every folder under ``root`` (the corpus) read from every source, once per process."""
    chosen = folders() if root is None else folders(root)
    with tempfile.TemporaryDirectory(prefix="perfscore-corpus-") as tmp:
        return tuple(run(f, s, Path(tmp)) for f in chosen for s in SOURCES)


def share(items: Iterable[Outcome], name: str = "right") -> tuple[int, int]:
    """(rows of class ``name``, rows) over ``items``, leaving out rows cut off by the copy."""
    items = list(items)
    return sum(o.count(name) for o in items), sum(len(o.classes) - o.count("cut") for o in items)


def figures(items: Sequence[Outcome]) -> str:
    """The figures: a line per file and source, then a line per source over all files."""
    width = max([len(o.slug) for o in items] + [12])
    head = f"{'file':{width}} {'source':6} {'rows':>4} " + " ".join(f"{c:>8}" for c in CLASSES)
    lines = [head + "  right%  import", "-" * (len(head) + 16)]

    def line(label: str, source: str, group: list[Outcome]) -> str:
        right, total = share(group)
        counts = " ".join(f"{sum(o.count(c) for o in group):>8}" for c in CLASSES)
        percent = f"{100 * right / total:6.1f}" if total else "     -"
        failed = sum(o.failed is not None for o in group)
        note = f"failed: {group[0].failed}" if len(group) == 1 else f"{failed} failed"
        if not failed:
            meta = [m for o in group for m in o.metadata]
            note = (
                "ok"
                if not meta
                else "; ".join(meta)
                if len(group) == 1
                else f"{len(meta)} metadata"
            )
            asked = [o for o in group if o.asked]
            if asked:
                fields = ", ".join(asked[0].asked) if len(group) == 1 else f"{len(asked)} files"
                note += f" (asked: {fields})"
        return f"{label:{width}} {source:6} {total:>4} {counts}  {percent}  {note[:70]}"

    lines += [line(o.slug, o.source, [o]) for o in items]
    lines.append("-" * (len(head) + 16))
    for source in SOURCES:
        group = [o for o in items if o.source == source]
        if group:
            lines.append(line(f"all {len({o.slug for o in group})} files", source, group))
    texts = [o for o in items if o.source == "source"]
    for layout in sorted({o.layout for o in texts}):
        group = [o for o in texts if o.layout == layout]
        lines.append(line(f"{layout} ({len(group)} files)", "source", group))
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Print the figures (of every folder, or of the slugs in ``argv``) and the rows not right."""
    items = [o for o in outcomes() if not argv or o.slug in argv]
    print(figures(items))
    causes = Counter(
        f"{o.source}: {(o.cause or o.failed or '').replace(o.slug, '<file>')[:100]}"
        for o in items
        if o.failed
    )
    if causes:
        print("\nwhy imports failed (source: the most frequent finding, or the error):")
        for cause, n in sorted(causes.items()):
            print(f"{n:4}  {cause}")
    for o in items:
        for cls, why in zip(o.classes, o.why, strict=True):
            if cls in ("wrong", "missing"):
                print(f"{cls:8} {o.slug} [{o.source}] {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
