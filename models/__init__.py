"""ChiBo domain layer: database, tables, rules and operations. Never imports Qt."""
