"""Application services: the work both front ends (gui/ and cli/) do over the domain, with no Qt.

A service gathers what a paper or a screen needs from the domain (`models/`) into plain dataclasses, hands out
document numbers, and calls a `reports/` writer with plain data only. One subpackage per capability
(`services/roster`, `services/congress`, ...). See docs/architecture.md.
"""
