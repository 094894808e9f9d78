"""What the ``perfscore`` commands share: the scoring method named on the command line, the
writers' options and the one way to write a view, progress on a terminal, and writing text with
the data's control characters escaped."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from .errors import PerfscoreError, printable
from .outputs import refuse_overwriting, write_output

if TYPE_CHECKING:
    from .scoring._methods import Method
    from .scoring._selfevaluation import SelfEvaluation

__all__ = [
    "LARGE", "PROGRESS_DELAY", "arguments_output", "count", "emit", "method_named", "output_ready",
    "progress", "size", "stop_cleanly", "write",
]  # fmt: skip


T = TypeVar("T")


def method_named(name: str | None, options: dict[str, Any]) -> Method | SelfEvaluation | None:
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


def output_ready(args: argparse.Namespace, command: str, inputs: list[str]) -> bool:
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


def emit(args: argparse.Namespace, out: TextIO, view: Any) -> None:
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
        write(out, text)


def arguments_output(command: argparse.ArgumentParser, what: str) -> None:
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
LARGE = 20 * 2**20


def size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


# Seconds of work before a progress bar shows (shorter work stays silent).
PROGRESS_DELAY = 2.0


def progress(items: Sequence[T], what: str, *, unit: str) -> Iterable[T]:
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
        delay=PROGRESS_DELAY,
    )  # fmt: skip


def write(out: TextIO, text: str) -> None:
    """Write to the terminal (or a pipe) with control characters from the data escaped."""
    out.write(printable(text, keep="\n\t"))


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def stop_cleanly() -> None:
    """Make a termination request (SIGTERM, as ``kill`` and job schedulers send) end the command
    as an interrupt does: the writers' ``finally`` blocks run, so no temporary file is left
    behind; the exit status is 143 (128 + SIGTERM), as a shell shows it."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError):  # not the main thread: leave the default
        signal.signal(signal.SIGTERM, stop)
