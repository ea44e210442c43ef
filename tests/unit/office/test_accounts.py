"""Accounts on a set-up server: login roles with a hashed password and a safely quoted name, branch grants,
the office, the listing; set-up run again keeps them; the server logs who changed what."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest

from models.core.database import close_database, open_database
from models.core.errors import NotFoundError, ValidationError
from models.office.accounts import (
    create_login,
    find_branch,
    grant_branch,
    list_access,
    revoke_branch,
    set_office,
    signed_in_access,
)
from models.office.change_log import changes_of
from models.office.server_access import set_up_server
from tests.support.office_server import BRANCH_A, BRANCH_B, OfficeServer, as_role, set_up_office


@pytest.fixture(scope="module")
def office(pg_url) -> OfficeServer:
    return set_up_office(pg_url)


@pytest.fixture
def admin(office):
    open_database(office.admin_url)
    yield office
    close_database()


def raw(office: OfficeServer, query: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(office.admin_url, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def test_a_login_gets_a_hashed_password_and_a_quoted_name(admin):
    name = "o'neil\"x;drop"
    assert create_login(name, "mat-khau-dai") is True
    stored = raw(admin, "SELECT rolpassword, rolcanlogin FROM pg_authid WHERE rolname = %s", (name,))
    assert stored[0][0].startswith("SCRAM-SHA-256$") and stored[0][1] is True
    assert create_login(name, "mat-khau-khac") is False  # an existing account gets the new password
    assert raw(admin, "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,))[0][0] != stored[0][0]
    with psycopg.connect(as_role(admin.admin_url, name), autocommit=True) as signed_in:
        assert signed_in.execute("SELECT current_user").fetchone() == (name,)


@pytest.mark.parametrize("name", ["", "có dấu cách", " ban_a", "pg_ban", "chibo_office", "chibo_app", "x" * 64])
def test_names_the_server_or_chibo_keep_are_refused(admin, name):
    with pytest.raises(ValidationError):
        create_login(name, "mat-khau-dai")


def test_a_short_password_is_refused(admin):
    with pytest.raises(ValidationError, match="8 ký tự"):
        create_login("ban_ngan", "ngan")


def test_grants_name_branches_by_id_or_name_and_unknown_ones_are_told(admin):
    assert find_branch(BRANCH_B.name) == (admin.branch_b, BRANCH_B.name)
    assert find_branch(str(admin.branch_a)) == (admin.branch_a, BRANCH_A.name)
    with pytest.raises(NotFoundError, match=f"1 «{BRANCH_A.name}»"):
        find_branch("Chi bộ Không Có")
    for digits in ("\u0662", "\u00b2", "\uff12", "99999999999999999999"):  # «٢», «²», a full-width 2, too long
        with pytest.raises(NotFoundError, match=f"Không có chi bộ «{digits}»"):
            find_branch(digits)
    with pytest.raises(NotFoundError, match="không có tài khoản «ai_do»"):
        grant_branch("ai_do", admin.branch_a)
    create_login("ban_hai", "mat-khau-dai")
    grant_branch("ban_hai", BRANCH_A.name)
    grant_branch("ban_hai", admin.branch_b, can_write=False)
    grant_branch("ban_hai", admin.branch_b, can_write=True)  # a grant already there is updated
    listed = {a.role: a for a in list_access()}
    assert [(g.name, g.can_write) for g in listed["ban_hai"].branches] == [(BRANCH_A.name, True), (BRANCH_B.name, True)]
    revoke_branch("ban_hai", admin.branch_a)
    with pytest.raises(NotFoundError, match="chưa được giao"):
        revoke_branch("ban_hai", admin.branch_a)
    assert [g.branch_id for g in {a.role: a for a in list_access()}["ban_hai"].branches] == [admin.branch_b]


def test_the_listing_shows_the_office_and_each_accounts_branches(admin):
    listed = {a.role: a for a in list_access()}
    assert listed["van_phong"].office and listed["van_phong"].branches == []
    assert [(g.branch_id, g.can_write) for g in listed["ban_a"].branches] == [(admin.branch_a, True)]
    assert [(g.branch_id, g.can_write) for g in listed["ban_b"].branches] == [(admin.branch_b, False)]
    assert "postgres" not in listed  # the administrator is no ChiBo account
    create_login("ban_tam", "mat-khau-dai")
    set_office("ban_tam")
    assert {a.role: a for a in list_access()}["ban_tam"].office
    set_office("ban_tam", False)
    assert not {a.role: a for a in list_access()}["ban_tam"].office


def test_set_up_again_keeps_accounts_and_data_and_replaces_old_policies(office):
    raw(office, "CREATE POLICY chibo_old ON member FOR SELECT USING (true)")
    before = raw(office, "SELECT count(*) FROM member")
    set_up_server(office.admin_url)
    try:
        assert {a.role: [g.branch_id for g in a.branches] for a in list_access()}["ban_a"] == [office.branch_a]
    finally:
        close_database()
    policies = raw(office, "SELECT policyname FROM pg_policies WHERE tablename = 'member' ORDER BY 1")
    assert policies == [("chibo_delete",), ("chibo_insert",), ("chibo_select",), ("chibo_update",)]
    assert raw(office, "SELECT count(*) FROM member") == before


def test_the_server_logs_who_changed_a_record_and_only_its_branch_reads_the_log(office):
    from models.roster.members import all_members, save_member
    from tests.support.people import member

    open_database(office.url("ban_a"))
    try:
        saved = save_member(member(7), date(2026, 12, 1)).member
        record = next(m for m in all_members() if m.id == saved.id)
        record.phone = "0912345678"
        save_member(record, date(2026, 12, 1))
        assert [(c.action, c.changed_by) for c in changes_of("member", saved.id)] == [
            ("insert", "ban_a"),
            ("update", "ban_a"),
        ]
    finally:
        close_database()
    with psycopg.connect(office.url("ban_b"), autocommit=True) as ban_b:
        seen = ban_b.execute(
            "SELECT count(*) FROM chibo_change_log WHERE row_id = %s AND table_name = 'member'", (saved.id,)
        ).fetchone()
        assert seen == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ban_b.execute("INSERT INTO chibo_change_log (table_name, action, changed_by) VALUES ('x', 'x', 'x')")


def test_signed_in_access_on_a_data_file_is_the_whole_file(sqlite_file):
    access = signed_in_access()
    assert not access.on_server and access.sees_all and len(access.branches) == 1 and access.branches[0].can_write


def test_signed_in_as_the_administrator_has_every_branch(admin):
    access = signed_in_access()
    assert access.role == "postgres" and access.admin and access.sees_all
    assert [g.branch_id for g in access.branches] == [admin.branch_a, admin.branch_b]


def test_a_defect_in_a_server_setup_action_is_one_vietnamese_line_never_a_traceback(office, monkeypatch):
    import io

    from cli.server_setup import run_server_setup
    from models.office import accounts

    def broken(*args, **kwargs):
        raise ValueError("invalid literal for int() with base 10: '²'")

    monkeypatch.setattr(accounts, "grant_branch", broken)
    out, err = io.StringIO(), io.StringIO()
    assert run_server_setup("grant", office.admin_url, role="ban_a", branch="1", out=out, err=err) == 1
    assert err.getvalue().splitlines() == [
        "ChiBo gặp một lỗi không lường trước; thao tác vừa rồi có thể chưa được lưu."
    ]
    assert out.getvalue() == ""
