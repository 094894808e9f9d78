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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from .errors import PerfscoreError, printable
from .outputs import refuse_overwriting, write_output

if TYPE_CHECKING:
    from .scoring._methods import Method
    from .scoring._selfevaluation import SelfEvaluation

__all__ = ["main"]

Command = Callable[[argparse.Namespace, TextIO], int]

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
    if args.format == "xlsx" and args.output is None:
        sys.stderr.write(
            "perfscore score: error: --format xlsx writes a workbook; name it with -o FILE.xlsx\n"
        )
        return 2
    if args.output is not None:
        refuse_overwriting(args.output, [args.table, args.results])
    if sys.stderr.isatty() and _size(args.results) > _LARGE:
        sys.stderr.write(f"perfscore: reading {_size(args.results) / 2**20:,.0f} MB of results…\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        card = score(args.table, args.results, method=method, keep_going=args.keep_going)
    for warning in caught:  # one line each, not Python's file:line form
        sys.stderr.write(f"perfscore: warning: {warning.message}\n")
    if args.format == "xlsx":
        card.to_excel(args.output)
        text = ""
    elif args.format == "json":
        text = card.to_json() + "\n"
    elif args.format == "csv":
        text = card.to_csv()
    else:
        text = card.to_text() + "\n"
    if args.format == "xlsx":
        pass  # written whole above
    elif args.output is not None:
        # Excel opens a CSV as UTF-8 only when it starts with a BOM.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        write_output(args.output, text, encoding=encoding)
    else:
        _write(out, text)
    if card.unscored and args.format != "text":
        # JSON and CSV keep their documented shape; the rows left out are named here instead.
        for row in card.unscored:
            _write(sys.stderr, f"perfscore: unscored: {row.message}\n")
    return 1 if card.unscored else 0


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
    score.add_argument(
        "--format",
        choices=("text", "json", "csv", "xlsx"),
        default="text",
        help="text (default), json, csv, or xlsx (a workbook, a sheet per level; needs -o FILE)",
    )
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
    score.add_argument("-o", "--output", metavar="FILE", help="write the scorecard to FILE")
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
    table = load_table(args.table)
    cards = [score(table, results, method=method) for results in args.results]  # type: ignore[arg-type]
    if args.labels is not None:
        labels: list[str] | None = [label.strip() for label in args.labels.split(",")]
    else:
        stems = [Path(results).stem for results in args.results]
        labels = stems if len(set(stems)) == len(stems) else None
    comparison = compare(*cards, labels=labels)
    if args.format == "json":
        out.write(comparison.to_json() + "\n")
    elif args.format == "csv":
        out.write(comparison.to_frame().to_csv(index=False, lineterminator="\n"))
    else:
        _write(out, comparison.to_text() + "\n")
    return 0


def _arguments_compare(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    compare.add_argument(
        "results", nargs="+", metavar="RESULTS", help="results files, oldest first (two or more)"
    )
    compare.add_argument("--format", choices=("text", "json", "csv"), default="text")
    compare.add_argument(
        "--method", default=None, help="the scoring method (as for score; default the table's)"
    )
    compare.add_argument(
        "--labels", default=None, help="a label per results file, comma-separated (default: names)"
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
    from pathlib import Path

    from .importing import ImportFailed, import_table
    from .tables._models import Table

    try:
        imported = import_table(args.source, layout=args.layout, name=args.name, year=args.year)
    except ImportFailed as failed:
        _write(out, f"{args.source}: no valid table; {_count(len(failed.findings), 'finding')}:\n")
        for finding in failed.findings:
            _write(out, f"  [{finding.kind}] {finding}\n")
        _write(sys.stderr, f"perfscore: error: {failed.reason}\n")
        return 1
    table = imported.table
    target = args.output or f"{table.name}.yaml"
    refuse_overwriting(target, [args.source])
    write_output(target, imported.to_yaml())
    if isinstance(table, Table):
        shape = f"{len(table.duties)} duties and {len(table.activities())} activities"
    else:
        shape = f"{_count(len(table.projects), 'project')}"
    out.write(
        f"{args.source}: {_count(len(table), 'indicator')} in {shape} (layout "
        f"{imported.layout}), written to {target}\n"
    )
    if imported.results:
        results = str(Path(target).with_name(Path(target).stem + "-results.csv"))
        refuse_overwriting(results, [args.source])
        write_output(results, imported.results_csv())
        out.write(
            f"{_count(len(imported.results), 'result')} and published scores written to "
            f"{results} (perfscore score {target} {results})\n"
        )
    out.write(f"{_count(len(imported.findings), 'finding')} to review:\n")
    for finding in imported.findings:
        _write(out, f"  [{finding.kind}] {finding}\n")
    return 0


def _arguments_import(command: argparse.ArgumentParser) -> None:
    from .importing._ladder_forms import LAYOUTS

    command.add_argument("source", metavar="SOURCE",
                         help="a .txt, .html, .xlsx, .xls, .docx or .pdf file")  # fmt: skip
    command.add_argument("-o", "--output", metavar="FILE", help="the table file to write "
                         "(default: <name>.yaml)")  # fmt: skip
    command.add_argument("--layout", choices=LAYOUTS, default="auto")
    command.add_argument("--name", help="the table's name (default: the file's name)")
    command.add_argument("--year", type=int, help="the budget year (default: from the title)")


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
        "move. Text shows the department and every duty (or project); json and csv every level.",
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
        "or PDF file, write it as a table file and list every join, repair and inference for "
        "review. Exit status 0 when a valid table came out, 1 when not.",
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
        return run(args, sys.stdout)
    except PerfscoreError as error:
        _write(sys.stderr, f"perfscore: error: {error}\n")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
