"""The Party document layout (Hướng dẫn 36-HD/VPTW) shared by every report: header blocks, styles, safe file saving.

May import: models.core. Never Qt, gui/ or a capability's reports.
"""
