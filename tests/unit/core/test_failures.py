"""System faults are told in Vietnamese, without the library's English text."""

from __future__ import annotations

import errno
import sqlite3

import peewee as pw
import pytest

from models.core.errors import ValidationError
from models.core.failures import describe, is_expected


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/media/usb/a.xlsx"), "đã đầy"),
        (PermissionError(errno.EACCES, "Permission denied", "a.xlsx"), "không có quyền"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "x.json"), "không tìm thấy"),
        (OSError(errno.EIO, "Input/output error"), "rút ra"),
        (pw.OperationalError("database or disk is full"), "đã đầy"),
        (pw.OperationalError("attempt to write a readonly database"), "chỉ cho phép đọc"),
        (sqlite3.DatabaseError("database disk image is malformed"), "bị hỏng"),
        (pw.IntegrityError("UNIQUE constraint failed: member.card_number"), "trùng"),
        (pw.OperationalError("canceling statement due to lock timeout"), "đang giữ dữ liệu này"),
        (pw.OperationalError("canceling statement due to statement timeout"), "chạy quá lâu"),
        (pw.OperationalError("terminating connection due to idle-in-transaction timeout"), "để dở quá lâu"),
        (pw.OperationalError("terminating connection due to administrator command"), "ngắt phiên làm việc"),
    ],
)
def test_faults_are_told_in_vietnamese(exc, expected):
    text = describe(exc)
    assert expected in text
    for english in ("No space", "Permission", "No such", "database or disk", "readonly", "UNIQUE", "Errno", "timeout"):
        assert english not in text
    assert is_expected(exc)


def test_domain_errors_keep_their_message_and_defects_are_not_expected():
    assert describe(ValidationError("Chưa nhập họ và tên.")) == "Chưa nhập họ và tên."
    assert not is_expected(KeyError("x"))
    assert not is_expected(pw.ProgrammingError('syntax error at or near "SELEC"'))  # a defect, not a fault
    assert "không lường trước" in describe(KeyError("x"))
