"""The "Đảng viên" tab and its dialogs: thin Qt widgets over models.roster and reports.roster.

May import: gui.core, models.core, models.roster, reports.core, reports.roster. Never another tab's package.
"""
