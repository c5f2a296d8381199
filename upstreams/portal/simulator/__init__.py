"""In-memory stand-in for the Partner Portal API (document `000_…txt`), built on the
simulator kit; the decisions where the document is unclear are listed in
:mod:`upstreams.portal.wire`.

Every endpoint of the document answers with its paths, field names and envelopes, behind
``Authorization: Bearer <token>``: ``demo`` is a consumer, ``demo-producer`` a member of the
producer group (``demo-consumer-2`` and ``demo-producer-2`` are a second of each). Modules:
`routes` (handlers), `store` (records, visibility, sorting, files, emails), `requests`
(multipart forms, JSON bodies, sort/limit), `validation` (400s), `rendering` (wire shapes),
`auth`, `errors`, `oas` (generated OpenAPI documents) and `seed` (the data set).

Test bed, beside the kit's ``__stats``, ``__faults`` and ``__requests`` (none needs a token):

- ``GET /__emails``: ``{"emails": [...], "failed": [...], "failing": bool}``, every email
  the portal sent: ``source`` "subscription" (sent by the portal on an access request) or
  "sparkPostEmail" (sent by a caller), ``templateId``, ``templateName``, ``email``,
  ``substitutionData``, ``sentAt``. ``DELETE /__emails`` forgets them.
- ``POST /__emails/failing``: the mail service fails from now on (``/sparkPostEmail``
  answers 502 ``EMAIL_FAILED``; an access request still succeeds, its emails are listed
  under ``failed``); ``DELETE /__emails/failing`` restores it. A kit fault on
  ``/sparkPostEmail$`` fails that route alone.
- ``GET /files/{token}``: the download links that ``GET /apis/oas/{id}`` and
  ``POST /apis/oas/upload`` hand out, served with the file's content type and no token (the
  link is the credential, as a presigned storage URL is).
"""

from __future__ import annotations

from aiohttp import web

from upstreams.portal.simulator.auth import CONSUMER_TOKEN, PRODUCER_TOKEN, authenticator
from upstreams.portal.simulator.errors import api_errors, error_body
from upstreams.portal.simulator.routes import EMAILS_PATH, PortalApi, add_routes
from upstreams.portal.simulator.seed import build_seed
from upstreams.portal.simulator.store import Store
from upstreams.simulators._kit import simulator_app

__all__ = ["CONSUMER_TOKEN", "EMAILS_PATH", "PRODUCER_TOKEN", "create_app"]


def create_app(*, scale: int = 60, latency_ms: float = 0.0, seed: int = 11) -> web.Application:
    """A fresh Partner Portal simulator with ``scale`` APIs in its catalog."""
    store = Store(build_seed(scale=scale, seed=seed))
    app = simulator_app(
        latency_ms=latency_ms,
        error_body=error_body,
        middlewares=(authenticator(store.by_token), api_errors),
    )
    add_routes(app, PortalApi(store))
    return app
