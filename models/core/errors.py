"""Domain error hierarchy; every message is Vietnamese and names what is wrong."""

from __future__ import annotations


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


class ConflictError(DomainError):
    """The operation clashes with data already saved (a duplicate, a closed count...)."""


class NotFoundError(DomainError):
    """A record the operation needs does not exist."""


class DatabaseFileError(DomainError):
    """The data file cannot be opened as a ChiBo database; it was left untouched."""


class StorageError(DomainError):
    """Reading or writing the open data file failed (full disk, read-only file, disk error); nothing was saved."""


class Cancelled(DomainError):
    """The user cancelled a long operation; nothing was saved."""

    def __init__(self, message: str = "Đã hủy; không có gì được lưu.") -> None:
        super().__init__(message)
