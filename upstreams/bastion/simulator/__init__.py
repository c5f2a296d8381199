"""In-memory stand-in for the Bastion Endorse Web API v2 (document `002_…txt`), built on the
simulator kit.

Every endpoint the graph uses answers under `/api/v2` with the document's wire shapes and
its `{"status", "message", "data"}` envelope (`status: false` on HTTP 200 for a refused
request); password change and reset are not simulated (they are not graph features). The
store lives on the app instance and is built in `create_app`, as Datanexus's is, so each
app starts fresh and a given seed always yields the same data.

Credentials: username `demo`, password `demo`, sent as type I
(`api-key: base64("demo:demo")`) to `POST /api/v2/auth/generateAuthToken`; its token is
then sent as `api-key: <token>` everywhere else.

Test-bed routes, beside the kit's `__stats`, `__faults` and `__requests` (none needs
credentials, and like the kit's they are not counted, logged, delayed or faulted):
`POST /__tokens/expire` expires every token issued so far; `GET /__webhooks` answers the
webhook configuration, the deliveries in flight (`pending`) and every delivery attempt;
`DELETE /__webhooks` clears that log.

One module per purpose: `seed` (records and the data set, and where the document's
examples contradict each other), `store`, `validation` (reading requests, refusals),
`rendering` (wire shapes), `errors`, `auth`, `webhooks` (the events) and `routes`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from aiohttp import web

from upstreams.bastion.simulator.auth import PASSWORD, USERNAME, Tokens, authenticator
from upstreams.bastion.simulator.errors import error_body
from upstreams.bastion.simulator.routes import (
    TOKENS_EXPIRE_PATH,
    WEBHOOKS_PATH,
    Api,
    add_routes,
    add_test_bed_routes,
)
from upstreams.bastion.simulator.seed import build_seed
from upstreams.bastion.simulator.store import Store
from upstreams.bastion.simulator.webhooks import (
    DEFAULT_ATTEMPTS,
    DEFAULT_BACKOFF_S,
    DEFAULT_TIMEOUT_S,
    Webhooks,
)
from upstreams.simulators._kit import (
    _STATS_RESOURCES_KEY,
    answer_simulator_errors,
    simulator_app,
)

__all__ = ["PASSWORD", "TOKENS_EXPIRE_PATH", "USERNAME", "WEBHOOKS_PATH", "create_app"]


def create_app(
    *,
    scale: int = 500,
    latency_ms: float = 0.0,
    seed: int = 5,
    now: Callable[[], float] = time.time,
    webhook_attempts: int = DEFAULT_ATTEMPTS,
    webhook_backoff_s: float = DEFAULT_BACKOFF_S,
    webhook_timeout_s: float = DEFAULT_TIMEOUT_S,
) -> web.Application:
    """A fresh Bastion simulator with `scale` enrollees; routes live under `/api/v2`.

    ``now`` is the clock tokens expire by (seconds; dates of birth and ages are read from
    it too). A webhook delivery is tried ``webhook_attempts`` times, waiting
    ``webhook_backoff_s`` after the first failure and doubling, each attempt bounded by
    ``webhook_timeout_s``.
    """
    tokens = Tokens(now)
    webhooks = Webhooks(
        attempts=webhook_attempts, backoff_s=webhook_backoff_s, timeout_s=webhook_timeout_s
    )
    api = Api(Store(build_seed(scale=scale, seed=seed)), tokens, webhooks, now)
    token_route: list[web.AbstractResource] = []
    app = simulator_app(
        latency_ms=latency_ms,
        error_body=error_body,
        middlewares=(
            authenticator(tokens, lambda r: r.match_info.route.resource in token_route),
            answer_simulator_errors,
        ),
    )
    token_route.append(add_routes(app.router, api))
    test_bed = add_test_bed_routes(app.router, api)
    # The kit exempts its own resources from credentials, counting, logging, latency and
    # faults through this key; the test bed's routes are control routes of the same kind,
    # and counting them would skew the call counts end-to-end tests assert.
    app[_STATS_RESOURCES_KEY] = (*app[_STATS_RESOURCES_KEY], *test_bed)

    async def close_webhooks(app: web.Application) -> None:
        await webhooks.close()

    app.on_cleanup.append(close_webhooks)
    return app
