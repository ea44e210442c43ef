"""Counting minutes of one round, read back: every figure, the reasons, the candidates, the elected, the digest."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest
from minutes_samples import HEADER, NINE, SIGNATURE, agree_round, strike_round, tie_round
from openpyxl import load_workbook
from report_helpers import find_row, merged

from reports.congress.counting_minutes import (
    DIGEST_FAILED,
    adopted_line,
    candidate_rows,
    export_counting_minutes,
)
from reports.congress.paper_data import MinutesCandidate
from tests.support.libreoffice import page_texts, to_pdf

STRIKE_LABELS = ["STT", "Họ và tên", "Số phiếu bầu", "Tỷ lệ so với D", "Kết quả"]
AGREE_LABELS = ["STT", "Họ và tên", "Đồng ý", "Không đồng ý", "Không tính", "Tỷ lệ đồng ý so với D", "Kết quả"]


def _export(tmp_path, data, name="bb.xlsx"):
    path = export_counting_minutes(tmp_path / name, data, HEADER, SIGNATURE)
    return load_workbook(path).active


def _texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _count_col(ws) -> int:
    return ws.max_column  # the figures' counts stand in the last column


def _figure(ws, label: str) -> int:
    return ws.cell(find_row(ws, label), _count_col(ws)).value


def test_header_title_subject_and_legal_basis(tmp_path):
    ws = _export(tmp_path, strike_round())
    assert ws["A1"].value == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG" and ws["A2"].value == "ĐẠI HỘI LẦN THỨ IV"
    assert ws["A4"].value == "Số 01-BB/CB" and ws["C1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    title = find_row(ws, "BIÊN BẢN KIỂM PHIẾU")
    assert ws.cell(title, 1).font.b and ws.cell(title, 1).font.size == 15 and f"A{title}:E{title}" in merged(ws)
    subject = ws.cell(title + 1, 1)
    assert subject.value == "Bầu Ban Chi ủy nhiệm kỳ 2025–2030, lần bầu thứ 1" and subject.font.b
    assert ws.cell(title + 2, 1).value == "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"
    texts = _texts(ws)
    assert "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in texts
    assert (
        "Căn cứ Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban "
        "Chấp hành Trung ương;"
    ) in texts
    assert not any(DIGEST_FAILED in text for text in texts)  # a verified record carries no warning
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_sections_in_order(tmp_path):
    ws = _export(tmp_path, strike_round())
    texts = (
        "I. SỐ LƯỢNG VÀ DANH SÁCH BẦU CỬ",
        "II. BAN KIỂM PHIẾU",
        "III. ĐẢNG VIÊN VÀ PHIẾU BẦU",
        "IV. KẾT QUẢ KIỂM PHIẾU",
        "V. KẾT QUẢ BẦU CỬ",
        "CÁC THÀNH VIÊN",
    )
    rows = [find_row(ws, text) for text in texts]
    assert rows == sorted(rows) and ws.cell(rows[0], 1).font.b


def test_seats_and_candidate_list_in_abc_order(tmp_path):
    ws = _export(tmp_path, strike_round())
    texts = _texts(ws)
    assert "Đại hội đã biểu quyết số lượng bầu: 7 đồng chí; hình thức bầu: phiếu gạch tên." in texts
    intro = find_row(ws, "Danh sách bầu cử gồm 9 đồng chí (xếp theo vần A, B, C):")
    listed = [ws.cell(intro + 1 + i // 2, 1 if i % 2 == 0 else 3).value for i in range(9)]
    assert listed == [f"{i}. {name}" for i, name in enumerate(NINE, start=1)]  # two to a row, across then down
    assert f"A{intro + 1}:B{intro + 1}" in merged(ws) and f"C{intro + 1}:E{intro + 1}" in merged(ws)


def test_counting_committee(tmp_path):
    ws = _export(tmp_path, strike_round())
    section = find_row(ws, "II. BAN KIỂM PHIẾU")
    assert [ws.cell(section + i, 1).value for i in (1, 2, 3)] == [
        "– Đồng chí Đinh Văn Minh, Trưởng ban;",
        "– Đồng chí Lý Thị Nga, thành viên;",
        "– Đồng chí Phan Văn Oanh, thành viên.",
    ]


def test_electorate_figures(tmp_path):
    ws = _export(tmp_path, strike_round())
    assert _figure(ws, "Tổng số đảng viên chính thức được triệu tập") == 33
    assert _figure(ws, "– Sinh hoạt tạm thời ở tổ chức đảng khác") == 1
    assert _figure(ws, "– Được miễn công tác và sinh hoạt đảng, không dự đại hội") == 0  # every group, even at 0
    assert _figure(ws, "– Bị đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam") == 1
    assert _figure(ws, "– Vắng mặt suốt thời gian đại hội có lý do được chấp thuận") == 2
    d = find_row(ws, "Số đảng viên được tính để xác định kết quả bầu cử (D)")
    threshold = find_row(ws, "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)")
    assert (ws.cell(d, 5).value, ws.cell(threshold, 5).value) == (29, 15) and threshold == d + 1
    assert ws.cell(d, 1).font.b and ws.cell(d, 5).number_format == '0" đồng chí"'
    # the members who may vote, not every official member present (the quorum line counts those, the attendance
    # list too): the same label with two different figures on the papers of one congress would contradict itself
    assert _figure(ws, "Số đảng viên chính thức có mặt được bầu cử") == 29
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Số đảng viên chính thức có mặt" not in texts
    assert _figure(ws, "Số đảng viên chính thức vắng mặt") == 4
    assert {f"A{d}:D{d}"} <= merged(ws)


def test_ballot_figures_with_each_reason_that_occurred(tmp_path):
    ws = _export(tmp_path, strike_round())
    labels = ["Số phiếu phát ra", "Số phiếu thu vào", "Số phiếu hợp lệ", "Số phiếu không hợp lệ"]
    rows = [find_row(ws, label) for label in labels]
    assert [ws.cell(r, 5).value for r in rows] == [28, 28, 26, 2]
    assert ws.cell(rows[0], 5).number_format == '0" phiếu"'
    reasons = [(ws.cell(rows[3] + i, 1).value, ws.cell(rows[3] + i, 5).value) for i in (1, 2)]
    assert reasons == [("– Bầu thừa số lượng cần bầu", 1), ("– Ghi thêm tên người ngoài danh sách", 1)]
    texts = _texts(ws)
    assert "– Gạch tên tất cả ứng cử viên" not in texts and "– Có ký tên hoặc đánh dấu riêng" not in texts


def test_no_invalid_ballot_prints_no_reason(tmp_path):
    ws = _export(tmp_path, agree_round())
    invalid = find_row(ws, "Số phiếu không hợp lệ")
    assert ws.cell(invalid, 7).value == 0 and not str(ws.cell(invalid + 1, 1).value or "").startswith("– ")


def test_strike_table_in_list_order_with_percents(tmp_path):
    ws = _export(tmp_path, strike_round())
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 6)] == STRIKE_LABELS and ws.cell(top, 2).font.b
    body = [[ws.cell(top + i, c).value for c in range(1, 6)] for i in range(1, 10)]
    assert [row[1] for row in body] == list(NINE)
    assert body[0] == [1, "Nguyễn Văn An", 26, "89,66%", "Trúng cử"]
    assert body[4] == [5, "Hoàng Văn Em", 14, "48,28%", None]
    assert body[8] == [9, "Ngô Thị Lan", 22, "75,86%", "Trúng cử"]
    assert ws.cell(top + 1, 3).border.left.style == "thin" and ws.cell(top + 1, 2).alignment.horizontal == "left"
    assert ws.cell(top - 1, 1).value == "Số phiếu bầu của từng đồng chí (tỷ lệ so với D = 29):"


def test_agree_table_has_agree_disagree_and_not_counted(tmp_path):
    ws = _export(tmp_path, agree_round())
    top = find_row(ws, "STT")
    assert [ws.cell(top, c).value for c in range(1, 8)] == AGREE_LABELS
    assert [ws.cell(top + 1, c).value for c in range(1, 8)] == [1, "Hoàng Văn Em", 17, 0, 1, "85,00%", "Trúng cử"]
    assert [ws.cell(top + 3, c).value for c in range(1, 8)] == [3, "Lê Văn Quang", 12, 5, 1, "60,00%", "Trúng cử"]
    assert "Đại hội đã biểu quyết số lượng bầu: 3 đồng chí; hình thức bầu: phiếu đồng ý, không đồng ý." in _texts(ws)
    assert _figure(ws, "Số đảng viên được tính để xác định kết quả bầu cử (D)") == 20
    assert _figure(ws, "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)") == 11


def test_elected_in_order_of_votes_and_the_open_seat(tmp_path):
    ws = _export(tmp_path, strike_round())
    intro = find_row(ws, "Các đồng chí trúng cử (số phiếu bầu trên một nửa so với D = 29), theo thứ tự số phiếu:")
    assert [ws.cell(intro + i, 1).value for i in range(1, 9)] == [
        "1. Đồng chí Nguyễn Văn An: 26 phiếu, đạt 89,66%.",
        "2. Đồng chí Trần Thị Bình: 25 phiếu, đạt 86,21%.",
        "3. Đồng chí Ngô Thị Lan: 22 phiếu, đạt 75,86%.",
        "4. Đồng chí Lê Văn Cường: 20 phiếu, đạt 68,97%.",
        "5. Đồng chí Phạm Thị Dung: 18 phiếu, đạt 62,07%.",
        "6. Đồng chí Đỗ Thị Giang: 16 phiếu, đạt 55,17%.",
        "Còn thiếu 1 đồng chí so với số lượng bầu (7 đồng chí).",
        "Đề nghị: Bầu tiếp cho đủ số lượng (nếu đại hội quyết định).",
    ]
    assert intro > find_row(ws, "V. KẾT QUẢ BẦU CỬ")


def test_full_result_says_so(tmp_path):
    texts = _texts(_export(tmp_path, agree_round()))
    assert "Đã bầu đủ số lượng: 3 đồng chí." in texts and not any(t.startswith("Đề nghị:") for t in texts)


def test_tie_open_seat_and_next_step(tmp_path):
    ws = _export(tmp_path, tie_round())
    top = find_row(ws, "STT")
    assert [ws.cell(top + i, 5).value for i in range(1, 7)] == ["Trúng cử"] * 4 + ["Bằng phiếu"] * 2
    texts = _texts(ws)
    assert (
        "Các đồng chí Hoàng Văn Em, Đỗ Thị Giang có số phiếu bằng nhau ở vị trí cuối cùng, trên một nửa so với D, "
        "nên chưa đồng chí nào trúng cử."
    ) in texts
    assert "Còn thiếu 1 đồng chí so với số lượng bầu (5 đồng chí)." in texts
    assert "Đề nghị: Bầu lại trong số những người bằng phiếu nhau." in texts
    assert "5. Đồng chí Hoàng Văn Em: 15 phiếu, đạt 51,72%." not in texts


def test_nobody_elected(tmp_path):
    data = strike_round(elected=(), open_seats=7)
    texts = _texts(_export(tmp_path, data))
    assert "Không có đồng chí nào trúng cử." in texts
    assert "Còn thiếu 7 đồng chí so với số lượng bầu (7 đồng chí)." in texts


def test_time_adopted_and_signatures(tmp_path):
    ws = _export(tmp_path, tie_round())
    adopted = find_row(ws, adopted_line(tie_round()))
    assert ws.cell(adopted, 1).value.startswith("Biên bản lập xong hồi 10 giờ 05 phút, ngày 11 tháng 3 năm 2026")
    head = find_row(ws, "T/M BAN KIỂM PHIẾU")
    assert head > adopted and ws.cell(head, 1).value == "CÁC THÀNH VIÊN"
    assert ws.cell(head + 1, 1).value == "BAN KIỂM PHIẾU" and ws.cell(head + 1, 3).value == "TRƯỞNG BAN"
    name = find_row(ws, "Đinh Văn Minh")
    assert ws.cell(name, 3).value == "Đinh Văn Minh" and ws.cell(name, 1).value == "Lý Thị Nga"  # side by side
    members = [find_row(ws, n) for n in ("Lý Thị Nga", "Phan Văn Oanh", "Tạ Văn Phúc")]
    assert [b - a for a, b in zip(members, members[1:], strict=False)] == [4, 4]  # three blank rows to sign
    assert ws.cell(members[1], 1).font.b and f"A{head}:B{head}" in merged(ws) and f"C{head}:E{head}" in merged(ws)
    assert "Nơi nhận:" not in _texts(ws)


def test_digest_in_the_footer(tmp_path):
    ws = _export(tmp_path, strike_round())
    assert ws.oddFooter.left.text == "Mã kiểm tra hồ sơ: 3f9a1c0b5d7e2a46…" and ws.oddFooter.left.size == 8
    assert ws.oddFooter.center.text == "Trang &P / &N" and not ws.oddFooter.right.text
    bare = _export(tmp_path, strike_round(digest="", digest_verified=None), "bare.xlsx")
    assert not bare.oddFooter.left.text


def test_failed_digest_is_prominent(tmp_path):
    ws = _export(tmp_path, tie_round())
    row = find_row(ws, DIGEST_FAILED)
    cell = ws.cell(row, 1)
    assert cell.font.b and cell.font.color.rgb.endswith("C00000") and cell.font.size >= 14
    assert row < find_row(ws, "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;")  # before anything of the result
    assert ws.oddFooter.right.text == DIGEST_FAILED and ws.oddFooter.right.color == "C00000"
    unchecked = _export(tmp_path, agree_round(digest_verified=None), "unchecked.xlsx")
    assert DIGEST_FAILED not in _texts(unchecked) and not unchecked.oddFooter.right.text


@pytest.mark.parametrize("make", [strike_round, agree_round, tie_round])
def test_print_setup(tmp_path, make):
    ws = _export(tmp_path, make())
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    # a table that fits on a page is kept whole and does not repeat its header above the pages after it
    assert ws.print_title_rows is None
    top, last = find_row(ws, "STT"), find_row(ws, "V. KẾT QUẢ BẦU CỬ") - 2
    assert not any(top - 2 <= brk.id < last for brk in ws.row_breaks.brk)


def test_long_list_repeats_the_table_header(tmp_path):
    names = tuple(f"Đảng viên {i:02d}" for i in range(60))
    data = strike_round(names, tuple(range(60)), seats=7, elected=(), open_seats=7)
    ws = _export(tmp_path, data)
    top = find_row(ws, "STT")
    assert ws.print_title_rows == f"${top}:${top}"


def test_signature_kept_with_the_text_before_it(tmp_path):
    ws = _export(tmp_path, tie_round())
    adopted = find_row(ws, adopted_line(tie_round()))
    # the page break before the signature page, when there is one, falls before the adopted line, never after it
    assert all(not adopted <= brk.id < find_row(ws, "Tạ Văn Phúc") for brk in ws.row_breaks.brk)


def test_candidate_rows_of_each_form():
    strike = strike_round()
    assert candidate_rows(strike)[5] == [6, "Đỗ Thị Giang", 16, "55,17%", "Trúng cử"]
    agree = agree_round(candidates=(MinutesCandidate("An", 5, "25,00%", 12, 1),), elected=())
    assert candidate_rows(agree) == [[1, "An", 5, 12, 1, "25,00%", None]]
    assert replace(strike, D=20).threshold == 11 and strike.threshold == 15


def _render(tmp_path, data, name: str) -> list[str]:
    """The text of each printed page, as LibreOffice lays the workbook out."""
    xlsx = export_counting_minutes(tmp_path / f"{name}.xlsx", data, HEADER, SIGNATURE)
    return page_texts(to_pdf(xlsx, tmp_path))


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs soffice and pdftotext")
@pytest.mark.parametrize("make", [strike_round, agree_round, tie_round])
def test_renders_with_digest_on_every_page_and_signature_not_alone(tmp_path, make):
    data = make()
    pages = _render(tmp_path, data, "bb")
    assert all("Mã kiểm tra hồ sơ: 3f9a1c0b5d7e2a46…" in page for page in pages)
    assert all(f"Trang {n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert all((DIGEST_FAILED in page) is (data.digest_verified is False) for page in pages)
    assert "BIÊN BẢN KIỂM PHIẾU" in pages[0] and "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0]
    last = pages[-1]
    assert "Biên bản lập xong hồi 10 giờ 05 phút" in last and "TRƯỞNG BAN" in last and "Đinh Văn Minh" in last
    assert "Phan Văn Oanh" in last
    table = [page for page in pages if "STT" in page]
    assert len(table) == 1 and all(c.name in table[0] for c in data.candidates)  # whole, header printed once


@pytest.mark.parametrize(
    ("opened", "cited"),
    [
        (date(2020, 3, 15), "Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương"),
        (date(2024, 10, 9), "Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương"),
        (date(2024, 10, 10), "Quyết định số 190-QĐ/TW ngày 10/10/2024"),
    ],
)
def test_the_minutes_cite_the_regulation_in_force_on_the_congress_day(tmp_path, opened, cited):
    data = strike_round()
    ws = _export(tmp_path, replace(data, heading=replace(data.heading, opens_on=opened)))
    basis = [t for t in _texts(ws) if t.startswith("Căn cứ Quy chế bầu cử")]
    assert len(basis) == 1 and cited in basis[0]
