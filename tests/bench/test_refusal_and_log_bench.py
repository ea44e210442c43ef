"""Speeds that unit tests once asserted with a clock (run with --bench): refusing a 100,000-row workbook by its
declared dimension (goal: well under 1 s), and writing a 5,000-entry counting log (goal: under 5 s)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from reports.congress.entry_log import export_entry_log
from reports.congress.paper_data import EntryLogRow
from reports.core.errors import ImportFileError
from reports.roster.roster_reader import read_roster
from tests.unit.reports.congress.minutes_samples import HEADER, HEADING, SIGNATURE
from tests.unit.reports.roster.test_roster_reader import _crafted

TITLE = "Bầu Ban Chi ủy nhiệm kỳ 2025–2030, lần bầu thứ 1"


def _rows(count: int) -> list[EntryLogRow]:
    start = datetime(2026, 3, 11, 9, 30, 15)
    keep = "Giữ: Nguyễn Văn An, Trần Thị Bình"
    return [
        EntryLogRow(
            i,
            start + timedelta(seconds=20 * i),
            (i + 1) // 2,
            1 + i % 2,
            "Nhập",
            "",
            keep,
            "Lý Thị Nga",
            f"{i * 2654435761 % 16**8:08x}",
        )
        for i in range(1, count + 1)
    ]


def test_a_100000_row_workbook_is_refused_at_once(benchmark, tmp_path):
    path = _crafted(tmp_path / "huge.xlsx", 100_000, dimension=True)

    def refuse() -> None:
        with pytest.raises(ImportFileError):
            read_roster(path)

    benchmark.pedantic(refuse, rounds=3, iterations=1)
    assert benchmark.stats["mean"] < 1.0


def test_a_5000_entry_counting_log_is_written(benchmark, tmp_path):
    def write():
        return export_entry_log(tmp_path / "nk.xlsx", HEADING, TITLE, _rows(5000), HEADER, SIGNATURE)

    benchmark.pedantic(write, rounds=2, iterations=1)
    assert benchmark.stats["mean"] < 5.0
