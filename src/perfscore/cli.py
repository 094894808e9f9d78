"""The ``perfscore`` command line.

Each command is a small function taking the parsed arguments and returning an exit status.
Every [PerfscoreError][perfscore.errors.PerfscoreError] is reported as one message on standard
error, never as a traceback: exit status 1 for bad input, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from .errors import PerfscoreError, printable
from .outputs import refuse_overwriting, write_output

if TYPE_CHECKING:
    from .scoring._methods import Method
    from .scoring._selfevaluation import SelfEvaluation

__all__ = ["main"]

Command = Callable[[argparse.Namespace, TextIO], int]
_T = TypeVar("_T")

# A negative value (-5%, -.5, -3人): never one of perfscore's options.
_NEGATIVE = re.compile(r"-[0-9.０-９]")


class _Version(argparse.Action):
    """``--version``, reading the installed metadata only when asked (``--help`` does not)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from . import __version__

        sys.stdout.write(f"perfscore {__version__}\n")
        parser.exit()


def _grade(args: argparse.Namespace, out: TextIO) -> int:
    from .ladders._ladder import parse_ladder

    ladder = parse_ladder(args.ladder, unit=args.unit)
    _write(out, f"{ladder}  ({ladder.direction.value}, unit {ladder.unit})\n")
    failed = 0
    for value in args.values:
        try:
            _write(out, f"{value}\t{ladder.grade(value)}\n")
        except PerfscoreError as error:
            failed += 1
            _write(out, f"{value}\terror: {error.reason}\n")
    return 1 if failed else 0


def _arguments_grade(grade: argparse.ArgumentParser) -> None:
    grade.add_argument("ladder", help="the cells 优 / 良 / 中 / 差, separated by '/'")
    grade.add_argument(
        "values", nargs="+", metavar="VALUE", help="a value, e.g. 95%%, 499人, 有效实施"
    )
    grade.add_argument("--unit", default=None, help="the indicator's unit (percent, 人, 次 …)")


def _method(name: str | None, options: dict[str, Any]) -> Method | SelfEvaluation | None:
    """The method --method names, refused before any file is read and named as score names it.

    None (no --method and no self-evaluation options) is the table's default: mean for a ladder
    table, self-evaluation for a targets table. The self-evaluation options need that method.
    """
    from .scoring._methods import get_method
    from .scoring._selfevaluation import SelfEvaluation, names_self_evaluation

    if names_self_evaluation(name) or (name is None and options):
        return SelfEvaluation(**options)
    if options:
        raise PerfscoreError(
            f"--{next(iter(options)).replace('_', '-')} belongs to the self-evaluation method "
            "(targets tables), not to --method " + str(name)
        )
    return None if name is None else get_method(name)


def _score(args: argparse.Namespace, out: TextIO) -> int:
    from .cards._dispatch import score

    options = {
        name: value
        for name, value in (
            ("rounding", args.rounding), ("rounding_mode", args.rounding_mode),
            ("reverse", args.reverse), ("middle_tier", args.middle_tier),
            ("budget", args.budget), ("rate_rounding", args.rate_rounding),
        )
        if value is not None
    }  # fmt: skip
    method = _method(args.method, options)
    if not _output_ready(args, "score", [args.table, args.results]):
        return 2
    if sys.stderr.isatty() and _size(args.results) > _LARGE:
        sys.stderr.write(f"perfscore: reading {_size(args.results) / 2**20:,.0f} MB of results…\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        card = score(args.table, args.results, method=method, keep_going=args.keep_going)
    for warning in caught:  # one line each, not Python's file:line form
        sys.stderr.write(f"perfscore: warning: {warning.message}\n")
    _emit(args, out, card)
    if card.unscored and args.format != "text":
        # JSON and CSV keep their documented shape; the rows left out are named here instead.
        for row in card.unscored:
            _write(sys.stderr, f"perfscore: unscored: {row.message}\n")
    return 1 if card.unscored else 0


def _output_ready(args: argparse.Namespace, command: str, inputs: list[str]) -> bool:
    """Whether the output asked for can be written: a workbook needs a file, and the file is
    none of the command's inputs (raises the error naming it)."""
    if args.format == "xlsx" and args.output is None:
        sys.stderr.write(
            f"perfscore {command}: error: --format xlsx writes a workbook; name it with "
            "-o FILE.xlsx\n"
        )
        return False
    if args.output is not None:
        refuse_overwriting(args.output, inputs)
    return True


def _emit(args: argparse.Namespace, out: TextIO, view: Any) -> None:
    """Write a card's or a comparison's view in ``--format`` to ``-o`` or standard output: every
    command that writes shares this (a workbook to its file, written whole)."""
    if args.format == "xlsx":
        view.to_excel(args.output, frame_columns=args.frame_columns)
        return
    if args.format == "json":
        text = view.to_json() + "\n"
    elif args.format == "csv":
        text = view.to_csv(raw=args.raw)
    else:
        text = view.to_text() + "\n"
    if args.output is not None:
        # Excel opens a CSV as UTF-8 only when it starts with a BOM.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        write_output(args.output, text, encoding=encoding)
    else:
        _write(out, text)


def _arguments_output(command: argparse.ArgumentParser, what: str) -> None:
    """The options every command that writes a view takes: --format, -o, --raw, --frame-columns."""
    command.add_argument(
        "--format",
        choices=("text", "json", "csv", "xlsx"),
        default="text",
        help="text (default), json, csv, or xlsx (a workbook, a sheet per level; needs -o FILE)",
    )
    command.add_argument("-o", "--output", metavar="FILE", help=f"write the {what} to FILE")
    command.add_argument(
        "--raw",
        action="store_true",
        help="csv: write texts as they are (by default a text a spreadsheet would run as a "
        "formula, starting = + - @, gets a leading ')",
    )
    command.add_argument(
        "--frame-columns",
        action="store_true",
        help="xlsx: the frames' English sheet and column names (default: Chinese, 职责 · 得分 …)",
    )


#: Results files larger than this get a note on a terminal while they are read.
_LARGE = 20 * 2**20


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


def _arguments_score(score: argparse.ArgumentParser) -> None:
    score.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    score.add_argument(
        "results",
        metavar="RESULTS",
        help="a CSV, XLSX or JSON file with columns id, value[, unit][, points]",
    )
    _arguments_output(score, "scorecard")
    score.add_argument(
        "--method",
        default=None,
        help="for ladder tables: mean (default), flat, worst, missing-as-poor, proportional, "
        "proportional-ratio; for targets tables: self-evaluation (default)",
    )
    score.add_argument(
        "--rounding", help="self-evaluation: round each 得分 to this step (0.01, 0.1, 1)"
    )
    score.add_argument(
        "--rounding-mode", choices=("half-up", "down"), help="self-evaluation: half-up or down"
    )
    score.add_argument(
        "--reverse", choices=("linear", "ratio"), help="self-evaluation: the 反向 rule"
    )
    score.add_argument(
        "--middle-tier", type=float, help="self-evaluation: 部分达成's points, %% of 分值 (60)"
    )
    score.add_argument(
        "--budget", choices=("add", "exclude"), help="self-evaluation: the budget item in 总分"
    )
    score.add_argument(
        "--rate-rounding", help="self-evaluation: round the execution rate (%%) first, e.g. 0.1"
    )
    score.add_argument(
        "--keep-going",
        action="store_true",
        help="score the good rows and list the bad ones as unscored (still exits 1)",
    )


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from .cards._dispatch import score
    from .comparison._comparison import compare
    from .tables._files import load_table

    if len(args.results) < 2:
        sys.stderr.write("perfscore compare: error: give two results files or more\n")
        return 2
    method = _method(args.method, {})
    if not _output_ready(args, "compare", [args.table, *args.results]):
        return 2
    table = load_table(args.table)
    cards = [
        score(table, results, method=method)  # type: ignore[arg-type]
        for results in _progress(args.results, "scoring", unit="file")
    ]
    if args.labels is not None:
        labels: list[str] | None = [label.strip() for label in args.labels.split(",")]
    else:
        stems = [Path(results).stem for results in args.results]
        labels = stems if len(set(stems)) == len(stems) else None
    _emit(args, out, compare(*cards, labels=labels))
    return 0


# Seconds of work before a progress bar shows (shorter work stays silent).
_PROGRESS_DELAY = 2.0


def _progress(items: Sequence[_T], what: str, *, unit: str) -> Iterable[_T]:
    """``items``, counted on standard error by a progress bar when that is a terminal and the
    work takes more than a couple of seconds; silent otherwise (a pipe, a file, a test)."""
    if not sys.stderr.isatty():
        return items
    # tqdm rather than rich: a bar is all this needs, and tqdm is one small pure-Python package
    # with no dependencies of its own that already waits (delay), sizes itself to the terminal
    # and clears its line; rich would bring pygments and markdown-it-py for the same bar.
    from tqdm import tqdm

    return tqdm(
        items, desc=f"perfscore: {what}", unit=unit, file=sys.stderr, leave=False,
        delay=_PROGRESS_DELAY,
    )  # fmt: skip


def _arguments_compare(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    compare.add_argument(
        "results", nargs="+", metavar="RESULTS", help="results files, oldest first (two or more)"
    )
    _arguments_output(compare, "comparison")
    compare.add_argument(
        "--method", default=None, help="the scoring method (as for score; default the table's)"
    )
    compare.add_argument(
        "--labels", default=None, help="a label per results file, comma-separated (default: names)"
    )


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from .cards._dispatch import score
    from .comparison._comparison import compare
    from .tables._files import load_table

    if args.output is not None:
        refuse_overwriting(args.output, [args.table, *args.results])
    try:
        import matplotlib
    except ModuleNotFoundError:
        sys.stderr.write(
            'perfscore report: error: a report draws plots: pip install "perfscore[plot]"\n'
        )
        return 1
    matplotlib.use("Agg")  # files only: no window, whatever the machine's default
    method = _method(args.method, {})
    table = load_table(args.table)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cards = [score(table, results, method=method) for results in args.results]  # type: ignore[arg-type]
    for warning in caught:
        sys.stderr.write(f"perfscore: warning: {warning.message}\n")
    if len(cards) > 1:
        stems = [Path(results).stem for results in args.results]
        page = compare(*cards, labels=stems if len(set(stems)) == len(stems) else None).to_html()
    else:
        page = cards[0].to_html()
    if args.output is None:
        _write(out, page)
    else:
        write_output(args.output, page, encoding="utf-8")
    return 1 if any(card.unscored for card in cards) else 0


def _arguments_report(command: argparse.ArgumentParser) -> None:
    command.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    command.add_argument(
        "results", nargs="+", metavar="RESULTS",
        help="a results file (several, oldest first: a report of their comparison)",
    )  # fmt: skip
    command.add_argument(
        "--method", default=None, help="the scoring method (as for score; default the table's)"
    )
    command.add_argument(
        "-o", "--output", metavar="FILE", help="the HTML file to write (default: standard output)"
    )


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from .tables._check import check_file
    from .tables._findings import has_errors

    failed = False
    for source in args.tables:
        findings = check_file(source)
        for finding in findings:
            _write(out, f"{finding}\n")
        errors = sum(f.severity.value == "error" for f in findings)
        warnings = len(findings) - errors
        _write(out, f"{source}: {_count(errors, 'error')}, {_count(warnings, 'warning')}\n")
        failed = failed or has_errors(findings)
    return 1 if failed else 0


def _write(out: TextIO, text: str) -> None:
    """Write to the terminal (or a pipe) with control characters from the data escaped."""
    out.write(printable(text, keep="\n\t"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _arguments_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("tables", nargs="+", metavar="TABLE", help="a table file or bundled name")


def _tables(args: argparse.Namespace, out: TextIO) -> int:
    from .tables._files import bundled_tables, load_table

    for name in bundled_tables():
        table = load_table(name)
        _write(out, f"{name}\t{table.department.name}\t{table.year}\t{len(table)} indicators\n")
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from .tables._files import json_schema

    out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _import(args: argparse.Namespace, out: TextIO) -> int:
    """Import a table; exit 1 when no table came out or a finding is to act on (a row left
    out, a value to give). The summary line comes first, then the findings to act on (all
    with ``--all``); a reader that stops early (``| head -1``) ends the listing quietly."""
    from .importing import ImportFailed, import_table

    name = _import_name(args.name, args.output)
    try:
        imported = import_table(
            args.source,
            layout=args.layout,
            name=name,
            year=args.year,
            department=args.department,
        )
    except ImportFailed as failed:
        try:
            _write(
                out, f"{args.source}: no valid table; {_count(len(failed.findings), 'finding')}:\n"
            )
            for finding in failed.findings:
                _write(out, f"  {finding.severity} [{finding.kind}] {finding}\n")
        except BrokenPipeError:
            _quiet_pipe(out)
        _write(sys.stderr, f"perfscore: error: {failed.reason}\n")
        return 1
    target = args.output or f"{imported.table.name}.yaml"
    refuse_overwriting(target, [args.source])
    write_output(target, imported.to_yaml())
    results = None
    if imported.results:
        results = _results_path(target)
        refuse_overwriting(results, [args.source])
        write_output(results, imported.results_csv())
    try:
        _import_report(imported, args, target, results, out)
    except BrokenPipeError:
        _quiet_pipe(out)
    return 1 if imported.must_act else 0


def _import_name(name: str | None, output: str | None) -> str | None:
    """The table's name: ``--name``, else the ``-o`` file's stem when it is a table name; a
    ``--name`` the ``-o`` file's stem disagrees with is refused (``check`` would refuse it)."""
    from pathlib import Path

    if output is None:
        return name
    stem = Path(output).stem
    if name is not None and name != stem:
        raise PerfscoreError(
            f"--name {name} and -o {output} disagree: a table file is named as its table "
            f"(give -o {name}.yaml, or leave out --name)"
        )
    return (
        name if name is not None else (stem if re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem) else None)
    )


def _results_path(target: str) -> str:
    from pathlib import Path

    return str(Path(target).with_name(Path(target).stem + "-results.csv"))


def _import_report(
    imported: Any, args: argparse.Namespace, target: str, results: str | None, out: TextIO
) -> None:
    """One summary line, where the results went, then the findings to act on (all with
    ``--all``), most pressing first."""
    from .tables._findings import Severity
    from .tables._models import Table

    table = imported.table
    if isinstance(table, Table):
        shape = f"{len(table.duties)} duties and {len(table.activities())} activities"
    else:
        shape = f"{_count(len(table.projects), 'project')}"
    counts = {s: sum(f.severity is s for f in imported.findings) for s in Severity}
    _write(
        out,
        f"{args.source}: {_count(len(table), 'indicator')} in {shape} (layout "
        f"{imported.layout}), written to {target}; {counts[Severity.ERROR]} to act on, "
        f"{counts[Severity.WARNING]} to check, {counts[Severity.NOTE]} for the record\n",
    )
    if results is not None:
        _write(
            out,
            f"{_count(len(imported.results), 'result')} and published scores written to "
            f"{results} (perfscore score {target} {results})\n",
        )
    order = list(Severity)
    shown = [f for f in imported.findings if args.all or f.severity is Severity.ERROR]
    shown.sort(key=lambda f: order.index(f.severity))
    for finding in shown:
        _write(out, f"  {finding.severity} [{finding.kind}] {finding}\n")
    hidden = len(imported.findings) - len(shown)
    if hidden:
        _write(out, f"({_count(hidden, 'more finding')} to check or for the record: --all)\n")


def _quiet_pipe(out: TextIO) -> None:
    """The reader of ``out`` went away (``| head -1``): send the rest to nothing, so that the
    exit's flush raises no BrokenPipeError."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, out.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a file (a test's buffer): nothing is flushed at exit


def _arguments_import(command: argparse.ArgumentParser) -> None:
    from .importing._ladder_forms import LAYOUTS

    command.add_argument("source", metavar="SOURCE", help="a .txt, .xlsx, .docx or .pdf file")
    command.add_argument("-o", "--output", metavar="FILE", help="the table file to write "
                         "(default: <name>.yaml; its name is the table's name)")  # fmt: skip
    command.add_argument("--layout", choices=LAYOUTS, default="auto")
    command.add_argument("--name", help="the table's name (default: the -o file's or the "
                         "source file's name)")  # fmt: skip
    command.add_argument("--year", type=int, help="the budget year (default: from the title; "
                         "the import stops asking for it when none is printed)")  # fmt: skip
    command.add_argument("--department", help="the department (default: from the title, "
                         "单位名称, 主管部门 or 实施单位; the import stops asking for it when "
                         "none is printed)")  # fmt: skip
    command.add_argument("--all", action="store_true", help="list every finding, those to "
                         "check and those for the record too")  # fmt: skip


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from .importing import export_table
    from .tables._files import load_table

    table = load_table(args.table)
    if args.output is None and args.format == "txt":
        text = export_table(table, "txt")
        out.write(text if isinstance(text, str) else text.decode("utf-8"))
        return 0
    target = args.output or f"{table.name}.{args.format}"
    refuse_overwriting(target, [args.table])
    export_table(table, args.format, target)
    out.write(f"{table.name}: {_count(len(table), 'indicator')} written to {target}\n")
    return 0


def _arguments_export(command: argparse.ArgumentParser) -> None:
    from .importing import FORMATS

    command.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    command.add_argument("--format", choices=FORMATS, required=True)
    command.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: "
                         "standard output for txt, <name>.<format> otherwise)")  # fmt: skip


def _audit(args: argparse.Namespace, out: TextIO) -> int:
    from .auditing._audit import audit
    from .auditing._reports import audit_frame, audit_json, audit_text, write_audit
    from .tables._files import load_table
    from .tables._targets_table import TargetsTable

    inputs = [args.source] + ([args.results] if args.results is not None else [])
    for output in (args.output, args.xlsx):
        if output is not None:
            refuse_overwriting(output, inputs)
    is_table_file = str(args.source).lower().endswith((".yaml", ".yml", ".json"))
    if args.results is None and is_table_file:
        raise PerfscoreError("give the results file with the published 得分 (id, value, points)")
    if args.results is None:  # a published self-evaluation form: it carries its 得分
        from .importing._importer import import_table

        imported = import_table(args.source, layout="targets")
        source: object = imported
    else:
        source = load_table(args.source)
        if not isinstance(source, TargetsTable):
            raise PerfscoreError(f"{args.source}: an audit reads a self-evaluation (targets) table")
    from .scoring._selfevaluation import SelfEvaluation

    method = SelfEvaluation(
        rounding=args.rounding, rounding_mode=args.rounding_mode, reverse=args.reverse,
        middle_tier=args.middle_tier,
    )  # fmt: skip
    report = audit(source, args.results, method=method)
    if args.format == "json":
        text = audit_json(report) + "\n"
    elif args.format == "csv":
        text = audit_frame(report).to_csv(index=False)
    else:
        text = audit_text(report) + "\n"
    if args.output is None:
        _write(out, text)
    else:
        write_output(args.output, text)
    if args.xlsx is not None:
        write_audit(report, args.xlsx)
    return 0


def _arguments_audit(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "source", metavar="SOURCE",
        help="the self-evaluation table file, or (without RESULTS) a published self-evaluation "
        "form (text, xlsx, docx, pdf) imported with its 得分",
    )  # fmt: skip
    command.add_argument(
        "results", metavar="RESULTS", nargs="?",
        help="results with the published 得分: columns id, value, points (<project>.budget for "
        "the budget item, <project>.total for the published 总分)",
    )  # fmt: skip
    command.add_argument("--format", choices=("text", "json", "csv"), default="text")
    command.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    command.add_argument(
        "--xlsx", metavar="FILE", help="also write the audit as an Excel sheet with a notes column"
    )
    command.add_argument(
        "--rounding", default=None,
        help="the table's rounding (0.01, 0.1, 1); default: the one that explains most rows",
    )  # fmt: skip
    command.add_argument("--rounding-mode", choices=("half-up", "down"), default="half-up")
    command.add_argument("--reverse", choices=("linear", "ratio"), default="linear")
    command.add_argument(
        "--middle-tier", type=float, default=60, help="部分达成's least %% of 分值"
    )


@dataclass(frozen=True)
class _Command:
    """A subcommand: its name, what runs it, and what adds its arguments. The arguments (and
    whatever their choices import) are added only for the command given, so ``perfscore --help``
    and each command import only what they use."""

    name: str
    run: Command
    arguments: Callable[[argparse.ArgumentParser], None]
    help: str
    description: str


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command that takes no arguments."""


#: The commands, in the order of ``perfscore --help``.
_COMMANDS: tuple[_Command, ...] = (
    _Command(
        "score",
        _score,
        _arguments_score,
        help="grade year-end results and roll them up",
        description="Grade a department's year-end results against its table and roll them up "
        "into a score and a grade per activity, duty and department.",
    ),
    _Command(
        "compare",
        _compare,
        _arguments_compare,
        help="compare one table's results across years",
        description="Score results files against one table (oldest first) and compare them node "
        "by node: a score and grade per file, the change from the first to the last, the grade "
        "move. Text shows the department and every duty (or project); json, csv and xlsx (a "
        "workbook, with -o) every level.",
    ),
    _Command(
        "report",
        _report,
        _arguments_report,
        help="write a report to send: one HTML page of scores, plots and findings",
        description="Score a results file against its table (or several, oldest first, and "
        "compare them) and write one self-contained HTML page: the summary, the plots, the "
        "scorecard table and the findings. It opens offline in any browser and prints on A4. "
        "Exit status 1 when rows were left unscored (the report lists them).",
    ),
    _Command(
        "grade",
        _grade,
        _arguments_grade,
        help="grade values against one ladder",
        description="Grade values against a ladder written as its four cells, e.g. "
        "'100% / ≥90% / ≥80% / <80%' (a blank cell as - or nothing), or as perfscore prints "
        "one: '优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%'.",
    ),
    _Command(
        "check",
        _check,
        _arguments_check,
        help="check table files",
        description="Check table files (or bundled tables by name): every ladder over its whole "
        "domain, ids, names, units and readings. Exit status 0 when there are no errors "
        "(warnings are listed), 1 otherwise.",
    ),
    _Command(
        "audit",
        _audit,
        _arguments_audit,
        help="recompute a published self-evaluation and class every departure",
        description="Recompute every published 得分 of a self-evaluation (自评) by the published "
        "rules under the rounding that explains the table best, and class each row: explained, "
        "deduction on a met row, full marks on an unmet row, outside the qualitative tier, "
        "unexplained; the budget item and the total are checked too.",
    ),
    _Command(
        "tables",
        _tables,
        _no_arguments,
        help="list the bundled tables",
        description="List the tables that ship with perfscore: name, department, year and "
        "number of indicators.",
    ),
    _Command(
        "schema",
        _schema,
        _no_arguments,
        help="print the JSON Schema of table files",
        description="Print the JSON Schema of table files; docs/table.schema.json is its output "
        "(perfscore schema > docs/table.schema.json).",
    ),
    _Command(
        "import",
        _import,
        _arguments_import,
        help="import a published table (text, xlsx, docx, pdf) into a table file",
        description="Read a published table from text as copied or extracted, an Excel, Word "
        "or PDF file and write it as a table file. A summary line comes first, then the findings "
        "to act on (--all: those to check and for the record too). Exit status 0 when a "
        "complete table came out; 1 when no valid table came out, or a row was left out or a "
        "value must be given (the file holds what was read).",
    ),
    _Command(
        "export",
        _export,
        _arguments_export,
        help="write a table in its published layout (txt, xlsx, docx, pdf)",
        description="Write a table in the layout it is published in; importing the file gives "
        "the table back.",
    ),
)


def _parser(words: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for ``words``: every command listed, the arguments of the one named."""
    parser = argparse.ArgumentParser(
        prog="perfscore",
        description="Score government performance indicators (绩效指标) from published cells.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    # The first word that is not an option names the command (the top level's options take no
    # value, so no word before it is an option's value).
    named = next((w for w in words if not w.startswith("-")), None)
    for command in _COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.description)
        if command.name == named:
            command.arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(words).parse_args(words)
    except SystemExit as exit:
        if exit.code == 2 and "--" not in words and any(_NEGATIVE.match(w) for w in words):
            # argparse reads any word starting with - as an option; -- ends the options. Kept
            # (rather than guessing which words are values) so options mean what they always do.
            sys.stderr.write(
                "perfscore: hint: a value starting with '-' reads as an option; put -- before "
                "the values, e.g. perfscore grade LADDER -- -5%\n"
            )
        raise
    run: Command = args.run
    try:
        status = run(args, sys.stdout)
        sys.stdout.flush()  # inside the handlers: a reader gone before the last flush is quiet
        return status
    except PerfscoreError as error:
        _write(sys.stderr, f"perfscore: error: {error}\n")
        return 1
    except BrokenPipeError:
        # The reader stopped (``| head``): nothing more to say, and no traceback. Output still
        # buffered would fail again at exit, so standard output is pointed at nothing.
        _quiet_stdout()
        return _BROKEN_PIPE


#: The exit status of a command whose reader closed the pipe (128 + SIGPIPE), as a shell shows it.
_BROKEN_PIPE = 141


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's, a notebook's)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
