"""Every openpyxl workbook of ChiBo, out (Party-format reports) and in (the roster reader), on plain data.

reports.core holds the Party document layout shared by all; each capability has its own package beside it.
"""
