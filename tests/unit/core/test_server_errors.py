"""A server's refusals in Vietnamese: the driver's own connection texts (as psycopg 3 words them) each get a line
naming the account, server or database; anything else is not ours to word."""

from __future__ import annotations

import peewee as pw
import psycopg
import pytest

from models.core.database import close_database, open_database
from models.core.errors import DatabaseFileError
from models.core.server_errors import is_privilege_error, server_message
from models.core.tables import db

URL = "postgresql://bi_thu:bimat@may-chu.local/chibo"
FAILED = 'connection failed: connection to server at "10.0.0.5", port 5432 failed: FATAL:  '


def wrapped(text: str) -> pw.OperationalError:
    """As peewee raises it: its own error, the driver's in its context."""
    driver = psycopg.OperationalError(text)
    outer = pw.OperationalError(driver, *driver.args)
    outer.__context__ = driver
    return outer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FAILED + 'password authentication failed for user "bi_thu"',
            "Sai tên đăng nhập hoặc mật khẩu: máy chủ «may-chu.local» không nhận mật khẩu của tài khoản «bi_thu».",
        ),
        ("connection failed: fe_sendauth: no password supplied", "cần mật khẩu của tài khoản «bi_thu»"),
        (FAILED + 'role "bi_thu" does not exist', "không có tài khoản «bi_thu»"),
        (FAILED + 'database "chibo" does not exist', "không có cơ sở dữ liệu «chibo»"),
        (
            FAILED + 'no pg_hba.conf entry for host "10.0.0.9", user "bi_thu", database "chibo", no encryption',
            "không cho tài khoản «bi_thu» kết nối từ máy này",
        ),
        (
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused',
            "Không kết nối được tới máy chủ cơ sở dữ liệu «may-chu.local»",
        ),
        ('connection failed: could not translate host name "may-chu.local" to address', "Không kết nối được"),
    ],
)
def test_connection_refusals_are_told_in_vietnamese(text, expected):
    message = server_message(wrapped(text), URL)
    assert message is not None and expected in message
    assert "bimat" not in message  # the password in the address is never shown


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), "đang giữ dữ liệu cần dùng"),
        (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), "chạy quá lâu"),
        (
            psycopg.errors.IdleInTransactionSessionTimeout("terminating connection due to idle-in-transaction timeout"),
            "để dở quá lâu",
        ),
    ],
)
def test_a_server_session_limit_is_told_for_what_it_is_not_as_an_unreachable_server(error, expected):
    message = server_message(error, URL)
    assert message == f"Máy chủ «may-chu.local», cổng 5432: {message.split(': ', 1)[1]}" and expected in message
    assert "không trả lời" not in message


def test_a_privilege_refusal_is_recognised_by_its_sqlstate():
    refused = psycopg.errors.InsufficientPrivilege('new row violates row-level security policy for table "member"')
    assert is_privilege_error(refused) and "không đủ quyền" in server_message(refused, URL)
    assert not is_privilege_error(ValueError("x")) and server_message(ValueError("x"), URL) is None


def test_opening_an_unreachable_server_is_a_database_error_in_vietnamese():
    with pytest.raises(DatabaseFileError, match="Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1»"):
        open_database("postgresql://bi_thu@127.0.0.1:9/chibo")
    assert db.obj is None


def test_an_account_that_may_not_create_the_tables_is_sent_to_the_set_up(pg_url):
    from tests.support.office_server import as_role
    from tests.support.pg_server import empty_database

    empty_database(pg_url)
    open_database(pg_url)
    execute = db.obj.execute_sql
    execute("DROP ROLE IF EXISTS chi_doc")
    execute("CREATE ROLE chi_doc LOGIN")
    execute("DROP TABLE chibo_meta")  # as if the schema were older: the account would have to create tables
    close_database()
    # Without the schema's use, then with it as PostgreSQL's own public schema gives it (but no right to create).
    for usage in ("REVOKE USAGE ON SCHEMA public FROM PUBLIC", "GRANT USAGE ON SCHEMA public TO PUBLIC"):
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(usage)
        with pytest.raises(DatabaseFileError, match="không đủ quyền tạo hoặc nâng cấp dữ liệu ChiBo.*server-setup"):
            open_database(as_role(pg_url, "chi_doc"))
