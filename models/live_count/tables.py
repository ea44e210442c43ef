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

    class Meta:
        indexes = ((("round", "seq"), True), (("round", "pass_no", "ballot_no"), False))


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


BALLOT_TABLES: list[type[BaseModel]] = [BallotEntry, BallotBundle, CountAct]
