"""Show-of-hands record "BIÊN BẢN BIỂU QUYẾT": each vote the congress took, its counts and their share."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reports.congress.paper_blocks import RECORD_RECIPIENTS, congress_line, percent_text
from reports.congress.paper_data import CongressHeading, HandVoteRow
from reports.core.files import save_workbook
from reports.core.party_document import Column, DocumentHeader, DocumentSheet, Signature, new_workbook

HAND_VOTES_TITLE = "BIÊN BẢN BIỂU QUYẾT"
ADOPTED, REJECTED, VOIDED = "Thông qua", "Không thông qua", "Đã hủy"
TIME_FORMAT = "hh:mm dd/mm/yyyy"
PERCENT_LABEL = "Tỷ lệ (%)"

COLUMNS = (
    Column("STT", 5, "center"),
    Column("Thời gian", 16, "date", number_format=TIME_FORMAT),
    Column("Nội dung biểu quyết", 36),
    Column("Số biểu quyết", 10, "center"),
    Column("Số người", 8.5, "center", group="Tán thành"),
    Column(PERCENT_LABEL, 9, "center", group="Tán thành"),
    Column("Số người", 8.5, "center", group="Không tán thành"),
    Column(PERCENT_LABEL, 9, "center", group="Không tán thành"),
    Column("Số người", 8.5, "center", group="Không biểu quyết"),
    Column(PERCENT_LABEL, 9, "center", group="Không biểu quyết"),
    Column("Kết quả", 15.5, "center"),
)


def hand_vote_rows(rows: Sequence[HandVoteRow]) -> list[list[object]]:
    """The cell values of the record, in the order the votes were taken; percents of those voting ("96,67")."""
    out: list[list[object]] = []
    for i, r in enumerate(rows, start=1):
        counts: list[object] = []
        for count in (r.in_favour, r.against, r.abstain):
            counts += [count, percent_text(count, r.voting) or None]
        verdict = f"{VOIDED}: {r.void_reason}" if r.void_reason else (ADOPTED if r.adopted else REJECTED)
        out.append([i, r.taken_at, r.subject, r.voting, *counts, verdict])
    return out


def export_hand_votes(
    path: str | os.PathLike[str],
    heading: CongressHeading,
    rows: Sequence[HandVoteRow],
    header: DocumentHeader,
    signature: Signature,
    *,
    recipients: Sequence[str] = RECORD_RECIPIENTS,
) -> Path:
    """Write the record on A4 landscape; `signature` is usually the presidium's ("T/M ĐOÀN CHỦ TỊCH")."""
    workbook, ws = new_workbook("Biểu quyết")
    doc = DocumentSheet(ws, COLUMNS, landscape=True)
    doc.header_blocks(header)
    doc.title(HAND_VOTES_TITLE, congress_line(heading))
    doc.table_header(numbered=False)
    doc.table_rows(hand_vote_rows(rows))
    doc.signature(signature, recipients)
    return save_workbook(workbook, path)
