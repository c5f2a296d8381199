"""MISPs as the graph reads them: the whole list per request, one MISP by id, and the
license key's status by the by-name read (which never renews a key).

MISP data is not reference data: nothing here outlives the request. The list is read once
per request (``ctx.once``) and filtered, ordered and paged here (MOSIP pages nothing); single
MISPs go through the request's loader, so ``misp``, ``node`` and ``nodes`` share one call
per id.

License keys. ``GET /misps/{id}/licenseKey`` issues a fresh key when the current one has
expired (and de-activates the old one): a write. A query must not rotate a partner's key
(an analyst browsing in GraphiQL would break the partner's integration, and nobody would
receive the new key), so the graph's ``Misp.licenseKey`` reads the key from the by-name read
(``GET /misps/name/{organizationName}``), which carries the current key, its status and its
expiry without changing anything; renewal happens only in ``downloadMispLicenseKey``. What a
query answers is :class:`MaskedKeyRecord`: the key itself never leaves this module outside a
mutation's payload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, TypedDict

from resolvers.core.context import Context
from resolvers.core.errors import GraphError
from resolvers.core.lists import list_page
from resolvers.core.nodes import each_key
from resolvers.core.paging import Page, Window
from resolvers.core.predicates import Getter, Predicate
from upstreams.mosip import MISP_ID, ORGANIZATION_NAME, LicenseKeyRecord, MispRecord, MosipClient

__all__ = [
    "MISP_GETTERS",
    "MaskedKeyRecord",
    "forget_misp",
    "license_key",
    "list_misps",
    "mask",
    "masked",
    "misp",
    "misp_nodes",
]

MISP_GETTERS: Final[Mapping[str, Getter]] = {
    "misp_id": lambda m: m["id"],
    "organization_name": lambda m: m["name"],
    "email": lambda m: m["email"],
    "address": lambda m: m["address"],
    "contact_number": lambda m: m["contact_number"],
    "status": lambda m: m["status"],
    "approval": lambda m: m["approval"],
}

_LIST: Final = ("mosip", "misps")
_BY_ID: Final = ("mosip", "misp")
_BY_NAME: Final = ("mosip", "misps-named")

# A masked key shows its last four characters after an ellipsis (`…4770` for the document's
# `fa604-affcd-33201-04770`): enough to tell two keys apart in a list, never enough to use
# one (4 of 20 or 50 characters). A key too short for that to be safe shows only `…`.
_SHOWN: Final = 4
_SHORTEST_SHOWN: Final = 16


def mask(key: str) -> str:
    """The key as queries show it: ``…`` and its last four characters."""
    return "…" + (key[-_SHOWN:] if len(key) >= _SHORTEST_SHOWN else "")


class MaskedKeyRecord(TypedDict):
    """A license key as a query may show it: never the key itself."""

    masked: str
    status: str | None
    expiry: str | None
    # Whether the expiry has passed, by the gateway's clock (MOSIP's status stays ACTIVE on an
    # expired key until it is renewed); None when MOSIP gave no expiry.
    expired: bool | None


def masked(record: LicenseKeyRecord, now: dt.datetime | None = None) -> MaskedKeyRecord:
    expiry = record["expiry"]
    expired = None
    if expiry is not None:
        moment = dt.datetime.fromisoformat(expiry)
        expired = moment <= (now or dt.datetime.now(dt.UTC))
    return {
        "masked": mask(record["key"]),
        "status": record["status"],
        "expiry": expiry,
        "expired": expired,
    }


async def _all(ctx: Context) -> list[MispRecord]:
    client = ctx.client(MosipClient)
    found: list[MispRecord] = await ctx.once(_LIST, client.list_misps)
    return found


async def list_misps(
    ctx: Context, predicate: Predicate | None, window: Window, order: Sequence[tuple[str, str]]
) -> Page[MispRecord]:
    """A page of every MISP MOSIP lists, by organization name unless told otherwise."""
    return await list_page(
        await _all(ctx),
        window,
        kind="misps",
        predicate=predicate,
        getters=MISP_GETTERS,
        order=list(order) or [("organization_name", "asc")],
        unique="misp_id",
    )


async def _get(ctx: Context, misp_id: str) -> MispRecord | None:
    found: MispRecord | None = await ctx.client(MosipClient).get_misp(misp_id)
    return found


async def misp(ctx: Context, misp_id: str) -> MispRecord | None:
    """One MISP; None when MOSIP has none, or when the id cannot be a MISP id (no call)."""
    if not MISP_ID.valid(misp_id):
        return None
    found: MispRecord | None = await ctx.loader(_BY_ID, lambda k: _get(ctx, k)).load(misp_id)
    return found


async def misp_nodes(ctx: Context, keys: Iterable[str]) -> list[MispRecord | BaseException | None]:
    """MISPs for node keys, in order: None for a malformed key (no call) or an unknown MISP;
    a MISP whose call fails fails alone. The loader sends each distinct id once."""
    return await each_key(keys, lambda k: misp(ctx, k))


def forget_misp(ctx: Context, misp_id: str) -> None:
    """Drop this request's answers about MISPs after a write changed one."""
    ctx.forget(_LIST)
    loader = ctx.loader(_BY_ID, lambda k: _get(ctx, k))
    loader.clear(misp_id)
    ctx.loader(_BY_NAME, lambda k: _named(ctx, k)).clear_all()


async def _named(ctx: Context, name: str) -> list[MispRecord]:
    found: list[MispRecord] = await ctx.client(MosipClient).find_misps(name)
    return found


class UnreadableName(GraphError):
    """The MISP's organization name cannot travel in the by-name read's path."""

    code = "UPSTREAM_ERROR"


async def license_key(ctx: Context, misp_id: str, name: str) -> MaskedKeyRecord | None:
    """The MISP's current key, masked; None when it has none (not approved yet).

    Read by name (one call per distinct name in the request), without renewing anything.
    """
    if not ORGANIZATION_NAME.valid(name):
        raise UnreadableName(
            "MOSIP's by-name read cannot carry this MISP's organization name, so its license "
            "key cannot be read without renewing it; use downloadMispLicenseKey.",
            upstream="mosip",
        )
    found: list[MispRecord] = await ctx.loader(_BY_NAME, lambda k: _named(ctx, k)).load(name)
    for record in found:
        if record["id"] == misp_id:
            key = record["license_key"]
            return None if key is None else masked(key)
    return None
