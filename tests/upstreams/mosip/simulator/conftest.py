"""The fixtures of support.py, for every simulator test module here."""

from tests.upstreams.mosip.simulator.support import anonymous, sim

__all__ = ["anonymous", "sim"]
