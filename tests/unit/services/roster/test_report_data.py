"""Mapping the domain's dataclasses to the exporters' inputs, member list rows and age bands (no Qt)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from models.core.branch import BranchInfo
from models.core.errors import ValidationError
from models.roster.age_bands import parse_age_bounds
from models.roster.event_kinds import EventKind
from models.roster.member_list_rows import event_texts, member_list_row, service_status
from models.roster.records import EventRecord
from models.roster.reminders import BadgeCandidate, recognition_reminders
from models.roster.statistics import branch_statistics
from services.roster import report_data
from tests.support.people import all_people, member

ROOT = Path(__file__).resolve().parents[4]
HIGHER = "ĐẢNG BỘ KHỐI CÁC CƠ QUAN\nĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
BRANCH = BranchInfo("Chi bộ Văn phòng Sở", HIGHER, "Hà Nội", "CB", "Trần Thị Bình")


def test_mapping_module_loads_no_qt():
    code = "import sys, services.roster.report_data; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_header_and_signature_from_branch_settings():
    header = report_data.document_header(BRANCH, date(2026, 11, 22), "DS")
    assert header.higher_committee.splitlines() == ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
    assert header.issuer == "Chi bộ Văn phòng Sở"
    assert header.number.startswith("Số") and header.number.endswith("-DS/CB")
    assert (header.place, header.date) == ("Hà Nội", date(2026, 11, 22))
    assert report_data.signature(BRANCH).name == "Trần Thị Bình"
    assert report_data.signature(None).name == ""
    assert report_data.document_header(None, date(2026, 1, 1)).issuer == ""


def test_suggested_file_name_is_vietnamese_and_windows_safe():
    name = report_data.suggested_file_name("Danh sách đảng viên", BRANCH, date(2026, 11, 22))
    assert name == "Danh sách đảng viên - Chi bộ Văn phòng Sở - 22-11-2026.xlsx"
    odd = BranchInfo('Chi bộ "A/B"', "X", "Y", "CB")
    assert "/" not in report_data.suggested_file_name("Thống kê", odd, date(2026, 1, 5))


def test_statistics_sections_keep_titles_labels_counts_and_percents():
    people = all_people()
    for i, person in enumerate(people, start=1):
        person.id = i
    on = date(2026, 11, 22)
    sections = branch_statistics(people, [], on, (date(2026, 1, 1), on), 2025)
    mapped = report_data.statistics_sections(sections)
    assert [s.title for s in mapped] == [s.title for s in sections]
    gender = mapped[2]
    assert [(r.label, r.count, r.percent) for r in gender.rows] == [("Nam", 6, 50.0), ("Nữ", 6, 50.0)]


def test_probation_rows_from_recognition_reminders():
    probationary = member(9, id=10)  # Đặng Thu Hà, ceremony 26/03/2025
    reminders = recognition_reminders([probationary], date(2026, 11, 22))
    (row,) = report_data.probation_rows(reminders)
    assert row.full_name == "Đặng Thu Hà"
    assert row.ceremony_date == date(2025, 3, 26)
    assert row.probation_end == date(2026, 3, 26)
    assert row.days_left < 0  # overdue


def test_badge_rows_carry_milestone_seniority_and_notes():
    veteran = member(8, id=9)  # Ngô Quang Ăn, admitted 19/08/1995
    on_time = BadgeCandidate(veteran, 30, date(2025, 8, 19), date(2025, 9, 2))
    late = BadgeCandidate(veteran, 30, date(2025, 8, 19), date(2027, 2, 3), missed_earlier=True)
    ill = BadgeCandidate(veteran, 30, date(2025, 8, 19), date(2025, 5, 19), early="ill")
    rows = report_data.badge_rows([on_time, late, ill])
    assert [(r.milestone, r.seniority_years) for r in rows] == [(30, 30), (30, 31), (30, 30)]
    assert rows[0].note == ""
    assert rows[1].note == "Chưa được tặng ở đợt trước"
    assert "ốm" in rows[2].note
    assert rows[0].card_number == veteran.card_number and rows[0].hometown == "Bắc Ninh"


def test_member_list_row_event_columns():
    record = member(2, occupation="Quân nhân chuyên nghiệp")
    record.events = [
        EventRecord(EventKind.TRANSFERRED_IN, date(2018, 3, 1), place="Đảng bộ Quân sự tỉnh", id=1),
        EventRecord(EventKind.TRANSFERRED_OUT, date(2024, 5, 12), place="Đảng bộ Sở Y tế", id=2),
        EventRecord(EventKind.TRANSFERRED_OUT, date(2024, 5, 10), place="Nhập nhầm", id=3, replaced_by=2),
    ]
    texts = event_texts(record)
    assert texts["transferred_in"] == "01/03/2018 – Đảng bộ Quân sự tỉnh"
    assert texts["transferred_out"] == "12/05/2024 – Đảng bộ Sở Y tế"  # the corrected event is ignored
    assert texts["died"] == texts["left_party"] == ""
    row = member_list_row(record, date(2026, 11, 22))
    assert row["service_status"] == "Bộ đội"
    assert row["status_label"] == "Đã chuyển đi"
    assert row["full_name"] == "Lê Văn Cường" and "events" not in row
    assert row["job"] == "Chuyên viên, Quân nhân chuyên nghiệp"
    active = member_list_row(member(5), date(2026, 11, 22))  # Hoàng Thị Ánh, probationary
    assert (active["status_label"], active["status"], active["kind"]) == ("Dự bị", "Đảng viên dự bị", "Dự bị")


def test_member_list_row_death_and_leaving_the_party():
    died = member(8)
    died.events = [EventRecord(EventKind.DIED, date(2026, 2, 1), note="Bệnh nặng", id=1)]
    assert event_texts(died)["died"] == "01/02/2026 – Bệnh nặng"
    left = member(3)
    left.events = [EventRecord(EventKind.STRUCK_OFF, date(2025, 7, 1), id=1)]
    assert event_texts(left)["left_party"] == "01/07/2025 – Xóa tên"
    assert service_status(member(0, occupation="Hưu trí")) == "Hưu trí"
    assert service_status(member(0)) == ""


def test_age_bounds_parsing():
    assert parse_age_bounds("30, 40; 50 60") == (30, 40, 50, 60)
    assert parse_age_bounds("") == (30, 40, 50, 60)
    assert parse_age_bounds("35,45") == (35, 45)
    for bad in ("30, ba mươi", "40, 30", "30, 30", "10, 20", "30, 200"):
        with pytest.raises(ValidationError):
            parse_age_bounds(bad)
