"""The fixtures of support.py, for every simulator test module here."""

from tests.upstreams.bastion.simulator.support import api

__all__ = ["api"]
