"""A member's status on a date, derived from the record and the events (never typed in).

Rules, in order of the member's history (events after the date and corrected events are ignored):
- the member belongs to the branch roster from the admission decision, or from the first TRANSFERRED_IN when
  the first roster event is a transfer in (admitted elsewhere); a leaving event (transferred out, died, struck off,
  expelled, resigned) takes the member off the roster, a later TRANSFERRED_IN or READMITTED puts them back;
- official from a RECOGNISED event or the record's official date, whichever is earlier; after a readmission only
  a recognition (or official date) after the readmission counts, the member is probationary again before it;
- an exemption, suspension or temporary activity elsewhere runs from its event until its end event (the day the
  member returns, not in force that day) or until its `end_date` (the last day in force), whichever is first;
  leaving the branch ends them.
Who counts in D and who gets a ballot at a congress follows from this status and the check-in: models.congress.voters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from models.core import clock
from models.core.errors import ValidationError
from models.roster.badges import awarded_milestones, milestone_from_note
from models.roster.event_kinds import EVENT_LABELS, LEAVING_KINDS, EventKind
from models.roster.member_rules import (
    add_months,
    effective_events,
    fmt,
    official_date_warning,
    probation_end,
    recognition_deadline,
)
from models.roster.records import EventRecord, MemberRecord
from models.roster.seniority import seniority_gaps, seniority_reached_on

STATUS_LABELS: dict[str, str] = {
    "not_yet": "Chưa sinh hoạt tại chi bộ",
    "probationary": "Đảng viên dự bị",
    "official": "Đảng viên chính thức",
    "exempted": "Miễn công tác và sinh hoạt đảng",
    "suspended": "Đình chỉ sinh hoạt",
    "temporary_elsewhere": "Sinh hoạt tạm thời nơi khác",
    "transferred_out": "Đã chuyển đi",
    "died": "Từ trần",
    "struck_off": "Đã bị xóa tên",
    "expelled": "Đã bị khai trừ",
    "resigned": "Đã ra khỏi Đảng",
}

# Period kinds: start -> end event.
END_KIND_OF: dict[EventKind, EventKind] = {
    EventKind.EXEMPTED: EventKind.EXEMPTION_END,
    EventKind.SUSPENDED: EventKind.SUSPENSION_END,
    EventKind.TEMPORARY_ELSEWHERE: EventKind.TEMPORARY_END,
}
START_KIND_OF: dict[EventKind, EventKind] = {end: start for start, end in END_KIND_OF.items()}
JOINING_KINDS = frozenset({EventKind.ADMITTED, EventKind.TRANSFERRED_IN, EventKind.READMITTED})
_ROSTER_KINDS = JOINING_KINDS | LEAVING_KINDS


@dataclass(frozen=True)
class MemberStatus:
    code: str  # a key of STATUS_LABELS
    label: str
    is_current_member: bool  # on the branch roster now (exempted, suspended, temporarily elsewhere included)
    is_official: bool
    is_probationary: bool
    is_exempted: bool = False
    is_suspended: bool = False
    is_temporary_elsewhere: bool = False
    since: date | None = None  # date of the event behind a leaving status, or of recognition for "official"


@dataclass
class _Timeline:
    """The state the events leave behind on a date; shared by member_status and validate_event."""

    current: bool
    leaving: EventRecord | None = None
    recognised_on: date | None = None
    readmitted_on: date | None = None
    periods: dict[EventKind, EventRecord] | None = None

    def active_periods(self, on: date) -> dict[EventKind, EventRecord]:
        return {k: e for k, e in (self.periods or {}).items() if e.end_date is None or on <= e.end_date}


def _arrived_by_transfer(events: list[EventRecord]) -> bool:
    first = next((e for e in events if e.kind in _ROSTER_KINDS), None)
    return first is not None and first.kind == EventKind.TRANSFERRED_IN


def _timeline(member: MemberRecord, events: list[EventRecord], on: date, by_transfer: bool) -> _Timeline:
    admission = member.admission_date
    state = _Timeline(current=not by_transfer and (admission is None or admission <= on), periods={})
    periods: dict[EventKind, EventRecord] = {}
    for event in effective_events(events, on):
        kind = event.kind
        if kind in JOINING_KINDS:
            state.current, state.leaving = True, None
            if kind == EventKind.READMITTED:
                state.readmitted_on, state.recognised_on = event.date, None
        elif kind in LEAVING_KINDS:
            state.current, state.leaving = False, event
            periods.clear()
        elif kind == EventKind.RECOGNISED:
            state.recognised_on = state.recognised_on or event.date
        elif kind in END_KIND_OF:
            periods[kind] = event
        elif kind in START_KIND_OF:
            periods.pop(START_KIND_OF[kind], None)
    state.periods = periods
    return state


def _official_since(member: MemberRecord, state: _Timeline, on: date) -> date | None:
    """Earliest of the recognition and the record's official date that counts on `on`, or None."""
    official = member.official_date
    if official is not None and (official > on or (state.readmitted_on and official < state.readmitted_on)):
        official = None
    dates = [d for d in (state.recognised_on, official) if d is not None]
    return min(dates) if dates else None


def _is_official(member: MemberRecord, state: _Timeline, on: date) -> bool:
    return _official_since(member, state, on) is not None


def status_from_events(member: MemberRecord, events: list[EventRecord], on: date) -> MemberStatus:
    """Status of `member` on `on` computed from `events` instead of member.events (to check a change first)."""
    return _status(member, _timeline(member, events, on, _arrived_by_transfer(effective_events(events))), on)


def status_inputs(admission: date | None, official: date | None, history: Sequence[tuple], on: date) -> tuple:
    """What the status on `on` depends on, but for its `since` date: equal inputs, equal statuses otherwise. The
    record's admission and official dates, and `history`, the member's events that count as (kind, date, end date)
    in the rules' order (by date, then as saved; corrected and voided ones left out). A roster of 500,000 members
    has some 23,000 distinct histories (a recognition's date makes nearly each one unique) but a few dozen distinct
    inputs: their statuses are worked out once each (status_of_inputs).

    Kept: whether the admission is reached, whether the official date counts (reached, not before a readmission),
    whether the first roster event is a transfer in, and the kinds of the events up to `on` in order, a period's
    with whether its end date is still ahead (as _timeline and _status read them)."""
    past: list = []
    readmitted: date | None = None
    first_roster = None
    for kind, day, end in history:
        if first_roster is None and kind in _ROSTER_KINDS:
            first_roster = kind
        if day > on:
            continue
        if kind == EventKind.READMITTED:
            readmitted = day
        past.append((kind, end is None or on <= end) if kind in END_KIND_OF else kind)
    counts = official is not None and official <= on and not (readmitted is not None and official < readmitted)
    return admission is None or admission <= on, counts, first_roster == EventKind.TRANSFERRED_IN, tuple(past)


def status_of_inputs(inputs: tuple, on: date) -> MemberStatus:
    """The status on `on` of a member whose status_inputs are `inputs` (`since` aside): the rules asked about a
    stand-in record whose events all fall on `on`, a period still running without an end date, a finished one
    ended long ago, a transfer in that comes first dated after `on`."""
    admitted, official_counts, by_transfer, past = inputs
    record = MemberRecord("", "", None, None if admitted else date.max, official_date=on if official_counts else None)
    events = []
    for number, item in enumerate(past, 1):
        kind, running = item if isinstance(item, tuple) else (item, True)
        events.append(EventRecord(kind, on, end_date=None if running else date.min, id=number))
    if by_transfer:
        events.append(EventRecord(EventKind.TRANSFERRED_IN, date.max, id=len(events) + 1))
    return status_from_events(record, events, on)


def _status(member: MemberRecord, state: _Timeline, on: date) -> MemberStatus:
    if state.leaving is not None:
        code = str(state.leaving.kind)
        in_party = code == EventKind.TRANSFERRED_OUT
        official = in_party and _is_official(member, state, on)
        return MemberStatus(
            code, STATUS_LABELS[code], False, official, in_party and not official, since=state.leaving.date
        )
    if not state.current:
        return MemberStatus("not_yet", STATUS_LABELS["not_yet"], False, False, False)
    official = _is_official(member, state, on)
    active = state.active_periods(on)
    flags = {
        "is_exempted": EventKind.EXEMPTED in active,
        "is_suspended": EventKind.SUSPENDED in active,
        "is_temporary_elsewhere": EventKind.TEMPORARY_ELSEWHERE in active,
    }
    if flags["is_suspended"]:
        code = "suspended"
    elif flags["is_exempted"]:
        code = "exempted"
    elif flags["is_temporary_elsewhere"]:
        code = "temporary_elsewhere"
    else:
        code = "official" if official else "probationary"
    since = None
    if code == "official":
        since = _official_since(member, state, on)
    elif code != "probationary":
        since = active[EventKind(code)].date
    return MemberStatus(code, STATUS_LABELS[code], True, official, not official, since=since, **flags)


def member_status(member: MemberRecord, on: date) -> MemberStatus:
    """Status of a member on `on` (see the module docstring for the rules)."""
    return status_from_events(member, member.events, on)


def statuses_on(members: Sequence[MemberRecord], on: date) -> list[MemberStatus]:
    """Each member's status on `on`, as member_status gives it but for `since`, left None: the rules are asked once
    per distinct status_inputs (a few dozen for a whole roster), not once per member. For lists and tables, which
    do not print `since`."""
    known: dict[tuple, MemberStatus] = {}
    statuses = []
    for member in members:
        history = [(e.kind, e.date, e.end_date) for e in effective_events(member.events)] if member.events else ()
        inputs = status_inputs(member.admission_date, member.official_date, history, on)
        status = known.get(inputs)
        if status is None:
            status = known[inputs] = replace(status_of_inputs(inputs, on), since=None)
        statuses.append(status)
    return statuses


# --- checking a new event against the history -----------------------------------------------------------------------


@dataclass
class EventCheck:
    """Problems with an event about to be recorded: errors block it, warnings are shown and it is saved."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# After a leaving event: the event that brings the member back, and what may still be recorded meanwhile.
_REJOIN: dict[str, EventKind | None] = {
    "transferred_out": EventKind.TRANSFERRED_IN,
    "struck_off": EventKind.READMITTED,
    "expelled": EventKind.READMITTED,
    "resigned": EventKind.READMITTED,
    "died": None,
}
_ALLOWED_WHILE_AWAY: dict[str, frozenset[EventKind]] = {
    "died": frozenset({EventKind.BADGE_AWARDED}),  # posthumous award (truy tặng)
}


def validate_event(
    member: MemberRecord, events: list[EventRecord], new_event: EventRecord, today: date | None = None
) -> EventCheck:
    """Every problem with adding `new_event` to `events` (the member's history; corrected events are ignored).

    `events` is passed apart from the member so a correction can be checked against the history without the event
    it replaces. A member whose history has no roster event yet (admitted, transferred in or out...) may always be
    transferred in: the record alone cannot tell whether the member was admitted here or elsewhere.
    """
    today = today or clock.today()
    check = EventCheck()
    d, kind = new_event.date, EventKind(new_event.kind)
    what = f"«{EVENT_LABELS[kind]}» ngày {fmt(d)}"
    existing = effective_events(events)
    if d > today:
        check.errors.append(f"Sự kiện {what} ở tương lai (hôm nay là {fmt(today)}).")
    if member.birth_date and d < member.birth_date:
        check.errors.append(f"Sự kiện {what} trước ngày sinh {fmt(member.birth_date)}.")
    admission = member.admission_date
    if admission and d < admission and kind != EventKind.ADMITTED:
        check.errors.append(f"Sự kiện {what} trước ngày vào Đảng {fmt(admission)}.")
    if new_event.end_date and new_event.end_date < d:
        check.errors.append(f"Ngày kết thúc {fmt(new_event.end_date)} trước ngày bắt đầu {fmt(d)}.")

    state = _timeline(member, existing, d, _arrived_by_transfer(effective_events([*existing, new_event])))
    status = _status(member, state, d)
    _check_roster(check, status, kind, what, d, admission)
    if kind in LEAVING_KINDS:
        _check_later_events(check, existing, kind, d)
    if kind == EventKind.ADMITTED:
        _check_admitted(check, member, existing, d)
    elif kind == EventKind.RECOGNISED and status.is_current_member:
        _check_recognised(check, member, state, status, d)
    elif kind in START_KIND_OF:
        start_kind = START_KIND_OF[kind]
        started = (state.periods or {}).get(start_kind)
        if started is None:
            check.errors.append(
                f"Chưa có sự kiện «{EVENT_LABELS[start_kind]}» đang có hiệu lực để ghi «{EVENT_LABELS[kind]}»."
            )
        elif started.end_date and started.end_date < d:
            check.warnings.append(
                f"«{EVENT_LABELS[start_kind]}» từ ngày {fmt(started.date)} đã hết hạn ngày {fmt(started.end_date)}."
            )
    elif kind in END_KIND_OF:
        running = state.active_periods(d).get(kind)
        if running is not None:
            check.errors.append(f"Đảng viên đang trong thời gian «{EVENT_LABELS[kind]}» từ ngày {fmt(running.date)}.")
    elif kind == EventKind.READMITTED and any(e.kind == EventKind.READMITTED for e in existing):
        check.warnings.append("Đảng viên đã được kết nạp lại một lần; Điều lệ chỉ cho kết nạp lại một lần.")
    elif kind == EventKind.BADGE_AWARDED:
        _check_badge(check, member, existing, new_event)
    return check


def _check_roster(
    check: EventCheck, status: MemberStatus, kind: EventKind, what: str, d: date, admission: date | None
) -> None:
    """Whether the member's standing on the day allows this kind of event."""
    code = status.code
    if code in _REJOIN:
        rejoin = _REJOIN[code]
        if kind == rejoin or kind in _ALLOWED_WHILE_AWAY.get(code, frozenset()):
            return
        since = fmt(status.since) if status.since else ""
        if code == "died":
            check.errors.append(f"Đảng viên đã từ trần ngày {since}; không thể ghi sự kiện {what} (chỉ đính chính).")
        else:
            hint = f" (trừ «{EVENT_LABELS[rejoin]}»)" if rejoin else ""
            check.errors.append(
                f"Đảng viên ở trạng thái «{status.label}» từ ngày {since}; không thể ghi sự kiện {what}{hint}."
            )
        return
    if code == "not_yet":
        if admission and d < admission:
            return  # already reported as before the admission
        if kind not in (EventKind.TRANSFERRED_IN, EventKind.ADMITTED):
            check.warnings.append(f"Sự kiện {what} xảy ra trước khi đảng viên chuyển đến chi bộ.")
        return
    if kind == EventKind.TRANSFERRED_IN:
        check.errors.append(f"Đảng viên đang sinh hoạt tại chi bộ; không thể ghi sự kiện {what}.")
    elif kind == EventKind.READMITTED:
        check.errors.append("Chỉ kết nạp lại người đã ra khỏi Đảng (bị xóa tên, khai trừ hoặc xin ra khỏi Đảng).")


def _check_later_events(check: EventCheck, existing: list[EventRecord], kind: EventKind, d: date) -> None:
    """A leaving event may not be put before events that need the member on the roster."""
    rejoin = _REJOIN[str(kind)]
    allowed = _ALLOWED_WHILE_AWAY.get(str(kind), frozenset())
    for event in existing:
        if event.date <= d:
            continue
        if event.kind == rejoin:
            return
        if event.kind not in allowed:
            check.errors.append(
                f"Đã có sự kiện «{EVENT_LABELS[event.kind]}» ngày {fmt(event.date)} sau ngày {fmt(d)}; "
                f"không thể ghi «{EVENT_LABELS[kind]}» trước đó."
            )
            return


def _check_admitted(check: EventCheck, member: MemberRecord, existing: list[EventRecord], d: date) -> None:
    earlier = next((e for e in existing if e.kind == EventKind.ADMITTED), None)
    if earlier is not None:
        check.errors.append(f"Đã có sự kiện kết nạp ngày {fmt(earlier.date)}; hãy đính chính sự kiện đó nếu sai.")
    if member.admission_date and d != member.admission_date:
        check.warnings.append(f"Ngày kết nạp {fmt(d)} khác ngày vào Đảng trong hồ sơ ({fmt(member.admission_date)}).")


def _check_recognised(check: EventCheck, member: MemberRecord, state: _Timeline, status: MemberStatus, d: date) -> None:
    if state.recognised_on is not None:
        check.errors.append(f"Đảng viên đã được công nhận chính thức ngày {fmt(state.recognised_on)}.")
        return
    if status.is_official and member.official_date and member.official_date != d:
        check.warnings.append(
            f"Hồ sơ ghi ngày chính thức {fmt(member.official_date)}, khác ngày công nhận {fmt(d)}; hãy kiểm tra lại."
        )
    admission: date | None
    if state.readmitted_on:
        ceremony = (
            member.ceremony_date if member.ceremony_date and member.ceremony_date >= state.readmitted_on else None
        )
        admission = state.readmitted_on
    else:
        ceremony, admission = member.ceremony_date, member.admission_date
    try:
        warning = official_date_warning(ceremony, d, admission)
    except ValidationError as error:
        check.errors.append(error.message)
        return
    if warning:
        check.warnings.append(warning)
        return
    end = probation_end(ceremony, admission)
    if end:
        deadline = recognition_deadline(end)
        if d > deadline:
            check.warnings.append(
                f"Công nhận ngày {fmt(d)} sau hạn 30 ngày làm việc kể từ khi hết dự bị ({fmt(deadline)})."
            )


def _check_badge(check: EventCheck, member: MemberRecord, existing: list[EventRecord], event: EventRecord) -> None:
    years = milestone_from_note(event.note)
    if years is None:
        check.warnings.append("Hãy ghi mốc Huy hiệu vào ghi chú (ví dụ «Huy hiệu 30 năm tuổi Đảng»).")
        return
    history = replace(member, events=existing)
    if years in awarded_milestones(history):
        check.warnings.append(f"Đảng viên đã được trao Huy hiệu {years} năm tuổi Đảng.")
    # Posthumous awards count as if the member had lived; early awards go up to 12 (24 from 70 years) months.
    gaps = [g for g in seniority_gaps(history) if g.reason != EventKind.DIED]
    reached = seniority_reached_on(history, years, gaps=gaps)
    early_limit = add_months(event.date, 24 if years >= 70 else 12)
    if reached is None or reached > early_limit:
        when = f" (đủ ngày {fmt(reached)})" if reached else ""
        check.warnings.append(f"Ngày {fmt(event.date)} đảng viên chưa đủ {years} năm tuổi Đảng{when}.")
