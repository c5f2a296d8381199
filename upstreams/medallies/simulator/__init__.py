"""In-memory stand-in for the MedAllies Onboarding API (document `004_…txt`), built on the
simulator kit.

Every endpoint of the document answers under `/OnBoard/services/v1` with the document's
wire shapes, status codes and error bodies; the store lives on the app instance (built on
its first request), so each `create_app()` starts fresh and a given seed always yields
the same data.

How the document is read where it is silent or contradicts itself (the filter language has
its own list in `_filters`):

- Credentials: app key `demo`, Basic `demo:demo`. Metadata needs neither; unknown routes
  answer 404 before any credential check.
- Errors: `{"errorCode", "message"}` with the code's name as message, plus `parameterName`
  for a request's own mistakes. HTTP status: 100 → 401, 103 → 404, every other code 400;
  the simulator adds 104 REST_METHOD_NOT_ALLOWED (405) and 110 REST_SERVER_ERROR (5xx, for
  injected faults). When several things are wrong the most basic kind is reported, in the
  order 108, 109, 102, 103, 101, with every parameter of that kind.
- A JSON value of the wrong type for a field answers 109 (a number for `tin`, a string
  for `npi`); a well-typed value of the wrong form answers 101.
- Paging: a page never holds more than 1000 items, also when `limit` is 0 or absent
  ("all"); `count` always tells the whole. `offset` works without `limit`.
- `href` values point at this simulator (its scheme, host and mount prefix), not at the
  document's host. Memberships carry the document's `…/v1/{id}/memberships/{id}` hrefs,
  which no route serves. Sub-objects (an organization's vendor, a membership's account or
  organization) carry no href unless collapsed, as in the document's examples.
- `_fields` naming an unknown field, `_collapse` naming a field that cannot collapse
  (only vendor, account and organization have a resource to point at), or `_fields`
  asking inside a collapsed field answer 101. `_count` wins over `_items`; a directive
  whose value is `false` or `0` is off. Directives a route does not list are ignored.
- Writes ignore read-only fields (status, domain, timestamps, href, accountType, npin on
  modify) so that a record read back can be sent back; an `id` on add answers 101.
  A new organization gets the domain `<directAbbreviation>.medalliesdirect.net`
  (abbreviation derived from the name when absent; a taken one answers 101).
- Accounts: `account.id` may name an existing account to add to an organization. Matching:
  provider by npin, nonProvider by first and last name (ignoring case) and gender,
  department by name within the organization (so a department match is always status 3).
  A matched account is used as it is. Status precedence: 3, then 4 (requested local part
  taken, alternate used), then 2, then 1. Without a requested local part one is derived
  from the account and made unique silently. `publishable` defaults to false. New
  memberships need an enabled organization (101 `organizationId`), as does activating one
  (101 `orgId`). On modify, a local part taken by another membership of the domain
  answers 101.
- Deactivating and activating answer `{"count", "items"}`: organizations as
  `{"id", "status"}`, memberships as `{"organizationId", "accountId", "status"}`.

One module per purpose: vocabulary, errors, datatypes, store, rendering, directives, pages,
requests, validation, routes, auth; `create_app` assembles them.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from upstreams.medallies.simulator.auth import _api_errors, _authenticator
from upstreams.medallies.simulator.errors import _error_body
from upstreams.medallies.simulator.routes import (
    _CREDENTIALS_JSON,
    _DEACTIVATE_REASONS_JSON,
    _ERROR_CODES_JSON,
    _ORGANIZATION_TYPES_JSON,
    _SPECIALTIES_JSON,
    _US_STATES_JSON,
    _Api,
)
from upstreams.medallies.simulator.vocabulary import (
    APP_KEY,
    ERROR_CODES,
    MAX_LIMIT,
    PASSWORD,
    USERNAME,
)
from upstreams.medallies.wire import BASE_PATH
from upstreams.simulators._kit import simulator_app

__all__ = ["APP_KEY", "BASE_PATH", "ERROR_CODES", "MAX_LIMIT", "PASSWORD", "USERNAME", "create_app"]


def create_app(*, scale: int = 300, latency_ms: float = 0.0, seed: int = 11) -> web.Application:
    """A fresh MedAllies simulator with `scale` organizations; routes live under
    `/OnBoard/services/v1`."""
    api = _Api(scale, seed)
    public: set[web.AbstractResource | None] = set()
    app = simulator_app(
        latency_ms=latency_ms,
        error_body=_error_body,
        middlewares=(
            _authenticator(lambda r: r.match_info.route.resource in public),
            _api_errors,
        ),
    )
    router = app.router
    v1 = BASE_PATH
    item = "{id:[0-9]{1,15}}"

    def add(method: str, path: str, handler: Handler) -> web.AbstractResource | None:
        return router.add_route(method, v1 + path, handler).resource

    public.add(add("GET", "/metadata", api.metadata_index))
    public.add(add("GET", "/metadata/errorCodes", api._static(_ERROR_CODES_JSON, "Error codes")))
    public.add(add("GET", "/metadata/{datatype}", api.metadata))
    add("GET", "/vendors", api.list_vendors)
    add("POST", "/vendors", api.list_vendors)
    add("GET", f"/vendors/{item}", api.show_vendor)
    add("GET", "/organizations", api.list_organizations)
    add("POST", "/organizations", api.list_organizations)
    add("GET", "/organizations/types", api._static(_ORGANIZATION_TYPES_JSON, "Organization types"))
    add("GET", "/organizations/usStates", api._static(_US_STATES_JSON, "US states"))
    add("POST", "/organizations/add", api.add_organizations)
    add("POST", "/organizations/modify", api.modify_organizations)
    add("GET", "/organizations/deactivate", api.deactivate_organizations)
    add("GET", "/organizations/activate", api.activate_organizations)
    add("GET", f"/organizations/{item}", api.show_organization)
    add("GET", f"/organizations/{item}/memberships", api.list_organization_memberships)
    add("POST", f"/organizations/{item}/memberships", api.list_organization_memberships)
    add("POST", "/accounts/add", api.add_accounts)
    add("POST", "/accounts/modify", api.modify_accounts)
    add("POST", "/accounts/deactivate", api.deactivate_accounts)
    add("GET", "/accounts/activate", api.activate_accounts)
    add(
        "GET",
        "/accounts/deactivateReasons",
        api._static(_DEACTIVATE_REASONS_JSON, "Account deactivation reasons"),
    )
    add("GET", "/accounts/credentials", api._static(_CREDENTIALS_JSON, "Account credentials"))
    add("GET", "/accounts/specialties", api._static(_SPECIALTIES_JSON, "Account specialties"))
    add("GET", f"/accounts/{item}", api.show_account)
    add("GET", f"/accounts/{item}/memberships", api.list_account_memberships)
    add("POST", f"/accounts/{item}/memberships", api.list_account_memberships)
    return app
