"""The congress's working bodies, chosen from the summoned members: the presidium or a single chair, the
secretariat, and the vote-counting committee (ban kiểm phiếu: a head and members, official members on no election
list; Quy chế 190)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from models.congress.congresses import congress_row
from models.congress.summons import SummonedPerson, person
from models.congress.tables import CongressElection, ElectionRound, RoundCandidate, Summoned, WorkingBodySeat, rounds_of
from models.core.errors import ConflictError, ValidationError
from models.core.row_deletes import delete_rows
from models.core.tables import db, tuple_rows
from models.counting import POST_LABELS, Attendance, Post
from models.counting.structure import Person, check_counting_committee


class Body(StrEnum):
    PRESIDIUM = "presidium"  # Đoàn Chủ tịch
    CHAIR = "chair"  # Chủ trì (a single chair instead of a presidium)
    SECRETARIAT = "secretariat"  # Thư ký đại hội
    COUNTING = "counting"  # Ban kiểm phiếu


BODY_LABELS: dict[Body, str] = {
    Body.PRESIDIUM: "Đoàn Chủ tịch",
    Body.CHAIR: "Chủ trì đại hội",
    Body.SECRETARIAT: "Thư ký đại hội",
    Body.COUNTING: "Ban kiểm phiếu",
}
HEAD_LABELS: dict[Body, str] = {Body.PRESIDIUM: "Chủ tịch đoàn", Body.COUNTING: "Trưởng ban"}


@dataclass(frozen=True)
class BodySeat:
    person: SummonedPerson
    is_head: bool = False


def working_bodies(congress_id: int) -> dict[Body, list[BodySeat]]:
    """Each body's members, the head first, then in the order chosen."""

    congress = congress_row(congress_id, writable=False)
    bodies: dict[Body, list[BodySeat]] = defaultdict(list)
    query = (
        WorkingBodySeat.select(WorkingBodySeat, Summoned)
        .join(Summoned)
        .where(WorkingBodySeat.congress == congress.id)
        .order_by(WorkingBodySeat.body, WorkingBodySeat.is_head.desc(), WorkingBodySeat.position)
    )
    for seat in query:
        bodies[Body(seat.body)].append(BodySeat(person(seat.summoned), seat.is_head))
    return {body: bodies.get(body, []) for body in Body}


def election_lists(congress_id: int) -> dict[str, set[int]]:
    """Every election list of the congress (any round): its title -> the summoned ids on it."""

    lists: dict[str, set[int]] = defaultdict(set)
    query = (
        RoundCandidate.select(RoundCandidate.summoned, CongressElection.post)
        .join(ElectionRound)
        .join(CongressElection)
        .where(CongressElection.congress == congress_id)
    )
    for summoned_id, post in tuple_rows(query):
        lists[POST_LABELS[Post(post)]].add(summoned_id)
    return dict(lists)


def counting_committee_problems(congress_id: int, people: list[SummonedPerson]) -> list[str]:
    lists = election_lists(congress_id)
    return check_counting_committee([Person(p.id, p.full_name, p.official) for p in people], lists)


def set_body(congress_id: int, body: Body, summoned_ids: list[int], head_id: int | None = None) -> list[str]:
    """Replace a body's members (in this order). Returns warnings (a member not checked in as present).

    A chair and a presidium exclude each other: choosing one clears the other. The counting committee needs a head
    among its members, official members on no election list, and cannot change while a round is being counted.
    """

    if len(set(summoned_ids)) != len(summoned_ids):
        raise ValidationError("Một người được chọn hai lần.", "members")
    with db.atomic():
        congress = congress_row(congress_id)
        rows = {
            row.id: row
            for row in Summoned.select().where((Summoned.congress == congress.id) & Summoned.id.in_(summoned_ids))
        }
        missing = [i for i in summoned_ids if i not in rows]
        if missing:
            raise ValidationError("Có người không ở trong danh sách triệu tập của đại hội này.", "members")
        people = [person(rows[i]) for i in summoned_ids]
        problems: list[str] = []
        if body == Body.CHAIR and len(people) > 1:
            problems.append("Chủ trì đại hội là một người; nhiều người thì chọn Đoàn Chủ tịch.")
        if body == Body.COUNTING and people:
            if head_id is None or head_id not in summoned_ids:
                problems.append("Hãy chọn Trưởng ban kiểm phiếu trong số thành viên của ban.")
            problems += counting_committee_problems(congress.id, people)
            if rounds_of(congress.id).where(ElectionRound.status == "counting").exists():
                raise ConflictError("Đang kiểm phiếu: không thay đổi Ban kiểm phiếu được.")
        if head_id is not None and head_id not in summoned_ids:
            problems.append("Người được chọn làm trưởng không có trong danh sách của ban.")
        if problems:
            raise ValidationError("\n".join(problems), "members")
        clear = [body]
        if body in (Body.CHAIR, Body.PRESIDIUM) and people:
            clear = [Body.CHAIR, Body.PRESIDIUM]
        delete_rows(WorkingBodySeat, (WorkingBodySeat.congress == congress.id) & WorkingBodySeat.body.in_(clear))
        for position, p in enumerate(people):
            WorkingBodySeat.create(
                congress=congress.id, body=body, summoned=p.id, is_head=p.id == head_id, position=position
            )
        return [f"{p.full_name} chưa được điểm danh có mặt." for p in people if p.attendance != Attendance.PRESENT]
