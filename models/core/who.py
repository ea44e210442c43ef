"""Who is making a change: the server's role on PostgreSQL, the operating system's login name on a data file."""

from __future__ import annotations

import getpass
import logging

import peewee as pw

from models.core.tables import db

log = logging.getLogger(__name__)

_CACHE_ATTRIBUTE = "_chibo_current_user"


def current_user() -> str:
    """The name every write records as its author (`updated_by`, `created_by`); "" when it cannot be told.

    On a server it is the PostgreSQL role the connection signed in as (`current_user`), so the server, not the
    client, vouches for it; on a file it is the login name of whoever runs ChiBo. Looked up once per database.
    """
    database = db.obj
    if database is None:
        return _login_name()
    known = getattr(database, _CACHE_ATTRIBUTE, None)
    if known is not None:
        return known
    if isinstance(database, pw.SqliteDatabase):
        name = _login_name()
    else:
        name = str(database.execute_sql("SELECT current_user").fetchone()[0])
    setattr(database, _CACHE_ATTRIBUTE, name)
    return name


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no LOGNAME/USER and no password entry (a container, a service account): unknown
        log.debug("No login name for the change log", exc_info=True)
        return ""
