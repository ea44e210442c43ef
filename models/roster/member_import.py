"""Importing a roster read from Excel: a plan of every row (problems, duplicates, action) and its all-or-nothing apply.

The reader lives in reports/; this module takes its result structurally (rows with `row`, `values`, `problems`)
so the domain never imports reports/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from models.core import clock
from models.core.branch import of_current_branch
from models.core.bulk import insert_rows, with_defaults
from models.core.errors import Cancelled, EditConflictError, ValidationError
from models.core.partial_dates import YEAR_ONLY_COLUMN
from models.core.tables import db, dict_rows, tuple_rows
from models.roster.fields import FIELD_BY_KEY, MEMBER_FIELDS, TEMPLATE_EXAMPLE_NOTE
from models.roster.member_rules import fmt
from models.roster.member_validation import check_record
from models.roster.members import changed_stamp, normalized_values, person_key, saved_values, stored_values
from models.roster.records import MemberRecord
from models.roster.tables import Member

ADD, UPDATE, SKIP = "add", "update", "skip"
ACTION_LABELS = {SKIP: "Bỏ qua", UPDATE: "Cập nhật", ADD: "Thêm mới"}
ERROR, WARNING = "error", "warning"
PROGRESS_EVERY = 250
_INSERT_BATCH = 500
_KEYS = tuple(f.key for f in MEMBER_FIELDS)
_DATE_KEYS = frozenset(f.key for f in MEMBER_FIELDS if f.kind == "date")
Progress = Callable[[int, int], bool]


class ReadProblem(Protocol):
    row: int
    column: str
    message: str
    severity: str


class ReadRow(Protocol):
    row: int
    values: Mapping[str, object]
    problems: Sequence[ReadProblem]


class ReadResult(Protocol):
    """What plan_import needs of reports.roster.roster_reader.RosterReadResult."""

    rows: Sequence[ReadRow]
    headers: Mapping[int, str]
    mapping: Mapping[int, str]


@dataclass(frozen=True)
class RowProblem:
    row: int  # Excel row number
    column: str  # column header as in the file, or the field's label
    message: str  # Vietnamese
    severity: str = ERROR  # "error" | "warning"
    field: str = ""  # member field key when known


@dataclass(frozen=True)
class SavedMatch:
    member_id: int
    full_name: str
    by_card: bool  # same card number (else same name and birth date)


@dataclass
class PlanRow:
    row: int
    record: MemberRecord  # as it would be added (NFC, defaults for absent fields)
    imported: frozenset[str]  # keys with a non-empty value in the file: what an update overwrites
    year_only: frozenset[str] = frozenset()
    problems: list[RowProblem] = field(default_factory=list)
    saved: SavedMatch | None = None  # duplicate of a saved member
    file_duplicate_of: int | None = None  # earlier Excel row of the same person
    update_blocked: bool = False  # updating the saved member with this row would make its record invalid
    allowed: tuple[str, ...] = (ADD, SKIP)
    action: str = ADD

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    @property
    def has_warnings(self) -> bool:
        return any(p.severity == WARNING for p in self.problems)

    @property
    def status(self) -> str:
        if self.has_errors:
            return "Lỗi"
        if self.saved is not None:
            return f"Trùng với đảng viên {self.saved.full_name}"
        if self.file_duplicate_of is not None:
            return f"Trùng với dòng {self.file_duplicate_of}"
        if self.has_warnings:
            return "Cảnh báo"
        return "Thêm mới"


@dataclass
class ImportPlan:
    rows: list[PlanRow]
    labels: dict[str, str] = field(default_factory=dict)  # field key -> column header in the file
    checked_on: date | None = None  # the day every row's record was checked (check_record), as it is added

    def row(self, number: int) -> PlanRow:
        return next(r for r in self.rows if r.row == number)

    def actions(self) -> dict[int, str]:
        return {r.row: r.action for r in self.rows}

    @property
    def errors(self) -> int:
        return sum(r.has_errors for r in self.rows)

    @property
    def duplicates(self) -> int:
        return sum(not r.has_errors and (r.saved is not None or r.file_duplicate_of is not None) for r in self.rows)

    @property
    def new(self) -> int:
        return len(self.rows) - self.errors - self.duplicates

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)


@dataclass(frozen=True)
class ImportOutcome:
    added: int
    updated: int
    skipped: int


# planning ----------------------------------------------------------------------------------------


def plan_import(read_result: ReadResult, today: date | None = None) -> ImportPlan:
    """Every row of the reader's result with its problems, duplicates and default action. Reads the roster once."""
    today = today or clock.today()
    labels = _labels(read_result)
    keys = {label: key for key, label in labels.items()}  # column header -> field key
    rows = [_plan_row(r, labels, keys, today) for r in read_result.rows]
    _mark_saved_duplicates(rows, labels)
    _check_updates(rows, labels, today)
    _mark_file_duplicates(rows, labels)
    for row in rows:
        _choose_actions(row)
    return ImportPlan(rows, labels, today)


def _labels(read_result: ReadResult) -> dict[str, str]:
    """Field key -> the column header in the file (the field's own label when the column is absent)."""
    labels = {f.key: f.label for f in MEMBER_FIELDS}
    headers = getattr(read_result, "headers", {}) or {}
    for col, key in (getattr(read_result, "mapping", {}) or {}).items():
        if key in labels and headers.get(col):
            labels[key] = headers[col]
    return labels


def _plan_row(read_row: ReadRow, labels: dict[str, str], keys: dict[str, str], today: date) -> PlanRow:
    values = {k: v for k, v in read_row.values.items() if k in FIELD_BY_KEY and v not in (None, "")}
    record = _record(values)
    problems = [RowProblem(p.row, p.column, p.message, p.severity, keys.get(p.column, "")) for p in read_row.problems]
    reported = {p.column for p in problems if p.severity == ERROR}
    report = check_record(record, today)
    for issues, severity in ((report.errors, ERROR), (report.warnings, WARNING)):
        for issue in issues:
            column = labels.get(issue.field, "")
            if severity == ERROR and column and column in reported:
                continue  # the reader already said what is wrong with this cell ("Thiếu họ và tên.", a bad date)
            problems.append(RowProblem(read_row.row, column, issue.message, severity, issue.field))
    if record.notes.strip() == TEMPLATE_EXAMPLE_NOTE:
        message = f"Dòng ví dụ của mẫu nhập («{TEMPLATE_EXAMPLE_NOTE}»): không nhập dòng này."
        problems.append(RowProblem(read_row.row, labels.get("notes", ""), message, ERROR, "notes"))
    year_only = frozenset(getattr(read_row, "year_only", ()) or ())
    return PlanRow(read_row.row, record, frozenset(values), year_only, problems)


def _record(values: Mapping[str, object]) -> MemberRecord:
    """The record of a row's values as it would be stored (members.normalized)."""
    kwargs: dict[str, object] = {"full_name": "", "gender": "", "birth_date": None, "admission_date": None}
    for key, value in values.items():
        if key in _DATE_KEYS:
            kwargs[key] = value if isinstance(value, date) else None
        else:
            kwargs[key] = value if isinstance(value, str) else str(value)
    return MemberRecord(**normalized_values(kwargs))


def _name_key(record: MemberRecord) -> tuple[str, date] | None:
    return person_key(record.full_name, record.birth_date)


class _RosterIndex:
    """The saved roster indexed once by card number and by (folded name, birth date)."""

    def __init__(self, birth_dates: Iterable[date]) -> None:
        self.by_card: dict[str, tuple[int, str]] = {}
        self.by_name: dict[tuple[str, date], tuple[int, str]] = {}
        wanted = set(birth_dates)
        query = Member.select(Member.id, Member.full_name, Member.card_number, Member.birth_date)
        for member_id, name, card, born in tuple_rows(query.where(of_current_branch(Member))):
            if card:
                self.by_card.setdefault(card, (member_id, name))
            if born in wanted and (key := person_key(name, born)) is not None:  # fold only the names that can match
                self.by_name.setdefault(key, (member_id, name))


def _mark_saved_duplicates(rows: list[PlanRow], labels: dict[str, str]) -> None:
    index = _RosterIndex(r.record.birth_date for r in rows if r.record.birth_date)
    for row in rows:
        card = row.record.card_number
        if card and card in index.by_card:
            member_id, name = index.by_card[card]
            row.saved = SavedMatch(member_id, name, by_card=True)
            message = f"Trùng với đảng viên {name} (cùng số thẻ {card})."
            row.problems.append(RowProblem(row.row, labels["card_number"], message, WARNING, "card_number"))
            continue
        key = _name_key(row.record)
        if key and key in index.by_name:
            member_id, name = index.by_name[key]
            row.saved = SavedMatch(member_id, name, by_card=False)
            message = f"Trùng với đảng viên {name} (cùng họ tên và ngày sinh {fmt(row.record.birth_date)})."
            row.problems.append(RowProblem(row.row, labels["full_name"], message, WARNING, "full_name"))


def _check_updates(rows: list[PlanRow], labels: dict[str, str], today: date) -> None:
    """An update is offered only when the saved member's record stays valid with the imported fields."""
    candidates = [r for r in rows if r.saved is not None and not r.has_errors]
    members = _members({r.saved.member_id for r in candidates if r.saved is not None})
    for row in candidates:
        assert row.saved is not None
        current = members.get(row.saved.member_id)
        if current is None:
            continue
        final = {key: current[key] for key in _KEYS} | _update_values(row, current)
        report = check_record(MemberRecord(**final), today)
        if report.errors:
            issue = report.errors[0]
            row.update_blocked = True
            message = f"Không thể cập nhật đảng viên {row.saved.full_name}: {_lower_first(issue.message)}"
            column = labels.get(issue.field, issue.label)
            row.problems.append(RowProblem(row.row, column, message, WARNING, issue.field))


def _mark_file_duplicates(rows: list[PlanRow], labels: dict[str, str]) -> None:
    """A later row with the card number of an earlier row is an error (card numbers are unique); with the same
    name and birth date, a warning."""
    first_card: dict[str, int] = {}
    first_name: dict[tuple[str, date], int] = {}
    for row in rows:
        card = row.record.card_number
        if card:
            if card in first_card:
                row.file_duplicate_of = first_card[card]
                message = f"Số thẻ {card} trùng với dòng {first_card[card]} trong tệp."
                row.problems.append(RowProblem(row.row, labels["card_number"], message, ERROR, "card_number"))
                continue
            first_card[card] = row.row
        key = _name_key(row.record)
        if key:
            if key in first_name:
                row.file_duplicate_of = first_name[key]
                message = f"Trùng họ tên và ngày sinh với dòng {first_name[key]} trong tệp."
                row.problems.append(RowProblem(row.row, labels["full_name"], message, WARNING, "full_name"))
            else:
                first_name[key] = row.row


def _choose_actions(row: PlanRow) -> None:
    if row.has_errors:
        row.allowed, row.action = (SKIP,), SKIP
    elif row.saved is not None:
        # A second member with the same card number would break the card's uniqueness.
        row.allowed = (SKIP, UPDATE) if row.saved.by_card else (SKIP, UPDATE, ADD)
        if row.update_blocked:
            row.allowed = tuple(a for a in row.allowed if a != UPDATE)
        row.action = SKIP
    elif row.file_duplicate_of is not None:
        row.allowed, row.action = (SKIP, ADD), SKIP
    else:
        row.allowed, row.action = (SKIP, ADD), ADD


# applying ----------------------------------------------------------------------------------------


def apply_import(
    plan: ImportPlan,
    actions: Mapping[int, str] | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ImportOutcome:
    """Save the chosen rows in one transaction: any error, or a cancel through `progress`, saves nothing."""
    today = today or clock.today()
    chosen = {r.row: (actions or {}).get(r.row, r.action) for r in plan.rows}
    to_save = [r for r in plan.rows if chosen[r.row] in (ADD, UPDATE)]
    total = 2 * len(to_save)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total) and not progress(done, total):
            raise Cancelled("Đã hủy việc nhập; không có đảng viên nào được lưu.")

    with db.atomic():
        mine = Member.select(Member.id, Member.card_number).where(of_current_branch(Member))
        cards = {card: member_id for member_id, card in tuple_rows(mine) if card}
        saved = _members({r.saved.member_id for r in to_save if chosen[r.row] == UPDATE and r.saved is not None})
        inserts: list[dict] = []
        updates: list[tuple[PlanRow, int, dict]] = []
        for row in to_save:
            action = chosen[row.row]
            _check_allowed(row, action)
            if action == ADD:
                if plan.checked_on != today:  # the plan checked this very record on `today`: not twice
                    _check_record(plan, row, row.record, today)
                _reserve_card(plan, row, row.record.card_number, None, cards)
                inserts.append(stored_values(row.record))
            else:
                assert row.saved is not None  # guaranteed by _check_allowed
                current = saved.get(row.saved.member_id)
                if current is None:
                    raise ValidationError(f"Dòng {row.row}: đảng viên {row.saved.full_name} không còn trong danh sách.")
                changes = _update_values(row, current)
                final = MemberRecord(**({key: current[key] for key in _KEYS} | changes))
                _check_record(plan, row, final, today)  # the saved member may have changed since the plan
                _reserve_card(plan, row, final.card_number, row.saved.member_id, cards)
                stored = stored_values(final)
                columns = [*changes, YEAR_ONLY_COLUMN, "name_sort"] if changes else []
                updates.append((row, current["version"], {key: stored[key] for key in columns}))
            step()
        now = clock.now()
        for start in range(0, len(inserts), _INSERT_BATCH):
            batch = inserts[start : start + _INSERT_BATCH]
            insert_rows(Member, *with_defaults(Member, [{**v, "created_at": now, "updated_at": now} for v in batch]))
            for _ in batch:
                step()
        for row, version, changes in updates:
            if changes:
                _update_member(row, version, changes)
            step()
    return ImportOutcome(len(inserts), len(updates), len(plan.rows) - len(to_save))


def _update_member(row: PlanRow, version: int, changes: dict[str, object]) -> None:
    """Write an imported row's changes over the version read in this transaction (a server's other clients
    may save the member in between): a member saved meanwhile refuses the whole import."""
    assert row.saved is not None
    member_id = row.saved.member_id
    mine = (Member.id == member_id) & (Member.version == version)
    if not Member.update(**changes, **changed_stamp()).where(mine).execute():
        raise EditConflictError(
            _where(row.row, "", f"đảng viên {row.saved.full_name} vừa được sửa trên máy khác trong lúc nhập. ")
            + "Chưa có đảng viên nào được lưu; hãy nhập lại tệp để xem bản mới nhất."
        )


def _check_allowed(row: PlanRow, action: str) -> None:
    if action in row.allowed:
        return
    errors = [p for p in row.problems if p.severity == ERROR]
    if errors:
        raise ValidationError(_where(row.row, errors[0].column, errors[0].message), errors[0].field)
    if action == ADD and row.saved is not None and row.saved.by_card:
        message = f"số thẻ {row.record.card_number} đã có (đảng viên {row.saved.full_name}); không thể thêm mới."
        raise ValidationError(_where(row.row, "", message), "card_number")
    raise ValidationError(_where(row.row, "", f"không thể chọn «{ACTION_LABELS.get(action, action)}»."))


def _update_values(row: PlanRow, current: Mapping[str, object]) -> dict[str, object]:
    """The imported non-empty fields; a year-only date never replaces a full saved date."""
    changes = {}
    for key in row.imported:
        if key in row.year_only and current.get(key) is not None:
            continue
        changes[key] = getattr(row.record, key)
    return changes


def _members(ids: set[int]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), _INSERT_BATCH):
        chunk = Member.id.in_(wanted[start : start + _INSERT_BATCH])
        query = Member.select().where(chunk & of_current_branch(Member))
        out.update((row["id"], saved_values(row)) for row in dict_rows(query))
    return out


def _check_record(plan: ImportPlan, row: PlanRow, record: MemberRecord, today: date) -> None:
    """Check what will be stored: its first error refuses the import, saying where it is."""
    report = check_record(record, today)
    if report.errors:
        issue = report.errors[0]
        raise ValidationError(_where(row.row, plan.labels.get(issue.field, issue.label), issue.message), issue.field)


def _reserve_card(plan: ImportPlan, row: PlanRow, card: str, member_id: int | None, cards: dict[str, int]) -> None:
    """Reserve the row's card number: one already held by another member, or by an earlier row, refuses the import
    (the roster may have changed since the plan)."""
    if not card:
        return
    owner = cards.get(card)
    if owner is not None and owner != member_id:
        where = f"dòng {-owner} của tệp" if owner < 0 else "danh sách"
        column = plan.labels.get("card_number", FIELD_BY_KEY["card_number"].label)
        raise ValidationError(_where(row.row, column, f"Số thẻ {card} đã có trong {where}."), "card_number")
    cards[card] = member_id if member_id is not None else -row.row  # a new row reserves it by its negative row


def _where(row: int, column: str, message: str) -> str:
    """Where a problem is, then what it is: «Dòng 7, cột «Ngày sinh»: ngày «31/02/1980» không có thật.»"""
    message = _lower_first(message)
    return f"Dòng {row}, cột «{column}»: {message}" if column else f"Dòng {row}: {message}"


def _lower_first(message: str) -> str:
    """«Ngày …» becomes «ngày …» after a colon; an acronym («CCCD …») stays."""
    return message[0].lower() + message[1:] if len(message) > 1 and message[1].islower() else message
