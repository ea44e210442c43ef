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

import peewee as pw
from playhouse.db_url import connect

from models.core.errors import ServerConnectionError, ValidationError
from models.core.server_errors import CONNECT_TIMEOUT_SECONDS, DEFAULT_PORT, driver_error, refusal

__all__ = [
    "CONNECT_TIMEOUT_SECONDS",
    "DEFAULT_PORT",
    "ServerAddress",
    "ServerConnectionError",
    "address_of",
    "check_address",
    "check_server",
    "refused_sign_in",
    "server_error_message",
]

_NAME = re.compile(r"^[\w.-]+$")  # host names, IPv4 addresses, database names ChiBo's admin command creates


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
    return ServerAddress(
        host, parts.path.lstrip("/"), unquote(parts.username or ""), unquote(parts.password or ""), port
    )


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


def server_error_message(exc: BaseException, address: ServerAddress) -> str:
    """Why signing in to `address` failed, in Vietnamese (models.core.server_errors words every refusal)."""
    return refused_sign_in(exc, address)[0]


def refused_sign_in(exc: BaseException, address: ServerAddress) -> tuple[str, str]:
    """(message, field to correct) of a failed sign-in."""
    found = driver_error(exc) or exc
    known = refusal(
        str(found), getattr(found, "sqlstate", None), address.user, address.host, address.database, address.port
    )
    return known or (
        f"Không kết nối được tới máy chủ «{address.host}», cổng {address.port}. Hãy kiểm tra địa chỉ, "
        "tên đăng nhập và mật khẩu.",
        "host",
    )


def check_server(address: ServerAddress) -> None:
    """Sign in once and leave: ServerConnectionError says why it failed. Nothing is opened for the session."""

    database = connect(address.url(), unquote_password=True, unquote_user=True)
    try:
        database.connect()
    except (pw.OperationalError, pw.InterfaceError, pw.DatabaseError) as exc:
        raise ServerConnectionError(*refused_sign_in(exc, address)) from exc
    finally:
        if not database.is_closed():
            database.close()
