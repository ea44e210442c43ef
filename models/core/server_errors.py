"""A PostgreSQL server's refusals told in Vietnamese: unreachable, wrong password, unknown database, not enough
privilege (row-level security included). The driver's English never reaches the user."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

INSUFFICIENT_PRIVILEGE = "42501"
NO_SCHEMA = "3F000"  # the account may not even use the schema the tables would go in
_AUTH = ("28P01", "28000")
_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "no such file or directory",  # a Unix socket that is not there: the server is not running
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "server closed the connection",
    "connection timed out",
)


def driver_error(exc: BaseException):
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
    text, state = str(found).lower(), getattr(found, "sqlstate", None)
    if "password authentication failed" in text or state == "28P01":
        return f"Sai tên đăng nhập hoặc mật khẩu: máy chủ «{host}» không nhận mật khẩu của tài khoản «{user}»."
    if "no password supplied" in text:
        return f"Máy chủ «{host}» cần mật khẩu của tài khoản «{user}»: hãy nhập mật khẩu."
    if "role" in text and "does not exist" in text:
        return f"Máy chủ «{host}» không có tài khoản «{user}»: hãy nhờ người quản trị tạo tài khoản."
    if "database" in text and "does not exist" in text:
        return f"Trên máy chủ «{host}» không có cơ sở dữ liệu «{database}»: hãy kiểm tra lại tên cơ sở dữ liệu."
    if "pg_hba.conf" in text or state in _AUTH:
        return f"Máy chủ «{host}» không cho tài khoản «{user}» kết nối từ máy này: hãy nhờ người quản trị cho phép."
    if state == INSUFFICIENT_PRIVILEGE:
        return (f"Tài khoản «{user}» không đủ quyền làm việc này trên cơ sở dữ liệu «{database}» (chỉ được xem, "
                "hoặc không được giao chi bộ này); không có gì thay đổi.")  # fmt: skip
    if any(needle in text for needle in _UNREACHABLE) or (state is None and "connection" in text):
        return (f"Không kết nối được tới máy chủ cơ sở dữ liệu «{host}»: máy chủ chưa chạy, sai địa chỉ, "
                "hoặc mạng nội bộ không thông. Hãy kiểm tra rồi thử lại.")  # fmt: skip
    return None


def open_message(exc: BaseException, url: str) -> str | None:
    """Why the database at `url` cannot be opened: as `server_message`, and an account that may not create or
    upgrade ChiBo's tables is sent to the administrator's set-up."""
    found = driver_error(exc)
    if is_privilege_error(exc) or getattr(found, "sqlstate", None) == NO_SCHEMA:
        user, host, database = url_parts(url)
        return (f"Tài khoản «{user}» không đủ quyền tạo hoặc nâng cấp dữ liệu ChiBo trong cơ sở dữ liệu «{database}» "
                f"trên máy chủ «{host}». Hãy nhờ người quản trị chạy «main.py server-setup» rồi mở lại.")  # fmt: skip
    return server_message(exc, url)


def url_parts(url: str) -> tuple[str, str, str]:
    """User, host and database of a postgresql:// URL, for the messages (a socket folder given as ?host=)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    host = parts.hostname or (query.get("host") or ["máy này"])[0]
    import getpass

    user = parts.username or (query.get("user") or [None])[0] or getpass.getuser()
    return user, host, parts.path.lstrip("/") or user
