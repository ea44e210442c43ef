"""The hook through which every reader of a round's result gets a round counted ballot by ballot recounted from its
entry log. The log lives in models.live_count, which builds on this package and registers the recount as it is
imported; this module is light, so registering loads nothing (a data file opens before the counting code loads)."""

from __future__ import annotations

from collections.abc import Callable

_check: Callable | None = None


def use_log_check(check: Callable) -> None:
    global _check
    _check = check


def log_check() -> Callable | None:
    """The registered recount (models.live_count.seal.check_closed_round), or None when the log is not in use."""
    return _check
