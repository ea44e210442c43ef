"""Fixtures for the congress papers: a congress, its header (issued by the congress), the presidium's signature and
the check-in figures of a branch of 35 (33 official, 2 probationary)."""

from __future__ import annotations

from datetime import date

import pytest

from reports.congress.paper_data import AttendanceFigures, CongressHeading
from reports.core.party_document import DocumentHeader, Signature

EXCLUSIONS = (
    ("Sinh hoạt tạm thời ở tổ chức đảng khác", 1),
    ("Miễn sinh hoạt và vắng mặt", 0),
    ("Bị đình chỉ sinh hoạt, khởi tố, tạm giam", 1),
    ("Vắng mặt cả buổi có lý do được chấp nhận", 2),
)


@pytest.fixture
def heading() -> CongressHeading:
    return CongressHeading(
        "Chi bộ Văn phòng Sở",
        "lần thứ IV",
        "nhiệm kỳ 2025–2030",
        date(2026, 3, 11),
        date(2026, 3, 12),
        "Hội trường tầng 3, trụ sở Sở",
    )


@pytest.fixture
def congress_header() -> DocumentHeader:
    return DocumentHeader(
        "Đảng bộ Sở Thông tin và Truyền thông", "Đại hội lần thứ IV", "Số 01-DS/ĐH", "Hà Nội", date(2026, 3, 11)
    )


@pytest.fixture
def presidium() -> Signature:
    return Signature("T/M Đoàn Chủ tịch", "Chủ tọa", "Nguyễn Văn An")


@pytest.fixture
def figures() -> AttendanceFigures:
    # 33 official: 1 elsewhere, 1 suspended, 2 absent with a reason -> D = 29, pass at 15; 31 present of whom 29
    # official, 28 of them may vote (the one elsewhere came but takes no ballot).
    return AttendanceFigures(
        summoned=35,
        official_summoned=33,
        probationary=2,
        present=31,
        official_present=29,
        absent_approved=3,
        absent_unapproved=1,
        exclusions=EXCLUSIONS,
        D=29,
        threshold=15,
        ballots=28,
    )
