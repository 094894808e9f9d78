"""perfscore.outputs: files written whole or not at all, and never over an input."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import PerfscoreError
from perfscore.outputs import (
    FORMULA_STARTS,
    csv_safe,
    refuse_overwriting,
    replacing,
    text_cell,
    write_output,
)


def leftovers(folder: Path) -> list[str]:
    """Temporary files a writer left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def fail_while_writing(target: Path, failure: Exception) -> None:
    """Write half a file through ``replacing``, then fail with ``failure``."""
    with replacing(target) as temporary:
        temporary.write_text("half", encoding="utf-8")
        raise failure


# -- write_output ----------------------------------------------------------------------------


def test_text_is_written_as_given_without_newline_translation(tmp_path: Path) -> None:
    path = tmp_path / "card.csv"
    write_output(path, "id,grade\r\n1.1.1,优\n")
    assert path.read_bytes() == "id,grade\r\n1.1.1,优\n".encode()
    assert leftovers(tmp_path) == []


def test_the_encoding_is_the_one_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "card.csv"
    write_output(path, "优", encoding="utf-8-sig")
    assert path.read_bytes() == b"\xef\xbb\xbf" + "优".encode()
    write_output(path, "优", encoding="gb18030")
    assert path.read_bytes() == "优".encode("gb18030")


def test_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    write_output(path, b"PK\x03\x04\x00")
    assert path.read_bytes() == b"PK\x03\x04\x00"


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    path.write_text("old", encoding="utf-8")
    write_output(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []


def test_text_the_encoding_cannot_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "card.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(PerfscoreError) as raised:
        write_output(path, "优", encoding="ascii")
    assert str(raised.value).startswith(f"cannot write {path}: 'ascii' codec can't encode")
    assert path.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "card.csv"
    with pytest.raises(PerfscoreError) as raised:
        write_output(path, "x")
    assert str(raised.value) == f"cannot write {path}: No such file or directory"
    assert not path.parent.exists()


# -- replacing -------------------------------------------------------------------------------


def test_replacing_gives_a_temporary_file_beside_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with replacing(target) as temporary:
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(".out.txt.")
        assert temporary.name.endswith(".tmp")
        assert not target.exists()  # nothing is seen until the block ends
        temporary.write_text("whole", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "whole"
    assert not temporary.exists()


@pytest.mark.parametrize("failure", [KeyError("boom"), PerfscoreError("a bad row")])
def test_a_block_that_fails_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, failure: Exception
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(type(failure)) as raised:
        fail_while_writing(target, failure)
    assert raised.value is failure  # passed on as it was, not reworded
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_an_os_error_in_the_block_is_a_perfscore_error_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(PerfscoreError) as raised:
        fail_while_writing(target, OSError(28, "No space left on device"))
    assert str(raised.value) == f"cannot write {target}: No space left on device"
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_target_that_is_a_folder_cannot_be_replaced(tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    with pytest.raises(PerfscoreError, match=f"cannot write {target}: "):
        write_output(target, "x")
    assert target.is_dir()
    assert leftovers(tmp_path) == []


# -- refuse_overwriting ------------------------------------------------------------------------


def test_an_output_that_is_an_input_is_refused_and_named(tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    source.write_text("id,value\n", encoding="utf-8")
    with pytest.raises(PerfscoreError) as raised:
        refuse_overwriting(source, [tmp_path / "table.yaml", source])
    assert raised.value.where.file == str(source)
    assert str(raised.value) == (
        f"{source}: the output is an input of this command; write it elsewhere"
    )


def test_the_same_file_under_another_spelling_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    with pytest.raises(PerfscoreError):
        refuse_overwriting("./sub/../a.csv", ["a.csv"])
    # a file that does not exist yet is still the same path
    with pytest.raises(PerfscoreError):
        refuse_overwriting(tmp_path / "new.csv", ["new.csv"])


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    source.write_text("x", encoding="utf-8")
    link = tmp_path / "alias.csv"
    os.link(source, link)
    with pytest.raises(PerfscoreError):
        refuse_overwriting(link, [source])


def test_other_files_and_names_the_system_refuses_pass(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("x", encoding="utf-8")
    refuse_overwriting(tmp_path / "out.csv", [tmp_path / "in.csv"])
    refuse_overwriting(tmp_path / "out.csv", [])
    refuse_overwriting("a\x00b.csv", [tmp_path / "in.csv"])  # reported when it is opened


# -- the file written: its mode, through links, never over a device ---------------------------


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process's umask for a test; the old one is restored after."""
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_file_written_has_the_umasks_mode(
    tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    umask(mask)
    path = tmp_path / "card.csv"
    write_output(path, "id\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    with replacing(tmp_path / "book.xlsx") as temporary:  # workbooks are written this way
        temporary.write_bytes(b"PK")
    assert stat.S_IMODE((tmp_path / "book.xlsx").stat().st_mode) == mode
    path.chmod(0o600)  # a file replaced gets the usual mode too, as a new file would
    write_output(path, "id\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_output(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "not-yet.csv")
    write_output(dangling, "made")
    assert dangling.is_symlink()
    assert (tmp_path / "not-yet.csv").read_text(encoding="utf-8") == "made"


def test_a_device_is_never_written_over(tmp_path: Path) -> None:
    """A device node of the test's own (the null device's numbers, made in the test's folder):
    were the rule broken, a rename would replace it, and nothing of the system's."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs privileges this run does not have")
    with pytest.raises(PerfscoreError) as raised:
        write_output(device, "x")
    assert str(raised.value) == (
        f"cannot write {device}: it is not a regular file (a device or a pipe); write to a file"
    )
    assert stat.S_ISCHR(device.stat().st_mode)
    link = tmp_path / "null.csv"  # nor through a link to one
    link.symlink_to(device)
    with pytest.raises(PerfscoreError, match="not a regular file"):
        write_output(link, "x")
    assert link.is_symlink()
    assert stat.S_ISCHR(device.stat().st_mode)
    assert leftovers(tmp_path) == []


def test_a_pipe_is_never_written_over(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(PerfscoreError, match="not a regular file"):
        write_output(pipe, "x")
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert leftovers(tmp_path) == []


# -- text never a formula -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "+1"),  # a number
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("-5.5%", "-5.5%"),
        ("-", "'-"),
        ("就业", "就业"),
        ("", ""),
    ],
)
def test_csv_safe(text: str, safe: str) -> None:
    assert csv_safe(text) == safe


@given(st.text())
def test_a_csv_safe_text_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    safe = csv_safe(text)
    assert safe in (text, "'" + text)
    if safe == text and text.startswith(FORMULA_STARTS):
        float(text.rstrip("%"))  # only a number is left as it is


@given(st.text())
def test_text_cell_keeps_any_text_as_a_string_cell(text: str) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    cell = text_cell(sheet, 1, 1, text)
    assert cell.data_type == "s"
    assert text_cell(sheet, 1, 2, -5).value == -5
    buffer = io.BytesIO()
    book.save(buffer)  # control characters an xlsx cannot hold are escaped, not refused
    back = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]["A1"]
    assert back.data_type == "s" or (text == "" and back.value is None)
    if text.isprintable() and text:
        assert back.value == text
