"""Shared by the webhook tests (unit and end-to-end)."""

from __future__ import annotations

from upstreams.bastion.records import EventRecord, read_event

__all__ = ["parse_for_tests"]


def parse_for_tests(body: object) -> EventRecord:
    """The parser server.py wires (the receiver takes it as an argument)."""
    return read_event(body)
