"""The branch's vote paper keeps the Party's header on one line: «ĐẢNG CỘNG SẢN VIỆT NAM» gets the right block's
full width (it wrapped when the table's first column took more than half the page)."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reports.core.party_document import DocumentHeader, Signature
from reports.meetings.vote_paper import VotePaper, export_vote_paper


def test_the_party_name_block_is_as_wide_as_on_the_other_papers(tmp_path):
    paper = VotePaper(
        "TỜ TRÌNH",
        "Về việc đề nghị chuẩn y kết quả bầu bổ sung",
        ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",),
        ("Ngày 15/09/2026, Chi bộ họp bầu bổ sung Bí thư Chi bộ.",),
        (("Tán thành", 16, "53,33%"),),
        "CHI BỘ ĐỀ NGHỊ:",
        ("Đề nghị cấp ủy cấp trên chuẩn y.",),
        ("Lưu chi bộ.",),
    )
    header = DocumentHeader(
        "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CHI BỘ VĂN PHÒNG SỞ", "Số 01-TTr/CB", "Hà Nội", date(2026, 9, 15), ""
    )
    path = export_vote_paper(tmp_path / "tt.xlsx", paper, header, Signature("T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An"))
    ws = load_workbook(path).active
    block = next(r for r in ws.merged_cells.ranges if ws.cell(r.min_row, r.min_col).value == "ĐẢNG CỘNG SẢN VIỆT NAM")
    width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(block.min_col, block.max_col + 1))
    assert width >= 40  # the admission resolutions give it 42; 36 wrapped it onto two lines in LibreOffice and Excel
