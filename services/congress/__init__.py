"""The congress papers' jobs: gather the congress from models.congress into reports.congress's plain data, hand out
document numbers, write the workbook."""
