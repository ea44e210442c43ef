"""chibo.log never holds a member's name, card number or citizen ID: every record passes through `PrivateLog`
before it is written. Light (imported before the window's first paint, with the log file).

An exception's own text may quote anything (a refusal names the member it is about), so only the texts of the
storage libraries (SQLite, SQLCipher, peewee, psycopg) and of the operating system, which speak of files and
tables, are kept; any other exception is logged by its kind and its traceback (which file, which line), its text
replaced by […]. In what remains, whatever is quoted «…» is blanked and runs of six digits or more (card numbers,
citizen IDs, phone numbers) become [số].
"""

from __future__ import annotations

import logging
import re
import traceback

_QUOTED = re.compile(r"«[^»]*»")
_DIGITS = re.compile(r"\d{6,}")
_LIBRARIES = ("sqlite3", "sqlcipher3", "peewee", "playhouse", "psycopg")
_HIDDEN = "[…]"


def redact(text: str) -> str:
    return _DIGITS.sub("[số]", _QUOTED.sub("«…»", text))


def _text_kept(exc: BaseException) -> bool:
    return isinstance(exc, OSError) or type(exc).__module__.split(".")[0] in _LIBRARIES


def _hide_texts(summary: traceback.TracebackException, exc: BaseException | None, seen: set[int]) -> None:
    if exc is None or id(summary) in seen:
        return
    seen.add(id(summary))
    if not _text_kept(exc):
        summary._str = _HIDDEN  # type: ignore[attr-defined]  # the text the summary prints after the exception's kind
    for attr in ("__cause__", "__context__"):
        linked = getattr(summary, attr, None)
        if linked is not None:
            _hide_texts(linked, getattr(exc, attr, None), seen)


def exception_text(exc_info) -> str:
    kind, value, tb = exc_info
    summary = traceback.TracebackException(kind, value, tb)
    _hide_texts(summary, value, set())
    return redact("".join(summary.format()).rstrip("\n"))


class PrivateLog(logging.Filter):
    """A handler's filter: the record's message (arguments filled in) and its exception text, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                type(arg).__name__ if isinstance(arg, BaseException) and not _text_kept(arg) else arg
                for arg in record.args
            )
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info:
            record.exc_text = exception_text(record.exc_info)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
