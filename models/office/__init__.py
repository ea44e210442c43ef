"""The committee office: many branches on one PostgreSQL server, each seeing only its own (row-level security,
accounts), moved in and out of files, and the office's own work over every branch it can see."""
