"""Import speed (issue 4): read + plan 5,000 Excel rows against 50,000 saved members (goal ≤ 3 s to the preview),
and the all-or-nothing save of 5,000 rows (goal: a few seconds).
Run with: .venv/bin/python -m pytest tests/bench/test_import_bench.py --bench -q
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from models.roster.member_import import ADD, SKIP, UPDATE, apply_import, plan_import
from models.roster.tables import Member
from reports.roster.roster_reader import read_roster
from tests.bench.conftest import FAMILY, GIVEN, MIDDLE

TODAY = date(2026, 3, 11)
ROWS = 5_000
SAVED = 50_000


def _workbook(path, rows: int = ROWS) -> None:
    """`rows` rows (5,000) under a title block; every 100th row carries a saved member's card number (a duplicate,
    while the card numbers reach the saved ones) with dates the saved record takes as an update: born on the
    earliest saved birth date, admitted before any saved ceremony (fill_members: at least 20 years after a birth
    from 1950) and no official date, which keeps the saved one (a few saved records stay blocked on their own
    dates, e.g. an official date after TODAY, and a few other rows match a saved name and birth date)."""
    rnd = random.Random(11)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Danh sách")
    ws.append(["ĐẢNG BỘ PHƯỜNG HÀNG BÔNG"])
    ws.append(["DANH SÁCH ĐẢNG VIÊN"])
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Giới tính",
            "Ngày sinh",
            "Quê quán",
            "Ngày vào Đảng",
            "Ngày chính thức",
            "Số thẻ ĐV",
            "Chức vụ",
            "Điện thoại",
        ]
    )
    for i in range(rows):
        born = date(1950, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 50))
        admitted = min(born + timedelta(days=365 * 22 + rnd.randrange(0, 365 * 10)), date(2024, 1, 1))
        official: date | None = admitted + timedelta(days=366)
        card = f"{60000000 + i:08d}"
        if i % 100 == 0:  # an update of a saved member
            card, born, admitted, official = f"{10000000 + i * 7:08d}", date(1950, 1, 1), date(1969, 6, 1), None
        ws.append(
            [
                i + 1,
                f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
                rnd.choice(["Nam", "Nữ"]),
                born.strftime("%d/%m/%Y"),
                "Hà Nội",
                admitted,
                official,
                card,
                "Chuyên viên",
                f"09{i:08d}",
            ]
        )
    workbook.save(path)


@pytest.fixture
def import_file(tmp_path, big_file):
    path = tmp_path / "nhap.xlsx"
    _workbook(path)
    return path


def _read_and_plan(path):
    return plan_import(read_roster(path, today=TODAY), TODAY)


def test_read_and_plan_5000_rows_against_50000(benchmark, import_file):
    plan = benchmark.pedantic(_read_and_plan, args=(import_file,), rounds=3, iterations=1)
    assert len(plan.rows) == ROWS and plan.errors == 0
    assert sum(r.saved is not None and r.saved.by_card for r in plan.rows) == ROWS // 100
    start = time.perf_counter()
    read_roster(import_file, today=TODAY)
    read_s = time.perf_counter() - start
    best = benchmark.stats.stats.min
    benchmark.extra_info.update(read_s=round(read_s, 3), read_and_plan_s=round(best, 3))
    print(f"\nread {ROWS} rows {read_s:.3f} s; read + plan against {SAVED} members {best:.3f} s")
    assert benchmark.stats.stats.max <= 3.0


def test_apply_5000_rows(benchmark, import_file):
    plan = _read_and_plan(import_file)
    actions = {r.row: UPDATE if UPDATE in r.allowed else ADD if ADD in r.allowed else SKIP for r in plan.rows}
    adds, updates = (sum(a == wanted for a in actions.values()) for wanted in (ADD, UPDATE))

    def fresh():
        Member.delete().where(Member.id > SAVED).execute()
        return (plan, actions), {"today": TODAY}

    outcome = benchmark.pedantic(apply_import, setup=fresh, rounds=3, iterations=1)
    assert (outcome.added, outcome.updated) == (adds, updates) and adds > 4_900 and updates > 0
    assert Member.select().count() == SAVED + outcome.added
    print(f"\nsave {outcome.added} new + {outcome.updated} updated: {benchmark.stats.stats.min:.3f} s")
    assert benchmark.stats.stats.max <= 5.0
