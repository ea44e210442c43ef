"""Fake scanned pages for the count's tests: `PageReading` values as the scanning engine gives them, each with a
small real PNG image (a ballot-like sheet, a dark line over each struck name), without running the reader."""

from __future__ import annotations

import struct
import zlib

from models.counting import Form, Mark
from models.scanning.reading import Box, Doubt, DoubtKind, MarkReading, PageReading, image_hash

WIDTH, ROW, TOP = 480, 40, 60


def row_box(i: int) -> Box:
    return Box(40, TOP + i * ROW, 400, ROW - 8)


def sheet_png(struck: list[bool | None], salt: int = 0) -> bytes:
    """A grey PNG: one light band per candidate, a dark line through the struck ones (None: a short faint line)."""
    height = TOP + len(struck) * ROW + 60
    rows = []
    for y in range(height):
        line = bytearray([245] * WIDTH)
        if y == 0:  # different pages, different images (a page read again is recognised by its image)
            line[0:2] = bytes([salt % 256, salt // 256 % 256])
        for i, s in enumerate(struck):
            box = row_box(i)
            if box.y <= y < box.y + box.h:
                line[box.x : box.x + box.w] = bytes([225] * box.w)
                if y == box.y + box.h // 2 and s is not False:
                    end = box.w if s else box.w // 4
                    line[box.x : box.x + end] = bytes([20 if s else 150] * end)
        rows.append(b"\x00" + bytes(line))
    chunk = lambda kind, data: (  # noqa: E731
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
    header = struct.pack(">IIBBBBB", WIDTH, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def page(number: int, struck: list[bool | None], doubts: tuple[DoubtKind, ...] = ()) -> PageReading:
    """Page `number` of a strike-form stack: `struck[i]` True/False is certain, None is a partial strike (a doubt
    on that candidate); `doubts` adds page doubts (another round, no stamp, …)."""
    png = sheet_png(struck, number)
    marks = tuple(
        MarkReading(i, s, 0.2 if s else (0.06 if s is None else 0.01), s is not None, row_box(i))
        for i, s in enumerate(struck)
    )
    found = tuple(Doubt(DoubtKind.PARTIAL_STRIKE, i, row_box(i), 0.06) for i, s in enumerate(struck) if s is None)
    found += tuple(Doubt(kind) for kind in doubts)
    return PageReading(number, png, image_hash(png), True, "chibo", marks, found)


def agree_page(number: int, marks: list[Mark | None]) -> PageReading:
    """Page `number` of an agree-form stack: a `Mark` per row is certain, None a faint mark (a doubt on that row)."""
    png = sheet_png([m not in (Mark.AGREE, Mark.NONE) if m else None for m in marks], number)
    readings = tuple(
        MarkReading(
            i,
            None if m in (None, Mark.BOTH, Mark.NONE) else m == Mark.DISAGREE,
            0.2 if m else 0.06,
            m is not None,
            row_box(i),
            mark=m,
        )
        for i, m in enumerate(marks)
    )
    found = tuple(Doubt(DoubtKind.NO_BOX, i, row_box(i), 0.06) for i, m in enumerate(marks) if m is None)
    return PageReading(number, png, image_hash(png), True, "chibo", readings, found, form=Form.AGREE)
