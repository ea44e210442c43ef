"""peewee without its PostgreSQL driver until a server is opened (start-up speed).

peewee 4 imports psycopg (and libpq) as it is itself imported, about two thirds of its import time, even when ChiBo
opens a data file. Once `hold_driver` is called, peewee is imported with psycopg held back; the first PostgreSQL
database peewee makes (a server URL, the office commands, the tests' servers) loads the driver and hands it to peewee,
as peewee's own import would have done.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

_DRIVER = "psycopg"


class _HoldDriver:
    """Finds peewee as usual, and runs its module with psycopg held back (then forgets itself).

    A finder and a loader by its methods alone, as the import system asks: importlib.abc's base classes would
    import importlib.resources before the window's first paint and cost every headless command a few milliseconds."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "peewee":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None or _DRIVER in sys.modules:
            return spec  # already imported: peewee takes it as usual
        self._loader = spec.loader
        spec.loader = self  # type: ignore[assignment]  # a loader by its methods (see the class's docstring)
        return spec

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        sys.modules[_DRIVER] = None  # type: ignore[assignment]  # `import psycopg` raises ImportError
        try:
            self._loader.exec_module(module)
        finally:
            del sys.modules[_DRIVER]
        _load_on_first_use(module)


def hold_driver() -> None:
    """Whenever peewee is first imported, it comes without psycopg unless something imported psycopg before."""
    if "peewee" not in sys.modules and not any(isinstance(f, _HoldDriver) for f in sys.meta_path):
        sys.meta_path.insert(0, _HoldDriver())


def _load_on_first_use(pw) -> None:
    init = pw.PostgresqlDatabase.init

    def init_with_driver(self, *args, **kwargs):
        load_driver()
        return init(self, *args, **kwargs)

    pw.PostgresqlDatabase.init = init_with_driver


def load_driver() -> None:
    """Give peewee psycopg, as peewee's own import does when psycopg is there; idempotent."""
    pw: Any = sys.modules["peewee"]  # peewee's module globals, set as its own import would
    if pw.psycopg is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    pw.psycopg, pw.TransactionStatus, pw.Json_pg3, pw.Jsonb_pg3 = psycopg, TransactionStatus, Json, Jsonb
    adapter = pw.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
