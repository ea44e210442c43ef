"""The one failure mapping of the headless commands: each kind of failure gets its status and one Vietnamese line,
and a defect of ChiBo is a sentence too, never a traceback."""

from __future__ import annotations

import errno
import io

import peewee as pw
import pytest

from cli.guard import guarded
from models.core.errors import (
    ConflictError,
    DatabaseFileError,
    PassphraseNeededError,
    ServerConnectionError,
    StorageError,
    ValidationError,
)
from models.core.failures import REFUSED, UNREADABLE, command_failure
from models.counting.errors import MalformedError
from reports.core.errors import ImportFileError


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (DatabaseFileError("Tệp hỏng."), UNREADABLE),
        (PassphraseNeededError("a.sqlite3", "Cần mật khẩu."), UNREADABLE),
        (ServerConnectionError("Không kết nối được máy chủ."), UNREADABLE),
        (StorageError("Đĩa đầy."), UNREADABLE),
        (MalformedError("Phiếu số 3: sai."), UNREADABLE),
        (ImportFileError("Không phải tệp Excel."), UNREADABLE),
        (FileNotFoundError(errno.ENOENT, "No such file", "x.xlsx"), UNREADABLE),
        (ValidationError("Sai ngày."), REFUSED),
        (ConflictError("Đã có."), REFUSED),
        (pw.IntegrityError("UNIQUE constraint failed"), REFUSED),
        (KeyError("a defect"), REFUSED),
    ],
)
def test_each_failure_has_its_status_and_one_vietnamese_line(exc, status):
    got, line = command_failure(exc)
    assert got == status
    assert "\n" not in line and line
    assert "Traceback" not in line and "constraint" not in line and "defect" not in line


def test_a_file_error_names_the_file():
    _, line = command_failure(FileNotFoundError(errno.ENOENT, "No such file", "danh-sach.xlsx"))
    assert line.startswith("Không đọc hoặc ghi được tệp «danh-sach.xlsx»:")


def test_a_guarded_command_prints_its_failure_on_one_line_and_returns_its_status():
    @guarded
    def broken(*, out, err) -> int:
        raise MalformedError("Hồ sơ\nsai dạng.")

    @guarded
    def defect(*, out, err) -> int:
        return {}["missing"]

    err = io.StringIO()
    assert broken(out=io.StringIO(), err=err) == UNREADABLE
    assert err.getvalue() == "Hồ sơ sai dạng.\n"
    err = io.StringIO()
    assert defect(out=io.StringIO(), err=err) == REFUSED
    assert err.getvalue().startswith("ChiBo gặp một lỗi không lường trước") and err.getvalue().count("\n") == 1
