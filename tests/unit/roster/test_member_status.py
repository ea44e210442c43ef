"""A member's status derived from the record and the events."""

from __future__ import annotations

import pytest

from models.roster.event_kinds import EventKind
from models.roster.member_status import (
    STATUS_LABELS,
    MemberStatus,
    member_status,
    status_from_events,
    validate_event,
)
from tests.support.rules_factories import d, ev, member


def status(m, on: str) -> MemberStatus:
    return member_status(m, d(on))


def test_probationary_until_official_date():
    m = member(admitted="15/03/2024", ceremony="01/04/2024", official="01/04/2025")
    before = status(m, "31/03/2025")
    assert (before.code, before.label) == ("probationary", "Đảng viên dự bị")
    assert before.is_current_member and before.is_probationary and not before.is_official
    after = status(m, "01/04/2025")
    assert (after.code, after.label, after.since) == ("official", "Đảng viên chính thức", d("01/04/2025"))
    assert after.is_official and not after.is_probationary


def test_recognised_event_makes_official_without_official_date():
    m = member(admitted="15/03/2024", events=[ev(EventKind.RECOGNISED, "20/03/2025")])
    assert status(m, "19/03/2025").code == "probationary"
    s = status(m, "20/03/2025")
    assert s.is_official and s.since == d("20/03/2025")


def test_before_admission_not_yet_a_member():
    s = status(member(admitted="15/03/2024"), "14/03/2024")
    assert s.code == "not_yet" and not s.is_current_member and not s.is_official and not s.is_probationary


def test_events_after_the_date_are_ignored():
    m = member(admitted="01/01/2000", official="01/01/2001", events=[ev(EventKind.DIED, "01/06/2025")])
    assert status(m, "31/05/2025").code == "official"
    died = status(m, "01/06/2025")
    assert (died.code, died.label, died.since) == ("died", "Từ trần", d("01/06/2025"))
    assert not died.is_current_member and not died.is_official and not died.is_probationary


def test_corrected_event_no_longer_counts():
    wrong = ev(EventKind.DIED, "01/06/2025", id=50, replaced_by=51)
    correct = ev(EventKind.TRANSFERRED_OUT, "01/06/2025", id=51, place="Chi bộ Trường THPT")
    m = member(admitted="01/01/2000", official="01/01/2001", events=[wrong, correct])
    s = status(m, "01/07/2025")
    assert s.code == "transferred_out" and s.label == "Đã chuyển đi"
    assert not s.is_current_member and s.is_official  # still an official member, elsewhere
    only_wrong = member(admitted="01/01/2000", official="01/01/2001", events=[wrong])
    assert status(only_wrong, "01/07/2025").code == "official"


@pytest.mark.parametrize(
    ("kind", "code", "label"),
    [
        (EventKind.STRUCK_OFF, "struck_off", "Đã bị xóa tên"),
        (EventKind.EXPELLED, "expelled", "Đã bị khai trừ"),
        (EventKind.RESIGNED, "resigned", "Đã ra khỏi Đảng"),
    ],
)
def test_party_exits(kind, code, label):
    s = status(member(admitted="01/01/2000", official="01/01/2001", events=[ev(kind, "01/03/2020")]), "01/03/2020")
    assert (s.code, s.label, s.is_current_member, s.is_official, s.is_probationary) == (
        code,
        label,
        False,
        False,
        False,
    )


def test_transferred_out_and_back_is_current_again():
    events = [ev(EventKind.TRANSFERRED_OUT, "01/07/2010"), ev(EventKind.TRANSFERRED_IN, "01/01/2011")]
    m = member(admitted="01/07/1995", official="01/07/1996", events=events)
    assert not status(m, "31/12/2010").is_current_member
    back = status(m, "01/01/2011")
    assert back.code == "official" and back.is_current_member


def test_member_admitted_elsewhere_belongs_from_transfer_in():
    m = member(admitted="01/07/2010", official="01/07/2011", events=[ev(EventKind.TRANSFERRED_IN, "01/03/2020")])
    assert status(m, "29/02/2020").code == "not_yet"
    assert not status(m, "29/02/2020").is_current_member
    assert status(m, "01/03/2020").code == "official"


def test_exemption_ends_by_end_date_inclusive():
    exempted = ev(EventKind.EXEMPTED, "01/01/2025", end_date=d("30/06/2025"))
    m = member(admitted="01/01/2000", official="01/01/2001", events=[exempted])
    assert status(m, "31/12/2024").code == "official"
    during = status(m, "30/06/2025")
    assert during.code == "exempted" and during.is_exempted and during.is_current_member and during.is_official
    assert during.label == "Miễn công tác và sinh hoạt đảng" and during.since == d("01/01/2025")
    after = status(m, "01/07/2025")
    assert after.code == "official" and not after.is_exempted


def test_exemption_ends_by_end_event_on_its_day():
    events = [ev(EventKind.EXEMPTED, "01/01/2025"), ev(EventKind.EXEMPTION_END, "15/06/2025")]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    assert status(m, "14/06/2025").is_exempted
    assert not status(m, "15/06/2025").is_exempted
    assert status(member(admitted="01/01/2000", events=events[:1]), "01/01/2040").is_exempted  # no end: still on


def test_end_event_before_end_date_wins():
    events = [
        ev(EventKind.SUSPENDED, "01/02/2025", end_date=d("01/05/2025")),
        ev(EventKind.SUSPENSION_END, "01/03/2025"),
    ]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    assert status(m, "28/02/2025").code == "suspended"
    assert status(m, "01/03/2025").code == "official"


def test_temporary_activity_elsewhere():
    events = [
        ev(EventKind.TEMPORARY_ELSEWHERE, "01/09/2025", place="Đảng bộ Học viện"),
        ev(EventKind.TEMPORARY_END, "01/12/2025"),
    ]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    s = status(m, "15/10/2025")
    assert s.code == "temporary_elsewhere" and s.label == "Sinh hoạt tạm thời nơi khác"
    assert s.is_current_member and s.is_temporary_elsewhere
    assert status(m, "01/12/2025").code == "official"


def test_periods_end_when_member_leaves():
    events = [
        ev(EventKind.EXEMPTED, "01/01/2020"),
        ev(EventKind.TRANSFERRED_OUT, "01/01/2021"),
        ev(EventKind.TRANSFERRED_IN, "01/01/2022"),
    ]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    s = status(m, "01/06/2022")
    assert s.code == "official" and not s.is_exempted


def test_several_flags_label_by_priority():
    events = [
        ev(EventKind.TEMPORARY_ELSEWHERE, "01/01/2025"),
        ev(EventKind.EXEMPTED, "01/02/2025"),
        ev(EventKind.SUSPENDED, "01/03/2025"),
    ]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    assert status(m, "15/01/2025").code == "temporary_elsewhere"
    assert status(m, "15/02/2025").code == "exempted"
    s = status(m, "15/03/2025")
    assert s.code == "suspended" and s.label == "Đình chỉ sinh hoạt"
    assert s.is_suspended and s.is_exempted and s.is_temporary_elsewhere


def test_readmitted_member_is_probationary_again_until_recognised():
    events = [
        ev(EventKind.EXPELLED, "01/01/2010"),
        ev(EventKind.READMITTED, "01/01/2020"),
        ev(EventKind.RECOGNISED, "05/01/2021"),
    ]
    m = member(admitted="01/01/2000", official="01/01/2001", events=events)
    assert status(m, "01/06/2005").is_official
    assert status(m, "01/06/2015").code == "expelled"
    again = status(m, "01/06/2020")
    assert again.code == "probationary" and again.is_current_member  # the old official date no longer counts
    assert status(m, "05/01/2021").code == "official"


def test_readmitted_member_with_new_official_date():
    events = [ev(EventKind.STRUCK_OFF, "01/01/2010"), ev(EventKind.READMITTED, "01/01/2020")]
    m = member(admitted="01/01/2000", official="01/01/2021", events=events)
    assert status(m, "31/12/2020").code == "probationary"
    assert status(m, "01/01/2021").code == "official"


def test_status_from_events_uses_the_given_history():
    m = member(admitted="01/01/2000", official="01/01/2001")
    assert status_from_events(m, [ev(EventKind.DIED, "01/01/2020")], d("01/01/2021")).code == "died"
    assert member_status(m, d("01/01/2021")).code == "official"


def test_every_status_has_a_vietnamese_label():
    assert set(STATUS_LABELS) == {
        "not_yet",
        "probationary",
        "official",
        "exempted",
        "suspended",
        "temporary_elsewhere",
        "transferred_out",
        "died",
        "struck_off",
        "expelled",
        "resigned",
    }


# --- validate_event -------------------------------------------------------------------------------------------------

TODAY = d("01/12/2025")


def check(m, new, events=None):
    return validate_event(m, m.events if events is None else events, new, today=TODAY)


def official_member(**values):
    values.setdefault("admitted", "01/01/2000")
    values.setdefault("official", "01/01/2001")
    values.setdefault("born", "01/01/1975")
    return member(**values)


def test_plain_event_passes():
    result = check(official_member(), ev(EventKind.DISCIPLINED, "01/10/2025", note="Khiển trách"))
    assert result.ok and result.errors == [] and result.warnings == []


def test_future_event_is_an_error():
    result = check(official_member(), ev(EventKind.DISCIPLINED, "02/12/2025"))
    assert result.errors == ["Sự kiện «Kỷ luật» ngày 02/12/2025 ở tương lai (hôm nay là 01/12/2025)."]


def test_event_before_birth_or_admission_is_an_error():
    result = check(official_member(born="01/01/1975"), ev(EventKind.DISCIPLINED, "31/12/1974"))
    assert any("trước ngày sinh 01/01/1975" in e for e in result.errors)
    result = check(official_member(), ev(EventKind.DISCIPLINED, "31/12/1999"))
    assert result.errors == ["Sự kiện «Kỷ luật» ngày 31/12/1999 trước ngày vào Đảng 01/01/2000."]


def test_no_event_after_death_except_posthumous_badge():
    m = official_member(events=[ev(EventKind.DIED, "01/03/2025")])
    result = check(m, ev(EventKind.DISCIPLINED, "01/04/2025"))
    assert len(result.errors) == 1 and "đã từ trần ngày 01/03/2025" in result.errors[0]
    assert check(m, ev(EventKind.TRANSFERRED_IN, "01/04/2025")).errors
    assert check(m, ev(EventKind.DISCIPLINED, "01/02/2025")).ok  # before the death
    posthumous = check(m, ev(EventKind.BADGE_AWARDED, "02/09/2025", note="Huy hiệu 30 năm"))
    assert posthumous.ok


def test_correcting_the_death_itself_is_checked_without_it():
    died = ev(EventKind.DIED, "01/03/2025")
    m = official_member(events=[died])
    corrected = ev(EventKind.DIED, "05/03/2025")
    assert check(m, corrected, events=[]).ok
    assert check(m, corrected).errors  # against the history that still holds the wrong one


def test_after_expulsion_only_readmission():
    m = official_member(events=[ev(EventKind.EXPELLED, "01/03/2020")])
    result = check(m, ev(EventKind.EXEMPTED, "01/04/2021"))
    assert len(result.errors) == 1
    assert "«Đã bị khai trừ» từ ngày 01/03/2020" in result.errors[0] and "«Kết nạp lại»" in result.errors[0]
    assert check(m, ev(EventKind.READMITTED, "01/04/2025")).ok


def test_readmission_only_after_leaving_the_party():
    result = check(official_member(), ev(EventKind.READMITTED, "01/04/2025"))
    assert result.errors == ["Chỉ kết nạp lại người đã ra khỏi Đảng (bị xóa tên, khai trừ hoặc xin ra khỏi Đảng)."]
    twice = official_member(
        events=[
            ev(EventKind.STRUCK_OFF, "01/01/2005"),
            ev(EventKind.READMITTED, "01/01/2010"),
            ev(EventKind.RESIGNED, "01/01/2015"),
        ]
    )
    result = check(twice, ev(EventKind.READMITTED, "01/01/2020"))
    assert result.ok and any("một lần" in w for w in result.warnings)


def test_transfer_in_only_when_not_on_the_roster():
    m = official_member(events=[ev(EventKind.ADMITTED, "01/01/2000")])
    assert check(m, ev(EventKind.TRANSFERRED_IN, "01/04/2025")).errors == [
        "Đảng viên đang sinh hoạt tại chi bộ; không thể ghi sự kiện «Chuyển sinh hoạt đến» ngày 01/04/2025."
    ]
    away = official_member(events=[ev(EventKind.TRANSFERRED_OUT, "01/01/2024")])
    assert check(away, ev(EventKind.TRANSFERRED_IN, "01/04/2025")).ok
    assert check(away, ev(EventKind.TRANSFERRED_OUT, "01/04/2025")).errors
    assert check(away, ev(EventKind.DISCIPLINED, "01/04/2025")).errors


def test_first_transfer_in_of_a_member_admitted_elsewhere():
    newcomer = official_member(admitted="01/01/2010", official="01/01/2011")
    assert check(newcomer, ev(EventKind.TRANSFERRED_IN, "01/03/2025")).ok
    arrived = official_member(admitted="01/01/2010", events=[ev(EventKind.TRANSFERRED_IN, "01/03/2025")])
    earlier = check(arrived, ev(EventKind.DISCIPLINED, "01/01/2024"))
    assert earlier.ok and earlier.warnings == [
        "Sự kiện «Kỷ luật» ngày 01/01/2024 xảy ra trước khi đảng viên chuyển đến chi bộ."
    ]


def test_recognition_timing():
    probationary = member(admitted="01/03/2024", ceremony="15/03/2024", born="01/01/1995")
    assert check(probationary, ev(EventKind.RECOGNISED, "15/03/2025")).ok
    early = check(probationary, ev(EventKind.RECOGNISED, "14/03/2025"))
    assert early.ok and len(early.warnings) == 1 and "15/03/2025" in early.warnings[0]
    before = check(probationary, ev(EventKind.RECOGNISED, "10/03/2024"))
    assert any("trước ngày lễ kết nạp 15/03/2024" in e for e in before.errors)
    # 30 working days after Saturday 15/03/2025, Giỗ Tổ (07/04) off, end on Saturday 26/04/2025 (a day worked in
    # exchange for Friday 02/05).
    assert check(probationary, ev(EventKind.RECOGNISED, "26/04/2025")).ok
    late = check(probationary, ev(EventKind.RECOGNISED, "28/04/2025"))
    assert late.ok and late.warnings == [
        "Công nhận ngày 28/04/2025 sau hạn 30 ngày làm việc kể từ khi hết dự bị (26/04/2025)."
    ]


def test_recognition_only_once_and_for_members_on_the_roster():
    m = member(admitted="01/03/2024", ceremony="15/03/2024", events=[ev(EventKind.RECOGNISED, "20/03/2025")])
    assert check(m, ev(EventKind.RECOGNISED, "25/03/2025")).errors == [
        "Đảng viên đã được công nhận chính thức ngày 20/03/2025."
    ]
    gone = member(admitted="01/03/2024", ceremony="15/03/2024", events=[ev(EventKind.STRUCK_OFF, "01/05/2025")])
    assert check(gone, ev(EventKind.RECOGNISED, "02/05/2025")).errors


def test_recognition_of_member_with_official_date_already_typed():
    same = member(admitted="01/03/2024", ceremony="15/03/2024", official="20/03/2025")
    assert check(same, ev(EventKind.RECOGNISED, "20/03/2025")).ok
    other = check(same, ev(EventKind.RECOGNISED, "25/03/2025"))
    assert other.ok and any("khác ngày công nhận 25/03/2025" in w for w in other.warnings)


def test_end_event_needs_a_start():
    result = check(official_member(), ev(EventKind.EXEMPTION_END, "01/04/2025"))
    assert result.errors == [
        "Chưa có sự kiện «Miễn công tác và sinh hoạt đảng» đang có hiệu lực để ghi "
        "«Thôi miễn công tác và sinh hoạt đảng»."
    ]
    exempted = official_member(events=[ev(EventKind.EXEMPTED, "01/01/2025")])
    assert check(exempted, ev(EventKind.EXEMPTION_END, "01/04/2025")).ok
    ended = official_member(events=[ev(EventKind.SUSPENDED, "01/01/2025"), ev(EventKind.SUSPENSION_END, "01/02/2025")])
    assert check(ended, ev(EventKind.SUSPENSION_END, "01/03/2025")).errors


def test_end_event_after_planned_end_is_a_warning():
    m = official_member(events=[ev(EventKind.TEMPORARY_ELSEWHERE, "01/01/2025", end_date=d("30/06/2025"))])
    result = check(m, ev(EventKind.TEMPORARY_END, "15/07/2025"))
    assert result.ok and result.warnings == [
        "«Sinh hoạt tạm thời nơi khác» từ ngày 01/01/2025 đã hết hạn ngày 30/06/2025."
    ]


def test_period_cannot_start_twice_and_end_date_after_start():
    m = official_member(events=[ev(EventKind.EXEMPTED, "01/01/2025")])
    assert check(m, ev(EventKind.EXEMPTED, "01/03/2025")).errors == [
        "Đảng viên đang trong thời gian «Miễn công tác và sinh hoạt đảng» từ ngày 01/01/2025."
    ]
    backwards = check(official_member(), ev(EventKind.SUSPENDED, "01/03/2025", end_date=d("28/02/2025")))
    assert backwards.errors == ["Ngày kết thúc 28/02/2025 trước ngày bắt đầu 01/03/2025."]


def test_leaving_event_cannot_go_before_later_events():
    m = official_member(events=[ev(EventKind.DISCIPLINED, "01/06/2025")])
    result = check(m, ev(EventKind.DIED, "01/05/2025"))
    assert result.errors == [
        "Đã có sự kiện «Kỷ luật» ngày 01/06/2025 sau ngày 01/05/2025; không thể ghi «Từ trần» trước đó."
    ]
    came_back = official_member(
        events=[ev(EventKind.TRANSFERRED_IN, "01/06/2025"), ev(EventKind.DISCIPLINED, "01/07/2025")]
    )
    assert check(came_back, ev(EventKind.TRANSFERRED_OUT, "01/05/2025")).ok
    badge_after_death = official_member(events=[ev(EventKind.BADGE_AWARDED, "02/09/2025", note="30 năm")])
    assert check(badge_after_death, ev(EventKind.DIED, "01/08/2025")).ok


def test_admitted_event_once_and_matching_the_record():
    m = official_member()
    assert check(m, ev(EventKind.ADMITTED, "01/01/2000")).ok
    other_day = check(m, ev(EventKind.ADMITTED, "05/01/2000"))
    assert other_day.ok and other_day.warnings == [
        "Ngày kết nạp 05/01/2000 khác ngày vào Đảng trong hồ sơ (01/01/2000)."
    ]
    twice = official_member(events=[ev(EventKind.ADMITTED, "01/01/2000")])
    assert check(twice, ev(EventKind.ADMITTED, "01/01/2000")).errors


def test_badge_event_checks_note_and_seniority():
    m = official_member(admitted="03/02/1995")
    assert check(m, ev(EventKind.BADGE_AWARDED, "03/02/2025", note="Huy hiệu 30 năm tuổi Đảng")).ok
    unnamed = check(m, ev(EventKind.BADGE_AWARDED, "03/02/2025"))
    assert unnamed.ok and "ghi mốc Huy hiệu" in unnamed.warnings[0]
    too_early = check(m, ev(EventKind.BADGE_AWARDED, "03/02/2025", note="40 năm"))
    assert too_early.warnings == ["Ngày 03/02/2025 đảng viên chưa đủ 40 năm tuổi Đảng (đủ ngày 03/02/2035)."]
    # up to 12 months early passes without a warning (seriously ill members)
    assert check(m, ev(EventKind.BADGE_AWARDED, "03/02/2024", note="30 năm")).ok
    again = official_member(admitted="03/02/1995", events=[ev(EventKind.BADGE_AWARDED, "03/02/2025", note="30 năm")])
    assert check(again, ev(EventKind.BADGE_AWARDED, "19/05/2025", note="30 năm")).warnings == [
        "Đảng viên đã được trao Huy hiệu 30 năm tuổi Đảng."
    ]
