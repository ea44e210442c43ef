"""Realistic Vietnamese members for tests and screenshots."""

from __future__ import annotations

from datetime import date

from models.roster.records import MemberRecord

# (full name, gender, birth date, admission date, official date or None, job title, hometown)
PEOPLE = [
    ("Nguyễn Văn An", "Nam", date(1975, 4, 12), date(2001, 5, 19), date(2002, 5, 19), "Chánh Văn phòng", "Hà Nội"),
    ("Trần Thị Bình", "Nữ", date(1982, 9, 2), date(2008, 3, 3), date(2009, 3, 3), "Phó Chánh Văn phòng", "Nam Định"),
    ("Lê Văn Cường", "Nam", date(1990, 1, 20), date(2015, 9, 2), date(2016, 9, 2), "Chuyên viên", "Thanh Hóa"),
    ("Phạm Thị Dung", "Nữ", date(1988, 6, 30), date(2012, 12, 22), date(2013, 12, 22), "Kế toán", "Hải Phòng"),
    ("Đỗ Minh Đức", "Nam", date(1979, 11, 7), date(2004, 2, 3), date(2005, 2, 3), "Chuyên viên chính", "Nghệ An"),
    ("Hoàng Thị Ánh", "Nữ", date(1995, 3, 8), date(2025, 6, 15), None, "Chuyên viên", "Thái Bình"),
    ("Vũ Đình Anh", "Nam", date(1985, 8, 19), date(2010, 7, 27), date(2011, 7, 27), "Lái xe", "Hưng Yên"),
    ("Bùi Thị Ân", "Nữ", date(1992, 12, 1), date(2019, 1, 5), date(2020, 1, 5), "Văn thư", "Hà Nam"),
    ("Ngô Quang Ăn", "Nam", date(1970, 5, 5), date(1995, 8, 19), date(1996, 8, 19), "Bảo vệ", "Bắc Ninh"),
    ("Đặng Thu Hà", "Nữ", date(1998, 10, 10), date(2025, 3, 26), None, "Cán sự", "Quảng Ninh"),
    ("Dương Văn Dũng", "Nam", date(1983, 2, 14), date(2009, 11, 7), date(2010, 11, 7), "Chuyên viên", "Phú Thọ"),
    ("Lý Thị Én", "Nữ", date(1991, 7, 1), date(2017, 5, 19), date(2018, 5, 19), "Chuyên viên", "Lạng Sơn"),
]


def member(index: int, **changes) -> MemberRecord:
    name, gender, born, admitted, official, job, hometown = PEOPLE[index]
    values = dict(
        full_name=name,
        gender=gender,
        birth_date=born,
        admission_date=admitted,
        ceremony_date=admitted,
        official_date=official,
        job_title=job,
        hometown=hometown,
        card_number=f"{12345670 + index:08d}",
        ethnicity="Tày" if name == "Lý Thị Én" else "Kinh",
    )
    values.update(changes)
    return MemberRecord(**values)


def all_people() -> list[MemberRecord]:
    return [member(i) for i in range(len(PEOPLE))]


def set_up_branch():
    """The branch every test database works in (the first-run set-up of a real file)."""
    from models.core.branch import BranchInfo, save_branch

    return save_branch(BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"))
