"""`python main.py dang-uy …`: the committee's own record from the command line (models.office.committee_record):
show it, set its header, add a leader, record a fact of a branch's history or what was received of a congress.
Vietnamese on stdout; exit status as every headless command (cli.guard)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO


def run_committee(args: argparse.Namespace, *, db: str | None = None, out: TextIO, err: TextIO) -> int:
    """Run the action on the data file or server `db` (closed after)."""
    from cli.guard import guarded

    return guarded(_run)(args, db=db, out=out, err=err)


def _run(args: argparse.Namespace, *, db: str | None, out: TextIO, err: TextIO) -> int:
    from cli.data_file import open_data_file
    from models.core.failures import OK
    from models.office import committee_record as record

    open_data_file(db)
    action = args.action or "xem"
    if action == "sua":
        term = _term(args.term)
        current = record.get_committee()
        saved = record.save_committee(
            record.CommitteeRecord(
                args.name,
                tuple(args.higher),
                args.place,
                args.abbr,
                args.secretary,
                args.address,
                args.name_before,
                args.address_before,
                *term,
                args.ordinal,
                version=current.version if current else 0,
            )
        )
        print(f"Đã lưu thông tin «{saved.name}».", file=out)
    elif action == "lanh-dao":
        how = "appointed" if args.appointed else "elected"
        record.add_leader(record.Leader(args.post, args.name, how, args.decision, args.since))
        print(f"Đã thêm {args.post}: {args.name}.", file=out)
    elif action == "chi-bo":
        record.record_branch_event(
            record.HistoryEntry(
                args.branch, args.kind, args.date, args.decision, args.other, "", args.old_name, args.post, args.person
            )
        )
        print(f"Đã ghi «{record.BRANCH_EVENTS[args.kind]}» của chi bộ mã {args.branch}.", file=out)
    elif action == "ho-so":
        congress = record.congress_of(args.branch, args.ordinal)
        record.record_filing(congress, args.papers, args.approved, args.decision)
        print(f"Đã ghi hồ sơ đại hội lần thứ {args.ordinal} của chi bộ mã {args.branch}.", file=out)
    else:
        _show(out)
    return OK


def _term(text: str | None) -> tuple[int | None, int | None]:
    from models.core.errors import ValidationError

    if not text:
        return None, None
    parts = text.replace("–", "-").split("-")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValidationError(f"Nhiệm kỳ «{text}» không đúng dạng NĂM-NĂM (ví dụ 2025-2030).", "term")
    return int(parts[0]), int(parts[1])


def _show(out: TextIO) -> None:
    from models.core.branch import list_branches
    from models.core.dates import fmt
    from models.office import committee_record as record

    committee = record.get_committee()
    if committee is None:
        print(
            "Chưa có thông tin đảng ủy (tiêu đề văn bản đang lấy theo các chi bộ). Nhập bằng: dang-uy sua --name …",
            file=out,
        )
    else:
        print(" / ".join([*committee.higher_lines, committee.name]), file=out)
        if committee.name_before:
            print(f"  Trước 01/7/2025: {committee.name_before} {committee.address_before}".rstrip(), file=out)
        if committee.term_start:
            print(f"  Nhiệm kỳ {committee.term_start}–{committee.term_end}", file=out)
        for leader in record.leaders(date.today()):
            print(
                f"  {leader.post}: {leader.full_name} ({record.LEADER_HOW[leader.how]}"
                f"{', ' + leader.decision if leader.decision else ''})",
                file=out,
            )
    for branch_id, name in list_branches():
        print(f"{branch_id}. {name} — đại hội tới: lần thứ {record.next_congress_ordinal(branch_id)}", file=out)
        for entry in record.branch_history(branch_id):
            other = f" ({entry.other_name})" if entry.other_name else ""
            print(f"     {fmt(entry.date)} {entry.label}{other} {entry.decision}".rstrip(), file=out)
