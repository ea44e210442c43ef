"""The record file of worked example 1 of docs/domain.md §4 (D = 15; An 14, Bình 13, Cường 11, Dung 7), for the
tests that run the headless commands on a record file alone."""

from __future__ import annotations

from pathlib import Path

from models.counting import (
    Ballot,
    Candidate,
    Election,
    ElectionRecord,
    Electorate,
    Exclusions,
    Form,
    Post,
    write_record,
)

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung")


def record(path: Path) -> Path:
    """Write the example's record file at `path`; returns `path`."""
    election = Election(
        Post.COMMITTEE,
        1,
        3,
        Form.STRIKE,
        tuple(Candidate(f"c{i}", n) for i, n in enumerate(NAMES)),
        Electorate(15, Exclusions(), 15),
        15,
    )
    groups = [(("c0", "c1", "c2"), 8), (("c0", "c1", "c3"), 4), (("c0", "c2", "c3"), 2), (("c1", "c2", "c3"), 1)]
    ballots, no = [], 1
    for keep, times in groups:
        for _ in range(times):
            ballots.append(Ballot.strike(no, keep))
            no += 1
    write_record(
        ElectionRecord(
            election,
            ballots=tuple(ballots),
            branch="Chi bộ Văn phòng Sở",
            congress="Đại hội Chi bộ Văn phòng Sở lần thứ IV, nhiệm kỳ 2025–2030",
            title="Bầu Ban Chi ủy nhiệm kỳ 2025–2030",
        ),
        path,
    )
    return path
