"""What the server itself refuses about a count, whatever account asks and however (raw SQL included):

- The entry log of the ballots (`ballot_entry`) and the acts on a count (`count_act`: closed, reopened,
  published) are append-only: no account has UPDATE or DELETE on them, and a trigger refuses both to anyone.
- A closed or published round's stored result cannot be changed in place, nor the round deleted. The only changes
  a trigger lets through: publishing it (the status, nothing else); reopening it (back to counting, the result and
  digest emptied, only a round counted ballot by ballot); and a copy re-linking its digest (a branch moved onto the
  server arrives with the digest of its file's chain and gets its own chain's link).
- A closed or published round's candidates and ballot bundles cannot be added, changed or deleted (a copy adds
  them to the round it adds in the same transaction).
- A round is added in its setting-up state; one already under way or closed only with its whole congress added in
  the same transaction (a branch moved onto the server).
- Checked at commit, when every row of the transaction is written, whatever order ChiBo or a copy wrote them in:
  a round's change of status (or a round added already under way) must be recorded in `count_act`: counting after
  having been closed, as many reopen acts as close acts; closed ballot by ballot, one close act more. A line added
  to the log of a round closed or published at commit is refused unless that round's closing was recorded in this
  same transaction (the closing's own line, or a copy bringing the log along).

So a result or a ballot is only ever replaced through a recorded reopening and a recorded closing. A branch's own
account is the one ChiBo signs in with, so whatever ChiBo may do (reopen a count with its reason) it may do through
SQL too; what no one can do is change a result or the log without leaving that trail in the append-only acts and
the server's change log, which the entry log's chain and the record's digest then show.
"""

from __future__ import annotations

from psycopg import sql

from models.office.change_log import LOG_TABLE
from models.office.server_sql import execute

APPEND_ONLY = ("ballot_entry", "count_act")
_REFUSED = "ERRCODE = 'insufficient_privilege'"
# Whether a round's digest names a link of its own log (a copy under way still names its source's chain).
_NAMES_OWN_LINK = (
    "EXISTS (SELECT 1 FROM ballot_entry e WHERE e.round_id = {round}.id AND e.chain = {round}.record_digest)"
)
# The acts on a round closed ballot by ballot must be one close more than reopenings; counting, as many.
_ACTS_AGREE = """(SELECT CASE WHEN r.status = 'counting' THEN closes = reopens
                     WHEN r.status IN ('closed', 'published') AND r.count_mode = 'ballots' THEN closes = reopens + 1
                     ELSE true END
             FROM (SELECT count(*) FILTER (WHERE a.kind = 'close') AS closes,
                          count(*) FILTER (WHERE a.kind = 'reopen') AS reopens
                   FROM count_act a WHERE a.round_id = r.id) n)"""
_UNRECORDED = "': khóa hay mở lại kết quả phải được ghi vào biên bản khóa, mở (count_act) trong cùng giao dịch.'"

_PART_SEALED = "' đã khóa kết quả: danh sách ứng cử viên và các tệp phiếu của lần bầu không sửa được.'"
ROUND_PARTS = ("round_candidate", "ballot_bundle")  # what a round's papers print besides its result and log

_HELPERS = {
    # Whether a row was added in the transaction under way (any of its savepoints included), as the server's change
    # log, which no account can write, recorded it: not forgeable by an account, and an update is no insert.
    "chibo_inserted_here(tbl text, row_id bigint) RETURNS boolean": f"""
BEGIN
    RETURN EXISTS (SELECT 1 FROM {LOG_TABLE} l WHERE l.table_name = tbl AND l.row_id = chibo_inserted_here.row_id
                   AND l.action = 'insert' AND l.xact = pg_current_xact_id());
END""",
}

_FUNCTIONS = {
    "chibo_refuse_rewrite": f"""
BEGIN
    RAISE EXCEPTION USING {_REFUSED},
        MESSAGE = 'Bảng ' || TG_TABLE_NAME || ' chỉ được ghi thêm: dòng đã ghi không sửa, không xóa được.';
END""",
    "chibo_guard_round": f"""
DECLARE
    before jsonb := to_jsonb(OLD);
    after jsonb;
BEGIN
    IF OLD.status NOT IN ('closed', 'published') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        after := to_jsonb(NEW);
        IF OLD.status = 'closed' AND NEW.status = 'published' AND after - 'status' = before - 'status'
           OR OLD.status = 'closed' AND NEW.status = 'counting' AND OLD.count_mode = 'ballots'
              AND NEW.result = '' AND NEW.record_digest = ''
              AND after - 'status' - 'result' - 'record_digest' - 'closed_at'
                  = before - 'status' - 'result' - 'record_digest' - 'closed_at'
           OR after - 'record_digest' = before - 'record_digest'
              AND NOT {_NAMES_OWN_LINK.format(round="OLD")} AND {_NAMES_OWN_LINK.format(round="NEW")} THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || OLD.id
        || ' đã khóa kết quả: kết quả đã lưu không sửa, không xóa được (chỉ công bố, hoặc mở lại có ghi lý do).';
END""",
    "chibo_guard_round_part": f"""
DECLARE
    r record;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT status INTO r FROM election_round WHERE id = OLD.round_id;
        IF r.status IN ('closed', 'published') THEN
            RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || OLD.round_id || {_PART_SEALED};
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    SELECT status INTO r FROM election_round WHERE id = NEW.round_id;
    IF r.status IN ('closed', 'published')
       AND NOT (TG_OP = 'INSERT' AND chibo_inserted_here('election_round', NEW.round_id)) THEN
        RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || NEW.round_id || {_PART_SEALED};
    END IF;
    RETURN NEW;
END""",
    "chibo_round_recorded": f"""
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM election_round WHERE id = NEW.id;
    IF TG_OP = 'INSERT' AND NOT chibo_inserted_here(
           'congress', (SELECT e.congress_id FROM congress_election e WHERE e.id = NEW.election_id)) THEN
        RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu mới phải bắt đầu ở trạng thái chuẩn bị; chỉ khi chuyển '
            || 'cả đại hội lên máy chủ mới mang theo được lần bầu đang kiểm hay đã có kết quả.';
    END IF;
    IF r.id IS NOT NULL AND NOT {_ACTS_AGREE} THEN
        RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || NEW.id || {_UNRECORDED};
    END IF;
    RETURN NULL;
END""",
    "chibo_entry_recorded": f"""
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM election_round WHERE id = NEW.round_id;
    IF r.status IN ('closed', 'published') AND NOT EXISTS (
           SELECT 1 FROM count_act a WHERE a.round_id = r.id AND a.kind = 'close'
           AND chibo_inserted_here('count_act', a.id)) THEN
        RAISE EXCEPTION USING {_REFUSED},
            MESSAGE = 'Lần bầu ' || NEW.round_id || ' đã khóa kết quả: không ghi thêm phiếu vào nhật ký được.';
    END IF;
    IF NOT {_ACTS_AGREE} THEN
        RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || NEW.round_id || {_UNRECORDED};
    END IF;
    RETURN NULL;
END""",
}

# (trigger, table, when and for what, function): row triggers before the change.
_TRIGGERS = (
    *(("chibo_append_only", table, "BEFORE UPDATE OR DELETE", "chibo_refuse_rewrite") for table in APPEND_ONLY),
    ("chibo_guard_round", "election_round", "BEFORE UPDATE OR DELETE", "chibo_guard_round"),
    *(
        ("chibo_guard_round_part", table, "BEFORE INSERT OR UPDATE OR DELETE", "chibo_guard_round_part")
        for table in ROUND_PARTS
    ),
)
# (trigger, table, event and condition, function): constraint triggers checked at commit, when every row of the
# transaction (the acts, the log's lines, the round) is written, whatever order ChiBo or a copy wrote them in.
_AT_COMMIT = (
    (
        "chibo_round_changed",
        "election_round",
        "UPDATE",
        "OLD.status IS DISTINCT FROM NEW.status",
        "chibo_round_recorded",
    ),
    ("chibo_round_added", "election_round", "INSERT", "NEW.status <> 'setup'", "chibo_round_recorded"),
    ("chibo_entry_added", "ballot_entry", "INSERT", "true", "chibo_entry_recorded"),
)


def install_count_guards() -> None:
    """Create or replace the guard functions and their triggers (inside the set-up's transaction)."""
    for signature, body in _HELPERS.items():
        execute(
            f"CREATE OR REPLACE FUNCTION {signature} LANGUAGE plpgsql STABLE "
            f"SET search_path = public, pg_temp AS $body${body}$body$"
        )
        execute(f"REVOKE ALL ON FUNCTION {signature.split(' RETURNS')[0]} FROM PUBLIC")
    for name, body in _FUNCTIONS.items():
        execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
            f"SET search_path = public, pg_temp AS $body${body}$body$"
        )
        execute(f"REVOKE ALL ON FUNCTION {name}() FROM PUBLIC")
    for trigger, table, timing, function in _TRIGGERS:
        names = sql.Identifier(trigger), sql.Identifier(table)
        execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(*names))
        execute(
            sql.SQL("CREATE TRIGGER {} " + timing + " ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
                *names, sql.Identifier(function)
            )
        )
    for trigger, table, event, condition, function in _AT_COMMIT:
        names = sql.Identifier(trigger), sql.Identifier(table)
        execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(*names))
        execute(
            sql.SQL(
                "CREATE CONSTRAINT TRIGGER {} AFTER " + event + " ON {} DEFERRABLE INITIALLY DEFERRED "
                "FOR EACH ROW WHEN (" + condition + ") EXECUTE FUNCTION {}()"
            ).format(*names, sql.Identifier(function))
        )
