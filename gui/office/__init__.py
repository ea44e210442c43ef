"""The committee office's widgets: connecting to its server, choosing the branch, the totals of every branch."""
