"""Accounts of a set-up server: login roles with a password, which branches each may read or change, the office,
who has what, and what the signed-in account has (the window shows it).

Every statement is composed with psycopg.sql (identifiers quoted, passwords as literals already hashed), never
from user text by hand. Run by the administrator, each change is one transaction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import peewee as pw
from psycopg import sql

from models.core.errors import NotFoundError, ValidationError
from models.core.tables import Branch, db
from models.core.vnname import nfc
from models.office.policies import ACCESS_TABLE, APP_ROLE, OFFICE_ROLE
from models.office.server_sql import execute, role_exists
from models.office.sessions import end_sessions, limit_sessions

MAX_NAME_BYTES = 63  # PostgreSQL cuts longer role names


@dataclass(frozen=True)
class BranchGrant:
    branch_id: int
    name: str
    can_write: bool


@dataclass
class RoleAccess:
    """One account and what it has. `admin`: a superuser or one that bypasses row-level security (sees all)."""

    role: str
    can_login: bool = True
    office: bool = False
    admin: bool = False
    branches: list[BranchGrant] = field(default_factory=list)


@dataclass
class SignedInAccess:
    """What the signed-in account has on the open database. `office` and `admin` see and change every branch
    (`branches` then lists them all, writable); on a data file (`on_server` False) the user has the whole file."""

    role: str
    office: bool
    admin: bool
    branches: list[BranchGrant]
    on_server: bool = True

    @property
    def sees_all(self) -> bool:
        return self.office or self.admin


def check_role_name(name: str) -> str:
    """The account name as given, or ValidationError: PostgreSQL's limits and ChiBo's own group roles."""
    if not name or name != name.strip() or any(unicodedata.category(ch)[0] in "CZ" for ch in name):
        raise ValidationError(f"Tên tài khoản «{name}» không hợp lệ: không được để trống hay chứa dấu cách.", "role")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ValidationError(f"Tên tài khoản «{name}» dài quá {MAX_NAME_BYTES} byte.", "role")
    if name.lower().startswith("pg_") or name in (APP_ROLE, OFFICE_ROLE):
        raise ValidationError(f"Tên «{name}» dành riêng cho máy chủ hoặc ChiBo; hãy chọn tên khác.", "role")
    return name


def create_login(name: str, password: str) -> bool:
    """Create a login role with `password` (or give an existing one that new password); True when created. The
    password travels already hashed (SCRAM), so it never appears in the server's statement log."""
    check_role_name(name)
    if len(password) < 8:
        raise ValidationError("Mật khẩu cần ít nhất 8 ký tự.", "password")
    hashed = db.connection().pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8")).decode()
    role = sql.Identifier(name)
    with db.atomic():
        created = not role_exists(name)
        verb = "CREATE" if created else "ALTER"
        execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(hashed)))
        execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), role))
        limit_sessions(name)
    return created


def find_branch(text: str | int) -> tuple[int, str]:
    """A branch on the server by its id (ASCII digits only: «٢» or «²» is a name, not 2) or its exact name, or
    NotFoundError naming the branches there are."""
    key = str(text).strip()
    row = None
    if key.isascii() and key.isdigit() and len(key) <= 18:  # a BIGINT holds 18 digits
        row = Branch.get_or_none(Branch.id == int(key))
    if row is None:
        row = Branch.select().where(Branch.name == nfc(key)).order_by(Branch.id).first()
    if row is None:
        known = "; ".join(f"{b.id} «{b.name}»" for b in Branch.select().order_by(Branch.id)) or "chưa có chi bộ nào"
        raise NotFoundError(f"Không có chi bộ «{key}» trên máy chủ. Các chi bộ đang có: {known}.")
    return row.id, row.name


def grant_branch(role: str, branch: str | int, can_write: bool = True) -> tuple[int, str]:
    """Let `role` read (and with `can_write` change) one branch; a grant already there is updated. A writable
    grant made read-only ends the account's open sessions (models.office.sessions)."""
    name = existing_role(role)
    branch_id, branch_name = find_branch(branch)
    access = sql.Identifier(ACCESS_TABLE)
    with db.atomic():
        was = execute(
            sql.SQL("SELECT can_write FROM {} WHERE role_name = %s AND branch_id = %s").format(access),
            (name, branch_id),
        ).fetchone()
        execute(
            sql.SQL(
                "INSERT INTO {} (role_name, branch_id, can_write) VALUES (%s, %s, %s) ON CONFLICT "
                "(role_name, branch_id) DO UPDATE SET can_write = EXCLUDED.can_write, "
                "granted_at = date_trunc('second', now() AT TIME ZONE 'UTC'), granted_by = CURRENT_USER"
            ).format(access),
            (name, branch_id, can_write),
        )
        execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), sql.Identifier(name)))
        limit_sessions(name)
    if was is not None and was[0] and not can_write:
        end_sessions(name)
    return branch_id, branch_name


def revoke_branch(role: str, branch: str | int) -> tuple[int, str, int | None]:
    """Take one branch away from `role` and end its open sessions; NotFoundError when it had no grant on it.
    Returns the branch and how many sessions were ended (None: this account may not end them)."""
    name = existing_role(role)
    branch_id, branch_name = find_branch(branch)
    with db.atomic():
        query = sql.SQL("DELETE FROM {} WHERE role_name = %s AND branch_id = %s").format(sql.Identifier(ACCESS_TABLE))
        if execute(query, (name, branch_id)).rowcount == 0:
            raise NotFoundError(f"Tài khoản «{name}» chưa được giao chi bộ «{branch_name}».")
    return branch_id, branch_name, end_sessions(name)


def set_office(role: str, office: bool = True) -> int | None:
    """Make `role` one of the office (sees and changes every branch), or no longer: then its open sessions are
    ended, and how many is returned (None: this account may not end them)."""
    name = existing_role(role)
    verb = "GRANT {} TO {}" if office else "REVOKE {} FROM {}"
    with db.atomic():
        execute(sql.SQL(verb).format(sql.Identifier(OFFICE_ROLE), sql.Identifier(name)))
        if office:
            execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(APP_ROLE), sql.Identifier(name)))
        limit_sessions(name)
    return 0 if office else end_sessions(name)


def list_access() -> list[RoleAccess]:
    """Every ChiBo account (a member of chibo_app, or named in a grant), by name, with what it has."""
    rows = execute(f"""
        SELECT r.rolname, r.rolcanlogin, pg_has_role(r.oid, '{OFFICE_ROLE}', 'MEMBER'), r.rolsuper OR r.rolbypassrls
        FROM pg_roles r
        WHERE r.rolname NOT IN ('{APP_ROLE}', '{OFFICE_ROLE}')
          AND (pg_has_role(r.oid, '{APP_ROLE}', 'MEMBER') AND NOT r.rolsuper
               OR r.rolname IN (SELECT role_name FROM {ACCESS_TABLE}))""").fetchall()
    found = {name: RoleAccess(name, login, office, admin) for name, login, office, admin in rows}
    grants = execute(f"""SELECT a.role_name, a.branch_id, b.name, a.can_write FROM {ACCESS_TABLE} a
                         JOIN branch b ON b.id = a.branch_id ORDER BY a.role_name, a.branch_id""").fetchall()
    for name, branch_id, branch_name, can_write in grants:
        found.setdefault(name, RoleAccess(name, can_login=False)).branches.append(
            BranchGrant(branch_id, branch_name, can_write)
        )
    return [found[name] for name in sorted(found)]


def signed_in_access() -> SignedInAccess:
    """The signed-in account and the branches it has, on the open database (a data file: the whole file)."""
    everything = [BranchGrant(b.id, b.name, True) for b in Branch.select().order_by(Branch.id)]
    if isinstance(db.obj, pw.SqliteDatabase):
        return SignedInAccess("", office=False, admin=True, branches=everything, on_server=False)
    role, admin, has_office = execute(f"""
        SELECT current_user, r.rolsuper OR r.rolbypassrls
               OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' AND t.tablename = 'member'
                          AND pg_has_role(current_user, t.tableowner, 'USAGE')),
               EXISTS (SELECT 1 FROM pg_roles o WHERE o.rolname = '{OFFICE_ROLE}')
        FROM pg_roles r WHERE r.rolname = current_user""").fetchone()
    office = has_office and execute(f"SELECT pg_has_role(current_user, '{OFFICE_ROLE}', 'MEMBER')").fetchone()[0]
    set_up = execute("SELECT to_regclass(%s) IS NOT NULL", (ACCESS_TABLE,)).fetchone()[0]
    if admin or office or not set_up:  # no set-up: no policies, the account works on every branch it can reach
        return SignedInAccess(role, bool(office), bool(admin), everything)
    rows = execute(f"""SELECT a.branch_id, b.name, a.can_write FROM {ACCESS_TABLE} a JOIN branch b ON b.id = a.branch_id
                       WHERE a.role_name = current_user ORDER BY a.branch_id""").fetchall()
    return SignedInAccess(role, False, False, [BranchGrant(*row) for row in rows])


def existing_role(name: str) -> str:
    check_role_name(name)
    if not role_exists(name):
        raise NotFoundError(
            f"Máy chủ không có tài khoản «{name}». Hãy tạo trước: main.py server-setup add-user {name} --db …"
        )
    return name


def may_add_branch() -> bool:
    """Whether the session may set up a new branch: on a data file always; on a server only an administrator's or the
    office's account (a branch account adds nothing the policies would refuse anyway)."""
    access = signed_in_access()
    return not access.on_server or access.sees_all


NO_BRANCH_GIVEN = (
    "Tài khoản này chưa được giao chi bộ nào trên máy chủ, nên chưa có gì để xem. Hãy nhờ người quản "
    "trị máy chủ giao chi bộ (main.py server-setup grant …) rồi kết nối lại."
)
