"""One ChiBo client of the edit race (tests/e2e/test_two_clients_race.py), run as its own process.

`python -m tests.support.race_client URL MEMBER_ID PHONE [hold]`: opens the database, reads the member, prints
`{"read": version}`, waits for a line on stdin (the starting gun, once every client has read), saves the member
with the new phone number over what it read, and prints `{"saved": version}` or `{"conflict": message}`.
With `hold`, the save's transaction stays open (its row locked) after printing `{"written": version}` until a
second line arrives, so another client's save can be made to wait on it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace


def main(url: str, member_id: int, phone: str, hold: bool) -> None:
    from models.core.database import close_database, open_database
    from models.core.errors import EditConflictError
    from models.core.tables import db
    from models.roster.members import get_member, save_member
    from models.schema import install_schema

    install_schema()
    open_database(url)
    try:
        read = get_member(member_id)
        print(json.dumps({"read": read.version}), flush=True)
        sys.stdin.readline()
        try:
            with db.atomic():
                saved = save_member(replace(read, phone=phone), read=read).member
                if hold:
                    print(json.dumps({"written": saved.version}), flush=True)
                    sys.stdin.readline()
        except EditConflictError as error:
            print(json.dumps({"conflict": error.message, "changes": error.changes}, ensure_ascii=False), flush=True)
        else:
            print(json.dumps({"saved": saved.version}), flush=True)
    finally:
        close_database()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:] == ["hold"])
