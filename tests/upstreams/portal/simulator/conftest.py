"""The fixtures of support.py, for every simulator test module here."""

from tests.upstreams.portal.simulator.support import bed

__all__ = ["bed"]
