"""The committee office's own work over every branch it can see: totals, reminders, the server connection."""
