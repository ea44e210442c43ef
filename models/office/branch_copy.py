"""Copy one branch, every row of every branch table, from one database into another (SQLite file ↔ server), with
new ids on the target and every reference following; or merge it into a branch the target already holds.

The caller owns the target's transaction: a copy either lands whole or not at all. Merging keeps what the target
has and adds what it lacks (MERGE_RULES): members are the same person by card number, else by name and birth date
(models.roster.members.person_key); their events by kind and date, their ratings by year; a congress the target
already holds (same ordinal) stays as it is there, with everything under it; document numbers already given stay.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import peewee as pw

from models.admission.tables import Applicant
from models.congress.tables import Congress, DocumentNumber, DocumentSequence, ElectionRound
from models.core.errors import ConflictError
from models.core.tables import BaseModel, Branch
from models.core.vnname import nfc
from models.live_count.session import chain_head, chain_link
from models.live_count.tables import BallotEntry
from models.meetings.tables import Appointment, BranchMeeting
from models.office.branch_snapshot import branch_rows, chain_links
from models.office.branch_tables import BranchTable, branch_tables, map_id_columns, map_text_ids
from models.roster.members import person_key
from models.roster.tables import Member, MemberEvent, Rating

TABLE_LABELS = {
    "Branch": "chi bộ",
    "Member": "đảng viên",
    "MemberEvent": "sự kiện",
    "Rating": "xếp loại",
    "Congress": "đại hội",
    "Summoned": "người được triệu tập",
    "WorkingBodySeat": "thành viên các ban",
    "CongressElection": "cuộc bầu",
    "ElectionRound": "lần bầu",
    "HandVote": "biểu quyết",
    "RoundCandidate": "ứng cử viên",
    "DocumentSequence": "sổ số văn bản",
    "DocumentNumber": "số văn bản",
    "BallotEntry": "dòng nhật ký nhập phiếu",
    "BallotBundle": "tệp phiếu",
    "CountAct": "biên bản khóa, mở, công bố",
    "BranchMeeting": "hội nghị chi bộ",
    "MeetingAttendance": "người dự hội nghị chi bộ",
    "MeetingVote": "biểu quyết của hội nghị chi bộ",
    "Appointment": "quyết định chỉ định",
    "CountPass": "lượt nhập phiếu",
    "ScanPage": "trang phiếu quét",
    "Applicant": "quần chúng phát triển đảng viên",
}

INSERT, MERGE, KEEP, DROP = "insert", "merge", "keep", "drop"
"""What becomes of a source row: a new row; the target's own row (the rows under it still come along); the
target's own row with everything under it left as the target has it; nothing (the target already has it)."""


def branch_key(name: str, higher_committee: str) -> tuple[str, str]:
    """Who a branch is, across databases: its name and its higher committee, case and spacing aside."""
    lines = [" ".join(nfc(line).split()).upper() for line in higher_committee.splitlines() if line.strip()]
    return " ".join(nfc(name).split()).casefold(), "\n".join(lines)


def find_branch(database: pw.Database, name: str, higher_committee: str) -> int | None:
    """The id of the branch of `database` that is the same branch, or None."""
    wanted = branch_key(name, higher_committee)
    for row in Branch.select(Branch.id, Branch.name, Branch.higher_committee).order_by(Branch.id).bind(database):
        if branch_key(row.name, row.higher_committee) == wanted:
            return row.id
    return None


@dataclass
class CopyReport:
    """What a copy did, per table: rows added, rows the target already had (merged or kept), rows left out."""

    branch_name: str
    branch_id: int  # on the target
    merged: bool
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    matched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dropped: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def lines(self) -> list[str]:
        def part(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {TABLE_LABELS.get(t, t)}" for t, n in counts.items() if n and t != "Branch")

        out = [f"{'Gộp vào' if self.merged else 'Đã chép'} chi bộ «{self.branch_name}» (mã {self.branch_id})."]
        if part(self.added):
            out.append(f"  Thêm mới: {part(self.added)}.")
        if part(self.matched):
            out.append(f"  Đã có sẵn (giữ nguyên): {part(self.matched)}.")
        if part(self.dropped):
            out.append(f"  Bỏ qua vì thuộc phần đã có sẵn: {part(self.dropped)}.")
        return out


# --- merging --------------------------------------------------------------------------------------------------------
Match = tuple[str, int | None]  # (MERGE | KEEP | DROP, the target's row id)
MergeRule = Callable[[pw.Database, dict], Match | None]


def _member(target: pw.Database, values: dict) -> Match | None:
    mine = Member.branch == values["branch"]
    if values["card_number"]:
        found = Member.select(Member.id).where(mine & (Member.card_number == values["card_number"])).bind(target)
        row = found.first()
        if row is not None:
            return MERGE, row.id
    key = person_key(values["full_name"], values["birth_date"])
    if key is None:
        return None
    query = (
        Member.select(Member.id, Member.full_name, Member.birth_date, Member.card_number)
        .where(mine & (Member.birth_date == values["birth_date"]))
        .order_by(Member.id)
        .bind(target)
    )
    for row in query:
        # two card numbers that differ are two people; a card missing on either side leaves name and birth date
        if person_key(row.full_name, row.birth_date) == key and not (row.card_number and values["card_number"]):
            return MERGE, row.id
    return None


def _same(model: type[BaseModel], *columns: str, outcome: str = DROP) -> MergeRule:
    def rule(target: pw.Database, values: dict) -> Match | None:
        condition = [getattr(model, c) == values[c] for c in columns]
        row = model.select(model.id).where(*condition).bind(target).first()
        return (outcome, row.id) if row else None

    return rule


def _sequence(target: pw.Database, values: dict) -> Match | None:
    """A term's document numbers go on from the higher of the two counters."""
    S = DocumentSequence  # noqa: N806 - short, for the query below
    same = (
        (S.branch == values["branch"])
        & (S.term_start == values["term_start"])
        & (S.term_end == values["term_end"])
        & (S.doc_type == values["doc_type"])
    )
    row = S.select().where(same).bind(target).first()
    if row is None:
        return None
    if values["last_number"] > row.last_number:
        S.update(last_number=values["last_number"]).where(S.id == row.id).execute(target)
    return MERGE, row.id


def _document(target: pw.Database, values: dict) -> Match | None:
    """A number or a paper the target has already given out stays as it is there."""
    N = DocumentNumber  # noqa: N806 - short, for the query below
    mine = N.branch == values["branch"]
    same_number = (
        (N.term_start == values["term_start"])
        & (N.term_end == values["term_end"])
        & (N.doc_type == values["doc_type"])
        & (N.number == values["number"])
    )
    row = N.select(N.id).where(mine & (same_number | (N.document == values["document"]))).bind(target).first()
    return (DROP, row.id) if row else None


def merge_rules() -> dict[str, MergeRule]:
    return {
        "Member": _member,
        "MemberEvent": _same(MemberEvent, "member", "kind", "date"),
        "Rating": _same(Rating, "member", "year"),
        "Congress": _same(Congress, "branch", "ordinal", outcome=KEEP),
        "BranchMeeting": _same(BranchMeeting, "branch", "held_on", "purpose", outcome=KEEP),
        "Appointment": _same(Appointment, "branch", "post", "decision_number"),
        "Applicant": _same(Applicant, "branch", "full_name", "birth_date"),
        "DocumentSequence": _sequence,
        "DocumentNumber": _document,
    }


# --- copying --------------------------------------------------------------------------------------------------------
def check_chains(source: pw.Database, branch_id: int) -> None:
    """Refuse a branch whose entry log was changed outside ChiBo: its chain is about to be sealed again."""
    order = branch_tables()
    tables = {t.model: t for t in order}
    entries = branch_rows(source, tables[BallotEntry], tables, branch_id)
    by_round: dict[int, list[dict]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e["round"], e["seq"])):
        by_round[entry["round"]].append(entry)
    for row in branch_rows(source, tables[ElectionRound], tables, branch_id):
        mine = by_round.get(row["id"], [])
        links = chain_links(row["id"], mine)
        broken = [e["seq"] for e, link in zip(mine, links, strict=True) if e["chain"] != link]
        digest_ok = not row["record_digest"] or (links and row["record_digest"] == links[-1])
        if broken or not digest_ok:
            where = f" từ dòng {broken[0]}" if broken else ""
            raise ConflictError(
                f"Nhật ký nhập phiếu của lần bầu mã {row['id']}{where} không khớp mã kiểm tra: dữ liệu đã bị thay đổi "
                "ngoài ChiBo. Không chuyển chi bộ này; hãy kiểm tra lại tệp (hoặc phục hồi từ bản sao lưu)."
            )


def copy_branch(
    source: pw.Database,
    target: pw.Database,
    branch_id: int,
    merge_into: int | None = None,
    tables: list[BranchTable] | None = None,
) -> CopyReport:
    """Copy branch `branch_id` of `source` into `target` as a new branch, or into its branch `merge_into`.

    Run it inside a transaction of `target`. The entry logs are checked first (check_chains) and sealed again
    under their new ids.
    """
    check_chains(source, branch_id)
    order = tables or branch_tables()
    # Inserts are built for the target (RETURNING on PostgreSQL, the last row id on SQLite); reads say their source.
    with target.bind_ctx([t.model for t in order], bind_refs=False, bind_backrefs=False):
        return _copy(source, target, branch_id, merge_into, order)


def _copy(
    source: pw.Database, target: pw.Database, branch_id: int, merge_into: int | None, order: list[BranchTable]
) -> CopyReport:
    index = {t.model: t for t in order}
    rules = merge_rules() if merge_into is not None else {}
    fate: dict[tuple[str, int], tuple[str, int | None]] = {}
    new_chain: dict[str, str] = {}  # old link -> new link, for the rounds' record digests
    links: dict[int, tuple[int, str]] = {}  # new round id -> (last seq, last link)
    report = CopyReport("", merge_into or 0, merge_into is not None)  # named by the branch's row, the first copied

    def new_id(model_name: str, old: int) -> int:
        outcome, found = fate.get((model_name, old), (None, None))
        if outcome == DROP and found is None:
            raise _Gone()
        if found is None:
            raise ConflictError(
                f"Dữ liệu chi bộ thiếu {TABLE_LABELS.get(model_name, model_name)} mã {old} "
                "mà một bản ghi khác trỏ tới; không chuyển được."
            )
        return found

    for table in order:
        model, name = table.model, table.model.__name__
        pk: pw.Field = model._meta.primary_key  # type: ignore[assignment]  # every branch table has one
        self_refs = [f for f in table.references if f.rel_model is model]
        self_names = {f.name for f in self_refs}  # by name: `field in list` would compare with peewee's ==
        late: list[tuple[int, dict]] = []
        for row in branch_rows(source, table, index, branch_id):
            old = row.pop(pk.name)
            values, outcome = dict(row), INSERT
            for fk in table.references:
                if fk.name in self_names or values[fk.name] is None:
                    continue
                parent, parent_id = fate.get((fk.rel_model.__name__, values[fk.name]), (None, None))
                if parent is None:
                    new_id(fk.rel_model.__name__, values[fk.name])  # raises: a reference out of the branch
                if parent in (KEEP, DROP):
                    outcome = DROP
                values[fk.name] = parent_id
            try:
                map_id_columns(model, values, new_id)
                for column, value in values.items():
                    if isinstance(value, str):
                        values[column] = map_text_ids(model, column, value, new_id)
            except _Gone:  # an id in its text (or id column) names a row left as the target has it
                outcome = DROP
            if outcome == DROP:
                fate[(name, old)] = (DROP, None)
                report.dropped[name] += 1
                continue
            if model is Branch:
                outcome, found = (MERGE, merge_into) if merge_into is not None else (INSERT, None)
                report.branch_name = values["name"]
            else:
                rule = rules.get(name)
                outcome, found = (rule(target, values) if rule else None) or (INSERT, None)
            if outcome == INSERT:
                late.append((old, {f.name: values[f.name] for f in self_refs}))
                for f in self_refs:
                    values[f.name] = None
                if model is BallotEntry:
                    values["chain"] = _seal(values, links, new_chain)
                found = model.insert(**values).execute(target)
                report.added[name] += 1
            else:
                report.matched[name] += 1
            fate[(name, old)] = (outcome, found)
            if model is Branch and found is not None:
                report.branch_id = found
        for old, refs in late:
            changes = {}
            for f in self_refs:
                with contextlib.suppress(_Gone):  # pointing to a row left out: the pointer is left out too
                    if refs[f.name] is not None:
                        changes[f] = new_id(name, refs[f.name])
            if changes:
                model.update(changes).where(pk == fate[(name, old)][1]).execute(target)
    for (name, _old), (outcome, found) in fate.items():
        if name == "ElectionRound" and outcome == INSERT:
            digest = (
                ElectionRound.select(ElectionRound.record_digest).where(ElectionRound.id == found).bind(target).scalar()
            )
            if digest:
                ElectionRound.update(record_digest=new_chain[digest]).where(ElectionRound.id == found).execute(target)
    return report


class _Gone(Exception):
    """A row points (inside a text column) to a row the target keeps as it has it."""


def _seal(values: dict, links: dict[int, tuple[int, str]], new_chain: dict[str, str]) -> str:
    """The entry's link in the chain of its round under the new ids (entries come in id order, which is seq order)."""
    round_id = values["round"]
    last_seq, previous = links.get(round_id, (0, chain_head(round_id)))
    if values["seq"] != last_seq + 1:
        raise ConflictError(f"Nhật ký nhập phiếu của một lần bầu thiếu dòng {last_seq + 1}; không chuyển được.")
    link = chain_link(
        previous,
        values["seq"],
        values["pass_no"],
        values["ballot_no"],
        values["action"],
        values["before"],
        values["after"],
        values["entered_by"],
        values["entered_at"],
        values.get("scan", ""),
    )
    links[round_id] = (values["seq"], link)
    new_chain[values["chain"]] = link
    return link
