"""A congress's own facts, its status, and the summoned list as a snapshot of the roster on the opening day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.congress.checkin import check_in
from models.congress.congresses import (
    CongressInfo,
    check_congress,
    close_congress,
    find_congress,
    list_congresses,
    open_session,
    save_congress,
)
from models.congress.summons import not_yet_summoned, summon_member, summoned_list, take_summons
from models.core.errors import ConflictError, NotFoundError, ValidationError
from models.counting import Attendance, Situation
from models.roster.event_kinds import EventKind
from models.roster.members import get_member, record_event, save_member
from models.roster.records import EventRecord, MemberRecord
from tests.support import congress_story as story


def test_the_ordinal_is_a_number_shown_in_roman_and_the_term_has_both_years():
    info = CongressInfo(4, 2025, 2027, story.DAY)
    assert info.ordinal_text == "lần thứ IV"
    assert info.term_text == "nhiệm kỳ 2025–2027"  # a 2.5-year term
    assert info.title == "Đại hội lần thứ IV, nhiệm kỳ 2025–2027"


def test_every_problem_of_the_facts_is_reported_at_once():
    bad = CongressInfo(0, 2030, 2025, date(2025, 6, 20), closes_on=date(2025, 6, 19))
    problems = check_congress(bad)
    assert len(problems) == 3
    assert any("lần thứ" in p for p in problems) and any("Năm cuối" in p for p in problems)
    assert any("bế mạc" in p for p in problems)
    assert check_congress(CongressInfo(1, 2020, 2030, date(2020, 5, 1))) == ["Nhiệm kỳ 2020–2030 dài quá 5 năm."]


def test_several_congresses_over_the_years_and_the_ordinal_is_unique(congress12):
    older = save_congress(CongressInfo(3, 2020, 2025, date(2020, 6, 1)))
    assert [c.ordinal for c in list_congresses()] == [4, 3]
    assert find_congress(3).id == older.id
    with pytest.raises(ConflictError, match="lần thứ IV"):
        save_congress(CongressInfo(4, 2025, 2030, date(2025, 7, 1)))
    with pytest.raises(NotFoundError):
        find_congress(9)


def test_status_runs_preparing_in_session_closed_and_a_closed_congress_is_read_only(congress12):
    assert congress12.status_label == "Đang chuẩn bị"
    with pytest.raises(ConflictError, match="chưa khai mạc"):
        close_congress(congress12.id)
    story.check_in_all(congress12.id)
    assert open_session(congress12.id).status_label == "Đang họp"
    closed = close_congress(congress12.id)
    assert closed.read_only and closed.closes_on is not None
    person = summoned_list(congress12.id)[0]
    with pytest.raises(ConflictError, match="đã bế mạc"):
        check_in(person.id, Attendance.PRESENT)
    with pytest.raises(ConflictError, match="đã bế mạc"):
        save_congress(replace(closed, place="Nơi khác"))


def test_the_list_is_the_roster_on_the_opening_day_with_each_situation(congress12):
    people = summoned_list(congress12.id)
    assert len(people) == 14
    assert sum(p.official for p in people) == 12
    assert sorted(p.situation for p in people if p.situation != Situation.NORMAL) == ["exempted", "temporary_elsewhere"]
    assert {p.kind_label for p in people if not p.official} == {"Dự bị"}
    assert all(p.attendance is None and p.attendance_label == "Chưa điểm danh" for p in people)


def test_the_list_is_in_vietnamese_order(data_file):
    for name in ("Trần Văn Đức", "Lê Thị Dung", "Nguyễn Văn Ánh", "Phạm Văn An"):
        save_member(MemberRecord(name, "Nam", date(1980, 1, 1), date(2000, 1, 1), official_date=date(2001, 1, 1)))
    congress = story.congress()
    assert [p.full_name for p in summoned_list(congress.id)] == [
        "Phạm Văn An",
        "Nguyễn Văn Ánh",
        "Lê Thị Dung",
        "Trần Văn Đức",
    ]


def test_a_later_roster_edit_does_not_rewrite_the_list(branch12, congress12):
    member = branch12[0]
    record_event(member.id, EventRecord(EventKind.SUSPENDED, date(2025, 6, 10)), story.DAY)
    saved = get_member(member.id)
    save_member(replace(saved, full_name="Tên Đã Đổi"), story.DAY)
    snap = next(p for p in summoned_list(congress12.id) if p.member_id == member.id)
    assert snap.full_name == member.full_name and snap.situation == Situation.NORMAL
    change = take_summons(congress12.id)  # taken again on purpose while preparing
    assert change.updated == ("Tên Đã Đổi",)
    snap = next(p for p in summoned_list(congress12.id) if p.member_id == member.id)
    assert snap.situation == Situation.SUSPENDED and not snap.may_stand


def test_members_not_on_the_roster_that_day_are_not_summoned(branch12, data_file):
    left = branch12[1]
    record_event(left.id, EventRecord(EventKind.TRANSFERRED_OUT, date(2025, 5, 1), place="Chi bộ B"), story.DAY)
    late = save_member(MemberRecord("Hồ Văn Muộn", "Nam", date(1990, 1, 1), date(2025, 7, 1))).member
    congress = story.congress()
    ids = {p.member_id for p in summoned_list(congress.id)}
    assert left.id not in ids and late.id not in ids
    with pytest.raises(ValidationError, match="không sinh hoạt tại chi bộ ngày 20/06/2025"):
        summon_member(congress.id, late.id)


def test_a_member_added_before_the_congress_opens_is_summoned_in_one_action(congress12):
    new = save_member(
        MemberRecord("Đinh Văn Mới", "Nam", date(1990, 1, 1), date(2010, 1, 1), official_date=date(2011, 1, 1))
    ).member
    assert [m.full_name for m in not_yet_summoned(congress12.id)] == ["Đinh Văn Mới"]
    added = summon_member(congress12.id, new.id)
    assert added.official and added.full_name == "Đinh Văn Mới"
    assert not_yet_summoned(congress12.id) == []
    with pytest.raises(ConflictError, match="đã có trong danh sách"):
        summon_member(congress12.id, new.id)


def test_the_list_is_kept_once_the_congress_opens(congress12):
    story.check_in_all(congress12.id)
    open_session(congress12.id)
    with pytest.raises(ConflictError, match="giữ nguyên"):
        take_summons(congress12.id)
