"""The server enforces what ChiBo promises about a count, tried as a branch account through raw SQL: the entry log
and the count's acts only grow, a closed round's result cannot be rewritten, a closed log takes no new ballot; a
reopening is the sanctioned path and leaves its act. The privileges are the least ChiBo needs, and the triggers hold
even when a privilege is loosened."""

from __future__ import annotations

import pytest
from psycopg import errors

from models.core.database import close_database, open_database
from models.office.policies import SHARED_TABLES
from models.office.row_delete_functions import ROWS_DELETED
from models.office.server_access import set_up_server
from models.schema import ALL_TABLES
from tests.support.office_server import OfficeServer, connect


def closed_round(admin, branch_id: int) -> tuple[int, str, str]:
    """(id, result, record digest) of the branch's round counted ballot by ballot and closed."""
    return admin.execute(
        "SELECT r.id, r.result, r.record_digest FROM election_round r JOIN congress_election e ON e.id = r.election_id "
        "JOIN congress c ON c.id = e.congress_id WHERE c.branch_id = %s AND r.status = 'closed'",
        (branch_id,),
    ).fetchone()


def log_of(admin, round_id: int) -> list[tuple]:
    return admin.execute(
        "SELECT seq, action, after, chain FROM ballot_entry WHERE round_id = %s ORDER BY seq", (round_id,)
    ).fetchall()


def test_the_entry_log_and_the_acts_are_append_only_for_every_account(office, admin):
    round_id, _, _ = closed_round(admin, office.branch_a)
    before = log_of(admin, round_id)
    acts = admin.execute("SELECT id, kind FROM count_act WHERE round_id = %s", (round_id,)).fetchall()
    with connect(office, "ban_a") as ban_a, connect(office, "van_phong") as van_phong:
        for account in (ban_a, van_phong):
            for statement in (
                "UPDATE ballot_entry SET after = '' WHERE round_id = %s",
                "DELETE FROM ballot_entry WHERE round_id = %s AND seq = 1",
                "UPDATE count_act SET reason = 'sửa' WHERE round_id = %s",
                "DELETE FROM count_act WHERE round_id = %s",
            ):
                with pytest.raises(errors.InsufficientPrivilege):
                    account.execute(statement, (round_id,))
    # Even the administrator, who bypasses privileges and row-level security, meets the trigger.
    for statement in (
        "UPDATE ballot_entry SET after = '' WHERE round_id = %s",
        "DELETE FROM count_act WHERE round_id = %s",
    ):
        with pytest.raises(errors.InsufficientPrivilege, match="chỉ được ghi thêm"):
            admin.execute(statement, (round_id,))
    assert log_of(admin, round_id) == before
    assert admin.execute("SELECT id, kind FROM count_act WHERE round_id = %s", (round_id,)).fetchall() == acts


def test_the_triggers_hold_when_a_privilege_is_loosened(office, admin):
    """A later mistake granting UPDATE and DELETE back must not reopen history to rewriting."""
    round_id, result, _ = closed_round(admin, office.branch_a)
    admin.execute("GRANT UPDATE, DELETE ON ballot_entry, count_act, election_round TO chibo_app")
    try:
        with connect(office, "ban_a") as ban_a:
            with pytest.raises(errors.InsufficientPrivilege, match="chỉ được ghi thêm"):
                ban_a.execute("DELETE FROM ballot_entry WHERE round_id = %s", (round_id,))
            with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
                ban_a.execute("UPDATE election_round SET result = '{}' WHERE id = %s", (round_id,))
            with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
                ban_a.execute("DELETE FROM election_round WHERE id = %s", (round_id,))
    finally:
        admin.execute("REVOKE UPDATE, DELETE ON ballot_entry, count_act, election_round FROM chibo_app")
        try:
            set_up_server(office.admin_url)  # run again, the set-up puts the least privileges back
        finally:
            close_database()
    assert closed_round(admin, office.branch_a)[1] == result


def test_the_accounts_privileges_are_exactly_the_least_chibo_needs(office, admin):
    """Fails when a privilege is loosened: table-wide UPDATE or any DELETE (either also lets LOCK TABLE freeze the
    others), UPDATE on the log, TRUNCATE, a sequence."""
    granted = admin.execute(
        "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
        "WHERE grantee = 'chibo_app' AND table_schema = 'public'"
    ).fetchall()
    expected = {("chibo_meta", "SELECT"), ("chibo_branch_access", "SELECT"), ("chibo_change_log", "SELECT")}
    for model in ALL_TABLES:
        name = model._meta.table_name
        # the tables every branch shares (the file facts, the committee's record) are read-only to the accounts
        expected |= {(name, "SELECT")} if model in SHARED_TABLES else {(name, "SELECT"), (name, "INSERT")}
    assert set(granted) == expected
    columns = admin.execute(
        "SELECT table_name, column_name FROM information_schema.column_privileges "
        "WHERE grantee = 'chibo_app' AND privilege_type = 'UPDATE'"
    ).fetchall()
    assert [table for table, column in columns if column == "id"] == []  # no row's id can be changed
    assert {"ballot_entry", "count_act"}.isdisjoint(table for table, _ in columns)
    sequences = admin.execute(
        "SELECT count(*) FROM information_schema.usage_privileges WHERE grantee IN "
        "('chibo_app', 'PUBLIC') AND object_type = 'SEQUENCE'"
    ).fetchone()[0]
    assert sequences == 0


def test_chibo_deletes_rows_only_through_delete_rows_and_only_where_the_server_has_a_function():
    """No account has DELETE: the code deletes through models.core.row_deletes.delete_rows, and only rows of the
    tables the server has a delete function for (ROWS_DELETED). A direct `Model.delete()` or `delete_instance()`
    would work on a data file and fail on the server."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    tables = {model.__name__: model._meta.table_name for model in ALL_TABLES}
    deleted, direct = set(), []
    for path in [*root.joinpath("models").rglob("*.py"), *root.joinpath("gui").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if path.name != "row_deletes.py" and re.search(r"\.delete\(\)|\.delete_instance\(", text):
            direct.append(path.name)
        for name in re.findall(r"\bdelete_rows\(([A-Z]\w*),", text):
            deleted.add(tables.get(name, name))
    assert direct == []
    assert deleted == set(ROWS_DELETED), deleted ^ set(ROWS_DELETED)


def test_a_closed_rounds_result_cannot_be_changed_or_deleted(office, admin):
    round_id, result, digest = closed_round(admin, office.branch_a)
    with connect(office, "ban_a") as ban_a:
        for statement in (
            "UPDATE election_round SET result = replace(result, '5', '6') WHERE id = %s",
            "UPDATE election_round SET record_digest = 'ab' WHERE id = %s",
            "UPDATE election_round SET status = 'closed', notes = 'ghi thêm' WHERE id = %s",
            "UPDATE election_round SET count_mode = 'totals' WHERE id = %s",
            "UPDATE election_round SET status = 'counting' WHERE id = %s",  # reopened without emptying the result
            "UPDATE election_round SET status = 'setup', result = '', record_digest = '' WHERE id = %s",
        ):
            with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
                ban_a.execute(statement, (round_id,))
        with pytest.raises(errors.InsufficientPrivilege):
            ban_a.execute("DELETE FROM election_round WHERE id = %s", (round_id,))
    assert closed_round(admin, office.branch_a) == (round_id, result, digest)


def test_a_closed_rounds_candidates_and_bundles_cannot_be_changed(office, admin):
    round_id, _, _ = closed_round(admin, office.branch_a)
    candidates = admin.execute(
        "SELECT id, summoned_id FROM round_candidate WHERE round_id = %s", (round_id,)
    ).fetchall()
    other = admin.execute(
        "SELECT s.id FROM summoned s JOIN congress c ON c.id = s.congress_id "
        "WHERE c.branch_id = %s AND s.id <> %s ORDER BY s.id",
        (office.branch_a, candidates[0][1]),
    ).fetchone()[0]
    with connect(office, "ban_a") as ban_a:
        for statement, params in (
            ("SELECT chibo_delete_round_candidate(%s)", ([c for c, _ in candidates],)),  # the trigger holds there too
            ("UPDATE round_candidate SET summoned_id = %s WHERE round_id = %s", (other, round_id)),
            ("INSERT INTO round_candidate (round_id, summoned_id, source) VALUES (%s, %s, 'list')", (round_id, other)),
            ("INSERT INTO ballot_bundle (round_id, pass_no, number, papers) VALUES (%s, 1, 9, 1)", (round_id,)),
        ):
            with pytest.raises(errors.InsufficientPrivilege, match="danh sách ứng cử viên"):
                ban_a.execute(statement, params)
    assert (
        admin.execute("SELECT id, summoned_id FROM round_candidate WHERE round_id = %s", (round_id,)).fetchall()
        == candidates
    )


def test_a_closed_log_takes_no_new_ballot(office, admin):
    round_id, _, _ = closed_round(admin, office.branch_a)
    seq, _, after, chain = log_of(admin, round_id)[-1]
    with connect(office, "ban_a") as ban_a, pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
        ban_a.execute(
            "INSERT INTO ballot_entry (round_id, seq, pass_no, ballot_no, action, before, after, "
            "entered_by, entered_at, chain) VALUES (%s, %s, 1, 99, 'enter', '', %s, '', now(), %s)",
            (round_id, seq + 1, after, chain),
        )
    assert log_of(admin, round_id)[-1][0] == seq


def test_reopening_needs_its_recorded_act_and_then_counting_goes_on(office, admin):
    """Reopening by hand without the act ChiBo records is refused at commit; with it, it is the sanctioned path:
    the result is emptied, and closing again also needs its act."""
    round_id, result, digest = closed_round(admin, office.branch_a)
    with connect(office, "ban_a") as ban_a:
        with pytest.raises(errors.InsufficientPrivilege, match="biên bản"):
            ban_a.execute(
                "UPDATE election_round SET status = 'counting', result = '', record_digest = '' WHERE id = %s",
                (round_id,),
            )
        assert closed_round(admin, office.branch_a) == (round_id, result, digest)
        with ban_a.transaction():  # reopened, then closed with a different result and no close act
            ban_a.execute(
                "UPDATE election_round SET status = 'counting', result = '', record_digest = '' WHERE id = %s",
                (round_id,),
            )
            ban_a.execute(
                "INSERT INTO count_act (round_id, kind, reason, done_by, done_at) "
                "VALUES (%s, 'reopen', 'thử', 'ban_a', now())",
                (round_id,),
            )
        with pytest.raises(errors.InsufficientPrivilege, match="biên bản"):
            ban_a.execute(
                "UPDATE election_round SET status = 'closed', result = '{}', record_digest = %s WHERE id = %s",
                (digest, round_id),
            )
    assert admin.execute("SELECT status, result FROM election_round WHERE id = %s", (round_id,)).fetchone() == (
        "counting",
        "",
    )
    acts = admin.execute("SELECT kind, done_by FROM count_act WHERE round_id = %s ORDER BY id", (round_id,)).fetchall()
    assert acts[-1] == ("reopen", "ban_a")  # the trail stays, append-only
    _close_through_chibo(office, round_id)
    # the same figures again; the round keeps its chain's new last link (closing appended another sealing entry)
    assert closed_round(admin, office.branch_a)[:2] == (round_id, result)
    assert closed_round(admin, office.branch_a)[2] == log_of(admin, round_id)[-1][3] != digest


def _close_through_chibo(office: OfficeServer, round_id: int) -> None:
    from models.live_count.count import close_count

    open_database(office.url("ban_a"))
    try:
        close_count(round_id, "Ban kiểm phiếu")
    finally:
        close_database()


def test_closing_or_reopening_may_add_its_own_line_to_the_log_in_either_order(office, admin):
    """A count's own line for its closing or reopening (a sealing entry) may be written before or after the
    round's state, in a savepoint or not: the log is checked at commit. A line slipped into a closed count with a
    forged close act and no reopening is refused."""
    round_id, result, digest = closed_round(admin, office.branch_b)
    seq = log_of(admin, round_id)[-1][0]

    def line() -> None:
        nonlocal seq
        seq += 1
        admin.execute(
            "INSERT INTO ballot_entry (round_id, seq, pass_no, ballot_no, action, before, after, "
            "entered_by, entered_at, chain) VALUES (%s, %s, 1, 0, 'seal', '', '', '', now(), %s)",
            (round_id, seq, f"{seq:064x}"),
        )

    def act(kind: str) -> None:
        admin.execute(
            "INSERT INTO count_act (round_id, kind, reason, done_by, done_at) VALUES (%s, %s, 'thử', '', now())",
            (round_id, kind),
        )

    reopen = "UPDATE election_round SET status = 'counting', result = '', record_digest = '' WHERE id = %s"
    close = "UPDATE election_round SET status = 'closed', result = %s, record_digest = %s WHERE id = %s"
    with admin.transaction():  # reopening: its line first, then the state and the act
        line()
        admin.execute(reopen, (round_id,))
        act("reopen")
    with admin.transaction():  # closing: the state and the act, then its line
        admin.execute(close, (result, digest, round_id))
        act("close")
        line()
    with admin.transaction():
        admin.execute(reopen, (round_id,))
        act("reopen")
    with admin.transaction():
        with admin.transaction():  # closed inside a savepoint, as a nested ChiBo transaction does
            admin.execute(close, (result, digest, round_id))
            act("close")
        line()
    lines = len(log_of(admin, round_id))
    with pytest.raises(errors.InsufficientPrivilege), admin.transaction():
        act("close")
        line()
    seq -= 1
    with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"), admin.transaction():
        line()
    assert len(log_of(admin, round_id)) == lines
    assert admin.execute("SELECT status FROM election_round WHERE id = %s", (round_id,)).fetchone() == ("closed",)


def test_a_row_is_told_added_in_this_transaction_by_the_change_log_only(office, admin):
    member_a, _ = admin.execute(
        "SELECT id, 0 FROM member WHERE branch_id = %s ORDER BY id", (office.branch_a,)
    ).fetchone()
    add = (
        "INSERT INTO rating (branch_id, member_id, year, level, note, updated_at, updated_by, version) "
        "VALUES (%s, %s, %s, 'good', '', now(), '', 1) RETURNING id"
    )
    ask = "SELECT chibo_inserted_here('rating', %s)"
    with admin.transaction():
        first = admin.execute(add, (office.branch_a, member_a, 2040)).fetchone()[0]
        with admin.transaction():  # in a savepoint too
            second = admin.execute(add, (office.branch_a, member_a, 2041)).fetchone()[0]
        assert [admin.execute(ask, (row,)).fetchone()[0] for row in (first, second)] == [True, True]
    with admin.transaction():
        admin.execute("UPDATE rating SET note = note WHERE id = %s", (first,))  # changed here, but not added here
        assert admin.execute(ask, (first,)).fetchone() == (False,)
    with connect(office, "ban_a") as ban_a, pytest.raises(errors.InsufficientPrivilege):
        ban_a.execute(ask, (first,))  # the accounts may not ask it


def test_a_round_is_added_in_its_setting_up_state_only(office, admin):
    election = admin.execute(
        "SELECT e.id FROM congress_election e JOIN congress c ON c.id = e.congress_id WHERE c.branch_id = %s",
        (office.branch_a,),
    ).fetchone()[0]
    add = (
        "INSERT INTO election_round (election_id, number, seats, status, count_mode, double_entry, result, "
        "record_digest, notes) VALUES (%s, 7, 1, %s, %s, false, %s, '', '')"
    )
    with connect(office, "ban_a") as ban_a:
        with pytest.raises(errors.InsufficientPrivilege, match="trạng thái chuẩn bị"):
            ban_a.execute(add, (election, "closed", "totals", '{"collected": 5}'))
        with pytest.raises(errors.InsufficientPrivilege, match="trạng thái chuẩn bị"):
            ban_a.execute(add, (election, "counting", "", ""))
        ban_a.execute("BEGIN")
        ban_a.execute(add, (election, "setup", "", ""))
        ban_a.execute("ROLLBACK")


def test_chibo_reopens_closes_and_publishes_a_count_as_a_branch_account(office, admin):
    from models.live_count.count import publish, reopen_count

    round_id, result, digest = closed_round(admin, office.branch_a)
    open_database(office.url("ban_a"))
    try:
        reopen_count(round_id, "Nhập nhầm một phiếu", "Ban kiểm phiếu")
    finally:
        close_database()
    _close_through_chibo(office, round_id)
    # the same figures again; the round keeps its chain's new last link (closing appended another sealing entry)
    assert closed_round(admin, office.branch_a)[:2] == (round_id, result)
    assert closed_round(admin, office.branch_a)[2] == log_of(admin, round_id)[-1][3] != digest
    open_database(office.url("ban_a"))
    try:
        publish(round_id, "Trưởng ban kiểm phiếu")
    finally:
        close_database()
    status = admin.execute("SELECT status, result FROM election_round WHERE id = %s", (round_id,)).fetchone()
    assert status == ("published", result)
    seq, _, after, chain = log_of(admin, round_id)[-1]
    with connect(office, "ban_a") as ban_a:
        with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
            ban_a.execute("UPDATE election_round SET status = 'closed' WHERE id = %s", (round_id,))
        with pytest.raises(errors.InsufficientPrivilege, match="đã khóa kết quả"):
            ban_a.execute(
                "INSERT INTO ballot_entry (round_id, seq, pass_no, ballot_no, action, before, after, "
                "entered_by, entered_at, chain) VALUES (%s, %s, 1, 99, 'enter', '', %s, '', now(), %s)",
                (round_id, seq + 1, after, chain),
            )
