"""Setting aside a pass started by mistake (a second typing begun on the wrong round, a scan of the wrong stack, a
file brought in twice): while the round is counted, any pass but pass 1 can be set aside with its reason. The act is
one entry of the round's chained log (action «aside», that pass's number, ballot 0, `after` the JSON
{"reason": …}), so the entry-log paper and any re-walk of the chain show it; the pass keeps every ballot it holds,
takes no more, and no longer has to agree with pass 1 for the round to close. It cannot be taken back: a new pass
can be started instead."""

from __future__ import annotations

import json

from models.congress.tables import ElectionRound
from models.core.errors import ConflictError, ValidationError
from models.core.tables import db
from models.core.vnname import nfc
from models.live_count.passes import ASIDE, PassInfo, round_passes
from models.live_count.session import append_entry


def set_pass_aside(round_id: int, pass_no: int, reason: str, done_by: str = "") -> PassInfo:
    """Set pass `pass_no` aside (one transaction); returns it as it now stands. Refused for pass 1 (the count
    itself), an unknown pass, one already set aside, an empty reason, or a round no longer being counted."""

    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError("Hãy ghi lý do gác lại lượt nhập này.", "reason")
    if pass_no == 1:
        raise ConflictError("Lượt 1 là lượt kiểm phiếu chính: không gác lại được.")
    with db.atomic():
        status = ElectionRound.select(ElectionRound.status).where(ElectionRound.id == round_id).scalar()
        if status != "counting":
            raise ConflictError("Lần bầu không ở trạng thái kiểm phiếu: không gác lại lượt nhập được.")
        found = {p.number: p for p in round_passes(round_id)}
        if pass_no not in found:
            raise ConflictError(f"Lần bầu này không có lượt nhập thứ {pass_no}.")
        if found[pass_no].set_aside:
            raise ConflictError(f"Lượt {pass_no} đã được gác lại từ trước.")
        text = json.dumps({"reason": reason}, ensure_ascii=False, sort_keys=True)
        append_entry(round_id, pass_no, ASIDE, 0, "", text, nfc(done_by).strip())
    return next(p for p in round_passes(round_id) if p.number == pass_no)
