"""`pull` makes a new data file, so it is encrypted by default like any new file: with a key the OS store keeps
(its recovery key printed once), or, where there is no store, plain with the reason said."""

from __future__ import annotations

import io

import keyring

from cli.moves import run_pull
from models.core import passphrases
from models.core.data_session import Opened, open_file
from models.core.database import close_database
from models.office.branch_moves import push_file
from tests.support.keyrings import NoKeyring
from tests.support.rich_branch import shot


def test_a_pulled_file_is_encrypted_and_its_recovery_key_printed(other_file, server, tmp_path):
    push_file(other_file, server)
    back = tmp_path / "ve.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    assert run_pull(server, 1, str(back), out=out, err=err) == 0, err.getvalue()
    recovery = out.getvalue().rsplit(": ", 1)[1].strip()
    assert "khóa khôi phục" in out.getvalue() and len(recovery) == 69
    assert not back.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert "Hoàng".encode() not in back.read_bytes()
    passphrases._known.clear()
    assert open_file(back).kind is Opened.OPENED  # the store keeps its key
    close_database()
    passphrases._known.clear()
    keyring.set_keyring(NoKeyring())  # another PC: the recovery key alone opens it
    assert open_file(back, recovery).kind is Opened.OPENED
    close_database()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no hidden copy left behind


def test_without_a_store_the_pulled_file_is_plain_and_it_is_said(other_file, server, tmp_path):
    keyring.set_keyring(NoKeyring())
    push_file(other_file, server)
    back = tmp_path / "ve.sqlite3"
    err = io.StringIO()
    assert run_pull(server, 1, str(back), out=io.StringIO(), err=err) == 0
    assert "không có kho khóa" in err.getvalue()
    assert shot(back) == shot(other_file)
