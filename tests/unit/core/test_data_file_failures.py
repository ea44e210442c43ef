"""Data files that are damaged, empty, read-only or on a full disk: refused or opened read-only with a Vietnamese
message, the file's bytes untouched, nothing new left behind, and no raw SQLite error ever raised."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3

import peewee as pw
import pytest

from models.core import database
from models.core.branch import BranchInfo, get_branch, save_branch
from models.core.database import backup_open_database, close_database, is_read_only, open_database
from models.core.errors import DatabaseFileError, DomainError, StorageError
from models.core.sqlite_storage import storage_error
from models.core.tables import db
from models.roster.members import all_members, save_member
from tests.support.disks import fill, make_read_only, ram_disk
from tests.support.people import all_people, member

BRANCH = BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ", "Hà Nội", "CB")
RAW_TEXTS = ("malformed", "readonly", "disk is full", "i/o", "unable to open", "database", "error")
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lâm", "Minh", "Nam", "Oanh", "Phúc"]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vietnamese_only(message: str) -> bool:
    return not any(raw in message.lower() for raw in RAW_TEXTS)


@pytest.fixture
def roster_file(tmp_path):
    """A closed data file holding a branch and twelve members."""
    path = tmp_path / "chi-bo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    close_database()
    return path


def many_members():
    """Distinct new members, as many as a test may need to fill a disk."""
    for index, (middle, given) in enumerate(itertools.product(GIVEN_NAMES * 4, GIVEN_NAMES)):
        yield member(index % 12, full_name=f"Nguyễn {middle} Văn {given} {'Thị ' * (index // 144)}", card_number="")


def page_geometry(path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    finally:
        con.close()


# damaged ----------------------------------------------------------------------------------------
def test_flipped_middle_page_is_refused_and_untouched(roster_file):
    size, count = page_geometry(roster_file)
    data = bytearray(roster_file.read_bytes())
    start = (count // 2) * size
    data[start : start + size] = bytes(b ^ 0xFF for b in data[start : start + size])
    roster_file.write_bytes(bytes(data))
    before = digest(roster_file)
    with pytest.raises(DatabaseFileError, match="bị hỏng") as refused:
        open_database(roster_file)
    assert "bản sao lưu" in refused.value.message and vietnamese_only(refused.value.message)
    assert digest(roster_file) == before
    assert sorted(p.name for p in roster_file.parent.iterdir()) == [roster_file.name]  # no side files made
    assert db.obj.is_closed()


def test_index_out_of_step_with_its_table_is_found_by_the_full_check(roster_file, monkeypatch):
    # Quick_check does not compare index and table contents; for a small file the full integrity_check runs.
    con = sqlite3.connect(roster_file)
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        'UPDATE sqlite_master SET sql = \'CREATE INDEX "member_birth_date" ON "member" ("admission_date")\' '
        "WHERE name = 'member_birth_date'"
    )
    con.commit()
    con.close()
    before = digest(roster_file)
    with pytest.raises(DatabaseFileError, match="bị hỏng"):
        open_database(roster_file)
    assert digest(roster_file) == before
    monkeypatch.setattr(database, "FULL_CHECK_MAX_BYTES", 0)  # a big file gets quick_check only
    open_database(roster_file)
    close_database()


# empty ------------------------------------------------------------------------------------------
def test_zero_length_file_is_refused_not_turned_into_a_new_branch(tmp_path):
    path = tmp_path / "chép-lỗi.sqlite3"
    path.touch()
    with pytest.raises(DatabaseFileError, match=r"trống \(0 byte\)") as refused:
        open_database(path)
    assert "sao chép" in refused.value.message and str(path) in refused.value.message
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# read-only --------------------------------------------------------------------------------------
def read_only_where(monkeypatch, *paths) -> None:
    """Make these paths unwritable as far as ChiBo can tell (chmod does not stop root, so tests say it here)."""
    refused = {str(p) for p in paths}
    monkeypatch.setattr(database, "_writable", lambda p: str(p) not in refused)


@pytest.mark.parametrize("unwritable", ["file", "folder"])
def test_read_only_file_or_folder_opens_read_only_and_refuses_writes(roster_file, monkeypatch, unwritable):
    read_only_where(monkeypatch, roster_file if unwritable == "file" else roster_file.parent)
    before = digest(roster_file)
    open_database(roster_file)
    try:
        assert is_read_only()
        assert get_branch().name == BRANCH.name
        assert len(all_members()) == len(all_people())
        with pytest.raises(StorageError, match="chỉ cho phép đọc") as refused:
            save_member(member(0, full_name="Nguyễn Văn Mới", card_number="99999999"))
        assert "vẫn nguyên vẹn" in refused.value.message and vietnamese_only(refused.value.message)
        with pytest.raises(StorageError, match="chỉ cho phép đọc"):
            save_branch(BranchInfo("Chi bộ Khác", "ĐẢNG BỘ SỞ", "Hà Nội", "CB"))
        assert len(all_members()) == len(all_people())
        backup = backup_open_database(roster_file.parent / "ban-sao.sqlite3")  # reading is all a backup needs
    finally:
        close_database()
    assert digest(roster_file) == before
    monkeypatch.undo()
    open_database(backup)
    try:
        assert not is_read_only() and len(all_members()) == len(all_people())
    finally:
        close_database()


def test_read_only_file_needing_an_upgrade_is_refused_untouched(roster_file, monkeypatch):
    read_only_where(monkeypatch, roster_file)
    from models import migrations

    current = database.SCHEMA_VERSION
    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {current: lambda handle: None})
    before = digest(roster_file)
    with pytest.raises(DatabaseFileError, match="nâng cấp"):
        open_database(roster_file)
    assert digest(roster_file) == before
    assert not list(roster_file.parent.glob("*truoc-nang-cap*"))


def test_new_file_in_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    read_only_where(monkeypatch, tmp_path)
    with pytest.raises(DatabaseFileError, match="thư mục chứa tệp không cho phép ghi"):
        open_database(tmp_path / "moi.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_file_on_a_read_only_disk_opens_read_only(roster_file, tmp_path):
    # A real refusal by the operating system, which also binds root: a RAM disk remounted read-only.
    with ram_disk(tmp_path / "usb", "1m") as disk:
        copy = disk / "chi-bo.sqlite3"
        copy.write_bytes(roster_file.read_bytes())
        make_read_only(disk)
        before = digest(copy)
        open_database(copy)
        try:
            assert is_read_only()
            assert len(all_members()) == len(all_people())
            with pytest.raises(StorageError, match="chỉ cho phép đọc"):
                save_member(member(0, full_name="Nguyễn Văn Mới", card_number="99999999"))
        finally:
            close_database()
        assert digest(copy) == before
        assert sorted(p.name for p in disk.iterdir()) == ["chi-bo.sqlite3"]


# full disk --------------------------------------------------------------------------------------
def test_new_file_on_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch, sqlite_file):
    # SQLite's own page limit gives the very error a full disk gives ("database or disk is full").
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "max_page_count", 1)
    target = tmp_path / "moi" / "chi-bo-moi.sqlite3"
    with pytest.raises(DatabaseFileError, match="ổ đĩa chứa tệp đã đầy") as refused:
        open_database(target)
    assert "Không có tệp nào được tạo" in refused.value.message and vietnamese_only(refused.value.message)
    assert list(target.parent.iterdir()) == []


def test_new_file_on_a_really_full_disk_leaves_nothing_behind(tmp_path):
    with ram_disk(tmp_path / "full", "64k") as disk:
        filler = fill(disk)
        with pytest.raises(DatabaseFileError, match="Không tạo được tệp dữ liệu") as refused:
            open_database(disk / "chi-bo.sqlite3")
        assert vietnamese_only(refused.value.message)
        assert list(disk.iterdir()) == [filler]


def test_write_on_a_full_disk_saves_nothing_and_says_so(sqlite_file):
    save_branch(BRANCH)
    db.obj.execute_sql(f"PRAGMA max_page_count = {db.obj.execute_sql('PRAGMA page_count').fetchone()[0]}")
    saved = 0
    with pytest.raises(StorageError, match="ổ đĩa chứa tệp đã đầy") as refused:
        for record in many_members():
            save_member(record)
            saved += 1
    assert "giải phóng" in refused.value.message and vietnamese_only(refused.value.message)
    assert len(all_members()) == saved  # the failed save left nothing half-written
    assert get_branch().name == BRANCH.name


def test_write_on_a_really_full_disk_saves_nothing(tmp_path):
    with ram_disk(tmp_path / "full", "512k") as disk:
        open_database(disk / "chi-bo.sqlite3")
        try:
            save_branch(BRANCH)
            fill(disk)
            with pytest.raises(StorageError) as refused:
                for record in many_members():
                    save_member(record)
            assert vietnamese_only(refused.value.message)
            (disk / "filler.bin").unlink()
            assert get_branch().name == BRANCH.name
        finally:
            close_database()


def test_backup_that_cannot_be_written_names_the_cause(sqlite_file, tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("")
    with pytest.raises(StorageError, match="Không sao lưu được") as refused:
        backup_open_database(blocker / "ban-sao.sqlite3")
    assert "Không có tệp sao lưu nào được tạo" in refused.value.message


# the translation point --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("database or disk is full", "ổ đĩa chứa tệp đã đầy"),
        ("attempt to write a readonly database", "chỉ cho phép đọc"),
        ("disk I/O error", "ổ đĩa gặp lỗi khi đọc hoặc ghi"),
        ("database disk image is malformed", "tệp dữ liệu bị hỏng"),
        ("database is locked", "khóa"),
    ],
)
def test_failing_statement_becomes_a_vietnamese_domain_error(sqlite_file, monkeypatch, raw, said):
    real = pw.SqliteDatabase.execute_sql

    def failing(self, sql, params=None):
        if sql.startswith("INSERT"):
            raise pw.OperationalError(raw)
        return real(self, sql, params)

    monkeypatch.setattr(pw.SqliteDatabase, "execute_sql", failing)
    with pytest.raises(DomainError, match=said) as refused:
        save_member(member(0))
    assert vietnamese_only(refused.value.message)
    assert all_members() == []


def test_only_storage_failures_are_translated():
    assert storage_error(pw.IntegrityError("UNIQUE constraint failed: member.card_number")) is None
    assert storage_error(ValueError("database or disk is full")) is None
    assert "đã đầy" in storage_error(sqlite3.OperationalError("database or disk is full")).message


def test_full_disk_inside_a_nested_transaction_still_names_the_cause(sqlite_file):
    # SQLite may roll the whole transaction back by itself; the savepoint and outer rollbacks must not hide that.
    from models.core.tables import Meta

    db.obj.execute_sql(f"PRAGMA max_page_count = {db.obj.execute_sql('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StorageError, match="đã đầy"), db.atomic():
        Meta.replace(key="note", value="trước").execute()
        with db.atomic():
            for index in range(2_000):
                Meta.replace(key=f"k{index}", value="x" * 500).execute()
    assert Meta.get_or_none(Meta.key == "note") is None


def test_backup_onto_a_really_full_disk_leaves_no_partial_copy(tmp_path, roster_file):
    open_database(roster_file)
    try:
        with ram_disk(tmp_path / "usb", "64k") as disk:
            fill(disk)
            with pytest.raises(StorageError, match="ổ đĩa chứa tệp đã đầy") as refused:
                backup_open_database(disk / "ban-sao.sqlite3")
            assert vietnamese_only(refused.value.message)
            assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
    finally:
        close_database()
