"""Errors of the reports package: a workbook that cannot be read, and a cancelled import."""

from __future__ import annotations

from models.errors import DomainError


class ImportFileError(DomainError):
    """The chosen file cannot be read as a roster; the message says why, in Vietnamese."""


class Cancelled(DomainError):
    """The user cancelled a long operation through its progress callback."""

    def __init__(self, message: str = "Đã hủy theo yêu cầu.") -> None:
        super().__init__(message)
