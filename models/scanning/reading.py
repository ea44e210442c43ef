"""What reading one scanned ballot gives: the contract between the scanning engine and the count.

The engine (`models/scanning`) reads a stack of scanned ballots of one round and yields one `PageReading` per page,
in the order of the stack. It never decides a ballot on its own when anything is uncertain: every mark has a score
and is either *certain* (above the upper threshold or below the lower one) or sent to a person as a `Doubt`; a page
that does not register, has no readable QR code, or belongs to another round is a doubt too. Only a page with every
mark certain and no doubt proposes a ballot (`proposed_ballot`); the count (the scanned pass, the review queue) is
built on these values by the counting side.

The contract, in the engine's own types (models/counting):

- `ScanTarget` names the round being read: branch, congress, post (`Post`), round, form (`Form`), the candidates'
  names in ballot (A-B-C) order, and the texts and seats printed on the ballot (the blank template is drawn from
  them by the same code that draws the printed PDF). Build it with `services.scanning.ballot_pdf.scan_target`
  (from the database) or directly in tests. Beyond the brief's shape the contract adds `mark`,
  `disagree_score`, `disagree_area` to `MarkReading` and `form`, `upside_down`, `certain` to `PageReading`.
- `MarkReading.candidate` is the 0-based index in the round's candidate order.
  Strike form: `struck` is True (name struck), False (name kept) or None (undecided); `mark` is None.
  Agree form: `mark` is the engine's `Mark` (AGREE, DISAGREE, BOTH, NONE) when certain, None when undecided;
  `struck` mirrors it as in the brief (True for DISAGREE, False for AGREE, None otherwise).
  `score` is the share of new dark pixels in the area against the blank template (the agree box's for the agree
  form, `disagree_score` the other box's).
- `PageReading.proposed_choices()` gives the indices of the candidates the ballot votes for (kept names, or rows
  marked AGREE), `proposed_marks()` the agree form's marks row by row, and `proposed_ballot(no, candidate_ids)` the
  engine's `Ballot`; each is None unless the page is fully certain.
- `models.scanning.stack.read_stack(source, target, progress=...)` reads
  a multi-page PDF or a folder of images (png, jpg, jpeg, tif, tiff, bmp; sorted by name), one page at a time;
  `progress(done, total)` returning False stops it. It raises `UnreadableInputError` (Vietnamese, names the file)
  for a file it cannot read, never a raw library error.

This module is pure Python (no Qt, no peewee, no numpy) so that the review screen and the entry log can use it.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from models.counting.election import Post
from models.counting.validity import Ballot, Form, Mark


class DoubtKind(enum.Enum):
    """Why a page, or one mark on it, goes to a person."""

    NOT_REGISTERED = "not_registered"  # the registration marks were not found: the page cannot be read
    NO_QR = "no_qr"  # no readable QR code on the ballot
    OTHER_ROUND = "other_round"  # the QR names another branch, congress, post, round or form
    PARTIAL_STRIKE = "partial_strike"  # ink on the name, but less than a clear strike
    SCRIBBLE = "scribble"  # much more ink than a strike: a scribble, a strike struck out
    BOTH_BOXES = "both_boxes"  # agree form: both boxes of a row marked
    NO_BOX = "no_box"  # agree form: a faint mark in a box (neither clearly marked nor clearly empty)
    MARK_OUTSIDE = "mark_outside"  # ink outside the candidates' areas (in the margins, between rows)
    WRITING = "writing"  # ink in the header or on the texts of the ballot: writing, a signature
    TORN_OR_FOLDED = "torn_or_folded"  # a fold shadow, a torn corner: large dark or missing areas
    NO_STAMP = "no_stamp"  # colour scan: no red ink in the stamp area
    UPSIDE_DOWN_UNREAD = "upside_down_unread"  # upside down and could not be read turned round

    @property
    def label(self) -> str:
        return DOUBT_LABELS[self]


DOUBT_LABELS: dict[DoubtKind, str] = {
    DoubtKind.NOT_REGISTERED: "Không định vị được phiếu (không thấy đủ bốn dấu góc)",
    DoubtKind.NO_QR: "Không đọc được mã QR của phiếu",
    DoubtKind.OTHER_ROUND: "Phiếu của cuộc bầu, lần bầu hoặc mẫu phiếu khác",
    DoubtKind.PARTIAL_STRIKE: "Gạch tên không rõ (gạch một phần hoặc nét mờ)",
    DoubtKind.SCRIBBLE: "Tô xóa, gạch chồng nhiều nét",
    DoubtKind.BOTH_BOXES: "Đánh dấu cả hai ô",
    DoubtKind.NO_BOX: "Dấu trong ô không rõ",
    DoubtKind.MARK_OUTSIDE: "Có nét ngoài ô hoặc ngoài dòng tên",
    DoubtKind.WRITING: "Có chữ viết hoặc ký hiệu trên phiếu",
    DoubtKind.TORN_OR_FOLDED: "Phiếu rách hoặc bị gấp",
    DoubtKind.NO_STAMP: "Không thấy dấu của Ban kiểm phiếu",
    DoubtKind.UPSIDE_DOWN_UNREAD: "Phiếu lộn ngược, không đọc được",
}


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels of the page image as stored (`PageReading.image_png`)."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Doubt:
    """One reason a person must look at the page: for a candidate (index) or the whole page (None), with the area
    to highlight on the stored image when there is one, and the score that made it doubtful."""

    kind: DoubtKind
    candidate: int | None = None
    area: Box | None = None
    score: float | None = None

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class MarkReading:
    """What the engine read for one candidate (see the module docstring for the two forms)."""

    candidate: int
    struck: bool | None
    score: float
    certain: bool
    area: Box
    mark: Mark | None = None
    disagree_score: float | None = None
    disagree_area: Box | None = None


@dataclass(frozen=True)
class ScanTarget:
    """The round whose ballots are read: what its QR code must name and what its blank ballot shows."""

    branch: str
    congress: str
    post: Post
    round: int
    form: Form
    candidates: tuple[str, ...]
    seats: int = 1
    congress_title: str = ""
    election_title: str = ""


@dataclass(frozen=True)
class PageReading:
    """One page of the stack as the engine read it."""

    page: int  # 1-based position in the stack
    image_png: bytes  # the page image as kept (grey PNG, upright after reading); what `image_sha256` covers
    image_sha256: str
    registered: bool
    qr_payload: str | None
    marks: tuple[MarkReading, ...]
    doubts: tuple[Doubt, ...]
    form: Form = Form.STRIKE
    upside_down: bool = False  # the scan was upside down; `image_png` is the page turned upright

    @property
    def certain(self) -> bool:
        return self.registered and not self.doubts and all(m.certain for m in self.marks)

    def proposed_choices(self) -> tuple[int, ...] | None:
        """Indices of the candidates voted for (kept names; agree-marked rows), or None when a person decides."""
        if not self.certain:
            return None
        if self.form == Form.STRIKE:
            return tuple(m.candidate for m in self.marks if m.struck is False)
        return tuple(m.candidate for m in self.marks if m.mark == Mark.AGREE)

    def proposed_marks(self) -> tuple[Mark, ...] | None:
        """The agree form's mark of each row in candidate order, or None (strike form, or a person decides)."""
        if not self.certain or self.form != Form.AGREE:
            return None
        return tuple(m.mark or Mark.NONE for m in self.marks)

    def proposed_ballot(self, no: int, candidate_ids: Sequence[str]) -> Ballot | None:
        """The engine's ballot number `no` for this page (`candidate_ids` in ballot order), or None."""
        if not self.certain:
            return None
        if self.form == Form.STRIKE:
            return Ballot.strike(no, [candidate_ids[i] for i in self.proposed_choices() or ()])
        marks = self.proposed_marks() or ()
        return Ballot.agree(no, {candidate_ids[i]: mark for i, mark in enumerate(marks) if mark != Mark.NONE})


def image_hash(image_png: bytes) -> str:
    """The hex SHA-256 of a stored page image: what the entry log records for a scanned ballot."""
    return hashlib.sha256(image_png).hexdigest()
