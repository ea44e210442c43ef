"""The roster papers' jobs: gather members, statistics and reminders from models.roster into reports.roster's plain
data and write the workbook."""
