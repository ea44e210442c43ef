"""Benchmarks of the roster workbooks (run with --bench): member list export vs plain write-only, import preview."""

from __future__ import annotations

import time
from datetime import date

import pytest
from openpyxl import Workbook

from models.roster.records import MemberRecord
from reports.core.party_document import DocumentHeader
from reports.roster.member_list import ROSTER_BOOK_COLUMNS, export_member_list, member_rows
from reports.roster.roster_reader import read_roster

MEMBERS = 5000
HEADER = DocumentHeader(
    "Đảng bộ Sở Thông tin và Truyền thông", "Chi bộ Văn phòng Sở", "Số 01-DS/CB", "Hà Nội", date(2026, 3, 11)
)


def _members() -> list[MemberRecord]:
    return [
        MemberRecord(
            full_name=f"Nguyễn Văn An {i}",
            gender="Nam" if i % 2 else "Nữ",
            birth_date=date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
            admission_date=date(2000, 5, 19),
            official_date=date(2001, 5, 19),
            hometown="Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
            education="12/12",
            theory="Trung cấp",
            qualification="Đại học",
            occupation="Công chức",
            job_title="Chuyên viên",
            workplace="Văn phòng Sở",
            card_number=f"{i:08d}",
            record_number="012345HN",
        )
        for i in range(MEMBERS)
    ]


def _plain(path, rows: list[list[object]]) -> None:
    """Plain openpyxl write-only mode writing the same cells (empty table cells as "", so they exist too)."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet()
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    workbook.save(path)


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_export_5000_members_vs_plain_write_only(benchmark, tmp_path):
    members = _members()
    ours = benchmark.pedantic(export_member_list, args=(tmp_path / "ds.xlsx", members, HEADER), rounds=3, iterations=1)
    assert ours.exists()
    # Same run: our whole export (building the rows from the members included) against plain write-only mode
    # writing the same cells, built beforehand and outside the timing: the baseline is only openpyxl's own work.
    ours_s = _best(lambda: export_member_list(tmp_path / "ds2.xlsx", members, HEADER))
    cells = member_rows(members, ROSTER_BOOK_COLUMNS)
    plain_s = _best(lambda: _plain(tmp_path / "plain.xlsx", cells))
    ratio = ours_s / plain_s
    benchmark.extra_info.update(ours_s=round(ours_s, 3), plain_s=round(plain_s, 3), ratio=round(ratio, 2))
    print(f"\nexport {MEMBERS}: ours {ours_s:.3f} s, plain write-only {plain_s:.3f} s, ratio {ratio:.2f}")
    assert ratio <= 1.5


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "roster.xlsx"
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Danh sách")
    ws.append(["ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"])
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Quê quán",
            "Dân tộc",
            "Tôn giáo",
            "Ngày vào Đảng",
            "Ngày chính thức",
            "Số thẻ ĐV",
            "Số lý lịch",
            "Chức vụ",
            "Ghi chú",
        ]
    )
    for i in range(MEMBERS):
        ws.append(
            [
                i + 1,
                f"Nguyễn Văn An {i}",
                "Nam" if i % 2 else "Nữ",
                date(1960 + i % 40, 1 + i % 12, 1),
                "Hà Nội",
                "Kinh",
                "Không",
                f"{1 + i % 28:02d}/05/2000",
                date(2001, 5, 19),
                f"{i:08d}",
                "012345HN",
                "Chuyên viên",
                None,
            ]
        )
    workbook.save(path)
    return path


def test_import_preview_5000_rows(benchmark, roster_file):
    result = benchmark.pedantic(
        read_roster, args=(roster_file,), kwargs={"today": date(2026, 3, 11)}, rounds=3, iterations=1
    )
    assert len(result.rows) == MEMBERS and not result.problems
    assert benchmark.stats.stats.max <= 3.0
