"""Domain error hierarchy; every message is Vietnamese and names what is wrong."""

from __future__ import annotations

import errno


class DomainError(Exception):
    """Base of every error the domain layer raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """A value the user gave breaks a rule; `field` names the field (or is empty)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class UnreadableInputError(ValidationError):
    """A file or text given to ChiBo cannot be read at all (a malformed record, a workbook that is not a roster): a
    headless command exits with status 2 for it, as for a file it cannot open."""


class ConflictError(DomainError):
    """The operation clashes with data already saved (a duplicate, a closed count...)."""


class EditConflictError(ConflictError):
    """Another client saved (or deleted) the record after this one read it; nothing was written.

    `changes` lists, field by field, what the other client saved against what this client had read, as
    (Vietnamese label, value read, value saved by the other client) texts; `deleted` says the record is gone.
    """

    def __init__(self, message: str, changes: list[tuple[str, str, str]] | None = None, deleted: bool = False) -> None:
        super().__init__(message)
        self.changes = changes or []
        self.deleted = deleted


class NotFoundError(DomainError):
    """A record the operation needs does not exist."""


class DatabaseFileError(DomainError):
    """The data file cannot be opened as a ChiBo database; it was left untouched."""


class DamagedFileError(DatabaseFileError):
    """The data file is damaged (or emptied): the window offers its newest good backup."""

    def __init__(self, message: str, path=None) -> None:
        super().__init__(message)
        self.path = path


class PassphraseNeededError(DatabaseFileError):
    """The data file is encrypted and this session does not know its passphrase: ask for it and open again."""

    def __init__(self, path, message: str = "") -> None:
        super().__init__(
            message
            or f"Tệp «{path.name}» đã được mã hóa: hãy nhập mật khẩu của tệp, hoặc khóa khôi "
            "phục (in ra khi tạo tệp), để mở."
        )
        self.path = path


class WrongPassphraseError(PassphraseNeededError):
    """The passphrase given does not open the encrypted data file (or the file is not a ChiBo file at all)."""

    def __init__(self, path) -> None:
        super().__init__(
            path,
            f"Mật khẩu không mở được tệp «{path.name}»: mật khẩu không đúng (chú ý chữ hoa, chữ thường và bộ gõ "
            "tiếng Việt), hoặc tệp không phải là tệp dữ liệu ChiBo, hoặc tệp đã bị hỏng. Tệp được giữ nguyên.",
        )


class ServerConnectionError(DatabaseFileError):
    """The database server could not be reached or refused the sign-in; the message says why and what to check,
    `field` which part of the address to correct (password, user, database or host)."""

    def __init__(self, message: str, field: str = "host") -> None:
        super().__init__(message)
        self.field = field


class StorageError(DomainError):
    """Reading or writing the open data file failed (full disk, read-only file, disk error); nothing was saved."""


class Cancelled(DomainError):
    """The user cancelled a long operation; nothing was saved."""

    def __init__(self, message: str = "Đã hủy; không có gì được lưu.") -> None:
        super().__init__(message)


_OS_TEXTS = {
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EACCES: "không có quyền đọc hoặc ghi (tệp có thể đang mở trong chương trình khác, hoặc thư mục bị khóa)",
    errno.EPERM: "hệ thống không cho phép thao tác này",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "đường dẫn không phải là thư mục",
    errno.EBUSY: "tệp đang được chương trình khác sử dụng",
    errno.EIO: "lỗi đọc ghi ổ đĩa (ổ đĩa có thể đã bị rút ra)",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EEXIST: "tệp đã có",
    errno.EDQUOT: "đã hết dung lượng được phép trên ổ đĩa",
    errno.EPIPE: "chương trình nhận kết quả đã đóng trước khi in xong",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese (the OS's own English text is left out)."""
    if exc.errno is None:
        return "lỗi hệ thống"
    return _OS_TEXTS.get(exc.errno, f"lỗi hệ thống (mã {exc.errno})" if exc.errno else "lỗi hệ thống")
