"""A congress's stored row and its status: what the summons, the check-in and every step of a congress read first.

Kept apart from models.congress.congresses (creating, editing, opening and closing a congress), which builds on the
summons and the check-in: they import this module, never that one.
"""

from __future__ import annotations

from enum import StrEnum

from models.congress.tables import Congress
from models.core.branch import of_current_branch
from models.core.errors import ConflictError, NotFoundError
from models.core.numerals import roman


class Status(StrEnum):
    PREPARING = "preparing"
    IN_SESSION = "in_session"
    CLOSED = "closed"


def stored_row(congress_id: int) -> Congress:
    """The congress's row, of the current branch (NotFoundError otherwise)."""
    row = Congress.get_or_none((Congress.id == congress_id) & of_current_branch(Congress))
    if row is None:
        raise NotFoundError(f"Không tìm thấy đại hội mã {congress_id} của chi bộ.")
    return row


def congress_row(congress_id: int, writable: bool = True) -> Congress:
    """The congress's row; a closed congress refuses every change (ConflictError)."""
    row = stored_row(congress_id)
    if writable and row.status == Status.CLOSED and row.kind != "congress":
        raise ConflictError("Phiếu kín của hội nghị chi bộ đã có kết quả: không thay đổi được nữa.")
    if writable and row.status == Status.CLOSED:
        raise ConflictError(f"Đại hội lần thứ {roman(row.ordinal)} đã bế mạc: không thay đổi được nữa.")
    return row
