"""Report of the congress's results to the higher committee, read back: a branch of 35 and a branch under 9."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from report_helpers import find_row, merged

from reports.congress.congress_summary import export_congress_summary, round_table, time_and_place
from reports.congress.paper_data import (
    AttendanceFigures,
    CandidateLine,
    CongressSummary,
    ElectionOutcome,
    RoundOutcome,
)
from reports.core.party_document import Signature

COMMITTEE = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")
STRIKE, AGREE = "Phiếu gạch tên", "Phiếu đồng ý, không đồng ý"


def _line(name, votes, D, elected, disagree=None):  # noqa: N803
    return CandidateLine(name, votes, f"{votes * 100 / D:.2f}%".replace(".", ","), elected, disagree)


def _single(title, name, votes, D, threshold, voting):  # noqa: N803
    outcome = RoundOutcome(
        1, D, threshold, voting, voting, voting, 0, (_line(name, votes, D, True, voting - votes),), (name,), 0, ""
    )
    return ElectionOutcome(title, 1, AGREE, (outcome,))


def _summary35(heading, figures) -> CongressSummary:
    first = RoundOutcome(
        1,
        29,
        15,
        28,
        28,
        27,
        1,
        (
            _line("Nguyễn Văn An", 26, 29, True),
            _line("Trần Thị Bình", 25, 29, True),
            _line("Lê Văn Cường", 20, 29, True),
            _line("Phạm Thị Dung", 18, 29, True),
            _line("Hoàng Văn Em", 14, 29, False),
            _line("Đỗ Thị Giang", 14, 29, False),
        ),
        COMMITTEE[:4],
        1,
        "Bầu lại trong số những người bằng phiếu nhau",
        "2 đảng viên đến sau khi phát phiếu, không tính vào lần bầu này",
    )
    second = RoundOutcome(
        2,
        29,
        15,
        28,
        28,
        28,
        0,
        (_line("Hoàng Văn Em", 17, 29, True), _line("Đỗ Thị Giang", 11, 29, False)),
        ("Hoàng Văn Em",),
        0,
        "",
    )
    delegates = RoundOutcome(
        1,
        29,
        15,
        28,
        28,
        28,
        0,
        (
            _line("Nguyễn Văn An", 27, 29, True),
            _line("Lê Văn Cường", 22, 29, True),
            _line("Phạm Thị Dung", 12, 29, False),
            _line("Vũ Thị Hà", 21, 29, True),
        ),
        ("Nguyễn Văn An", "Lê Văn Cường", "Vũ Thị Hà"),
        0,
        "",
    )
    elections = (
        ElectionOutcome("Bầu Ban Chi ủy nhiệm kỳ 2025–2030", 5, STRIKE, (first, second)),
        _single("Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030", "Nguyễn Văn An", 27, 29, 15, 28),
        _single("Bầu Phó Bí thư Chi bộ nhiệm kỳ 2025–2030", "Trần Thị Bình", 24, 29, 15, 28),
        ElectionOutcome("Bầu đại biểu chính thức dự Đại hội Đảng bộ Sở", 3, STRIKE, (delegates,)),
        _single("Bầu đại biểu dự khuyết dự Đại hội Đảng bộ Sở", "Bùi Văn Khánh", 20, 29, 15, 28),
    )
    return CongressSummary(
        heading,
        figures,
        elections,
        COMMITTEE,
        "Nguyễn Văn An",
        "Trần Thị Bình",
        ("Nguyễn Văn An", "Lê Văn Cường", "Vũ Thị Hà"),
        ("Bùi Văn Khánh",),
        presidium=("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"),
        secretariat=("Phạm Thị Dung",),
        counting_committee=("Đỗ Thị Giang", "Vũ Thị Hà", "Bùi Văn Khánh"),
    )


def _summary7(heading) -> CongressSummary:
    figures = AttendanceFigures(7, 6, 1, 7, 6, 0, 0, (("Sinh hoạt tạm thời ở tổ chức đảng khác", 0),), 6, 4, 6)
    elections = (
        _single("Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030", "Nguyễn Văn An", 6, 6, 4, 6),
        _single("Bầu Phó Bí thư Chi bộ nhiệm kỳ 2025–2030", "Trần Thị Bình", 5, 6, 4, 6),
    )
    return CongressSummary(
        heading,
        figures,
        elections,
        (),
        "Nguyễn Văn An",
        "Trần Thị Bình",
        presidium=("Nguyễn Văn An",),
        secretariat=("Trần Thị Bình",),
        counting_committee=("Lê Văn Cường", "Phạm Thị Dung"),
    )


def _export(tmp_path, summary, header, signature=None):
    path = export_congress_summary(tmp_path / "bc.xlsx", summary, header, signature or Signature())
    return load_workbook(path).active


def _texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_title_header_and_page_setup(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    assert ws["A1"].value == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG" and ws["A2"].value == "ĐẠI HỘI LẦN THỨ IV"
    assert {"A1:C1", "D1:F1", "A4:C4", "D4:F4"} <= merged(ws)
    title = find_row(ws, "BÁO CÁO KẾT QUẢ ĐẠI HỘI CHI BỘ")
    assert ws.cell(title, 1).font.size == 15 and ws.cell(title, 1).font.b and f"A{title}:F{title}" in merged(ws)
    assert ws.cell(title + 1, 1).value == "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows is None  # no table repeats: it is a report
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_sections_in_order(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    rows = [
        find_row(ws, f"{n}. {t}")
        for n, t in (
            ("I", "THỜI GIAN, ĐỊA ĐIỂM"),
            ("II", "ĐẢNG VIÊN DỰ ĐẠI HỘI"),
            ("III", "CÁC CƠ QUAN GIÚP VIỆC ĐẠI HỘI"),
            ("IV", "KẾT QUẢ BẦU CỬ"),
            ("V", "KẾT QUẢ ĐẠI HỘI"),
        )
    ]
    assert rows == sorted(rows) and ws.cell(rows[0], 1).font.b and ws.cell(rows[0], 1).font.size == 14
    assert ws.cell(rows[0] + 1, 1).value == (
        "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030 họp từ ngày 11/03/2026 đến ngày 12/03/2026 "
        "tại Hội trường tầng 3, trụ sở Sở."
    )
    assert find_row(ws, "T/M ĐOÀN CHỦ TỊCH") > find_row(ws, "- Đại biểu dự khuyết (1 đồng chí): Bùi Văn Khánh.")


def test_attendance_figures_d_and_threshold(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    section = find_row(ws, "II. ĐẢNG VIÊN DỰ ĐẠI HỘI")
    assert ws.cell(section + 1, 1).value == "Tổng số đảng viên được triệu tập" and ws.cell(section + 1, 5).value == 35
    d = find_row(ws, "Số đảng viên được tính để xác định kết quả bầu cử (D)")
    threshold = find_row(ws, "Số phiếu tối thiểu để trúng cử (⌊D/2⌋ + 1)")
    ballots = find_row(ws, "Số phiếu bầu phát ra (đảng viên có mặt được bầu cử)")
    assert section < d < threshold < ballots < find_row(ws, "III. CÁC CƠ QUAN GIÚP VIỆC ĐẠI HỘI")
    assert [ws.cell(r, 5).value for r in (d, threshold, ballots)] == [29, 15, 28]
    assert ws.cell(d, 5).number_format == '0" đồng chí"' and ws.cell(threshold, 5).number_format == '0" phiếu"'
    assert {f"A{d}:D{d}", f"E{d}:F{d}"} <= merged(ws)
    assert ws.cell(find_row(ws, "– Vắng mặt cả buổi có lý do được chấp nhận"), 5).value == 2


def test_working_bodies(tmp_path, heading, figures, congress_header, presidium):
    texts = _texts(_export(tmp_path, _summary35(heading, figures), congress_header, presidium))
    presidium_line = (
        "- Đoàn Chủ tịch (3 đồng chí): đồng chí Nguyễn Văn An, đồng chí Trần Thị Bình, đồng chí Lê Văn Cường."
    )
    assert presidium_line in texts
    assert "- Thư ký đại hội: đồng chí Phạm Thị Dung." in texts
    assert (
        "- Ban Kiểm phiếu (3 đồng chí): đồng chí Đỗ Thị Giang (Trưởng ban), đồng chí Vũ Thị Hà, đồng chí Bùi Văn Khánh."
    ) in texts


def test_committee_election_with_a_second_round(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    title = find_row(ws, "1. Bầu Ban Chi ủy nhiệm kỳ 2025–2030")
    assert ws.cell(title, 1).font.b
    assert ws.cell(title + 1, 1).value == "Số lượng bầu: 5 đồng chí; hình thức bầu: phiếu gạch tên."
    first = find_row(
        ws,
        "Lần bầu thứ 1: phát ra 28 phiếu, thu vào 28 phiếu (hợp lệ 27, không hợp lệ 1); D = 29, "
        "trúng cử khi được từ 15 phiếu trở lên.",
    )
    top = first + 1
    assert [ws.cell(top, c).value for c in range(1, 7)] == [
        "STT",
        "Họ và tên",
        "Số phiếu bầu",
        None,
        "Tỷ lệ so với D",
        "Kết quả",
    ]
    assert f"C{top}:D{top}" in merged(ws) and f"C{top + 1}:D{top + 1}" in merged(ws)
    assert ws.cell(top, 2).font.b and ws.cell(top + 1, 4).border.right.style == "thin"
    assert [ws.cell(top + 1, c).value for c in (1, 2, 3, 5, 6)] == [1, "Nguyễn Văn An", 26, "89,66%", "Trúng cử"]
    assert [ws.cell(top + 5, c).value for c in (2, 3, 5, 6)] == ["Hoàng Văn Em", 14, "48,28%", None]
    assert ws.cell(top + 1, 2).alignment.horizontal == "left" and ws.cell(top + 1, 3).alignment.horizontal == "center"
    after = find_row(ws, "Trúng cử (theo thứ tự số phiếu): Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung.")
    assert after > top + 6
    assert ws.cell(after + 1, 1).value == "Còn thiếu 1 người. Bầu lại trong số những người bằng phiếu nhau."
    note = ws.cell(after + 2, 1)
    assert note.value == "Ghi chú: 2 đảng viên đến sau khi phát phiếu, không tính vào lần bầu này." and note.font.i
    second = find_row(
        ws,
        "Lần bầu thứ 2: phát ra 28 phiếu, thu vào 28 phiếu (hợp lệ 28, không hợp lệ 0); D = 29, "
        "trúng cử khi được từ 15 phiếu trở lên.",
    )
    assert second > after and ws.cell(second + 2, 2).value == "Hoàng Văn Em"
    secretary = find_row(ws, "2. Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030")
    assert find_row(ws, "Trúng cử (theo thứ tự số phiếu): Hoàng Văn Em.") < secretary


def test_agree_form_shows_agree_and_disagree(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    title = find_row(ws, "2. Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030")
    assert ws.cell(title + 1, 1).value == "Số lượng bầu: 1 đồng chí; hình thức bầu: phiếu đồng ý, không đồng ý."
    top = title + 3
    assert [ws.cell(top, c).value for c in range(1, 7)] == [
        "STT",
        "Họ và tên",
        "Đồng ý",
        "Không đồng ý",
        "Tỷ lệ so với D",
        "Kết quả",
    ]
    assert [ws.cell(top + 1, c).value for c in range(1, 7)] == [1, "Nguyễn Văn An", 27, 1, "93,10%", "Trúng cử"]
    assert f"C{top}:D{top}" not in merged(ws)


def test_result_of_a_branch_of_35(tmp_path, heading, figures, congress_header, presidium):
    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    section = find_row(ws, "V. KẾT QUẢ ĐẠI HỘI")
    assert [ws.cell(section + i, 1).value for i in range(1, 6)] == [
        "- Ban Chi ủy nhiệm kỳ 2025–2030 (5 đồng chí): Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung, "
        "Hoàng Văn Em.",
        "- Bí thư Chi bộ: đồng chí Nguyễn Văn An.",
        "- Phó Bí thư Chi bộ: đồng chí Trần Thị Bình.",
        "- Đại biểu chính thức dự đại hội cấp trên (3 đồng chí): Nguyễn Văn An, Lê Văn Cường, Vũ Thị Hà.",
        "- Đại biểu dự khuyết (1 đồng chí): Bùi Văn Khánh.",
    ]
    delegates = find_row(ws, "4. Bầu đại biểu chính thức dự Đại hội Đảng bộ Sở")
    assert delegates < find_row(ws, "5. Bầu đại biểu dự khuyết dự Đại hội Đảng bộ Sở") < section
    assert ws.row_dimensions[section + 1].height >= 2 * 14  # the committee wraps onto a second line


def test_branch_under_9_has_no_committee(tmp_path, heading, congress_header):
    ws = _export(tmp_path, _summary7(heading), congress_header, Signature(name="Nguyễn Văn An"))
    texts = _texts(ws)
    assert not any("Ban Chi ủy" in text for text in texts)
    section = find_row(ws, "V. KẾT QUẢ ĐẠI HỘI")
    leaders = ["- Bí thư Chi bộ: đồng chí Nguyễn Văn An.", "- Phó Bí thư Chi bộ: đồng chí Trần Thị Bình."]
    assert [ws.cell(section + i, 1).value for i in (1, 2)] == leaders
    assert ws.cell(section + 3, 1).value is None and "Đại biểu" not in " ".join(texts)
    assert "- Chủ trì đại hội: đồng chí Nguyễn Văn An." in texts  # a single chair, no presidium
    assert "- Ban Kiểm phiếu (2 đồng chí): đồng chí Lê Văn Cường (Trưởng ban), đồng chí Phạm Thị Dung." in texts
    assert find_row(ws, "1. Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030") < find_row(
        ws, "2. Bầu Phó Bí thư Chi bộ nhiệm kỳ 2025–2030"
    )
    d = find_row(ws, "Số đảng viên được tính để xác định kết quả bầu cử (D)")
    assert [ws.cell(r, 5).value for r in (d, d + 1, d + 2)] == [6, 4, 6]
    assert find_row(ws, "T/M CHI BỘ") > section


def test_empty_sections_are_left_out_and_numbering_closes_up(tmp_path, heading, congress_header):
    bare = _summary7(heading)
    summary = CongressSummary(bare.heading, bare.figures, bare.elections, (), "Nguyễn Văn An")
    texts = _texts(_export(tmp_path, summary, congress_header))
    assert "III. KẾT QUẢ BẦU CỬ" in texts and "IV. KẾT QUẢ ĐẠI HỘI" in texts
    assert not any("CƠ QUAN GIÚP VIỆC" in text or text.startswith("V.") for text in texts)
    assert not any("Phó Bí thư Chi bộ:" in text for text in texts)
    nothing = CongressSummary(bare.heading, bare.figures, ())
    texts = _texts(_export(tmp_path, nothing, congress_header))
    assert [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.")] == [
        "I. THỜI GIAN, ĐỊA ĐIỂM",
        "II. ĐẢNG VIÊN DỰ ĐẠI HỘI",
    ]


def test_appointed_secretary_and_no_winner(tmp_path, heading, figures, congress_header):
    rounds = tuple(
        RoundOutcome(
            n, 29, 15, 28, 28, 28, 0, (_line("Nguyễn Văn An", 14, 29, False, 14),), (), 1, "Bầu lại" if n < 3 else ""
        )
        for n in (1, 2, 3)
    )
    appointed = "Cấp ủy cấp trên chỉ định đồng chí Trần Thị Bình làm Bí thư Chi bộ"
    election = ElectionOutcome("Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030", 1, AGREE, rounds, appointed)
    ws = _export(tmp_path, CongressSummary(heading, figures, (election,), secretary="Trần Thị Bình"), congress_header)
    texts = _texts(ws)
    assert texts.count("Không có đồng chí nào trúng cử.") == 3
    assert "Còn thiếu 1 người. Bầu lại." in texts and "Còn thiếu 1 người." in texts
    row = find_row(ws, f"{appointed}.")
    assert ws.cell(row, 1).font.b and row > find_row(
        ws,
        "Lần bầu thứ 3: phát ra 28 phiếu, thu vào 28 phiếu (hợp lệ "
        "28, không hợp lệ 0); D = 29, trúng cử khi được từ 15 phiếu "
        "trở lên.",
    )


def test_time_and_place_of_a_one_day_congress(heading):
    from dataclasses import replace

    assert time_and_place(replace(heading, closes_on=None, place="")) == (
        "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030 họp ngày 11/03/2026."
    )


@pytest.mark.parametrize("agree", [True, False])
def test_round_table_labels(agree):
    outcome = RoundOutcome(1, 10, 6, 10, 10, 10, 0, (_line("An", 6, 10, True, 4 if agree else None),), ("An",), 0, "")
    labels, rows = round_table(outcome)
    assert (labels[3] is None) is not agree
    assert rows == [[1, "An", 6, 4 if agree else None, "60,00%", "Trúng cử"]]


def test_long_report_breaks_pages_before_headings(tmp_path, heading, figures, congress_header, presidium):
    import re

    ws = _export(tmp_path, _summary35(heading, figures), congress_header, presidium)
    breaks = [brk.id for brk in ws.row_breaks.brk]
    assert len(breaks) >= 2 and breaks == sorted(breaks)
    heading_text = re.compile(r"^([IVX]+|\d+)\. |^Lần bầu thứ ")
    # a page starts with a section, an election or a round, never inside a round's table or after a lone heading
    for brk in breaks:
        assert heading_text.match(str(ws.cell(brk + 1, 1).value)), ws.cell(brk + 1, 1).value


def test_the_first_page_is_not_left_with_section_one_alone(tmp_path, heading, figures, congress_header, presidium):
    from dataclasses import replace

    place = "Hội trường lớn tầng 3, trụ sở Sở Thông tin và Truyền thông, số 12 đường Nguyễn Trãi, phường " * 6
    ws = _export(tmp_path, _summary35(replace(heading, place=place), figures), congress_header, presidium)
    section = find_row(ws, "II. ĐẢNG VIÊN DỰ ĐẠI HỘI")
    first_break = min(brk.id for brk in ws.row_breaks.brk)
    assert first_break > section + 3  # the figures start on page 1 under their heading and flow on
