"""The committee office: many branches on one PostgreSQL server, who may see and change which, enforced by the
server (row-level security). No Qt; imports models.core and models.schema (every table) only."""
