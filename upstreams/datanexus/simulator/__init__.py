"""In-memory stand-in for the Datanexus API (document `001_…txt`), built on the simulator kit.

Every endpoint of the document answers with the document's wire shapes, status codes and
error bodies; the store lives on the app instance, so each `create_app()` starts fresh.
One module per purpose: `routes` (handlers), `store` (records and list paging), `requests`
(reading queries and bodies), `validation` (422s), `rendering` (wire shapes), `auth`,
`errors`, and `seed` (the data set).
"""

from __future__ import annotations

from aiohttp import web

from upstreams.datanexus.simulator.auth import API_KEY, VENDOR_API_KEY, authenticate
from upstreams.datanexus.simulator.errors import api_errors, error_body
from upstreams.datanexus.simulator.routes import Api, add_routes
from upstreams.datanexus.simulator.seed import build_seed
from upstreams.datanexus.simulator.store import Store
from upstreams.simulators._kit import simulator_app

__all__ = ["API_KEY", "VENDOR_API_KEY", "create_app"]


def create_app(*, scale: int = 2000, latency_ms: float = 0.0, seed: int = 7) -> web.Application:
    """A fresh Datanexus simulator with `scale` members; routes live under `/api`."""
    api = Api(Store(build_seed(scale=scale, seed=seed)))
    app = simulator_app(
        latency_ms=latency_ms,
        error_body=error_body,
        middlewares=(authenticate, api_errors),
    )
    add_routes(app.router, api)
    return app
