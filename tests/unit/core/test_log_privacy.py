"""chibo.log of a whole story (a file made, members saved, a repeated card refused, an old file's repeated cards
moved into the notes, a damaged file refused, a crash) holds no member's name, card number or citizen ID."""

from __future__ import annotations

import logging

import peewee as pw
import pytest

from main import setup_logging
from models.core.database import close_database, open_database
from models.core.errors import DomainError
from models.migrations import _move_duplicate_cards
from models.roster.members import save_member
from tests.support.people import member, set_up_branch

NAME, CARD, CITIZEN = "Hoàng Thị Riêng Tư", "87654321", "001234567890"


@pytest.fixture
def log_file(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    path = setup_logging(tmp_path / "logs")
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_the_log_of_a_whole_story_holds_no_personal_data(tmp_path, log_file):
    data = tmp_path / "chibo.sqlite3"
    open_database(data)
    set_up_branch()
    save_member(member(0, full_name=NAME, card_number=CARD, citizen_id=CITIZEN))
    try:
        save_member(member(1, full_name=f"{NAME} Hai", card_number=CARD))
    except DomainError as refused:  # what the window's crash hook logs for a refusal
        logging.getLogger("gui.core.app").warning("Refused: %s", refused, exc_info=True)
    try:
        raise RuntimeError(f"defect while showing {NAME}, card {CARD}, citizen ID {CITIZEN}")
    except RuntimeError:
        logging.getLogger("gui.core.app").critical("Unexpected error", exc_info=True)
    close_database()

    old = pw.SqliteDatabase(":memory:")  # an old file whose import left a repeated card number
    old.execute_sql("CREATE TABLE member (id INTEGER PRIMARY KEY, branch_id INTEGER, card_number TEXT, notes TEXT)")
    old.execute_sql(f"INSERT INTO member VALUES (1, 1, '{CARD}', ''), (2, 1, '{CARD}', '')")
    _move_duplicate_cards(old)

    damaged = tmp_path / "hong.sqlite3"  # a damaged file refused
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    with pytest.raises(DomainError):
        open_database(damaged)

    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Refused: ValidationError" in text and "RuntimeError: […]" in text  # the story was logged: its kinds,
    assert "repeated card" in text and "as damaged" in text and "test_log_privacy.py" in text  # where, and why
    for secret in (NAME, CARD, CITIZEN, "Riêng Tư"):
        assert secret not in text, secret
