"""ChiBo entry point: arguments, logging, the crash hook, the data file, the window; and headless commands."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path


def setup_logging(folder: Path) -> Path:
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "chibo.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    from models.core.file_privacy import make_private

    make_private(path)  # a log written by an older version may still be world-readable
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    from models.core.log_privacy import PrivateLog

    handler.addFilter(PrivateLog())  # no member's name, card number or citizen ID in the log
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class _VietnameseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings, help option and error line."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, formatter_class=_VietnameseHelp, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "tham số", "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str):
        for pattern, text in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, text, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lệnh không đúng: {message}\n")


_ARGPARSE_MESSAGES = (  # argparse's own error texts (Python 3.11), in Vietnamese
    (r"^the following arguments are required: ", "thiếu "),
    (r"^unrecognized arguments: ", "không hiểu "),
    (r"^argument ([^:]+): expected one argument$", r"\1 cần một giá trị"),
    (r"^argument ([^:]+): invalid choice: (.*) \(choose from (.*)\)$", r"\1 không có \2 (chỉ có \3)"),
    (r"^argument ([^:]+): ", r"\1: "),
)


def _date(text: str):
    from datetime import datetime

    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"ngày «{text}» không đúng dạng ngày/tháng/năm (ví dụ 31/12/2025)")


def _export_kinds(argv: list[str]) -> str | None:
    """The export kinds for the help of `export`; the window's start-up never pays for the export jobs' import."""
    if "export" not in argv:
        return None
    from reports.congress.commands import congress_kinds_text
    from reports.office.jobs import office_kinds_text
    from reports.roster.jobs import export_kinds_text

    office = f"LOẠI với --all-branches (toàn đảng bộ, tiêu đề của đảng ủy):\n{office_kinds_text()}"
    return f"LOẠI:\n{export_kinds_text()}\n{congress_kinds_text()}\n{office}"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="chibo", description="ChiBo — quản lý chi bộ, đại hội và kiểm phiếu.",
                     epilog="Kiểm lại hồ sơ bầu cử: chibo count TỆP_HỒ_SƠ.json; đối chiếu hai lượt nhập "
                     "phiếu: chibo compare LƯỢT_1.json LƯỢT_2.json")  # fmt: skip
    parser.add_argument("--db", metavar="TỆP", help="mở tệp dữ liệu này thay cho tệp mặc định")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra không cần màn hình rồi thoát")
    commands = parser.add_subparsers(dest="command", title="lệnh không cần màn hình", metavar="LỆNH",
                                     parser_class=_Parser)  # fmt: skip
    db = {"metavar": "TỆP", "default": argparse.SUPPRESS,
          "help": "tệp dữ liệu, hoặc máy chủ postgresql://… (mặc định: tệp dữ liệu của chi bộ)"}  # fmt: skip
    imports = commands.add_parser("import", help="nhập danh sách đảng viên từ tệp Excel",
                                  description="Đọc và kiểm tra như hộp «Nhập từ Excel», rồi nhập tất cả hoặc không "
                                  "nhập gì. Mã thoát: 0 đã nhập, 1 có dòng lỗi, 2 không đọc được tệp.")  # fmt: skip
    imports.add_argument("file", metavar="TỆP.xlsx", help="tệp Excel danh sách đảng viên")
    imports.add_argument("--db", **db)
    imports.add_argument("--sheet", metavar="TÊN", help="trang tính (mặc định: trang đầu)")
    imports.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không lưu gì")
    imports.add_argument("--json", action="store_true", help="in mọi dòng, vấn đề và dòng trùng dưới dạng JSON")
    imports.add_argument("--skip-errors", action="store_true", help="bỏ qua các dòng lỗi, nhập các dòng còn lại")
    stats = commands.add_parser("stats", help="số liệu báo cáo thống kê đảng viên",
                                description="Số liệu của báo cáo thống kê: số lượng và tỷ lệ, biến động từ đầu năm, "
                                "xếp loại năm trước.")  # fmt: skip
    stats.add_argument("--db", **db)
    stats.add_argument("--on", type=_date, metavar="NGÀY", help="tính đến ngày (ngày/tháng/năm; mặc định: hôm nay)")
    stats.add_argument("--json", action="store_true", help="in dưới dạng JSON")
    every = {"action": "store_true", "dest": "all_branches"}
    stats.add_argument("--all-branches", **every, help="mọi chi bộ trong cơ sở dữ liệu: từng chi bộ và cộng toàn "
                       "đảng bộ")  # fmt: skip
    export = commands.add_parser("export", help="xuất một báo cáo Excel", description="Xuất báo cáo Excel "
                                 "của cả chi bộ tính đến hôm nay, hoặc văn bản của một đại hội (--congress N).",
                                 epilog=_export_kinds(argv))  # fmt: skip
    export.add_argument("kind", metavar="LOẠI", help="loại báo cáo (xem danh sách dưới)")
    export.add_argument("-o", "--output", metavar="TỆP.xlsx", required=True, help="tệp Excel sẽ ghi")
    export.add_argument("--congress", type=int, metavar="N", help="đại hội lần thứ N (văn bản đại hội)")
    export.add_argument("--db", **db)
    _add_move_commands(commands)
    _add_server_setup(commands)
    from reports.office.committee_commands import add_parser as add_committee

    add_committee(commands, _date, _Parser)
    export.add_argument("--all-branches", **every, help="báo cáo của đảng ủy cho mọi chi bộ (có cột chi bộ)")
    return parser.parse_args(argv)


PUSH, PULL = ("dua-len-may-chu", "push"), ("lay-ve-tep", "pull")


def _add_move_commands(commands) -> None:
    """Moving branches between data files and the committee office's server (models.office.move_commands)."""
    server = {"metavar": "URL", "required": True, "help": "máy chủ: postgresql://NGƯỜI_DÙNG@MÁY/CƠ_SỞ_DỮ_LIỆU"}
    push = commands.add_parser(PUSH[0], aliases=PUSH[1:], help="đưa các chi bộ của một tệp dữ liệu lên máy chủ",
                               description="Chép mọi dữ liệu của các chi bộ trong tệp lên máy chủ, tất cả hoặc không "
                               "gì cả. Chi bộ đã có trên máy chủ (cùng tên và cấp ủy cấp trên) bị từ chối, trừ khi "
                               "chọn --merge. Mã thoát: 0 đã đưa lên, 1 bị từ chối, 2 không đọc được tệp hay máy "
                               "chủ.")  # fmt: skip
    push.add_argument("--db", metavar="TỆP", required=True, help="tệp dữ liệu cần đưa lên")
    push.add_argument("--server", **server)
    push.add_argument("--merge", action="store_true", help="gộp vào chi bộ đã có trên máy chủ: chỉ thêm những gì "
                      "máy chủ chưa có")  # fmt: skip
    pull = commands.add_parser(PULL[0], aliases=PULL[1:], help="lấy một chi bộ từ máy chủ về một tệp dữ liệu mới",
                               description="Chép mọi dữ liệu của một chi bộ trên máy chủ vào một tệp dữ liệu mới "
                               "(không ghi đè tệp đã có). Mã thoát: 0 đã lấy về, 1 bị từ chối, 2 không đọc hay ghi "
                               "được tệp hay máy chủ.")  # fmt: skip
    pull.add_argument("--server", **server)
    pull.add_argument("--branch", type=int, metavar="N", required=True, help="mã chi bộ trên máy chủ")
    pull.add_argument("--db", metavar="TỆP", required=True, help="tệp dữ liệu mới sẽ tạo")


def _add_server_setup(commands) -> None:
    """`server-setup [ACTION]`: the administrator's command for a committee office's PostgreSQL server."""
    server = commands.add_parser("server-setup", help="thiết lập máy chủ cho nhiều chi bộ, tài khoản và quyền",
                                 description="Thiết lập cơ sở dữ liệu trên máy chủ PostgreSQL cho nhiều chi bộ "
                                 "(không có THAO_TÁC), hoặc quản lý tài khoản. Mã thoát: 0 đã xong, 1 bị từ "
                                 "chối (chi bộ hay tài khoản không có, không đủ quyền), 2 không kết nối được "
                                 "máy chủ.")  # fmt: skip
    url = {"metavar": "postgresql://…", "help": "địa chỉ cơ sở dữ liệu, đăng nhập bằng tài khoản quản trị"}
    server.add_argument("--db", **url)  # before or after THAO_TÁC
    actions = server.add_subparsers(dest="action", title="thao tác", metavar="THAO_TÁC", parser_class=_Parser)
    account = {"metavar": "TÀI_KHOẢN", "help": "tên tài khoản (đăng nhập máy chủ)"}
    branch = {"metavar": "CHI_BỘ", "help": "mã hoặc tên đúng của chi bộ"}
    on = {"metavar": "postgresql://…", "default": argparse.SUPPRESS, "help": url["help"]}
    add = actions.add_parser("add-user", help="tạo tài khoản đăng nhập (hoặc đặt lại mật khẩu)")
    add.add_argument("role", **account)
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào thay vì hỏi")
    grant = actions.add_parser("grant", help="giao một chi bộ cho tài khoản")
    grant.add_argument("role", **account)
    grant.add_argument("branch", **branch)
    grant.add_argument("--read-only", action="store_true", help="chỉ được xem, không được sửa")
    revoke = actions.add_parser("revoke", help="thôi giao một chi bộ")
    revoke.add_argument("role", **account)
    revoke.add_argument("branch", **branch)
    office = actions.add_parser("office", help="cho tài khoản thuộc văn phòng (xem và sửa mọi chi bộ)")
    office.add_argument("role", **account)
    office.add_argument("--remove", action="store_true", help="thôi thuộc văn phòng")
    listing = actions.add_parser("list", help="liệt kê tài khoản và chi bộ được giao")
    end = actions.add_parser("end-sessions", help="ngắt các phiên đang mở của tài khoản (ví dụ đang giữ khóa bảng)")
    end.add_argument("role", **account)
    for parser in (add, grant, revoke, office, listing, end):
        parser.add_argument("--db", **on)


NO_DISPLAY = (
    "ChiBo cần màn hình để hiện cửa sổ: hãy chạy trong phiên làm việc có giao diện (máy bàn), hoặc trên máy chủ "
    "không màn hình dùng màn hình ảo: xvfb-run bash scripts/run.sh"
)


def has_display() -> bool:
    """Linux without X11 or Wayland cannot show a window (Qt would abort blaming xcb-cursor0)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _utf8_streams() -> None:
    """Print UTF-8: a Windows console defaults to a code page without Vietnamese."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(encoding="utf-8")


def run_command(args: argparse.Namespace) -> int:
    """The headless commands, printing UTF-8 (a Windows console defaults to a code page without Vietnamese)."""
    from reports.roster import commands

    _utf8_streams()
    streams = {"out": sys.stdout, "err": sys.stderr}
    if args.command in PUSH + PULL:
        from models.office.move_commands import run_pull, run_push

        if args.command in PUSH:
            return run_push(args.db, args.server, args.merge, **streams)
        return run_pull(args.server, args.branch, args.db, **streams)
    if args.command == "import":
        return commands.run_import(args.file, db=args.db, sheet=args.sheet, dry_run=args.dry_run,
                                   as_json=args.json, skip_errors=args.skip_errors, **streams)  # fmt: skip
    if args.command in ("stats", "export") and args.all_branches:
        from reports.office import commands as office

        if args.command == "stats":
            return office.run_office_stats(db=args.db, on=args.on, as_json=args.json, **streams)
        return office.run_office_export(args.kind, args.output, db=args.db, **streams)
    if args.command == "stats":
        return commands.run_stats(db=args.db, on=args.on, as_json=args.json, **streams)
    if args.command == "dang-uy":
        from reports.office.committee_commands import run_committee

        return run_committee(args, db=args.db, **streams)
    if args.command == "server-setup":
        from models.office.cli import password_reader, run_server_setup

        role = getattr(args, "role", None)
        return run_server_setup(args.action, args.db, role=role, branch=getattr(args, "branch", None),
                                read_only=getattr(args, "read_only", False), remove=getattr(args, "remove", False),
                                read_password=password_reader(role, getattr(args, "password_stdin", False)),
                                **streams)  # fmt: skip
    from reports.congress.commands import is_congress_kind, run_congress_export

    if is_congress_kind(args.kind):
        return run_congress_export(args.kind, args.output, args.congress, db=args.db, **streams)
    return commands.run_export(args.kind, args.output, db=args.db, **streams)


def run_gui(args: argparse.Namespace) -> int:
    import os

    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from platformdirs import user_data_dir

    from gui.core.app import app_settings, create_application, install_crash_hook

    setup_logging(Path(user_data_dir("ChiBo", appauthor=False)) / "logs")
    app = create_application(sys.argv[:1])
    install_crash_hook()
    window, outcome = start_window(args, app_settings())
    if os.environ.get("CHIBO_FIRST_PAINT_PROBE"):  # the bundle's start-up benchmark: when did the window appear?
        import time

        window.first_painted.connect(lambda: (print(f"first-paint {time.time()}", flush=True), app.exit(0)))
    code = app.exec()
    return outcome.get("code", code)


def start_window(args: argparse.Namespace, settings):
    """Show the main window at once; the data file opens (and the branch is asked for on a new file) after its
    first paint, then the roster loads on a worker thread. Returns the window and a dict that gets "code" when
    ChiBo must stop (1: the data file cannot be opened; 0: the branch was not given)."""
    from gui.main_window import MainWindow

    outcome: dict[str, int] = {}

    def open_file() -> Path | str | None:
        from gui.core import dialogs
        from gui.core.data_file_flow import create_interactively, open_interactively
        from models.core.data_session import Opened
        from models.core.database import default_database_path, is_server_url

        # A file named on the command line that cannot be opened falls back to the default one; the default one is
        # created (encrypted by default) the first time, and only then.
        named = (args.db if is_server_url(args.db) else Path(args.db)) if args.db else None
        default = default_database_path()
        candidates = [named, default] if named else [default]
        for path in candidates:
            first_run = path is default and not default.exists() and not default.is_symlink()
            opened = create_interactively(window, default) if first_run else open_interactively(window, path)
            if opened.is_open:
                break
            if opened.kind is Opened.PASSPHRASE_NEEDED and not opened.message:
                outcome["code"] = 0  # the user chose not to type the passphrase
                return None
            last = path is candidates[-1]
            if opened.message:
                dialogs.show_error(window, opened.message, "" if last else "ChiBo sẽ mở tệp dữ liệu mặc định.")
            if last:
                outcome["code"] = 0 if first_run and not opened.message else 1
                return None
        if opened.kind is Opened.NO_BRANCH:
            from gui.branch_dialog import BranchDialog
            from models.office.accounts import NO_BRANCH_GIVEN, may_add_branch

            if not may_add_branch():
                dialogs.show_info(window, NO_BRANCH_GIVEN)
                return path
            if BranchDialog(first_run=True, parent=window).exec() != BranchDialog.DialogCode.Accepted:
                outcome["code"] = 0
                return None
        return path

    window = MainWindow(None, settings, defer_load=True, open_file=open_file)
    window.show()
    return window, outcome


def run_self_test(server: str | None = None) -> int:
    """Headless round trip: members in, queried, exported, read back. On a temporary data file, or with a server
    URL inside one transaction on that server that is rolled back at the end, so the server keeps nothing."""
    import tempfile

    from models.core.database import close_database, is_server_url, open_database
    from models.core.tables import db

    if server and not is_server_url(server):
        print("Tự kiểm tra dùng tệp tạm; --db chỉ nhận địa chỉ máy chủ postgresql://…", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="chibo-selftest-") as folder:
        try:
            open_database(server or Path(folder) / "selftest.sqlite3")
            with db.atomic() as transaction:
                rows, exported = _self_test_round_trip(Path(folder))
                counted = _self_test_count(Path(folder))
                transaction.rollback()
        finally:
            close_database()
        encrypted = "" if server else ", an encrypted file reopened by its passphrase and another by its recovery key"
        if not server:
            _self_test_encryption(Path(folder))
    line = (f"ChiBo self-test OK: {len(rows)} members, search, export and read-back of {exported} rows, "
            f"a congress count of {counted} ballots recounted from its minutes' record{encrypted}")  # fmt: skip
    if sys.stdout is not None:
        print(line)
    return 0


def _self_test_encryption(folder: Path) -> None:
    """SQLCipher as bundled: a file written with a passphrase holds no name in plain text and opens with it only."""
    from datetime import date

    from models.core import passphrases
    from models.core.branch import BranchInfo, save_branch
    from models.core.database import close_database, open_database
    from models.core.errors import PassphraseNeededError
    from models.roster.members import all_members, save_member
    from models.roster.records import MemberRecord

    path = folder / "ma-hoa.sqlite3"
    open_database(path, "Tự kiểm tra 2026")
    save_branch(BranchInfo("Chi bộ Kiểm thử", "ĐẢNG BỘ KIỂM THỬ", "Hà Nội", "CB"), new=True)
    save_member(MemberRecord("Phạm Thị Mã Hóa", "Nữ", date(1985, 4, 3), date(2010, 5, 19)))
    close_database()
    assert "Mã Hóa".encode() not in path.read_bytes()
    passphrases.forget(path)
    try:
        open_database(path)
        raise AssertionError("an encrypted file opened without its passphrase")
    except PassphraseNeededError:
        pass
    open_database(path, "Tự kiểm tra 2026")
    try:
        assert [m.full_name for m in all_members()] == ["Phạm Thị Mã Hóa"]
    finally:
        close_database()
    _self_test_recovery_key(folder)


def _self_test_recovery_key(folder: Path) -> None:
    """The default encryption as bundled: keyring finds its back ends (their entry points were collected), and a
    file encrypted with a random key opens with its recovery key alone."""
    import importlib.metadata

    from models.core import file_keys, passphrases
    from models.core.database import close_database, open_database
    from models.core.errors import PassphraseNeededError

    found = {entry.name for entry in importlib.metadata.entry_points(group="keyring.backends")}
    wanted = "Windows" if sys.platform == "win32" else "SecretService"
    assert wanted in found, f"keyring back end {wanted} missing from the bundle: {sorted(found)}"
    recovery = file_keys.recovery_text(file_keys.new_key())
    path = folder / "khoa-ngau-nhien.sqlite3"
    open_database(path, recovery)
    close_database()
    passphrases.forget(path)
    try:
        open_database(path, create=False)
        raise AssertionError("a file encrypted with a random key opened without it")
    except PassphraseNeededError:
        pass
    open_database(path, recovery.lower(), create=False)
    close_database()


def _self_test_round_trip(folder: Path):
    from datetime import date

    from models.core.branch import BranchInfo, save_branch
    from models.roster.event_kinds import EventKind
    from models.roster.members import all_members, record_event, save_member
    from models.roster.records import EventRecord, MemberRecord
    from models.roster.roster import RosterFilter, filter_rows, roster_rows

    save_branch(BranchInfo("Chi bộ Kiểm thử", "ĐẢNG BỘ KIỂM THỬ", "Hà Nội", "CB"), new=True)
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
    exported = _self_test_export(folder, all_members())
    return rows, exported


def _self_test_count(folder: Path) -> int:
    """A congress on the self-test's roster: check-in, the counting committee, the votes on seats and list, a
    secretary's round counted ballot by ballot, locked, its minutes written and their record recounted."""
    from datetime import date

    from models.ballots.count import close_count
    from models.ballots.session import CountSession
    from models.congress.bodies import Body, set_body
    from models.congress.checkin import check_in
    from models.congress.congresses import CongressInfo, open_session, save_congress
    from models.congress.elections import add_election, set_candidates
    from models.congress.hand_votes import VoteKind, record_vote
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Attendance, Ballot, Post, read_record, recount
    from reports.congress.minutes_jobs import prepare_minutes

    congress = save_congress(CongressInfo(1, 2025, 2030, date(2025, 10, 1)))
    people = summoned_list(congress.id)
    for person in people:
        check_in(person.id, Attendance.PRESENT)
    open_session(congress.id)
    official = [p for p in people if p.official]
    set_body(congress.id, Body.COUNTING, [official[-1].id], official[-1].id)
    election = add_election(congress.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [official[0].id])
    for kind in (VoteKind.SEATS, VoteKind.ELECTION_LIST):
        record_vote(congress.id, kind, "Tự kiểm tra", len(official), 0, 0, election_id=election.id)
    round_ = start_round(election.rounds[0].id)
    session = CountSession(round_.id, entered_by="Tự kiểm tra")
    for no in range(1, round_.ballots_issued + 1):
        session.enter(Ballot.agree(no, {official[0].key: "agree"}))
    close_count(round_.id)
    minutes = prepare_minutes(round_.id).write(folder / "Biên bản kiểm phiếu.xlsx")
    record = read_record(minutes.with_suffix(".json"))
    assert record.digest_ok and recount(record).elected == (official[0].key,), recount(record)
    return round_.ballots_issued


def _self_test_export(folder: Path, members) -> int:
    """Export the member list with on-screen columns, as the members tab does, and read it back as an import would."""
    from reports.roster.jobs import JOB_BY_KIND, ExportOptions
    from reports.roster.roster_reader import read_roster

    pairs = [("Họ và tên", "full_name"), ("Ngày sinh", "birth_date"), ("Ngày vào Đảng", "admission_date")]
    options = ExportOptions(everyone=members, listed=members, columns=pairs + [("Số thẻ", "card_number")])
    read = read_roster(JOB_BY_KIND["danh-sach-cot"].run(folder / "Danh sách đảng viên.xlsx", options))
    names = sorted(row.values.get("full_name") for row in read.rows)
    assert names == sorted(m.full_name for m in members), names
    assert all(row.values.get("birth_date") for row in read.rows), "birth dates lost in the round trip"
    return len(read.rows)


def _private_files() -> None:
    """Every file ChiBo creates (data file, its journal, backups, logs, exports, temporary files) is readable by
    the user only: member records on a shared office PC. Windows keeps the user's own folders private already."""
    import os

    if os.name == "posix":
        os.umask(0o077)


_READS = {"count": slice(1, 2), "compare": slice(1, 3), "minutes": slice(1, 2)}  # the files each command reads


def _special_path(argv: list[str]) -> int | None:
    """A record given to count, compare or minutes, or an output given with -o, that is a named pipe, a device or a
    folder: refused at once with a Vietnamese line (status 2), rather than a read or write that never ends."""
    import os
    import stat

    given = argv[_READS[argv[0]]] if argv and argv[0] in _READS else []
    outputs = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg in ("-o", "--output")]
    for text in given + outputs:
        try:
            mode = os.stat(text).st_mode
        except OSError:
            continue  # a missing record (or a new output) is each command's own business
        if not stat.S_ISREG(mode) and (text in given or not stat.S_ISDIR(mode)):  # a folder output: the export's
            kind = "một thư mục" if stat.S_ISDIR(mode) else "một đường ống hay thiết bị"
            _utf8_streams()
            print(f"«{text}» là {kind}, không phải một tệp; ChiBo không đọc hay ghi vào đó.", file=sys.stderr)
            return 2
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _private_files()
    refused = _special_path(argv)
    if refused is not None:
        return refused
    if argv and argv[0] == "count":
        from models.counting.cli import run_count

        if len(argv) != 2:
            print("Cách dùng: python main.py count TỆP_HỒ_SƠ.json", file=sys.stderr)
            return 2
        return run_count(argv[1])
    if argv and argv[0] == "minutes":
        from reports.congress.commands import run_minutes

        if len(argv) != 4 or argv[2] not in ("-o", "--output"):
            print("Cách dùng: python main.py minutes TỆP_HỒ_SƠ.json -o BIÊN_BẢN.xlsx", file=sys.stderr)
            return 2
        _utf8_streams()
        return run_minutes(argv[1], argv[3], out=sys.stdout, err=sys.stderr)
    if argv and argv[0] == "verify":
        from models.counting.cli import run_verify
        from reports.congress.commands import run_verify_database

        if len(argv) in (3, 5) and argv[1] == "--code" and (len(argv) == 3 or argv[3] == "--db"):
            _utf8_streams()
            db = argv[4] if len(argv) == 5 else None
            return run_verify_database(argv[2], db=db, out=sys.stdout, err=sys.stderr)
        if len(argv) != 4 or argv[2] != "--code":
            print("Cách dùng: python main.py verify TỆP_HỒ_SƠ.json --code MÃ, hoặc python main.py verify --code MÃ "
                  "[--db TỆP_DỮ_LIỆU] (đối chiếu với lần bầu trong tệp dữ liệu)", file=sys.stderr)  # fmt: skip
            return 2
        return run_verify(argv[1], argv[3])
    if argv and argv[0] == "compare":
        from models.counting.cli import run_compare

        if len(argv) != 3:
            print("Cách dùng: python main.py compare LƯỢT_1.json LƯỢT_2.json", file=sys.stderr)
            return 2
        return run_compare(argv[1], argv[2])
    args = parse_args(argv)
    if args.command:
        return run_command(args)
    if args.self_test:
        return run_self_test(args.db)
    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
