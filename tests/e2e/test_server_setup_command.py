"""`python main.py server-setup …` end to end on a real server: set-up, an account, a branch granted, the office,
the listing; and the Vietnamese line and exit status when the server, the account or the branch is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from models.core.branch import BranchInfo, save_branch
from models.core.database import close_database, open_database
from models.office.policies import table_policies
from models.schema import ALL_TABLES
from tests.support.office_server import as_role
from tests.support.pg_server import empty_database

_PROTECTED = len(table_policies(ALL_TABLES))  # the tables holding branch data

ROOT = Path(__file__).resolve().parents[2]
BRANCH = BranchInfo("Chi bộ Tổ dân phố 5", "ĐẢNG BỘ PHƯỜNG KIM LIÊN", "Hà Nội", "TDP5")


def chibo(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        input=stdin,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def server(pg_url) -> str:
    """A database set up by the command, holding one branch."""
    empty_database(pg_url)
    run = chibo("server-setup", "--db", pg_url)
    assert run.returncode == 0, run.stderr
    assert "Đã thiết lập máy chủ" in run.stdout
    assert f"bảo vệ theo chi bộ trên {_PROTECTED} bảng; đang có 0 chi bộ" in run.stdout
    open_database(pg_url)
    save_branch(BRANCH, new=True)
    close_database()
    return pg_url


def test_an_account_granted_a_branch_signs_in_and_sees_it(server):
    added = chibo("server-setup", "add-user", "bi_thu_5", "--db", server, "--password-stdin", stdin="mat-khau-5\n")
    assert added.returncode == 0, added.stderr
    assert "Đã tạo tài khoản «bi_thu_5»" in added.stdout
    granted = chibo("server-setup", "grant", "bi_thu_5", BRANCH.name, "--db", server)
    assert granted.returncode == 0, granted.stderr
    assert granted.stdout.strip() == f"Tài khoản «bi_thu_5» được xem và sửa chi bộ «{BRANCH.name}»."
    with psycopg.connect(as_role(server, "bi_thu_5", "mat-khau-5"), autocommit=True) as signed_in:
        assert signed_in.execute("SELECT name FROM branch").fetchall() == [(BRANCH.name,)]
    listed = chibo("server-setup", "list", "--db", server)
    assert listed.returncode == 0, listed.stderr
    assert f"- bi_thu_5: {BRANCH.name} (mã 1, xem và sửa)" in listed.stdout.splitlines()


def test_read_only_grant_revoke_and_office_are_listed(server):
    chibo("server-setup", "add-user", "kiem_tra", "--db", server, "--password-stdin", stdin="mat-khau-kt\n")
    run = chibo("server-setup", "grant", "kiem_tra", "1", "--read-only", "--db", server)
    assert run.returncode == 0 and "chỉ được xem" in run.stdout, run.stderr
    assert f"- kiem_tra: {BRANCH.name} (mã 1, chỉ xem)" in chibo("server-setup", "list", "--db", server).stdout
    run = chibo("server-setup", "revoke", "kiem_tra", "1", "--db", server)
    assert run.returncode == 0 and "không còn được xem" in run.stdout, run.stderr
    run = chibo("server-setup", "office", "kiem_tra", "--db", server)
    assert run.returncode == 0 and "thuộc văn phòng" in run.stdout, run.stderr
    assert "- kiem_tra: văn phòng (xem và sửa mọi chi bộ)" in chibo("server-setup", "list", "--db", server).stdout
    run = chibo("server-setup", "office", "kiem_tra", "--remove", "--db", server)
    assert run.returncode == 0 and "không còn thuộc văn phòng" in run.stdout, run.stderr


def test_unknown_branch_or_account_is_refused_with_what_there_is(server):
    run = chibo("server-setup", "grant", "bi_thu_5", "Chi bộ Không Có", "--db", server)
    assert run.returncode == 1
    assert (
        run.stderr.strip() == f"Không có chi bộ «Chi bộ Không Có» trên máy chủ. Các chi bộ đang có: 1 «{BRANCH.name}»."
    )
    run = chibo("server-setup", "grant", "khong_ai", "1", "--db", server)
    assert run.returncode == 1 and "Máy chủ không có tài khoản «khong_ai»" in run.stderr
    run = chibo("server-setup", "add-user", "có dấu cách", "--db", server, "--password-stdin", stdin="mat-khau-5\n")
    assert run.returncode == 1 and "không hợp lệ" in run.stderr


def test_an_account_without_admin_rights_is_told_so_and_nothing_changes(server):
    chibo("server-setup", "add-user", "bi_thu_6", "--db", server, "--password-stdin", stdin="mat-khau-6\n")
    run = chibo("server-setup", "--db", as_role(server, "bi_thu_6", "mat-khau-6"))
    assert run.returncode == 1
    assert "Tài khoản «bi_thu_6» không đủ quyền quản trị máy chủ" in run.stderr and "Traceback" not in run.stderr
    run = chibo(
        "server-setup",
        "add-user",
        "ban_moi",
        "--db",
        as_role(server, "bi_thu_6"),
        "--password-stdin",
        stdin="mat-khau-moi\n",
    )
    assert run.returncode == 1 and "không đủ quyền" in run.stderr
    assert "ban_moi" not in chibo("server-setup", "list", "--db", server).stdout


def test_a_branch_id_is_ascii_digits_only_and_no_digit_ever_brings_a_traceback(server):
    chibo("server-setup", "add-user", "bi_thu_7", "--db", server, "--password-stdin", stdin="mat-khau-7\n")
    for key in ("٢", "²", "１", "99999999999999999999"):  # Arabic-Indic 2, superscript 2, full-width 1, too long
        run = chibo("server-setup", "grant", "bi_thu_7", key, "--db", server)
        assert run.returncode == 1, run.stderr
        assert run.stderr.splitlines() == [
            f"Không có chi bộ «{key}» trên máy chủ. Các chi bộ đang có: 1 «{BRANCH.name}»."
        ]
    assert "- bi_thu_7: chưa được giao chi bộ nào" in chibo("server-setup", "list", "--db", server).stdout


def test_end_sessions_ends_an_accounts_open_transactions_and_keeps_its_grants(server):
    chibo("server-setup", "add-user", "bi_thu_8", "--db", server, "--password-stdin", stdin="mat-khau-8\n")
    chibo("server-setup", "grant", "bi_thu_8", "1", "--db", server)
    holder = psycopg.connect(as_role(server, "bi_thu_8", "mat-khau-8"))
    holder.execute("SELECT count(*) FROM branch").fetchone()  # a transaction left open
    run = chibo("server-setup", "end-sessions", "bi_thu_8", "--db", server)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Đã ngắt 1 phiên đang mở của «bi_thu_8»."
    with pytest.raises(psycopg.OperationalError):
        holder.execute("SELECT 1")
    holder.close()
    run = chibo("server-setup", "end-sessions", "bi_thu_8", "--db", server)
    assert run.stdout.strip() == "Tài khoản «bi_thu_8» không có phiên nào đang mở."
    assert f"- bi_thu_8: {BRANCH.name} (mã 1, xem và sửa)" in chibo("server-setup", "list", "--db", server).stdout
    run = chibo("server-setup", "end-sessions", "khong_ai", "--db", server)
    assert run.returncode == 1 and "Máy chủ không có tài khoản «khong_ai»" in run.stderr


def test_an_unreachable_server_or_database_exits_2_with_one_vietnamese_line(pg_url):
    run = chibo("server-setup", "list", "--db", "postgresql://quan_tri@127.0.0.1:9/chibo")
    assert run.returncode == 2
    assert run.stderr.startswith("Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1»")
    assert len(run.stderr.strip().splitlines()) == 1
    run = chibo("server-setup", "--db", pg_url.replace("/chibo_test?", "/khong_co?"))
    assert run.returncode == 2 and "không có cơ sở dữ liệu «khong_co»" in run.stderr
    run = chibo("server-setup", "--db", as_role(pg_url, "khong_ai"))
    assert run.returncode == 2 and "không có tài khoản «khong_ai»" in run.stderr


def test_a_data_file_or_no_address_is_refused(tmp_path):
    run = chibo("server-setup", "--db", str(tmp_path / "chibo.sqlite3"))
    assert run.returncode == 1 and "chỉ dùng với máy chủ PostgreSQL" in run.stderr
    assert chibo("server-setup", "list").returncode == 1
    assert not (tmp_path / "chibo.sqlite3").exists()


def test_a_database_not_set_up_is_told_to_run_the_set_up_first(pg_url):
    empty_database(pg_url)
    run = chibo("server-setup", "list", "--db", pg_url)
    assert run.returncode == 1 and "chưa được thiết lập cho nhiều chi bộ" in run.stderr
