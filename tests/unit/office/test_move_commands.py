"""`main.py dua-len-may-chu` and `main.py lay-ve-tep` in a subprocess: Vietnamese output and the exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.commands import chibo
from tests.support.rich_branch import shot

ROOT = Path(__file__).resolve().parents[3]


def test_push_refuse_merge_and_pull_back(rich_file, server, tmp_path):
    run = chibo("dua-len-may-chu", "--db", str(rich_file), "--server", server)
    assert run.returncode == 0, run.stderr
    assert "Đã chép chi bộ «Chi bộ Văn phòng Sở» (mã 1)." in run.stdout
    assert "Thêm mới: 32 đảng viên, " in run.stdout and "58 dòng nhật ký nhập phiếu" in run.stdout
    again = chibo("push", "--db", str(rich_file), "--server", server)
    assert again.returncode == 1 and again.stdout == ""
    assert "đã có chi bộ «Chi bộ Văn phòng Sở»" in again.stderr and "--merge" in again.stderr
    assert "Traceback" not in again.stderr and "psycopg" not in again.stderr
    merged = chibo("push", "--db", str(rich_file), "--server", server, "--merge")
    assert merged.returncode == 0, merged.stderr
    assert "Gộp vào chi bộ" in merged.stdout and "Thêm mới" not in merged.stdout
    back = tmp_path / "ve.sqlite3"
    pulled = chibo("lay-ve-tep", "--server", server, "--branch", "1", "--db", str(back))
    assert pulled.returncode == 0, pulled.stderr
    assert f"vào tệp mới «{back}»" in pulled.stdout
    assert shot(back) == shot(rich_file)
    twice = chibo("pull", "--server", server, "--branch", "1", "--db", str(back))
    assert twice.returncode == 2 and "ChiBo không ghi đè" in twice.stderr
    unknown = chibo("pull", "--server", server, "--branch", "9", "--db", str(tmp_path / "khac.sqlite3"))
    assert unknown.returncode == 1 and "Máy chủ không có chi bộ mã 9" in unknown.stderr


def test_a_missing_file_or_a_silent_server_exits_2_in_vietnamese(rich_file, tmp_path):
    missing = chibo("push", "--db", str(tmp_path / "khong-co.sqlite3"), "--server", "postgresql://x@/y")
    assert missing.returncode == 2 and "Không có tệp dữ liệu" in missing.stderr
    not_server = chibo("push", "--db", str(rich_file), "--server", str(tmp_path / "khac.sqlite3"))
    assert not_server.returncode == 2 and "không phải địa chỉ máy chủ" in not_server.stderr
    silent = chibo("push", "--db", str(rich_file), "--server", f"postgresql://ai:mat-khau@/chibo?host={tmp_path}")
    assert silent.returncode == 2 and "Không kết nối được tới máy chủ cơ sở dữ liệu" in silent.stderr
    assert "mat-khau" not in silent.stderr and "Traceback" not in silent.stderr


def test_an_encrypted_file_is_pushed_with_its_passphrase_from_the_environment(server, tmp_path):
    from models.core import passphrases
    from models.core.database import close_database, open_database
    from models.roster.members import save_member
    from tests.support.people import member, set_up_branch

    locked = tmp_path / "ma-hoa.sqlite3"
    open_database(locked, "Mật khẩu chi bộ 2026")
    set_up_branch()
    save_member(member(0))
    close_database()
    passphrases.forget(locked)
    asked = chibo("push", "--db", str(locked), "--server", server)
    assert asked.returncode == 2 and "CHIBO_PASSPHRASE" in asked.stderr and "Traceback" not in asked.stderr
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "CHIBO_PASSPHRASE": "Mật khẩu chi bộ 2026"}
    command = [sys.executable, str(ROOT / "main.py"), "push", "--db", str(locked), "--server", server]
    pushed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert pushed.returncode == 0, pushed.stderr
    assert "Thêm mới: 1 đảng viên" in pushed.stdout
