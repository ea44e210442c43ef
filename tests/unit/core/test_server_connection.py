"""The office server's address: the URL it makes (user and password quoted), checks, and psycopg's errors told in
Vietnamese; against a real PostgreSQL server where one is needed."""

from __future__ import annotations

import pytest

from models.core.database import close_database, open_database
from models.core.errors import ValidationError
from models.core.server_connection import (
    ServerAddress,
    ServerConnectionError,
    address_of,
    check_server,
    server_error_message,
)
from models.core.tables import db

ADDRESS = ServerAddress("192.168.1.10", "chibo", "bi.thu", "p@ss:/w%rd ?#")


def test_url_quotes_user_and_password_and_reads_back():
    url = ADDRESS.url()
    assert url == "postgresql://bi.thu:p%40ss%3A%2Fw%25rd%20%3F%23@192.168.1.10:5432/chibo?connect_timeout=10"
    assert address_of(url) == ADDRESS
    socket = ServerAddress("/run/postgresql", "chibo", "văn phòng", port=5433)
    assert address_of(socket.url()) == socket
    assert "[::1]:5432" in ServerAddress("::1", "chibo", "u").url()


@pytest.mark.parametrize(
    ("address", "field"),
    [
        (ServerAddress(" ", "chibo", "u"), "host"),
        (ServerAddress("máy chủ", "chibo", "u"), "host"),
        (ServerAddress("10.0.0.1", "chibo", "u", port=70000), "port"),
        (ServerAddress("10.0.0.1", "", "u"), "database"),
        (ServerAddress("10.0.0.1", "chi bo;drop", "u"), "database"),
        (ServerAddress("10.0.0.1", "chibo", ""), "user"),
    ],
)
def test_address_checks_name_the_field(address, field):
    with pytest.raises(ValidationError) as caught:
        address.url()
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("driver_text", "expected"),
    [
        ('connection failed: FATAL:  password authentication failed for user "bi.thu"', "hoặc mật khẩu"),
        ("fe_sendauth: no password supplied", "cần mật khẩu"),
        ('FATAL:  role "bi.thu" does not exist', "không có tài khoản «bi.thu»"),
        ('FATAL:  database "chibo" does not exist', "không có cơ sở dữ liệu «chibo»"),
        ('no pg_hba.conf entry for host "10.0.0.5", user "bi.thu"', "không cho tài khoản «bi.thu» kết nối"),
        ("failed to resolve host 'x': [Errno -2] Name or service not known", "không tìm thấy máy chủ"),
        ("connection timeout expired", "không trả lời sau 10 giây"),
        ('connection to server at "192.168.1.10", port 5432 failed: Connection refused', "máy chủ chưa chạy"),
        ("FATAL:  sorry, too many clients already: remaining connection slots are reserved", "quá nhiều kết nối"),
        ("something else entirely", "Không kết nối được"),
    ],
)
def test_driver_errors_in_vietnamese(driver_text, expected):
    message = server_error_message(RuntimeError(driver_text), ADDRESS)
    assert expected in message
    assert "failed" not in message and "FATAL" not in message


def test_unreachable_server_is_told_plainly():
    with pytest.raises(ServerConnectionError, match="«127.0.0.1», cổng 1: máy chủ chưa chạy"):
        check_server(ServerAddress("127.0.0.1", "chibo", "postgres", "x", port=1))


def _socket_address(pg_url: str, database: str) -> ServerAddress:
    found = address_of(pg_url)
    return ServerAddress(found.host, database, found.user, port=found.port)


def test_real_server_signs_in_and_a_missing_database_is_named(pg_url):
    check_server(_socket_address(pg_url, address_of(pg_url).database))
    with pytest.raises(ServerConnectionError, match="không có cơ sở dữ liệu «khong_co»"):
        check_server(_socket_address(pg_url, "khong_co"))


def test_opening_a_server_translates_and_leaves_nothing_open(pg_url):
    with pytest.raises(ServerConnectionError, match="không có cơ sở dữ liệu"):
        open_database(_socket_address(pg_url, "khong_co").url())
    assert db.obj is None
    open_database(_socket_address(pg_url, address_of(pg_url).database).url())
    try:
        assert not db.obj.is_closed()
    finally:
        close_database()
