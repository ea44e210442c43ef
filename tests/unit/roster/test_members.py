"""Member operations on a real data file: validation, duplicates, normalisation, atomic writes."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from models.core.errors import NotFoundError, ValidationError
from models.core.partial_dates import is_year_only, year_only
from models.roster.member_validation import check_record
from models.roster.members import all_members, check_member, get_member, save_member
from models.roster.tables import Member
from tests.support.people import member

TODAY = date(2026, 11, 22)


def fields_of(issues):
    return [i.field for i in issues]


def test_required_fields_are_named():
    record = member(0, full_name="  ", birth_date=None, admission_date=None)
    report = check_record(record, TODAY)
    assert set(fields_of(report.errors)) == {"full_name", "birth_date", "admission_date"}
    assert all("Chưa nhập" in i.message for i in report.errors)


def test_future_dates_are_errors():
    report = check_record(member(0, birth_date=date(2027, 1, 1)), TODAY)
    assert "birth_date" in fields_of(report.errors)
    assert "tương lai" in report.errors[0].message


def test_official_before_twelve_months_is_only_a_warning():
    record = member(
        0, ceremony_date=date(2020, 3, 1), admission_date=date(2020, 2, 20), official_date=date(2021, 2, 28)
    )
    report = check_record(record, TODAY)
    assert report.ok
    assert fields_of(report.warnings) == ["official_date"]
    assert "01/03/2021" in report.warnings[0].message and "12 tháng" in report.warnings[0].message
    exact = check_record(member(0, ceremony_date=date(2020, 3, 1), official_date=date(2021, 3, 1)), TODAY)
    assert "official_date" not in fields_of(exact.warnings)


def test_ceremony_before_decision_is_an_error():
    record = member(0, admission_date=date(2010, 5, 2), ceremony_date=date(2010, 5, 1), official_date=None)
    report = check_record(record, TODAY)
    assert fields_of(report.errors) == ["ceremony_date"]


def test_card_number_warns_citizen_id_errors():
    report = check_record(member(0, card_number="1234567", citizen_id="00123456789"), TODAY)
    assert fields_of(report.warnings) == ["card_number"]
    assert fields_of(report.errors) == ["citizen_id"]
    assert check_record(member(0, citizen_id="001234567890"), TODAY).ok


def test_save_stores_nfc_and_reads_back(data_file):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Văn  An ")
    saved = save_member(member(0, full_name=decomposed, hometown=unicodedata.normalize("NFD", "Hà Nội")))
    again = get_member(saved.member.id)
    assert again.full_name == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", again.hometown)
    assert again.birth_date == date(1975, 4, 12)


def test_duplicate_card_number_refused_and_nothing_saved(data_file):
    save_member(member(0))
    with pytest.raises(ValidationError) as caught:
        save_member(member(1, card_number=member(0).card_number))
    assert caught.value.field == "card_number"
    assert "Nguyễn Văn An" in caught.value.message
    assert Member.select().count() == 1


def test_same_name_and_birth_date_ignoring_diacritics_is_a_warning(data_file):
    save_member(member(0))
    twin = member(1, full_name="NGUYEN VAN AN", birth_date=member(0).birth_date, gender="Nam")
    report = check_member(twin)
    assert report.ok
    assert any("cùng họ tên và ngày sinh" in i.message for i in report.warnings)
    saved = save_member(twin)
    assert saved.warnings and Member.select().count() == 2


def test_update_keeps_identity_and_does_not_clash_with_itself(data_file):
    first = save_member(member(0)).member
    first.job_title = "Bí thư chi bộ"
    updated = save_member(first).member
    assert updated.id == first.id and updated.job_title == "Bí thư chi bộ"
    assert len(all_members()) == 1


def test_update_of_missing_member(data_file):
    from models.core.errors import EditConflictError

    ghost = member(0)
    ghost.id, ghost.version = 999, 1
    with pytest.raises(EditConflictError) as caught:
        save_member(ghost)
    assert caught.value.deleted and "đã bị xóa" in caught.value.message
    assert Member.select().count() == 0


def test_a_card_number_saved_meanwhile_by_another_client_is_a_conflict(data_file, monkeypatch):
    """The Python check passed (the other save was not there yet), the database's unique index catches it."""
    from models.core.errors import ConflictError
    from models.roster import members

    first = save_member(member(0)).member
    monkeypatch.setattr(members, "check_member", lambda record, today=None: members.CheckReport())
    clash = replace(member(1), card_number=first.card_number)
    with pytest.raises(ConflictError, match="vừa được lưu"):
        save_member(clash)
    assert [m.full_name for m in all_members()] == [first.full_name]


def test_members_of_another_branch_are_not_seen(data_file):
    from models.core.branch import BranchInfo, current_branch_id, save_branch, use_branch

    mine = save_member(member(0)).member
    home = current_branch_id()
    save_branch(BranchInfo("Chi bộ Khác", "ĐẢNG BỘ SỞ", "Hà Nội", "CK"), new=True)
    current = current_branch_id()
    assert current != home and all_members() == []
    with pytest.raises(NotFoundError):
        get_member(mine.id)
    save_member(replace(member(0), card_number=mine.card_number))  # the same card may exist in another branch
    use_branch(home)
    assert [m.id for m in all_members()] == [mine.id]


@pytest.mark.parametrize(
    ("born", "admitted", "errors", "warnings"),
    [
        (date(1990, 5, 1), date(2005, 5, 1), ["Khi vào Đảng đảng viên chưa đủ 16 tuổi"], []),  # 15: impossible
        (date(1990, 5, 1), date(2006, 5, 1), [], ["Khi vào Đảng đảng viên chưa đủ 18 tuổi"]),  # 16: wartime cases
        (date(1990, 5, 1), date(2008, 4, 30), [], ["Khi vào Đảng đảng viên chưa đủ 18 tuổi"]),  # 17
        (date(1990, 5, 1), date(2008, 5, 1), [], []),  # 18
        (date(1990, 5, 1), date(1990, 5, 1), ["Ngày vào Đảng phải sau ngày sinh."], []),
        (date(1990, 5, 1), date(1980, 5, 1), ["Ngày vào Đảng phải sau ngày sinh."], []),
        # Year-only: born in 1990, admitted in 2006 may have been 16: a warning; in 2005 at most 15: an error.
        (year_only(1990), year_only(2006), [], ["Khi vào Đảng đảng viên chưa đủ 18 tuổi"]),
        (year_only(1990), year_only(2005), ["Khi vào Đảng đảng viên chưa đủ 16 tuổi"], []),
        (year_only(1990), date(2008, 6, 1), [], ["Khi vào Đảng đảng viên chưa đủ 18 tuổi"]),  # 17 or 18
        (date(1990, 6, 1), year_only(1990), ["Khi vào Đảng đảng viên chưa đủ 16 tuổi"], []),
    ],
)
def test_impossible_admission_ages_are_errors_and_odd_ones_warnings(born, admitted, errors, warnings):
    record = member(0, birth_date=born, admission_date=admitted, ceremony_date=None, official_date=None)
    report = check_record(record, TODAY)
    on_admission = [i for i in report.errors if i.field == "admission_date"]
    assert [i.message for i in on_admission if any(i.message.startswith(e) for e in errors)] == [
        i.message for i in on_admission
    ]
    assert len(on_admission) == len(errors)
    assert [i.message.split(";")[0] for i in report.warnings if i.field == "admission_date"] == warnings


def test_admission_after_death_is_an_error_in_the_dialog_check(data_file):
    from models.roster.event_kinds import EventKind
    from models.roster.members import record_event
    from models.roster.records import EventRecord

    saved = save_member(member(0), TODAY).member
    record_event(saved.id, EventRecord(EventKind.DIED, date(2024, 3, 1)), TODAY)
    edited = member(0, admission_date=date(2024, 6, 1), ceremony_date=None, official_date=None, id=saved.id)
    report = check_member(edited, TODAY)
    assert ("admission_date", "Ngày vào Đảng 01/06/2024 sau ngày từ trần 01/03/2024.") in [
        (i.field, i.message) for i in report.errors
    ]
    with pytest.raises(ValidationError, match="sau ngày từ trần"):
        save_member(edited, TODAY)
    assert get_member(saved.id).admission_date == member(0).admission_date


def test_a_year_only_date_is_saved_and_read_back_as_a_year(data_file):
    from models.roster.member_rules import fmt

    saved = save_member(member(0, birth_date=year_only(1970)), TODAY).member
    assert is_year_only(saved.birth_date) and fmt(saved.birth_date) == "1970"
    (listed,) = all_members()
    assert is_year_only(listed.birth_date) and not is_year_only(listed.admission_date)
    assert Member.get_by_id(saved.id).birth_date == date(1970, 1, 1)  # sorts and queries as 1 January
    updated = save_member(member(0, birth_date=date(1970, 3, 5), id=saved.id, version=saved.version), TODAY).member
    assert not is_year_only(updated.birth_date) and fmt(updated.birth_date) == "05/03/1970"


def test_levels_in_everyday_words_are_stored_by_their_name(data_file):
    saved = save_member(member(0, qualification="ThS", theory="Cao cấp lý luận", education="12/12"), TODAY).member
    assert (saved.qualification, saved.theory, saved.education) == ("Thạc sĩ", "Cao cấp", "12/12")
    kept = save_member(member(1, qualification="Kỹ sư xây dựng", theory=""), TODAY).member
    assert (kept.qualification, kept.theory) == ("Kỹ sư xây dựng", "")


def test_a_saved_row_is_read_into_the_record_field_by_field():
    """members._record_values hands a saved row's values to MemberRecord by position: the fields it names are
    MemberRecord's first ones, exactly the record fields of MEMBER_FIELDS."""
    from dataclasses import fields

    from models.roster.fields import MEMBER_FIELDS
    from models.roster.members import _record_values
    from models.roster.records import MemberRecord

    row = {f.key: f"value of {f.key}" for f in MEMBER_FIELDS}
    record = MemberRecord(*_record_values(row), 7, [], date(2026, 1, 2), 3)
    assert {f.name: getattr(record, f.name) for f in fields(record) if f.name in row} == row
    assert (record.id, record.events, record.entered_on, record.version) == (7, [], date(2026, 1, 2), 3)
