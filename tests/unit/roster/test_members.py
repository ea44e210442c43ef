"""Member operations on a real data file: validation, duplicates, normalisation, atomic writes."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from models.core.errors import NotFoundError, ValidationError
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
    ghost = member(0)
    ghost.id = 999
    with pytest.raises(NotFoundError):
        save_member(ghost)


def test_levels_in_everyday_words_are_stored_by_their_name(data_file):
    saved = save_member(member(0, qualification="ThS", theory="Cao cấp lý luận", education="12/12"), TODAY).member
    assert (saved.qualification, saved.theory, saved.education) == ("Thạc sĩ", "Cao cấp", "12/12")
    kept = save_member(member(1, qualification="Kỹ sư xây dựng", theory=""), TODAY).member
    assert (kept.qualification, kept.theory) == ("Kỹ sư xây dựng", "")
