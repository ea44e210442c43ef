"""Show-of-hands record of the congress, read back."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook
from report_helpers import find_row, merged

from reports.congress.hand_votes import export_hand_votes, hand_vote_rows
from reports.congress.paper_blocks import percent_text
from reports.congress.paper_data import HandVoteRow


def _rows() -> list[HandVoteRow]:
    return [
        HandVoteRow(datetime(2026, 3, 11, 8, 5), "Thông qua danh sách Đoàn Chủ tịch", 28, 28, 0, 0, True),
        HandVoteRow(datetime(2026, 3, 11, 8, 40), "Số lượng Ban Chi ủy: 5 đồng chí", 28, 26, 1, 1, True),
        HandVoteRow(datetime(2026, 3, 11, 9, 2), "Đưa đồng chí Đỗ Văn Nam vào danh sách bầu cử", 28, 5, 20, 3, False),
    ]


def _export(tmp_path, heading, header, signature, rows=None):
    path = export_hand_votes(tmp_path / "bq.xlsx", heading, _rows() if rows is None else rows, header, signature)
    return load_workbook(path).active


def test_title_and_grouped_header(tmp_path, heading, congress_header, presidium):
    ws = _export(tmp_path, heading, congress_header, presidium)
    title = find_row(ws, "BIÊN BẢN BIỂU QUYẾT")
    assert ws.cell(title, 1).font.size == 15 and ws.cell(title + 1, 1).value == (
        "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"
    )
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 12)] == [
        "STT",
        "Thời gian",
        "Nội dung biểu quyết",
        "Số biểu quyết",
        "Tán thành",
        None,
        "Không tán thành",
        None,
        "Không biểu quyết",
        None,
        "Kết quả",
    ]
    assert [ws.cell(top + 1, c).value for c in range(5, 11)] == ["Số người", "Tỷ lệ (%)"] * 3
    assert {f"E{top}:F{top}", f"G{top}:H{top}", f"I{top}:J{top}", f"A{top}:A{top + 1}", f"K{top}:K{top + 1}"} <= (
        merged(ws)
    )
    assert ws.print_title_rows == f"${top}:${top + 1}"


def test_rows_times_counts_and_percents(tmp_path, heading, congress_header, presidium):
    ws = _export(tmp_path, heading, congress_header, presidium)
    first = find_row(ws, "STT") + 2
    taken = ws.cell(first, 2)
    assert taken.value == datetime(2026, 3, 11, 8, 5) and taken.number_format == "hh:mm dd/mm/yyyy"
    assert [ws.cell(first, c).value for c in (1, 3, 4, 5, 6, 7, 8, 11)] == [
        1,
        "Thông qua danh sách Đoàn Chủ tịch",
        28,
        28,
        "100,00",
        0,
        "0,00",
        "Thông qua",
    ]
    assert [ws.cell(first + 1, c).value for c in range(4, 12)] == [28, 26, "92,86", 1, "3,57", 1, "3,57", "Thông qua"]
    assert [ws.cell(first + 2, c).value for c in (5, 6, 7, 8, 9, 10, 11)] == [
        5,
        "17,86",
        20,
        "71,43",
        3,
        "10,71",
        "Không thông qua",
    ]
    assert ws.cell(first, 3).alignment.horizontal == "left" and ws.cell(first, 5).alignment.horizontal == "center"
    assert ws.cell(first, 3).font.name == "Times New Roman"


def test_signature_and_landscape(tmp_path, heading, congress_header, presidium):
    ws = _export(tmp_path, heading, congress_header, presidium)
    sign = find_row(ws, "T/M ĐOÀN CHỦ TỊCH")
    assert sign > find_row(ws, "Không thông qua") and find_row(ws, "Nguyễn Văn An") == sign + 5
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_nobody_voting_has_no_percent():
    row = HandVoteRow(datetime(2026, 3, 11, 8, 0), "Biểu quyết", 0, 0, 0, 0, False)
    assert hand_vote_rows([row])[0][4:11] == [0, None, 0, None, 0, None, "Không thông qua"]


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [(2, 3, "66,67"), (1, 8, "12,50"), (1, 200, "0,50"), (1, 32, "3,13"), (5, 5, "100,00"), (1, 0, "")],
)
def test_percent_text_is_half_up_with_a_comma(part, whole, text):
    assert percent_text(part, whole) == text


def test_a_voided_vote_stays_on_the_record_with_its_reason():
    row = HandVoteRow(datetime(2026, 3, 11, 8, 0), "Số lượng Ban Chi ủy: 5", 28, 28, 0, 0, False, "Ghi nhầm số lượng")
    assert hand_vote_rows([row])[0][-1] == "Đã hủy: Ghi nhầm số lượng"


def test_a_congress_s_few_votes_print_on_one_page_with_the_signature(tmp_path, heading, congress_header, presidium):
    # 10 votes (bodies, seats and list of four elections, the resolution) on landscape A4: rather than a first page
    # half empty and the last two votes with the signature on a second, the record is shrunk onto one page
    rows = [HandVoteRow(datetime(2026, 3, 11, 8, i), f"Biểu quyết thứ {i}", 9, 9, 0, 0, True) for i in range(10)]
    ws = _export(tmp_path, heading, congress_header, presidium, rows)
    assert list(ws.row_breaks.brk) == [] and ws.page_setup.fitToHeight == 1
