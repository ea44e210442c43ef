"""The geometry of a ballot made to be scanned: one function, used to print the ballot and to read it.

Everything is in millimetres from the top-left corner of the ballot's slot (the rectangle between its cut lines),
y growing downwards. The printed PDF (`models.scanning.drawing`), the blank template the reader compares against
(drawn by the same code) and the reader's areas all come from `ballot_geometry`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from models.core.errors import ValidationError
from models.counting.validity import Form
from models.scanning.reading import ScanTarget

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
BALLOT_TITLE = "PHIẾU BẦU CỬ"
STAMP_CAPTION = "Dấu của Ban kiểm phiếu"
AGREE_INSTRUCTION = "Đánh dấu (X) vào một ô Đồng ý hoặc Không đồng ý ở mỗi dòng"
STRIKE_HEADERS = ("STT", "Họ và tên")
AGREE_HEADERS = ("STT", "Họ và tên", "Đồng ý", "Không đồng ý")
QR_PREFIX = "CHIBO-PHIEU/1"

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0  # A4 portrait
PAGE_MARGIN = 10.0  # the slots fill A4 less this on each side
SLOT_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN
MARK = 5.0  # side of a registration mark (a solid black square)
MARK_INSET = 3.0  # from the slot's edges, so that cutting a little off the line keeps the marks whole
SIDE = MARK_INSET + MARK + 3.0  # left and right edge of the contents
QR_SIZE = 22.0
STAMP_WIDTH, STAMP_HEIGHT = 48.0, 24.0
HEAD_HEIGHT = 8.0
ROW_HEIGHT = 9.0
BOX_WIDTH = 25.0  # each box of the agree form
NUMBER_WIDTH = 12.0
NAME_INDENT = 2.0
NAME_SIZE = 12.0


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)


@dataclass(frozen=True)
class Text:
    text: str
    x: float  # left edge, or centre when `centred`
    baseline: float
    size: float  # points
    style: str  # "regular", "bold" or "italic"
    centred: bool = True


@dataclass(frozen=True)
class Row:
    """One candidate's line: the number cell, the name cell (the strike area), the printed name's extent (x from,
    x to) and, on the agree form, the two boxes."""

    number: Rect
    name: Rect
    name_span: tuple[float, float]
    agree: Rect | None
    disagree: Rect | None


@dataclass(frozen=True)
class BallotGeometry:
    width: float
    height: float
    marks: tuple[Rect, Rect, Rect, Rect]  # top-left, top-right, bottom-left, bottom-right
    qr: Rect
    qr_payload: str
    stamp: Rect
    texts: tuple[Text, ...]
    header_cells: tuple[Rect, ...]
    rows: tuple[Row, ...]
    form: Form

    @property
    def mark_centres(self) -> tuple[tuple[float, float], ...]:
        return tuple(mark.centre for mark in self.marks)

    @property
    def table(self) -> Rect:
        top = self.header_cells[0].y
        return Rect(SIDE, top, self.width - 2 * SIDE, self.rows[-1].name.y + ROW_HEIGHT - top)


def fonts_dir() -> Path:
    """resources/fonts, also in the PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "fonts"


FONT_FILES = {
    "regular": ("ChiBoSerif", "LiberationSerif-Regular.ttf"),
    "bold": ("ChiBoSerif-Bold", "LiberationSerif-Bold.ttf"),
    "italic": ("ChiBoSerif-Italic", "LiberationSerif-Italic.ttf"),
}


@cache
def font_name(style: str) -> str:
    """The reportlab name of the bundled serif font (Vietnamese glyphs), registered on first use."""
    name, file = FONT_FILES[style]
    pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / file)))
    return name


def text_width(text: str, style: str, size: float) -> float:
    """Width in mm of `text` set in the ballot font."""
    return pdfmetrics.stringWidth(text, font_name(style), size) * 25.4 / 72


def wrap(text: str, style: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", style, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def qr_payload(target: ScanTarget) -> str:
    """What a ballot's QR code says: only the branch, the congress, the post, the round and the form."""
    fields = (target.branch, target.congress, str(target.post), str(target.round), str(target.form))
    return "|".join((QR_PREFIX, *(field.replace("|", "/") for field in fields)))


def strike_instruction(seats: int) -> str:
    return f"Gạch ngang họ tên người không đồng ý bầu; giữ lại không quá {seats} người"


def ballot_geometry(target: ScanTarget) -> BallotGeometry:
    """Where everything of the round's ballot goes. Raises ValidationError when the ballot cannot be printed to be
    scanned (no candidate, an empty name, a list longer than one A4 page)."""
    if not target.candidates:
        raise ValidationError("Danh sách bầu cử chưa có người nào: không in được phiếu bầu.", "candidates")
    for index, name in enumerate(target.candidates, start=1):
        if not name.strip():
            raise ValidationError(f"Người thứ {index} trong danh sách bầu cử chưa có họ tên.", "candidates")
    width = SLOT_WIDTH
    inner = width - 2 * SIDE
    texts: list[Text] = []
    top_marks = (
        Rect(MARK_INSET, MARK_INSET, MARK, MARK),
        Rect(width - MARK_INSET - MARK, MARK_INSET, MARK, MARK),
    )
    qr = Rect(SIDE, MARK_INSET, QR_SIZE, QR_SIZE)
    stamp = Rect(width - SIDE - STAMP_WIDTH, MARK_INSET, STAMP_WIDTH, STAMP_HEIGHT)
    texts.append(Text(STAMP_CAPTION, stamp.x + stamp.w / 2, stamp.y + 4.0, 9, "italic"))
    # The header between the QR code and the stamp: the party's name, then the congress in capitals.
    left, right = qr.x + qr.w + 3.0, stamp.x - 3.0
    centre = (left + right) / 2
    texts.append(Text(PARTY_NAME, centre, MARK_INSET + 5.0, 10, "regular"))
    y = MARK_INSET + 5.0
    for line in wrap(target.congress_title.upper(), "bold", 10, right - left)[:3]:
        y += 4.3
        texts.append(Text(line, centre, y, 10, "bold"))
    y = max(y, stamp.y + stamp.h) + 7.0
    texts.append(Text(BALLOT_TITLE, width / 2, y, 15, "bold"))
    for line in wrap(target.election_title, "bold", 12, inner):
        y += 5.5
        texts.append(Text(line, width / 2, y, 12, "bold"))
    y += 5.2
    texts.append(Text(f"Lần bầu thứ {target.round}", width / 2, y, 11, "regular"))
    instruction = strike_instruction(target.seats) if target.form == Form.STRIKE else AGREE_INSTRUCTION
    for line in wrap(instruction, "italic", 10.5, inner):
        y += 4.8
        texts.append(Text(line, width / 2, y, 10.5, "italic"))
    top = y + 3.0
    columns = _columns(target.form, width)
    headers = STRIKE_HEADERS if target.form == Form.STRIKE else AGREE_HEADERS
    header_cells = tuple(Rect(x0, top, x1 - x0, HEAD_HEIGHT) for x0, x1 in columns)
    for cell, label in zip(header_cells, headers, strict=True):
        texts.append(Text(label, cell.x + cell.w / 2, cell.y + 5.6, 11, "bold"))
    rows: list[Row] = []
    y = top + HEAD_HEIGHT
    for number, name in enumerate(target.candidates, start=1):
        cells = [Rect(x0, y, x1 - x0, ROW_HEIGHT) for x0, x1 in columns]
        texts.append(Text(str(number), cells[0].x + cells[0].w / 2, y + 6.2, NAME_SIZE, "regular"))
        name_x = cells[1].x + NAME_INDENT
        name_width = min(text_width(name, "regular", NAME_SIZE), cells[1].w - 2 * NAME_INDENT)
        texts.append(Text(name, name_x, y + 6.2, NAME_SIZE, "regular", centred=False))
        agree = cells[2] if target.form == Form.AGREE else None
        disagree = cells[3] if target.form == Form.AGREE else None
        rows.append(Row(cells[0], cells[1], (name_x, name_x + name_width), agree, disagree))
        y += ROW_HEIGHT
    height = y + 3.0 + MARK + MARK_INSET
    if height > PAGE_HEIGHT - 2 * PAGE_MARGIN:
        raise ValidationError(
            f"Danh sách {len(target.candidates)} người dài hơn một trang A4: phiếu để quét phải nằm trọn một "
            "trang. Hãy in phiếu Excel và nhập phiếu bằng bàn phím.",
            "candidates",
        )
    marks = (
        *top_marks,
        Rect(MARK_INSET, height - MARK_INSET - MARK, MARK, MARK),
        Rect(width - MARK_INSET - MARK, height - MARK_INSET - MARK, MARK, MARK),
    )
    return BallotGeometry(
        width, height, marks, qr, qr_payload(target), stamp, tuple(texts), header_cells, tuple(rows), target.form
    )


def _columns(form: Form, width: float) -> list[tuple[float, float]]:
    x0, x3 = SIDE, width - SIDE
    x1 = x0 + NUMBER_WIDTH
    if form == Form.STRIKE:
        return [(x0, x1), (x1, x3)]
    return [(x0, x1), (x1, x3 - 2 * BOX_WIDTH), (x3 - 2 * BOX_WIDTH, x3 - BOX_WIDTH), (x3 - BOX_WIDTH, x3)]


def ballots_per_page(geometry: BallotGeometry) -> int:
    """How many slots of this ballot one A4 page holds, one under the other."""
    return max(1, int((PAGE_HEIGHT - 2 * PAGE_MARGIN) // geometry.height))
