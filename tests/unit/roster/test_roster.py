"""Roster rows: derived status, search without diacritics, filters, sort orders, incremental narrowing."""

from __future__ import annotations

from datetime import date

from models.roster.event_kinds import EventKind
from models.roster.records import EventRecord
from models.roster.roster import RosterFilter, RosterSearch, filter_rows, roster_rows, sort_indices
from tests.support.people import all_people

ON = date(2026, 11, 22)


def rows_with_ids():
    people = all_people()
    for number, person in enumerate(people, start=1):
        person.id = number
    people[1].events = [EventRecord(EventKind.TRANSFERRED_OUT, date(2026, 10, 1), place="Đảng bộ Sở Tài chính")]
    return roster_rows(people, ON)


def names(rows, indices):
    return [rows[i].full_name for i in indices]


def test_status_and_kind_are_derived():
    rows = rows_with_ids()
    by_name = {r.full_name: r for r in rows}
    assert by_name["Hoàng Thị Ánh"].is_official is False
    assert by_name["Nguyễn Văn An"].is_official is True
    assert by_name["Trần Thị Bình"].is_current is False


def test_search_folds_diacritics_and_case_and_matches_all_words():
    rows = rows_with_ids()
    assert names(rows, filter_rows(rows, RosterFilter(text="NGUYEN van an"))) == ["Nguyễn Văn An"]
    assert names(rows, filter_rows(rows, RosterFilter(text="đức"))) == ["Đỗ Minh Đức"]
    assert names(rows, filter_rows(rows, RosterFilter(text="chuyen vien thanh hoa"))) == ["Lê Văn Cường"]
    assert names(rows, filter_rows(rows, RosterFilter(text="binh"))) == ["Hoàng Thị Ánh"]  # from Thái Bình
    assert filter_rows(rows, RosterFilter(text="tran thi binh")) == []  # moved away: not a current member
    assert names(rows, filter_rows(rows, RosterFilter(text="binh", current_only=False))) == [
        "Trần Thị Bình",
        "Hoàng Thị Ánh",
    ]  # without a sort order, rows keep their loaded order


def test_choice_filters():
    rows = rows_with_ids()
    probationary = filter_rows(rows, RosterFilter(kind="probationary"))
    assert sorted(names(rows, probationary)) == ["Hoàng Thị Ánh", "Đặng Thu Hà"]
    women_official = filter_rows(rows, RosterFilter(kind="official", gender="Nữ"))
    assert all(rows[i].gender == "Nữ" and rows[i].is_official for i in women_official)
    assert names(rows, women_official) == ["Phạm Thị Dung", "Bùi Thị Ân", "Lý Thị Én"]  # Bình left


def test_sort_orders():
    rows = rows_with_ids()
    everyone = list(range(len(rows)))
    by_name = names(rows, sort_indices(rows, everyone, "full_name"))
    assert by_name[:3] == ["Nguyễn Văn An", "Vũ Đình Anh", "Hoàng Thị Ánh"]
    youngest_first = names(rows, sort_indices(rows, everyone, "birth_date", descending=True))
    assert youngest_first[0] == "Đặng Thu Hà" and youngest_first[-1] == "Ngô Quang Ăn"


def test_every_row_sorted_at_once_as_row_by_row():
    """Sorting most rows looks their keys up in a list made once; a few rows are keyed one by one: same order."""
    from models.roster.roster import sort_key

    rows = rows_with_ids()
    rows[3] = rows[3]._replace(birth_date=None)  # no date: last
    everyone = list(range(len(rows)))
    for column in ("full_name", "birth_date", "admission_date", "official_date", "kind", "status", "job", "gender"):
        for descending in (False, True):
            expected = sorted(everyone, key=sort_key(rows, column), reverse=descending)
            assert sort_indices(rows, everyone, column, descending) == expected, column
            few = everyone[::4]
            assert sort_indices(rows, few, column, descending) == [i for i in expected if i in few], column
    assert sort_indices(rows, everyone, "birth_date")[-1] == 3


def test_incremental_search_gives_the_same_results_as_a_fresh_one():
    rows = rows_with_ids()
    order = sort_indices(rows, list(range(len(rows))), "full_name")
    search = RosterSearch(rows, order)
    sequence = ["t", "th", "thi", "thi ", "thi a", "thi", "th", "ng", "nguyen", "nguyen x", "", "van"]
    for text in sequence:
        for current_only in (True, False):
            criteria = RosterFilter(text=text, current_only=current_only)
            assert search.filter(criteria) == RosterSearch(rows, order).filter(criteria), text


def test_the_roster_reads_today_from_the_one_clock():
    """A probationary member admitted in 2026 is official by 2029: "today" comes from models.core.clock."""
    from datetime import date

    from models.core import clock
    from models.roster.event_kinds import EventKind
    from models.roster.records import EventRecord, MemberRecord
    from models.roster.roster import roster_rows

    new = MemberRecord("Lê Đức Cường", "Nam", date(1998, 2, 3), date(2026, 9, 1), ceremony_date=date(2026, 9, 1))
    assert [r.is_official for r in roster_rows([new])] == [False]  # the suite's pinned day, 01/12/2026
    recognised = EventRecord(EventKind.RECOGNISED, date(2027, 9, 1))
    with clock.pinned(date(2029, 1, 1)):
        later = MemberRecord(**{**new.__dict__, "events": [recognised]})
        assert [r.is_official for r in roster_rows([later])] == [True]


def test_backspace_returns_the_kept_result_without_scanning_again():
    rows = rows_with_ids()
    search = RosterSearch(rows, sort_indices(rows, list(range(len(rows))), "full_name"))
    typed = [search.filter(RosterFilter(text=text)) for text in ("t", "th", "thi")]
    assert search.filter(RosterFilter(text="th")) is typed[1]  # the very list kept on the way: no new scan
    assert search.filter(RosterFilter(text="t")) is typed[0]
    search.filter(RosterFilter(text="ng"))  # another text: what it does not extend is forgotten
    assert search.filter(RosterFilter(text="t")) is not typed[0]


def test_a_changed_row_is_placed_by_binary_search_as_a_full_sort_would():
    from models.core.vnname import name_sort_key
    from models.roster.roster import insert_position

    for column, descending in (("full_name", False), ("birth_date", True), ("job", False)):
        rows = rows_with_ids()
        search = RosterSearch(rows, sort_indices(rows, list(range(len(rows))), column, descending))
        search.filter(RosterFilter(text="an"))
        search.unplace(3)
        rows[3] = rows[3]._replace(
            full_name="Lê Văn Yên", name_key=name_sort_key("Lê Văn Yên", None), birth_date=date(2001, 1, 1), job="Ư"
        )
        search.place(3, insert_position(rows, search.order, 3, column, descending))
        assert search.order == sort_indices(rows, list(range(len(rows))), column, descending), column
        assert search.filter(RosterFilter(text="an")) == RosterSearch(rows, search.order).filter(RosterFilter("an"))


def test_rows_appended_in_order_grow_the_kept_results_as_a_new_search_would():
    rows = rows_with_ids()
    ordered = sorted(rows, key=lambda r: r.name_key)
    head, tail = ordered[:5], ordered[5:]
    search = RosterSearch(head, list(range(len(head))))
    for text in ("n", "ng", "ngu", "a"):
        search.filter(RosterFilter(text=text))
    head += tail  # the rows list grows in place, as the table model's does
    added = search.append(list(range(5, len(head))), RosterFilter(text="a"))
    fresh = RosterSearch(head, list(range(len(head))))
    assert added == [i for i in fresh.filter(RosterFilter(text="a")) if i >= 5]
    assert search.order == list(range(len(head)))
    for text in ("", "n", "ng", "ngu", "a"):
        assert search.filter(RosterFilter(text=text)) == fresh.filter(RosterFilter(text=text)), text
    assert search.append([], RosterFilter(text="x", current_only=False)) is None  # not kept: search again


def test_a_rows_search_text_is_its_folded_fields_without_the_empty_ones():
    """Name, card number, job, hometown and workplace folded, joined by one space, the empty ones left out; a
    card number of plain digits is kept as it is, any other folded like a name."""
    from tests.support.people import member

    people = [
        member(0),
        member(1, card_number="", job_title="", hometown="", workplace="Sở Y tế"),
        member(2, card_number=" AB-12  Đ3 ", occupation="Kỹ sư"),
        member(3, card_number="١٢٣", job_title="", hometown=""),
    ]
    texts = [row.search_text for row in roster_rows(people, ON)]
    assert texts == [
        "nguyen van an 12345670 chanh van phong ha noi",
        "tran thi binh so y te",
        "le van cuong ab-12 d3 chuyen vien, ky su thanh hoa",
        "pham thi dung ١٢٣",
    ]
    digits_only = [row.search_text for row in roster_rows(people[:2], ON)]
    assert digits_only == texts[:2]  # the same whether a batch has only plain card numbers or not


def test_a_choice_first_made_after_rows_came_and_changed_filters_as_a_new_search_would():
    """A choice's field (kind, gender, status) is taken when the choice is first made, then kept with the rows
    appended and the rows changed after: the same results as a search made afresh."""
    from models.roster.roster import RosterRows, insert_position

    rows = rows_with_ids()
    head = rows[:5]
    search = RosterSearch(head, list(range(5)))
    choices = [
        RosterFilter(kind="official", gender="Nữ", current_only=False),
        RosterFilter(kind="probationary"),
        RosterFilter(status_code=rows[1].status_code, current_only=False),
    ]
    for criteria in choices:
        search.filter(criteria)
    head += rows[5:]
    assert isinstance(head, RosterRows) and len(head) == len(rows)
    search.reorder(list(range(len(head))))
    search.unplace(0)
    head[0] = head[0]._replace(is_official=not head[0].is_official, gender="Nữ", status_code=rows[1].status_code)
    search.place(0, insert_position(head, search.order, 0, "full_name"))
    fresh = RosterSearch(head, search.order)
    for criteria in choices:
        assert search.filter(criteria) == fresh.filter(criteria), criteria
