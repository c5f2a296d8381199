"""The fixtures of support.py, for every simulator test module here."""

from tests.upstreams.datanexus.simulator.support import client

__all__ = ["client"]
