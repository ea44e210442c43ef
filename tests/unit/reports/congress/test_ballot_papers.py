"""Paper ballots: titles, the list per form, the stamp box, copies, page breaks between ballots, page setup."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_helpers import merged

from reports.congress import ballot_papers
from reports.congress.ballot_papers import (
    AGREE_INSTRUCTION,
    BALLOT_TITLE,
    STAMP_CAPTION,
    ballots_per_page,
    export_ballot_papers,
    strike_instruction,
)
from reports.congress.paper_data import BallotPaper
from tests.support.libreoffice import page_texts, to_pdf

CONGRESS = "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"
ELECTION = "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Em",
    "Giang",
    "Hà",
    "Khánh",
    "Lan",
    "Minh",
    "Nam",
    "Oanh",
    "Phương",
    "Quang",
    "Sơn",
    "Tâm",
    "Uyên",
    "Vinh",
    "Xuân",
    "Yến",
)


def _names(count: int) -> tuple[str, ...]:
    return tuple(f"Nguyễn Văn {GIVEN[i % len(GIVEN)]}{'' if i < len(GIVEN) else f' {i}'}" for i in range(count))


def _paper(count: int, form: str = "strike", copies: int = 1, seats: int = 3, round_no: int = 1) -> BallotPaper:
    return BallotPaper(CONGRESS.upper(), ELECTION, round_no, form, seats, _names(count), copies)


def _heights(ws) -> list[float]:
    return [ws.row_dimensions[r].height or 15.0 for r in range(1, ws.max_row + 1)]


def _ballots(ws) -> list[dict]:
    """Each ballot read back: its first and last row, the texts above the list and the (STT, name) rows."""
    found = []
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == BALLOT_TITLE:
            found.append({"first": row - 2, "title": row, "rows": [], "last": row})
        elif found and isinstance(ws.cell(row, 1).value, int):
            found[-1]["rows"].append((ws.cell(row, 1).value, ws.cell(row, 2).value))
            found[-1]["last"] = row
    return found


def _breaks(ws) -> list[int]:
    return [brk.id for brk in ws.row_breaks.brk]


def _printable_height(ws) -> float:
    margins = ws.page_margins
    return 842.0 - (margins.top + margins.bottom) * 72


def test_strike_form_ballots(tmp_path):
    paper = _paper(9, "strike", copies=5, seats=5, round_no=2)
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", paper))["Phiếu bầu"]
    ballots = _ballots(ws)
    assert len(ballots) == 5
    ranges = merged(ws)
    for ballot in ballots:
        first, title = ballot["first"], ballot["title"]
        assert ws.cell(first, 1).value == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert ws.cell(first + 1, 1).value == CONGRESS.upper() and ws.cell(first + 1, 1).font.b
        assert ws.cell(title, 1).font.b and ws.cell(title, 1).font.size >= 14
        assert ws.cell(title + 1, 1).value == ELECTION
        assert ws.cell(title + 2, 1).value == "Lần bầu thứ 2"
        note = ws.cell(title + 3, 1)
        assert note.value == strike_instruction(5)
        assert note.value == "Gạch ngang họ tên người không đồng ý bầu; giữ lại không quá 5 người"
        assert note.font.i
        head = title + 4
        assert [ws.cell(head, c).value for c in (1, 2, 3, 4)] == ["STT", "Họ và tên", None, None]
        assert f"B{head}:D{head}" in ranges and ws.cell(head, 2).font.b
        assert ballot["rows"] == list(enumerate(_names(9), start=1))
        row = head + 1
        assert f"B{row}:D{row}" in ranges  # the name spans the width: no boxes on a strike ballot
        assert ws.cell(row, 2).border.left.style == "thin" and ws.cell(row, 4).border.right.style == "thin"
        assert ws.cell(row, 3).border.top.style == ws.cell(row, 3).border.bottom.style == "thin"
        assert ws.cell(row, 2).alignment.horizontal == "left" and ws.cell(row, 1).alignment.horizontal == "center"


def test_stamp_box_on_every_ballot(tmp_path):
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", _paper(4, copies=3)))["Phiếu bầu"]
    ranges = merged(ws)
    for ballot in _ballots(ws):
        top = ballot["first"]
        assert f"C{top}:D{top + 1}" in ranges  # top right, beside the party name and the congress title
        caption = ws.cell(top, 3)
        assert caption.value == STAMP_CAPTION and caption.font.i
        assert ws.cell(top + 1, 3).value is None and ws.cell(top, 4).value is None  # empty for the stamp
        assert caption.border.top.style == caption.border.left.style == "thin"
        assert ws.cell(top, 4).border.right.style == ws.cell(top, 4).border.top.style == "thin"
        assert ws.cell(top + 1, 3).border.bottom.style == ws.cell(top + 1, 4).border.bottom.style == "thin"
        assert ws.cell(top + 1, 3).border.left.style == ws.cell(top + 1, 4).border.right.style == "thin"
        assert ws.row_dimensions[top].height + ws.row_dimensions[top + 1].height >= 40


def test_agree_form_ballots(tmp_path):
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", _paper(3, "agree", copies=7)))["Phiếu bầu"]
    ballots = _ballots(ws)
    assert len(ballots) == 7
    for ballot in ballots:
        title = ballot["title"]
        assert ws.cell(title + 3, 1).value == AGREE_INSTRUCTION
        assert AGREE_INSTRUCTION == "Đánh dấu (X) vào một ô Đồng ý hoặc Không đồng ý ở mỗi dòng"
        head = title + 4
        assert [ws.cell(head, c).value for c in (1, 2, 3, 4)] == ["STT", "Họ và tên", "Đồng ý", "Không đồng ý"]
        assert ballot["rows"] == [(1, "Nguyễn Văn An"), (2, "Nguyễn Văn Bình"), (3, "Nguyễn Văn Cường")]
        for row in range(head + 1, ballot["last"] + 1):
            assert f"B{row}:D{row}" not in merged(ws)
            for column in (3, 4):  # an empty bordered box to mark
                cell = ws.cell(row, column)
                assert cell.value is None
                border = cell.border
                assert {border.left.style, border.right.style, border.top.style, border.bottom.style} == {"thin"}


@pytest.mark.parametrize(("count", "per_page"), [(1, 4), (3, 4), (5, 3), (7, 3), (9, 2), (15, 2), (25, 1), (38, 1)])
def test_ballots_per_page_follow_the_list_length(count, per_page):
    assert ballots_per_page(_paper(count)) == per_page


@pytest.mark.parametrize(("count", "copies"), [(3, 7), (9, 5), (25, 3), (8, 1)])
def test_page_breaks_fall_between_ballots(tmp_path, count, copies):
    paper = _paper(count, copies=copies)
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", paper))["Phiếu bầu"]
    ballots, breaks, per_page = _ballots(ws), _breaks(ws), ballots_per_page(paper)
    assert len(ballots) == copies
    assert len(breaks) == -(-copies // per_page) - 1
    for brk in breaks:  # never inside a ballot
        assert not any(b["first"] <= brk < b["last"] for b in ballots)
    starts = [1, *(brk + 1 for brk in breaks)]
    ends = [*breaks, ws.max_row]
    heights = _heights(ws)
    for start, end in zip(starts, ends, strict=True):
        on_page = [b for b in ballots if start <= b["first"] <= end]
        assert all(b["last"] <= end for b in on_page)
        assert len(on_page) == min(per_page, copies - starts.index(start) * per_page)
        assert sum(heights[start - 1 : end]) <= _printable_height(ws)  # no automatic break inside either


def test_cut_lines_between_ballots_of_a_page(tmp_path):
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", _paper(5, "agree", copies=4)))["Phiếu bầu"]
    ballots = _ballots(ws)
    dashed = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).border.bottom.style == "dashed"]
    assert len(dashed) == 2  # 3 on the first page: two cuts; the fourth ballot starts the next page
    assert ballots[0]["last"] < dashed[0] < ballots[1]["first"] and ballots[1]["last"] < dashed[1] < ballots[2]["first"]
    assert all(ws.cell(dashed[0], c).border.bottom.style == "dashed" for c in (1, 2, 3, 4))
    heights = _heights(ws)
    # equal steps: the second and third ballots start a third and two thirds down the page
    step = sum(heights[ballots[0]["first"] - 1 : ballots[1]["first"] - 1])
    assert step == pytest.approx(sum(heights[ballots[1]["first"] - 1 : ballots[2]["first"] - 1]), abs=0.2)
    assert step == pytest.approx(_printable_height(ws) * ballot_papers._SAFETY / 3, abs=0.5)


def test_long_list_goes_on_over_pages(tmp_path):
    paper = _paper(70, copies=2, seats=9)
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", paper))["Phiếu bầu"]
    ballots, breaks, heights = _ballots(ws), _breaks(ws), _heights(ws)
    assert len(ballots) == 2
    assert [b["rows"] for b in ballots] == [list(enumerate(_names(70), start=1))] * 2
    inside = [brk for brk in breaks if ballots[0]["first"] <= brk < ballots[0]["last"]]
    assert inside  # the list is broken over pages, between two candidate rows
    for brk in inside:
        assert isinstance(ws.cell(brk, 1).value, int)
        assert ws.cell(brk + 1, 1).value.startswith(f"{BALLOT_TITLE} (tiếp theo) – {ELECTION}")
        assert [ws.cell(brk + 2, c).value for c in (1, 2)] == ["STT", "Họ và tên"]
    assert ballots[1]["first"] - 1 in breaks  # the second ballot starts on a new page
    for start, end in zip([1, *(b + 1 for b in breaks)], [*breaks, ws.max_row], strict=True):
        assert sum(heights[start - 1 : end]) <= _printable_height(ws)


def test_page_setup_and_fonts(tmp_path):
    wb = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", _paper(5, copies=2)))
    assert wb.sheetnames == ["Phiếu bầu"]
    ws = wb["Phiếu bầu"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert not ws.print_options.gridLines and not ws.sheet_view.showGridLines
    assert "&P" in ws.oddFooter.center.text
    assert ws.oddFooter.left.text == "Phiếu in từ Excel – không dùng để quét"  # the PDF is the one to scan
    margins = ws.page_margins
    assert 0.3 <= margins.left <= 0.6 and 0.3 <= margins.right <= 0.6 and margins.bottom <= 0.6
    texts = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert texts and all(cell.font.name == "Times New Roman" for cell in texts)
    # the columns stay inside the printable width, so fitting to it never shrinks the text
    assert sum(ws.column_dimensions[c].width for c in "ABCD") * 7.8 * 0.75 < (8.27 - margins.left - margins.right) * 72


def test_many_pages_go_on_over_sheets(tmp_path, monkeypatch):
    monkeypatch.setattr(ballot_papers, "MAX_PAGES_PER_SHEET", 2)  # Excel keeps 1,026 manual breaks a sheet
    wb = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", _paper(9, copies=9)))  # 2 a page
    assert wb.sheetnames == ["Phiếu bầu", "Phiếu bầu (2)", "Phiếu bầu (3)"]
    assert [len(_ballots(ws)) for ws in wb] == [4, 4, 1]
    assert [len(_breaks(ws)) for ws in wb] == [1, 1, 0]


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    paper = dataclasses.replace(_paper(2), candidates=("=1+1", "Lê Thị Hoa"))
    ws = load_workbook(export_ballot_papers(tmp_path / "phieu.xlsx", paper))["Phiếu bầu"]
    assert _ballots(ws)[0]["rows"] == [(1, "=1+1"), (2, "Lê Thị Hoa")]
    assert ws.cell(_ballots(ws)[0]["last"] - 1, 2).data_type == "s"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"copies": 0}, "Số phiếu cần in phải từ 1 đến 2.000"),
        ({"copies": 2001}, "Số phiếu cần in phải từ 1 đến 2.000"),
        ({"candidates": ()}, "Danh sách bầu cử chưa có người nào"),
        ({"candidates": ("Lê Thị Hoa", "  ")}, "Người thứ 2 trong danh sách bầu cử chưa có họ tên"),
        ({"seats": 0}, "Số lượng cần bầu phải từ 1 trở lên"),
        ({"form": "tick"}, "Mẫu phiếu không hợp lệ"),
        ({"round_no": 0}, "Lần bầu phải từ 1 trở lên"),
    ],
)
def test_invalid_input_is_refused_in_vietnamese(tmp_path, changes, message):
    paper = dataclasses.replace(_paper(3, copies=1), **changes)
    with pytest.raises(ValueError, match=message):
        export_ballot_papers(tmp_path / "phieu.xlsx", paper)
    assert not (tmp_path / "phieu.xlsx").exists()


def test_no_openpyxl_at_import():
    code = "import sys, reports.congress.ballot_papers\nprint('openpyxl' in sys.modules or 'PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[4]
    )
    assert out.stdout.strip() == "False"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs soffice and pdftotext")
@pytest.mark.parametrize(
    ("count", "form", "copies", "pages"),
    [(1, "agree", 9, 3), (3, "agree", 7, 2), (9, "strike", 5, 3), (25, "strike", 3, 3), (60, "strike", 1, 2)],
)
def test_libreoffice_prints_whole_ballots_per_page(tmp_path, count, form, copies, pages):
    xlsx = export_ballot_papers(tmp_path / "phieu.xlsx", _paper(count, form, copies=copies))
    printed = page_texts(to_pdf(xlsx, tmp_path))
    assert len(printed) == pages
    per_page = ballots_per_page(_paper(count, form))
    last_name = _names(count)[-1]
    for number, page in enumerate(printed, start=1):
        assert f"Trang {number} / {pages}" in page
        starts = page.count("ĐẢNG CỘNG SẢN VIỆT NAM")
        if count <= 38:  # each ballot whole on its page: as many titles as stamps, captions and last names
            assert starts == page.count(STAMP_CAPTION) == page.count(last_name) >= 1
            assert starts == min(per_page, copies - (number - 1) * per_page)
    if count > 38:
        assert "(tiếp theo)" in printed[1] and last_name in printed[1] and STAMP_CAPTION in printed[0]
