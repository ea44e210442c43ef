"""Peewee tables of the count: the entry log of every ballot round, its ballot bundles and its recorded acts.

Named to stay clear of the engine's `Ballot`: a `BallotEntry` is one line of the log (a ballot entered, replaced,
voided or undone), never edited or deleted.
"""

from __future__ import annotations

import peewee as pw

from models.congress.tables import ElectionRound
from models.core import clock
from models.core.tables import BaseModel


class BallotEntry(BaseModel):
    """One act on one ballot: `after` is the ballot as it now stands ("" when it no longer counts); `chain` is the
    SHA-256 chain up to and including this entry."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="entries", on_delete="RESTRICT")
    seq = pw.IntegerField()  # 1, 2, … per round, both passes together
    pass_no = pw.IntegerField(default=1)
    ballot_no = pw.IntegerField()
    action = pw.CharField(max_length=8)  # enter | replace | void | undo
    before = pw.TextField(default="")  # JSON of the ballot before, "" when it was not counted
    after = pw.TextField(default="")
    bundle = pw.IntegerField(null=True)
    entered_by = pw.TextField(default="")
    entered_at = pw.DateTimeField(default=clock.now)
    chain = pw.CharField(max_length=64)
    # a scanned ballot: JSON of its page image's sha256, the reading, the decision; the database's own default too,
    # for rows written without it (an insert naming the columns of before scanning)
    scan = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])

    class Meta:
        indexes = ((("round", "seq"), True), (("round", "pass_no", "ballot_no"), False))


class CountPass(BaseModel):
    """A pass of a round's count beyond what the round row says: its number (1, 2, …) and where its ballots come
    from. Pass 1 without a row is typed; pass 2 without a row exists when the round's `double_entry` is set (the
    files from before passes had rows)."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="passes", on_delete="RESTRICT")
    number = pw.IntegerField()
    source = pw.CharField(max_length=8)  # typed | imported | scanned
    sample = pw.BooleanField(default=False)  # checks only the ballots it holds (a sample of the stack)
    started_by = pw.TextField(default="")
    started_at = pw.DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("round", "number"), True),)


class ScanPage(BaseModel):
    """One page of a scanned stack, kept in the data file itself (encrypted with it, copied by its backups): the
    image, its sha256, the machine's reading (JSON), and the ballot number it became once appended to the log (None
    while a person has not decided it; `dismissed` when the person decided it is no ballot of this round)."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="scan_pages", on_delete="RESTRICT")
    pass_no = pw.IntegerField()
    page = pw.IntegerField()  # 1, 2, … in the stack's order across the pass's scans; also the ballot's number
    image_sha256 = pw.CharField(max_length=64)
    image = pw.BlobField()
    reading = pw.TextField()
    doubtful = pw.BooleanField()
    ballot_no = pw.IntegerField(null=True)
    dismissed = pw.BooleanField(default=False)
    dismissed_by = pw.TextField(default="")
    read_at = pw.DateTimeField(default=clock.now)

    class Meta:
        indexes = ((("round", "pass_no", "page"), True),)


class BallotBundle(BaseModel):
    """A bundle (tệp) of paper ballots and how many papers it holds, per pass."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="bundles", on_delete="RESTRICT")
    pass_no = pw.IntegerField(default=1)
    number = pw.IntegerField()
    papers = pw.IntegerField()

    class Meta:
        indexes = ((("round", "pass_no", "number"), True),)


class CountAct(BaseModel):
    """A recorded act on the count: closed, reopened (with its reason), published (released to the room)."""

    round_id: pw.Field[int]
    round = pw.ForeignKeyField(ElectionRound, backref="acts", on_delete="RESTRICT")
    kind = pw.CharField(max_length=8)  # close | reopen | publish
    reason = pw.TextField(default="")
    done_by = pw.TextField(default="")
    done_at = pw.DateTimeField(default=clock.now)


BALLOT_TABLES: list[type[BaseModel]] = [BallotEntry, BallotBundle, CountAct, CountPass, ScanPage]
