"""Levels written in everyday words, and the percent text shared by the screen and the report."""

from __future__ import annotations

import pytest

from models.roster.levels import canonical_level, is_university_or_above, level_of, percent, percent_text


@pytest.mark.parametrize(
    ("attribute", "value", "level"),
    [
        ("education", "12/12", "12/12"),
        ("education", "12/12 (bổ túc)", "12/12"),
        ("education", "10/10", "10/10"),
        ("education", "Lớp 12", "12/12"),
        ("education", "11/12", "Khác"),
        ("education", "", "Chưa có/không rõ"),
        ("qualification", "Không", "Chưa có/không rõ"),
        ("qualification", "Cử nhân", "Đại học"),
        ("qualification", "Kỹ sư", "Đại học"),
        ("qualification", "ĐH Bách khoa", "Đại học"),
        ("qualification", "Đại học", "Đại học"),
        ("qualification", "Bác sĩ", "Đại học"),
        ("qualification", "Thạc sỹ", "Thạc sĩ"),
        ("qualification", "Thạc sĩ Kinh tế", "Thạc sĩ"),
        ("qualification", "ThS.", "Thạc sĩ"),
        ("qualification", "ThS. Quản lý", "Thạc sĩ"),
        ("qualification", "TS", "Tiến sĩ"),
        ("qualification", "Tiến sỹ", "Tiến sĩ"),
        ("qualification", "Cao đẳng", "Cao đẳng"),
        ("qualification", "CĐ Sư phạm", "Cao đẳng"),
        ("qualification", "Trung cấp", "Trung cấp"),
        ("qualification", "TC", "Trung cấp"),
        ("qualification", "Sơ cấp", "Sơ cấp"),
        ("qualification", "TSKH", "Tiến sĩ"),
        ("qualification", "Tsx", "Khác"),  # a wording must end at a word boundary
        ("theory", "Cao cấp lý luận", "Cao cấp"),
        ("theory", "Cao cấp lý luận chính trị", "Cao cấp"),
        ("theory", "Cử nhân", "Cử nhân"),  # the top theory level, not a university degree here
        ("theory", "Trung cấp", "Trung cấp"),
        ("theory", "TC", "Trung cấp"),
        ("theory", "sơ cấp", "Sơ cấp"),
        ("theory", "Cao cấpx", "Khác"),
    ],
)
def test_level_of_everyday_wordings(attribute, value, level):
    assert level_of(attribute, value) == level


@pytest.mark.parametrize(
    ("attribute", "value", "stored"),
    [
        ("qualification", "ThS", "Thạc sĩ"),
        ("qualification", "thạc sỹ", "Thạc sĩ"),
        ("qualification", "cđ", "Cao đẳng"),
        ("qualification", "Cử nhân", "Đại học"),
        ("qualification", "Kỹ sư xây dựng", "Kỹ sư xây dựng"),  # more than a level: kept as written
        ("qualification", "ĐH Bách khoa", "ĐH Bách khoa"),
        ("qualification", "Nghề mộc", "Nghề mộc"),
        ("theory", "Cao cấp lý luận", "Cao cấp"),
        ("education", "12/12", "12/12"),
        ("education", "", ""),
    ],
)
def test_canonical_level(attribute, value, stored):
    assert canonical_level(attribute, value) == stored


def test_university_or_above():
    assert is_university_or_above("Kỹ sư") and is_university_or_above("TS")
    assert not is_university_or_above("Cao đẳng") and not is_university_or_above("")


def test_percent_text_two_decimals_comma_half_up():
    assert percent_text(percent(17, 18)) == "94,44"
    assert percent_text(percent(1, 800)) == "0,13"
    assert percent_text(50.0) == "50,00"
    assert percent_text(0.125) == "0,13"  # half up, not half even
    assert percent_text(None) == ""
