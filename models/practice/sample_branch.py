"""«Dữ liệu mẫu để tập dượt»: a realistic branch in a separate practice file, so the secretary and the counting
committee can rehearse the congress day: about 30 members with Vietnamese names and histories, last year's ratings,
and a congress ready for check-in with its first elections set up. The file is marked as practice
(models.core.practice_flag) and cannot be taken for the real one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.congress.congresses import CongressInfo, save_congress
from models.congress.elections import add_election, eligibility, set_candidates
from models.core.branch import BranchInfo, save_branch
from models.core.database import set_meta
from models.core.practice_flag import PRACTICE_KEY
from models.core.saved_ids import saved_id
from models.core.tables import db
from models.counting import Post
from models.roster.event_kinds import EventKind
from models.roster.members import record_event, save_member
from models.roster.rating_book import save_ratings
from models.roster.records import EventRecord, MemberRecord

NAMES = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Giang",
    "Đặng Quang Hải",
    "Bùi Thị Hạnh",
    "Đỗ Văn Hùng",
    "Hồ Thị Khánh",
    "Ngô Đình Lâm",
    "Dương Thị Lan",
    "Lý Văn Long",
    "Phan Thị Mai",
    "Trịnh Văn Nam",
    "Đinh Thị Ngọc",
    "Cao Văn Phúc",
    "Mai Thị Phương",
    "Tạ Quang Sơn",
    "Lưu Thị Tâm",
    "Chu Văn Thắng",
    "Kiều Thị Thảo",
    "Võ Minh Trung",
    "Huỳnh Thị Uyên",
    "Lâm Văn Việt",
    "Quách Thị Xuân",
    "Tô Văn Ánh",
    "La Thị Yến",
    "Triệu Văn Bảo",
    "Âu Thị Châu",
    "Nông Văn Duy",
    "Hà Thị Hiền",
)
JOBS = (
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Chuyên viên chính",
    "Chuyên viên",
    "Kế toán",
    "Văn thư",
    "Lái xe",
    "Cán sự",
)
HOMETOWNS = ("Hà Nội", "Nam Định", "Thanh Hóa", "Nghệ An", "Hải Phòng", "Thái Bình", "Bắc Ninh", "Phú Thọ")
PROBATIONARY = 3  # the last members: admitted within the year
DESIGNED_FOR = 2026  # the histories below read as of this year; on another PC date they move with it


def _year(year: int, today: date) -> int:
    """A year of the sample's histories, moved with today's date: a PC whose clock says 2023 (or 2031) gets the
    same branch, its dates never in the future."""
    return year + today.year - DESIGNED_FOR


@dataclass(frozen=True)
class PracticeSummary:
    members: int
    congress_id: int


def _member(index: int, today: date) -> MemberRecord:
    name = NAMES[index]
    official = index < len(NAMES) - PROBATIONARY
    born = date(_year(1962, today) + (index * 7) % 36, 1 + index % 12, 1 + (index * 5) % 27)
    admitted = date(max(born.year + 22, _year(1990, today)) + index % 6, 1 + (index * 3) % 12, 3 + index % 20)
    if not official:
        admitted = date(today.year - 1 if today.month < 4 else today.year, 1 + index % 3, 15)
    woman = " Thị " in name
    return MemberRecord(
        full_name=name,
        gender="Nữ" if woman else "Nam",
        birth_date=born,
        admission_date=admitted,
        ceremony_date=admitted,
        official_date=date(admitted.year + 1, admitted.month, admitted.day) if official else None,
        job_title=JOBS[index % len(JOBS)],
        workplace="Văn phòng Sở",
        hometown=HOMETOWNS[index % len(HOMETOWNS)],
        ethnicity="Tày" if index == 11 else "Kinh",
        education="12/12",
        qualification=("Thạc sĩ", "Đại học", "Đại học", "Cao đẳng")[index % 4],
        theory=("Cao cấp", "Trung cấp", "Sơ cấp")[index % 3],
        card_number=f"{31000100 + index:08d}",
        phone=f"09{index:02d} 345 6{index:02d}",
    )


def fill_practice_data(today: date) -> PracticeSummary:
    """Fill a new, empty practice database (already open) in one transaction."""

    with db.atomic():
        set_meta(PRACTICE_KEY, "1")
        save_branch(
            BranchInfo(
                "Chi bộ Văn phòng Sở (tập dượt)",
                "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                "Hà Nội",
                "CB",
                "Nguyễn Văn An",
            ),
            new=True,
        )
        saved = [save_member(_member(i, today), today).member for i in range(len(NAMES))]
        history = [
            (3, EventKind.TRANSFERRED_IN, date(_year(2019, today), 8, 1), "Chi bộ Phòng Kế hoạch"),
            (9, EventKind.TEMPORARY_ELSEWHERE, today - timedelta(days=60), "Chi bộ Trường Chính trị tỉnh"),
            (14, EventKind.EXEMPTED, date(today.year - 1, 10, 1), ""),
            (20, EventKind.DISCIPLINED, date(today.year - 2, 6, 1), ""),
        ]
        for index, kind, on, place in history:
            event = EventRecord(kind, on, decision_ref=f"Quyết định số {10 + index}-QĐ/ĐU", place=place)
            if kind == EventKind.DISCIPLINED:
                event = EventRecord(kind, on, decision_ref="Quyết định số 05-QĐ/CB", note="Khiển trách")
            record_event(saved_id(saved[index]), event, today)
        official = [m for m in saved if m.official_date is not None]
        levels: dict[int, str | None] = {
            saved_id(m): ("good" if i % 5 else "excellent") if i % 7 else "done" for i, m in enumerate(official)
        }
        save_ratings(today.year - 1, levels)
        congress = save_congress(CongressInfo(5, today.year, today.year + 5, today, place="Hội trường tầng 3"))
        committee = add_election(saved_id(congress), Post.COMMITTEE, 5)
        free = [p for p, why in eligibility(committee.id) if not why]
        set_candidates(committee.rounds[0].id, [p.id for p in free[:6]])
        delegates = add_election(saved_id(congress), Post.DELEGATE, 2)
        set_candidates(delegates.rounds[0].id, [p.id for p in free[6:9]])
    return PracticeSummary(len(saved), saved_id(congress))
