"""Recognising roster header cells ("Họ và tên", "HỌ TÊN", "Ngày kết nạp", "Số thẻ ĐV", ...) as member field keys."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from models.core.vnname import fold
from models.roster.fields import FIELD_BY_KEY, MEMBER_FIELDS

# Pseudo keys of the classic "Nam" / "Nữ" columns: a tick, or the birth date written under the member's gender.
MALE_COLUMN = "gender:Nam"
FEMALE_COLUMN = "gender:Nữ"
IGNORED = ""  # STT and other columns that carry no member field

# Folded header text (no diacritics, lower case, punctuation as spaces) -> key.
_ALIASES: dict[str, tuple[str, ...]] = {
    IGNORED: ("stt", "tt", "so tt", "so thu tu"),
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten dang vien",
        "ho ten dang vien",
        "ten dang vien",
        "ho va ten dv",
        "ho ten dv",
        "ho va ten dang dung",
    ),
    "birth_name": ("ho va ten khai sinh", "ho ten khai sinh", "ten khai sinh"),
    "aliases": ("bi danh", "ten goi khac"),
    "gender": ("gioi tinh", "gt", "nam nu", "phai"),
    MALE_COLUMN: ("nam",),
    FEMALE_COLUMN: ("nu",),
    "birth_date": ("ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay", "ns", "ngay sinh nam sinh"),
    "birth_place": ("noi sinh",),
    "hometown": ("que quan", "que", "nguyen quan"),
    "residence": (
        "noi o hien nay",
        "noi o",
        "cho o hien nay",
        "cho o",
        "dia chi",
        "noi cu tru",
        "thuong tru",
        "dia chi thuong tru",
        "noi thuong tru",
    ),
    "ethnicity": ("dan toc",),
    "religion": ("ton giao",),
    "education": ("giao duc pho thong", "gdpt", "van hoa", "trinh do van hoa", "hoc van", "trinh do hoc van"),
    "qualification": (
        "chuyen mon",
        "trinh do chuyen mon",
        "chuyen mon nghiep vu",
        "cmnv",
        "trinh do cmnv",
        "hoc vi",
        "trinh do chuyen mon nghiep vu",
    ),
    "theory": ("ly luan chinh tri", "llct", "trinh do llct", "trinh do ly luan chinh tri", "chinh tri", "ly luan"),
    "foreign_language": ("ngoai ngu", "trinh do ngoai ngu"),
    "occupation": ("nghe nghiep", "nghe nghiep hien nay"),
    "job_title": ("chuc vu", "chuc danh", "chuc vu hien nay", "chuc vu chinh quyen"),
    "workplace": ("noi lam viec", "don vi", "co quan", "don vi cong tac", "co quan don vi", "noi cong tac"),
    "admission_date": (
        "ngay vao dang",
        "ngay ket nap",
        "ngay ket nap dang",
        "vao dang",
        "ket nap",
        "ngay vao dang du bi",
    ),
    "ceremony_date": ("ngay le ket nap", "le ket nap", "ngay to chuc le ket nap"),
    "official_date": (
        "ngay chinh thuc",
        "chinh thuc",
        "ngay cong nhan chinh thuc",
        "ngay vao dang chinh thuc",
        "ngay dang vien chinh thuc",
    ),
    "card_number": ("so the", "so the dang", "so the dv", "so the dang vien", "the dang", "so the dang vien dv"),
    "record_number": ("so ly lich", "so ll", "so lldv", "so ly lich dang vien", "so ly lich dv"),
    "badge_number": ("so huy hieu", "so huy hieu dang", "huy hieu dang"),
    "citizen_id": (
        "cccd",
        "so cccd",
        "can cuoc",
        "so can cuoc",
        "can cuoc cong dan",
        "so can cuoc cong dan",
        "cmnd",
        "so cmnd",
        "cmnd cccd",
        "so cmnd cccd",
        "so dinh danh",
        "so dinh danh ca nhan",
    ),
    "phone": ("dien thoai", "so dien thoai", "sdt", "dt", "di dong", "dien thoai di dong"),
    "notes": ("ghi chu",),
}
_PUNCT = re.compile(r"[^0-9a-z]+")
_BY_ALIAS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
# ChiBo's own labels (the import template) with their parentheses: "Ngày kết nạp (lễ kết nạp)" is the ceremony.
_BY_LABEL = {" ".join(_PUNCT.sub(" ", fold(spec.label)).split()): spec.key for spec in MEMBER_FIELDS}
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def normalise_header(text: object) -> str:
    """ "Họ và tên:" -> "ho va ten"; "Số thẻ ĐV" -> "so the dv"; "Ngày sinh\n(dd/mm/yyyy)" -> "ngay sinh"."""
    folded = fold(re.sub(r"\([^)]*\)", " ", str(text)))
    return " ".join(_PUNCT.sub(" ", folded).split())


def header_key(text: object) -> str | None:
    """The field key a header names, IGNORED for STT, or None when it is not recognised."""
    if text is None:
        return None
    full = " ".join(_PUNCT.sub(" ", fold(str(text))).split())
    if full in _BY_LABEL:
        return _BY_LABEL[full]
    normal = normalise_header(text)
    if normal in _BY_ALIAS:
        return _BY_ALIAS[normal]
    return None


def combined_key(upper: object, lower: object) -> str | None:
    """Key of a column under a two-row header ("Ngày sinh" over "Nam"; "Trình độ" over "LLCT")."""
    if lower in (None, ""):
        return header_key(upper)
    if upper in (None, ""):
        return header_key(lower)
    both = header_key(f"{normalise_header(upper)} {normalise_header(lower)}")
    if both is not None:
        return both
    lower_key = header_key(lower)
    if lower_key is not None:
        return lower_key
    return header_key(upper)


def is_numbering_row(values: Sequence[object]) -> bool:
    """The "(1) (2) (3)" row under many headers."""
    cells = [v for v in values if v not in (None, "")]
    return len(cells) >= 2 and all(_NUMBERING.match(str(v).strip().replace(".0", "")) for v in cells)


def key_label(key: str) -> str:
    """Vietnamese label of a key, including the Nam/Nữ pseudo keys."""
    if key == MALE_COLUMN:
        return "Nam"
    if key == FEMALE_COLUMN:
        return "Nữ"
    spec = FIELD_BY_KEY.get(key)
    return spec.label if spec else key


def known_aliases() -> dict[str, tuple[str, ...]]:
    """Alias table (for the import template's notes and tests)."""
    return dict(_ALIASES)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def header_score(keys: Mapping[int, str]) -> int:
    """How well a candidate header row names member fields ("Họ và tên" counts most)."""
    return len({k for k in keys.values() if k != IGNORED}) + ("full_name" in keys.values()) * 3


def single_mapping(upper: Sequence[object]) -> tuple[dict[int, str], dict[int, str]]:
    """(header texts, keys) of a one-row header; column numbers from 1."""
    headers: dict[int, str] = {}
    keys: dict[int, str] = {}
    for col, value in enumerate(upper, start=1):
        headers[col] = _text(value)
        key = header_key(value)
        if key is not None and key not in keys.values():
            keys[col] = key
    return headers, keys


def double_mapping(upper: Sequence[object], lower: Sequence[object]) -> tuple[dict[int, str], dict[int, str]]:
    """(header texts, keys) of a two-row header whose merged group cells carry to the right."""
    headers: dict[int, str] = {}
    keys: dict[int, str] = {}
    group: object = None
    for col in range(1, max(len(upper), len(lower)) + 1):
        top = upper[col - 1] if col - 1 < len(upper) else None
        bottom = lower[col - 1] if col - 1 < len(lower) else None
        if top not in (None, ""):
            group = top if bottom not in (None, "") else None
        elif bottom not in (None, "") and group is not None:
            top = group  # the merged group header spans this column too
        else:
            group = None
        headers[col] = " – ".join(t for t in (_text(top), _text(bottom)) if t)
        key = combined_key(top, bottom)
        if key is not None and key not in keys.values():
            keys[col] = key
    return headers, keys
