"""Rows of the roster table: what a secretary reads first, with precomputed sort and search keys."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, not_
from typing import TYPE_CHECKING, NamedTuple

from models.core import clock
from models.core.vnname import fold, name_sort_key

if TYPE_CHECKING:
    from models.roster.member_status import MemberStatus
    from models.roster.records import MemberRecord


class RosterRow(NamedTuple):
    """One row of the roster table: a tuple (half a million of them are held while the office's roster is open)."""

    id: int
    full_name: str
    gender: str
    birth_date: date | None
    admission_date: date | None
    official_date: date | None
    is_official: bool
    status_code: str
    status_label: str
    is_current: bool
    card_number: str
    job: str
    hometown: str
    ethnicity: str
    workplace: str
    phone: str
    name_key: bytes  # models.core.vnname.name_sort_key: A-B-C order
    search_text: str  # folded name, card number, job, hometown: what search-as-you-type matches


# What a row is made of: the stored fields rows_of takes, in its order (models.roster.roster_pages reads these columns).
ROW_FIELDS = (
    "id",
    "full_name",
    "gender",
    "birth_date",
    "admission_date",
    "official_date",
    "card_number",
    "job_title",
    "occupation",
    "hometown",
    "ethnicity",
    "workplace",
    "phone",
)


class Memo(dict):
    """A dict that makes a missing value with `make` and keeps it. Mapping its __getitem__ over a column calls
    `make` once per distinct value and runs at C speed for the rest."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


class RowParts:
    """What the rows of one load share: equal texts become one object, and each distinct name, job and place is
    folded once. Half a million members have a few dozen genders, places and jobs."""

    def __init__(self) -> None:
        self.texts = Memo(_same)  # each distinct text: the first object read of it
        self.jobs = Memo(_job_text)  # (job title, occupation) -> the job column
        self.names = Memo(fold)
        self.places = Memo(_folded_places)  # (job, hometown, workplace) -> their folded texts, joined


def _same(text: str) -> str:
    return text


def _job_text(pair: tuple[str, str]) -> str:
    """The job column: title and occupation."""
    return ", ".join(part for part in pair if part)


def _folded_places(texts: tuple[str, ...]) -> str:
    return " ".join(filter(None, map(fold, texts)))


def _folded_card(card_number: str) -> str:
    return " ".join(card_number.lower().split()) if card_number.isascii() else fold(card_number)


_STATUS_FIELDS = ("is_official", "code", "label", "is_current_member")
_new_row = tuple.__new__


def _as_bytes(keys: Iterable) -> Iterable[bytes]:
    """Sort keys as bytes: a sequence of bytes (SQLite's) as it is, anything else (a driver's memoryviews) copied."""
    if isinstance(keys, list | tuple) and set(map(type, keys)) <= {bytes}:
        return keys
    return map(bytes, keys)


def rows_of(
    columns: Sequence[Sequence], statuses: Sequence[MemberStatus], name_keys: Iterable, parts: RowParts
) -> list[RosterRow]:
    """The rows of some members: `columns` holds one sequence per field of ROW_FIELDS (dates as dates), `statuses`
    their statuses, `name_keys` their models.core.vnname.name_sort_key (bytes, or a driver's memoryview).

    Column by column, each a map at C speed, no Python call per member but for each distinct text: this is most of
    a big roster's load time. A row's search_text is its folded name, card number, job, hometown and workplace,
    the empty ones left out."""
    ids, full_names, genders, births, admissions, officials, cards, job_titles, occupations = columns[:9]
    hometowns, ethnicities, workplaces, phones = columns[9:]
    count = len(ids)
    if not count:
        return []
    text = parts.texts.__getitem__
    hometowns, workplaces = list(map(text, hometowns)), list(map(text, workplaces))
    jobs = list(map(parts.jobs.__getitem__, zip(job_titles, occupations, strict=True)))
    places = list(map(parts.places.__getitem__, zip(jobs, hometowns, workplaces, strict=True)))
    names = list(map(parts.names.__getitem__, full_names))
    # Card numbers are unique: folded one by one unless all are plain digits (then each is its own fold).
    digits = "".join(cards)
    folded_cards = cards if digits.isascii() and (digits.isdecimal() or not digits) else list(map(_folded_card, cards))
    search = list(map(" ".join, zip(names, folded_cards, places, strict=True)))
    if "" in folded_cards or "" in places or "" in names:
        for i in compress(range(count), map(not_, map(all, zip(names, folded_cards, places, strict=True)))):
            search[i] = " ".join(filter(None, (names[i], folded_cards[i], places[i])))
    # A few distinct statuses: a pass per field reads the same few objects (no tuple per member).
    official, codes, labels, current = (list(map(attrgetter(name), statuses)) for name in _STATUS_FIELDS)
    fields: list[Iterable] = [ids, full_names, map(text, genders), births, admissions, officials, official, codes]
    fields += [labels, current, cards, jobs, hometowns, map(text, ethnicities), workplaces, phones]
    fields += [_as_bytes(name_keys), search]
    return list(map(_new_row, repeat(RosterRow, count), zip(*fields, strict=True)))


def roster_row(member: MemberRecord, on: date) -> RosterRow:
    return roster_rows([member], on)[0]


def roster_rows(
    members: list[MemberRecord], on: date | None = None, statuses: Sequence[MemberStatus] | None = None
) -> list[RosterRow]:
    """The rows of these member records (with their events), statuses on `on` (today), or `statuses` when the
    caller has worked them out already (one per member, in order)."""
    from models.roster.member_status import member_status  # the rules: not needed to show an empty table

    on = on or clock.today()
    columns = [[m.id or 0 for m in members], *(list(map(attrgetter(key), members)) for key in ROW_FIELDS[1:])]
    if statuses is None:
        statuses = [member_status(m, on) for m in members]
    return rows_of(columns, statuses, map(name_sort_key, columns[1], columns[3]), RowParts())


@dataclass(frozen=True)
class RosterFilter:
    """What the roster tab shows: search words (diacritics and case ignored) and the filter choices."""

    text: str = ""
    current_only: bool = True
    kind: str = "all"  # all | official | probationary
    gender: str = ""  # "" = both
    status_code: str = ""  # "" = any status


def filter_rows(rows: list[RosterRow], criteria: RosterFilter, order: list[int] | None = None) -> list[int]:
    """Indices of the rows that pass, in `order` (all indices in a precomputed sort order) or in row order."""
    return RosterSearch(rows, list(range(len(rows))) if order is None else order).filter(criteria)


class RosterSearch:
    """Filtering over rows in a fixed sort order, run on every search keystroke over up to 500,000 rows.

    The choice filters are applied once per change of choice. Typing more letters narrows the longest earlier
    result the new text extends (a text containing "nguyen va" also contains "nguyen v"), and the results of the
    texts typed on the way are kept, so Backspace returns to one of them without scanning anything.
    """

    def __init__(self, rows: list[RosterRow], order: list[int]) -> None:
        self._rows = rows
        # What filtering reads, one list per field indexed like rows: reading these in sort order is several
        # times faster than reaching into 500,000 row objects scattered in memory.
        self._texts: list[str] = []
        self._current: list[bool] = []
        self._official: list[bool] = []
        self._gender: list[str] = []
        self._status: list[str] = []
        self.reorder(order)

    def reorder(self, order: list[int]) -> None:
        """A new sort order, of all rows (rows appended since are taken in); the cached results are dropped."""
        self._take_in_new_rows()
        self._order = order
        self._base_key: tuple | None = None
        self._results: dict[str, list[int]] = {}  # query -> result, for the queries on the way to the last one

    def _take_in_new_rows(self) -> None:
        added = self._rows[len(self._texts) :]
        self._texts += map(attrgetter("search_text"), added)
        self._current += map(attrgetter("is_current"), added)
        self._official += map(attrgetter("is_official"), added)
        self._gender += map(attrgetter("gender"), added)
        self._status += map(attrgetter("status_code"), added)

    @property
    def order(self) -> list[int]:
        return self._order

    def append(self, indices: list[int], criteria: RosterFilter) -> list[int] | None:
        """Rows appended to `rows` that sort after every row before them (a page of a load in this order): the
        order and the kept results grow by them, looking at the new rows only. Returns those of them that pass
        `criteria`, or None when its result is not kept (filter then)."""
        self._take_in_new_rows()
        self._order = self._order + indices  # a new list: the old one may be held elsewhere
        key = (criteria.current_only, criteria.kind, criteria.gender, criteria.status_code)
        query = " ".join(fold(criteria.text).split())
        if key != self._base_key or query not in self._results:
            self._base_key, self._results = None, {}
            return None
        base, texts, grown, added = self._choices(criteria, indices), self._texts, {}, []
        for kept, result in self._results.items():
            passing = base
            for word in kept.split():
                passing = [i for i in passing if word in texts[i]]
            grown[kept] = result + passing  # new lists too: a caller may hold the old ones
            if kept == query:
                added = passing
        self._results = grown
        return added

    def filter(self, criteria: RosterFilter) -> list[int]:
        pieces = list(self.pieces(criteria))
        return pieces[0] if len(pieces) == 1 else [i for piece in pieces for i in piece]

    def pieces(self, criteria: RosterFilter, size: int = 0) -> Iterator[list[int]]:
        """The result of `filter` in pieces of `size` rows looked at (0: one piece), each to go after the ones
        before, so a caller can show the top of a long result before the rest is found. The result is kept for
        the next queries only once every piece was taken."""
        key = (criteria.current_only, criteria.kind, criteria.gender, criteria.status_code)
        if key != self._base_key:
            self._base_key = key
            self._results = {"": self._choices(criteria)}
        query = " ".join(fold(criteria.text).split())
        found = self._results.get(query)
        if found is not None:
            yield found
            return
        start = max((q for q in self._results if query.startswith(q)), key=len)
        candidates, texts, words = self._results[start], self._texts, query.split()
        size = size or len(candidates) or 1
        found = []
        for low in range(0, max(len(candidates), 1), size):
            piece = candidates[low : low + size]
            for word in words:
                piece = [i for i in piece if word in texts[i]]
            if len(candidates) <= size:
                found = piece
            else:
                found += piece
            yield piece
        self._results = {q: r for q, r in self._results.items() if query.startswith(q)}
        self._results[query] = found

    def _choices(self, criteria: RosterFilter, indices: list[int] | None = None) -> list[int]:
        """The order (or `indices`) without the rows the choices exclude: one comprehension per choice made (no
        call per row)."""
        out = self._order if indices is None else indices
        if criteria.current_only:
            current = self._current
            out = [i for i in out if current[i]]
        if criteria.kind in ("official", "probationary"):
            official, wanted = self._official, criteria.kind == "official"
            out = [i for i in out if official[i] == wanted]
        if criteria.gender:
            gender, wanted_gender = self._gender, criteria.gender
            out = [i for i in out if gender[i] == wanted_gender]
        if criteria.status_code:
            status, wanted_status = self._status, criteria.status_code
            out = [i for i in out if status[i] == wanted_status]
        return list(out) if out is self._order or out is indices else out

    def matches(self, index: int, criteria: RosterFilter) -> bool:
        """Whether one row passes `criteria` (the same test as filter, for one row)."""
        texts = self._rows[index].search_text
        return passes_choices(self._rows[index], criteria) and all(w in texts for w in fold(criteria.text).split())

    def place(self, index: int, position: int) -> None:
        """Row `index` (new, or changed in place in `rows`) now sorts at `position` of the order (see
        insert_position); the cached results are dropped."""
        row = self._rows[index]
        if index < len(self._texts):
            self._texts[index], self._current[index], self._official[index] = (
                row.search_text,
                row.is_current,
                row.is_official,
            )
            self._gender[index], self._status[index] = row.gender, row.status_code
        self._order.insert(position, index)
        self.reorder(self._order)

    def unplace(self, index: int) -> int:
        """Take row `index` out of the order (before it changes); returns the position it had."""
        position = self._order.index(index)
        del self._order[position]
        return position


def passes_choices(row: RosterRow, criteria: RosterFilter) -> bool:
    """The filter choices (not the search text) for one row."""
    if criteria.current_only and not row.is_current:
        return False
    kind = criteria.kind
    if (kind == "official" and not row.is_official) or (kind == "probationary" and row.is_official):
        return False
    return not (
        (criteria.gender and row.gender != criteria.gender)
        or (criteria.status_code and row.status_code != criteria.status_code)
    )


def _date_key(value: date | None) -> int:
    return value.toordinal() if value else 10**7


_SORT_KEYS = {
    "full_name": attrgetter("name_key"),
    "gender": lambda r: (r.gender, r.name_key),
    "birth_date": lambda r: (_date_key(r.birth_date), r.name_key),
    "admission_date": lambda r: (_date_key(r.admission_date), r.name_key),
    "official_date": lambda r: (_date_key(r.official_date), r.name_key),
    "kind": lambda r: (not r.is_official, r.name_key),
    "status": lambda r: (r.status_label, r.name_key),
    "card_number": lambda r: (r.card_number or "\uffff", r.name_key),
}


def _row_key(column: str):
    """The key of one row by which rows are ordered on `column`."""
    key = _SORT_KEYS.get(column)
    if key is None:
        return lambda r: (fold(str(getattr(r, column, ""))), r.name_key)
    return key


def sort_key(rows: list[RosterRow], column: str):
    """The key by which sort_indices orders row indices."""
    key = _row_key(column)
    return lambda i: key(rows[i])


def sort_indices(rows: list[RosterRow], indices: list[int], column: str, descending: bool = False) -> list[int]:
    """Indices ordered by a column; names in Vietnamese A-B-C order, other texts by their folded form."""
    if len(indices) * 2 < len(rows):  # a few of the rows (a page being loaded): keyed one by one
        return sorted(indices, key=sort_key(rows, column), reverse=descending)
    keys = list(map(_row_key(column), rows))  # most rows: every key at once, then looked up by index
    return sorted(indices, key=keys.__getitem__, reverse=descending)


def insert_position(rows: list[RosterRow], order: list[int], index: int, column: str, descending: bool = False) -> int:
    """Where row `index` goes in `order` (sorted as sort_indices sorts) without sorting again: a binary search."""
    key = sort_key(rows, column)
    wanted, low, high = key(index), 0, len(order)
    while low < high:
        middle = (low + high) // 2
        other = key(order[middle])
        if (other >= wanted) if descending else (other <= wanted):
            low = middle + 1
        else:
            high = middle
    return low
