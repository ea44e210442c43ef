"""Counting minutes of three rounds: a committee of 7 from 9 on the strike form, 3 delegates on the agree form
(docs/domain.md §4 example 3) and a committee round with a tie across the last seat, one seat open, a failed digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from reports.congress.counting_minutes import MINUTES_SIGNATURE
from reports.congress.paper_blocks import percent_text
from reports.congress.paper_data import CongressHeading, ElectedLine, MinutesCandidate, MinutesData
from reports.core.party_document import DocumentHeader

HEADING = CongressHeading("Chi bộ Văn phòng Sở", "lần thứ IV", "nhiệm kỳ 2025–2030", date(2026, 3, 11))
HEADER = DocumentHeader(
    "Đảng bộ Sở Thông tin và Truyền thông", "Đại hội lần thứ IV", "Số 01-BB/CB", "Hà Nội", date(2026, 3, 11)
)
SIGNATURE = replace(MINUTES_SIGNATURE, name="Đinh Văn Minh")
DIGEST = "3f9a1c0b5d7e2a46" + "9" * 48
EXCLUSIONS = (
    ("Sinh hoạt tạm thời ở tổ chức đảng khác", 1),
    ("Được miễn công tác và sinh hoạt đảng, không dự đại hội", 0),
    ("Bị đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam", 1),
    ("Vắng mặt suốt thời gian đại hội có lý do được chấp thuận", 2),
)
REASON_LABELS = (
    "Bầu thừa số lượng cần bầu",
    "Gạch tên tất cả ứng cử viên",
    "Không đánh dấu ô nào",
    "Bầu một người nhưng không đánh dấu đúng một ô",
    "Không phải phiếu do Ban kiểm phiếu phát ra (không có dấu, phiếu sao chụp)",
    "Ghi thêm tên người ngoài danh sách",
    "Có ký tên hoặc đánh dấu riêng",
    "Lý do khác do Ban kiểm phiếu quyết định",
)
NINE = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đỗ Thị Giang",
    "Vũ Thị Hà",
    "Bùi Văn Khánh",
    "Ngô Thị Lan",
)
NINE_VOTES = (26, 25, 20, 18, 14, 16, 12, 9, 22)


def _percent(votes: int, D: int) -> str:  # noqa: N803
    return f"{percent_text(votes, D)}%"


def strike_round(names=NINE, votes=NINE_VOTES, seats=7, **changes) -> MinutesData:
    """D = 29 (33 summoned, 4 excluded), pass at 15; 28 issued and collected, 26 valid, 2 invalid."""
    D = 29  # noqa: N806
    candidates = tuple(MinutesCandidate(n, v, _percent(v, D)) for n, v in zip(names, votes, strict=True))
    ranked = sorted((c for c in candidates if 2 * c.votes > D), key=lambda c: -c.votes)[:seats]
    elected = tuple(ElectedLine(c.name, c.votes, c.percent_text) for c in ranked)
    data = MinutesData(
        heading=HEADING,
        election_title="Bầu Ban Chi ủy nhiệm kỳ 2025–2030",
        round_no=1,
        seats=seats,
        form="strike",
        form_label="Phiếu gạch tên",
        committee_head="Đinh Văn Minh",
        committee_members=("Lý Thị Nga", "Phan Văn Oanh"),
        official_summoned=33,
        exclusions=EXCLUSIONS,
        D=D,
        official_present=29,
        absent=4,
        ballots_issued=28,
        collected=28,
        valid=26,
        invalid=2,
        invalid_reasons=tuple((label, 1 if i in (0, 5) else 0) for i, label in enumerate(REASON_LABELS)),
        candidates=candidates,
        elected=elected,
        open_seats=seats - len(elected),
        tied=(),
        next_step="Bầu tiếp cho đủ số lượng (nếu đại hội quyết định)" if len(elected) < seats else "",
        adopted_at=datetime(2026, 3, 11, 10, 5),
        digest=DIGEST,
        digest_verified=True,
    )
    return replace(data, **changes)


def agree_round(**changes) -> MinutesData:
    """docs/domain.md §4 example 3: 22 official, D = 20, pass at 11, 18 ballots all valid; all three elected."""
    candidates = (
        MinutesCandidate("Hoàng Văn Em", 17, "85,00%", 0, 1),
        MinutesCandidate("Trần Thị Phương", 16, "80,00%", 2, 0),
        MinutesCandidate("Lê Văn Quang", 12, "60,00%", 5, 1),
    )
    exclusions = tuple((label, 1 if i < 2 else 0) for i, (label, _count) in enumerate(EXCLUSIONS))
    data = replace(
        strike_round(),
        election_title="Bầu đại biểu chính thức dự Đại hội Đảng bộ Sở",
        seats=3,
        form="agree",
        form_label="Phiếu đồng ý, không đồng ý",
        official_summoned=22,
        exclusions=exclusions,
        D=20,
        official_present=18,
        absent=4,
        ballots_issued=18,
        collected=18,
        valid=18,
        invalid=0,
        invalid_reasons=tuple((label, 0) for label in REASON_LABELS),
        candidates=candidates,
        elected=tuple(ElectedLine(c.name, c.votes, c.percent_text) for c in candidates),
        open_seats=0,
        tied=(),
        next_step="",
        digest_verified=None,
    )
    return replace(data, **changes)


def tie_round(**changes) -> MinutesData:
    """5 seats, 6 candidates: 4 elected, Em and Giang tie on 15 across the last seat; the digest does not match."""
    data = strike_round(NINE[:6], (26, 25, 20, 18, 15, 15), seats=5)
    elected = data.elected[:4]
    data = replace(
        data,
        elected=elected,
        open_seats=1,
        tied=("Hoàng Văn Em", "Đỗ Thị Giang"),
        next_step="Bầu lại trong số những người bằng phiếu nhau",
        digest_verified=False,
        committee_members=("Lý Thị Nga", "Phan Văn Oanh", "Tạ Văn Phúc"),
    )
    return replace(data, **changes)
