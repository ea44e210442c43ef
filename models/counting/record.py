"""The open election record `chibo.election/1`: the record, its SHA-256 digest chain, writing and recounting."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.counting.decision import CountResult
from models.counting.election import Election
from models.counting.tally import Tally, Totals, count_totals
from models.counting.validity import INVALID_REASONS, Ballot, Form

RECORD_FORMAT = "chibo.election/1"


@dataclass(frozen=True)
class RecordDigests:
    """A record file's digests: of its content as it is now, of its header (h0), and the one it states."""

    content: str
    header: str
    stated: str | None  # None when the file states no digest


@dataclass(frozen=True)
class ElectionRecord:
    """One ballot round as filed: header texts, the election, and either the ballots or hand totals.

    `digest` is the digest the file carried (None when absent); `digest_ok` is whether it matched the file's
    content (None when there was no digest, or for a record built in memory).
    """

    election: Election
    ballots: tuple[Ballot, ...] | None = None
    totals: Totals | None = None
    branch: str = ""
    congress: str = ""
    title: str = ""
    digest: str | None = field(default=None, compare=False)
    digest_ok: bool | None = field(default=None, compare=False)
    raw_digests: RecordDigests | None = field(default=None, compare=False)  # as read from a file
    # The tally of the ballots as read (each judged once, while reading), with the ballots it counted: recount uses
    # it while the record still holds those ballots and that election.
    counted: tuple[tuple[Ballot, ...], Tally] | None = field(default=None, compare=False, repr=False)


# --- digest -------------------------------------------------------------------------------------------------------
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # one for every ballot


def canonical(value: Any) -> bytes:
    """json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) as UTF-8."""
    return _CANONICAL.encode(value).encode("utf-8")


def header_digest(raw: Mapping[str, Any]) -> str:
    """h0 of the chain: the record without ballots, totals and digest."""
    head = {k: v for k, v in raw.items() if k not in ("ballots", "totals", "digest")}
    return hashlib.sha256(canonical(head)).hexdigest()


def chain_digest(raw: Mapping[str, Any]) -> str:
    """The digest of a record object: h0 over the record without ballots, totals and digest, then chained over
    each ballot in order (`sha256(h_prev_hex + canonical(ballot))`), or once over the totals."""
    h = header_digest(raw)
    if raw.get("totals") is not None:
        return hashlib.sha256(h.encode("ascii") + canonical(raw["totals"])).hexdigest()
    for ballot in raw.get("ballots") or ():
        h = hashlib.sha256(h.encode("ascii") + canonical(ballot)).hexdigest()
    return h


# --- writing ------------------------------------------------------------------------------------------------------
def ballot_to_dict(ballot: Ballot) -> dict[str, Any]:
    out: dict[str, Any] = {"no": ballot.no}
    if ballot.keep is not None:
        out["keep"] = list(ballot.keep)
    if ballot.marks is not None:
        out["marks"] = {cid: str(m) for cid, m in ballot.marks.items()}
    if ballot.void is not None:
        out["void"] = str(ballot.void)
    return out


def totals_to_dict(totals: Totals, form: Form) -> dict[str, Any]:
    out: dict[str, Any] = {
        "collected": totals.collected,
        "invalid": {str(r): int(totals.invalid.get(r, 0)) for r in INVALID_REASONS},
        "votes": {str(k): v for k, v in totals.votes.items()},
    }
    if form == Form.AGREE:
        out["disagree"] = {str(k): v for k, v in totals.disagree.items()}
    if totals.valid is not None:
        out["valid"] = totals.valid
    return out


def record_to_dict(record: ElectionRecord) -> dict[str, Any]:
    """The record object with its digest, keys in the order of docs/election-record.md."""
    e = record.election
    raw: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "branch": record.branch,
        "congress": record.congress,
        "title": record.title,
        "post": str(e.post),
        "round": e.round,
        "seats": e.seats,
        "form": str(e.form),
        "rules": e.rules.as_dict(),
        "electorate": {
            "official_summoned": e.electorate.official_summoned,
            "excluded": e.electorate.excluded.as_dict(),
            "official_present": e.electorate.official_present,
        },
        "ballots_issued": e.ballots_issued,
        "candidates": [{"id": c.id, "name": c.name} for c in e.candidates],
        **({"tie_break": True} if e.tie_break else {}),  # absent when false: older records keep their digest
        "ballots": [ballot_to_dict(b) for b in record.ballots] if record.ballots is not None else None,
        "totals": totals_to_dict(record.totals, e.form) if record.totals is not None else None,
    }
    raw["digest"] = chain_digest(raw)
    return raw


def dumps_record(record: ElectionRecord) -> str:
    return json.dumps(record_to_dict(record), ensure_ascii=False, indent=2) + "\n"


def write_record(record: ElectionRecord, path: str | os.PathLike[str]) -> None:
    """Write the record file atomically: a crash never leaves a half-written file behind."""
    import tempfile  # here, with pathlib: `count` only reads, and starts faster without them
    from pathlib import Path

    target = Path(path)
    text = dumps_record(record)
    fd, tmp = tempfile.mkstemp(prefix=".chibo-", suffix=".json.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record_from_tally(tally: Tally, *, branch: str = "", congress: str = "", title: str = "") -> ElectionRecord:
    """The record of a closed count, ballots in the order they were entered."""
    return ElectionRecord(tally.election, ballots=tuple(tally.ballots()), branch=branch, congress=congress, title=title)


# --- counting -----------------------------------------------------------------------------------------------------
def recount(record: ElectionRecord) -> CountResult:
    """Count the record from scratch; `digest_ok` as read from the file."""
    if record.totals is not None:
        return count_totals(record.election, record.totals, record.digest_ok)
    counted = record.counted
    if counted is not None and counted[0] is record.ballots and counted[1].election is record.election:
        return counted[1].result(record.digest_ok)
    return Tally(record.election, record.ballots or ()).result(record.digest_ok)
