"""Peewee tables of the congress: the congress, its summoned list (a snapshot), working bodies, elections and
their rounds, show-of-hands votes and document numbers.

Named to stay clear of the counting engine's own `Election` and `Ballot` types: `CongressElection`,
`ElectionRound`, `RoundCandidate`.
"""

from __future__ import annotations

import peewee as pw

from models.core import clock
from models.core.branch import current_branch_id
from models.core.tables import BaseModel, Branch
from models.core.who import current_user
from models.roster.tables import Member


class Congress(BaseModel):
    """One branch congress (đại hội chi bộ lần thứ N, nhiệm kỳ start–end)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="congresses", on_delete="RESTRICT", default=current_branch_id)
    ordinal = pw.IntegerField()  # shown "lần thứ IV"
    term_start = pw.IntegerField()
    term_end = pw.IntegerField()
    opens_on = pw.DateField()
    closes_on = pw.DateField(null=True)
    place = pw.TextField(default="")
    status = pw.CharField(max_length=16, default="preparing")  # preparing | in_session | closed
    # The quorum of two thirds of those summoned (Charter Điều 11 k6) counts probationary members too (an option;
    # by default official members only).
    quorum_with_probationary = pw.BooleanField(default=False)
    # "congress", or "meeting": the row only hosts one secret ballot of a branch meeting (models.meetings.
    # secret_ballot), so its election is counted, sealed and recorded like a congress's; the congress lists skip it
    kind = pw.CharField(max_length=16, default="congress")
    created_at = pw.DateTimeField(default=clock.now)
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)  # who saved it last (models.core.who)
    version = pw.IntegerField(default=1)  # as Member.version: a save names the version it read

    class Meta:
        indexes = ((("branch", "ordinal"), True),)


class Summoned(BaseModel):
    """A member on a congress's summoned list, as the roster stood on the congress date (a later roster edit does
    not rewrite it), and their check-in; on a branch meeting's admission ballot, also the applicant (no member)."""

    congress_id: pw.Field[int]
    congress = pw.ForeignKeyField(Congress, backref="summoned", on_delete="RESTRICT")
    member_id: pw.Field[int | None]
    member = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT")  # None: an applicant on a meeting's ballot
    full_name = pw.TextField()
    birth_date = pw.DateField(null=True)
    official = pw.BooleanField()
    situation = pw.CharField(max_length=32, default="normal")  # models.counting.Situation
    status_label = pw.TextField(default="")  # the roster status on the day, for the lists
    bio = pw.TextField(default="{}")  # JSON: the record fields the short-bio list prints (snapshot)
    attendance = pw.CharField(max_length=16, null=True)  # models.counting.Attendance; None: not checked in yet
    absence_reason = pw.TextField(default="")
    checked_at = pw.DateTimeField(null=True)
    added_at = pw.DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("congress", "member"), True),)


class WorkingBodySeat(BaseModel):
    """A member of a working body: presidium (or the chair), secretariat, or the vote-counting committee."""

    congress_id: pw.Field[int]
    congress = pw.ForeignKeyField(Congress, backref="working_bodies", on_delete="RESTRICT")
    body = pw.CharField(max_length=16)  # presidium | chair | secretariat | counting
    summoned_id: pw.Field[int]
    summoned = pw.ForeignKeyField(Summoned, on_delete="RESTRICT")
    is_head = pw.BooleanField(default=False)
    position = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("congress", "body", "summoned"), True),)


class CongressElection(BaseModel):
    """One election the congress holds (committee, secretary, deputy, delegates, alternates), each on its own
    ballot; `position` is the order the rules require."""

    congress_id: pw.Field[int]
    congress = pw.ForeignKeyField(Congress, backref="elections", on_delete="RESTRICT")
    post = pw.CharField(max_length=32)  # models.counting.Post
    seats = pw.IntegerField()
    position = pw.IntegerField()
    concluded = pw.BooleanField(default=False)  # the congress decided to hold no further round
    appointed = pw.TextField(default="")  # secretary appointed by the higher committee after round 3
    title = pw.TextField(default="")  # a meeting's election names itself ("Bầu bổ sung …"); else from the post
    created_at = pw.DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("congress", "post"), True),)


class ElectionRound(BaseModel):
    """One round of an election. The electorate is frozen when the round starts (ballots issued): a later check-in
    does not change it, and the round's notes say so."""

    election_id: pw.Field[int]
    election = pw.ForeignKeyField(CongressElection, backref="rounds", on_delete="RESTRICT")
    number = pw.IntegerField()
    seats = pw.IntegerField()
    status = pw.CharField(max_length=16, default="setup")  # setup | counting | closed | published
    count_mode = pw.CharField(max_length=8, default="")  # "ballots" (entered one by one) or "totals" (by hand)
    double_entry = pw.BooleanField(default=False)  # two passes over the same numbered ballots
    ballots_collected = pw.IntegerField(null=True)  # papers found in the box, declared before the count
    official_summoned = pw.IntegerField(null=True)
    temporary_elsewhere = pw.IntegerField(null=True)
    exempt_absent = pw.IntegerField(null=True)
    suspended = pw.IntegerField(null=True)
    absent_approved = pw.IntegerField(null=True)
    official_present = pw.IntegerField(null=True)
    ballots_issued = pw.IntegerField(null=True)
    started_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)
    result = pw.TextField(default="")  # JSON: the totals of the count (entered by hand, or from the ballots)
    record_digest = pw.TextField(default="")  # the entry log's chain when the count was closed
    notes = pw.TextField(default="")  # one line per recorded event (late arrival after the ballots were issued, …)

    class Meta:
        indexes = ((("election", "number"), True),)


class HandVote(BaseModel):
    """A show-of-hands vote (biểu quyết) on a procedural item, with its time; the three counts add up to
    those voting."""

    congress_id: pw.Field[int]
    congress = pw.ForeignKeyField(Congress, backref="hand_votes", on_delete="RESTRICT")
    kind = pw.CharField(max_length=24)  # models.congress.hand_votes.VoteKind
    subject = pw.TextField()
    election_id: pw.Field[int | None]
    election = pw.ForeignKeyField(CongressElection, null=True, on_delete="RESTRICT")
    nominee_id: pw.Field[int | None]
    nominee = pw.ForeignKeyField(Summoned, null=True, on_delete="RESTRICT")
    voting = pw.IntegerField()
    in_favour = pw.IntegerField()
    against = pw.IntegerField()
    abstain = pw.IntegerField()
    taken_at = pw.DateTimeField(default=clock.now)
    voided_at = pw.DateTimeField(null=True)  # a vote recorded by mistake is voided with its reason, never deleted
    void_reason = pw.TextField(default="")
    voided_by = pw.TextField(default="")


class RoundCandidate(BaseModel):
    """A name on a round's list; `source` list (proposed), floor (nominated from the floor) or self."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="candidates", on_delete="RESTRICT")
    summoned_id: pw.Field[int]
    summoned = pw.ForeignKeyField(Summoned, on_delete="RESTRICT")
    source = pw.CharField(max_length=8, default="list")
    admitted_by_id: pw.Field[int | None]
    admitted_by = pw.ForeignKeyField(HandVote, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("round", "summoned"), True),)


class DocumentSequence(BaseModel):
    """The last number handed out per document type through a term: numbers only ever go up."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    term_start = pw.IntegerField()
    term_end = pw.IntegerField()
    doc_type = pw.CharField(max_length=8)  # BB, BC, NQ, TTr, DS
    last_number = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("branch", "term_start", "term_end", "doc_type"), True),)


class DocumentNumber(BaseModel):
    """The number a paper of the term carries ("Số 01-BB/CB"); `document` names the paper (one number each)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    term_start = pw.IntegerField()
    term_end = pw.IntegerField()
    doc_type = pw.CharField(max_length=8)
    number = pw.IntegerField()
    document = pw.TextField()  # "congress:3:attendance"
    title = pw.TextField(default="")
    issued_at = pw.DateTimeField(default=clock.now)

    class Meta:
        indexes = (
            (("branch", "term_start", "term_end", "doc_type", "number"), True),
            (("branch", "document"), True),
        )


CONGRESS_TABLES: list[type[BaseModel]] = [
    Congress,
    Summoned,
    WorkingBodySeat,
    CongressElection,
    ElectionRound,
    HandVote,
    RoundCandidate,
    DocumentSequence,
    DocumentNumber,
]


def rounds_of(congress_id: int) -> pw.ModelSelect[ElectionRound]:
    """Every round of every election of a congress: a query to narrow down (`.where(ElectionRound.status == …)`)."""
    return (
        ElectionRound.select(ElectionRound, CongressElection)
        .join(CongressElection)
        .where(CongressElection.congress == congress_id)
    )
