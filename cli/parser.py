"""The one argparse tree of `chibo` (main.py): the window's options and every headless command, with Vietnamese
headings, help and error lines. Parsing imports no command module: the window's start-up pays for none of them."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable


class _VietnameseHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings, help option and error line; a command with a fixed `usage_line` prints
    that line alone for any mistake."""

    def __init__(
        self, *args, usage_line: str | None = None, epilog_from: Callable[[], str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, formatter_class=_VietnameseHelp, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "tham số", "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
        self.usage_line = usage_line
        self.epilog_from = epilog_from

    def format_help(self) -> str:
        """The help, with an epilog that is costly to build (it imports the export jobs) built only now."""
        if self.epilog_from is not None:
            self.epilog = self.epilog_from()
        return super().format_help()

    def error(self, message: str):
        if self.usage_line:
            self.exit(2, f"{self.usage_line}\n")
        for pattern, text in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, text, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lệnh không đúng: {message}\n")


_ARGPARSE_MESSAGES = (  # argparse's own error texts (Python 3.11), in Vietnamese
    (r"^the following arguments are required: ", "thiếu "),
    (r"^unrecognized arguments: ", "không hiểu "),
    (r"^argument ([^:]+): expected one argument$", r"\1 cần một giá trị"),
    (r"^argument ([^:]+): invalid choice: (.*) \(choose from (.*)\)$", r"\1 không có \2 (chỉ có \3)"),
    (r"^argument ([^:]+): invalid int value: '(.*)'$", r"\1: «\2» không phải là một số nguyên"),
    (r"^argument ([^:]+): not allowed with argument (.*)$", r"\1 không dùng cùng \2"),
    (r"^one of the arguments (.*) is required$", r"cần một trong các tùy chọn \1"),
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


_LARGEST_ID = 2**63 - 1  # ids, ordinals and pass numbers are 64-bit integers in every database


def _positive(text: str) -> int:
    """An id, an ordinal or a pass number: ASCII digits, 1 to 2⁶³ − 1 (a larger one is no row, never a crash)."""
    if not re.fullmatch(r"[0-9]+", text.strip()):
        raise argparse.ArgumentTypeError(f"«{text}» không phải là một số nguyên dương (chữ số 0–9)")
    number = int(text)
    if not 1 <= number <= _LARGEST_ID:
        raise argparse.ArgumentTypeError(f"«{text}» phải từ 1 đến {_LARGEST_ID}")
    return number


def _export_kinds() -> str:
    """The export kinds for the help of `export`, built only when the help is printed: neither the window's
    start-up nor an export pays for importing every capability's export jobs to parse its arguments."""
    from cli.congress import congress_kinds_text
    from services.office.jobs import office_kinds_text
    from services.roster.jobs import export_kinds_text

    office = f"LOẠI với --all-branches (toàn đảng bộ, tiêu đề của đảng ủy):\n{office_kinds_text()}"
    return f"LOẠI:\n{export_kinds_text()}\n{congress_kinds_text()}\n{office}"


def _window_parser(exit_on_error: bool = True) -> _Parser:
    """The top of the tree: the window's own options."""
    parser = _Parser(
        prog="chibo",
        description="ChiBo — quản lý chi bộ, đại hội và kiểm phiếu.",
        epilog="Lệnh trên tệp hồ sơ bầu cử (xem «chibo LỆNH --help»): kiểm lại kết quả: chibo count "
        "TỆP_HỒ_SƠ.json; đối chiếu hai lượt nhập phiếu: chibo compare LƯỢT_1.json LƯỢT_2.json; lập biên bản kiểm "
        "phiếu: chibo minutes TỆP_HỒ_SƠ.json -o BIÊN_BẢN.xlsx; đối chiếu với biên bản đã ký: chibo verify "
        "TỆP_HỒ_SƠ.json --code MÃ.",
        exit_on_error=exit_on_error,
    )
    parser.add_argument("--db", metavar="TỆP", help="mở tệp dữ liệu này thay cho tệp mặc định")
    parser.add_argument("--self-test", action="store_true", help="tự kiểm tra không cần màn hình rồi thoát")
    return parser


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's options when that is all `argv` holds (no command, no help asked, no mistake), parsed without
    building every command's parser (some milliseconds of the window's start-up); None otherwise: the whole tree
    parses them, and answers any mistake as always."""
    if any(token.startswith(("-h", "--h")) for token in argv):
        return None
    try:
        args, extra = _window_parser(exit_on_error=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if extra:  # a command (or a mistake)
        return None
    args.command = None
    return args


def parse_args(argv: list[str]) -> argparse.Namespace:
    window = _window_args(argv)
    return window if window is not None else _tree_args(argv)


def _tree_args(argv: list[str]) -> argparse.Namespace:
    parser = _window_parser()
    commands = parser.add_subparsers(
        dest="command", title="lệnh không cần màn hình", metavar="LỆNH", parser_class=_Parser
    )
    db = {
        "metavar": "TỆP",
        "default": argparse.SUPPRESS,
        "help": "tệp dữ liệu, hoặc máy chủ postgresql://… (mặc định: tệp dữ liệu của chi bộ)",
    }
    imports = commands.add_parser(
        "import",
        help="nhập danh sách đảng viên từ tệp Excel",
        description="Đọc và kiểm tra như hộp «Nhập từ Excel», rồi nhập tất cả hoặc không "
        "nhập gì. Mã thoát: 0 đã nhập, 1 có dòng lỗi, 2 không đọc được tệp.",
    )
    imports.add_argument("file", metavar="TỆP.xlsx", help="tệp Excel danh sách đảng viên")
    imports.add_argument("--db", **db)
    imports.add_argument("--sheet", metavar="TÊN", help="trang tính (mặc định: trang đầu)")
    imports.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không lưu gì")
    imports.add_argument("--json", action="store_true", help="in mọi dòng, vấn đề và dòng trùng dưới dạng JSON")
    imports.add_argument("--skip-errors", action="store_true", help="bỏ qua các dòng lỗi, nhập các dòng còn lại")
    stats = commands.add_parser(
        "stats",
        help="số liệu báo cáo thống kê đảng viên",
        description="Số liệu của báo cáo thống kê: số lượng và tỷ lệ, biến động từ đầu năm, xếp loại năm trước.",
    )
    stats.add_argument("--db", **db)
    stats.add_argument("--on", type=_date, metavar="NGÀY", help="tính đến ngày (ngày/tháng/năm; mặc định: hôm nay)")
    stats.add_argument("--json", action="store_true", help="in dưới dạng JSON")
    every = {"action": "store_true", "dest": "all_branches"}
    stats.add_argument(
        "--all-branches", **every, help="mọi chi bộ trong cơ sở dữ liệu: từng chi bộ và cộng toàn đảng bộ"
    )
    export = commands.add_parser(
        "export",
        help="xuất một báo cáo Excel",
        description="Xuất báo cáo Excel của cả chi bộ tính đến hôm nay, hoặc văn bản của một đại hội (--congress N).",
        epilog_from=_export_kinds,
    )
    export.add_argument("kind", metavar="LOẠI", help="loại báo cáo (xem danh sách dưới)")
    export.add_argument("-o", "--output", metavar="TỆP.xlsx", required=True, help="tệp Excel sẽ ghi")
    export.add_argument("--congress", type=_positive, metavar="N", help="đại hội lần thứ N (văn bản đại hội)")
    export.add_argument("--db", **db)
    applicants = commands.add_parser(
        "applicants",
        help="danh sách phát triển đảng viên và hồ sơ còn thiếu gì",
        description="Từng quần chúng trong danh sách phát triển đảng viên: đang ở bước nào, hồ sơ còn thiếu gì để "
        "chi bộ xét tại hội nghị ngày --on (mặc định hôm nay), hạn tổ chức lễ kết nạp.",
    )
    applicants.add_argument("--db", **db)
    applicants.add_argument("--on", type=_date, metavar="NGÀY", help="ngày họp chi bộ (ngày/tháng/năm)")
    applicants.add_argument("--json", action="store_true", help="in dưới dạng JSON")
    ballots = commands.add_parser(
        "ballots-pdf",
        help="in phiếu bầu để quét (PDF) của một lần bầu",
        description="Ghi phiếu bầu của lần bầu mã N ra tệp PDF để in và quét: mọi phiếu giống nhau, có bốn dấu định "
        "vị ở góc và mã QR ghi chi bộ, đại hội, chức danh, lần bầu và mẫu phiếu.",
    )
    ballots.add_argument("--round", type=_positive, metavar="N", required=True, dest="round_id", help="mã lần bầu")
    ballots.add_argument("-o", "--output", metavar="TỆP.pdf", required=True, help="tệp PDF sẽ ghi")
    ballots.add_argument("--copies", type=int, metavar="SỐ", default=1, help="số phiếu cần in (mặc định 1)")
    ballots.add_argument("--db", **db)
    _add_move_commands(commands)
    _add_server_setup(commands)
    _add_committee(commands)
    export.add_argument("--all-branches", **every, help="báo cáo của đảng ủy cho mọi chi bộ (có cột chi bộ)")
    passes = _add_scan(commands, db)
    records = _add_record_commands(commands)
    args, extra = parser.parse_known_args(argv)
    mistaken = records.get(args.command)
    if extra:  # told by the command's own parser: a record command answers with its usage line
        (mistaken or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "verify" and args.record is not None and args.db is not None:
        records["verify"].error("")
    if args.command == "compare" and (args.round_id is None) == (args.first is None or args.second is None):
        records["compare"].error("")
    if args.command == "passes" and args.into is not None and args.record is None:
        passes.error("--into K chỉ dùng cùng --import TỆP_HỒ_SƠ.json")
    return args


def _add_record_commands(commands) -> dict[str, argparse.ArgumentParser]:
    """count, compare, minutes and verify on election record files; left out of the command list of the help (the
    epilog names them), each answering any mistake with its one usage line, its own --help saying what it does and
    its exit statuses. Returns their parsers by name."""
    record = {"metavar": "TỆP_HỒ_SƠ.json", "help": "tệp hồ sơ bầu cử (định dạng chibo.election/1)"}
    data_file = {"metavar": "TỆP_DỮ_LIỆU", "default": argparse.SUPPRESS, "help": "tệp dữ liệu của chi bộ"}
    count = commands.add_parser(
        "count",
        usage_line="Cách dùng: python main.py count TỆP_HỒ_SƠ.json",
        description="Kiểm lại kết quả một lần bầu từ tệp hồ sơ bầu cử và in kết quả dạng JSON. Mã thoát: 0 đã "
        "kiểm, 2 tệp không đọc được hay sai định dạng.",
    )
    count.add_argument("record", **record)
    compare = commands.add_parser(
        "compare",
        usage_line="Cách dùng: python main.py compare LƯỢT_1.json LƯỢT_2.json, hoặc python main.py compare "
        "--db TỆP_DỮ_LIỆU --round N (mọi lượt của lần bầu, kể cả lượt quét phiếu)",
        description="Đối chiếu từng phiếu hai lượt nhập (hai tệp hồ sơ), hoặc mọi lượt của lần bầu mã N trong tệp "
        "dữ liệu với lượt 1. Mã thoát: 0 khớp, 1 khác nhau, 2 tệp không đọc được hay không cùng một lần bầu.",
    )
    compare.add_argument("first", metavar="LƯỢT_1.json", nargs="?", help="tệp hồ sơ của lượt nhập thứ nhất")
    compare.add_argument("second", metavar="LƯỢT_2.json", nargs="?", help="tệp hồ sơ của lượt nhập thứ hai")
    compare.add_argument("--db", **data_file)
    compare.add_argument("--round", type=_positive, metavar="N", dest="round_id", help="mã lần bầu (cùng --db)")
    minutes = commands.add_parser(
        "minutes",
        usage_line="Cách dùng: python main.py minutes TỆP_HỒ_SƠ.json -o BIÊN_BẢN.xlsx",
        description="Lập biên bản kiểm phiếu của lần bầu chỉ từ tệp hồ sơ bầu cử. Mã thoát: 0 đã lập, 1 đã lập "
        "nhưng hồ sơ không khớp mã kiểm tra (biên bản ghi rõ), 2 tệp sai định dạng hay không ghi được.",
    )
    minutes.add_argument("record", **record)
    minutes.add_argument("-o", "--output", metavar="BIÊN_BẢN.xlsx", required=True, help="tệp Excel sẽ ghi")
    verify = commands.add_parser(
        "verify",
        usage_line="Cách dùng: python main.py verify TỆP_HỒ_SƠ.json --code MÃ, hoặc python main.py verify --code MÃ "
        "[--db TỆP_DỮ_LIỆU] (đối chiếu với lần bầu trong tệp dữ liệu)",
        description="Tệp hồ sơ (hoặc lần bầu trong tệp dữ liệu) còn khớp mã in trên biên bản đã ký không? Mã "
        "thoát: 0 khớp, 1 không khớp (nêu chỗ khác đầu tiên), 2 tệp hay mã không đọc được.",
    )
    verify.add_argument("record", nargs="?", **record)
    verify.add_argument(
        "--code", metavar="MÃ", required=True, help="mã kiểm tra trên biên bản (64 chữ số hệ 16, hoặc chữ đọc từ mã QR)"
    )
    verify.add_argument("--db", **data_file)
    return {"count": count, "compare": compare, "minutes": minutes, "verify": verify}


def _add_scan(commands, db: dict) -> argparse.ArgumentParser:
    """Reading a scanned stack into a round's scanned pass (cli.scanning); returns the passes parser."""
    scan = commands.add_parser(
        "scan",
        help="đọc phiếu bầu đã quét vào một lượt kiểm phiếu",
        description="Đọc tệp PDF hoặc thư mục ảnh phiếu bầu đã quét (theo thứ tự của xấp phiếu) vào lượt quét "
        "phiếu của lần bầu mã N. Phiếu đọc chắc chắn được ghi ngay; phiếu cần người quyết định được liệt kê và ghi "
        "vào tệp danh sách bên cạnh ảnh quét. Mã thoát: 0 đã ghi hết, 1 còn phiếu chờ quyết định, 2 không đọc được.",
    )
    scan.add_argument("source", metavar="ẢNH_QUÉT", help="tệp PDF hoặc thư mục ảnh phiếu đã quét")
    scan.add_argument("--round", type=_positive, metavar="N", required=True, dest="round_id", help="mã lần bầu")
    scan.add_argument("--db", **db)
    passes = commands.add_parser(
        "passes",
        help="các lượt nhập của một lần bầu: nhận lượt từ tệp hồ sơ, gác lại lượt nhầm",
        description="Liệt kê các lượt nhập phiếu của lần bầu mã N (mã lần bầu hiện ở thẻ «Bầu cử»). --import: nhận "
        "tệp hồ sơ bầu cử nhập trên máy khác vào một lượt mới (hoặc lượt chưa có phiếu --into K). --set-aside K "
        "--reason LÝ_DO: gác lại lượt K bắt đầu nhầm (không phải lượt 1). Mã thoát: 0 đã làm, 1 bị từ chối, "
        "2 không đọc được tệp.",
    )
    passes.add_argument("--round", type=_positive, metavar="N", required=True, dest="round_id", help="mã lần bầu")
    passes.add_argument("--db", **db)
    act = passes.add_mutually_exclusive_group()
    act.add_argument("--import", metavar="TỆP_HỒ_SƠ.json", dest="record", help="tệp hồ sơ của lượt nhập máy khác")
    act.add_argument("--set-aside", type=_positive, metavar="K", dest="set_aside", help="lượt cần gác lại")
    passes.add_argument("--into", type=_positive, metavar="K", help="lượt chưa có phiếu sẽ nhận (mặc định: lượt mới)")
    passes.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do gác lại lượt")
    passes.add_argument("--by", default="", metavar="HỌ_TÊN", help="người làm (ghi vào nhật ký)")
    return passes


PUSH, PULL = ("dua-len-may-chu", "push"), ("lay-ve-tep", "pull")


def _add_move_commands(commands) -> None:
    """Moving branches between data files and the committee office's server (cli.moves)."""
    server = {"metavar": "URL", "required": True, "help": "máy chủ: postgresql://NGƯỜI_DÙNG@MÁY/CƠ_SỞ_DỮ_LIỆU"}
    push = commands.add_parser(
        PUSH[0],
        aliases=PUSH[1:],
        help="đưa các chi bộ của một tệp dữ liệu lên máy chủ hoặc vào tệp dữ liệu của đảng ủy",
        description="Chép mọi dữ liệu của các chi bộ trong tệp lên máy chủ, hoặc vào tệp dữ liệu "
        "của đảng ủy (--committee-file: một tệp giữ mọi chi bộ, dùng trên một máy không cần máy "
        "chủ; chưa có thì tạo mới), tất cả hoặc không gì cả. Chi bộ đã có ở nơi nhận (cùng tên và "
        "cấp ủy cấp trên) bị từ chối, trừ khi chọn --merge. Mã thoát: 0 đã đưa lên, 1 bị từ chối, "
        "2 không đọc được tệp hay máy chủ.",
    )
    push.add_argument("--db", metavar="TỆP", required=True, help="tệp dữ liệu cần đưa lên")
    into = push.add_mutually_exclusive_group(required=True)
    into.add_argument("--server", **{**server, "required": False})
    into.add_argument("--committee-file", metavar="TỆP_ĐẢNG_ỦY", help="tệp dữ liệu của đảng ủy")
    push.add_argument(
        "--merge", action="store_true", help="gộp vào chi bộ đã có trên máy chủ: chỉ thêm những gì máy chủ chưa có"
    )
    pull = commands.add_parser(
        PULL[0],
        aliases=PULL[1:],
        help="lấy một chi bộ từ máy chủ về một tệp dữ liệu mới",
        description="Chép mọi dữ liệu của một chi bộ trên máy chủ vào một tệp dữ liệu mới "
        "(không ghi đè tệp đã có). Mã thoát: 0 đã lấy về, 1 bị từ chối, 2 không đọc hay ghi "
        "được tệp hay máy chủ.",
    )
    pull.add_argument("--server", **server)
    pull.add_argument("--branch", type=_positive, metavar="N", required=True, help="mã chi bộ trên máy chủ")
    pull.add_argument("--db", metavar="TỆP", required=True, help="tệp dữ liệu mới sẽ tạo")


def _add_server_setup(commands) -> None:
    """`server-setup [ACTION]`: the administrator's command for a committee office's PostgreSQL server."""
    server = commands.add_parser(
        "server-setup",
        help="thiết lập máy chủ cho nhiều chi bộ, tài khoản và quyền",
        description="Thiết lập cơ sở dữ liệu trên máy chủ PostgreSQL cho nhiều chi bộ "
        "(không có THAO_TÁC), hoặc quản lý tài khoản. Mã thoát: 0 đã xong, 1 bị từ "
        "chối (chi bộ hay tài khoản không có, không đủ quyền), 2 không kết nối được "
        "máy chủ.",
    )
    url = {"metavar": "postgresql://…", "help": "địa chỉ cơ sở dữ liệu, đăng nhập bằng tài khoản quản trị"}
    server.add_argument("--db", **url, default=argparse.SUPPRESS)  # before or after THAO_TÁC, or before the command
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


def _add_committee(commands) -> None:
    """`dang-uy`: the committee's own record (cli.committee runs it)."""
    main = commands.add_parser(
        "dang-uy",
        help="thông tin đảng ủy: tiêu đề văn bản, lãnh đạo, lịch sử chi bộ",
        description="Hồ sơ của đảng ủy trong cơ sở dữ liệu của văn phòng. Mã thoát: 0 đã "
        "xong, 1 bị từ chối (thiếu thông tin, không có chi bộ hay đại hội), 2 không đọc hay "
        "ghi được cơ sở dữ liệu.",
    )
    main.add_argument(  # not defaulted here: `main.py --db FILE dang-uy …` keeps FILE
        "--db",
        metavar="TỆP hoặc postgresql://…",
        default=argparse.SUPPRESS,
        help="cơ sở dữ liệu (mặc định: tệp thường dùng)",
    )
    actions = main.add_subparsers(dest="action", title="thao tác", metavar="THAO_TÁC", parser_class=_Parser)
    on = {"default": argparse.SUPPRESS, "metavar": "TỆP hoặc postgresql://…", "help": "cơ sở dữ liệu"}
    actions.add_parser("xem", help="in thông tin đảng ủy, lãnh đạo và các chi bộ").add_argument("--db", **on)
    edit = actions.add_parser("sua", help="nhập hoặc sửa tiêu đề văn bản của đảng ủy")
    edit.add_argument("--db", **on)
    edit.add_argument("--name", metavar="TÊN", required=True, help="tên đảng ủy in trên văn bản: «ĐẢNG ỦY XÃ SÓC SƠN»")
    edit.add_argument(
        "--higher", metavar="DÒNG", action="append", default=[], help="một dòng cấp trên (lặp lại nếu nhiều dòng)"
    )
    edit.add_argument("--place", metavar="ĐỊA_DANH", default="", help="địa danh ghi ngày tháng")
    edit.add_argument("--abbr", metavar="KÝ_HIỆU", default="ĐU", help="ký hiệu trong số văn bản (mặc định ĐU)")
    edit.add_argument("--secretary", metavar="HỌ_TÊN", default="", help="bí thư (ký văn bản)")
    edit.add_argument("--address", metavar="ĐỊA_CHỈ", default="", help="địa chỉ hiện nay")
    edit.add_argument("--name-before", metavar="TÊN_CŨ", default="", help="tên đơn vị trước ngày 01/7/2025")
    edit.add_argument("--address-before", metavar="ĐỊA_CHỈ_CŨ", default="", help="địa chỉ trước ngày 01/7/2025")
    edit.add_argument("--term", metavar="NĂM-NĂM", help="nhiệm kỳ, ví dụ 2025-2030")
    edit.add_argument("--ordinal", type=_positive, metavar="SỐ", help="đại hội đảng bộ lần thứ")
    leader = actions.add_parser("lanh-dao", help="thêm một người giữ chức vụ của đảng ủy")
    leader.add_argument("--db", **on)
    leader.add_argument("--post", metavar="CHỨC_VỤ", required=True, help="chức vụ: «Bí thư», «Phó Bí thư»…")
    leader.add_argument("--name", metavar="HỌ_TÊN", required=True, help="họ và tên")
    leader.add_argument("--appointed", action="store_true", help="được chỉ định (mặc định: bầu tại đại hội)")
    leader.add_argument("--decision", metavar="QUYẾT_ĐỊNH", default="", help="số, ngày quyết định")
    leader.add_argument("--since", type=_date, metavar="NGÀY", help="từ ngày")
    event = actions.add_parser(
        "chi-bo", help="ghi một sự kiện của chi bộ: thành lập, đổi tên, hợp nhất, chia tách, giải thể, chỉ định cấp ủy"
    )
    event.add_argument("--db", **on)
    event.add_argument("branch", type=_positive, metavar="CHI_BỘ", help="mã chi bộ")
    event.add_argument(
        "kind",
        metavar="LOẠI",
        help="founded | renamed | merged_from | merged_into | split_from | dissolved | appointed",
    )
    event.add_argument("--date", type=_date, metavar="NGÀY", required=True, help="ngày (ngày/tháng/năm)")
    event.add_argument("--decision", metavar="QUYẾT_ĐỊNH", default="", help="số, ngày quyết định")
    event.add_argument("--other", type=_positive, metavar="CHI_BỘ", help="chi bộ liên quan (hợp nhất, chia tách)")
    event.add_argument("--old-name", metavar="TÊN_CŨ", default="", help="tên cũ (đổi tên)")
    event.add_argument("--post", metavar="CHỨC_VỤ", default="", help="chức vụ được chỉ định")
    event.add_argument("--person", metavar="HỌ_TÊN", default="", help="người được chỉ định")
    filing = actions.add_parser("ho-so", help="ghi ngày nhận hồ sơ đại hội chi bộ và ngày chuẩn y kết quả")
    filing.add_argument("--db", **on)
    filing.add_argument("branch", type=_positive, metavar="CHI_BỘ", help="mã chi bộ")
    filing.add_argument("ordinal", type=_positive, metavar="LẦN_THỨ", help="đại hội lần thứ")
    filing.add_argument("--papers", type=_date, metavar="NGÀY", help="ngày nhận hồ sơ")
    filing.add_argument("--approved", type=_date, metavar="NGÀY", help="ngày chuẩn y")
    filing.add_argument("--decision", metavar="QUYẾT_ĐỊNH", default="", help="quyết định chuẩn y")
