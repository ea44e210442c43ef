"""The applicant's path for both front ends: its papers (6-KNĐ, 13-KNĐ) gathered, numbered and written, and the
register as the tab and the headless command show it."""
