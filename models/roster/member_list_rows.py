"""Rows of the member list export: a member's fields plus the texts of the roster book's event columns (9-13).

The roster book 7-HSĐV has columns that read a member's history: service status (bộ đội, công an, hưu trí), transfer
out and in, death, leaving the Party. reports.roster.member_list prints ready-made texts; they are built here from the
member's effective events (corrected events ignored), one event per line, "dd/mm/yyyy – place or form".
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from models.core.dates import fmt
from models.core.vnname import fold
from models.roster.event_kinds import EVENT_LABELS, PARTY_EXIT_KINDS, EventKind
from models.roster.member_rules import effective_events
from models.roster.member_status import MemberStatus, member_status
from models.roster.records import EventRecord, MemberRecord

# Words of the occupation or job title that put a member in column 9, first match wins.
SERVICE_WORDS: tuple[tuple[str, str], ...] = (
    ("huu tri", "Hưu trí"),
    ("nghi huu", "Hưu trí"),
    ("quan doi", "Bộ đội"),
    ("bo doi", "Bộ đội"),
    ("quan nhan", "Bộ đội"),
    ("cong an", "Công an"),
)

_EVENT_TEXT_KEYS = ("transferred_out", "transferred_in", "died", "left_party")  # columns 10-13


def event_line(event: EventRecord, detail: str = "") -> str:
    """ "12/05/2024 – Đảng bộ Sở Y tế"; the date alone when there is no detail."""
    detail = detail.strip()
    return f"{fmt(event.date)} – {detail}" if detail else fmt(event.date)


def service_status(member: MemberRecord) -> str:
    """Column 9: "Bộ đội", "Công an" or "Hưu trí" when the occupation or job title says so, else ""."""
    return _service_status(member.occupation, member.job_title)


@lru_cache(maxsize=1 << 12)
def _service_status(occupation: str, job_title: str) -> str:
    # A branch has a few dozen distinct jobs: each pair is read once.
    text = fold(f"{occupation} {job_title}")
    return next((label for words, label in SERVICE_WORDS if words in text), "")


def event_texts(member: MemberRecord) -> dict[str, str]:
    """The texts of columns 10-13: transferred_out, transferred_in, died, left_party (each "" when none)."""
    if not member.events:
        return dict.fromkeys(_EVENT_TEXT_KEYS, "")
    events = effective_events(member.events)
    lines: dict[str, list[str]] = {key: [] for key in _EVENT_TEXT_KEYS}
    for event in events:
        if event.kind == EventKind.TRANSFERRED_OUT:
            lines["transferred_out"].append(event_line(event, event.place))
        elif event.kind == EventKind.TRANSFERRED_IN:
            lines["transferred_in"].append(event_line(event, event.place))
        elif event.kind == EventKind.DIED:
            lines["died"].append(event_line(event, event.note))
        elif event.kind in PARTY_EXIT_KINDS:
            lines["left_party"].append(event_line(event, EVENT_LABELS[event.kind]))
    return {key: "\n".join(value) for key, value in lines.items()}


def member_list_row(member: MemberRecord, on: date, status: MemberStatus | None = None) -> dict[str, object]:
    """A member's fields (keys of models.roster.fields.MEMBER_FIELDS, events left out) plus:

    - `service_status`, `transferred_out`, `transferred_in`, `died`, `left_party`: roster-book columns 9-13;
    - `status`: the status on `on` as the roster table shows it ("Đảng viên chính thức", "Đã chuyển đi"...);
    - `status_label`: the same for the notes column, shortened to "Chính thức" / "Dự bị" for active members;
    - `kind`: "Chính thức" or "Dự bị" on `on`; `job`: job title and occupation, as the roster table shows them.

    `status` is the member's status on `on` when the caller has it already.
    """
    row: dict[str, object] = dict(vars(member))  # a dataclass's fields
    del row["events"]
    status = status or member_status(member, on)
    row.update(event_texts(member))
    row["service_status"] = service_status(member)
    row["kind"] = "Chính thức" if status.is_official else "Dự bị"
    row["status"] = status.label  # as the roster table shows it
    row["status_label"] = row["kind"] if status.code in ("official", "probationary") else status.label
    row["job"] = ", ".join(part for part in (member.job_title, member.occupation) if part)
    return row


def member_list_rows(members: list[MemberRecord], on: date) -> list[dict[str, object]]:
    return [member_list_row(m, on) for m in members]
