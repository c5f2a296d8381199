"""A request context whose MOSIP client talks to an httpx.MockTransport fake."""

from __future__ import annotations

from resolvers.core.context import Context, Upstreams
from tests.upstreams.mosip.test_client import FakeMosip, Route, client

__all__ = ["FakeMosip", "context"]


def context(route: Route) -> tuple[Context, FakeMosip]:
    fake = FakeMosip(route)
    return Context(Upstreams({"mosip": client(fake, retries=0)}), "test"), fake
