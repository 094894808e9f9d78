"""Writing output files: atomically, with the user's usual mode, and never over an input.

Every file perfscore writes (a scorecard's CSV, JSON or text, a workbook, a table file) goes
through [replacing][perfscore.outputs.replacing]: the content is written to a temporary file in
the same folder and then renamed over the target (``os.replace``), so a reader never sees half a
file and a failed write leaves the old file as it was. The file gets the mode a new file of the
user's gets (``0666`` less the umask: ``0644`` under the usual ``022``), not the temporary file's
private ``0600``. A symbolic link is written through: the file it names is replaced and the link
stays. A target that is not a regular file (a device such as ``/dev/null``, a pipe, a folder) is
refused, never replaced. A command that reads files refuses an output that is one of them
([refuse_overwriting][perfscore.outputs.refuse_overwriting]).

Text from a table or a results file (a name, an id, a department, a result) never becomes a
formula in what perfscore writes: every text cell of a workbook is written by
[text_cell][perfscore.outputs.text_cell] as a string cell, and a CSV cell that a spreadsheet
would read as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) is written
with a leading apostrophe by [csv_safe][perfscore.outputs.csv_safe], the usual convention, which
spreadsheets show as the text itself. A number (``-5``, ``-5%``) is left as it is.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_output(folder / "card.csv", "id,grade\\n", encoding="utf-8")
>>> (folder / "card.csv").read_text(encoding="utf-8")
'id,grade\\n'
>>> try:
...     refuse_overwriting(folder / "card.csv", [folder / "card.csv"])
... except PerfscoreError as error:
...     print(error.reason)
the output is an input of this command; write it elsewhere
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from .errors import PerfscoreError, printable

__all__ = [
    "FORMULA_STARTS",
    "csv_safe",
    "refuse_overwriting",
    "replacing",
    "text_cell",
    "write_output",
]

#: What a spreadsheet reads as the start of a formula when a cell begins with it.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# A number as text (-5, +3.5, -12%, 1e3) is no formula: a spreadsheet reads it as the number.
_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?")
# Characters an xlsx file cannot hold (XML 1.0 forbids them); written escaped, as \x01.
_NOT_IN_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text, never runs as a formula: a leading
    apostrophe before ``= + - @``, tab or carriage return (a number is left as it is).

    >>> csv_safe("=1+2"), csv_safe("-5"), csv_safe("-5%"), csv_safe("就业")
    ("'=1+2", '-5', '-5%', '就业')
    >>> csv_safe("-2+3"), csv_safe("@SUM(A1)")
    ("'-2+3", "'@SUM(A1)")
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def text_cell(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` into an openpyxl worksheet's cell and return the cell: text always as a
    string cell (openpyxl takes a text starting with ``=`` for a formula), with the control
    characters an xlsx file cannot hold escaped; anything else (a number, None) as it is.

    Every workbook perfscore writes puts its cells through here.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _NOT_IN_XML.sub(lambda m: printable(m.group()), value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def refuse_overwriting(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise [PerfscoreError][perfscore.errors.PerfscoreError] if ``output`` is the same file as
    one of ``inputs`` (compared by resolved path, so ``./a.csv`` and ``a.csv`` are one file)."""
    for source in inputs:
        if _same_file(Path(source), Path(output)):
            raise PerfscoreError(
                "the output is an input of this command; write it elsewhere"
            ).located(file=str(output))


def _same_file(one: Path, other: Path) -> bool:
    try:
        if one.resolve() == other.resolve():
            return True
        return one.exists() and other.exists() and one.samefile(other)  # hard links
    except (OSError, ValueError):  # a name the system refuses: reported when it is opened
        return False


def write_output(path: str | Path, text: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``text`` (or bytes) to ``path`` atomically (through
    [replacing][perfscore.outputs.replacing]).

    Raises [PerfscoreError][perfscore.errors.PerfscoreError] naming the file when it cannot be
    written; the file as it was is then left untouched.
    """
    with replacing(path) as temporary:
        if isinstance(text, bytes):
            temporary.write_bytes(text)
        else:
            with open(temporary, "w", encoding=encoding, newline="") as file:
                file.write(text)


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary file in ``path``'s folder to write; renamed over ``path`` when the block ends.

    Every writer goes through it (text here, workbooks in [perfscore.views._workbook][]): a reader
    never sees half a file, and when writing fails the temporary file is removed, the old file is
    left as it was, and a [PerfscoreError][perfscore.errors.PerfscoreError] says why.
    """
    temporary: Path | None = None
    try:
        target = _destination(Path(path))
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
        temporary = Path(name)
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
        temporary = None
    except PerfscoreError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: text the encoding cannot write
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PerfscoreError(f"cannot write {path}: {reason}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _destination(path: Path) -> Path:
    """Where writing ``path`` lands: through symbolic links, the file they name; refused when
    that is not a regular file (a device, a pipe, a folder), which a rename would replace."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except OSError:  # nothing there yet (or unreadable): the write says why, if it fails
        return target
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a pipe)"
        raise PerfscoreError(f"cannot write {path}: it is {kind}; write to a file")
    return target


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux);
    elsewhere set and restored at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
