"""A practice file (dữ liệu mẫu để tập dượt) is marked in the file itself, so nothing made from it can be taken for
the branch's real records: the window, the projector and every paper say so."""

from __future__ import annotations

from models.core.tables import Meta, db

PRACTICE_KEY = "practice"
PRACTICE_WATERMARK = "DỮ LIỆU TẬP DƯỢT – KHÔNG PHẢI VĂN BẢN THẬT CỦA CHI BỘ"
PRACTICE_BANNER = (
    "Đây là tệp dữ liệu mẫu để tập dượt, không phải dữ liệu thật của chi bộ. Mọi văn bản xuất từ "
    "tệp này đều ghi «tập dượt»."
)


def is_practice() -> bool:
    """Whether the open database is a practice file."""

    if db.obj is None:
        return False
    row = Meta.get_or_none(Meta.key == PRACTICE_KEY)
    return row is not None and row.value == "1"


def watermark() -> str:
    """The text every paper of the open file carries ("" for a real file)."""
    return PRACTICE_WATERMARK if is_practice() else ""
