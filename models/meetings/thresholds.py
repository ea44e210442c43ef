"""The branch's votes between congresses and their thresholds (docs/domain.md §6): pure Python, no peewee, no Qt.

Every threshold is a whole-number test on D, the branch's base (models.meetings.meetings.meeting_base), never on
those present: two thirds is `3·yes ≥ 2·D`, more than half is `2·yes > D` (exactly half fails).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from models.core.errors import ValidationError
from models.counting import ExclusionGroup


class VoteForm(enum.Enum):
    """How the branch votes: by raising party cards, or by secret ballot (counted in the «Bầu cử» tab)."""

    SHOW_OF_CARDS = "show_of_cards"
    SECRET_BALLOT = "secret_ballot"

    @property
    def label(self) -> str:
        return FORM_LABELS[self]


FORM_LABELS: dict[VoteForm, str] = {
    VoteForm.SHOW_OF_CARDS: "Giơ thẻ đảng viên",
    VoteForm.SECRET_BALLOT: "Bỏ phiếu kín",
}


class Threshold(enum.Enum):
    """The two tests the rules use."""

    TWO_THIRDS = "two_thirds"  # 3·yes ≥ 2·D
    MAJORITY = "majority"  # 2·yes > D

    @property
    def label(self) -> str:
        return "ít nhất hai phần ba" if self is Threshold.TWO_THIRDS else "hơn một nửa"


@dataclass(frozen=True)
class VoteRule:
    """What a kind of vote is: its Vietnamese label, threshold, the forms allowed and the paper the branch writes."""

    label: str
    threshold: Threshold
    forms: tuple[VoteForm, ...]
    paper: str
    subject_is_applicant: bool = False


_BOTH = (VoteForm.SECRET_BALLOT, VoteForm.SHOW_OF_CARDS)
_SECRET = (VoteForm.SECRET_BALLOT,)


class VoteKind(enum.Enum):
    """A kind of branch vote on one person's question (docs/domain.md §6)."""

    ADMISSION = "admission"  # Charter Điều 4 k3
    RECOGNITION = "recognition"  # Charter Điều 5
    STRIKE_OFF_NOT_RECOGNISED = "strike_off_not_recognised"  # not recognised as official → propose striking off
    DISCIPLINE = "discipline"  # reprimand or warning, decided by the branch (Charter Điều 36)
    PROPOSE_DISMISSAL = "propose_dismissal"  # cách chức, proposed to the higher committee
    PROPOSE_EXPULSION = "propose_expulsion"  # khai trừ, proposed (Charter Điều 38)
    STRIKE_OFF = "strike_off"  # xóa tên
    EXEMPTION = "exemption"  # miễn công tác và sinh hoạt đảng
    BY_ELECTION = "by_election"  # bầu bổ sung at a branch meeting

    @property
    def rule(self) -> VoteRule:
        return RULES[self]

    @property
    def label(self) -> str:
        return RULES[self].label


RULES: dict[VoteKind, VoteRule] = {
    VoteKind.ADMISSION: VoteRule(
        "Đề nghị kết nạp vào Đảng", Threshold.TWO_THIRDS, _BOTH, "Nghị quyết đề nghị kết nạp (6-KNĐ)", True
    ),
    VoteKind.RECOGNITION: VoteRule(
        "Đề nghị công nhận đảng viên chính thức",
        Threshold.TWO_THIRDS,
        _BOTH,
        "Nghị quyết đề nghị công nhận đảng viên chính thức (13-KNĐ)",
    ),
    VoteKind.STRIKE_OFF_NOT_RECOGNISED: VoteRule(
        "Không công nhận chính thức, đề nghị xóa tên",
        Threshold.TWO_THIRDS,
        _BOTH,
        "Nghị quyết đề nghị xóa tên trong danh sách đảng viên",
    ),
    VoteKind.DISCIPLINE: VoteRule(
        "Thi hành kỷ luật (khiển trách, cảnh cáo)", Threshold.MAJORITY, _SECRET, "Quyết định thi hành kỷ luật"
    ),
    VoteKind.PROPOSE_DISMISSAL: VoteRule(
        "Đề nghị kỷ luật cách chức", Threshold.MAJORITY, _SECRET, "Tờ trình đề nghị thi hành kỷ luật"
    ),
    VoteKind.PROPOSE_EXPULSION: VoteRule(
        "Đề nghị kỷ luật khai trừ", Threshold.TWO_THIRDS, _SECRET, "Tờ trình đề nghị thi hành kỷ luật"
    ),
    VoteKind.STRIKE_OFF: VoteRule(
        "Đề nghị xóa tên trong danh sách đảng viên",
        Threshold.MAJORITY,
        _BOTH,
        "Nghị quyết đề nghị xóa tên trong danh sách đảng viên",
    ),
    VoteKind.EXEMPTION: VoteRule(
        "Miễn công tác và sinh hoạt đảng", Threshold.MAJORITY, _BOTH, "Nghị quyết miễn công tác và sinh hoạt đảng"
    ),
    VoteKind.BY_ELECTION: VoteRule(
        "Bầu cử bổ sung", Threshold.MAJORITY, _SECRET, "Tờ trình đề nghị chuẩn y kết quả bầu cử bổ sung"
    ),
}


class DisciplineForm(enum.Enum):
    """The forms a branch may decide itself, heaviest first (Charter Điều 36)."""

    WARNING = "warning"  # cảnh cáo
    REPRIMAND = "reprimand"  # khiển trách

    @property
    def label(self) -> str:
        return "Cảnh cáo" if self is DisciplineForm.WARNING else "Khiển trách"


DISCIPLINE_ORDER: tuple[DisciplineForm, ...] = (DisciplineForm.WARNING, DisciplineForm.REPRIMAND)


def votes_needed(kind: VoteKind, d: int) -> int:
    """The smallest number of yes votes that passes: two thirds ⌈2D/3⌉; more than half ⌊D/2⌋ + 1."""
    _check_base(d)
    if kind.rule.threshold is Threshold.TWO_THIRDS:
        return -(-2 * d // 3)
    return d // 2 + 1


def passes(kind: VoteKind, yes: int, d: int) -> bool:
    """`3·yes ≥ 2·D` for two thirds, `2·yes > D` for more than half; a base of 0 never passes."""
    _check_base(d)
    if d == 0:
        return False
    if kind.rule.threshold is Threshold.TWO_THIRDS:
        return 3 * yes >= 2 * d
    return 2 * yes > d


def discipline_outcome(d: int, yes_by_form: Mapping[str, int]) -> str | None:
    """The form of discipline the branch decided, or None (no discipline).

    The votes are counted cumulatively from the heaviest form down (docs/domain.md §6): a vote for a warning also
    counts for a reprimand, so a reprimand passes when the warning and reprimand votes together exceed half of D.
    `yes_by_form` maps a `DisciplineForm` value ("warning", "reprimand") to the ballots choosing that form.
    """
    unknown = set(yes_by_form) - {form.value for form in DisciplineForm}
    if unknown:
        raise ValidationError(f"Hình thức kỷ luật không hợp lệ: {', '.join(sorted(unknown))}.", "form")
    running = 0
    for form in DISCIPLINE_ORDER:
        count = yes_by_form.get(form.value, 0)
        if count < 0:
            raise ValidationError("Số phiếu không được âm.", "yes")
        running += count
        if passes(VoteKind.DISCIPLINE, running, d):
            return form.value
    return None


def _check_base(d: int) -> None:
    if d < 0:
        raise ValidationError("Tổng số đảng viên chính thức được triệu tập (D) không được âm.", "d")


MEETING_EXCLUSION_LABELS: dict[ExclusionGroup, str] = {
    ExclusionGroup.TEMPORARY_ELSEWHERE: "Sinh hoạt tạm thời ở tổ chức đảng khác",
    ExclusionGroup.EXEMPT_ABSENT: "Được miễn công tác và sinh hoạt đảng, không dự hội nghị",
    ExclusionGroup.SUSPENDED: "Bị đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam",
    ExclusionGroup.ABSENT_APPROVED: "Vắng mặt cả buổi hội nghị có lý do được chấp thuận",
}
"""Those not counted in D at a branch meeting, as its counting minutes list them (the congress's wording says
"đại hội")."""
