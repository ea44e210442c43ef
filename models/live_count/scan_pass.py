"""A scanned pass of the count: each page of the stack kept with its image, and appended to the entry log as one
ballot (one transaction, one chain link) carrying the page image's sha256 and the machine's reading.

A page the reader is certain of (every candidate decided above its threshold, no doubt raised) is appended at once.
Any other page waits in the review queue until a person decides it: the ballot they decide is appended with the
reading and their name, so the log says who decided what from which image. Nothing below the threshold is decided by
the machine. The page images live in the data file itself (`ScanPage`): encrypted with it, copied by its backups and
by a branch move, and written in the same transaction as the page's entry, so a kill leaves both or neither.

The reader's pages are models.scanning's `PageReading` values, used through their attributes (this package does
not depend on the reader); the candidate of a mark or a doubt is its 0-based place on the ballot, in ballot order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from models.core.errors import ConflictError, NotFoundError
from models.core.tables import db
from models.core.vnname import nfc
from models.counting import Ballot, Form, Mark
from models.live_count.passes import round_passes
from models.live_count.session import CountSession
from models.live_count.tables import BallotEntry, ScanPage


def _area(box: Any) -> list[float] | None:
    return None if box is None else [float(box.x), float(box.y), float(box.w), float(box.h)]


def reading_json(reading: Any) -> dict:
    """The reader's page as plain JSON: what goes into the log with the ballot."""
    return {
        "page": int(reading.page),
        "registered": bool(reading.registered),
        "qr": reading.qr_payload,
        "marks": [
            {
                "candidate": int(m.candidate),
                "struck": m.struck,
                "score": round(float(m.score), 4),
                "certain": bool(m.certain),
                "area": _area(m.area),
                "mark": None if getattr(m, "mark", None) is None else str(m.mark.value),
            }
            for m in reading.marks
        ],
        "doubts": [
            {
                "kind": d.kind.name,
                "label": str(getattr(d.kind, "label", d.kind.name)),
                "candidate": d.candidate,
                "area": _area(d.area),
                "score": None if d.score is None else round(float(d.score), 4),
            }
            for d in reading.doubts
        ],
    }


def machine_ballot(reading: Any, no: int, ids: tuple[str, ...]) -> Ballot | None:
    """The ballot the reader is certain of, or None when a person must decide: a doubt, a mark not certain, or a
    candidate of the ballot the reader gave no mark for."""
    if {m.candidate for m in reading.marks} != set(range(len(ids))):
        return None
    return reading.proposed_ballot(no, ids)


def proposal(reading: dict, no: int, ids: tuple[str, ...], form: Form) -> Ballot:
    """What the review screen starts from: what the reader saw, certain or not (a name struck when it saw a strike;
    a box when it saw that mark); undecided marks left as not struck, no box."""
    if form == Form.STRIKE:
        struck = {m["candidate"] for m in reading["marks"] if m["struck"]}
        return Ballot.strike(no, [cid for i, cid in enumerate(ids) if i not in struck])
    marks = {ids[m["candidate"]]: Mark(m["mark"]) for m in reading["marks"] if m.get("mark")}
    return Ballot.agree(no, {cid: mark for cid, mark in marks.items() if mark != Mark.NONE})


@dataclass(frozen=True)
class PageOutcome:
    page: int
    appended: bool  # False: waiting for a person (or, for a page read before, not appended then either)
    repeated: bool = False  # the same image was read into this pass before (a stack scanned again): nothing written


@dataclass(frozen=True)
class QueuedPage:
    """A page of the review queue: its image, the reading, and the ballot the screen starts from."""

    page: int
    image_png: bytes
    image_sha256: str
    reading: dict
    proposal: Ballot

    @property
    def doubt_labels(self) -> list[str]:
        return [d["label"] for d in self.reading["doubts"]] or ["Có dấu chưa chắc chắn"]


def _scanned_session(round_id: int, pass_no: int, entered_by: str) -> CountSession:
    source = next((p.source for p in round_passes(round_id) if p.number == pass_no), None)
    if source != "scanned":
        raise ConflictError(f"Lượt {pass_no} không phải lượt quét phiếu.")
    return CountSession(round_id, pass_no, entered_by)


def _scan_text(sha256: str, reading: dict, reviewed_by: str | None) -> str:
    entry: dict[str, Any] = {"image": sha256, "reading": reading}
    if reviewed_by is not None:
        entry["reviewed_by"] = reviewed_by
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def add_page(round_id: int, pass_no: int, reading: Any, entered_by: str = "") -> PageOutcome:
    """Keep one scanned page and, when the reader is certain of it, append its ballot: one transaction. The page
    takes the next number of the pass, which is also its ballot's number (the stack's order). A page whose image the
    pass already holds (the same files read again after a kill or a cancel) is not written twice."""

    session = _scanned_session(round_id, pass_no, entered_by)
    png = bytes(reading.image_png)
    sha = hashlib.sha256(png).hexdigest()  # computed here, never taken from the reader
    data = reading_json(reading)
    ids = session.election.candidate_ids
    with db.atomic():
        mine = (ScanPage.round == round_id) & (ScanPage.pass_no == pass_no)
        before = ScanPage.get_or_none(mine & (ScanPage.image_sha256 == sha))
        if before is not None:
            return PageOutcome(before.page, before.ballot_no is not None, repeated=True)
        last = ScanPage.select(ScanPage.page).where(mine).order_by(ScanPage.page.desc()).scalar()
        page = (last or 0) + 1
        ballot = machine_ballot(reading, page, tuple(ids))
        row = ScanPage.create(
            round=round_id,
            pass_no=pass_no,
            page=page,
            image_sha256=sha,
            image=png,
            reading=json.dumps(data, ensure_ascii=False, sort_keys=True),
            doubtful=ballot is None,
        )
        if ballot is not None:
            session.enter(ballot, scan=_scan_text(sha, data, None))
            ScanPage.update(ballot_no=page).where(ScanPage.id == row.id).execute()
    return PageOutcome(page, ballot is not None)


def _pending(round_id: int, pass_no: int | None = None):
    query = ScanPage.select().where(
        (ScanPage.round == round_id) & ScanPage.ballot_no.is_null() & (ScanPage.dismissed == False)  # noqa: E712
    )
    if pass_no is not None:
        query = query.where(ScanPage.pass_no == pass_no)
    return query.order_by(ScanPage.pass_no, ScanPage.page)


def review_queue(round_id: int, pass_no: int) -> list[QueuedPage]:
    """The pages of the pass still waiting for a person, in the stack's order."""
    session = CountSession(round_id, pass_no)
    ids, form = tuple(session.election.candidate_ids), session.election.form
    out = []
    for row in _pending(round_id, pass_no):
        reading = json.loads(row.reading)
        out.append(
            QueuedPage(row.page, bytes(row.image), row.image_sha256, reading, proposal(reading, row.page, ids, form))
        )
    return out


def _waiting(round_id: int, pass_no: int, page: int):
    row = ScanPage.get_or_none((ScanPage.round == round_id) & (ScanPage.pass_no == pass_no) & (ScanPage.page == page))
    if row is None:
        raise NotFoundError(f"Lượt {pass_no} không có trang quét số {page}.")
    if row.ballot_no is not None or row.dismissed:
        raise ConflictError(f"Trang quét số {page} đã được quyết định.")
    return row


def decide_page(round_id: int, pass_no: int, page: int, ballot: Ballot, reviewed_by: str) -> None:
    """A person's decision on a page of the queue: its ballot (numbered as the page), appended with the reading and
    their name, in one transaction."""

    reviewed_by = nfc(reviewed_by).strip()
    if not reviewed_by:
        raise ConflictError("Hãy ghi tên người quyết định phiếu quét.")
    session = _scanned_session(round_id, pass_no, reviewed_by)
    with db.atomic():
        row = _waiting(round_id, pass_no, page)
        text = _scan_text(row.image_sha256, json.loads(row.reading), reviewed_by)
        session.enter(replace(ballot, no=page), scan=text)
        ScanPage.update(ballot_no=page).where(ScanPage.id == row.id).execute()


def dismiss_page(round_id: int, pass_no: int, page: int, reviewed_by: str) -> None:
    """A person decides the page is no ballot of this round (another round's paper, a blank sheet): it stays kept,
    its number stays unused, and who decided it is kept with it."""
    reviewed_by = nfc(reviewed_by).strip()
    if not reviewed_by:
        raise ConflictError("Hãy ghi tên người quyết định phiếu quét.")
    with db.atomic():
        row = _waiting(round_id, pass_no, page)
        ScanPage.update(dismissed=True, dismissed_by=reviewed_by).where(ScanPage.id == row.id).execute()


def pending_review_problems(round_id: int) -> list[str]:
    """Why a round with pages still waiting for a person cannot be closed (empty: none waits; a pass set aside
    waits for nobody)."""
    aside = {p.number for p in round_passes(round_id) if p.set_aside}
    pages = [(row.pass_no, row.page) for row in _pending(round_id) if row.pass_no not in aside]
    if not pages:
        return []
    numbers = ", ".join(str(page) for _, page in pages[:20]) + ("…" if len(pages) > 20 else "")
    return [f"Còn {len(pages)} phiếu quét chờ Ban kiểm phiếu quyết định: trang {numbers}."]


def reviewed_ballots(round_id: int, pass_no: int) -> dict[int, str]:
    """Ballot number -> the person who decided it, for the scanned ballots a person has looked at."""
    out = {}
    query = BallotEntry.select(BallotEntry.ballot_no, BallotEntry.scan).where(
        (BallotEntry.round == round_id) & (BallotEntry.pass_no == pass_no) & (BallotEntry.scan != "")
    )
    for row in query:
        who = json.loads(row.scan).get("reviewed_by")
        if who:
            out[row.ballot_no] = who
    return out


def image_problems(round_id: int) -> list[str]:
    """Every scanned ballot of the round whose page image is missing or no longer matches its hash."""
    kept: dict[str, bool] = {}
    for page in ScanPage.select(ScanPage.image_sha256, ScanPage.image).where(ScanPage.round == round_id):
        kept[page.image_sha256] = kept.get(page.image_sha256, False) or (
            hashlib.sha256(bytes(page.image)).hexdigest() == page.image_sha256
        )
    problems = []
    query = BallotEntry.select(BallotEntry.pass_no, BallotEntry.ballot_no, BallotEntry.scan).where(
        (BallotEntry.round == round_id) & (BallotEntry.scan != "")
    )
    for row in query.order_by(BallotEntry.seq):
        sha = json.loads(row.scan).get("image", "")
        if not kept.get(sha):
            problems.append(
                f"Lượt {row.pass_no}, phiếu số {row.ballot_no}: thiếu ảnh trang quét hoặc ảnh không khớp mã "
                "(đã bị xóa hoặc sửa ngoài ChiBo)."
            )
    return problems


def page_image(round_id: int, pass_no: int, ballot_no: int) -> bytes | None:
    """The image a scanned ballot came from (None: not a scanned ballot, or its image is gone)."""
    row = ScanPage.get_or_none(
        (ScanPage.round == round_id) & (ScanPage.pass_no == pass_no) & (ScanPage.ballot_no == ballot_no)
    )
    return None if row is None else bytes(row.image)
