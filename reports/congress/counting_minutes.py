"""Counting minutes "BIÊN BẢN KIỂM PHIẾU" of one round of one election (docs/domain.md §3), in the Party layout.

Sections: the seats and the list; the counting committee; the electorate behind D; the ballots; each candidate's
votes; the result and the rule that decided it; the record file's own digest in full with its QR code (the start
of it in the page footer); then the time adopted and the signatures. A record whose digest failed, or a result whose
data does not hold, carries a red warning in the body (and the failed digest in the footer of every page).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from models.counting.check_code import grouped
from models.counting.regulations import regulation_on
from reports.congress.paper_blocks import (
    RED,
    Figure,
    FigureBlock,
    congress_line,
    denominator_figures,
    exclusion_figures,
    names_text,
    red_paragraph,
    write_figures,
)
from reports.congress.paper_data import MinutesData
from reports.core import styles
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook
from reports.core.styles import BODY_SIZE, date_line, roman

MINUTES_TITLE = "BIÊN BẢN KIỂM PHIẾU"
MINUTES_SIGNATURE = Signature("T/M BAN KIỂM PHIẾU", "TRƯỞNG BAN")  # the caller adds the name
MEMBERS_CAPTION = ("CÁC THÀNH VIÊN", "BAN KIỂM PHIẾU")  # "CÁC THÀNH VIÊN BAN KIỂM PHIẾU" on two lines
DIGEST_FAILED = "HỒ SƠ KHÔNG KHỚP MÃ KIỂM TRA"
DIGEST_FAILED_NOTE = (
    "Dữ liệu phiếu trong hồ sơ đã bị thay đổi so với mã kiểm tra khi lập: kết quả dưới đây chưa được xác nhận."
)
CHARTER_BASIS = "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
ELECTED, TIED = "Trúng cử", "Bằng phiếu"
DIGEST_SHOWN = 16  # hex digits of the digest printed in the footer
QR_SIDE_PX = 128  # the QR's printed side: about 3.4 cm, enough for a phone's camera
QR_ROW_HEIGHT = 100  # points: the row the QR sits in
FIGURES_SIZE = 13
GAP = 6  # points of space before a section

# A4 portrait. Strike form: STT, name, votes, percent of D, result. Agree form: STT, name, agree, disagree, not
# counted, percent of D, result. Paragraphs span every column; the figures put their labels over the first columns
# and their counts over the last ones.
STRIKE_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 33),
    Column("Số phiếu bầu", 13, "center"),
    Column("Tỷ lệ so với D", 13, "center"),
    Column("Kết quả", 13, "center"),
)
AGREE_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 23),
    Column("Đồng ý", 9.5, "center"),
    Column("Không đồng ý", 12.5, "center"),
    Column("Không tính", 9.5, "center"),
    Column("Tỷ lệ đồng ý so với D", 11, "center"),
    Column("Kết quả", 12.5, "center"),
)
# (label_first, label_last, count_first, count_last) of the figures, per form: the labels as wide as the D label
FIGURE_SPANS: dict[str, tuple[int, int, int, int]] = {"strike": (1, 4, 5, 5), "agree": (1, 6, 7, 7)}
KEEP_ROWS = 3  # a heading stays on the page of at least this many rows of its block


def legal_basis(data: MinutesData) -> tuple[str, ...]:
    """The Charter, and the election regulation in force on the day the congress opened."""
    return (CHARTER_BASIS, regulation_on(data.heading.opens_on).citation)


def subject_line(data: MinutesData) -> str:
    """ "Bầu Ban Chi ủy nhiệm kỳ 2025–2030, lần bầu thứ 1"."""
    return f"{data.election_title}, lần bầu thứ {data.round_no}"


def adopted_line(data: MinutesData) -> str:
    """ "Biên bản lập xong hồi 10 giờ 05 phút, ngày 11 tháng 3 năm 2026, …"."""
    when = data.adopted_at
    return (
        f"Biên bản lập xong hồi {when.hour:02d} giờ {when.minute:02d} phút, {date_line('', when.date())}, "
        "đã đọc lại cho các thành viên Ban Kiểm phiếu cùng nghe và nhất trí ký tên."
    )


def digest_footer(data: MinutesData) -> str:
    """ "Mã kiểm tra hồ sơ: 3f9a1c0b5d7e2a46…"; "" without a digest."""
    return f"Mã kiểm tra hồ sơ: {data.digest[:DIGEST_SHOWN]}…" if data.digest else ""


def electorate_block(data: MinutesData) -> list[Figure]:
    """Summoned, each exclusion, D, the threshold, present and absent."""
    return [
        ("Tổng số đảng viên chính thức được triệu tập", data.official_summoned, "đồng chí", False),
        *exclusion_figures(data.exclusions),
        # a meeting's question states its own test in its outcome: no "to be elected" threshold here
        *denominator_figures(data.D, data.threshold)[: 1 if data.question_lines else 2],
        # those who may vote: one on temporary activity elsewhere who came is counted present by the quorum line and
        # the attendance list, not here
        ("Số đảng viên chính thức có mặt được bầu cử", data.official_present, "đồng chí", False),
        ("Số đảng viên chính thức vắng mặt", data.absent, "đồng chí", False),
    ]


def ballots_block(data: MinutesData) -> list[Figure]:
    """Issued, collected, valid, invalid and each reason that occurred."""
    rows: list[Figure] = [
        ("Số phiếu phát ra", data.ballots_issued, "phiếu", False),
        ("Số phiếu thu vào", data.collected, "phiếu", False),
        ("Số phiếu hợp lệ", data.valid, "phiếu", False),
        ("Số phiếu không hợp lệ", data.invalid, "phiếu", False),
    ]
    return rows + [(f"– {label}", count, "phiếu", False) for label, count in data.invalid_reasons if count > 0]


def candidate_rows(data: MinutesData) -> list[list[object]]:
    """The table body in list order; the result column says who was elected and who tied across the last seat."""
    elected = {line.name for line in data.elected}
    tied = set(data.tied)
    rows: list[list[object]] = []
    for i, c in enumerate(data.candidates, start=1):
        result = ELECTED if c.name in elected else TIED if c.name in tied else None
        if data.form == "agree":
            rows.append([i, c.name, c.votes, c.disagree, c.not_counted, c.percent_text, result])
        else:
            rows.append([i, c.name, c.votes, c.percent_text, result])
    return rows


def result_lines(data: MinutesData) -> list[str]:
    """The elected in order of votes, what remains open and the next step."""
    lines = [rule_line(data)]
    if data.elected and data.tie_break:
        lines.append("Các đồng chí trúng cử (số phiếu cao hơn trong lần bầu lại), theo thứ tự số phiếu:")
    elif data.elected:
        lines.append(f"Các đồng chí trúng cử (số phiếu bầu trên một nửa so với D = {data.D}), theo thứ tự số phiếu:")
        lines += [
            f"{i}. Đồng chí {e.name}: {e.votes} phiếu, đạt {e.percent_text}."
            for i, e in enumerate(data.elected, start=1)
        ]
    else:
        lines.append("Không có đồng chí nào trúng cử.")
    if data.tied:
        passed = "" if data.tie_break else ", trên một nửa so với D"
        lines.append(
            f"Các đồng chí {names_text(data.tied)} có số phiếu bằng nhau ở vị trí cuối cùng{passed}, nên "
            "chưa đồng chí nào trúng cử."
        )
    if data.open_seats:
        lines.append(f"Còn thiếu {data.open_seats} đồng chí so với số lượng bầu ({data.seats} đồng chí).")
    else:
        lines.append(f"Đã bầu đủ số lượng: {data.seats} đồng chí.")
    if data.next_step:
        lines.append(f"Đề nghị: {data.next_step.rstrip('.')}.")
    return lines


def rule_line(data: MinutesData) -> str:
    """Which rule decided who is elected."""
    if data.tie_break:
        return (
            "Lần bầu lại giữa những đồng chí bằng phiếu nhau ở vị trí cuối cùng (Điều lệ Đảng, Điều 12 khoản 3): "
            "trúng cử theo số phiếu cao hơn, không cần quá một nửa."
        )
    return (
        f"Người trúng cử phải được số phiếu bầu quá một nửa so với D = {data.D}, tức từ {data.threshold} phiếu trở lên."
    )


def code_lines(data: MinutesData) -> list[str]:
    """The record file's own digest, in groups of four, or a plain statement that there is none."""
    if not data.digest:
        return ["Hồ sơ bầu cử không có mã kiểm tra: không đối chiếu được biên bản này với hồ sơ."]
    groups = grouped(data.digest).split(" ")
    return [
        "Mã kiểm tra (SHA-256) của hồ sơ bầu cử kèm theo biên bản này:",
        " ".join(groups[:8]),
        " ".join(groups[8:]),
        "Đối chiếu: ChiBo, thẻ «Bầu cử», «Đối chiếu với biên bản đã ký»; hoặc lệnh "
        "«chibo verify HỒ_SƠ.json --code MÃ».",
    ]


def signature_lines(data: MinutesData) -> list[tuple[str, bool]]:
    """Left of the head's signature: the caption, then each member's name under a space to sign, the first name on
    the line of the head's name."""
    lines = [(text, True) for text in MEMBERS_CAPTION]
    for name in data.committee_members:
        lines += [("", False)] * 3 + [(name, True)]
    return lines


class _Minutes:
    """Writes the sections in order, each heading kept on the page of what follows it."""

    def __init__(self, doc: DocumentSheet, form: str) -> None:
        self.doc, self.sections = doc, 0
        self._figure_spans = FIGURE_SPANS[form]

    def section(self, title: str) -> int:
        self.sections += 1
        self.doc.append([], GAP)
        return self.doc.paragraph(f"{roman(self.sections)}. {title.upper()}", bold=True)

    def lines(self, texts: Sequence[str], *, bold: bool = False) -> None:
        for text in texts:
            self.doc.paragraph(text, bold=bold, align="justify")

    def figures(self, rows: Sequence[Figure], keep_from: int) -> None:
        """The figures; the rows from `keep_from` (a heading) stay on the page of the first few figures, and a
        single last figure never goes alone onto the next page."""
        kept = len(rows) if len(rows) <= KEEP_ROWS + 1 else KEEP_ROWS
        write_figures(self.doc, [FigureBlock(rows[:kept], *self._figure_spans)], size=FIGURES_SIZE)
        self.doc.keep_together(keep_from)
        if rows[kept:]:
            write_figures(self.doc, [FigureBlock(rows[kept:], *self._figure_spans)], size=FIGURES_SIZE)

    def names_grid(self, names: Sequence[str]) -> None:
        """Numbered names two to a row, across then down."""
        doc, ws = self.doc, self.doc.ws
        n, split = len(doc.columns), _half(doc.columns)
        for index in range(0, len(names), 2):
            spans = []
            for offset, (first, last) in enumerate(((1, split), (split + 1, n))):
                if index + offset < len(names):
                    text = f"{index + offset + 1}. {names[index + offset]}"
                    spans.append((first, last, styles.styled_cell(ws, text, size=BODY_SIZE)))
            doc.spans_row(spans, styles.row_height(1, BODY_SIZE))


def _half(columns: Sequence[Column]) -> int:
    """The column count whose cumulative width is closest to half the sheet's."""
    total, running, gaps = sum(c.width for c in columns), 0.0, []
    for index, column in enumerate(columns[:-1], start=1):
        running += column.width
        gaps.append((abs(running - total / 2), index))
    return min(gaps)[1]


def export_counting_minutes(
    path: str | os.PathLike[str],
    data: MinutesData,
    header: DocumentHeader,
    signature: Signature,
) -> Path:
    """Write the minutes on A4 portrait, fitted to the page width; `header.number` is e.g. "Số 01-BB/CB" and
    `signature` the head's ("T/M BAN KIỂM PHIẾU" / "TRƯỞNG BAN" / name)."""
    columns = AGREE_COLUMNS if data.form == "agree" else STRIKE_COLUMNS
    workbook, ws = new_workbook(f"Kiểm phiếu lần {data.round_no}")
    doc = DocumentSheet(ws, columns, landscape=False)
    if data.digest:
        ws.oddFooter.left.text = digest_footer(data)
        ws.oddFooter.left.font = f"{styles.FONT_NAME},Regular"
        ws.oddFooter.left.size = 8
        if data.digest_verified is False:  # on every page, clear of the page number in the centre
            ws.oddFooter.right.text = DIGEST_FAILED
            ws.oddFooter.right.font = f"{styles.FONT_NAME},Bold"
            ws.oddFooter.right.size = 10
            ws.oddFooter.right.color = RED
    doc.header_blocks(header)
    doc.title(MINUTES_TITLE, subject_line(data))
    doc.paragraph(congress_line(data.heading), align="center", italic=True)
    if data.digest_verified is False:
        red_paragraph(doc, DIGEST_FAILED, size=15, bold=True, italic=False)
        red_paragraph(doc, DIGEST_FAILED_NOTE, size=12, bold=False, italic=True)
    for problem in data.integrity:
        red_paragraph(doc, problem, size=12, bold=True, italic=False)
    minutes = _Minutes(doc, data.form)
    doc.append([], GAP)
    minutes.lines(legal_basis(data))

    first = minutes.section("Số lượng và danh sách bầu cử")
    form = data.form_label[:1].lower() + data.form_label[1:]
    body = "Hội nghị" if data.heading.line else "Đại hội"  # a branch meeting's secret ballot, or a congress's
    minutes.lines(
        [
            f"{body} đã biểu quyết số lượng bầu: {data.seats} {data.named_as}; hình thức bầu: {form}.",
            f"Danh sách bầu cử gồm {len(data.candidates)} {data.named_as} (xếp theo vần A, B, C):",
        ]
    )
    minutes.names_grid([c.name for c in data.candidates])
    doc.keep_together(first)

    first = minutes.section("Ban Kiểm phiếu")
    committee = [f"– Đồng chí {data.committee_head}, Trưởng ban;"]
    committee += [f"– Đồng chí {name}, thành viên;" for name in data.committee_members]
    committee[-1] = committee[-1].rstrip(";") + "."
    minutes.lines(committee)
    doc.keep_together(first)

    minutes.figures(electorate_block(data), minutes.section("Đảng viên và phiếu bầu"))
    minutes.figures(ballots_block(data), doc.row + 1)
    if data.quorum_text:
        minutes.lines([data.quorum_text])

    first = minutes.section("Kết quả kiểm phiếu")
    votes = "Số phiếu đồng ý, không đồng ý" if data.form == "agree" else "Số phiếu bầu"
    minutes.lines([f"{votes} của từng {data.named_as} (tỷ lệ so với D = {data.D}):"])
    doc.table_header(numbered=False)
    doc.table_rows(candidate_rows(data))
    doc.keep_table_together(first)

    first = minutes.section("Kết quả biểu quyết" if data.question_lines else "Kết quả bầu cử")
    minutes.lines(list(data.question_lines) or result_lines(data))
    doc.keep_together(first)

    closing = first = minutes.section("Mã kiểm tra")
    lines = code_lines(data)
    if data.digest_verified is False:
        red_paragraph(doc, lines[0], size=12, bold=True, italic=False)
        lines = lines[1:]
    minutes.lines(lines)
    if data.code_text:  # the digest and the election's identity, for a phone or ChiBo to read off the paper
        from reports.core.qr_image import place_qr

        row = doc.append([], QR_ROW_HEIGHT)
        place_qr(ws, data.code_text, f"B{row}", side_px=QR_SIDE_PX)
    doc.keep_together(first)

    doc.append([], GAP)
    doc.paragraph(adopted_line(data), italic=True, align="justify")
    doc.signature(signature, left=signature_lines(data), keep_from=closing)
    return save_workbook(workbook, path)
