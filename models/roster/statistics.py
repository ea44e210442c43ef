"""Statistics the higher committee asks for, as plain sections of (label, count, percent) rows.

Every section is a StatSection: a title, rows with a stable key (for charts and the report mapping), a count, and
a percent of the section's base (two decimals, half up; None where a percent means nothing). Members are counted
as of a chosen date with the status rules of models.roster.member_status; movements over a period from the events,
corrected events ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from models.core.dates import fmt
from models.core.vnname import fold
from models.roster.age_bands import DEFAULT_AGE_BOUNDS
from models.roster.event_kinds import EventKind
from models.roster.fields import OTHER_CHOICE, RATING_LEVELS
from models.roster.levels import LEVELS, UNIVERSITY_OR_ABOVE, UNKNOWN_CHOICE, level_of, percent
from models.roster.member_rules import age_at, effective_events
from models.roster.member_status import MemberStatus, member_status
from models.roster.ratings import rateable, rating_reference_date
from models.roster.records import MemberRecord, RatingRecord


@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    count: int
    percent: float | None = None


@dataclass(frozen=True)
class StatSection:
    key: str
    title: str
    rows: tuple[StatRow, ...]
    base: int | None = None  # what the percents are of

    def as_tuples(self) -> list[tuple[str, int, float | None]]:
        """(label, count, percent) rows, the shape reports/roster/statistics_report.py takes."""
        return [(r.label, r.count, r.percent) for r in self.rows]

    def count(self, key: str) -> int:
        return next(r.count for r in self.rows if r.key == key)


def _section(key: str, title: str, counts: Sequence[tuple[str, str, int]], base: int | None) -> StatSection:
    rows = tuple(StatRow(k, label, n, percent(n, base)) for k, label, n in counts)
    return StatSection(key, title, rows, base)


def current_members(members: Iterable[MemberRecord], on: date) -> list[tuple[MemberRecord, MemberStatus]]:
    """Members on the branch roster on `on`, with their status."""
    out = []
    for member in members:
        status = member_status(member, on)
        if status.is_current_member:
            out.append((member, status))
    return out


# --- classifying a record -------------------------------------------------------------------------------------------


def is_woman(member: MemberRecord) -> bool:
    return _is_woman(member.gender)


@lru_cache(maxsize=4096)
def _is_woman(gender: str) -> bool:
    return fold(gender) == "nu"


@lru_cache(maxsize=4096)
def _is_man(gender: str) -> bool:
    return fold(gender) == "nam"


def is_ethnic_minority(member: MemberRecord) -> bool:
    return _is_ethnic_minority(member.ethnicity)


@lru_cache(maxsize=4096)
def _is_ethnic_minority(ethnicity: str) -> bool:
    """Ethnicity other than Kinh (case and diacritics ignored; "Việt", "Kinh (Việt)" are Kinh); empty is not."""
    words = fold(ethnicity).replace("(", " ").replace(")", " ").split()
    return bool(words) and "kinh" not in words and words != ["viet"]


def is_religious(member: MemberRecord) -> bool:
    return _is_religious(member.religion)


@lru_cache(maxsize=4096)
def _is_religious(religion: str) -> bool:
    """A religion given and not "Không" ("Không", "không có", "Không tôn giáo" and "-" mean none)."""
    folded = fold(religion).strip(" -.")
    return bool(folded) and not folded.startswith("khong")


def age_band_labels(bounds: Sequence[int] = DEFAULT_AGE_BOUNDS) -> list[str]:
    """Labels of the bands cut at the given upper bounds: (30, 40) -> ≤ 30, 31–40, ≥ 41."""
    labels = [f"Từ {bounds[0]} tuổi trở xuống"]
    labels += [f"Từ {low + 1} đến {high} tuổi" for low, high in zip(bounds, bounds[1:], strict=False)]
    labels.append(f"Từ {bounds[-1] + 1} tuổi trở lên")
    return labels


def age_band(age: int, bounds: Sequence[int] = DEFAULT_AGE_BOUNDS) -> int:
    """Index of the band an age falls in; ages up to and including bounds[i] are in band i."""
    for index, bound in enumerate(bounds):
        if age <= bound:
            return index
    return len(bounds)


@lru_cache(maxsize=4096)
def _level(attribute: str, value: str) -> str:
    """models.roster.levels.level_of, once per distinct text (a committee's members share few)."""
    return level_of(attribute, value)


def _sorted_bounds(bounds: Sequence[int]) -> list[int]:
    if not bounds:
        raise ValueError("at least one age bound is needed")
    return sorted(bounds)


# --- what the sections of the members on the roster need: counted profiles ----------------------------------------


@dataclass(frozen=True)
class Profile:
    """What the sections about the members on the roster read of one member: the record's text as written, whether
    official on the day, and the age band (None: no birth date). Members with the same profile are counted
    together, so a database can hand over (profile, count) rows instead of its members
    (models.office.office_queries)."""

    gender: str
    ethnicity: str
    religion: str
    education: str
    qualification: str
    theory: str
    official: bool
    age_band: int | None


Profiles = Mapping[Profile, int]


def profiles(current: Iterable[tuple[MemberRecord, MemberStatus]], on: date, bounds: Sequence[int]) -> Counter:
    """The profiles of members on the roster (with their status on `on`), counted."""
    bounds = _sorted_bounds(bounds)
    out: Counter = Counter()
    for m, status in current:
        band = None if m.birth_date is None else age_band(age_at(m.birth_date, on), bounds)
        out[
            Profile(m.gender, m.ethnicity, m.religion, m.education, m.qualification, m.theory, status.is_official, band)
        ] += 1
    return out


def _count(counted: Profiles, test) -> int:
    return sum(n for p, n in counted.items() if test(p))


# --- sections -------------------------------------------------------------------------------------------------------


def overview_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    """Totals on `on`: members, women, ethnic minorities, religious, official, probationary (% of the total)."""
    return _overview(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS), on)


def _overview(counted: Profiles, on: date) -> StatSection:
    total = sum(counted.values())
    official = _count(counted, lambda p: p.official)
    counts = [
        ("total", "Tổng số đảng viên", total),
        ("women", "Đảng viên nữ", _count(counted, lambda p: _is_woman(p.gender))),
        (
            "ethnic_minority",
            "Đảng viên người dân tộc thiểu số",
            _count(counted, lambda p: _is_ethnic_minority(p.ethnicity)),
        ),
        ("religious", "Đảng viên có đạo (theo tôn giáo)", _count(counted, lambda p: _is_religious(p.religion))),
        ("official", "Đảng viên chính thức", official),
        ("probationary", "Đảng viên dự bị", total - official),
    ]
    return _section("overview", f"Số lượng đảng viên (đến ngày {fmt(on)})", counts, total)


def gender_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    return _gender(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS))


def _gender(counted: Profiles) -> StatSection:
    total = sum(counted.values())
    women = _count(counted, lambda p: _is_woman(p.gender))
    men = _count(counted, lambda p: _is_man(p.gender))
    counts = [("male", "Nam", men), ("female", "Nữ", women)]
    if total - men - women:
        counts.append(("unknown", "Chưa rõ", total - men - women))
    return _section("gender", "Giới tính", counts, total)


def kind_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    return _kind(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS))


def _kind(counted: Profiles) -> StatSection:
    total = sum(counted.values())
    official = _count(counted, lambda p: p.official)
    counts = [("official", "Chính thức", official), ("probationary", "Dự bị", total - official)]
    return _section("kind", "Đảng viên chính thức, dự bị", counts, total)


def age_section(members: Iterable[MemberRecord], on: date, bounds: Sequence[int] = DEFAULT_AGE_BOUNDS) -> StatSection:
    """Age bands on `on` (bounds are the inclusive upper ages of all but the last band, ascending).

    A row "Chưa rõ ngày sinh" is added only when some member has no birth date.
    """
    return _age(profiles(current_members(members, on), on, bounds), on, bounds)


def _age(counted: Profiles, on: date, bounds: Sequence[int]) -> StatSection:
    bounds = _sorted_bounds(bounds)
    tally = [0] * (len(bounds) + 1)
    unknown = 0
    for profile, n in counted.items():
        if profile.age_band is None:
            unknown += n
        else:
            tally[profile.age_band] += n
    counts = [(f"age_{i}", label, tally[i]) for i, label in enumerate(age_band_labels(bounds))]
    if unknown:
        counts.append(("unknown", "Chưa rõ ngày sinh", unknown))
    return _section("age", f"Độ tuổi (tính đến ngày {fmt(on)})", counts, sum(counted.values()))


def _choice(counted: Profiles, attribute: str) -> StatSection:
    """Members by level of `attribute`, then "Khác" and "Chưa có/không rõ"; the qualification section ends with
    the line "Đại học trở lên" the higher committee asks for (đại học, thạc sĩ, tiến sĩ)."""
    choices = LEVELS[attribute]
    groups = [*choices, OTHER_CHOICE, UNKNOWN_CHOICE]
    tally = dict.fromkeys(groups, 0)
    for profile, n in counted.items():
        tally[_level(attribute, getattr(profile, attribute))] += n
    keys = [*choices, "other", "unknown"]
    counts = [(k, g, tally[g]) for k, g in zip(keys, groups, strict=True)]
    if attribute == "qualification":
        counts.append(("university_or_above", "Đại học trở lên", sum(tally[g] for g in UNIVERSITY_OR_ABOVE)))
    return _section(attribute, _CHOICE_TITLES[attribute], counts, sum(counted.values()))


_CHOICE_TITLES = {
    "education": "Trình độ giáo dục phổ thông",
    "qualification": "Trình độ chuyên môn, nghiệp vụ",
    "theory": "Trình độ lý luận chính trị",
}


def education_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    """General education ("12/12"...), then "Khác" and "Chưa có/không rõ"; % of the members on `on`."""
    return _choice(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS), "education")


def qualification_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    return _choice(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS), "qualification")


def theory_section(members: Iterable[MemberRecord], on: date) -> StatSection:
    return _choice(profiles(current_members(members, on), on, DEFAULT_AGE_BOUNDS), "theory")


def roster_sections(counted: Profiles, on: date, bounds: Sequence[int] = DEFAULT_AGE_BOUNDS) -> list[StatSection]:
    """The sections about the members on the roster on `on`, from their counted profiles: totals, kind, gender,
    age, education, qualification, theory."""
    return [
        _overview(counted, on),
        _kind(counted),
        _gender(counted),
        _age(counted, on, bounds),
        _choice(counted, "education"),
        _choice(counted, "qualification"),
        _choice(counted, "theory"),
    ]


MOVEMENT_ROWS: tuple[tuple[EventKind, str], ...] = (
    (EventKind.ADMITTED, "Kết nạp đảng viên mới"),
    (EventKind.READMITTED, "Kết nạp lại"),
    (EventKind.RECOGNISED, "Công nhận đảng viên chính thức"),
    (EventKind.TRANSFERRED_IN, "Chuyển sinh hoạt đến"),
    (EventKind.TRANSFERRED_OUT, "Chuyển sinh hoạt đi"),
    (EventKind.DIED, "Từ trần"),
    (EventKind.STRUCK_OFF, "Xóa tên"),
    (EventKind.EXPELLED, "Khai trừ"),
    (EventKind.RESIGNED, "Xin ra khỏi Đảng"),
    (EventKind.DISCIPLINED, "Bị kỷ luật"),
    (EventKind.BADGE_AWARDED, "Được trao tặng Huy hiệu Đảng"),
)


def movement_counts(members: Iterable[MemberRecord], start: date, end: date) -> dict[EventKind, int]:
    """Members with each kind of event in [start, end] (a member counts once per kind).

    Records entered without their ADMITTED or RECOGNISED event are counted by the record's admission or official
    date, when the member was on the branch roster that day (a member admitted elsewhere is not "admitted" here).
    """
    counts = {kind: 0 for kind, _ in MOVEMENT_ROWS}
    for member in members:
        events = effective_events(member.events)
        kinds = {e.kind for e in events if start <= e.date <= end and e.kind in counts}
        has_kind = {e.kind for e in events}
        fallbacks = ((EventKind.ADMITTED, member.admission_date), (EventKind.RECOGNISED, member.official_date))
        for kind, day in fallbacks:
            if kind not in has_kind and day and start <= day <= end and member_status(member, day).is_current_member:
                kinds.add(kind)
        for kind in kinds:
            counts[kind] += 1
    return counts


def movement_section(members: Iterable[MemberRecord], start: date, end: date) -> StatSection:
    return movements_from_counts(movement_counts(members, start, end), start, end)


def movements_from_counts(counts: Mapping[EventKind, int], start: date, end: date) -> StatSection:
    """The movement section of members counted per kind of event (kinds missing from `counts` count 0)."""
    counts = {kind: counts.get(kind, 0) for kind, _ in MOVEMENT_ROWS}
    rows = [(str(kind), label, counts[kind]) for kind, label in MOVEMENT_ROWS]
    return _section("movements", f"Biến động đảng viên từ ngày {fmt(start)} đến ngày {fmt(end)}", rows, None)


def rating_section(members: Iterable[MemberRecord], ratings: Iterable[RatingRecord], year: int) -> StatSection:
    """Results of a year's rating: each level as a percent of those rated; then the rateable members still without
    a rating and the members not rated (exempted), without percents. Ratings of members not in `members` are
    ignored; a member rated that year counts even if they left the branch afterwards.
    """
    members = list(members)
    known = {m.id for m in members}
    rated_ids: set[int] = set()
    tally = dict.fromkeys(RATING_LEVELS, 0)
    for rating in ratings:
        if rating.year == year and rating.member_id in known and rating.member_id not in rated_ids:
            rated_ids.add(rating.member_id)
            tally[rating.level] += 1
    missing = exempted = 0
    for member, _ in current_members(members, rating_reference_date(year)):
        if member.id in rated_ids:
            continue
        if rateable(member, year):
            missing += 1
        else:
            exempted += 1
    return ratings_from_counts(tally, missing, exempted, year)


def ratings_from_counts(levels: Mapping[str, int], missing: int, exempted: int, year: int) -> StatSection:
    """The rating section from the members rated at each level, the rateable members not rated (`missing`) and
    those on the roster on 31/12 not rateable (`exempted`)."""
    tally = {code: levels.get(code, 0) for code in RATING_LEVELS}
    rated = sum(tally.values())
    rows = [StatRow(code, label, tally[code], percent(tally[code], rated)) for code, label in RATING_LEVELS.items()]
    rows.append(StatRow("not_rated", "Chưa xếp loại", missing))
    rows.append(StatRow("not_rateable", "Không đánh giá, xếp loại (miễn công tác và sinh hoạt đảng)", exempted))
    return StatSection("ratings", f"Kết quả đánh giá, xếp loại chất lượng đảng viên năm {year}", tuple(rows), rated)


def branch_statistics(
    members: Iterable[MemberRecord],
    ratings: Iterable[RatingRecord],
    on: date,
    period: tuple[date, date],
    year: int,
    age_bounds: Sequence[int] = DEFAULT_AGE_BOUNDS,
) -> list[StatSection]:
    """Every section, in the order of the usual report: totals, kind, gender, age, education, qualification,
    theory, movements in `period`, ratings of `year`.
    """
    members = list(members)
    return [
        *roster_sections(profiles(current_members(members, on), on, age_bounds), on, age_bounds),
        movement_section(members, *period),
        rating_section(members, ratings, year),
    ]
