"""Roster workbooks, out (member list, statistics, reminder lists) and in (the roster reader, the import template).

May import: reports.core, models.core, the plain rules and records of models.roster. Never Qt or the ORM tables.
"""
