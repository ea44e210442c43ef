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
    from models.core.vnname import name_sort_key

    rows = []
    for i in range(count):
        born = date(1950, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 55))
        name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        admitted = born + timedelta(days=365 * 20 + rnd.randrange(0, 365 * 15))
        admitted = min(admitted, date(2025, 6, 1))
        official = admitted + timedelta(days=366) if rnd.random() < 0.95 else None
        rows.append(
            dict(
                full_name=name,
                name_sort=name_sort_key(name, born),  # as every save writes it
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


def _defaults(model, given: list[str]) -> tuple[list[str], list]:
    """The columns of `model` not in `given` that have a default, and the value each would get from peewee (a
    callable default such as the current user is called once): a COPY then fills every NOT NULL column as a save
    would."""
    columns, values = [], []
    for field in model._meta.sorted_fields:
        if field.column_name in given or field.default is None:
            continue
        columns.append(field.column_name)
        values.append(field.default() if callable(field.default) else field.default)
    return columns, values


def fill_members_on_server(count: int, seed: int = 7) -> None:
    """`count` members (as fill_members) and about half as many events, on the open PostgreSQL database, by COPY:
    half of the official members have their recognition recorded, 3 % were transferred out, 1 % died, 2 % are
    exempted."""
    from models.core.branch import current_branch_id, get_branch
    from models.core.vnname import name_sort_key
    from models.roster.tables import MemberEvent
    from tests.support.people import set_up_branch

    if get_branch() is None:
        set_up_branch()
    branch, rnd, now = current_branch_id(), random.Random(seed), "2026-01-01 00:00:00"
    given = [
        "id",
        "branch_id",
        "full_name",
        "gender",
        "birth_date",
        "admission_date",
        "ceremony_date",
        "official_date",
        "card_number",
        "job_title",
        "hometown",
        "name_sort",
        "created_at",
        "updated_at",
    ]
    rest, rest_values = _defaults(Member, given)
    event_given = ["branch_id", "member_id", "kind", "date", "created_at"]
    event_rest, event_values = _defaults(MemberEvent, [*event_given, "id"])
    events = []
    connection = db.obj.connection()
    with db.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM member")
        next_id = cursor.fetchone()[0] + 1
        with cursor.copy(f"COPY member ({', '.join(given + rest)}) FROM STDIN") as copy:
            for i in range(count):
                born = date(1950, 1, 1) + timedelta(days=rnd.randrange(0, 365 * 55))
                admitted = min(born + timedelta(days=365 * 20 + rnd.randrange(0, 365 * 15)), date(2025, 6, 1))
                official = admitted + timedelta(days=366) if rnd.random() < 0.95 else None
                name = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
                job = rnd.choice(["Chuyên viên", "Kế toán", "Giáo viên", "Kỹ sư", "Nông dân", "Hưu trí"])
                home = rnd.choice(["Hà Nội", "Nam Định", "Nghệ An", "Thanh Hóa", "Huế", "Đà Nẵng"])
                member_id = next_id + i
                copy.write_row(
                    (
                        member_id,
                        branch,
                        name,
                        rnd.choice(["Nam", "Nữ"]),
                        born,
                        admitted,
                        admitted,
                        official,
                        f"{10000000 + i:08d}",
                        job,
                        home,
                        name_sort_key(name, born),
                        now,
                        now,
                        *rest_values,
                    )
                )
                if official and rnd.random() < 0.5:
                    events.append((member_id, "recognised", official))
                luck = rnd.random()
                if luck < 0.03:
                    events.append((member_id, "transferred_out", date(2024, 3, 1)))
                elif luck < 0.04:
                    events.append((member_id, "died", date(2023, 5, 1)))
                elif luck < 0.06:
                    events.append((member_id, "exempted", date(2022, 1, 1)))
        with cursor.copy(f"COPY member_event ({', '.join(event_given + event_rest)}) FROM STDIN") as copy:
            for member_id, kind, day in events:
                copy.write_row((branch, member_id, kind, day, now, *event_values))
        cursor.execute("SELECT setval(pg_get_serial_sequence('member', 'id'), max(id)) FROM member")
    db.execute_sql("ANALYZE member")
    db.execute_sql("ANALYZE member_event")
