"""Writing output files: atomically, and never over an input.

Every file perfscore writes (a scorecard's CSV, JSON or text) goes through
[write_output][perfscore.outputs.write_output]: the text is written to a temporary file in the
same folder and then renamed over the target (``os.replace``), so a reader never sees half a
file and a failed write leaves the old file as it was. A command that reads files refuses an
output that is one of them ([refuse_overwriting][perfscore.outputs.refuse_overwriting]).

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
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import PerfscoreError

__all__ = ["refuse_overwriting", "replacing", "write_output"]


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
    target = Path(path)
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
        temporary = Path(name)
        yield temporary
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
