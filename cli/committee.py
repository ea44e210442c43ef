"""`python main.py dang-uy …`: the committee's own record from the command line (models.office.committee_record):
show it, set its header, add a leader, record a fact of a branch's history or what was received of a congress.
Vietnamese on stdout; exit status as every headless command (cli.guard). Only the parser is built
before a command runs: nothing here imports the database layer at start-up."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO


def add_parser(commands, day_type, parser_class) -> None:
    """The `dang-uy` command and its actions (cli.parser)."""
    main = commands.add_parser("dang-uy", help="thông tin đảng ủy: tiêu đề văn bản, lãnh đạo, lịch sử chi bộ",
                               description="Hồ sơ của đảng ủy trong cơ sở dữ liệu của văn phòng. Mã thoát: 0 đã "
                               "xong, 1 bị từ chối (thiếu thông tin, không có chi bộ hay đại hội), 2 không đọc hay "
                               "ghi được cơ sở dữ liệu.")  # fmt: skip
    main.add_argument("--db", metavar="TỆP hoặc postgresql://…", help="cơ sở dữ liệu (mặc định: tệp thường dùng)")
    actions = main.add_subparsers(dest="action", title="thao tác", metavar="THAO_TÁC", parser_class=parser_class)
    on = {"default": argparse.SUPPRESS, "metavar": "TỆP hoặc postgresql://…", "help": "cơ sở dữ liệu"}
    actions.add_parser("xem", help="in thông tin đảng ủy, lãnh đạo và các chi bộ").add_argument("--db", **on)
    edit = actions.add_parser("sua", help="nhập hoặc sửa tiêu đề văn bản của đảng ủy")
    edit.add_argument("--db", **on)
    edit.add_argument("--name", required=True, help="tên đảng ủy in trên văn bản: «ĐẢNG ỦY XÃ SÓC SƠN»")
    edit.add_argument("--higher", action="append", default=[], help="một dòng cấp trên (lặp lại nếu nhiều dòng)")
    edit.add_argument("--place", default="", help="địa danh ghi ngày tháng")
    edit.add_argument("--abbr", default="ĐU", help="ký hiệu trong số văn bản (mặc định ĐU)")
    edit.add_argument("--secretary", default="", help="bí thư (ký văn bản)")
    edit.add_argument("--address", default="", help="địa chỉ hiện nay")
    edit.add_argument("--name-before", default="", help="tên đơn vị trước ngày 01/7/2025")
    edit.add_argument("--address-before", default="", help="địa chỉ trước ngày 01/7/2025")
    edit.add_argument("--term", metavar="NĂM-NĂM", help="nhiệm kỳ, ví dụ 2025-2030")
    edit.add_argument("--ordinal", type=int, help="đại hội đảng bộ lần thứ")
    leader = actions.add_parser("lanh-dao", help="thêm một người giữ chức vụ của đảng ủy")
    leader.add_argument("--db", **on)
    leader.add_argument("--post", required=True, help="chức vụ: «Bí thư», «Phó Bí thư»…")
    leader.add_argument("--name", required=True, help="họ và tên")
    leader.add_argument("--appointed", action="store_true", help="được chỉ định (mặc định: bầu tại đại hội)")
    leader.add_argument("--decision", default="", help="số, ngày quyết định")
    leader.add_argument("--since", type=day_type, metavar="NGÀY", help="từ ngày")
    event = actions.add_parser("chi-bo", help="ghi một sự kiện của chi bộ: thành lập, đổi tên, hợp nhất, chia "
                               "tách, giải thể, chỉ định cấp ủy")  # fmt: skip
    event.add_argument("--db", **on)
    event.add_argument("branch", type=int, metavar="CHI_BỘ", help="mã chi bộ")
    event.add_argument("kind", metavar="LOẠI", help="founded | renamed | merged_from | merged_into | split_from | "
                       "dissolved | appointed")  # fmt: skip
    event.add_argument("--date", type=day_type, metavar="NGÀY", required=True, help="ngày (ngày/tháng/năm)")
    event.add_argument("--decision", default="", help="số, ngày quyết định")
    event.add_argument("--other", type=int, metavar="CHI_BỘ", help="chi bộ liên quan (hợp nhất, chia tách)")
    event.add_argument("--old-name", default="", help="tên cũ (đổi tên)")
    event.add_argument("--post", default="", help="chức vụ được chỉ định")
    event.add_argument("--person", default="", help="người được chỉ định")
    filing = actions.add_parser("ho-so", help="ghi ngày nhận hồ sơ đại hội chi bộ và ngày chuẩn y kết quả")
    filing.add_argument("--db", **on)
    filing.add_argument("branch", type=int, metavar="CHI_BỘ", help="mã chi bộ")
    filing.add_argument("ordinal", type=int, metavar="LẦN_THỨ", help="đại hội lần thứ")
    filing.add_argument("--papers", type=day_type, metavar="NGÀY", help="ngày nhận hồ sơ")
    filing.add_argument("--approved", type=day_type, metavar="NGÀY", help="ngày chuẩn y")
    filing.add_argument("--decision", default="", help="quyết định chuẩn y")


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
        saved = record.save_committee(record.CommitteeRecord(
            args.name, tuple(args.higher), args.place, args.abbr, args.secretary, args.address, args.name_before,
            args.address_before, *term, args.ordinal, version=current.version if current else 0))  # fmt: skip
        print(f"Đã lưu thông tin «{saved.name}».", file=out)
    elif action == "lanh-dao":
        how = "appointed" if args.appointed else "elected"
        record.add_leader(record.Leader(args.post, args.name, how, args.decision, args.since))
        print(f"Đã thêm {args.post}: {args.name}.", file=out)
    elif action == "chi-bo":
        record.record_branch_event(record.HistoryEntry(args.branch, args.kind, args.date, args.decision, args.other,
                                                       "", args.old_name, args.post, args.person))  # fmt: skip
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
        print("Chưa có thông tin đảng ủy (tiêu đề văn bản đang lấy theo các chi bộ). Nhập bằng: dang-uy sua --name …",
              file=out)  # fmt: skip
    else:
        print(" / ".join([*committee.higher_lines, committee.name]), file=out)
        if committee.name_before:
            print(f"  Trước 01/7/2025: {committee.name_before} {committee.address_before}".rstrip(), file=out)
        if committee.term_start:
            print(f"  Nhiệm kỳ {committee.term_start}–{committee.term_end}", file=out)
        for leader in record.leaders(date.today()):
            print(f"  {leader.post}: {leader.full_name} ({record.LEADER_HOW[leader.how]}"
                  f"{', ' + leader.decision if leader.decision else ''})", file=out)  # fmt: skip
    for branch_id, name in list_branches():
        print(f"{branch_id}. {name} — đại hội tới: lần thứ {record.next_congress_ordinal(branch_id)}", file=out)
        for entry in record.branch_history(branch_id):
            other = f" ({entry.other_name})" if entry.other_name else ""
            print(f"     {fmt(entry.date)} {entry.label}{other} {entry.decision}".rstrip(), file=out)
