"""ChiBo's domain, without Qt: a small shared core and one package per capability.

- models.core: opening a database, the shared tables (file facts, branches), errors, dates, the clock, names.
- models.roster: members, events, status, ratings, reminders, statistics, the import plan.
- models.counting: the pure counting engine of Quy chế 190 (no peewee, no roster).
- models.schema / models.migrations: every capability's tables, and the schema's history.
What each package may import is stated in its docstring and checked by tests/unit/test_layering.py.
"""

from models.core.postgres_driver import hold_driver

hold_driver()  # before any module of models/ imports peewee: psycopg loads only for a server
