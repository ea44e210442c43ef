"""The life of a ballot count around its sessions: double entry and its reconciliation, bundles, closing (locked),
reopening with a recorded reason, publishing to the room, and the round's election record file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.congress.congresses import get_congress, list_congresses, meeting_hosts
from models.congress.elections import ORDER, congress_elections, get_election
from models.congress.round_facts import round_rows, totals_json
from models.congress.round_state import STATUS_LABELS, RoundState, RoundStatus
from models.congress.tables import CongressElection, ElectionRound, rounds_of
from models.core import clock
from models.core.branch import get_branch
from models.core.errors import ConflictError, ValidationError
from models.core.saved_ids import saved_id
from models.core.tables import db
from models.core.vnname import nfc
from models.counting import ElectionRecord, Post, judge, record_from_tally
from models.counting.compare import Difference
from models.counting.compare import differences as compare_passes
from models.counting.same_round import same_round
from models.live_count.passes import counted_pass_numbers, pass_is_empty, round_passes, start_pass
from models.live_count.scan_pass import image_problems, pending_review_problems
from models.live_count.seal import SEAL, UNSEAL, append_seal, result_digest, tally_totals
from models.live_count.session import CountSession, current_ballots, round_log, verify_chain
from models.live_count.tables import BallotBundle, CountAct, CountPass


@dataclass(frozen=True)
class BundleCheck:
    number: int
    papers: int
    entered: int

    @property
    def ok(self) -> bool:
        return self.papers == self.entered


def _round(round_id: int, status: str | None = None):
    """The round's row; ConflictError (in Vietnamese) when it is not in `status`."""

    row = round_rows(round_id)[0]
    if status is not None and row.status != status:
        raise ConflictError(
            f"Lần bầu thứ {row.number} {STATUS_LABELS[row.status].lower()}, không phải "
            f"«{STATUS_LABELS[RoundStatus(status)].lower()}»: thao tác này không làm được."
        )
    return row


def set_double_entry(round_id: int, on: bool) -> None:
    """A second typed pass, at any time while counting (before or after the first ballot); taken back only while it
    holds no ballot and no later pass was started (models.live_count.passes.start_pass adds any further pass)."""

    with db.atomic():
        row = _round(round_id)
        if row.status not in ("setup", "counting"):
            raise ConflictError("Lần bầu đã khóa kết quả.")
        started = CountPass.select().where((CountPass.round == round_id) & (CountPass.number > 1)).exists()
        if not on and (started or not pass_is_empty(round_id, 2)):
            raise ConflictError("Lượt nhập thứ hai đã bắt đầu: không bỏ nhập hai lượt được nữa.")
        if on and started:
            return
        ElectionRound.update(double_entry=on).where(ElectionRound.id == round_id).execute()


def declare_collected(round_id: int, collected: int) -> None:
    """The papers found in the ballot box, counted before the count starts (checked when closing)."""

    with db.atomic():
        row = _round(round_id, "counting")
        if not 0 <= collected <= (row.ballots_issued or 0):
            raise ValidationError(
                f"Số phiếu thu vào ({collected}) phải từ 0 đến số phiếu phát ra ({row.ballots_issued}).", "collected"
            )
        ElectionRound.update(ballots_collected=collected).where(ElectionRound.id == round_id).execute()


def set_bundle(round_id: int, pass_no: int, number: int, papers: int) -> None:

    if number < 1 or papers < 0:
        raise ValidationError("Số tệp phải từ 1 và số phiếu trong tệp không âm.", "bundle")
    with db.atomic():
        _round(round_id, "counting")
        found = BallotBundle.get_or_none(
            (BallotBundle.round == round_id) & (BallotBundle.pass_no == pass_no) & (BallotBundle.number == number)
        )
        if found is None:
            BallotBundle.create(round=round_id, pass_no=pass_no, number=number, papers=papers)
        else:
            BallotBundle.update(papers=papers).where(BallotBundle.id == found.id).execute()


def bundle_checks(round_id: int, pass_no: int = 1) -> list[BundleCheck]:
    """Each bundle's declared papers against the ballots of that bundle now counting."""

    lines = round_log(round_id, pass_no)
    current = current_ballots(lines)
    bundle_of = {line.ballot_no: line.bundle for line in lines if line.action == "enter"}
    counts: dict[int, int] = {}
    for no in current:
        if (bundle := bundle_of.get(no)) is not None:
            counts[bundle] = counts.get(bundle, 0) + 1
    bundles = BallotBundle.select().where((BallotBundle.round == round_id) & (BallotBundle.pass_no == pass_no))
    return [BundleCheck(b.number, b.papers, counts.get(b.number, 0)) for b in bundles.order_by(BallotBundle.number)]


def differences(round_id: int, first: int = 1, second: int = 2) -> list[Difference]:
    """Ballot by ballot, where two passes differ (a ballot entered in one pass only included, except one that a
    sample pass lacks: a sample checks only the ballots typed into it)."""
    samples = {p.number for p in round_passes(round_id) if p.sample}
    mine, theirs = current_ballots(round_log(round_id, first)), current_ballots(round_log(round_id, second))
    if first in samples:
        theirs = {no: b for no, b in theirs.items() if no in mine}
    if second in samples:
        mine = {no: b for no, b in mine.items() if no in theirs}
    return compare_passes(mine, theirs)


def close_problems(round_id: int) -> list[str]:
    """Why the count cannot be closed now (empty: it can)."""
    row = _round(round_id)
    problems: list[str] = []
    if not RoundState.of(row.status, row.count_mode).can_close:
        return [f"Lần bầu thứ {row.number} không ở trạng thái kiểm phiếu."]
    session = CountSession(round_id)
    result = session.result()
    if result.collected == 0:
        problems.append("Chưa nhập phiếu nào.")
    problems += [p.message for p in result.problems]
    if row.ballots_collected is not None and row.ballots_collected != result.collected:
        problems.append(f"Đã nhập {result.collected} phiếu, khác số phiếu thu vào ({row.ballots_collected}).")
    for other in counted_pass_numbers(round_id)[1:]:  # a pass set aside need not agree
        diffs = differences(round_id, 1, other)
        if diffs:
            numbers = ", ".join(str(d.no) for d in diffs[:20]) + ("…" if len(diffs) > 20 else "")
            problems.append(f"Lượt {other} và lượt 1 chưa khớp ở {len(diffs)} phiếu: số {numbers}.")
    problems += pending_review_problems(round_id) + image_problems(round_id)
    checks = [c for c in bundle_checks(round_id) if not c.ok]
    problems += [f"Tệp {c.number}: ghi {c.papers} phiếu, đã nhập {c.entered}." for c in checks]
    if not verify_chain(round_id):
        problems.append(CHAIN_BROKEN)
    return problems


def close_count(round_id: int, done_by: str = "") -> None:
    """Lock the result: every ballot in, the passes agreeing, the figures consistent. The totals are kept with the
    round (as a cache: readers recount the log, models.live_count.seal), and a sealing entry carrying their digest is
    appended to the round's chain; the round keeps the chain's last link."""

    with db.atomic():
        problems = close_problems(round_id)
        if problems:
            raise ValidationError("Chưa khóa kết quả được:\n" + "\n".join(problems), "round")
        session = CountSession(round_id)
        totals = tally_totals(session.tally)
        last = append_seal(round_id, SEAL, result_digest(session.election, totals), nfc(done_by))
        ElectionRound.update(
            status="closed", count_mode="ballots", result=totals_json(totals), record_digest=last, closed_at=clock.now()
        ).where(ElectionRound.id == round_id).execute()
        CountAct.create(round=round_id, kind="close", done_by=nfc(done_by))


def reopen_count(round_id: int, reason: str, done_by: str = "") -> None:
    """Reopening a closed count is an explicit act with its reason, kept with the round; an unsealing entry joins
    the chain."""

    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do mở lại việc kiểm phiếu.", "reason")
    with db.atomic():
        row = _round(round_id, "closed")
        if not RoundState.of(row.status, row.count_mode).can_reopen:
            raise ConflictError("Kết quả này nhập bằng số tổng hợp, không có phiếu để mở lại.")
        _later_rounds_guard(row)
        append_seal(round_id, UNSEAL, "", nfc(done_by))
        ElectionRound.update(status="counting", result="", record_digest="").where(
            ElectionRound.id == round_id
        ).execute()
        CountAct.create(round=round_id, kind="reopen", reason=reason, done_by=nfc(done_by))


def _later_rounds_guard(row) -> None:
    """A result another round already builds on (a later round of this election, or a later election of the
    congress under way, such as the secretary's from the committee) cannot be reopened."""

    later = ElectionRound.select().where(
        (ElectionRound.election == row.election_id) & (ElectionRound.number > row.number)
    )
    if later.exists():
        raise ConflictError("Đã có lần bầu sau lần này: không mở lại được.")
    election = CongressElection.get_by_id(row.election_id)
    after = [p.value for p in ORDER[ORDER.index(Post(election.post)) + 1 :]]
    later_posts = CongressElection.post.in_(after) & (ElectionRound.status != "setup")
    started = rounds_of(election.congress_id).where(later_posts)
    if started.exists():
        raise ConflictError("Các cuộc bầu sau đã bắt đầu dựa trên kết quả này: không mở lại được.")


def publish(round_id: int, done_by: str = "") -> None:
    """The head of the counting committee releases the result to the room's screen."""

    with db.atomic():
        _round(round_id, "closed")
        ElectionRound.update(status="published").where(ElectionRound.id == round_id).execute()
        CountAct.create(round=round_id, kind="publish", done_by=nfc(done_by))


CHAIN_BROKEN = "Nhật ký nhập phiếu không khớp mã kiểm tra: dữ liệu đã bị thay đổi ngoài ChiBo."


def log_problems(round_id: int, info=None) -> list[str]:
    """What does not hold in a round's entry log: for a closed round its chain, its seal and its stored result (the
    first place first); for a round still counted its chain; then any scanned ballot whose page image is missing
    or altered. Empty: everything holds. `info`: the round's RoundInfo when the caller has it (it carries the closed
    round's recount)."""

    if info is None:
        election = get_election(ElectionRound.get_by_id(round_id).election_id)
        info = next(r for r in election.rounds if r.id == round_id)
    if info.integrity:
        return list(info.integrity) + image_problems(round_id)
    return ([] if verify_chain(round_id) else [CHAIN_BROKEN]) + image_problems(round_id)


def sound_round_record(round_id: int) -> ElectionRecord:
    """The record to hand over as a file: refused (ConflictError) for a closed round whose log, seal or stored
    result does not hold, so no file vouches for data changed outside ChiBo."""

    info = next(r for r in get_election(ElectionRound.get_by_id(round_id).election_id).rounds if r.id == round_id)
    if info.integrity:
        raise ConflictError("Không xuất hồ sơ của lần bầu này: " + " ".join(info.integrity))
    return round_record(round_id)


def round_record(round_id: int) -> ElectionRecord:
    """The round's election record: its first pass's ballots in the order entered, or its hand totals."""

    row = ElectionRound.get_by_id(round_id)
    congress = get_congress(CongressElection.get_by_id(row.election_id).congress_id)
    branch = get_branch()
    session = CountSession(round_id)
    header: dict[str, Any] = dict(
        branch=branch.name if branch else "",
        title=session.election_title,
        congress=congress.full_title(branch.name if branch else ""),
    )
    if row.count_mode == "totals":
        return ElectionRecord(session.election, totals=session.info.totals, **header)
    return record_from_tally(session.tally, **header)


def import_pass(round_id: int, record: ElectionRecord, entered_by: str, pass_no: int | None = None) -> int:
    """Bring in a pass typed on another PC, as its record file: same list, seats and form. Its ballots fill pass
    `pass_no` (an existing pass, empty, typed or brought in, not set aside) or, when None, a new pass started for it
    (the next free number; pass 1 itself when nothing was entered yet), in one transaction: a refusal leaves no pass
    behind. It is then compared with pass 1 as any pass. Returns the pass's number."""

    if record.ballots is None:
        raise ValidationError("Hồ sơ này ghi số tổng hợp, không có từng phiếu để đối chiếu.", "record")
    if record.digest_ok is False:
        raise ValidationError("Hồ sơ không khớp mã kiểm tra: không nhận làm lượt nhập.", "record")
    with db.atomic():
        mine = CountSession(round_id).election
        if not same_round(record.election, mine):
            raise ValidationError(
                "Hồ sơ này không phải của lần bầu đang kiểm (danh sách, số lượng, hình thức phiếu hoặc lần bầu khác).",
                "record",
            )
        for ballot in record.ballots:
            judge(ballot, mine.form, mine.candidate_ids, mine.seats, mine.rules)
        if pass_no is None:
            pass_no = start_pass(round_id, "imported", entered_by).number
        else:
            _empty_pass_guard(round_id, pass_no)
        session = CountSession(round_id, pass_no, entered_by)
        for ballot in record.ballots:
            session.enter(ballot)
    return pass_no


def _empty_pass_guard(round_id: int, pass_no: int) -> None:
    found = next((p for p in round_passes(round_id) if p.number == pass_no), None)
    if found is None:
        raise ConflictError(f"Lần bầu này chưa có lượt nhập thứ {pass_no}.")
    if found.set_aside:
        raise ConflictError(f"Lượt {pass_no} đã được gác lại: không nhận phiếu được.")
    if found.source == "scanned":
        raise ConflictError(f"Lượt {pass_no} là lượt quét phiếu: chỉ nhận trang quét.")
    if not pass_is_empty(round_id, pass_no):
        raise ConflictError(f"Lượt {pass_no} đã có phiếu: chọn một lượt chưa có phiếu hoặc nhận vào lượt mới.")


def importable_passes(round_id: int) -> list[int]:
    """The passes a record file can fill: empty, typed or brought in, not set aside."""
    return [
        p.number
        for p in round_passes(round_id)
        if not p.set_aside and p.source != "scanned" and pass_is_empty(round_id, p.number)
    ]


@dataclass(frozen=True)
class CountRound:
    """A round the ballots tab can show: started (being counted) or with its result."""

    round_id: int
    election_id: int
    label: str  # "Đại hội lần thứ IV — Bầu Ban Chi ủy nhiệm kỳ 2025–2030 — lần 1"
    status: str
    double_entry: bool
    count_mode: str
    collected: int | None
    congress_title: str = ""  # "Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030"

    def state(self, writable: bool = True) -> RoundState:
        """What may be done with the round now: the one place that decides (models.congress.round_state)."""
        return RoundState.of(self.status, self.count_mode, writable)


def count_rounds(include_setup: bool = False) -> list[CountRound]:
    """Every started round of the branch's congresses and of its meetings' secret ballots (and those still being set
    up, when asked), the latest congress or meeting and the latest round first."""

    branch = get_branch()
    out: list[CountRound] = []
    hosts = sorted(list_congresses() + meeting_hosts(), key=lambda c: c.opens_on, reverse=True)
    for congress in hosts:
        title = congress.full_title(branch.name if branch else "")
        short = congress.place if congress.hosts_meeting else f"Đại hội {congress.ordinal_text}"
        for election in reversed(congress_elections(saved_id(congress))):
            for round_ in reversed(election.rounds):
                if round_.status == "setup" and not include_setup:
                    continue
                row = ElectionRound.get_by_id(round_.id)
                label = f"{short} — {election.title} — lần {round_.number}"
                out.append(
                    CountRound(
                        round_.id,
                        election.id,
                        label,
                        round_.status,
                        row.double_entry,
                        row.count_mode,
                        row.ballots_collected,
                        title,
                    )
                )
    return out


def rounds_listing(include_setup: bool = False) -> str:
    """The rounds a headless command's --round N may name, each with its id and what the window shows for it (told
    when a command gets an id that names none)."""
    rounds = count_rounds(include_setup)
    if not rounds:
        return "Chưa có lần bầu nào" + (" đã phát phiếu." if not include_setup else ".")
    lines = "; ".join(f"mã {r.round_id} — {r.label} ({STATUS_LABELS[RoundStatus(r.status)].lower()})" for r in rounds)
    return f"Các lần bầu: {lines}. Mã của lần bầu đã phát phiếu hiện ở thẻ «Bầu cử», cạnh ô «Lần bầu»."
