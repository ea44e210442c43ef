"""Two clients editing the same member or rating: the second save is refused, saying what changed; who saved what."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date

import pytest

from models.core.errors import ConflictError, EditConflictError
from models.core.partial_dates import year_only
from models.core.tables import db
from models.core.who import current_user
from models.roster.event_kinds import EventKind
from models.roster.members import get_member, record_event, save_member, void_event
from models.roster.rating_book import ratings_for_year, save_ratings
from models.roster.records import EventRecord
from models.roster.tables import Member, MemberEvent, Rating
from tests.support.people import member

TODAY = date(2026, 11, 22)


def _expected_user(target) -> str:
    """The role named in the server's URL (libpq's default is the login name), or the login name on a file."""
    from urllib.parse import urlsplit

    return ("://" in str(target) and urlsplit(str(target)).username) or getpass.getuser()


def test_every_write_records_who_made_it_and_bumps_the_version(data_file):
    saved = save_member(member(5), TODAY).member  # probationary: no official date yet
    row = Member.get_by_id(saved.id)
    assert (saved.version, row.version, row.updated_by) == (1, 1, _expected_user(data_file))
    again = save_member(replace(saved, phone="0912 345 678"), TODAY).member
    assert again.version == 2
    record_event(saved.id, EventRecord(EventKind.RECOGNISED, date(2026, 6, 15)), TODAY)  # fills the official date
    assert get_member(saved.id).version == 3
    assert {e.created_by for e in MemberEvent.select()} == {_expected_user(data_file)}
    recognition = MemberEvent.get(MemberEvent.kind == EventKind.RECOGNISED)
    void_event(recognition.id, "Ghi nhầm", TODAY)
    assert MemberEvent.get_by_id(recognition.id).voided_by == _expected_user(data_file)
    assert get_member(saved.id).version == 4  # the official date went with the recognition
    assert current_user() == _expected_user(data_file)


def test_a_second_save_from_the_same_read_is_refused_naming_what_the_other_client_changed(data_file):
    read = save_member(member(0), TODAY).member
    theirs = save_member(replace(read, phone="0987 654 321", birth_date=year_only(1975), job_title=""), TODAY).member
    mine = replace(read, notes="Đã chuyển sinh hoạt tạm thời")
    with pytest.raises(EditConflictError) as caught:
        save_member(mine, TODAY, read=read)
    error = caught.value
    assert isinstance(error, ConflictError) and not error.deleted
    assert error.changes == [
        ("Ngày sinh", "«12/04/1975»", "«1975»"),
        ("Chức vụ", "«Chánh Văn phòng»", "(để trống)"),
        ("Điện thoại", "(để trống)", "«0987 654 321»"),
    ]
    lines = error.message.splitlines()
    assert lines[0].startswith(f"Phiếu đảng viên Nguyễn Văn An vừa được người dùng «{_expected_user(data_file)}»")
    assert "Chưa có thay đổi nào của bạn được lưu" in lines[0]
    assert "• Điện thoại: (để trống) → «0987 654 321»" in lines
    assert lines[-1].startswith("Hãy tải lại phiếu")
    now = get_member(read.id)
    assert (now.notes, now.phone, now.version) == ("", "0987 654 321", theirs.version)  # nothing of mine written


def test_saving_again_from_the_fresh_read_succeeds(data_file):
    read = save_member(member(0), TODAY).member
    save_member(replace(read, phone="0987 654 321"), TODAY)
    with pytest.raises(EditConflictError):
        save_member(replace(read, notes="Ghi chú"), TODAY, read=read)
    fresh = get_member(read.id)
    saved = save_member(replace(fresh, notes="Ghi chú"), TODAY, read=fresh).member
    assert (saved.phone, saved.notes, saved.version) == ("0987 654 321", "Ghi chú", 3)


def test_a_member_deleted_meanwhile_has_its_own_message(data_file):
    read = save_member(member(0), TODAY).member
    MemberEvent.delete().where(MemberEvent.member == read.id).execute()  # as an administrator's SQL client would
    Member.delete().where(Member.id == read.id).execute()
    with pytest.raises(EditConflictError) as caught:
        save_member(replace(read, phone="0912"), TODAY, read=read)
    assert caught.value.deleted and caught.value.changes == []
    assert "Nguyễn Văn An" in caught.value.message and "đã bị xóa hoặc chuyển khỏi chi bộ" in caught.value.message
    assert Member.select().count() == 0


def test_an_update_must_name_the_version_it_read(data_file):
    read = save_member(member(0), TODAY).member
    with pytest.raises(ValueError):
        save_member(replace(read, version=None, phone="0912"), TODAY)
    assert get_member(read.id).phone == ""


def test_who_is_unknown_rather_than_a_crash_when_the_system_has_no_login_name(sqlite_file, monkeypatch):
    def no_login() -> str:
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    monkeypatch.delattr(db.obj, "_chibo_current_user", raising=False)
    assert current_user() == ""
    assert Member.get_by_id(save_member(member(0), TODAY).member.id).updated_by == ""


# ratings ---------------------------------------------------------------------------------------


def _read(year: int, members: list[int]) -> dict:
    saved = {r.member_id: r for r in ratings_for_year(year)}
    return {m: saved.get(m) for m in members}


def test_ratings_changed_meanwhile_are_refused_and_nothing_is_written(data_file):
    a, b, c = (save_member(member(i), TODAY).member.id for i in range(3))
    save_ratings(2025, {a: "good", b: "good"})
    read = _read(2025, [a, b, c])
    save_ratings(2025, {a: "done", c: "good"}, read=read)  # the other client: a re-rated, c rated
    with pytest.raises(EditConflictError) as caught:
        save_ratings(2025, {a: "excellent", b: "excellent", c: "done"}, read=read)
    assert caught.value.changes == [
        ("Nguyễn Văn An", "«Hoàn thành tốt nhiệm vụ»", "«Hoàn thành nhiệm vụ»"),
        ("Lê Văn Cường", "(chưa xếp loại)", "«Hoàn thành tốt nhiệm vụ»"),
    ]
    assert caught.value.message.startswith("Kết quả xếp loại năm 2025 của 2 đảng viên vừa được lưu trên máy khác")
    assert {r.member_id: r.level for r in ratings_for_year(2025)} == {a: "done", b: "good", c: "good"}


def test_ratings_another_client_changed_but_this_one_did_not_are_kept(data_file):
    a, b = (save_member(member(i), TODAY).member.id for i in range(2))
    save_ratings(2025, {a: "good", b: "good"})
    read = _read(2025, [a, b])
    save_ratings(2025, {b: "done"}, read=read)  # the other client
    save_ratings(2025, {a: "excellent", b: "good"}, read=read)  # b as read: left alone, not written back
    ratings = {r.member_id: r for r in ratings_for_year(2025)}
    assert {m: r.level for m, r in ratings.items()} == {a: "excellent", b: "done"}
    assert (ratings[a].version, ratings[b].version) == (2, 2)
    assert Rating.get(Rating.member == a).updated_by == _expected_user(data_file)


def test_a_rating_cleared_meanwhile_is_a_conflict(data_file):
    a = save_member(member(0), TODAY).member.id
    save_ratings(2025, {a: "good"})
    read = _read(2025, [a])
    save_ratings(2025, {a: None}, read=read)
    with pytest.raises(EditConflictError) as caught:
        save_ratings(2025, {a: "excellent"}, read=read)
    assert caught.value.changes == [("Nguyễn Văn An", "«Hoàn thành tốt nhiệm vụ»", "(chưa xếp loại)")]
    assert ratings_for_year(2025) == []


def test_who_saved_a_member_last_is_told(data_file):
    from models.roster.edit_conflicts import last_saved_text

    saved = save_member(member(0), TODAY).member
    who = _expected_user(data_file)
    assert last_saved_text(saved.id) == f"Lưu lần cuối lúc 09:00 ngày 01/12/2026, người dùng «{who}»."
    assert last_saved_text(saved.id + 1) == ""


def test_a_rating_inserted_by_another_client_at_the_same_moment_is_a_conflict_not_a_database_error(
    data_file, monkeypatch
):
    """Both read «no rating» and both insert: the database's unique (member, year) index refuses the second."""
    from models.roster import rating_book

    a = save_member(member(0), TODAY).member.id
    read = _read(2025, [a])
    save_ratings(2025, {a: "good"}, read=read)  # the other client, a moment earlier
    monkeypatch.setattr(rating_book, "_year_ratings", lambda year, ids: [])  # as read before their commit
    with pytest.raises(ConflictError) as caught:
        save_ratings(2025, {a: "excellent"}, read=read)
    assert caught.value.message.startswith("Kết quả xếp loại năm 2025 vừa được lưu trên máy khác; chưa có gì")
    assert [r.level for r in ratings_for_year(2025)] == ["good"]
