"""The committee office: many branches on one PostgreSQL server, moved in and out of files, and the office's own
work over every branch it can see (totals, reminders, the server connection)."""
