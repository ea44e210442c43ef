"""The ballot count on screen: the projector window the congress hall sees while the counting committee counts.

May import: gui.core, models.core, models.counting, models.congress, reports.core, reports.congress.
"""
