"""Operations on the roster: add and edit members, record and correct events. Each write is one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from operator import itemgetter
from typing import Any

import peewee as pw

from models.core import clock
from models.core.branch import of_branch, of_current_branch
from models.core.dates import fmt
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.core.partial_dates import YEAR_ONLY_COLUMN, from_columns, plain, to_columns
from models.core.saved_ids import saved_id
from models.core.tables import db
from models.core.vnname import fold, name_sort_key, nfc
from models.core.who import current_user
from models.roster.edit_conflicts import member_conflict
from models.roster.event_kinds import EventKind
from models.roster.fields import DATE_FIELDS, MEMBER_FIELDS
from models.roster.levels import LEVELS, canonical_level
from models.roster.member_rules import effective_events
from models.roster.member_status import validate_event
from models.roster.member_validation import CheckReport, Issue, check_record
from models.roster.records import EventRecord, MemberRecord
from models.roster.tables import Member, MemberEvent

_RECORD_KEYS = tuple(f.key for f in MEMBER_FIELDS)
# A saved row's record fields in the order MemberRecord takes them: its first fields are MEMBER_FIELDS' keys, then
# id, events, entered_on and version (tests/unit/roster/test_members.py checks it).
_record_values = itemgetter(*(f.name for f in fields(MemberRecord)[: len(_RECORD_KEYS)]))
_new_record: Callable[..., MemberRecord] = MemberRecord  # by position, as above
_EVENT_DATE_KEYS = ("date", "end_date", "voided_at")
_EVENT_KEYS = tuple(f.name for f in fields(EventRecord) if f.name not in ("id", "member_id", "replaced_by", "kind"))
# A new event counts (not voided) and is recorded by whoever saves it (the table's default), not by the record.
_NEW_EVENT_KEYS = tuple(
    key for key in _EVENT_KEYS if key not in ("voided_at", "void_reason", "voided_by", "created_by")
)


@dataclass
class SavedMember:
    member: MemberRecord
    warnings: list[Issue] = field(default_factory=list)


def normalized(record: MemberRecord) -> MemberRecord:
    """The record with composed Unicode and trimmed text, as it is stored; a level written as a bare everyday
    wording ("ThS", "cđ", "Cao cấp lý luận") is stored as the level's name (models.roster.levels)."""
    values = normalized_values({key: getattr(record, key) for key in _RECORD_KEYS})
    return MemberRecord(**values, id=record.id, events=record.events, version=record.version)


def normalized_values(values: dict[str, Any]) -> dict[str, Any]:
    """`values` (record fields by key; an absent one keeps the record's default) as `normalized` stores them."""
    for key, value in values.items():
        if value and isinstance(value, str):
            values[key] = value.strip() if key == "notes" else nfc(value)
    for key in LEVELS:
        if key in values:
            values[key] = canonical_level(key, values[key])
    return values


def person_key(full_name: str, birth_date: date | None) -> tuple[str, date] | None:
    """Who a record is for duplicate checks: the name without diacritics or case, and the birth date."""
    if not full_name or birth_date is None:
        return None
    return fold(full_name), birth_date


def check_member(record: MemberRecord, today: date | None = None) -> CheckReport:
    """Field checks plus duplicates against the saved roster (the record's own row excluded). A saved member's
    events are checked with it (the admission cannot follow the death) when the record does not carry them."""
    record = normalized(record)
    if record.id is not None and not record.events:
        mine = (MemberEvent.member == record.id) & of_current_branch(MemberEvent)
        record.events = [_event_record(e) for e in MemberEvent.select().where(mine)]
    report = check_record(record, today)
    others = Member.select(Member.id, Member.full_name, Member.card_number, Member.birth_date)
    others = others.where(of_current_branch(Member))
    if record.id is not None:
        others = others.where(Member.id != record.id)
    card = record.card_number
    if card:
        clash = others.where(Member.card_number == card).first()
        if clash:
            report.error("card_number", f"Số thẻ {card} đã có trong danh sách (đảng viên {clash.full_name}).")
    key = person_key(record.full_name, record.birth_date)
    if key is not None and record.birth_date is not None:
        for other in others.where(Member.birth_date == plain(record.birth_date)):
            if person_key(other.full_name, other.birth_date) == key:
                report.warn(
                    "full_name",
                    f"Đã có đảng viên {other.full_name} cùng họ tên và ngày sinh {fmt(record.birth_date)}.",
                )
                break
    if record.id is not None:
        _warn_official_date_follows(report, record)
    return report


def _warn_official_date_follows(report: CheckReport, record: MemberRecord) -> None:
    """Say before saving that a changed «Ngày chính thức» will correct, or a cleared one void, the recognition."""
    rows = MemberEvent.select().where((MemberEvent.member == record.id) & (MemberEvent.kind == EventKind.RECOGNISED))
    recognitions = [e.date for e in effective_events([_event_record(row) for row in rows])]
    if not recognitions or recognitions[-1] == record.official_date:
        return
    event = f"sự kiện «Công nhận đảng viên chính thức» ngày {recognitions[-1]:%d/%m/%Y}"
    if record.official_date is None:
        report.warn("official_date", f"Để trống ngày chính thức: khi lưu, {event} sẽ được hủy (vẫn giữ lại dòng).")
    else:
        report.warn("official_date", f"Khi lưu, {event} sẽ được đính chính sang ngày {record.official_date:%d/%m/%Y}.")


def save_member(record: MemberRecord, today: date | None = None, read: MemberRecord | None = None) -> SavedMember:
    """Add (id None) or update a member. Errors raise ValidationError naming the first field; warnings return.

    An update is written only over the version it was read at (`record.version`): when another client saved or
    deleted the member since, EditConflictError says what they changed against `read` (the record as this client
    read it; without it, against `record`) and nothing is written.
    """
    record = normalized(record)
    with db.atomic():
        report = check_member(record, today)
        if report.errors:
            first = report.errors[0]
            message = "\n".join(f"{i.label}: {i.message}" if i.label else i.message for i in report.errors)
            raise ValidationError(message, first.field)
        values = stored_values(record)
        old = _saved_or_none(record.id)
        try:
            with db.atomic():  # a savepoint: the database's own uniqueness check can fail alone
                member_id = _write_member(record, values)
        except pw.IntegrityError as exc:  # another client saved the same card number a moment ago
            message = f"Số thẻ {record.card_number} vừa được lưu cho một đảng viên khác; hãy kiểm tra lại."
            raise ConflictError(message) from exc
        if member_id is None:
            raise member_conflict(record, read, _saved_or_none(record.id))
        if old is not None:
            known = {i.message for i in report.warnings}
            report.warnings += [
                i for i in _follow_official_date(old, record.official_date, today) if i.message not in known
            ]
    return SavedMember(get_member(member_id), report.warnings)


def _saved_or_none(member_id: int | None) -> MemberRecord | None:
    if member_id is None:
        return None
    try:
        return get_member(member_id)
    except NotFoundError:
        return None


def _write_member(record: MemberRecord, values: dict) -> int | None:
    """The saved member's id; None when the row is no longer at the version the record was read at."""
    if record.id is None:
        return Member.create(**values).id
    if record.version is None:
        raise ValueError("an update of a member names the version it read (MemberRecord.version)")
    mine = (Member.id == record.id) & of_current_branch(Member) & (Member.version == record.version)
    changed = Member.update(**values, **changed_stamp()).where(mine).execute()
    return record.id if changed else None


def changed_stamp() -> dict:
    """The columns every update of a member row sets besides its values: when, who, and the next version."""
    return {"updated_at": clock.now(), "updated_by": current_user(), "version": Member.version + 1}


def stored_values(record: MemberRecord) -> dict[str, object]:
    """The Member columns of a record (year-only dates as 1 January plus their marker column, and the A-B-C sort
    key of the name and birth date)."""
    values = to_columns({key: getattr(record, key) for key in _RECORD_KEYS}, DATE_FIELDS)
    values["name_sort"] = name_sort_key(record.full_name, record.birth_date)
    return values


def saved_values(row: dict) -> dict[str, Any]:
    """Record values of a Member row as a dict (raw select or `__data__`): year-only dates restored."""
    return from_columns(row, DATE_FIELDS)


def _follow_official_date(old: MemberRecord, official: date | None, today: date | None) -> list[Issue]:
    """Editing «Ngày chính thức» of a member with a recognition event edits that event, so the record and the
    history never tell two stories: a new date corrects the event, a cleared one voids it."""
    recognitions = [e for e in effective_events(old.events) if e.kind == EventKind.RECOGNISED]
    if not recognitions or recognitions[-1].date == official:
        return []
    event = recognitions[-1]
    try:
        if official is None:
            void_event(saved_id(event), "Xóa ngày chính thức trên phiếu đảng viên", today)
            return []
        moved = replace(event, date=official, id=None, correction_reason="")
        warnings = correct_event(saved_id(event), moved, "Sửa ngày chính thức trên phiếu đảng viên", today)
    except ValidationError as error:
        raise ValidationError(f"Ngày chính thức: {error.message}", "official_date") from error
    return [Issue("official_date", w) for w in warnings]


def get_member(member_id: int) -> MemberRecord:
    row = Member.get_or_none((Member.id == member_id) & of_current_branch(Member))
    if row is None:
        raise NotFoundError(f"Không tìm thấy đảng viên mã {member_id}.")
    events = [_event_record(e) for e in MemberEvent.select().where(MemberEvent.member == member_id)]
    return _member_record(row.__data__, _ordered(events))


def all_members(branch_id: int | None = None) -> list[MemberRecord]:
    """Every member ever in the branch (None: the current one), with events (50,000 rows in well under a second)."""
    return [member for chunk in member_chunks(100_000, branch_id) for member in chunk]


def member_chunks(size: int, branch_id: int | None = None) -> Iterator[list[MemberRecord]]:
    """Every member of the branch (None: the current one) with events, `size` members at a time in the order they
    were added: two plain queries a chunk, so a first screenful arrives at once and a worker thread can stop
    between chunks."""
    last = 0
    mine, my_events = of_branch(Member, branch_id), of_branch(MemberEvent, branch_id)
    while True:
        query = Member.select().where(mine & (Member.id > last)).order_by(Member.id).limit(size)
        members = list(_raw_dicts(query, DATE_FIELDS))
        if not members:
            return
        last = members[-1]["id"]
        events: dict[int, list[EventRecord]] = defaultdict(list)
        span = my_events & MemberEvent.member.between(members[0]["id"], last)
        for row in _raw_dicts(MemberEvent.select().where(span), _EVENT_DATE_KEYS):
            events[row["member"]].append(_event_from_dict(row))
        yield [_member_record(row, _ordered(events.get(row["id"], []))) for row in members]
        if len(members) < size:
            return


def members_with_ids(ids: list[int], branch_id: int | None = None) -> list[MemberRecord]:
    """The members of the branch (None: the current one) among `ids`, with events, in id order: what the office's
    queries picked out."""
    ids = sorted(ids)
    out: list[MemberRecord] = []
    for start in range(0, len(ids), 5000):
        chosen = ids[start : start + 5000]
        # A dense run of ids is read as a range (a long IN list costs more to build than to answer).
        dense = chosen[-1] - chosen[0] < 2 * len(chosen)
        wanted = set(chosen)
        picked = Member.id.between(chosen[0], chosen[-1]) if dense else Member.id.in_(chosen)
        of_event = MemberEvent.member.between(chosen[0], chosen[-1]) if dense else MemberEvent.member.in_(chosen)
        members = Member.select().where(of_branch(Member, branch_id) & picked)
        events_query = MemberEvent.select().where(of_branch(MemberEvent, branch_id) & of_event)
        events: dict[int, list[EventRecord]] = defaultdict(list)
        for row in _raw_dicts(events_query, _EVENT_DATE_KEYS):
            events[row["member"]].append(_event_from_dict(row))
        rows = _raw_dicts(members.order_by(Member.id), DATE_FIELDS)
        out += [_member_record(row, _ordered(events.get(row["id"], []))) for row in rows if row["id"] in wanted]
    return out


def _raw_dicts(query, date_keys: tuple[str, ...]):
    """Rows of a select as dicts keyed by column, converting only dates: peewee's per-value conversion is the
    slowest part of loading a big roster. Dates arrive as ISO text from SQLite and as dates from PostgreSQL."""
    sql, params = query.sql()
    cursor = db.execute_sql(sql, params)
    fields = query.model._meta.columns  # column name -> field ("member_id" -> member)
    names = [fields[column[0]].name if column[0] in fields else column[0] for column in cursor.description]
    dated = [i for i, name in enumerate(names) if name in date_keys]
    parse = date.fromisoformat
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        for i in dated:
            value = values[i]
            if isinstance(value, str):
                row[names[i]] = parse(value[:10])
        yield row


def record_event(member_id: int, event: EventRecord, today: date | None = None) -> list[str]:
    """Add an event to a member's history; returns warnings. A recognition fills in the official date."""

    with db.atomic():
        member = get_member(member_id)
        check = validate_event(member, member.events, event, today=today)
        if check.errors:
            raise ValidationError("\n".join(check.errors), "event")
        MemberEvent.create(member=member_id, kind=str(event.kind), **_event_values(event))
        if event.kind == EventKind.RECOGNISED:
            _sync_official_date(member_id)
    return list(check.warnings)


def check_event(member_id: int, event: EventRecord, replacing: int | None = None, today: date | None = None):
    """What recording `event` (or correcting event `replacing` into it) would bring: errors and warnings, asked
    before saving so a premature recognition is confirmed, not merely reported afterwards."""

    member = get_member(member_id)
    return validate_event(member, [e for e in member.events if e.id != replacing], event, today=today)


def correct_event(event_id: int, corrected: EventRecord, reason: str, today: date | None = None) -> list[str]:
    """Replace a wrong event by a corrected one; the wrong row stays, marked as replaced, with the reason."""

    reason = nfc(reason)
    if not reason:
        raise ValidationError("Hãy ghi lý do đính chính.", "correction_reason")
    with db.atomic():
        old = MemberEvent.get_or_none((MemberEvent.id == event_id) & of_current_branch(MemberEvent))
        if old is None:
            raise NotFoundError("Không tìm thấy sự kiện cần đính chính.")
        if old.replaced_by_id is not None:
            raise ConflictError("Sự kiện này đã được đính chính trước đó; hãy đính chính bản mới nhất.")
        member = get_member(old.member_id)
        remaining = [e for e in member.events if e.id != event_id]
        check = validate_event(member, remaining, corrected, today=today)
        if check.errors:
            raise ValidationError("\n".join(check.errors), "event")
        new = MemberEvent.create(member=old.member_id, kind=str(corrected.kind), **_event_values(corrected))
        MemberEvent.update(replaced_by=new.id, correction_reason=reason).where(MemberEvent.id == event_id).execute()
        if EventKind.RECOGNISED in (old.kind, corrected.kind):
            _sync_official_date(old.member_id)
    return list(check.warnings)


def void_event(event_id: int, reason: str, today: date | None = None) -> MemberRecord:
    """Take back a mistaken event ("Hủy mục này"): the row stays, marked void with the day and the reason, and
    no rule counts it any more. Refused when the rest of the history would no longer hold (e.g. voiding an
    admission that later events rest on). A recognition's official date on the record goes with it. Returns the
    member as now saved, for the status derived again."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError("Hãy ghi lý do hủy mục này.", "void_reason")
    today = today or clock.today()
    with db.atomic():
        row = MemberEvent.get_or_none((MemberEvent.id == event_id) & of_current_branch(MemberEvent))
        if row is None:
            raise NotFoundError("Không tìm thấy sự kiện cần hủy.")
        if row.voided_at is not None:
            raise ConflictError(f"Sự kiện này đã được hủy ngày {row.voided_at:%d/%m/%Y}.")
        if row.replaced_by_id is not None:
            raise ConflictError("Sự kiện này đã được đính chính; hãy hủy bản đính chính mới nhất.")
        member = get_member(row.member_id)
        remaining = [e for e in member.events if e.id != event_id]
        problems = sorted(_history_errors(member, remaining) - _history_errors(member, member.events))
        if problems:
            raise ValidationError("Không thể hủy mục này:\n" + "\n".join(problems), "event")
        MemberEvent.update(voided_at=today, void_reason=reason, voided_by=current_user()).where(
            MemberEvent.id == event_id
        ).execute()
        if row.kind == EventKind.RECOGNISED:
            _sync_official_date(row.member_id)
    return get_member(row.member_id)


def _history_errors(member: MemberRecord, events: list[EventRecord]) -> set[str]:
    """Errors found replaying a history event by event, each checked against the ones before it."""

    kept = effective_events(events)
    errors: set[str] = set()
    for index, event in enumerate(kept):
        errors.update(validate_event(member, kept[:index], event, today=date.max).errors)
    return errors


def _sync_official_date(member_id: int) -> None:
    """The record's official date follows the recognition event, its one source once such an event exists: the
    latest recognition that counts, or none when the last one was corrected away or voided."""
    events = [_event_record(e) for e in MemberEvent.select().where(MemberEvent.member == member_id)]
    recognitions = [e.date for e in effective_events(events) if e.kind == EventKind.RECOGNISED]
    official = recognitions[-1] if recognitions else None
    Member.update(official_date=official, **changed_stamp()).where(Member.id == member_id).execute()


def _event_values(event: EventRecord) -> dict:
    values = {key: getattr(event, key) for key in _NEW_EVENT_KEYS}
    for key in ("decision_ref", "place", "note", "correction_reason"):
        values[key] = nfc(values[key])
    return values


def _ordered(events: list[EventRecord]) -> list[EventRecord]:
    return sorted(events, key=lambda e: (e.date, e.id or 0))


def _event_record(row: MemberEvent) -> EventRecord:
    return _event_from_dict({**row.__data__})


def _event_from_dict(row: dict) -> EventRecord:
    return EventRecord(
        kind=EventKind(row["kind"]),
        id=row["id"],
        member_id=row["member"],
        replaced_by=row["replaced_by"],
        **{key: row[key] for key in _EVENT_KEYS},
    )


def _member_record(row: dict, events: list[EventRecord]) -> MemberRecord:
    values = saved_values(row) if row.get(YEAR_ONLY_COLUMN) else row  # most records: no year-only date to restore
    created = row.get("created_at")
    entered_on = date.fromisoformat(created[:10]) if isinstance(created, str) else created and created.date()
    return _new_record(*_record_values(values), row["id"], events, entered_on, row["version"])
