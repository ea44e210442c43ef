"""The committee office: many branches on one PostgreSQL server."""
