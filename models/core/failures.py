"""Faults from the system (disk, files, the database driver) told in Vietnamese, never in the library's English.

The data file's own storage failures are worded by models.core.sqlite_storage; this module adds the rest.

One translation point for every path that can meet them: the GUI's failure dialog, background jobs and the
headless commands all describe an exception through `describe(exc)`.
"""

from __future__ import annotations

import peewee as pw

from models.core.errors import DatabaseFileError, DomainError, StorageError, UnreadableInputError, os_error_text
from models.core.exit_status import OK, REFUSED, UNREADABLE
from models.core.server_errors import is_privilege_error
from models.core.sqlite_storage import OPERATIONAL_SQLITE_ERRORS, SQLITE_ERRORS, storage_error

__all__ = ["OK", "REFUSED", "UNREADABLE", "command_failure", "describe", "is_expected", "one_line"]

# Database faults that are not a data file's storage failure (models.core.sqlite_storage tells those).
_DATABASE_TEXTS = (
    ("unique", "dữ liệu trùng với một bản ghi đã có"),
    # a set-up server's session limits (models.office.sessions) and a grant taken away
    ("lock timeout", "máy chủ đang bận vì một tài khoản khác đang giữ dữ liệu này; hãy thử lại sau ít phút"),
    ("statement timeout", "thao tác chạy quá lâu nên máy chủ đã dừng lại; hãy thử lại"),
    ("idle-in-transaction timeout", "phiên làm việc bị máy chủ đóng vì để dở quá lâu; hãy kết nối lại"),
    (
        "administrator command",
        "máy chủ đã ngắt phiên làm việc (người quản trị đổi quyền của tài khoản, hoặc khởi "
        "động lại máy chủ); hãy kết nối lại",
    ),
    ("connection", "mất kết nối tới máy chủ cơ sở dữ liệu"),
    ("server closed", "mất kết nối tới máy chủ cơ sở dữ liệu"),
)


def describe(exc: BaseException) -> str:
    """One Vietnamese sentence for any exception a user may meet."""
    if isinstance(exc, DomainError):
        return exc.message
    stored = storage_error(exc)
    if stored is not None:
        return stored.message
    if is_privilege_error(exc):  # a server's row-level security or privileges refused the change
        return (
            "Tài khoản đang dùng không được phép làm việc này trên máy chủ (chỉ được xem, hoặc không được giao chi "
            "bộ này); không có gì thay đổi."
        )
    if isinstance(exc, OSError):
        where = f" «{exc.filename}»" if exc.filename else ""
        return f"Không thực hiện được với tệp{where}: {os_error_text(exc)}."
    if isinstance(exc, (pw.PeeweeException, *SQLITE_ERRORS)):
        text = str(exc).lower()
        for needle, message in _DATABASE_TEXTS:
            if needle in text:
                return f"Không ghi được vào cơ sở dữ liệu: {message}."
        return "Cơ sở dữ liệu báo lỗi; thao tác vừa rồi chưa được lưu."
    if isinstance(exc, MemoryError):
        return "Không đủ bộ nhớ để làm việc này; hãy đóng bớt chương trình khác rồi thử lại."
    return "ChiBo gặp một lỗi không lường trước; thao tác vừa rồi có thể chưa được lưu."


def is_expected(exc: BaseException) -> bool:
    """A fault of the data, the disk or the database (told plainly), not a defect of ChiBo (the crash box): a
    malformed query or a programming error stays a defect."""
    if storage_error(exc) is not None or is_privilege_error(exc):
        return True
    operational: tuple[type[Exception], ...] = (
        pw.OperationalError,
        pw.IntegrityError,
        pw.InterfaceError,
        *OPERATIONAL_SQLITE_ERRORS,
    )
    return isinstance(exc, (DomainError, OSError, MemoryError, *operational))


def one_line(text: str) -> str:
    """A message on one line of stderr."""
    return " ".join(text.split())


def command_failure(exc: BaseException) -> tuple[int, str]:
    """The one mapping of a headless command's failure to (exit status, the one Vietnamese line to print): 2 for a
    data file, server, file or input that cannot be read or written, 1 for anything refused (a rule of the data, a
    privilege) and for a defect of ChiBo, which is told in a sentence too, never as a traceback."""
    if isinstance(exc, (DatabaseFileError, StorageError, UnreadableInputError)):
        return UNREADABLE, one_line(exc.message)
    if isinstance(exc, DomainError):
        return REFUSED, one_line(exc.message)
    if storage_error(exc) is not None:
        return UNREADABLE, one_line(describe(exc))
    if isinstance(exc, OSError):
        where = f" «{exc.filename}»" if exc.filename else ""
        return UNREADABLE, f"Không đọc hoặc ghi được tệp{where}: {os_error_text(exc)}."
    return REFUSED, one_line(describe(exc))
