"""The committee office's papers: gather the branches' figures from models.office into reports.office's plain data
and write the workbook under the committee's header."""
