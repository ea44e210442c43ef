"""The schema's history: MIGRATIONS[n] brings a database from schema version n to n + 1, inside one transaction.

Like models.schema, this is the one place above the capabilities that knows their tables. Each step is written
with peewee's schema migrator so it runs on SQLite and PostgreSQL alike; on SQLite the caller turns foreign-key
enforcement off around the steps (tables are rebuilt) and checks every reference before committing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

import peewee as pw
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

from models.admission.tables import ADMISSION_TABLES
from models.congress.tables import CONGRESS_TABLES
from models.core import clock
from models.core.tables import Branch
from models.core.vnname import name_sort_key
from models.live_count.tables import BALLOT_TABLES, CountPass, ScanPage
from models.meetings.tables import MEETING_TABLES
from models.office.committee_tables import COMMITTEE_TABLES
from models.roster.standing_tables import STANDING_TABLES
from models.roster.tables import CARD_INDEX, NAME_SORT_INDEX

log = logging.getLogger(__name__)

BRANCH_OWNED = ("member", "member_event", "rating")


def _migrator(database: pw.Database) -> SchemaMigrator:
    return SqliteMigrator(database) if isinstance(database, pw.SqliteDatabase) else PostgresqlMigrator(database)


def v1_to_v2(database: pw.Database) -> None:
    """Branches as rows: every branch-owned table gets its branch; card numbers unique per branch in the database."""

    branch = Branch.select(Branch.id).order_by(Branch.id).first()
    has_members = database.execute_sql("SELECT COUNT(*) FROM member").fetchone()[0] > 0
    if branch is None and has_members:  # a v1 file always had its branch set up first; never leave rows orphaned
        branch = Branch.create(name="Chi bộ", higher_committee="", place="", issuer_abbr="CB")
    migrator = _migrator(database)
    for table in BRANCH_OWNED:
        column = pw.ForeignKeyField(Branch, field=Branch.id, null=True, on_delete="RESTRICT")
        migrate(migrator.add_column(table, "branch_id", column))
        if branch is not None:
            database.execute_sql(f"UPDATE {table} SET branch_id = ?".replace("?", database.param), (branch.id,))
        migrate(migrator.add_not_null(table, "branch_id"))
    _move_duplicate_cards(database)
    database.execute_sql(f"CREATE UNIQUE INDEX {CARD_INDEX} ON member (branch_id, card_number) WHERE card_number <> ''")


def _move_duplicate_cards(database: pw.Database) -> None:
    """v1 checked card numbers in Python only: a repeat (possible after an old import) moves into the notes."""
    rows = database.execute_sql(
        "SELECT id, card_number, notes FROM member WHERE card_number <> '' ORDER BY branch_id, card_number, id"
    ).fetchall()
    seen: set[str] = set()
    for member_id, card, notes in rows:
        if card not in seen:
            seen.add(card)
            continue
        note = f"Số thẻ «{card}» trùng với một đảng viên khác khi nâng cấp dữ liệu; hãy kiểm tra lại."
        database.execute_sql(
            f"UPDATE member SET card_number = '', notes = {database.param} WHERE id = {database.param}",
            ((f"{notes}\n{note}" if notes else note), member_id),
        )
        log.warning("Upgrade: member %s had a repeated card number, moved into the notes", member_id)


def v2_to_v3(database: pw.Database) -> None:
    """member.year_only_dates lists the date fields known only by their year (models.core.partial_dates)."""
    migrate(_migrator(database).add_column("member", "year_only_dates", pw.TextField(default="")))


def v3_to_v4(database: pw.Database) -> None:
    """A mistaken member event can be voided ("Hủy mục này"), keeping the row with the day and reason."""
    migrator = _migrator(database)
    migrate(
        migrator.add_column("member_event", "voided_at", pw.DateField(null=True)),
        migrator.add_column("member_event", "void_reason", pw.TextField(default="")),
    )


def v4_to_v5(database: pw.Database) -> None:
    """The congress and the count: congresses, their summoned lists, working bodies, elections, rounds,
    show-of-hands votes, document numbers, and each round's ballot entry log (new tables only)."""

    database.create_tables(CONGRESS_TABLES + BALLOT_TABLES)


def v5_to_v6(database: pw.Database) -> None:
    """Many clients at once: members, ratings and congresses carry a version (a save names the one it read, so a
    second client's save is refused instead of silently overwriting) and who saved them last; events who recorded
    and who voided them. Rows written before this version have version 1 and no author ("")."""

    columns: dict[str, dict[str, pw.Field]] = {
        "member": {"updated_by": pw.TextField(default=""), "version": pw.IntegerField(default=1)},
        "member_event": {"voided_by": pw.TextField(default=""), "created_by": pw.TextField(default="")},
        "rating": {
            "updated_at": pw.DateTimeField(default=clock.now),
            "updated_by": pw.TextField(default=""),
            "version": pw.IntegerField(default=1),
        },
        "congress": {
            "updated_at": pw.DateTimeField(default=clock.now),
            "updated_by": pw.TextField(default=""),
            "version": pw.IntegerField(default=1),
        },
    }
    migrator = _migrator(database)
    for table, fields in columns.items():
        # v4_to_v5 creates the congress tables from today's models, which already have these columns.
        present = {column.name for column in database.get_columns(table)}
        migrate(*(migrator.add_column(table, name, f) for name, f in fields.items() if name not in present))


def _day(value: object) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value  # type: ignore[return-value]


def v6_to_v7(database: pw.Database) -> None:
    """member.name_sort: the A-B-C sort key of the name (models.core.vnname.name_sort_key), filled for every member,
    and an index on (branch, name_sort, id), so a server hands out a big roster in order a page at a time.

    Self-contained: it reads and writes only these columns."""

    migrate(_migrator(database).add_column("member", "name_sort", pw.BlobField(null=True)))
    rows = database.execute_sql("SELECT id, full_name, birth_date FROM member ORDER BY id").fetchall()
    keys = [(member_id, name_sort_key(name, _day(born))) for member_id, name, born in rows]
    if isinstance(database, pw.PostgresqlDatabase):  # a server of half a million: one copy and one update
        with database.connection().cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE name_sort_keys (id integer PRIMARY KEY, key bytea) ON COMMIT DROP")
            with cursor.copy("COPY name_sort_keys (id, key) FROM STDIN") as copy:
                for row in keys:
                    copy.write_row(row)
            cursor.execute("UPDATE member SET name_sort = k.key FROM name_sort_keys k WHERE member.id = k.id")
    else:
        update = f"UPDATE member SET name_sort = {database.param} WHERE id = {database.param}"
        database.cursor().executemany(update, [(key, member_id) for member_id, key in keys])
    database.execute_sql(f"CREATE INDEX {NAME_SORT_INDEX} ON member (branch_id, name_sort, id)")


def v7_to_v8(database: pw.Database) -> None:
    """congress.quorum_with_probationary: whether the quorum of two thirds of those summoned (Charter Điều 11 k6)
    counts probationary members too; false (official members only, the default) for every congress so far.

    Self-contained: it adds only this column, and nothing when it is there already."""
    if "quorum_with_probationary" not in {c.name for c in database.get_columns("congress")}:
        column = pw.BooleanField(default=False)
        migrate(_migrator(database).add_column("congress", "quorum_with_probationary", column))


def v8_to_v9(database: pw.Database) -> None:
    """A show-of-hands vote recorded by mistake is voided with its reason, time and author, never deleted
    (models.congress.hand_votes.void_vote). Self-contained: it adds only these columns."""
    columns = {
        "voided_at": pw.DateTimeField(null=True),
        "void_reason": pw.TextField(default=""),
        "voided_by": pw.TextField(default=""),
    }
    # v4_to_v5 creates the congress tables from today's models, which already have these columns
    present = {column.name for column in database.get_columns("hand_vote")}
    migrator = _migrator(database)
    migrate(*(migrator.add_column("hand_vote", name, f) for name, f in columns.items() if name not in present))


def v9_to_v10(database: pw.Database) -> None:
    """The members' status spans and their stamps (models.roster.standing_tables), created empty: the first office
    statistics compute them (models.roster.standing_store refreshes every member without a matching stamp); the
    committee's own record (models.office.committee_tables), empty until the office enters it."""

    database.create_tables(STANDING_TABLES + COMMITTEE_TABLES)


def v10_to_v11(database: pw.Database) -> None:
    """The branch's life between congresses (models.meetings.tables): its meetings, their lists, the votes taken and
    the higher committee's appointments, created empty. Self-contained: it only creates these tables."""

    database.create_tables(MEETING_TABLES)


def v11_to_v12(database: pw.Database) -> None:
    """Passes not limited to two and scanned passes (models.live_count.passes, models.live_count.scan_pass): the
    passes table, the scanned pages with their images, and the entry log's `scan` column (empty for every entry so
    far, which keeps every chain link as it was). Self-contained: v4_to_v5 creates today's ballot tables, so each
    piece is added only when missing."""

    database.create_tables([CountPass, ScanPage])  # safe: IF NOT EXISTS
    if "scan" not in {c.name for c in database.get_columns("ballot_entry")}:
        scan = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
        migrate(_migrator(database).add_column("ballot_entry", "scan", scan))


def v12_to_v13(database: pw.Database) -> None:
    """The register of applicants on the way to admission (models.admission.tables), created empty."""
    database.create_tables(ADMISSION_TABLES)


def v13_to_v14(database: pw.Database) -> None:
    """congress.kind: "congress" for every row so far; "meeting" marks a row hosting one secret ballot of a branch
    meeting (models.meetings.secret_ballot); congress_election.title: empty (the title from the post) for every
    election so far; meeting_vote.counted_at: when a vote counted in the «Bầu cử» tab took its sealed result.
    Self-contained: it adds only these columns, and nothing when they are there already."""
    migrator = _migrator(database)
    wanted = {
        "congress": ("kind", pw.CharField(max_length=16, default="congress")),
        "congress_election": ("title", pw.TextField(default="")),
        "meeting_vote": ("counted_at", pw.DateTimeField(null=True)),
    }
    for table, (name, column) in wanted.items():
        if name not in {c.name for c in database.get_columns(table)}:
            migrate(migrator.add_column(table, name, column))


def v14_to_v15(database: pw.Database) -> None:
    """summoned.member_id may be empty: an applicant (not a member) named on a branch meeting's admission ballot
    (models.meetings.secret_ballot); every row so far keeps its member. Self-contained: nothing when the column
    already allows it."""
    column = next(c for c in database.get_columns("summoned") if c.name == "member_id")
    if not column.null:
        migrate(_migrator(database).drop_not_null("summoned", "member_id"))


MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    1: v1_to_v2,
    2: v2_to_v3,
    3: v3_to_v4,
    4: v4_to_v5,
    5: v5_to_v6,
    6: v6_to_v7,
    7: v7_to_v8,
    8: v8_to_v9,
    9: v9_to_v10,
    10: v10_to_v11,
    11: v11_to_v12,
    12: v12_to_v13,
    13: v13_to_v14,
    14: v14_to_v15,
}
