"""A server's refusals in Vietnamese: the driver's own connection texts (as psycopg 3 words them) each get a line
naming the account, server or database; anything else is not ours to word."""

from __future__ import annotations

import peewee as pw
import psycopg
import pytest

from models.core.server_errors import is_privilege_error, server_message

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
        (FAILED + 'password authentication failed for user "bi_thu"',
         "Sai tên đăng nhập hoặc mật khẩu: máy chủ «may-chu.local» không nhận mật khẩu của tài khoản «bi_thu»."),
        ("connection failed: fe_sendauth: no password supplied", "cần mật khẩu của tài khoản «bi_thu»"),
        (FAILED + 'role "bi_thu" does not exist', "không có tài khoản «bi_thu»"),
        (FAILED + 'database "chibo" does not exist', "không có cơ sở dữ liệu «chibo»"),
        (FAILED + 'no pg_hba.conf entry for host "10.0.0.9", user "bi_thu", database "chibo", no encryption',
         "không cho tài khoản «bi_thu» kết nối từ máy này"),
        ('connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused',
         "Không kết nối được tới máy chủ cơ sở dữ liệu «may-chu.local»"),
        ('connection failed: could not translate host name "may-chu.local" to address', "Không kết nối được"),
    ],
)  # fmt: skip
def test_connection_refusals_are_told_in_vietnamese(text, expected):
    message = server_message(wrapped(text), URL)
    assert message is not None and expected in message
    assert "bimat" not in message  # the password in the address is never shown


def test_a_privilege_refusal_is_recognised_by_its_sqlstate():
    refused = psycopg.errors.InsufficientPrivilege('new row violates row-level security policy for table "member"')
    assert is_privilege_error(refused) and "không đủ quyền" in server_message(refused, URL)
    assert not is_privilege_error(ValueError("x")) and server_message(ValueError("x"), URL) is None
