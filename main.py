"""ChiBo entry point: arguments, logging, the crash hook, the data file, the window; and headless commands."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def setup_logging(folder: Path) -> Path:
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "chibo.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="chibo", description="ChiBo — quản lý chi bộ, đại hội và kiểm phiếu.")
    parser.add_argument("--db", metavar="TỆP", help="mở tệp dữ liệu này thay cho tệp mặc định")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra không cần màn hình rồi thoát")
    return parser.parse_args(argv)


def run_gui(args: argparse.Namespace) -> int:
    from platformdirs import user_data_dir

    from gui.core.app import app_settings, create_application, install_crash_hook

    setup_logging(Path(user_data_dir("ChiBo", appauthor=False)) / "logs")
    app = create_application(sys.argv[:1])
    install_crash_hook()
    window, outcome = start_window(args, app_settings())
    code = app.exec()
    return outcome.get("code", code)


def start_window(args: argparse.Namespace, settings):
    """Show the main window at once; the data file opens (and the branch is asked for on a new file) after its
    first paint, then the roster loads on a worker thread. Returns the window and a dict that gets "code" when
    ChiBo must stop (1: the data file cannot be opened; 0: the branch was not given)."""
    from gui.main_window import MainWindow

    outcome: dict[str, int] = {}

    def open_file() -> Path | None:
        from gui.core import dialogs
        from models.core.branch import get_branch
        from models.core.database import default_database_path, open_database
        from models.core.errors import DatabaseFileError

        path = Path(args.db) if args.db else default_database_path()
        try:
            open_database(path)
        except DatabaseFileError as exc:
            if not args.db:
                dialogs.show_error(window, exc.message)
                outcome["code"] = 1
                return None
            dialogs.show_error(window, exc.message, "ChiBo sẽ mở tệp dữ liệu mặc định.")
            path = default_database_path()
            open_database(path)
        if get_branch() is None:
            from gui.branch_dialog import BranchDialog

            if BranchDialog(first_run=True, parent=window).exec() != BranchDialog.DialogCode.Accepted:
                outcome["code"] = 0
                return None
        return path

    window = MainWindow(None, settings, defer_load=True, open_file=open_file)
    window.show()
    return window, outcome


def run_self_test() -> int:
    """Headless round trip on a temporary data file: members in, queried, exported, read back."""
    import tempfile
    from datetime import date

    from models.core.branch import BranchInfo, save_branch
    from models.core.database import close_database, open_database
    from models.roster.event_kinds import EventKind
    from models.roster.members import all_members, record_event, save_member
    from models.roster.records import EventRecord, MemberRecord
    from models.roster.roster import RosterFilter, filter_rows, roster_rows

    with tempfile.TemporaryDirectory(prefix="chibo-selftest-") as folder:
        try:
            open_database(Path(folder) / "selftest.sqlite3")
            save_branch(BranchInfo("Chi bộ Kiểm thử", "ĐẢNG BỘ KIỂM THỬ", "Hà Nội", "CB"))
            people = [
                ("Nguyễn Văn An", "Nam", date(1980, 5, 1), date(2005, 3, 2), date(2006, 3, 2)),
                ("Trần Thị Bình", "Nữ", date(1990, 7, 9), date(2015, 1, 10), date(2016, 1, 10)),
                ("Lê Đức Cường", "Nam", date(1998, 2, 3), date(2025, 9, 1), None),
            ]
            for name, gender, born, admitted, official in people:
                save_member(MemberRecord(name, gender, born, admitted, ceremony_date=admitted, official_date=official))
            members = all_members()
            record_event(members[0].id, EventRecord(EventKind.BADGE_AWARDED, date(2025, 9, 2), note="huy hiệu"))
            rows = roster_rows(all_members())
            found = filter_rows(rows, RosterFilter(text="tran thi binh"))
            assert [rows[i].full_name for i in found] == ["Trần Thị Bình"], found
            exported = _self_test_export(Path(folder), all_members())
        finally:
            close_database()
    line = f"ChiBo self-test OK: {len(rows)} members, search, export and read-back of {exported} rows"
    if sys.stdout is not None:
        print(line)
    return 0


def _self_test_export(folder: Path, members) -> int:
    """Export the member list with on-screen columns and read it back as an import would."""
    from reports.core.party_document import DocumentHeader
    from reports.roster.member_list import columns_for, export_member_list
    from reports.roster.roster_reader import read_roster

    pairs = [
        ("Họ và tên", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Ngày vào Đảng", "admission_date"),
        ("Số thẻ", "card_number"),
    ]
    header = DocumentHeader("ĐẢNG BỘ KIỂM THỬ", "CHI BỘ KIỂM THỬ", place="Hà Nội")
    path = export_member_list(folder / "Danh sách đảng viên.xlsx", members, header, columns=columns_for(pairs))
    read = read_roster(path)
    names = sorted(row.values.get("full_name") for row in read.rows)
    assert names == sorted(m.full_name for m in members), names
    assert all(row.values.get("birth_date") for row in read.rows), "birth dates lost in the round trip"
    return len(read.rows)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "count":
        from models.counting.cli import run_count

        if len(argv) != 2:
            print("Cách dùng: python main.py count TỆP_HỒ_SƠ.json", file=sys.stderr)
            return 2
        return run_count(argv[1])
    args = parse_args(argv)
    if args.self_test:
        return run_self_test()
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
