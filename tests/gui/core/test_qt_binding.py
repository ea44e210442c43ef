"""Guards against known-broken Qt bindings: PySide6 6.12.0 on Python 3.11 loses a reference to True on every
Signal.emit() made from Python, which aborts the process after a few hundred emits."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    with_int = Signal(int)
    with_object = Signal(object)


def test_emit_keeps_reference_counts_of_true_and_false():
    emitter = _Emitter()
    received = []
    emitter.with_object.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for index in range(200):
        emitter.plain.emit()
        emitter.with_int.emit(index)
        emitter.with_object.emit(index % 2 == 0)
    assert len(received) == 200
    assert sys.getrefcount(True) - before_true >= 0
    assert sys.getrefcount(False) - before_false >= 0
