"""The headless `import` as the window's import: a backup first; a named pipe or a folder refused at once."""

from __future__ import annotations

import io
import os
from datetime import date

from cli.roster import run_import
from models.core.auto_backup import list_backups
from models.core.database import close_database, open_database
from models.roster.members import all_members
from tests.support.people import set_up_branch
from tests.support.roster_workbooks import write_roster

NEW = ["Phạm Văn Mới", "Nam", date(1990, 1, 2), date(2015, 3, 4), "87654321", ""]


def _data_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    close_database()
    return path


def test_an_import_takes_the_same_backup_as_the_window(tmp_path):
    path = _data_file(tmp_path)
    book = write_roster(tmp_path / "in.xlsx", [NEW])
    out, err = io.StringIO(), io.StringIO()
    assert run_import(str(book), db=str(path), out=out, err=err) == 0, err.getvalue()
    assert [b.reason for b in list_backups(path)] == ["import"]
    open_database(path)
    try:
        assert [m.full_name for m in all_members()] == ["Phạm Văn Mới"]
    finally:
        close_database()


def test_a_dry_run_takes_no_backup(tmp_path):
    path = _data_file(tmp_path)
    book = write_roster(tmp_path / "in.xlsx", [NEW])
    assert run_import(str(book), db=str(path), dry_run=True, out=io.StringIO(), err=io.StringIO()) == 0
    assert list_backups(path) == []


def test_a_named_pipe_or_a_folder_is_refused_at_once(tmp_path):
    path = _data_file(tmp_path)
    pipe = tmp_path / "ong.xlsx"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    for given, said in ((pipe, "đường ống"), (tmp_path, "thư mục")):
        err = io.StringIO()
        assert run_import(str(given), db=str(path), out=io.StringIO(), err=err) == 2
        assert said in err.getvalue() and "không phải tệp Excel" in err.getvalue()
    assert list_backups(path) == []
