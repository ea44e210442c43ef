"""Where the papers' pages break, as LibreOffice prints them (the same widths as Excel: the workbooks' default font
is Times New Roman): no heading is left at the foot of a page, and the signature's page opens with the closing
section, never with the signature and a line or two alone."""

from __future__ import annotations

import re
import shutil

import pytest

from models.core.database import close_database, open_database
from tests.support import congress_story as story
from tests.support.commands import chibo
from tests.support.libreoffice import page_texts, to_pdf
from tests.support.people import set_up_branch
from tests.support.worked_example import record

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs soffice, pdftotext"),
]
SECTION, ELECTION = re.compile(r"^[IVX]+\. "), re.compile(r"^\d+\. Bầu ")  # "IV. KẾT QUẢ …", "1. Bầu Ban …"
FOOTER = re.compile(r"Trang \d+ / \d+")


def _heading(line: str) -> bool:
    return bool(SECTION.match(line) and line.isupper() or ELECTION.match(line))


def _body_lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip() and not FOOTER.search(line)]


def _printed(tmp_path, *command: str) -> list[str]:
    out = tmp_path / "giay.xlsx"
    run = chibo(*command, "-o", str(out))
    assert run.returncode == 0, run.stderr
    pages = page_texts(to_pdf(out, tmp_path))
    for page in pages[:-1]:
        assert not _heading(_body_lines(page)[-1]), page  # no heading left alone at the foot of a page
    return pages


def test_minutes_of_a_record_file_sign_on_the_page_of_their_last_section(tmp_path):
    pages = _printed(tmp_path, "minutes", str(record(tmp_path / "ho-so.json")))
    assert len(pages) == 3
    last = _body_lines(pages[-1])
    assert last[0] == "VI. MÃ KIỂM TRA"
    assert any(line.startswith("Biên bản lập xong hồi") for line in last)
    assert any("T/M BAN KIỂM PHIẾU" in line for line in last)
    assert "IV. KẾT QUẢ KIỂM PHIẾU" in _body_lines(pages[1])  # with its table, not at the foot of page 1
    ballots = ("Số phiếu phát ra", "Số phiếu thu vào", "Số phiếu hợp lệ", "Số phiếu không hợp lệ")
    assert len({n for n, page in enumerate(pages) for label in ballots if label in page}) == 1  # one page, whole


def test_the_congress_summary_signs_on_the_page_of_its_last_election(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    story.congress_of_35()
    close_database()
    pages = _printed(tmp_path, "export", "dai-hoi-bao-cao", "--congress", "4", "--db", str(path))
    last = _body_lines(pages[-1])
    assert last[0] == "5. Bầu đại biểu dự khuyết dự Đại hội cấp trên"
    assert "V. KẾT QUẢ ĐẠI HỘI" in last
    assert any("T/M CHI ỦY" in line for line in last)
