"""Congresses of the branch: create and edit one, open and close its session; a closed congress is read-only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from models.congress.checkin import attendance_panel
from models.congress.congress_rows import Status, congress_row, stored_row
from models.congress.summons import take_summons
from models.congress.tables import Congress, ElectionRound, rounds_of
from models.core import clock
from models.core.branch import of_current_branch
from models.core.conflicts import NOTHING_SAVED, shown
from models.core.dates import fmt
from models.core.errors import ConflictError, EditConflictError, NotFoundError, ValidationError
from models.core.numerals import roman
from models.core.tables import db
from models.core.vnname import nfc
from models.core.who import current_user

MAX_TERM_YEARS = 5  # a full term; 2.5-year terms ("2025–2027") exist too


STATUS_LABELS: dict[Status, str] = {
    Status.PREPARING: "Đang chuẩn bị",
    Status.IN_SESSION: "Đang họp",
    Status.CLOSED: "Đã bế mạc",
}


@dataclass(frozen=True)
class CongressInfo:
    ordinal: int
    term_start: int
    term_end: int
    opens_on: date
    closes_on: date | None = None
    place: str = ""
    id: int | None = None
    status: Status = Status.PREPARING
    quorum_with_probationary: bool = False  # the quorum of two thirds counts probationary members too (option)
    locked: bool = False  # shown from a data file that cannot be written: read-only whatever its status
    version: int = field(default=0, compare=False)  # Congress.version when read; a save names it
    kind: str = "congress"  # "meeting": the row hosts one secret ballot of a branch meeting (models.meetings)

    @property
    def ordinal_text(self) -> str:
        return f"lần thứ {roman(self.ordinal)}" if self.ordinal > 0 else ""  # a meeting's ballot has none

    @property
    def term_text(self) -> str:
        return f"nhiệm kỳ {self.term_start}–{self.term_end}"

    @property
    def title(self) -> str:
        """ "Đại hội lần thứ IV, nhiệm kỳ 2025–2030"."""
        return f"Đại hội {self.ordinal_text}, {self.term_text}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def hosts_meeting(self) -> bool:
        """The row only hosts one secret ballot of a branch meeting: `place` is the meeting's title."""
        return self.kind == "meeting"

    def full_title(self, branch_name: str) -> str:
        """ "Đại hội Chi bộ X lần thứ IV, nhiệm kỳ 2025–2030", or the meeting's title for a meeting's ballot."""
        if self.hosts_meeting:
            return f"Hội nghị {branch_name or 'Chi bộ'} ngày {fmt(self.opens_on)}"
        return f"Đại hội {branch_name or 'Chi bộ'} {self.ordinal_text}, {self.term_text}"

    @property
    def read_only(self) -> bool:
        return self.status == Status.CLOSED or self.locked


def check_congress(info: CongressInfo) -> list[str]:
    """Every problem of the congress's own facts, at once (the dialog shows them together)."""
    problems: list[str] = []
    if not 1 <= info.ordinal <= 99:
        problems.append(f"Đại hội lần thứ phải từ 1 đến 99; đang là {info.ordinal}.")
    if not 1930 <= info.term_start <= 2200:
        problems.append(f"Năm đầu nhiệm kỳ {info.term_start} không hợp lệ.")
    if info.term_end <= info.term_start:
        problems.append(f"Năm cuối nhiệm kỳ ({info.term_end}) phải sau năm đầu ({info.term_start}).")
    elif info.term_end - info.term_start > MAX_TERM_YEARS:
        problems.append(f"Nhiệm kỳ {info.term_start}–{info.term_end} dài quá {MAX_TERM_YEARS} năm.")
    if info.opens_on is None:
        problems.append("Chưa nhập ngày khai mạc đại hội.")
    elif info.closes_on is not None and info.closes_on < info.opens_on:
        problems.append(f"Ngày bế mạc {fmt(info.closes_on)} trước ngày khai mạc {fmt(info.opens_on)}.")
    return problems


def _info(row) -> CongressInfo:
    return CongressInfo(
        row.ordinal,
        row.term_start,
        row.term_end,
        row.opens_on,
        row.closes_on,
        row.place,
        row.id,
        Status(row.status),
        row.quorum_with_probationary,
        version=row.version,
        kind=row.kind,
    )


# The congress's own facts as the congress dialog labels them, for a refused save's message.
_LABELS = {
    "ordinal": "Đại hội lần thứ",
    "term_start": "Nhiệm kỳ từ năm",
    "term_end": "Đến năm",
    "opens_on": "Ngày khai mạc",
    "closes_on": "Ngày bế mạc",
    "place": "Địa điểm",
    "quorum_with_probationary": "Tính cả đảng viên dự bị khi xét đủ hai phần ba",
}


def congress_label(key: str) -> str:
    """The Vietnamese label of one of a congress's own facts (a CongressInfo field)."""
    return _LABELS[key]


def _stamp() -> dict:

    return {"updated_at": clock.now(), "updated_by": current_user(), "version": Congress.version + 1}


def get_congress(congress_id: int) -> CongressInfo:
    return _info(stored_row(congress_id))


def list_congresses() -> list[CongressInfo]:
    """The branch's congresses, the latest first (not the rows hosting a meeting's secret ballot)."""

    query = (
        Congress.select()
        .where(of_current_branch(Congress) & (Congress.kind == "congress"))
        .order_by(Congress.ordinal.desc())
    )
    return [_info(row) for row in query]


def meeting_hosts() -> list[CongressInfo]:
    """The rows hosting a branch meeting's secret ballot (models.meetings.secret_ballot), the latest first; `place`
    holds the meeting's title."""
    query = (
        Congress.select()
        .where(of_current_branch(Congress) & (Congress.kind == "meeting"))
        .order_by(Congress.opens_on.desc(), Congress.id.desc())
    )
    return [_info(row) for row in query]


def find_congress(ordinal: int) -> CongressInfo:
    """The branch's congress by its ordinal (the headless `--congress N`)."""
    for info in list_congresses():
        if info.ordinal == ordinal:
            return info
    raise NotFoundError(f"Chi bộ chưa có đại hội lần thứ {roman(ordinal) if ordinal > 0 else ordinal}.")


def save_congress(info: CongressInfo, read: CongressInfo | None = None) -> CongressInfo:
    """Add (id None) or edit a congress. A new congress takes its summoned list from the roster as of its opening
    day; moving the day of a congress still in preparation takes the list again.

    An edit is written only over the version it was read at (`info.version`; `read`, the congress as read, says
    what another client changed since): EditConflictError otherwise, with nothing written."""

    info = replace(info, place=nfc(info.place))
    problems = check_congress(info)
    if problems:
        raise ValidationError("\n".join(problems), "congress")
    with db.atomic():
        clash = Congress.select().where(of_current_branch(Congress) & (Congress.ordinal == info.ordinal))
        if info.id is not None:
            clash = clash.where(Congress.id != info.id)
        if clash.exists():
            raise ConflictError(f"Chi bộ đã có đại hội lần thứ {roman(info.ordinal)}.")
        values = dict(
            ordinal=info.ordinal,
            term_start=info.term_start,
            term_end=info.term_end,
            opens_on=info.opens_on,
            closes_on=info.closes_on,
            place=info.place,
            quorum_with_probationary=info.quorum_with_probationary,
        )
        if info.id is None:
            row = Congress.create(**values)
            take_summons(row.id)
        else:
            row = congress_row(info.id)
            moved = row.opens_on != info.opens_on
            if moved and row.status != Status.PREPARING:
                raise ConflictError("Đại hội đã khai mạc: không đổi được ngày khai mạc nữa.")
            if (
                not Congress.update(**values, **_stamp())
                .where((Congress.id == row.id) & (Congress.version == info.version))
                .execute()
            ):
                raise _conflict(read or info, get_congress(row.id))
            if moved:
                take_summons(row.id)
        return get_congress(row.id)


def _conflict(read: CongressInfo, theirs: CongressInfo) -> EditConflictError:
    changes = [
        (label, shown(getattr(read, key)), shown(getattr(theirs, key)))
        for key, label in _LABELS.items()
        if getattr(read, key) != getattr(theirs, key)
    ]
    lines = [
        f"Thông tin {read.title[0].lower()}{read.title[1:]} vừa được lưu trên máy khác sau khi bạn mở. {NOTHING_SAVED}"
    ]
    if changes:
        lines.append("Những mục họ đã thay đổi (bản bạn đã mở → bản họ đã lưu):")
        lines += [f"• {label}: {old} → {new}" for label, old, new in changes]
    if read.status != theirs.status:
        lines.append(f"• Trạng thái: «{read.status_label}» → «{theirs.status_label}»")
    lines.append("Hãy tải lại thông tin đại hội, nhập lại những thay đổi của bạn nếu vẫn cần, rồi lưu.")
    return EditConflictError("\n".join(lines), changes)


def open_session(congress_id: int) -> CongressInfo:
    """Khai mạc: from preparing to in session, only with two thirds of those summoned present (Charter Điều 11
    k6): below that the congress is not valid and cannot open its business."""

    with db.atomic():
        row = congress_row(congress_id)
        if row.status != Status.PREPARING:
            raise ConflictError("Đại hội đã khai mạc rồi.")
        quorum = attendance_panel(row.id).quorum
        if not quorum.met:
            raise ConflictError(f"Chưa khai mạc được. {quorum.text}")
        Congress.update(status=Status.IN_SESSION, **_stamp()).where(Congress.id == row.id).execute()
        return get_congress(row.id)


def close_congress(congress_id: int) -> CongressInfo:
    """Bế mạc: the congress becomes read-only. Refused while a round is being counted."""

    with db.atomic():
        row = congress_row(congress_id)
        if row.status != Status.IN_SESSION:
            raise ConflictError("Đại hội chưa khai mạc nên chưa bế mạc được.")
        if rounds_of(row.id).where(ElectionRound.status == "counting").exists():
            raise ConflictError("Còn lần bầu đang kiểm phiếu: hãy ghi kết quả trước khi bế mạc đại hội.")
        closes_on = row.closes_on or clock.today()
        Congress.update(status=Status.CLOSED, closes_on=closes_on, **_stamp()).where(Congress.id == row.id).execute()
        return get_congress(row.id)


def require_session(row) -> None:
    """Votes and rounds are taken on the day: the congress must be in session."""
    if row.status == Status.PREPARING:
        raise ConflictError("Đại hội chưa khai mạc: hãy bấm «Khai mạc đại hội» trước.")
