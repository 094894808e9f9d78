"""The ``perfscore import`` and ``perfscore export`` commands: a published table read into a
table file with its review list, and a table written back out in its published layout."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any, TextIO

from ._cli_common import count, write
from .errors import PerfscoreError
from .outputs import refuse_overwriting, write_output

__all__ = [
    "arguments_export", "arguments_import", "import_name", "import_report", "quiet_pipe",
    "results_path", "run_export", "run_import",
]  # fmt: skip


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    """Import a table; exit 1 when no table came out or a finding is to act on (a row left
    out, a value to give). The summary line comes first, then the findings to act on (all
    with ``--all``); a reader that stops early (``| head -1``) ends the listing quietly."""
    from .importing import ImportFailed, import_table

    name = import_name(args.name, args.output)
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
            write(
                out, f"{args.source}: no valid table; {count(len(failed.findings), 'finding')}:\n"
            )
            for finding in failed.findings:
                write(out, f"  {finding.severity} [{finding.kind}] {finding}\n")
        except BrokenPipeError:
            quiet_pipe(out)
        write(sys.stderr, f"perfscore: error: {failed.reason}\n")
        return 1
    target = args.output or f"{imported.table.name}.yaml"
    refuse_overwriting(target, [args.source])
    write_output(target, imported.to_yaml())
    results = None
    if imported.results:
        results = results_path(target)
        refuse_overwriting(results, [args.source])
        write_output(results, imported.results_csv())
    try:
        import_report(imported, args, target, results, out)
    except BrokenPipeError:
        quiet_pipe(out)
    return 1 if imported.must_act else 0


def import_name(name: str | None, output: str | None) -> str | None:
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


def results_path(target: str) -> str:
    from pathlib import Path

    return str(Path(target).with_name(Path(target).stem + "-results.csv"))


def import_report(
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
        shape = f"{count(len(table.projects), 'project')}"
    counts = {s: sum(f.severity is s for f in imported.findings) for s in Severity}
    write(
        out,
        f"{args.source}: {count(len(table), 'indicator')} in {shape} (layout "
        f"{imported.layout}), written to {target}; {counts[Severity.ERROR]} to act on, "
        f"{counts[Severity.WARNING]} to check, {counts[Severity.NOTE]} for the record\n",
    )
    if results is not None:
        write(
            out,
            f"{count(len(imported.results), 'result')} and published scores written to "
            f"{results} (perfscore score {target} {results})\n",
        )
    order = list(Severity)
    shown = [f for f in imported.findings if args.all or f.severity is Severity.ERROR]
    shown.sort(key=lambda f: order.index(f.severity))
    for finding in shown:
        write(out, f"  {finding.severity} [{finding.kind}] {finding}\n")
    hidden = len(imported.findings) - len(shown)
    if hidden:
        write(out, f"({count(hidden, 'more finding')} to check or for the record: --all)\n")


def quiet_pipe(out: TextIO) -> None:
    """The reader of ``out`` went away (``| head -1``): send the rest to nothing, so that the
    exit's flush raises no BrokenPipeError."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, out.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a file (a test's buffer): nothing is flushed at exit


def arguments_import(command: argparse.ArgumentParser) -> None:
    from .importing._ladder_forms import LAYOUTS

    command.add_argument(
        "source", metavar="SOURCE", help="a .txt, .html, .xlsx, .xls, .docx or .pdf file"
    )
    command.add_argument("-o", "--output", metavar="FILE", help="the table file to write "
                         "(default: <name>.yaml; its name is the table's name)")  # fmt: skip
    command.add_argument("--layout", choices=LAYOUTS, default="auto")
    command.add_argument("--name", help="the table's name (default: the -o file's or the "
                         "source file's name)")  # fmt: skip
    command.add_argument("--year", type=int, help="the budget year (default: from the title; "
                         "the import stops asking for it when none is printed)")  # fmt: skip
    command.add_argument("--department", help="the department (default: as printed: "
                         "单位名称, then 实施单位 in a self-evaluation or 主管部门 in a goal "
                         "form, then the other, then the title; the import stops asking for it "
                         "when none is printed)")  # fmt: skip
    command.add_argument("--all", action="store_true", help="list every finding, those to "
                         "check and those for the record too")  # fmt: skip


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    from .importing import export_table
    from .tables._files import load_table

    table = load_table(args.table)
    if args.output is None and args.format == "txt":
        text = export_table(table, "txt")
        write(out, text if isinstance(text, str) else text.decode("utf-8"))
        return 0
    target = args.output or f"{table.name}.{args.format}"
    refuse_overwriting(target, [args.table])
    export_table(table, args.format, target)
    write(out, f"{table.name}: {count(len(table), 'indicator')} written to {target}\n")
    return 0


def arguments_export(command: argparse.ArgumentParser) -> None:
    from .importing import FORMATS

    command.add_argument("table", metavar="TABLE", help="a table file or a bundled table's name")
    command.add_argument("--format", choices=FORMATS, required=True)
    command.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: "
                         "standard output for txt, <name>.<format> otherwise)")  # fmt: skip
