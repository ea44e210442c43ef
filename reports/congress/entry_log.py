"""Ballot entry log "NHẬT KÝ NHẬP PHIẾU": every entry, correction, void and undo of one round, with its chain digest."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from reports.congress.paper_blocks import RECORD_RECIPIENTS, congress_line, red_paragraph
from reports.congress.paper_data import CongressHeading, EntryLogRow
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

ENTRY_LOG_TITLE = "NHẬT KÝ NHẬP PHIẾU"
LOG_FAILED = "NHẬT KÝ KHÔNG KHỚP: KHÔNG DÙNG LÀM CĂN CỨ"
TIME_FORMAT = "hh:mm:ss dd/mm/yyyy"
TABLE_SIZE = 11

COLUMNS = (
    Column("STT", 6.5, "center"),
    Column("Thời gian", 18, "date", number_format=TIME_FORMAT),
    Column("Phiếu số", 8, "center"),
    Column("Lượt nhập", 7.5, "center"),
    Column("Thao tác", 10, "center"),
    Column("Trước", 34),
    Column("Sau", 34),
    Column("Người nhập", 17),
    Column("Mã chuỗi", 12, "center"),
)


def entry_log_rows(rows: Iterable[EntryLogRow]) -> Iterator[list[object]]:
    """The cell values, in the order given (the log's sequence); empty texts as blank cells."""
    for r in rows:
        yield [
            r.seq,
            r.time,
            r.ballot_no,
            r.pass_no,
            r.action_label,
            r.before or None,
            r.after or None,
            r.entered_by or None,
            r.digest_prefix or None,
        ]


def export_entry_log(
    path: str | os.PathLike[str],
    heading: CongressHeading,
    title: str,
    rows: Iterable[EntryLogRow],
    header: DocumentHeader,
    signature: Signature,
    *,
    recipients: Sequence[str] = RECORD_RECIPIENTS,
    problems: Sequence[str] = (),
) -> Path:
    """Write the log on A4 landscape, the header repeated on every page; `title` names the election and round
    ("Bầu Ban Chi ủy nhiệm kỳ 2025–2030, lần bầu thứ 1"). Rows stream to a write-only sheet: thousands stay fast.
    `problems`: what does not hold in the log (its chain, its seal, the result stored with it), printed in red
    above it."""
    workbook, ws = new_workbook("Nhật ký nhập phiếu")
    doc = DocumentSheet(ws, COLUMNS, landscape=True, table_size=TABLE_SIZE)
    doc.header_blocks(header)
    doc.title(ENTRY_LOG_TITLE, title)
    doc.paragraph(congress_line(heading), align="center", italic=True)
    if problems:
        red_paragraph(doc, LOG_FAILED, size=15, bold=True, italic=False)
    for problem in problems:
        red_paragraph(doc, problem, size=12, bold=True, italic=False)
    doc.table_header(numbered=False)
    doc.table_rows(entry_log_rows(rows))
    doc.signature(signature, recipients)
    return save_workbook(workbook, path)
