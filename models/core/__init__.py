"""Shared core of the domain: opening a database, the shared tables (file facts, branches), errors, Vietnamese names.

May import: the standard library and peewee only.
Never imports a capability (roster, counting, congress), Qt or reports/.
"""
