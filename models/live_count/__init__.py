"""The live count of a ballot round: an append-only entry log in the database, each entry one transaction and a
link of a SHA-256 chain, from which the running tally is rebuilt (models.counting does the counting).

Importing this package lets models.congress (which cannot import it) read closed results through the log; the
recount's code loads when a result is first read, not when the tables are (a data file opens without it)."""

from models.congress.log_check import use_log_check


def _check_closed_round(*args, **kwargs):
    from models.live_count.seal import check_closed_round

    return check_closed_round(*args, **kwargs)


use_log_check(_check_closed_round)
