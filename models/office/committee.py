"""The committee the office works for, as printed on its own documents: the issuer is the committee, not a branch.

The committee's own record (models.office.committee_record) gives its header when the office has entered it.
Until then the header is taken from the branches' headers, which already name it: the last line of the
branches' «cấp ủy cấp trên» (the one most of them give) is the committee's own party organisation (e.g. "ĐẢNG BỘ SỞ
THÔNG TIN VÀ TRUYỀN THÔNG"); the lines above it are its higher committees. Its documents are issued by its executive
committee, the đảng ủy (Hướng dẫn 36-HD/VPTW): "ĐẢNG BỘ …" becomes "ĐẢNG ỦY …", numbered "…/ĐU", signed "T/M ĐẢNG
ỦY" / "BÍ THƯ" [U: a documented default].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from models.core.branch import BranchInfo, get_branch, list_branches
from models.office.committee_record import get_committee

COMMITTEE_ABBR = "ĐU"


@dataclass(frozen=True)
class CommitteeInfo:
    name: str  # the issuer: "ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG" ("" when no branch names it)
    higher_lines: tuple[str, ...] = ()  # the committees above it, top first
    place: str = ""  # "Hà Nội"
    issuer_abbr: str = COMMITTEE_ABBR
    on_behalf: str = "T/M ĐẢNG ỦY"
    role: str = "BÍ THƯ"


def issuer_name(organisation: str) -> str:
    """The body that issues an organisation's documents: a đảng bộ's đảng ủy ("ĐẢNG BỘ X" -> "ĐẢNG ỦY X")."""
    text = " ".join(organisation.split()).upper()
    prefix = "ĐẢNG BỘ "
    return "ĐẢNG ỦY " + text[len(prefix) :] if text.startswith(prefix) else text


def committee_of(branches: Sequence[BranchInfo]) -> CommitteeInfo:
    """The committee the branches name most often above themselves, and the place most of them write."""
    headers = Counter(tuple(b.higher_lines) for b in branches if b.higher_lines)
    places = Counter(b.place for b in branches if b.place)
    place = places.most_common(1)[0][0] if places else ""
    if not headers:
        return CommitteeInfo("", (), place)
    lines = headers.most_common(1)[0][0]  # ties: the first branch's, as Counter keeps insertion order
    return CommitteeInfo(issuer_name(lines[-1]), tuple(lines[:-1]), place)


def current_committee() -> CommitteeInfo:
    """The committee as its record says, or else as the branches the session can see name it."""
    record = get_committee()
    if record is not None:
        return CommitteeInfo(record.name, record.higher_lines, record.place, record.issuer_abbr)
    return committee_of([info for branch_id, _ in list_branches() if (info := get_branch(branch_id)) is not None])
