"""A real rendering: LibreOffice converts an export to PDF; the text shows header blocks, repeated headers, pages."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from reports.core.party_document import Signature
from reports.roster.member_list import export_member_list
from tests.support.libreoffice import page_texts, to_pdf

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs soffice and pdftotext")
def test_member_list_renders_as_party_document(tmp_path, header):
    members = [
        {
            "full_name": f"Nguyễn Văn Thành {i:02d}",
            "gender": "Nam",
            "birth_date": date(1980, 1, 2),
            "hometown": "Xã Đông Anh, huyện Đông Anh, thành phố Hà Nội",
            "admission_date": date(2005, 5, 19),
        }
        for i in range(40)
    ]
    xlsx = export_member_list(
        tmp_path / "Danh sách đảng viên.xlsx", members, header, signature=Signature(name="Trần Thị Bình")
    )
    pages = page_texts(to_pdf(xlsx, tmp_path))
    assert len(pages) >= 2
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0] and "CHI BỘ VĂN PHÒNG SỞ" in pages[0]
    assert "Hà Nội, ngày 11 tháng 3 năm 2026" in pages[0] and "DANH SÁCH ĐẢNG VIÊN" in pages[0]
    assert all("Quê quán" in page for page in pages)  # the table header repeats on every page
    assert all(f"Trang {n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "Nguyễn Văn Thành 00" in pages[0] and "Nguyễn Văn Thành 39" in "\f".join(pages)
    assert "T/M CHI BỘ" in pages[-1] and "Trần Thị Bình" in pages[-1]
