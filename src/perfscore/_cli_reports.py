"""The ``perfscore report`` and ``perfscore audit`` commands: a report to send, and a
department's self-evaluation recomputed row by row."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import TextIO

from ._cli_common import method_named, write
from .errors import PerfscoreError
from .outputs import refuse_overwriting, write_output

__all__ = ["arguments_audit", "arguments_report", "run_audit", "run_report"]


def run_report(args: argparse.Namespace, out: TextIO) -> int:
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
    method = method_named(args.method, {})
    table = load_table(args.table)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cards = [score(table, results, method=method) for results in args.results]  # type: ignore[arg-type]
    for warning in caught:
        write(sys.stderr, f"perfscore: warning: {warning.message}\n")
    if len(cards) > 1:
        stems = [Path(results).stem for results in args.results]
        page = compare(*cards, labels=stems if len(set(stems)) == len(stems) else None).to_html()
    else:
        page = cards[0].to_html()
    if args.output is None:
        write(out, page)
    else:
        write_output(args.output, page, encoding="utf-8")
    return 1 if any(card.unscored for card in cards) else 0


def arguments_report(command: argparse.ArgumentParser) -> None:
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


def run_audit(args: argparse.Namespace, out: TextIO) -> int:
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
        write(out, text)
    else:
        write_output(args.output, text)
    if args.xlsx is not None:
        write_audit(report, args.xlsx)
    return 0


def arguments_audit(command: argparse.ArgumentParser) -> None:
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
