"""Branch statistics: totals, groups, age bands, education levels, movements, rating results."""

from __future__ import annotations

import pytest

from models.roster.event_kinds import EventKind
from models.roster.records import RatingRecord
from models.roster.statistics import (
    StatSection,
    age_band_labels,
    age_section,
    branch_statistics,
    education_section,
    gender_section,
    is_ethnic_minority,
    is_religious,
    kind_section,
    movement_counts,
    movement_section,
    overview_section,
    percent,
    qualification_section,
    rating_section,
    theory_section,
)
from tests.support.rules_factories import d, ev, member

ON = d("31/12/2025")


def roster():
    return [
        member(
            "Nguyễn Văn An",
            born="31/12/1995",
            official="01/01/2001",
            id=1,
            gender="Nam",
            education="12/12",
            qualification="Đại học",
            theory="Trung cấp",
        ),
        member(
            "Trần Thị Bình",
            born="30/12/1994",
            admitted="01/06/2025",
            id=2,
            gender="Nữ",
            ethnicity="Tày",
            religion="Phật giáo",
            education="12/12 (bổ túc)",
            qualification="Thạc sĩ Kinh tế",
            theory="",
        ),
        member(
            "Lê Văn Cường",
            born="01/01/1985",
            official="01/01/2001",
            id=3,
            gender="Nam",
            ethnicity="KINH",
            religion="không",
            education="10/10",
            qualification="Cử nhân",
            theory="Cao cấp lý luận chính trị",
        ),
        member(
            "Phạm Thị Dung",
            born="01/01/1984",
            official="01/01/2001",
            id=4,
            gender="Nữ",
            ethnicity="Mường",
            religion="Công giáo",
            education="",
            qualification="",
            theory="sơ cấp",
        ),
        member(
            "Hoàng Văn Em",
            born="31/12/1964",
            official="01/01/2001",
            id=5,
            gender="Nam",
            ethnicity="",
            religion="",
            events=[ev(EventKind.EXEMPTED, "01/01/2025")],
        ),
        member("Vũ Thị Phương", born="01/01/1965", official="01/01/2001", id=6, gender="Nữ"),
        member(
            "Đỗ Thị Quỳnh",
            official="01/01/2001",
            id=7,
            gender="Nữ",
            ethnicity="Tày",
            events=[ev(EventKind.TRANSFERRED_OUT, "01/06/2025")],
        ),
        member("Bùi Văn Sơn", admitted="15/01/2026", id=8),
    ]


def rows(section: StatSection) -> dict[str, tuple[int, float | None]]:
    return {r.key: (r.count, r.percent) for r in section.rows}


def test_percent_rounds_half_up_to_two_decimals():
    assert percent(1, 3) == 33.33
    assert percent(2, 3) == 66.67
    assert percent(1, 800) == 0.13  # 0.125: half up, not half even
    assert percent(3, 6) == 50.0
    assert percent(0, 5) == 0.0
    assert percent(1, 0) is None and percent(1, None) is None


def test_overview_counts_current_members_only():
    section = overview_section(roster(), ON)
    assert section.base == 6
    assert rows(section) == {
        "total": (6, 100.0),
        "women": (3, 50.0),
        "ethnic_minority": (2, 33.33),
        "religious": (2, 33.33),
        "official": (5, 83.33),
        "probationary": (1, 16.67),
    }
    assert section.as_tuples()[1] == ("Đảng viên nữ", 3, 50.0)
    assert "31/12/2025" in section.title


def test_overview_on_an_earlier_date():
    assert overview_section(roster(), d("31/12/2024")).count("total") == 6  # Quỳnh still here, Bình not yet


@pytest.mark.parametrize(
    ("ethnicity", "minority"),
    [
        ("Kinh", False),
        ("KINH", False),
        ("kinh", False),
        ("Việt", False),
        ("Kinh (Việt)", False),
        ("", False),
        ("Tày", True),
        ("tày", True),
        ("Mường", True),
        ("Khơ Mú", True),
        ("Hoa", True),
    ],
)
def test_ethnic_minority(ethnicity, minority):
    assert is_ethnic_minority(member(ethnicity=ethnicity)) is minority


@pytest.mark.parametrize(
    ("religion", "religious"),
    [
        ("Không", False),
        ("không", False),
        ("KHÔNG", False),
        ("Không có", False),
        ("Không tôn giáo", False),
        ("", False),
        ("-", False),
        ("Phật giáo", True),
        ("Công giáo", True),
        ("Tin lành", True),
        ("Cao Đài", True),
    ],
)
def test_religious(religion, religious):
    assert is_religious(member(religion=religion)) is religious


def test_gender_and_kind_sections_for_charts():
    assert rows(gender_section(roster(), ON)) == {"male": (3, 50.0), "female": (3, 50.0)}
    odd = [member(gender="Nam"), member(gender="")]
    assert rows(gender_section(odd, ON)) == {"male": (1, 50.0), "female": (0, 0.0), "unknown": (1, 50.0)}
    assert rows(kind_section(roster(), ON)) == {"official": (5, 83.33), "probationary": (1, 16.67)}


def test_age_bands_default_bounds_are_inclusive():
    section = age_section(roster(), ON)
    assert [r.label for r in section.rows] == [
        "Từ 30 tuổi trở xuống",
        "Từ 31 đến 40 tuổi",
        "Từ 41 đến 50 tuổi",
        "Từ 51 đến 60 tuổi",
        "Từ 61 tuổi trở lên",
    ]
    # An 30, Bình 31, Cường 40, Dung 41, Phương 60, Em 61 on 31/12/2025.
    assert [r.count for r in section.rows] == [1, 2, 1, 1, 1]


def test_age_bands_on_another_date_and_custom_bounds():
    # One day earlier An is 29 (still in the first band) and Em 60; Bình turned 31 on 30/12.
    assert [r.count for r in age_section(roster(), d("30/12/2025")).rows] == [1, 2, 1, 2, 0]
    assert [r.count for r in age_section(roster(), d("29/12/2025")).rows] == [2, 1, 1, 2, 0]
    section = age_section(roster(), ON, bounds=(60, 35))
    assert age_band_labels([35, 60]) == ["Từ 35 tuổi trở xuống", "Từ 36 đến 60 tuổi", "Từ 61 tuổi trở lên"]
    assert [r.count for r in section.rows] == [2, 3, 1]


def test_age_unknown_row_only_when_needed():
    section = age_section([member(born=None), member(born="01/01/1990")], ON)
    assert section.rows[-1].key == "unknown" and section.rows[-1].count == 1
    assert section.rows[-1].label == "Chưa rõ ngày sinh"


def test_education_qualification_theory_sections():
    education = education_section(roster(), ON)
    assert [r.key for r in education.rows] == ["12/12", "10/10", "9/12", "9/10", "7/10", "other", "unknown"]
    assert rows(education)["12/12"] == (2, 33.33)
    assert rows(education)["10/10"] == (1, 16.67)
    assert rows(education)["unknown"] == (3, 50.0)  # Dung, Em, Phương
    assert [r.label for r in education.rows][-2:] == ["Khác", "Chưa có/không rõ"]
    qualification = rows(qualification_section(roster(), ON))
    assert qualification["Đại học"][0] == 2 and qualification["Thạc sĩ"][0] == 1  # "Cử nhân" is university level
    assert qualification["other"][0] == 0 and qualification["unknown"][0] == 3
    assert qualification["university_or_above"] == (3, 50.0)
    theory = rows(theory_section(roster(), ON))
    assert (theory["Sơ cấp"][0], theory["Trung cấp"][0], theory["Cao cấp"][0], theory["unknown"][0]) == (1, 1, 1, 3)


def test_university_or_above_line_of_a_branch_of_18():
    words = ["Cử nhân", "Kỹ sư", "ĐH Bách khoa", "Đại học", "Thạc sỹ", "Thạc sĩ", "ThS", "TS", "Tiến sỹ", "Bác sĩ"]
    words += ["Kỹ sư xây dựng", "cử nhân Luật", "Thạc sĩ Kinh tế", "Tiến sĩ", "ĐH", "Bác sĩ CKI", "Đại học Luật"]
    members = [member(qualification=w) for w in words] + [member(qualification="Cao đẳng")]
    section = qualification_section(members, ON)
    assert section.rows[-1].label == "Đại học trở lên"
    assert rows(section)["university_or_above"] == (17, 94.44)
    assert rows(section)["other"] == (0, 0.0) and rows(section)["Cao đẳng"] == (1, 5.56)


def test_movements_in_period_from_events():
    members = [
        member("A", admitted="01/06/2025", id=11),  # no ADMITTED event: the record's date counts
        member("B", admitted="01/03/2025", id=12, events=[ev(EventKind.TRANSFERRED_IN, "01/10/2025")]),
        member("C", id=13, events=[ev(EventKind.DISCIPLINED, "01/02/2025"), ev(EventKind.DISCIPLINED, "01/05/2025")]),
        member("D", id=14, events=[ev(EventKind.DIED, "01/03/2025", replaced_by=1), ev(EventKind.DIED, "01/04/2025")]),
        member(
            "E", id=15, events=[ev(EventKind.TRANSFERRED_OUT, "31/12/2025"), ev(EventKind.STRUCK_OFF, "01/01/2026")]
        ),
        member("F", id=16, events=[ev(EventKind.BADGE_AWARDED, "03/02/2025", note="30 năm")]),
        member("G", admitted="01/01/2024", id=17, events=[ev(EventKind.RECOGNISED, "01/01/2025")]),
        member("H", admitted="01/01/2024", official="15/01/2025", id=18),  # no RECOGNISED event
        member("I", admitted="01/02/2025", id=19, events=[ev(EventKind.ADMITTED, "02/02/2025")]),
        member("K", id=20, events=[ev(EventKind.EXPELLED, "01/01/2010"), ev(EventKind.READMITTED, "01/07/2025")]),
        member("L", id=21, events=[ev(EventKind.RESIGNED, "31/12/2024"), ev(EventKind.EXPELLED, "01/08/2025")]),
    ]
    counts = movement_counts(members, d("01/01/2025"), d("31/12/2025"))
    assert {str(k): v for k, v in counts.items() if v} == {
        "admitted": 2,  # A by its record, I by its event; B was admitted elsewhere
        "readmitted": 1,
        "recognised": 2,
        "transferred_in": 1,
        "transferred_out": 1,
        "died": 1,
        "expelled": 1,
        "disciplined": 1,  # C counts once
        "badge_awarded": 1,
    }
    section = movement_section(members, d("01/01/2025"), d("31/12/2025"))
    assert section.base is None and all(r.percent is None for r in section.rows)
    assert section.rows[0].label == "Kết nạp đảng viên mới"
    assert section.title == "Biến động đảng viên từ ngày 01/01/2025 đến ngày 31/12/2025"


def test_rating_results_of_a_year():
    ratings = [
        RatingRecord(1, 2025, "excellent"),
        RatingRecord(3, 2025, "good"),
        RatingRecord(4, 2025, "good"),
        RatingRecord(7, 2025, "done"),  # left in June, rated anyway
        RatingRecord(1, 2024, "good"),  # another year
        RatingRecord(999, 2025, "not_done"),  # not in the list
    ]
    section = rating_section(roster(), ratings, 2025)
    assert section.base == 4
    assert rows(section) == {
        "excellent": (1, 25.0),
        "good": (2, 50.0),
        "done": (1, 25.0),
        "not_done": (0, 0.0),
        "not_rated": (2, None),  # Bình, Phương
        "not_rateable": (1, None),  # Em, exempted
    }
    assert section.rows[0].label == "Hoàn thành xuất sắc nhiệm vụ"


def test_branch_statistics_sections_in_report_order():
    sections = branch_statistics(roster(), [], ON, (d("01/01/2025"), ON), 2025)
    assert [s.key for s in sections] == [
        "overview",
        "kind",
        "gender",
        "age",
        "education",
        "qualification",
        "theory",
        "movements",
        "ratings",
    ]
    assert sections[0] == overview_section(roster(), ON)
    assert sections[3] == age_section(roster(), ON)
