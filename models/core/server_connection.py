"""Reaching the committee office's PostgreSQL server: the address a user types, the URL it makes, and why a
connection failed, in Vietnamese (psycopg's own English never reaches the user).

The URL quotes the user and password (any character may be in a password: "@", "/", ":", "%"), and
models.core.database unquotes them when it connects. A host starting with "/" is a Unix-socket folder (a server on
this machine), passed as the `host` parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from models.core.errors import DatabaseFileError, ValidationError

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_SECONDS = 10  # an office network answers at once; a wrong address should not hang the window
_NAME = re.compile(r"^[\w.-]+$")  # host names, IPv4 addresses, database names ChiBo's admin command creates


class ServerConnectionError(DatabaseFileError):
    """The server could not be reached or refused the sign-in; the message says why and what to check."""


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str
    user: str
    password: str = ""
    port: int = DEFAULT_PORT

    def url(self) -> str:
        """postgresql://USER:PASSWORD@HOST:PORT/DATABASE with the user and password quoted."""
        check_address(self)
        credentials = quote(self.user.strip(), safe="")
        if self.password:
            credentials += ":" + quote(self.password, safe="")
        host = self.host.strip()
        query = f"connect_timeout={CONNECT_TIMEOUT_SECONDS}"
        if host.startswith("/"):
            return f"postgresql://{credentials}@/{self.database.strip()}?host={quote(host)}&port={self.port}&{query}"
        if ":" in host:  # IPv6
            host = f"[{host}]"
        return f"postgresql://{credentials}@{host}:{self.port}/{self.database.strip()}?{query}"


def address_of(url: str) -> ServerAddress:
    """The address a URL of `ServerAddress.url` (or one typed on the command line) names, password included."""
    parts = urlsplit(url)
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    host = unquote(query.get("host", "")) or (parts.hostname or "")
    port = int(query.get("port", parts.port or DEFAULT_PORT))
    return ServerAddress(host, parts.path.lstrip("/"), unquote(parts.username or ""), unquote(parts.password or ""),
                         port)  # fmt: skip


def check_address(address: ServerAddress) -> None:
    """Each field filled in and well formed; ValidationError names the first that is not."""
    host = address.host.strip()
    if not host:
        raise ValidationError("Chưa nhập địa chỉ máy chủ (tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10).", "host")
    if not host.startswith("/") and not (_NAME.match(host) or ":" in host):
        raise ValidationError(f"Địa chỉ máy chủ «{host}» không hợp lệ: chỉ gồm tên máy hoặc địa chỉ IP.", "host")
    if not 1 <= address.port <= 65535:
        raise ValidationError(f"Cổng {address.port} không hợp lệ (từ 1 đến 65535; thường là {DEFAULT_PORT}).", "port")
    database = address.database.strip()
    if not database:
        raise ValidationError("Chưa nhập tên cơ sở dữ liệu trên máy chủ.", "database")
    if not _NAME.match(database):
        raise ValidationError(f"Tên cơ sở dữ liệu «{database}» chỉ được gồm chữ, số, «_», «-» và «.».", "database")
    if not address.user.strip():
        raise ValidationError("Chưa nhập tên đăng nhập.", "user")


def server_error_message(exc: BaseException, address: ServerAddress | None = None) -> str:
    """Why the connection failed, in Vietnamese, from psycopg's (or peewee's) error text."""
    text = str(exc).lower()
    where = f"«{address.host}», cổng {address.port}" if address else "máy chủ"
    user = f"«{address.user}»" if address else ""
    database = f"«{address.database}»" if address else ""
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"Máy chủ từ chối đăng nhập: sai mật khẩu của người dùng {user}, hoặc người dùng này không có trên "
                "máy chủ. Hãy nhập lại mật khẩu; nếu vẫn không được, hỏi người quản trị máy chủ.")  # fmt: skip
    if re.search(r'role ".*" does not exist', text):
        return f"Trên máy chủ không có người dùng {user}. Hãy kiểm tra tên đăng nhập."
    if re.search(r'database ".*" does not exist', text):
        return f"Trên máy chủ {where} không có cơ sở dữ liệu {database}. Hãy kiểm tra tên cơ sở dữ liệu."
    if "permission denied" in text or "not permitted to log in" in text or "pg_hba.conf" in text:
        return (f"Người dùng {user} không được phép vào cơ sở dữ liệu {database} từ máy này. Hãy nhờ người quản trị "
                "máy chủ cấp quyền.")  # fmt: skip
    if "translate host name" in text or "name or service not known" in text or "nodename nor servname" in text:
        return f"Không tìm thấy máy chủ {where} trên mạng. Hãy kiểm tra lại tên hoặc địa chỉ IP của máy chủ."
    if "timeout" in text or "timed out" in text:
        return (f"Máy chủ {where} không trả lời sau {CONNECT_TIMEOUT_SECONDS} giây. Hãy kiểm tra địa chỉ, cáp mạng, "
                "và máy chủ đã bật chưa.")  # fmt: skip
    if "connection refused" in text or "no such file or directory" in text or "is the server running" in text:
        return (f"Không kết nối được tới máy chủ {where}: máy chủ chưa chạy, sai cổng, hoặc tường lửa chặn. Hãy "
                "kiểm tra máy chủ đã bật và địa chỉ, cổng đúng chưa.")  # fmt: skip
    if "too many connections" in text or "remaining connection slots" in text:
        return f"Máy chủ {where} đang có quá nhiều kết nối. Hãy thử lại sau ít phút."
    if "server closed the connection" in text or "terminating connection" in text:
        return f"Máy chủ {where} đã ngắt kết nối. Hãy thử lại; nếu vẫn lỗi, hỏi người quản trị máy chủ."
    return f"Không kết nối được tới máy chủ {where}. Hãy kiểm tra địa chỉ, tên đăng nhập và mật khẩu."


def check_server(address: ServerAddress) -> None:
    """Sign in once and leave: ServerConnectionError says why it failed. Nothing is opened for the session."""
    import peewee as pw
    from playhouse.db_url import connect

    database = connect(address.url(), unquote_password=True, unquote_user=True)
    try:
        database.connect()
    except (pw.OperationalError, pw.InterfaceError, pw.DatabaseError) as exc:
        raise ServerConnectionError(server_error_message(exc, address)) from exc
    finally:
        if not database.is_closed():
            database.close()


def open_server(url: str):
    """Open the server database at `url` as the session's database (models.core.database.open_database), a failed
    sign-in told as ServerConnectionError."""
    import peewee as pw

    from models.core.database import open_database

    try:
        return open_database(url)
    except (pw.OperationalError, pw.InterfaceError) as exc:
        raise ServerConnectionError(server_error_message(exc, address_of(url))) from exc
