"""Errors of the reports package: a workbook that cannot be read; cancellation is the domain's own."""

from __future__ import annotations

from models.core.errors import Cancelled, UnreadableInputError

__all__ = ["Cancelled", "ImportFileError"]


class ImportFileError(UnreadableInputError):
    """The chosen file cannot be read as a roster; the message says why, in Vietnamese."""
