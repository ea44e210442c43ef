"""Every openpyxl workbook of ChiBo, out (Party-format reports) and in (the roster reader); plain data only."""
