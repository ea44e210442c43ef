"""The roster capability: member records, life events, status, seniority, badges, ratings, reminders, statistics.

May import: models.core. Never imports Qt, gui/, reports/ or another capability's internals.
"""
