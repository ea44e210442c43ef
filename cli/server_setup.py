"""`python main.py server-setup …`: the administrator's one command for a committee office's server.

Actions: set-up (schema, accounts' roles, privileges, row-level security; the default), add-user, grant, revoke,
office, list, end-sessions. Prints Vietnamese and returns the exit status: 0 done, 1 refused (an unknown branch or
account, a bad name, not enough privilege), 2 the server cannot be reached or signed in to (one line on stderr,
never a traceback).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from cli.guard import guarded
from models.core.database import display_name, is_server_url, open_database
from models.core.errors import DomainError, ServerConnectionError
from models.core.failures import OK, REFUSED
from models.core.server_errors import is_privilege_error, server_message, url_parts


class _Refused(DomainError):
    pass


@guarded
def run_server_setup(
    action: str | None,
    db: str | None,
    *,
    role: str | None = None,
    branch: str | None = None,
    read_only: bool = False,
    remove: bool = False,
    read_password: Callable[[], str] | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Run one action on the server database at `db` (a postgresql:// URL of an administrator account)."""
    if not db or not is_server_url(db) or not db.startswith(("postgresql://", "postgres://")):
        raise _Refused(
            "Lệnh server-setup chỉ dùng với máy chủ PostgreSQL: --db postgresql://TÀI_KHOẢN@MÁY_CHỦ/TÊN_CSDL."
        )
    from models.schema import install_schema

    install_schema()  # every action opens the server's database
    try:
        return _ACTIONS[action or "setup"](
            db, role=role, branch=branch, read_only=read_only, remove=remove, read_password=read_password, out=out
        )
    except DomainError:
        raise
    except Exception as exc:  # the server's own refusal, worded for the administrator; nothing was committed
        if is_privilege_error(exc):
            raise _Refused(_privilege_message(db)) from exc
        message = server_message(exc, db)
        if message is not None:  # the server cannot be reached or signed in to (status 2)
            raise ServerConnectionError(message) from exc
        raise


def _privilege_message(db: str) -> str:
    user, host, _ = url_parts(db)
    return (
        f"Tài khoản «{user}» không đủ quyền quản trị máy chủ «{host}» (tạo tài khoản, cấp quyền, "
        "bật bảo vệ theo chi bộ). Hãy chạy lệnh bằng tài khoản quản trị, ví dụ postgres, hoặc chủ sở hữu cơ sở "
        "dữ liệu có quyền CREATEROLE; không có gì thay đổi."
    )


def _set_up(db: str, *, out: TextIO, **_) -> int:
    from models.office.server_access import set_up_server

    report = set_up_server(db)
    print(
        f"Đã thiết lập máy chủ «{display_name(db)}»: cấu trúc dữ liệu ChiBo, nhóm tài khoản chibo_app và "
        f"chibo_office, bảo vệ theo chi bộ trên {report.tables} bảng; đang có {report.branches} chi bộ.",
        file=out,
    )
    return OK


def _open_set_up(db: str, out: TextIO) -> None:
    """Open a set-up server, first bringing a set-up of an earlier ChiBo version up to this one's."""
    from models.office.server_access import bring_up_to_date, is_set_up

    open_database(db)
    if not is_set_up():
        raise _Refused(
            f"Máy chủ «{display_name(db)}» chưa được thiết lập cho nhiều chi bộ: hãy chạy trước "
            f"«main.py server-setup --db {display_name(db)}»."
        )
    if bring_up_to_date():
        print(
            f"Đã đưa máy chủ «{display_name(db)}» lên mức bảo vệ của phiên bản ChiBo này (như chạy lại server-setup).",
            file=out,
        )


def _print_if(line: str, out: TextIO) -> None:
    if line:
        print(line, file=out)


def _sessions_line(role: str, ended: int | None) -> str:
    if ended is None:
        return (
            f"Tài khoản quản trị này không được ngắt các phiên đang mở của «{role}»: chúng giữ quyền cũ cho tới "
            "khi đóng. Hãy chạy lại bằng tài khoản postgres, hoặc cấp quyền pg_signal_backend."
        )
    return f"Đã ngắt {ended} phiên đang mở của «{role}»." if ended else ""


def _add_user(db: str, *, role: str, read_password: Callable[[], str], out: TextIO, **_) -> int:
    from models.office.accounts import check_role_name, create_login

    check_role_name(role)
    _open_set_up(db, out)
    created = create_login(role, read_password())
    if created:
        print(
            f"Đã tạo tài khoản «{role}». Giao chi bộ cho tài khoản: main.py server-setup grant {role} CHI_BỘ --db …",
            file=out,
        )
    else:
        print(f"Tài khoản «{role}» đã có: đã đặt mật khẩu mới.", file=out)
    return OK


def _grant(db: str, *, role: str, branch: str, read_only: bool, out: TextIO, **_) -> int:
    from models.office.accounts import grant_branch

    _open_set_up(db, out)
    _, name = grant_branch(role, branch, can_write=not read_only)
    what = "chỉ được xem" if read_only else "được xem và sửa"
    print(f"Tài khoản «{role}» {what} chi bộ «{name}».", file=out)
    return OK


def _revoke(db: str, *, role: str, branch: str, out: TextIO, **_) -> int:
    from models.office.accounts import revoke_branch

    _open_set_up(db, out)
    _, name, ended = revoke_branch(role, branch)
    print(f"Tài khoản «{role}» không còn được xem chi bộ «{name}».", file=out)
    _print_if(_sessions_line(role, ended), out)
    return OK


def _office(db: str, *, role: str, remove: bool, out: TextIO, **_) -> int:
    from models.office.accounts import set_office

    _open_set_up(db, out)
    ended = set_office(role, not remove)
    if remove:
        print(f"Tài khoản «{role}» không còn thuộc văn phòng; chỉ còn xem các chi bộ được giao.", file=out)
        _print_if(_sessions_line(role, ended), out)
    else:
        print(f"Tài khoản «{role}» thuộc văn phòng: được xem và sửa mọi chi bộ.", file=out)
    return OK


def _end_sessions(db: str, *, role: str, out: TextIO, **_) -> int:
    """End an account's open sessions (one holding a lock the others wait for), its grants kept."""
    from models.office.accounts import existing_role
    from models.office.sessions import end_sessions

    _open_set_up(db, out)
    ended = end_sessions(existing_role(role))
    print(_sessions_line(role, ended) or f"Tài khoản «{role}» không có phiên nào đang mở.", file=out)
    return OK if ended is not None else REFUSED


def _list(db: str, *, out: TextIO, **_) -> int:
    from models.office.accounts import list_access

    _open_set_up(db, out)
    accounts = list_access()
    print(f"Tài khoản ChiBo trên «{display_name(db)}»: {len(accounts)}", file=out)
    for account in accounts:
        print(f"- {account.role}: {_describe(account)}", file=out)
    return OK


def _describe(account) -> str:
    parts = []
    if account.admin:
        parts.append("quản trị (thấy mọi chi bộ)")
    if account.office:
        parts.append("văn phòng (xem và sửa mọi chi bộ)")
    for grant in account.branches:
        parts.append(f"{grant.name} (mã {grant.branch_id}, {'xem và sửa' if grant.can_write else 'chỉ xem'})")
    if not parts:
        parts.append("chưa được giao chi bộ nào")
    if not account.can_login:
        parts.append("không đăng nhập được (tài khoản không có hoặc bị khóa)")
    return "; ".join(parts)


_ACTIONS = {
    "setup": _set_up,
    "add-user": _add_user,
    "grant": _grant,
    "revoke": _revoke,
    "office": _office,
    "list": _list,
    "end-sessions": _end_sessions,
}


def password_reader(role: str, from_stdin: bool) -> Callable[[], str]:
    """How add-user gets the password: one line of standard input, or typed twice at a hidden prompt. Never an
    argument (other users of the machine can read a command line)."""

    def read() -> str:
        import sys

        if from_stdin:
            return sys.stdin.readline().rstrip("\r\n")
        if not sys.stdin.isatty():
            raise _Refused("Không có mật khẩu: hãy gõ mật khẩu khi được hỏi, hoặc đưa qua đầu vào (--password-stdin).")
        import getpass

        first = getpass.getpass(f"Mật khẩu cho tài khoản «{role}»: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise _Refused("Hai lần nhập mật khẩu không giống nhau; chưa có gì thay đổi.")
        return first

    return read
