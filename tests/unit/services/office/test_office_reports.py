"""The committee's Excel reports: its own header (the đảng ủy issues them), every branch and the total, a branch
column on the reminder lists; read back from the written workbooks, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.core.branch import BranchInfo, save_branch
from models.office.committee import CommitteeInfo, committee_of, issuer_name
from models.roster.members import save_member
from reports.office.office_statistics_report import sheet_names
from services.office.jobs import OFFICE_JOB_BY_KIND
from services.roster.jobs import ExportOptions, NothingToExport
from tests.support.people import member
from tests.support.roster_tab import due_people

TODAY = date(2026, 12, 1)
HIGHER = "ĐẢNG BỘ TỈNH HÀ NAM\nĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def texts(ws) -> list[str]:
    return [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]


@pytest.fixture
def two_branches(bare_database):
    save_branch(BranchInfo("Chi bộ Văn phòng Sở", HIGHER, "Phủ Lý", "CB", "Nguyễn Văn An"))
    for record in due_people(TODAY):
        save_member(record)
    save_branch(BranchInfo("Chi bộ Phòng Kế hoạch", HIGHER, "Phủ Lý", "CB"), new=True)
    for index in (0, 1, 5):  # Hoàng Thị Ánh: probation ended 15/06/2026, overdue
        save_member(member(index, card_number=f"2000000{index}"))
    return bare_database


def test_issuer_is_the_committee_of_the_branches():
    assert issuer_name("Đảng bộ Sở Y tế".upper()) == "ĐẢNG ỦY SỞ Y TẾ"
    assert issuer_name("CHI BỘ KHU PHỐ 3") == "CHI BỘ KHU PHỐ 3"
    branches = [
        BranchInfo("A", HIGHER, "Phủ Lý"),
        BranchInfo("B", HIGHER, "Phủ Lý"),
        BranchInfo("C", "ĐẢNG BỘ X", "Huế"),
    ]
    assert committee_of(branches) == CommitteeInfo(
        "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ("ĐẢNG BỘ TỈNH HÀ NAM",), "Phủ Lý"
    )
    assert committee_of([]).name == ""


def test_sheet_names_are_short_valid_and_distinct():
    names = sheet_names(
        [
            "Chi bộ Văn phòng Sở",
            "Chi bộ: A/B?",
            "Chi bộ Trung tâm Công nghệ thông tin và Truyền thông",
            "Chi bộ Trung tâm Công nghệ thông tin và Truyền thông (cơ sở 2)",
            "Toàn đảng bộ",
        ]
    )
    assert names[1] == "Chi bộ  A B"
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == len(names)
    assert names[-1] == "Toàn đảng bộ (2)"


def test_statistics_of_the_committee_total_table_and_each_branch(two_branches, tmp_path):
    path = OFFICE_JOB_BY_KIND["thong-ke"].run(tmp_path / "tk.xlsx", ExportOptions(today=TODAY))
    book = load_workbook(path)
    assert book.sheetnames == ["Toàn đảng bộ", "Theo chi bộ", "Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch"]
    for ws in book.worksheets:
        found = texts(ws)
        assert "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in found and "ĐẢNG BỘ TỈNH HÀ NAM" in found
        assert "CHI BỘ VĂN PHÒNG SỞ" not in found  # the branch is not the issuer
        assert "Số      -BC/ĐU" in found and "T/M ĐẢNG ỦY" in found
        assert ws.page_setup.paperSize == 9 and ws.oddFooter.center.text == "Trang &P / &N"
    assert "(Toàn đảng bộ, 2 chi bộ; tính đến ngày 01/12/2026)" in texts(book["Toàn đảng bộ"])
    assert "(Chi bộ Phòng Kế hoạch; tính đến ngày 01/12/2026)" in texts(book["Chi bộ Phòng Kế hoạch"])
    total = next(r for r in book["Toàn đảng bộ"].iter_rows(values_only=True) if r[1] == "Tổng số đảng viên")
    assert total[2] == 15
    table = {
        r[1]: r[2:8]
        for r in book["Theo chi bộ"].iter_rows(values_only=True)
        if r[1] and "Chi bộ" in str(r[1]) or r[1] == "Cộng toàn đảng bộ"
    }
    first, second = table["Chi bộ Văn phòng Sở"], table["Chi bộ Phòng Kế hoạch"]
    assert first[0] == 12 and second[0] == 3
    assert table["Cộng toàn đảng bộ"] == tuple(a + b for a, b in zip(first, second, strict=True))


def test_reminder_lists_across_branches_have_a_branch_column(two_branches, tmp_path):
    path = OFFICE_JOB_BY_KIND["du-bi"].run(tmp_path / "db.xlsx", ExportOptions(today=TODAY))
    ws = load_workbook(path).active
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[2]) for r in rows] == [
        ("Chi bộ Văn phòng Sở", "Hoàng Thị Ánh"),
        ("Chi bộ Văn phòng Sở", "Đặng Thu Hà"),
        ("Chi bộ Phòng Kế hoạch", "Hoàng Thị Ánh"),
    ]
    assert "Chi bộ" in texts(ws) and "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in texts(ws)
    assert str(rows[-1][-2]).startswith("Quá hạn")
    badges = load_workbook(OFFICE_JOB_BY_KIND["huy-hieu"].run(tmp_path / "hh.xlsx", ExportOptions(today=TODAY))).active
    listed = [(r[1], r[2]) for r in badges.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert ("Chi bộ Văn phòng Sở", "Ngô Quang Ăn") in listed


def test_nothing_due_anywhere_is_said(bare_database, tmp_path):
    save_branch(BranchInfo("Chi bộ Văn phòng Sở", HIGHER, "Phủ Lý", "CB"))
    save_member(member(0))
    with pytest.raises(NothingToExport, match="Không chi bộ nào"):
        OFFICE_JOB_BY_KIND["du-bi"].prepare(ExportOptions(today=TODAY))
    assert not list(tmp_path.glob("*.xlsx"))
