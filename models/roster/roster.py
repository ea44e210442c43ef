"""Rows of the roster table: what a secretary reads first, with precomputed sort and search keys."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import attrgetter, itemgetter, not_
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


# What a row is made of: the stored fields read for it, in this order (models.roster.roster_pages reads these
# columns); RosterRows holds them as read, with the two columns of VALUE_FIELDS after.
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
VALUE_FIELDS = (*ROW_FIELDS, "year_only_dates", "name_sort")  # a RosterRows value tuple; more values may follow
_AT = {name: i for i, name in enumerate(VALUE_FIELDS)}
_DATES = ("birth_date", "admission_date", "official_date")
_FLAGS, _KEY = _AT["year_only_dates"], _AT["name_sort"]
MADE_KEPT = 20_000  # rows made (those shown) kept at once


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


def stored_date(value) -> date | None:
    """A date column's value: SQLite returns ISO text, PostgreSQL a date (a record's may be year-only)."""
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _job_text(title: str, occupation: str) -> str:
    """The job column: title and occupation."""
    return ", ".join(part for part in (title, occupation) if part)


def _folded_places(texts: tuple[str, ...]) -> str:
    """Job (title, occupation), hometown and workplace folded, joined: what the search reads of them."""
    title, occupation, hometown, workplace = texts
    return " ".join(filter(None, map(fold, (_job_text(title, occupation), hometown, workplace))))


def _folded_card(card_number: str) -> str:
    return " ".join(card_number.lower().split()) if card_number.isascii() else fold(card_number)


class SearchParts:
    """What the search texts of one load share: each distinct name and each distinct (job, places) is folded
    once. Half a million members have a few dozen places and jobs."""

    def __init__(self) -> None:
        self.names = Memo(fold)
        self.places = Memo(_folded_places)


def search_texts(values: Sequence[tuple], parts: SearchParts) -> list[str]:
    """Each member's search text: its folded name, card number, job, hometown and workplace, the empty ones left
    out. `values`: a tuple of VALUE_FIELDS per member. A map at C speed per step, no Python call per member but
    for each distinct text."""
    if not values:
        return []
    places = list(map(parts.places.__getitem__, map(itemgetter(7, 8, 9, 11), values)))
    names = list(map(parts.names.__getitem__, map(itemgetter(1), values)))
    cards = list(map(itemgetter(6), values))
    # Card numbers are unique: folded one by one unless all are plain digits (then each is its own fold).
    digits = "".join(cards)
    folded_cards = cards if digits.isascii() and (digits.isdecimal() or not digits) else list(map(_folded_card, cards))
    search = list(map(" ".join, zip(names, folded_cards, places, strict=True)))
    if "" in folded_cards or "" in places or "" in names:
        for i in compress(range(len(search)), map(not_, map(all, zip(names, folded_cards, places, strict=True)))):
            search[i] = " ".join(filter(None, (names[i], folded_cards[i], places[i])))
    return search


class StatusFacts(NamedTuple):
    """What the table shows of a member's status (as models.roster.member_status.MemberStatus names it), for a
    row given made."""

    is_official: bool
    code: str
    label: str
    is_current_member: bool


_STATUS_FIELDS = {
    "is_official": "is_official",
    "status_code": "code",
    "status_label": "label",
    "is_current": "is_current_member",
}


class RosterRows(Sequence):
    """The rows of a roster, held as the database gave them and made into RosterRow only when one is asked for.

    Per member: its values as read (a tuple of VALUE_FIELDS; more values after are ignored), its status
    (a MemberStatus or StatusFacts) and its search text. Filtering and sorting read a field of every member at
    once (`field`) without making rows; the table makes a row when it shows it (the last MADE_KEPT kept). Making
    half a million row tuples as they are read was most of a big roster's load time."""

    __slots__ = ("_values", "_statuses", "_search", "_made")

    def __init__(
        self, values: list[tuple] | None = None, statuses: list | None = None, search: list[str] | None = None
    ) -> None:
        self._values = [] if values is None else values
        self._statuses = [] if statuses is None else statuses
        self._search = [] if search is None else search
        self._made: dict[int, RosterRow] = {}

    @classmethod
    def of(cls, rows: Iterable[RosterRow]) -> RosterRows:
        made = cls()
        made.extend(rows)
        return made

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return RosterRows(self._values[index], self._statuses[index], self._search[index])
        if index < 0:
            index += len(self._values)
        row = self._made.get(index)
        if row is None:
            if not 0 <= index < len(self._values):
                raise IndexError(index)
            row = self._row(index)
            if len(self._made) >= MADE_KEPT:
                self._made.clear()  # memory stays bounded however far the user scrolls
            self._made[index] = row
        return row

    def _row(self, i: int) -> RosterRow:
        values, status = self._values[i], self._statuses[i]
        born, admitted, official = (stored_date(values[_AT[name]]) for name in _DATES)
        if values[_FLAGS]:
            born, admitted, official = _year_only(values[_FLAGS], (born, admitted, official))
        key = values[_KEY]
        return RosterRow(
            values[0],
            values[1],
            values[2],
            born,
            admitted,
            official,
            status.is_official,
            status.code,
            status.label,
            status.is_current_member,
            values[6],
            _job_text(values[7], values[8]),
            values[9],
            values[10],
            values[11],
            values[12],
            key if type(key) is bytes else bytes(key),
            self._search[i],
        )

    def __setitem__(self, index: int, row: RosterRow) -> None:
        """A row replaced by one made (a member saved)."""
        self._values[index], self._statuses[index], self._search[index] = _parts_of(row)
        self._made.pop(index if index >= 0 else index + len(self._values), None)

    def append(self, row: RosterRow) -> None:
        values, status, search = _parts_of(row)
        self._values.append(values)
        self._statuses.append(status)
        self._search.append(search)

    def extend(self, rows: Iterable[RosterRow]) -> None:
        if isinstance(rows, RosterRows):
            self._values += rows._values
            self._statuses += rows._statuses
            self._search += rows._search
        else:
            for row in rows:
                self.append(row)

    def select(self, indices: Iterable[int]) -> RosterRows:
        """These rows, in this order, as they are held (none made)."""
        indices = list(indices)
        picked = (list(map(part.__getitem__, indices)) for part in (self._values, self._statuses, self._search))
        return RosterRows(*picked)

    def __iadd__(self, rows: Iterable[RosterRow]) -> RosterRows:
        self.extend(rows)
        return self

    def field(self, name: str) -> list:
        """One field (a name of RosterRow) of every row, in order, as the row would hold it; no row made."""
        if name == "search_text":
            return list(self._search)
        status_field = _STATUS_FIELDS.get(name)
        if status_field is not None:
            return list(map(attrgetter(status_field), self._statuses))
        if name == "name_key":
            keys = list(map(itemgetter(_KEY), self._values))
            return keys if set(map(type, keys)) <= {bytes} else list(map(bytes, keys))
        if name == "job":
            return list(map(Memo(_job_pair).__getitem__, map(itemgetter(7, 8), self._values)))
        values = list(map(itemgetter(_AT[name]), self._values))
        if name in _DATES:
            values = list(map(Memo(stored_date).__getitem__, values))
            flags = list(map(itemgetter(_FLAGS), self._values))
            for i in compress(range(len(values)), flags):  # year-only dates: rare
                values[i] = _year_only(flags[i], (values[i],), (name,))[0]
        return values

    def status_labels(self) -> dict[str, str]:
        """The label of each status code present."""
        distinct = dict(zip(map(id, self._statuses), self._statuses, strict=True))
        return {status.code: status.label for status in distinct.values()}


def _job_pair(pair: tuple[str, str]) -> str:
    return _job_text(*pair)


def _year_only(flags: str, dates: tuple, names: tuple[str, ...] = _DATES) -> tuple:
    """The dates (of these `names`) that a row's year_only_dates names made year-only."""
    from models.core.partial_dates import year_only

    flagged = flags.split()
    return tuple(
        year_only(day.year) if day is not None and name in flagged else day
        for name, day in zip(names, dates, strict=True)
    )


def _parts_of(row: RosterRow) -> tuple[tuple, StatusFacts, str]:
    """A made row as RosterRows holds one: its values (the job as the title), status and search text."""
    values = (*row[:6], row.card_number, row.job, "", row.hometown, row.ethnicity, row.workplace, row.phone, "")
    facts = StatusFacts(row.is_official, row.status_code, row.status_label, row.is_current)
    return (*values, row.name_key), facts, row.search_text


def roster_row(member: MemberRecord, on: date) -> RosterRow:
    return roster_rows([member], on)[0]


def roster_rows(
    members: list[MemberRecord], on: date | None = None, statuses: Sequence[MemberStatus] | None = None
) -> RosterRows:
    """The rows of these member records (with their events), statuses on `on` (today), or `statuses` when the
    caller has worked them out already (one per member, in order)."""
    from models.roster.member_status import member_status  # the rules: not needed to show an empty table

    on = on or clock.today()
    columns = [[m.id or 0 for m in members], *(list(map(attrgetter(key), members)) for key in ROW_FIELDS[1:])]
    if statuses is None:
        statuses = [member_status(m, on) for m in members]
    keys = list(map(name_sort_key, columns[1], columns[3]))
    values = list(zip(*columns, repeat("", len(members)), keys, strict=True))
    return RosterRows(values, list(statuses), search_texts(values, SearchParts()))


@dataclass(frozen=True)
class RosterFilter:
    """What the roster tab shows: search words (diacritics and case ignored) and the filter choices."""

    text: str = ""
    current_only: bool = True
    kind: str = "all"  # all | official | probationary
    gender: str = ""  # "" = both
    status_code: str = ""  # "" = any status


def filter_rows(rows: Sequence[RosterRow], criteria: RosterFilter, order: list[int] | None = None) -> list[int]:
    """Indices of the rows that pass, in `order` (all indices in a precomputed sort order) or in row order."""
    return RosterSearch(rows, list(range(len(rows))) if order is None else order).filter(criteria)


class RosterSearch:
    """Filtering over rows in a fixed sort order, run on every search keystroke over up to 500,000 rows.

    The choice filters are applied once per change of choice. Typing more letters narrows the longest earlier
    result the new text extends (a text containing "nguyen va" also contains "nguyen v"), and the results of the
    texts typed on the way are kept, so Backspace returns to one of them without scanning anything.
    """

    def __init__(self, rows: Sequence[RosterRow], order: list[int]) -> None:
        self._rows = rows
        # What filtering reads, one list per field indexed like rows: reading these in sort order is several
        # times faster than reaching into 500,000 row objects scattered in memory. The search text and whether
        # a member is current (the tab's default) are taken with the rows; a choice's field when first chosen.
        self._texts: list[str] = []
        self._current: list[bool] = []
        self._chosen: dict[str, list] = {}  # field of a choice made -> its value per row
        self.reorder(order)

    def reorder(self, order: list[int]) -> None:
        """A new sort order, of all rows (rows appended since are taken in); the cached results are dropped."""
        self._take_in_new_rows()
        self._order = order
        self._base_key: tuple | None = None
        self._results: dict[str, list[int]] = {}  # query -> result, for the queries on the way to the last one

    def _take_in_new_rows(self) -> None:
        added = self._rows[len(self._texts) :]
        self._texts += field_of(added, "search_text")
        self._current += field_of(added, "is_current")
        for name, values in self._chosen.items():
            values += field_of(added, name)

    def _field(self, name: str) -> list:
        """A choice's field of every row, taken the first time that choice is made."""
        values = self._chosen.get(name)
        if values is None:
            values = self._chosen[name] = field_of(self._rows[: len(self._texts)], name)
        return values

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
            official, wanted = self._field("is_official"), criteria.kind == "official"
            out = [i for i in out if official[i] == wanted]
        if criteria.gender:
            gender, wanted_gender = self._field("gender"), criteria.gender
            out = [i for i in out if gender[i] == wanted_gender]
        if criteria.status_code:
            status, wanted_status = self._field("status_code"), criteria.status_code
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
            self._texts[index], self._current[index] = row.search_text, row.is_current
            for name, values in self._chosen.items():
                values[index] = getattr(row, name)
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


def _card_key(value: str) -> str:
    return value or "\uffff"


def _text_key(value) -> str:
    return fold(str(value))


# Per sorting column: the field read and what of it orders (then the name); by name, the name alone.
_SORT_FIELDS: dict[str, tuple[str, Callable]] = {
    "gender": ("gender", str),
    "birth_date": ("birth_date", _date_key),
    "admission_date": ("admission_date", _date_key),
    "official_date": ("official_date", _date_key),
    "kind": ("is_official", not_),
    "status": ("status_label", str),
    "card_number": ("card_number", _card_key),
}


def _sort_field(column: str) -> tuple[str, Callable]:
    return _SORT_FIELDS.get(column, (column, _text_key))


def field_of(rows: Sequence[RosterRow], name: str) -> list:
    """One field of every row: RosterRows gives it without making rows."""
    return rows.field(name) if isinstance(rows, RosterRows) else list(map(attrgetter(name), rows))


def sort_keys(rows: Sequence[RosterRow], column: str) -> list:
    """The key of every row by which sort_indices orders them on `column`, a field at a time (no row made)."""
    names = field_of(rows, "name_key")
    if column == "full_name":
        return names
    name, key = _sort_field(column)
    return list(zip(map(Memo(key).__getitem__, field_of(rows, name)), names, strict=True))


def _row_key(column: str):
    """The key of one row by which rows are ordered on `column` (as sort_keys gives it)."""
    if column == "full_name":
        return attrgetter("name_key")
    name, key = _sort_field(column)
    return lambda row: (key(getattr(row, name)), row.name_key)


def sort_key(rows: Sequence[RosterRow], column: str):
    """The key by which sort_indices orders row indices, one row at a time."""
    key = _row_key(column)
    return lambda i: key(rows[i])


def sort_indices(rows: Sequence[RosterRow], indices: list[int], column: str, descending: bool = False) -> list[int]:
    """Indices ordered by a column; names in Vietnamese A-B-C order, other texts by their folded form."""
    if len(indices) * 2 < len(rows):  # a few of the rows: keyed one by one
        return sorted(indices, key=sort_key(rows, column), reverse=descending)
    keys = sort_keys(rows, column)  # most rows: every key at once, then looked up by index
    return sorted(indices, key=keys.__getitem__, reverse=descending)


def insert_position(
    rows: Sequence[RosterRow], order: list[int], index: int, column: str, descending: bool = False
) -> int:
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
