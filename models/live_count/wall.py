"""What the room's screen (the projector) shows, decided by the data, never by what the counters happen to be
looking at: the latest round whose ballots were issued. Its own election title and round number go with it; the
figures are its entry progress until it is published, then its result. Another data file (or a file with no
started round) gives another view, or none."""

from __future__ import annotations

from dataclasses import dataclass

from models.core.practice_flag import is_practice
from models.counting import CountResult
from models.live_count.count import count_rounds
from models.live_count.session import CountSession


@dataclass(frozen=True)
class WallView:
    round_id: int
    congress_title: str  # "Đại hội Chi bộ … lần thứ IV, nhiệm kỳ 2025–2030" ("TẬP DƯỢT — …" in a practice file)
    election_title: str  # "Bầu Bí thư Chi bộ nhiệm kỳ 2025–2030"
    round_no: int
    entered: int  # ballots entered so far (pass 1)
    collected: int  # papers declared found in the box, else the ballots issued
    result: CountResult | None  # only once the counting committee released it


def wall_view(shown=None) -> WallView | None:
    """The wall's content now; `shown` (a CountSession the caller already holds) is reused when it is the wall's
    round, so a keystroke does not replay the log twice."""

    rounds = count_rounds()  # the latest congress and the latest round first: the order the rules fix (the
    # elections one after another, each round after the previous one's result), so no clock is read and a PC clock
    # set back cannot bring an older round back onto the wall
    if not rounds:
        return None
    chosen, round_id = rounds[0], rounds[0].round_id
    session = shown if shown is not None and shown.round_id == round_id and shown.pass_no == 1 else None
    session = session or CountSession(round_id)
    result = session.result()
    collected = chosen.collected if chosen.collected is not None else (session.info.ballots_issued or 0)
    title = f"TẬP DƯỢT — {chosen.congress_title}" if is_practice() else chosen.congress_title
    # a released round's result as every paper reads it: recounted from its verified log (blocked when it fails)
    released = (session.info.result or result) if chosen.state().released else None
    return WallView(round_id, title, session.election_title, session.info.number, result.collected, collected, released)
