"""Set-up rules for a congress's elections (Quy chế 190; docs/domain.md §2): plain checks returning Vietnamese problems.

Every `check_*` function returns the list of every problem found (empty when the set-up is allowed), so the
congress tab can show them all at once; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from models.counting.election import Post
from models.counting.electorate import Electorate

MIN_OFFICIAL_FOR_COMMITTEE = 9  # chi bộ có từ 9 đảng viên chính thức trở lên được bầu chi ủy
MAX_COMMITTEE_SEATS = 7  # chi ủy không quá 7 người
SINGLE_SEAT_POSTS = (Post.SECRETARY, Post.DEPUTY_SECRETARY)  # elected one at a time: no vote on their number
MAX_DEPUTIES = 1  # một phó bí thư
MIN_OFFICIAL_FOR_BRANCH = 3  # a branch exists only with ≥ 3 official members
MAX_ALLOCATED_SEATS = 500  # delegates: the number allocated from above; a bound for typing it only
MAX_BALLOT_PAPERS = 2000  # a bound for typing how many ballot papers to print


@dataclass(frozen=True)
class SeatBounds:
    """How many seats an election of a post may have: `asked` is false for a post elected one at a time (its one
    seat is not asked for), `default` the number offered first."""

    least: int
    most: int
    default: int
    asked: bool


def seat_bounds(post: Post) -> SeatBounds:
    """The seats an election of `post` may be set up with: the committee up to MAX_COMMITTEE_SEATS (5 offered),
    delegates and alternates the number allocated from above (1 offered), the others exactly one."""
    if post == Post.COMMITTEE:
        return SeatBounds(1, MAX_COMMITTEE_SEATS, min(5, MAX_COMMITTEE_SEATS), True)
    if post in (Post.DELEGATE, Post.ALTERNATE_DELEGATE):
        return SeatBounds(1, MAX_ALLOCATED_SEATS, 1, True)
    return SeatBounds(1, 1, 1, False)


def ballot_papers_to_print(ballots: int) -> int:
    """The ballot papers offered for printing: the ballots to issue and spares, a tenth of them and at least 2."""
    return ballots + max(2, ballots // 10)


@dataclass(frozen=True)
class Person:
    """A member as the set-up rules see them."""

    id: Hashable
    name: str
    official: bool = True


def committee_allowed(official_members: int) -> bool:
    """A branch elects a committee (chi ủy) only with at least 9 official members."""
    return official_members >= MIN_OFFICIAL_FOR_COMMITTEE


def check_posts(official_members: int, committee_seats: int | None, deputies: int = 0) -> list[str]:
    """What the branch may elect: a committee of at most 7 with ≥ 9 official members, else none; one deputy."""
    problems: list[str] = []
    if official_members < MIN_OFFICIAL_FOR_BRANCH:
        problems.append(
            f"Chi bộ chỉ có {official_members} đảng viên chính thức; chi bộ phải có ít nhất "
            f"{MIN_OFFICIAL_FOR_BRANCH} đảng viên chính thức."
        )
    if committee_seats:
        if not committee_allowed(official_members):
            problems.append(
                f"Chi bộ có {official_members} đảng viên chính thức (dưới {MIN_OFFICIAL_FOR_COMMITTEE}) không bầu "
                "chi ủy; chỉ bầu bí thư và có thể bầu một phó bí thư."
            )
        if committee_seats > MAX_COMMITTEE_SEATS:
            problems.append(f"Chi ủy không quá {MAX_COMMITTEE_SEATS} người; đại hội đang định bầu {committee_seats}.")
    if committee_seats is not None and committee_seats < 0:
        problems.append("Số lượng chi ủy không được âm.")
    if deputies > MAX_DEPUTIES:
        problems.append(f"Chi bộ chỉ bầu một phó bí thư; đại hội đang định bầu {deputies}.")
    return problems


def max_surplus(seats: int) -> int:
    """The most candidates a committee list may have beyond the seats: 30 % of seats, floor; 1 for 3-5 seats.

    Below 3 seats no rule was found; the allowance of 1 is extended to them, so a list can still exceed the seats.
    """
    if seats <= 5:
        return 1
    return 3 * seats // 10


def check_committee_list(seats: int, candidates: int) -> list[str]:
    """A committee list must have more candidates than seats, and a surplus of at most `max_surplus(seats)`."""
    problems: list[str] = []
    if seats < 1:
        return [f"Số lượng cần bầu phải lớn hơn 0; đang là {seats}."]
    if candidates <= seats:
        problems.append(
            f"Danh sách bầu cử chi ủy phải nhiều hơn số lượng cần bầu: {candidates} người cho {seats} chức danh."
        )
    elif candidates - seats > max_surplus(seats):
        problems.append(
            f"Số dư trong danh sách bầu cử không quá {max_surplus(seats)} người với {seats} người cần bầu; "
            f"danh sách đang dư {candidates - seats} người."
        )
    return problems


def check_seats(post: Post, seats: int) -> list[str]:
    """The secretary and the deputy are elected one at a time."""
    if seats < 1:
        return [f"Số lượng cần bầu phải lớn hơn 0; đang là {seats}."]
    if post in SINGLE_SEAT_POSTS and seats != 1:
        label = "bí thư" if post == Post.SECRETARY else "phó bí thư"
        return [f"Chỉ bầu một {label}; số lượng cần bầu đang là {seats}."]
    if post == Post.COMMITTEE and seats > MAX_COMMITTEE_SEATS:
        return [f"Chi ủy không quá {MAX_COMMITTEE_SEATS} người; số lượng cần bầu đang là {seats}."]
    return []


def floor_nominee_admitted(agree: int, attending: int) -> bool:
    """A nominee from the floor (or a self-nominee) enters the list only with more than 30 % of those attending."""
    return 10 * agree > 3 * attending


def check_floor_nominee(name: str, agree: int, attending: int) -> list[str]:
    if agree < 0 or attending <= 0 or agree > attending:
        return [f"Số người đồng ý ({agree}) và số đại biểu có mặt ({attending}) không hợp lệ."]
    if floor_nominee_admitted(agree, attending):
        return []
    return [
        f"{name} chỉ được {agree}/{attending} người dự đại hội đồng ý, không quá 30% nên không được đưa vào danh "
        "sách bầu cử."
    ]


def check_candidates_official(candidates: Iterable[Person]) -> list[str]:
    """Candidates must be official members (a probationary member neither votes nor stands)."""
    return [
        f"{p.name} không phải đảng viên chính thức nên không được ứng cử, đề cử." for p in candidates if not p.official
    ]


def check_from_committee(post: Post, candidates: Iterable[Person], committee: Iterable[Hashable]) -> list[str]:
    """The secretary and the deputy are elected from among the newly elected committee (when there is one)."""
    members = set(committee)
    label = {Post.SECRETARY: "Bí thư", Post.DEPUTY_SECRETARY: "Phó Bí thư"}.get(post)
    if label is None or not members:
        return []
    return [
        f"{p.name} không trúng cử Ban Chi ủy khóa mới nên không được bầu làm {label}."
        for p in candidates
        if p.id not in members
    ]


def check_counting_committee(members: Sequence[Person], lists: Mapping[str, Iterable[Hashable]]) -> list[str]:
    """The counting committee (ban kiểm phiếu): official members on no election list. `lists` maps a list's
    title (e.g. "Ban Chi ủy") to the ids on it."""
    problems: list[str] = []
    if not members:
        problems.append("Ban kiểm phiếu chưa có thành viên.")
    for person in members:
        if not person.official:
            problems.append(f"{person.name} không phải đảng viên chính thức nên không được vào Ban kiểm phiếu.")
        on = [title for title, ids in lists.items() if person.id in set(ids)]
        if on:
            problems.append(
                f"{person.name} có tên trong danh sách bầu cử ({', '.join(on)}) nên không được vào Ban kiểm phiếu."
            )
    return problems


@dataclass(frozen=True)
class Quorum:
    """Charter Điều 11 k6: a congress is valid only with at least two thirds of those summoned present. Who counts
    as summoned is an option [U]: official members (the default), or every member summoned, probationary too."""

    summoned: int
    present: int
    with_probationary: bool = False

    @property
    def needed(self) -> int:
        """The fewest present that make two thirds: ⌈2 × summoned / 3⌉."""
        return -(-2 * self.summoned // 3)

    @property
    def met(self) -> bool:
        return self.summoned > 0 and 3 * self.present >= 2 * self.summoned

    @property
    def text(self) -> str:
        """What the papers say: "Có mặt 18/22 đảng viên chính thức được triệu tập, đủ hai phần ba (ít nhất 15)…"."""
        who = (
            "đảng viên được triệu tập (kể cả dự bị)"
            if self.with_probationary
            else "đảng viên chính thức được triệu tập"
        )
        if self.met:
            return (
                f"Có mặt {self.present}/{self.summoned} {who}, đủ hai phần ba (ít nhất {self.needed}): đại hội "
                "hợp lệ (Điều lệ Đảng, Điều 11 khoản 6)."
            )
        return (
            f"Chỉ có mặt {self.present}/{self.summoned} {who}, dưới hai phần ba (cần ít nhất {self.needed}): "
            "đại hội chưa hợp lệ, chưa được tiến hành công việc và bầu cử (Điều lệ Đảng, Điều 11 khoản 6)."
        )


def check_quorum(electorate: Electorate, quorum: Quorum) -> list[str]:
    """What blocks the congress's business and elections: below two thirds of those summoned present the congress
    is not valid (Charter Điều 11 k6); below ⌊D/2⌋ + 1 members able to vote nobody can be elected."""
    D = electorate.D  # noqa: N806
    present = electorate.official_present
    blocking: list[str] = []
    if not quorum.met:
        blocking.append(quorum.text)
    if D <= 0:
        blocking.append(f"Số đảng viên được tính (D = {D}) phải lớn hơn 0.")
    elif present < electorate.threshold:
        blocking.append(
            f"Chỉ có {present}/{D} đảng viên chính thức có mặt được quyền bầu cử, dưới {electorate.threshold} "
            "người nên không ai có thể trúng cử."
        )
    return blocking
