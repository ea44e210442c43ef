"""Benchmark fixtures: big data files built fast with bulk inserts."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from models.core.database import close_database, open_database
from models.core.tables import db
from models.roster.tables import Member

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Hữu", "Ngọc", "Thanh", "Xuân", "Đình", "Kim"]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Bình",
    "Cường",
    "Dung",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Tuấn",
    "Uyên",
    "Vân",
    "Việt",
    "Xuân",
    "Yến",
    "Ân",
    "Ăn",
    "Ơn",
    "Ưng",
]


def fill_members(count: int, seed: int = 7) -> None:
    """`count` members in the open data file's branch (set up first when the file is new)."""
    from models.core.branch import get_branch
    from tests.support.people import set_up_branch

    if get_branch() is None:
        set_up_branch()
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        born = date(1950, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 55))
        admitted = born + timedelta(days=365 * 20 + rnd.randrange(0, 365 * 15))
        admitted = min(admitted, date(2025, 6, 1))
        official = admitted + timedelta(days=366) if rnd.random() < 0.95 else None
        rows.append(
            dict(
                full_name=f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}",
                gender=rnd.choice(["Nam", "Nữ"]),
                birth_date=born,
                admission_date=admitted,
                ceremony_date=admitted,
                official_date=official,
                card_number=f"{10000000 + i:08d}",
                job_title=rnd.choice(["Chuyên viên", "Kế toán", "Giáo viên", "Kỹ sư", "Nông dân", "Hưu trí"]),
                hometown=rnd.choice(["Hà Nội", "Nam Định", "Nghệ An", "Thanh Hóa", "Huế", "Đà Nẵng"]),
            )
        )
    with db.atomic():
        for start in range(0, len(rows), 500):
            Member.insert_many(rows[start : start + 500]).execute()


@pytest.fixture
def big_file(tmp_path, request):
    count = getattr(request, "param", 50_000)
    path = tmp_path / "big.sqlite3"
    open_database(path)
    fill_members(count)
    yield path
    close_database()
