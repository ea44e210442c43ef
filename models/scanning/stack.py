"""Reading a scanned stack of ballots one page at a time (a multi-page PDF or a folder of images)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2
import zxingcpp

from models.counting.validity import Form, Mark
from models.scanning import marks as ink_rules
from models.scanning.drawing import blank_pdf
from models.scanning.layout import BallotGeometry, Rect, ballot_geometry, qr_payload
from models.scanning.pages import ScannedPage, count_pages, iter_pages
from models.scanning.reading import (
    Box,
    Doubt,
    DoubtKind,
    MarkReading,
    PageReading,
    ScanTarget,
    image_hash,
)
from models.scanning.register import register, warp

PER_MM = ink_rules.PER_MM
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
ORIENTATION_PER_MM = 1.0


def read_stack(
    source: Path, target: ScanTarget, *, progress: Callable[[int, int], bool] | None = None
) -> Iterator[PageReading]:
    """Yield one `PageReading` per page of `source` (a PDF or a folder of images), in stack order.

    `progress(done, total)` is called after each page; returning False stops the reading. Raises
    `UnreadableInputError` naming the file for anything that cannot be read.
    """
    source = Path(source)
    total = count_pages(source)
    reader = BallotReader(target)
    for number, page in enumerate(iter_pages(source), start=1):
        yield reader.read(number, page)
        if progress is not None and progress(number, total) is False:
            return


@cache
def _template(geometry: BallotGeometry) -> tuple[np.ndarray, np.ndarray]:
    """The blank ballot drawn by the printing code, rendered at the comparison resolution and at the low one."""
    document = pypdfium2.PdfDocument(blank_pdf(geometry))
    try:
        page = document[0]
        images = []
        for per_mm in (PER_MM, ORIENTATION_PER_MM):
            bitmap = page.render(scale=per_mm * 25.4 / 72, grayscale=True)
            grey = np.asarray(bitmap.to_pil().convert("L"), dtype=np.float32)
            shape = (int(round(geometry.height * per_mm)), int(round(geometry.width * per_mm)))
            fitted = np.full(shape, 255.0, dtype=np.float32)
            h, w = min(shape[0], grey.shape[0]), min(shape[1], grey.shape[1])
            fitted[:h, :w] = grey[:h, :w]
            images.append(fitted)
    finally:
        document.close()
    return images[0], images[1]


class BallotReader:
    """Reads the pages of one round's stack (the template is rendered once)."""

    def __init__(self, target: ScanTarget) -> None:
        self.target = target
        self.geometry = ballot_geometry(target)
        self.payload = qr_payload(target)
        self.template, self.small_template = _template(self.geometry)

    def read(self, number: int, page: ScannedPage) -> PageReading:
        grey, rgb = page.grey, page.rgb
        matrix = register(grey, page.dpi, self.geometry)
        upside_down = False
        if matrix is not None and self._upside_down(grey, matrix):
            upside_down = True
            grey = np.ascontiguousarray(grey[::-1, ::-1])
            rgb = None if rgb is None else np.ascontiguousarray(rgb[::-1, ::-1])
            matrix = _turned(matrix, grey.shape, self.geometry)
        png = _png(grey)
        digest = image_hash(png)
        if matrix is None:
            payload = _qr_anywhere(grey)
            kind = DoubtKind.OTHER_ROUND if payload and payload != self.payload else DoubtKind.NOT_REGISTERED
            return PageReading(number, png, digest, False, payload, (), (Doubt(kind),), self.target.form, upside_down)
        scan = warp(grey, matrix, self.geometry.width, self.geometry.height, PER_MM)
        payload = _qr(scan, self.geometry.qr)
        if payload is not None and payload != self.payload:
            area = self._box(matrix, self.geometry.qr)
            doubt = Doubt(DoubtKind.OTHER_ROUND, None, area, None)
            return PageReading(number, png, digest, True, payload, (), (doubt,), self.target.form, upside_down)
        redness = None
        if rgb is not None:
            channels = rgb.astype(np.int16)
            red = np.clip(channels[..., 0] - np.maximum(channels[..., 1], channels[..., 2]), 0, 255)
            redness = warp(red.astype(np.uint8), matrix, self.geometry.width, self.geometry.height, PER_MM)
        found = ink_rules.read_ink(scan, self.template, self.geometry, redness)
        doubts: list[Doubt] = []
        if payload is None:
            doubts.append(Doubt(DoubtKind.NO_QR, None, self._box(matrix, self.geometry.qr), None))
        # On a folded or torn ballot no mark is certain: the fold's edge or the missing part can hide or fake ink.
        damaged = any(kind == DoubtKind.TORN_OR_FOLDED.value for kind, _, _ in found.page_doubts)
        marks = []
        for row in found.rows:
            marks.append(self._mark(matrix, row, damaged))
            if row.doubt is not None:
                where = self._box(matrix, row.doubt_area) if row.doubt_area else None
                doubts.append(Doubt(DoubtKind(row.doubt), row.candidate, where, row.score))
        for name, rect, score in found.page_doubts:
            doubts.append(Doubt(DoubtKind(name), None, self._box(matrix, rect) if rect else None, score))
        return PageReading(
            number, png, digest, True, payload, tuple(marks), tuple(doubts), self.target.form, upside_down
        )

    def _mark(self, matrix: np.ndarray, row: ink_rules.RowReading, damaged: bool) -> MarkReading:
        area = self._box(matrix, row.area)
        certain = row.decided is not None and row.doubt is None and not damaged
        if not certain:
            row = replace(row, decided=None)
        if self.target.form == Form.STRIKE:
            struck = row.decided if isinstance(row.decided, bool) else None
            return MarkReading(row.candidate, struck, row.score, certain, area)
        mark = row.decided if isinstance(row.decided, Mark) else None
        struck = True if mark == Mark.DISAGREE else False if mark == Mark.AGREE else None
        second = self._box(matrix, row.second_area) if row.second_area else None
        return MarkReading(row.candidate, struck, row.score, certain, area, mark, row.second_score, second)

    def _box(self, matrix: np.ndarray, rect: Rect) -> Box:
        corners = np.array(
            [[rect.x, rect.y], [rect.x + rect.w, rect.y], [rect.x, rect.y + rect.h], [rect.x + rect.w, rect.y + rect.h]]
        )
        points = corners @ matrix[:, :2].T + matrix[:, 2]
        x0, y0 = np.floor(points.min(axis=0)).astype(int)
        x1, y1 = np.ceil(points.max(axis=0)).astype(int)
        return Box(int(max(0, x0)), int(max(0, y0)), int(x1 - max(0, x0)), int(y1 - max(0, y0)))

    def _upside_down(self, grey: np.ndarray, matrix: np.ndarray) -> bool:
        """Whether the page matches the blank better turned round (the four marks alone cannot tell)."""
        g = self.geometry
        upright = warp(grey, matrix, g.width, g.height, ORIENTATION_PER_MM)
        difference = float(np.abs(upright - self.small_template).mean())
        turned = float(np.abs(upright[::-1, ::-1] - self.small_template).mean())
        return turned < difference


def _turned(matrix: np.ndarray, shape: tuple[int, ...], geometry: BallotGeometry) -> np.ndarray:
    """The map for the image turned 180°, given the one fitted to it as it lay (which took the ballot's bottom
    right corner for its top left)."""
    linear = matrix[:, :2]
    h, w = shape[:2]
    shift = np.array([w, h], dtype=float) - linear @ np.array([geometry.width, geometry.height]) - matrix[:, 2]
    return np.hstack([linear, shift[:, None]])


def _png(grey: np.ndarray) -> bytes:
    """The page as a grey PNG, written here: zlib at its fastest level over rows filtered by the row above (PNG's
    «Up» filter) takes a third of the time Pillow's encoder does, for a file of the same size."""
    height, width = grey.shape
    rows = np.empty((height, width + 1), dtype=np.uint8)
    rows[:, 0] = 2  # the Up filter on every row
    rows[0, 1:] = grey[0]
    np.subtract(grey[1:], grey[:-1], out=rows[1:, 1:], dtype=np.uint8, casting="unsafe")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
        + chunk(b"IEND", b"")
    )


def _qr(scan: np.ndarray, rect: Rect) -> str | None:
    margin = 3.0
    y0, x0 = max(0, int((rect.y - margin) * PER_MM)), max(0, int((rect.x - margin) * PER_MM))
    y1, x1 = int((rect.y + rect.h + margin) * PER_MM), int((rect.x + rect.w + margin) * PER_MM)
    region = np.ascontiguousarray(np.clip(scan[y0:y1, x0:x1], 0, 255).astype(np.uint8))
    found = zxingcpp.read_barcode(region, formats=QR_ONLY)
    return found.text if found is not None and found.valid else None


def _qr_anywhere(grey: np.ndarray) -> str | None:
    """The QR code of a page that does not register (to tell a ballot of another round from a damaged one)."""
    found = zxingcpp.read_barcode(np.ascontiguousarray(grey), formats=QR_ONLY)
    return found.text if found is not None and found.valid else None
