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
from typing import TYPE_CHECKING, TextIO

from ._cli_common import (
    LARGE,
    arguments_output,
    count,
    emit,
    method_named,
    output_ready,
    progress,
    size,
    stop_cleanly,
    write,
)
from ._cli_importing import arguments_export, arguments_import, run_export, run_import
from ._cli_reports import arguments_audit, arguments_report, run_audit, run_report
from .errors import PerfscoreError

if TYPE_CHECKING:
    pass

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
    write(out, f"{ladder}  ({ladder.direction.value}, unit {ladder.unit})\n")
    failed = 0
    for value in args.values:
        try:
            write(out, f"{value}\t{ladder.grade(value)}\n")
        except PerfscoreError as error:
            failed += 1
            write(out, f"{value}\terror: {error.reason}\n")
    return 1 if failed else 0


def _arguments_grade(grade: argparse.ArgumentParser) -> None:
    grade.add_argument("ladder", help="the cells 优 / 良 / 中 / 差, separated by '/'")
    grade.add_argument(
        "values", nargs="+", metavar="VALUE", help="a value, e.g. 95%%, 499人, 有效实施"
    )
    grade.add_argument("--unit", default=None, help="the indicator's unit (percent, 人, 次 …)")


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
    method = method_named(args.method, options)
    if not output_ready(args, "score", [args.table, args.results]):
        return 2
    if sys.stderr.isatty() and size(args.results) > LARGE:
        sys.stderr.write(f"perfscore: reading {size(args.results) / 2**20:,.0f} MB of results…\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        card = score(args.table, args.results, method=method, keep_going=args.keep_going)
    for warning in caught:  # one line each, not Python's file:line form
        write(sys.stderr, f"perfscore: warning: {warning.message}\n")
    emit(args, out, card)
    if card.unscored and args.format != "text":
        # JSON and CSV keep their documented shape; the rows left out are named here instead.
        for row in card.unscored:
            write(sys.stderr, f"perfscore: unscored: {row.message}\n")
    return 1 if card.unscored else 0


def _arguments_score(score: argparse.ArgumentParser) -> None:
    score.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    score.add_argument(
        "results",
        metavar="RESULTS",
        help="a CSV, XLSX or JSON file with columns id, value[, unit][, points]",
    )
    arguments_output(score, "scorecard")
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
    method = method_named(args.method, {})
    if not output_ready(args, "compare", [args.table, *args.results]):
        return 2
    table = load_table(args.table)
    cards = [
        score(table, results, method=method)  # type: ignore[arg-type]
        for results in progress(args.results, "scoring", unit="file")
    ]
    if args.labels is not None:
        labels: list[str] | None = [label.strip() for label in args.labels.split(",")]
    else:
        stems = [Path(results).stem for results in args.results]
        labels = stems if len(set(stems)) == len(stems) else None
    emit(args, out, compare(*cards, labels=labels))
    return 0


def _arguments_compare(compare: argparse.ArgumentParser) -> None:
    compare.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    compare.add_argument(
        "results", nargs="+", metavar="RESULTS", help="results files, oldest first (two or more)"
    )
    arguments_output(compare, "comparison")
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
            write(out, f"{finding}\n")
        errors = sum(f.severity.value == "error" for f in findings)
        warnings = len(findings) - errors
        write(out, f"{source}: {count(errors, 'error')}, {count(warnings, 'warning')}\n")
        failed = failed or has_errors(findings)
    return 1 if failed else 0


def _arguments_check(check: argparse.ArgumentParser) -> None:
    check.add_argument("tables", nargs="+", metavar="TABLE", help="a table file or bundled name")


def _tables(args: argparse.Namespace, out: TextIO) -> int:
    from .tables._files import bundled_tables, load_table

    for name in bundled_tables():
        table = load_table(name)
        write(out, f"{name}\t{table.department.name}\t{table.year}\t{len(table)} indicators\n")
    return 0


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from .tables._files import json_schema

    out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


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
        run_report,
        arguments_report,
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
        run_audit,
        arguments_audit,
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
        run_import,
        arguments_import,
        help="import a published table (text, xlsx, docx, pdf) into a table file",
        description="Read a published table from text as copied or extracted, an Excel, Word "
        "or PDF file and write it as a table file. A summary line comes first, then the findings "
        "to act on (--all: those to check and for the record too). Exit status 0 when a "
        "complete table came out; 1 when no valid table came out, or a row was left out or a "
        "value must be given (the file holds what was read).",
    ),
    _Command(
        "export",
        run_export,
        arguments_export,
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
    if argv is None:  # the process's own command line: a files' writer cleans up when stopped
        stop_cleanly()
    try:
        status = run(args, sys.stdout)
        sys.stdout.flush()  # inside the handlers: a reader gone before the last flush is quiet
        return status
    except PerfscoreError as error:
        write(sys.stderr, f"perfscore: error: {error}\n")
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
