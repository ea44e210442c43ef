"""A PostgreSQL server's refusals told in Vietnamese: unreachable, wrong password, unknown database, not enough
privilege (row-level security included). The driver's English never reaches the user."""

from __future__ import annotations

import getpass
from urllib.parse import parse_qs, urlsplit

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_SECONDS = 10  # an office network answers at once; a wrong address should not hang the window
INSUFFICIENT_PRIVILEGE = "42501"
NO_SCHEMA = "3F000"  # the account may not even use the schema the tables would go in
_AUTH = ("28P01", "28000")
_HOST_UNKNOWN = (
    "could not translate host name",
    "name or service not known",
    "nodename nor servname",
    "failed to resolve host",
)
_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "no such file or directory",  # a Unix socket that is not there: the server is not running
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "server closed the connection",
    "connection timed out",
)


def driver_error(exc: BaseException | None) -> BaseException | None:
    """The driver's (psycopg's) exception behind a peewee one, or None when `exc` did not come from the driver."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if type(exc).__module__.split(".")[0] in ("psycopg", "psycopg2"):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def is_privilege_error(exc: BaseException) -> bool:
    """The server refused for lack of a privilege or by a row-level security policy."""
    found = driver_error(exc)
    return found is not None and getattr(found, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


def server_message(exc: BaseException, url: str) -> str | None:
    """One Vietnamese sentence for a server's refusal of `url` (a postgresql:// address), or None when `exc` is not
    one (a defect of ChiBo stays a defect)."""
    found = driver_error(exc)
    if found is None:
        return None
    user, host, database = url_parts(url)
    known = refusal(str(found), getattr(found, "sqlstate", None), user, host, database, port_of(url))
    return None if known is None else known[0]


_HELD_UP = {
    "55P03": (
        "đang bận vì một tài khoản khác đang giữ dữ liệu cần dùng; không có gì thay đổi. Hãy thử lại sau ít "
        "phút, hoặc nhờ người quản trị ngắt phiên của tài khoản đó."
    ),
    "57014": "thao tác chạy quá lâu nên máy chủ đã dừng lại; không có gì thay đổi. Hãy thử lại.",
    "25P03": "phiên làm việc bị đóng vì để dở quá lâu; không có gì thay đổi. Hãy kết nối lại.",
}


def refusal(text: str, state: str | None, user: str, host: str, database: str, port: int) -> tuple[str, str] | None:
    """(the Vietnamese sentence, the field to correct: password, user, database or host) for a driver's refusal text
    and SQLSTATE, or None when it is none of the known ones. The one table of the server's refusals: the connection
    dialog, opening a database and the commands all word them from here."""
    text = text.lower()
    where = f"«{host}», cổng {port}"
    if "password authentication failed" in text or state == "28P01":
        return (
            f"Sai tên đăng nhập hoặc mật khẩu: máy chủ «{host}» không nhận mật khẩu của tài khoản «{user}». Hãy "
            "nhập lại mật khẩu; nếu vẫn không được, hỏi người quản trị máy chủ."
        ), "password"
    if "no password supplied" in text:
        return f"Máy chủ «{host}» cần mật khẩu của tài khoản «{user}»: hãy nhập mật khẩu.", "password"
    if "role" in text and "does not exist" in text:
        return (
            f"Máy chủ «{host}» không có tài khoản «{user}»: hãy kiểm tra tên đăng nhập, hoặc nhờ người quản trị tạo.",
            "user",
        )
    if "database" in text and "does not exist" in text:
        return (
            f"Trên máy chủ «{host}» không có cơ sở dữ liệu «{database}»: hãy kiểm tra lại tên cơ sở dữ liệu.",
            "database",
        )
    if "pg_hba.conf" in text or "not permitted to log in" in text or state in _AUTH:
        return (
            f"Máy chủ «{host}» không cho tài khoản «{user}» kết nối từ máy này: hãy nhờ người quản trị cho phép.",
            "user",
        )
    if state == INSUFFICIENT_PRIVILEGE:
        return (
            f"Tài khoản «{user}» không đủ quyền làm việc này trên cơ sở dữ liệu «{database}» (chỉ được xem, "
            "hoặc không được giao chi bộ này); không có gì thay đổi."
        ), "database"
    if state in _HELD_UP:  # a set-up server's session limits (models.office.sessions), before "timeout" below
        return f"Máy chủ {where}: {_HELD_UP[state]}", "host"
    if any(needle in text for needle in _HOST_UNKNOWN):
        return (
            f"Không kết nối được tới máy chủ cơ sở dữ liệu {where}: không tìm thấy máy chủ trên mạng. Hãy kiểm "
            "tra lại tên hoặc địa chỉ IP của máy chủ."
        ), "host"
    if "timeout" in text or "timed out" in text:
        silent = f"máy chủ không trả lời sau {CONNECT_TIMEOUT_SECONDS} giây"
        return (
            f"Không kết nối được tới máy chủ cơ sở dữ liệu {where}: {silent}. Hãy kiểm tra địa chỉ, cáp mạng, và "
            "máy chủ đã bật chưa."
        ), "host"
    if "too many" in text or "remaining connection slots" in text:
        return f"Máy chủ {where} đang có quá nhiều kết nối. Hãy thử lại sau ít phút.", "host"
    if "server closed the connection" in text or "terminating connection" in text:
        return f"Máy chủ {where} đã ngắt kết nối. Hãy thử lại; nếu vẫn lỗi, hỏi người quản trị máy chủ.", "host"
    if any(needle in text for needle in _UNREACHABLE) or (state is None and "connection" in text):
        return (
            f"Không kết nối được tới máy chủ cơ sở dữ liệu {where}: máy chủ chưa chạy, sai địa chỉ hoặc cổng, "
            "tường lửa chặn, hoặc mạng nội bộ không thông. Hãy kiểm tra rồi thử lại."
        ), "host"
    return None


def port_of(url: str) -> int:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    try:
        return int((query.get("port") or [""])[0] or parts.port or DEFAULT_PORT)
    except ValueError:
        return DEFAULT_PORT


def open_message(exc: BaseException, url: str) -> str | None:
    """Why the database at `url` cannot be opened: as `server_message`, and an account that may not create or
    upgrade ChiBo's tables is sent to the administrator's set-up."""
    found = driver_error(exc)
    if is_privilege_error(exc) or getattr(found, "sqlstate", None) == NO_SCHEMA:
        user, host, database = url_parts(url)
        return (
            f"Tài khoản «{user}» không đủ quyền tạo hoặc nâng cấp dữ liệu ChiBo trong cơ sở dữ liệu «{database}» "
            f"trên máy chủ «{host}». Hãy nhờ người quản trị chạy «main.py server-setup» rồi mở lại."
        )
    return server_message(exc, url)


def url_parts(url: str) -> tuple[str, str, str]:
    """User, host and database of a postgresql:// URL, for the messages (a socket folder given as ?host=)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    host = parts.hostname or (query.get("host") or ["máy này"])[0]

    user = parts.username or (query.get("user") or [""])[0] or getpass.getuser()
    return user, host, parts.path.lstrip("/") or user
