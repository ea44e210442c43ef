"""What the server itself refuses about a count, whatever account asks and however (raw SQL included):

- The entry log of the ballots (`ballot_entry`) and the acts on a count (`count_act`: closed, reopened,
  published) are append-only: no account has UPDATE or DELETE on them, and a trigger refuses both to anyone.
- A sealed round takes no new line in its log: closed or published, with its digest naming a link of its own log
  (a round counted by hand, with no log, is sealed once closed). A round copied from a data file (a branch moved
  onto the server) arrives closed with its source's digest and takes its lines until the copy re-links it.
- A closed or published round's stored result cannot be changed in place. The only changes a trigger lets through:
  publishing it (the status, nothing else); reopening it (back to counting, the result and digest emptied, only a
  round counted ballot by ballot); and a copy re-linking its digest (a branch moved onto the server, whose digest
  still names the chain of the file it came from, gets its own chain's link).
- Every change of a round's status must be recorded in `count_act` in the same transaction (checked at commit):
  a round counting after having been closed has as many reopen acts as close acts; a round closed ballot by ballot
  one close act more. So a result is replaced only by a recorded reopening and a recorded closing, which stay in
  the append-only acts with who did it, next to the server's change log.

A branch's own account is the one ChiBo signs in with, so whatever ChiBo may do (reopen a count, with its reason)
it may do through SQL too; what no one can do is change a result or a ballot without leaving that trail, which the
entry log's chain and the record's digest then show.
"""

from __future__ import annotations

from psycopg import sql

from models.office.server_sql import execute

APPEND_ONLY = ("ballot_entry", "count_act")
_REFUSED = "ERRCODE = 'insufficient_privilege'"
# Whether a round's digest names a link of its own log (a copy under way still names its source's chain).
_NAMES_OWN_LINK = ("EXISTS (SELECT 1 FROM ballot_entry e WHERE e.round_id = {round}.id "
                   "AND e.chain = {round}.record_digest)")  # fmt: skip
_SEALED = f"(r.status IN ('closed', 'published') AND (r.count_mode = 'totals' OR {_NAMES_OWN_LINK}))"

_FUNCTIONS = {
    "chibo_refuse_rewrite": f"""
BEGIN
    RAISE EXCEPTION USING {_REFUSED},
        MESSAGE = 'Bảng ' || TG_TABLE_NAME || ' chỉ được ghi thêm: dòng đã ghi không sửa, không xóa được.';
END""",
    "chibo_entry_into_open_round": f"""
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM election_round WHERE id = NEW.round_id;
    IF {_SEALED.format(round="r")} THEN
        RAISE EXCEPTION USING {_REFUSED},
            MESSAGE = 'Lần bầu ' || NEW.round_id || ' đã khóa kết quả: không ghi thêm phiếu vào nhật ký được.';
    END IF;
    RETURN NEW;
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
        IF after = before
           OR OLD.status = 'closed' AND NEW.status = 'published' AND after - 'status' = before - 'status'
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
    "chibo_status_recorded": f"""
DECLARE
    r record;
    closes integer;
    reopens integer;
BEGIN
    SELECT * INTO r FROM election_round WHERE id = NEW.id;
    SELECT count(*) FILTER (WHERE kind = 'close'), count(*) FILTER (WHERE kind = 'reopen') INTO closes, reopens
    FROM count_act WHERE round_id = NEW.id;
    IF r.status = 'counting' AND reopens <> closes
       OR r.status IN ('closed', 'published') AND r.count_mode = 'ballots' AND closes <> reopens + 1 THEN
        RAISE EXCEPTION USING {_REFUSED}, MESSAGE = 'Lần bầu ' || NEW.id
            || ': khóa hay mở lại kết quả phải được ghi vào biên bản khóa, mở (count_act) trong cùng giao dịch.';
    END IF;
    RETURN NULL;
END""",
}

# (trigger, table, when and for what, function); the last is checked at commit (a constraint trigger, deferred).
_TRIGGERS = (
    *(("chibo_append_only", table, "BEFORE UPDATE OR DELETE", "chibo_refuse_rewrite") for table in APPEND_ONLY),
    ("chibo_entry_into_open_round", "ballot_entry", "BEFORE INSERT", "chibo_entry_into_open_round"),
    ("chibo_guard_round", "election_round", "BEFORE UPDATE OR DELETE", "chibo_guard_round"),
)
_DEFERRED = ("chibo_status_recorded", "election_round", "chibo_status_recorded")


def install_count_guards() -> None:
    """Create or replace the guard functions and their triggers (inside the set-up's transaction)."""
    for name, body in _FUNCTIONS.items():
        execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
                f"SET search_path = public, pg_temp AS $body${body}$body$")  # fmt: skip
        execute(f"REVOKE ALL ON FUNCTION {name}() FROM PUBLIC")
    for trigger, table, timing, function in _TRIGGERS:
        names = sql.Identifier(trigger), sql.Identifier(table)
        execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(*names))
        execute(sql.SQL("CREATE TRIGGER {} " + timing + " ON {} FOR EACH ROW EXECUTE FUNCTION {}()")
                .format(*names, sql.Identifier(function)))  # fmt: skip
    trigger, table, function = (sql.Identifier(name) for name in _DEFERRED)
    execute(sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(trigger, table))
    execute(sql.SQL("CREATE CONSTRAINT TRIGGER {} AFTER UPDATE ON {} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                    "WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION {}()")
            .format(trigger, table, function))  # fmt: skip
