"""A headless command's exit status: done, refused for the data, a file or server that cannot be read or written.

Kept apart from models.core.failures (which tells the database driver's faults and so loads peewee): a command on
a record file alone loads no database code.
"""

OK, REFUSED, UNREADABLE = 0, 1, 2
