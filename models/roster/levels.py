"""Education, qualification and theory levels written in everyday words, and the percent text of every report.

One classifier for the statistics and for the normalisation on import and in the member dialog: "Cử nhân",
"Kỹ sư", "ĐH Bách khoa" are "Đại học"; "ThS", "Thạc sỹ" are "Thạc sĩ"; "CĐ" is "Cao đẳng"; "Cao cấp lý luận" is
"Cao cấp". Pure functions, no Qt, no peewee.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from models.core.vnname import fold
from models.roster.fields import GENERAL_EDUCATION, OTHER_CHOICE, QUALIFICATIONS, THEORY_LEVELS

UNKNOWN_CHOICE = "Chưa có/không rõ"
UNIVERSITY_OR_ABOVE = ("Đại học", "Thạc sĩ", "Tiến sĩ")  # the line "Đại học trở lên" of the report

# Folded everyday wordings of each level, per field (a level's own name always counts). "Cử nhân" is a university
# degree as a qualification but the top theory level; "TC" is "Trung cấp" in both.
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "education": {
        "12/12": ("lop 12", "lop 12/12", "thpt", "tot nghiep thpt", "pho thong trung hoc", "ptth"),
        "10/10": ("lop 10", "lop 10/10"),
    },
    "qualification": {
        "Sơ cấp": ("so cap",),
        "Trung cấp": ("tc", "trung hoc chuyen nghiep", "thcn"),
        "Cao đẳng": ("cd",),
        "Đại học": ("dh", "cu nhan", "ky su", "kien truc su", "bac si", "duoc si", "cn"),
        "Thạc sĩ": ("thac sy", "ths", "cao hoc"),
        "Tiến sĩ": ("tien sy", "ts", "tskh", "tien si khoa hoc"),
    },
    "theory": {
        "Sơ cấp": ("so cap ly luan",),
        "Trung cấp": ("tc", "trung cap ly luan", "tcllct"),
        "Cao cấp": ("cc", "cao cap ly luan", "ccllct"),
        "Cử nhân": ("cu nhan chinh tri", "cnct"),
    },
}
LEVELS: dict[str, tuple[str, ...]] = {
    "education": GENERAL_EDUCATION,
    "qualification": QUALIFICATIONS,
    "theory": THEORY_LEVELS,
}
_SEPARATORS = " (.,-:;/"


def _wordings(attribute: str) -> list[tuple[str, str]]:
    """(folded wording, level), longest first so "cao cap ly luan" wins over "cao cap"."""
    pairs = [(fold(level), level) for level in LEVELS[attribute]]
    pairs += [(alias, level) for level, aliases in _ALIASES[attribute].items() for alias in aliases]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


_WORDINGS = {attribute: _wordings(attribute) for attribute in LEVELS}


def _match(attribute: str, value: str) -> tuple[str, bool]:
    """(group, exact): the level of `value`, UNKNOWN_CHOICE or OTHER_CHOICE; exact when nothing follows the wording."""
    folded = fold(value).strip(" -.")
    if not folded or folded.startswith("khong") or folded in ("chua co", "chua", "chua qua dao tao"):
        return UNKNOWN_CHOICE, False
    for wording, level in _WORDINGS[attribute]:
        if folded == wording:
            return level, True
        if folded.startswith(wording) and folded[len(wording)] in _SEPARATORS:
            return level, False
    return OTHER_CHOICE, False


def level_of(attribute: str, value: str) -> str:
    """The level a free-text education ("education"), qualification or theory value belongs to, case and
    diacritics ignored ("Thạc sỹ Kinh tế" -> "Thạc sĩ"); empty or "Không" -> UNKNOWN_CHOICE; else "Khác"."""
    return _match(attribute, value)[0]


def canonical_level(attribute: str, value: str) -> str:
    """The value as stored: a bare everyday wording becomes the level's name ("ThS" -> "Thạc sĩ", "cđ" -> "Cao
    đẳng"); a value with more words ("Kỹ sư xây dựng", "ĐH Bách khoa") or an unknown one is kept as written."""
    level, exact = _match(attribute, value)
    return level if exact else value


def is_university_or_above(value: str) -> bool:
    return level_of("qualification", value) in UNIVERSITY_OR_ABOVE


def percent(count: int, base: int | None) -> float | None:
    """count / base in percent, two decimals rounded half up; None when there is no base."""
    if not base:
        return None
    value = Decimal(count * 100) / Decimal(base)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent_text(value: float | None) -> str:
    """A percent as every screen and report writes it: two decimals, comma separator ("94,44"); "" for None."""
    if value is None:
        return ""
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")
