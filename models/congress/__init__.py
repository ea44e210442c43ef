"""The congress capability: the members on a congress's list, their check-in, and the bridge to the counting engine.

May import: models.core, models.roster's public rules (member status, records) and models.counting.
Never imports Qt, gui/, reports/ or the roster's tables.
"""
