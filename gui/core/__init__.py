"""Qt pieces every tab uses: the application, background jobs, the message seam, the date editor, Qt's own texts.

May import: models.core. Never imports a capability's gui package.
"""
