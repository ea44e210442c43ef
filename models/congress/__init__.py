"""The congress capability: who is summoned, who came, who is out of D, and the roster's members as the engine's
voters and candidates.

May import: models.core, models.roster's public rules (status, records), models.counting. Never Qt or reports/.
"""
