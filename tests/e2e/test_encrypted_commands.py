"""The headless commands on an encrypted data file: the passphrase from CHIBO_PASSPHRASE (or a terminal prompt),
a clear refusal without it, and a note that the written workbook is not encrypted."""

from __future__ import annotations

import pytest

from models.core import passphrases
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.commands import chibo
from tests.support.people import member, set_up_branch

SECRET = "Mật khẩu chi bộ 2026"


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path, SECRET)
    set_up_branch()
    for index in range(3):
        save_member(member(index))
    close_database()
    passphrases.forget(path)
    return path


def test_an_export_takes_the_passphrase_from_the_environment_and_says_the_workbook_is_plain(data_file, tmp_path):
    target = tmp_path / "danh sách.xlsx"
    run = chibo("export", "danh-sach", "-o", str(target), "--db", str(data_file), passphrase=SECRET)
    assert run.returncode == 0, run.stderr
    assert target.is_file()
    assert "không được mã hóa" in run.stderr


def test_without_the_passphrase_the_command_says_how_to_give_it(data_file, tmp_path):
    run = chibo("stats", "--db", str(data_file))
    assert run.returncode == 2
    assert "đã được mã hóa" in run.stderr and "CHIBO_PASSPHRASE" in run.stderr
    wrong = chibo("stats", "--db", str(data_file), passphrase="không phải mật khẩu")
    assert wrong.returncode == 2 and "không đúng" in wrong.stderr
    assert "Traceback" not in run.stderr + wrong.stderr
    right = chibo("stats", "--db", str(data_file), passphrase=SECRET)
    assert right.returncode == 0 and "3" in right.stdout
