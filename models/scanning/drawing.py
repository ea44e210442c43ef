"""Drawing ballots with reportlab: the printed PDF and the blank template the reader compares against."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import segno
from reportlab.pdfgen.canvas import Canvas

from models.scanning.layout import (
    PAGE_HEIGHT,
    PAGE_MARGIN,
    PAGE_WIDTH,
    BallotGeometry,
    Rect,
    ballots_per_page,
    font_name,
)

MM = 72 / 25.4
MAX_COPIES = 2000


def _qr_modules(payload: str) -> list[list[bool]]:
    qr = segno.make_qr(payload, error="m")
    return [[bool(cell) for cell in row] for row in qr.matrix]


def draw_ballot(canvas: Any, geometry: BallotGeometry, left: float, top: float, page_height: float) -> None:
    """Draw one ballot whose slot's top-left corner is at (left, top) mm on a page `page_height` mm high."""

    def box(rect: Rect) -> tuple[float, float, float, float]:
        return ((left + rect.x) * MM, (page_height - top - rect.y - rect.h) * MM, rect.w * MM, rect.h * MM)

    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    for mark in geometry.marks:
        canvas.rect(*box(mark), stroke=0, fill=1)
    modules = _qr_modules(geometry.qr_payload)
    quiet = 2
    unit = geometry.qr.w / (len(modules) + 2 * quiet)
    path = canvas.beginPath()
    for r, line in enumerate(modules):
        for c, dark in enumerate(line):
            if dark:
                x = left + geometry.qr.x + (c + quiet) * unit
                y = page_height - top - geometry.qr.y - (r + quiet + 1) * unit
                path.rect(x * MM, y * MM, unit * MM + 0.01, unit * MM + 0.01)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setLineWidth(0.7)
    canvas.rect(*box(geometry.stamp), stroke=1, fill=0)
    for header in geometry.header_cells:
        canvas.rect(*box(header), stroke=1, fill=0)
    for row in geometry.rows:
        for cell in (row.number, row.name, row.agree, row.disagree):
            if cell is not None:
                canvas.rect(*box(cell), stroke=1, fill=0)
    for text in geometry.texts:
        canvas.setFont(font_name(text.style), text.size)
        x, y = (left + text.x) * MM, (page_height - top - text.baseline) * MM
        if text.centred:
            canvas.drawCentredString(x, y, text.text)
        else:
            canvas.drawString(x, y, text.text)


def _cut_line(canvas: Any, y: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    canvas.setStrokeGray(0.45)
    canvas.line(0, (PAGE_HEIGHT - y) * MM, PAGE_WIDTH * MM, (PAGE_HEIGHT - y) * MM)
    canvas.restoreState()


def write_ballots(out: Path | io.BytesIO, geometry: BallotGeometry, copies: int, title: str = "") -> int:
    """Write `copies` identical ballots, as many to an A4 page as fit, with dashed cut lines between them; return
    the number of pages."""
    per_page = ballots_per_page(geometry)
    canvas = Canvas(out if isinstance(out, io.BytesIO) else str(out), pagesize=(PAGE_WIDTH * MM, PAGE_HEIGHT * MM))
    canvas.setTitle(title)
    canvas.setCreator("ChiBo")
    pages = 0
    for first in range(0, copies, per_page):
        count = min(per_page, copies - first)
        for slot in range(count):
            top = PAGE_MARGIN + slot * geometry.height
            draw_ballot(canvas, geometry, PAGE_MARGIN, top, PAGE_HEIGHT)
            if slot:
                _cut_line(canvas, top)
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


def blank_pdf(geometry: BallotGeometry) -> bytes:
    """One blank ballot on a page the size of its slot: what the reader renders as its template."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(geometry.width * MM, geometry.height * MM))
    draw_ballot(canvas, geometry, 0.0, 0.0, geometry.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
