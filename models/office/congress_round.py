"""The round of the branches' congresses at a glance: which branches have held the congress of a term, when, the
result, who was appointed, and what is still missing (papers not received, results not approved, with their
deadlines after the congress counted in working days: models.office.committee_record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.congress.elections import congress_elections
from models.congress.tables import Congress
from models.core.branch import current_branch_id, list_branches, use_branch
from models.core.dates import fmt
from models.core.errors import NotFoundError
from models.counting.election import Post
from models.office.committee_record import (
    APPROVAL_WORKING_DAYS,
    PAPERS_WORKING_DAYS,
    branch_history,
    former_name,
    next_congress_ordinal,
)
from models.office.committee_tables import CongressFiling
from models.roster.member_rules import add_working_days


@dataclass(frozen=True)
class BranchRound:
    branch_id: int
    name: str
    former_name: str = ""  # before 1 July 2025, when renamed since
    ordinal: int | None = None  # of the term's congress; None: none planned
    next_ordinal: int = 1  # what the term's congress is (or will be) numbered
    opens_on: date | None = None
    closes_on: date | None = None
    held: bool = False  # the congress closed
    secretary: str = ""
    deputy: str = ""
    committee: tuple[str, ...] = ()
    appointed: tuple[str, ...] = ()  # "Bí thư: Nguyễn Văn An (Quyết định số …)"
    papers_on: date | None = None
    papers_due: date | None = None
    approved_on: date | None = None
    approval_due: date | None = None
    missing: tuple[str, ...] = ()


def deadlines(last_day: date) -> tuple[date, date]:
    """(papers due, approval due) after a congress whose last day is `last_day`."""
    return add_working_days(last_day, PAPERS_WORKING_DAYS), add_working_days(last_day, APPROVAL_WORKING_DAYS)


def missing_items(
    held: bool,
    planned: date | None,
    papers_on: date | None,
    papers_due: date | None,
    approved_on: date | None,
    approval_due: date | None,
    on: date,
) -> tuple[str, ...]:
    """What the committee is still waiting for, as of `on`, in Vietnamese."""
    if not held:
        if planned is None:
            return ("Chưa tổ chức đại hội",)
        return (f"Đại hội chưa kết thúc (khai mạc ngày {fmt(planned)})",)
    out = []
    if papers_on is None:
        late = " — đã quá hạn" if papers_due is not None and on > papers_due else ""
        out.append(f"Chưa gửi hồ sơ đại hội (hạn {fmt(papers_due)}){late}")
    elif papers_due is not None and papers_on > papers_due:
        out.append(f"Hồ sơ gửi muộn (hạn {fmt(papers_due)}, nhận ngày {fmt(papers_on)})")
    if approved_on is None:
        late = " — đã quá hạn" if approval_due is not None and on > approval_due else ""
        out.append(f"Chưa chuẩn y kết quả (hạn {fmt(approval_due)}){late}")
    return tuple(out)


def latest_term(on: date) -> tuple[int, int]:
    """(start, end) of the latest term a branch congress was held or planned for; else a five-year term starting
    in the year of `on`."""
    row = (
        Congress.select(Congress.term_start, Congress.term_end)
        .where(Congress.kind == "congress")
        .order_by(Congress.term_start.desc(), Congress.term_end.desc())
        .first()
    )
    return (row.term_start, row.term_end) if row else (on.year, on.year + 5)


def congress_round(term_start: int, on: date) -> list[BranchRound]:
    """Every branch not dissolved by `on`, in creation order, with its congress of the term starting `term_start`."""
    history = branch_history()
    gone = {e.branch_id for e in history if e.kind in ("dissolved", "merged_into") and e.date <= on}
    out = []
    for branch_id, name in list_branches():
        if branch_id in gone:
            continue
        congress = Congress.get_or_none(
            (Congress.branch == branch_id) & (Congress.term_start == term_start) & (Congress.kind == "congress")
        )
        mine = [e for e in history if e.branch_id == branch_id and e.kind == "appointed" and e.date.year >= term_start]
        appointed = tuple(f"{e.post}: {e.person} ({e.decision})" for e in mine)
        if congress is None:
            nothing = missing_items(False, None, None, None, None, None, on)
            out.append(
                BranchRound(
                    branch_id,
                    name,
                    former_name(branch_id),
                    next_ordinal=next_congress_ordinal(branch_id),
                    appointed=appointed,
                    missing=nothing,
                )
            )
            continue
        held = congress.status == "closed"
        last_day = congress.closes_on or congress.opens_on
        papers_due, approval_due = deadlines(last_day) if held else (None, None)
        filing = CongressFiling.get_or_none(CongressFiling.congress == congress.id)
        papers_on = filing.papers_on if filing else None
        approved_on = filing.approved_on if filing else None
        result = _results(branch_id, congress.id) if held else ("", "", (), "")
        secretary, deputy, committee, appointed_secretary = result
        if appointed_secretary:
            appointed = (f"Bí thư: {appointed_secretary}", *appointed)
        out.append(
            BranchRound(
                branch_id,
                name,
                former_name(branch_id),
                congress.ordinal,
                congress.ordinal,
                congress.opens_on,
                congress.closes_on,
                held,
                secretary,
                deputy,
                committee,
                appointed,
                papers_on,
                papers_due,
                approved_on,
                approval_due,
                missing_items(held, congress.opens_on, papers_on, papers_due, approved_on, approval_due, on),
            )
        )
    return out


def _results(branch_id: int, congress_id: int) -> tuple[str, str, tuple[str, ...], str]:
    """(secretary elected, deputy, committee, secretary appointed) of a closed congress."""
    try:
        before = current_branch_id()
    except NotFoundError:
        before = None
    use_branch(branch_id)
    try:
        by_post = {e.post: e for e in congress_elections(congress_id)}
    finally:
        use_branch(before)

    def names(post: Post) -> tuple[str, ...]:
        return tuple(p.full_name for p in by_post[post].elected) if post in by_post else ()

    secretary = names(Post.SECRETARY)
    appointed = by_post[Post.SECRETARY].appointed if Post.SECRETARY in by_post else ""
    return (
        secretary[0] if secretary else "",
        next(iter(names(Post.DEPUTY_SECRETARY)), ""),
        names(Post.COMMITTEE),
        appointed,
    )
