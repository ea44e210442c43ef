"""The committee's own record: its header and leadership, the history of the branches under it, and the round of
their congresses (who has held it, when, with what result, what is still missing). Every write is one transaction.

A congress ordinal continues through mergers and splits: a branch's next congress counts every congress of the
branches merged into it or it was split from, and a newly founded branch starts at I (Hướng dẫn 06-HD/TW, 2025).
The deadlines after a congress [U: a documented default, the usual instructions of the grassroots committees]: the
branch sends its congress papers within 7 working days of the congress's last day; the committee approves the
results (chuẩn y) within 15 working days of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core.errors import EditConflictError, NotFoundError, ValidationError
from models.core.tables import db

PAPERS_WORKING_DAYS = 7
APPROVAL_WORKING_DAYS = 15

BRANCH_EVENTS: dict[str, str] = {
    "founded": "Thành lập",
    "renamed": "Đổi tên",
    "merged_from": "Hợp nhất (tiếp nhận chi bộ)",
    "merged_into": "Hợp nhất vào chi bộ khác",
    "split_from": "Chia tách từ chi bộ",
    "dissolved": "Giải thể",
    "appointed": "Chỉ định cấp ủy",
}
_NEEDS_OTHER = ("merged_from", "merged_into", "split_from")
LEADER_HOW = {"elected": "Bầu tại đại hội", "appointed": "Chỉ định"}


@dataclass(frozen=True)
class CommitteeRecord:
    name: str  # "ĐẢNG ỦY XÃ SÓC SƠN"
    higher_lines: tuple[str, ...] = ()
    place: str = ""
    issuer_abbr: str = "ĐU"
    secretary_name: str = ""
    address: str = ""
    name_before: str = ""  # before 1 July 2025
    address_before: str = ""
    term_start: int | None = None
    term_end: int | None = None
    congress_ordinal: int | None = None
    version: int = 0  # 0: not saved yet


@dataclass(frozen=True)
class Leader:
    post: str
    full_name: str
    how: str = "elected"
    decision: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class HistoryEntry:
    branch_id: int
    kind: str
    date: date
    decision: str = ""
    other_id: int | None = None
    other_name: str = ""
    old_name: str = ""
    post: str = ""
    person: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return BRANCH_EVENTS[self.kind]


# --- the committee ---------------------------------------------------------------------------------------------------


def get_committee() -> CommitteeRecord | None:
    from models.office.committee_tables import Committee

    row = Committee.select().order_by(Committee.id).first()
    if row is None:
        return None
    lines = tuple(line for line in row.higher_committee.split("\n") if line.strip())
    return CommitteeRecord(
        row.name,
        lines,
        row.place,
        row.issuer_abbr,
        row.secretary_name,
        row.address,
        row.name_before,
        row.address_before,
        row.term_start,
        row.term_end,
        row.congress_ordinal,
        row.version,
    )


def save_committee(record: CommitteeRecord) -> CommitteeRecord:
    """Create or update the committee; `record.version` is the version read (0 for a new record), so a save over
    another client's newer one is refused (EditConflictError), nothing written."""
    from models.core.clock import now
    from models.core.vnname import nfc
    from models.core.who import current_user
    from models.office.committee_tables import Committee

    name = nfc(record.name).upper()
    if not name:
        raise ValidationError("Hãy nhập tên đảng ủy (ví dụ «ĐẢNG ỦY XÃ SÓC SƠN»).", "name")
    if (record.term_start is None) != (record.term_end is None) or (
        record.term_start is not None and record.term_end is not None and record.term_end <= record.term_start
    ):
        raise ValidationError("Nhiệm kỳ cần năm bắt đầu và năm kết thúc sau năm bắt đầu (ví dụ 2025–2030).", "term")
    values = dict(
        name=name,
        higher_committee="\n".join(nfc(line).upper() for line in record.higher_lines if line.strip()),
        place=nfc(record.place),
        issuer_abbr=nfc(record.issuer_abbr) or "ĐU",
        secretary_name=nfc(record.secretary_name),
        address=nfc(record.address),
        name_before=nfc(record.name_before).upper(),
        address_before=nfc(record.address_before),
        term_start=record.term_start,
        term_end=record.term_end,
        congress_ordinal=record.congress_ordinal,
        updated_at=now(),
        updated_by=current_user(),
    )
    with db.atomic():
        row = Committee.select().order_by(Committee.id).first()
        if row is None:
            if record.version:
                raise EditConflictError("Thông tin đảng ủy đã bị xóa ở máy khác; chưa lưu gì.")
            Committee.create(**values, version=1)
        else:
            changed = (
                Committee.update(**values, version=Committee.version + 1)
                .where((Committee.id == row.id) & (Committee.version == record.version))
                .execute()
            )
            if not changed:
                raise EditConflictError(
                    f"Thông tin đảng ủy vừa được {row.updated_by or 'máy khác'} sửa; hãy mở lại rồi sửa lại. "
                    "Chưa lưu gì."
                )
    saved = get_committee()
    assert saved is not None  # written just above
    return saved


def add_leader(leader: Leader) -> None:
    from models.core.vnname import nfc
    from models.office.committee_tables import Committee, CommitteeLeader

    if not nfc(leader.post) or not nfc(leader.full_name):
        raise ValidationError("Hãy nhập chức vụ và họ tên người giữ chức vụ.", "full_name")
    if leader.how not in LEADER_HOW:
        raise ValidationError(f"Cách giữ chức vụ «{leader.how}» không hợp lệ (bầu hoặc chỉ định).", "how")
    if leader.how == "appointed" and not nfc(leader.decision):
        raise ValidationError("Người được chỉ định cần ghi số, ngày quyết định chỉ định.", "decision")
    with db.atomic():
        row = Committee.select().order_by(Committee.id).first()
        if row is None:
            raise NotFoundError("Chưa có thông tin đảng ủy: hãy nhập tên đảng ủy trước.")
        CommitteeLeader.create(
            committee=row.id,
            post=nfc(leader.post),
            full_name=nfc(leader.full_name),
            how=leader.how,
            decision=nfc(leader.decision),
            since=leader.since,
            until=leader.until,
        )


def leaders(on: date | None = None) -> list[Leader]:
    """The leadership in the order entered; on `on`, only those in post that day."""
    from models.office.committee_tables import CommitteeLeader

    out = [
        Leader(r.post, r.full_name, r.how, r.decision, r.since, r.until)
        for r in CommitteeLeader.select().order_by(CommitteeLeader.id)
    ]
    if on is None:
        return out
    return [x for x in out if (x.since is None or x.since <= on) and (x.until is None or on < x.until)]


# --- the branches' history ------------------------------------------------------------------------------------------


def record_branch_event(entry: HistoryEntry) -> None:
    from models.core.tables import Branch
    from models.core.vnname import nfc
    from models.office.committee_tables import BranchEvent

    if entry.kind not in BRANCH_EVENTS:
        raise ValidationError(f"Loại sự kiện «{entry.kind}» không có.", "kind")
    if entry.kind in _NEEDS_OTHER and entry.other_id is None:
        raise ValidationError(f"«{BRANCH_EVENTS[entry.kind]}» cần chọn chi bộ liên quan.", "other")
    if entry.other_id == entry.branch_id:
        raise ValidationError("Chi bộ liên quan phải là một chi bộ khác.", "other")
    if entry.kind == "renamed" and not nfc(entry.old_name):
        raise ValidationError("«Đổi tên» cần ghi tên cũ của chi bộ.", "old_name")
    if entry.kind == "appointed" and not (nfc(entry.post) and nfc(entry.person) and nfc(entry.decision)):
        raise ValidationError("«Chỉ định cấp ủy» cần chức vụ, họ tên và quyết định chỉ định.", "person")
    with db.atomic():
        for branch_id in (entry.branch_id, entry.other_id):
            if branch_id is not None and Branch.get_or_none(Branch.id == branch_id) is None:
                raise NotFoundError(f"Không có chi bộ mã {branch_id} trong cơ sở dữ liệu.")
        BranchEvent.create(
            branch=entry.branch_id,
            kind=entry.kind,
            date=entry.date,
            decision=nfc(entry.decision),
            other=entry.other_id,
            old_name=nfc(entry.old_name),
            post=nfc(entry.post),
            person=nfc(entry.person),
            note=entry.note.strip(),
        )


def branch_history(branch_id: int | None = None) -> list[HistoryEntry]:
    """The history of one branch (None: of every branch), in date order."""
    from models.core.tables import Branch
    from models.office.committee_tables import BranchEvent

    query = BranchEvent.select().order_by(BranchEvent.date, BranchEvent.id)
    if branch_id is not None:
        query = query.where(BranchEvent.branch == branch_id)
    names: dict[int | None, str] = {b.id: b.name for b in Branch.select(Branch.id, Branch.name)}
    return [
        HistoryEntry(
            r.branch_id,
            r.kind,
            r.date,
            r.decision,
            r.other_id,
            names.get(r.other_id, ""),
            r.old_name,
            r.post,
            r.person,
            r.note,
        )
        for r in query
    ]


def predecessors(branch_id: int) -> set[int]:
    """The branches whose congresses this one's ordinal continues: merged into it or split into it, recursively."""
    found: set[int] = set()
    todo = [branch_id]
    history = branch_history()
    while todo:
        current = todo.pop()
        for entry in history:
            earlier = None
            if entry.branch_id == current and entry.kind in ("merged_from", "split_from"):
                earlier = entry.other_id
            elif entry.other_id == current and entry.kind == "merged_into":
                earlier = entry.branch_id
            if earlier is not None and earlier != branch_id and earlier not in found:
                found.add(earlier)
                todo.append(earlier)
    return found


def next_congress_ordinal(branch_id: int) -> int:
    """The ordinal of the branch's next congress (Hướng dẫn 06): one after the highest of its own and its
    predecessors' (merged or split into it), so it continues through mergers and splits; a branch recorded as newly
    founded starts at I (its own congresses before the founding, a reused file's, do not count)."""
    from peewee import fn

    from models.congress.tables import Congress

    own = Congress.branch == branch_id
    founded = [e.date for e in branch_history(branch_id) if e.kind == "founded"]
    if founded:
        own &= Congress.opens_on >= max(founded)
    highest = (
        Congress.select(fn.MAX(Congress.ordinal))
        .where(own | Congress.branch.in_(list(predecessors(branch_id))))
        .scalar()
    )
    return (highest or 0) + 1


def former_name(branch_id: int, on: date = date(2025, 7, 1)) -> str:
    """The branch's name before `on` (1 July 2025 by default) when it was renamed since, else ""."""
    renamed = [e for e in branch_history(branch_id) if e.kind == "renamed" and e.date >= on]
    return renamed[0].old_name if renamed else ""


# --- the congresses' papers -------------------------------------------------------------------------------------------


def congress_of(branch_id: int, ordinal: int) -> int:
    """The id of the branch's congress «lần thứ `ordinal`»; NotFoundError when it has none."""
    from models.congress.tables import Congress

    row = Congress.get_or_none((Congress.branch == branch_id) & (Congress.ordinal == ordinal))
    if row is None:
        raise NotFoundError(f"Chi bộ mã {branch_id} không có đại hội lần thứ {ordinal}.")
    return row.id


def record_filing(congress_id: int, papers_on: date | None, approved_on: date | None, decision: str = "") -> None:
    """What the committee received of a congress (replacing what was recorded)."""
    from models.congress.tables import Congress
    from models.core.clock import now
    from models.core.who import current_user
    from models.office.committee_tables import CongressFiling

    if approved_on is not None and papers_on is None:
        raise ValidationError("Chưa nhận hồ sơ đại hội thì chưa thể chuẩn y kết quả.", "approved_on")
    if approved_on is not None and papers_on is not None and approved_on < papers_on:
        raise ValidationError("Ngày chuẩn y không thể trước ngày nhận hồ sơ.", "approved_on")
    with db.atomic():
        congress = Congress.get_or_none(Congress.id == congress_id)
        if congress is None:
            raise NotFoundError(f"Không có đại hội mã {congress_id}.")
        if papers_on is not None and papers_on < congress.opens_on:
            raise ValidationError("Ngày nhận hồ sơ không thể trước ngày đại hội.", "papers_on")
        values = dict(
            papers_on=papers_on,
            approved_on=approved_on,
            decision=decision.strip(),
            updated_at=now(),
            updated_by=current_user(),
        )
        if not CongressFiling.update(**values).where(CongressFiling.congress == congress_id).execute():
            CongressFiling.create(congress=congress_id, **values)
