"""Plain data the congress papers are written from: no ORM, no Qt; models.congress fills these in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class CongressHeading:
    """Who held the congress and when: printed in titles ("ĐẠI HỘI CHI BỘ … LẦN THỨ IV, NHIỆM KỲ 2025–2030")."""

    branch_name: str  # "Chi bộ Văn phòng Sở"
    ordinal_text: str  # "lần thứ IV"
    term_text: str  # "nhiệm kỳ 2025–2030"
    opens_on: date
    closes_on: date | None = None
    place: str = ""  # where the congress sits ("Hội trường tầng 3, trụ sở Sở")
    line: str = ""  # a branch meeting's secret ballot: its own line ("Hội nghị Chi bộ … ngày …"), not a congress's


@dataclass(frozen=True)
class AttendanceRow:
    """One summoned member on the attendance list (danh sách đảng viên dự đại hội), in A-B-C order."""

    full_name: str
    birth_date: date | None
    kind_label: str  # "Chính thức" / "Dự bị"
    situation_label: str  # "" or "Sinh hoạt tạm thời nơi khác", "Miễn sinh hoạt", "Đình chỉ sinh hoạt"
    attendance_label: str  # "Có mặt" / "Vắng có lý do" / "Vắng không lý do" / "Chưa điểm danh"
    note: str = ""  # the approved reason of an absence, "đến muộn 09:40", …


@dataclass(frozen=True)
class AttendanceFigures:
    """The check-in figures (docs/domain.md §2, §3): who was summoned, who came, D and the threshold."""

    summoned: int  # everyone on the list, probationary members included
    official_summoned: int
    probationary: int
    present: int  # everyone present, probationary included
    official_present: int
    absent_approved: int
    absent_unapproved: int
    exclusions: tuple[tuple[str, int], ...]  # (label of the excluded group, count), the four groups in order
    D: int  # noqa: N815 - the regulation's name
    threshold: int  # ⌊D/2⌋ + 1
    ballots: int  # official members present who may vote = ballots to issue
    quorum_text: str = ""  # whether two thirds of those summoned are present (Charter Điều 11 k6), as a sentence


@dataclass(frozen=True)
class CandidateLine:
    name: str
    votes: int
    percent_text: str  # "93,33%" (of D; display only)
    elected: bool
    disagree: int | None = None  # agree form only


@dataclass(frozen=True)
class RoundOutcome:
    """One counted round of one election, as the summary reports it."""

    round_no: int
    D: int  # noqa: N815
    threshold: int
    issued: int
    collected: int
    valid: int
    invalid: int
    candidates: tuple[CandidateLine, ...]  # in list (A-B-C) order
    elected: tuple[str, ...]  # names, in order of votes
    open_seats: int
    next_step: str  # "" or "Bầu lại trong số những người bằng phiếu nhau", …
    note: str = ""  # "2 đảng viên đến sau khi phát phiếu, không tính vào lần bầu này"


@dataclass(frozen=True)
class ElectionOutcome:
    title: str  # "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
    seats: int
    form_label: str  # "Phiếu gạch tên" / "Phiếu đồng ý, không đồng ý"
    rounds: tuple[RoundOutcome, ...]
    appointed: str = ""  # "Cấp ủy cấp trên chỉ định" after a third secretary round without a winner


@dataclass(frozen=True)
class CongressSummary:
    """The report to the higher committee (báo cáo tóm tắt kết quả đại hội)."""

    heading: CongressHeading
    figures: AttendanceFigures
    elections: tuple[ElectionOutcome, ...]
    committee: tuple[str, ...] = ()  # the new branch committee, in order of votes
    secretary: str = ""
    deputy: str = ""
    delegates: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()
    presidium: tuple[str, ...] = ()  # first is the chair when a single chair runs the congress
    secretariat: tuple[str, ...] = ()
    counting_committee: tuple[str, ...] = ()  # first is the head (trưởng ban)
    # appointed by the higher committee since the congress: "Bí thư Chi bộ: đồng chí … (Quyết định số …)"
    appointed: tuple[str, ...] = ()


@dataclass(frozen=True)
class BioRow:
    """One elected member on the short-bio list (danh sách trích ngang) sent for approval (chuẩn y)."""

    full_name: str
    elected_as: str  # "Bí thư Chi bộ", "Phó Bí thư Chi bộ", "Chi ủy viên", "Đại biểu chính thức", "Đại biểu dự khuyết"
    birth_date: date | None
    gender: str
    hometown: str
    ethnicity: str
    religion: str
    education: str  # "12/12"
    qualification: str
    theory: str
    job: str  # job title and workplace
    admission_date: date | None
    official_date: date | None
    votes_text: str = ""  # "14/15 (93,33%)"


@dataclass(frozen=True)
class HandVoteRow:
    """One show-of-hands vote (biểu quyết) of the congress, in the order taken."""

    taken_at: datetime
    subject: str  # "Thông qua danh sách Đoàn Chủ tịch", "Số lượng Ban Chi ủy: 5 đồng chí", …
    voting: int  # those voting (official members present)
    in_favour: int
    against: int
    abstain: int
    adopted: bool
    void_reason: str = ""  # voided (recorded by mistake): kept on the record with its reason


@dataclass(frozen=True)
class BallotPaper:
    """The paper ballot of one round of one election, printed several to a page."""

    congress_title: str  # "ĐẠI HỘI CHI BỘ VĂN PHÒNG SỞ LẦN THỨ IV, NHIỆM KỲ 2025–2030"
    election_title: str  # "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
    round_no: int
    form: str  # "strike" (gạch tên) or "agree" (đồng ý / không đồng ý)
    seats: int
    candidates: tuple[str, ...]  # in A-B-C order, as the count numbers them
    copies: int = field(default=1)  # how many ballots to print (ballots to issue plus spares)


@dataclass(frozen=True)
class MinutesCandidate:
    """One candidate in the counting minutes, in list (A-B-C) order."""

    name: str
    votes: int  # strike form: names left un-struck; agree form: agree marks
    percent_text: str  # votes / D: "89,66%" (display only)
    disagree: int | None = None  # agree form only
    not_counted: int | None = None  # agree form only: valid ballots with neither box (or both) on this row


@dataclass(frozen=True)
class ElectedLine:
    """One elected candidate, in order of votes."""

    name: str
    votes: int
    percent_text: str  # "89,66%"


@dataclass(frozen=True)
class MinutesData:
    """The counting minutes (biên bản kiểm phiếu) of one round of one election (docs/domain.md §3)."""

    heading: CongressHeading
    election_title: str  # "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
    round_no: int
    seats: int
    form: str  # "strike" (gạch tên) or "agree" (đồng ý / không đồng ý): picks the table's columns
    form_label: str  # "Phiếu gạch tên" / "Phiếu đồng ý, không đồng ý"
    committee_head: str  # trưởng ban kiểm phiếu
    committee_members: tuple[str, ...]  # the other members, in order
    official_summoned: int
    exclusions: tuple[tuple[str, int], ...]  # (label of the excluded group, count), the four groups in order
    D: int  # noqa: N815 - the regulation's name
    official_present: int
    absent: int  # official members absent
    ballots_issued: int
    collected: int
    valid: int
    invalid: int
    invalid_reasons: tuple[tuple[str, int], ...]  # (Vietnamese label, count), every reason; those at 0 not printed
    candidates: tuple[MinutesCandidate, ...]  # in list (A-B-C) order
    elected: tuple[ElectedLine, ...]  # in order of votes
    open_seats: int
    tied: tuple[str, ...]  # names that passed but tie across the last open seat
    next_step: str  # "" or "Bầu lại trong số những người bằng phiếu nhau", …
    adopted_at: datetime  # when the minutes were adopted
    digest: str  # the record file's own SHA-256 chain digest (hex), as the file states it; "" when it states none
    digest_verified: bool | None  # False: the record does not match its digest; None: not checked
    code_text: str = ""  # the QR's text: the digest and the election's identity (models.counting.check_code)
    tie_break: bool = False  # a re-vote among the tied (Charter Điều 12 k3): the highest votes, no majority needed
    integrity: tuple[str, ...] = ()  # what does not hold in the data behind the result: printed in red
    quorum_text: str = ""  # two thirds of those summoned present (Charter Điều 11 k6); "" from a record file alone
    # a branch meeting's question by secret ballot: its own test on D and outcome, printed instead of "trúng cử"
    question_lines: tuple[str, ...] = ()
    named_as: str = "đồng chí"  # how the names on the ballot are counted: "người" for an applicant (not a member)

    @property
    def threshold(self) -> int:
        """The smallest vote count that passes: ⌊D/2⌋ + 1."""
        return self.D // 2 + 1


@dataclass(frozen=True)
class EntryLogRow:
    """One action in the ballot entry log (nhật ký nhập phiếu), in the order taken."""

    seq: int
    time: datetime
    ballot_no: int
    pass_no: int  # entry pass (lượt nhập): 1, or 2 for a second keying
    action_label: str  # "Nhập" / "Sửa" / "Hủy phiếu" / "Hoàn tác"
    before: str  # the ballot before the action ("" for a first entry)
    after: str  # the ballot after it ("" when voided or undone)
    entered_by: str
    digest_prefix: str  # start of the chain digest after this action ("3f9a1c0b")
