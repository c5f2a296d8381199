"""Writes to MedAllies: checked first (:mod:`resolvers.onboarding.checks`), sent once, and
its refusals turned into userErrors by the core write helper in the MedAllies dialect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from resolvers.core.context import Context
from resolvers.core.writes import (
    Dialect,
    InputPaths,
    Outcome,
    UserErrorCode,
    UserErrorRecord,
    none_named,
)
from resolvers.core.writes import write as core_write
from resolvers.onboarding.checks import check_codes, check_fields
from resolvers.onboarding.fields import (
    Record,
)
from upstreams.medallies import (
    MedAlliesClient,
    to_camel,
    wire,
)

# MedAllies' 400s: ``{errorCode, message, parameterName}``; 102 means a required parameter
# was not sent, and a 404's message says what was not found.
MEDALLIES = Dialect(
    missing={str(wire.ErrorCode.MISSING_REQ_PARAM)},
    not_found_detail=True,
    phrases={
        wire.ERROR_NAMES[wire.ErrorCode.INVALID_PARAM]: "is invalid",
        wire.ERROR_NAMES[wire.ErrorCode.MISSING_REQ_PARAM]: "is required",
    },
)


def write(
    call: Awaitable[Any], paths: InputPaths, *, not_found: UserErrorRecord | None = None
) -> Awaitable[Outcome[Any]]:
    """A MedAllies write; its 400s with parameterName become userErrors on those fields."""
    return core_write(call, paths=paths, not_found=not_found, dialect=MEDALLIES)


# Graph input field (snake_case) → MedAllies field, where camelCase alone does not map.
ORGANIZATION_WIRE = {
    "street_address1": "practiceStreet1",
    "street_address2": "practiceStreet2",
    "city": "practiceCity",
    "state": "practiceState",
    "postal_code": "practiceZip",
    "phone_number": "telephoneNumber",
}
ACCOUNT_WIRE = {"phone_number": "telephoneNumber", "npi": "npin"}


def _graph_names(wire: Mapping[str, str], prefix: str = "") -> dict[str, str]:
    """MedAllies parameter names back to graph input names, for userError paths."""
    return {f"{prefix}{w}": f"{prefix}{to_camel(g)}" for g, w in wire.items()}


def organization_body(values: Mapping[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, value in values.items():
        if name == "vendor_id":
            body["vendor"] = {"id": value}
        elif name == "organization_id":
            body["id"] = value
        elif name == "npi" and value is not None:
            body["npi"] = int(value)
        else:
            body[ORGANIZATION_WIRE.get(name) or to_camel(name)] = value
    return body


_ORG_RENAMES = {
    "id": "organizationId",
    "vendor.id": "vendorId",
    "vendor": "vendorId",
    **_graph_names(ORGANIZATION_WIRE),
}


async def create_organizations(
    ctx: Context, items: Sequence[Mapping[str, Any]]
) -> Outcome[list[Record]]:
    return await _write_organizations(ctx, items, ctx.client(MedAlliesClient).add_organizations)


async def modify_organizations(
    ctx: Context, items: Sequence[Mapping[str, Any]]
) -> Outcome[list[Record]]:
    return await _write_organizations(
        ctx,
        items,
        ctx.client(MedAlliesClient).modify_organizations,
        not_found=UserErrorRecord(
            field=("input", "organizations"),
            message="No such organization.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )


async def _write_organizations(
    ctx: Context,
    items: Sequence[Mapping[str, Any]],
    send: Callable[[list[dict[str, Any]]], Awaitable[list[Record]]],
    *,
    not_found: UserErrorRecord | None = None,
) -> Outcome[list[Record]]:
    """Check every item the graph can, then send them all in one call (all or none)."""
    errors: list[UserErrorRecord] = []
    for index, values in enumerate(items):
        path = ("input", "organizations", str(index))
        errors += check_fields(values, path)
        errors += await check_codes(ctx, values, path)
    if errors:
        return Outcome(user_errors=errors)
    return await write(
        send([organization_body(v) for v in items]),
        InputPaths("organizations", _ORG_RENAMES),
        not_found=not_found,
    )


async def set_organizations_active(
    ctx: Context, ids: Sequence[int], *, active: bool
) -> Outcome[list[Record]]:
    if not ids:
        return none_named("organizationIds", "organization")
    client = ctx.client(MedAlliesClient)
    return await write(
        client.set_organizations_active(ids, active=active),
        InputPaths(renames={"orgId": "organizationIds"}),
        not_found=UserErrorRecord(
            field=("input", "organizationIds"),
            message="No organization with one of these ids.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )


def _account_body(values: Mapping[str, Any]) -> dict[str, Any]:
    body = {ACCOUNT_WIRE.get(k) or to_camel(k): v for k, v in values.items() if k != "account_id"}
    if "account_id" in values:
        body["id"] = values["account_id"]
    return body


_MEMBERSHIP_RENAMES = {
    "organizationId": "organizationId",
    "account.id": "accountId",
    **_graph_names(ACCOUNT_WIRE, "account."),
}


async def add_membership(
    ctx: Context,
    organization_id: int,
    account: Mapping[str, Any],
    membership: Mapping[str, Any],
) -> Outcome[Record]:
    """Add an account (new or matched) to an organization; the record carries status_code."""
    errors = check_fields(account, ("input", "account")) + check_fields(membership, ("input",))
    if errors:
        return Outcome(user_errors=errors)
    body = {
        "organizationId": organization_id,
        "account": _account_body(account),
        **{to_camel(k): v for k, v in membership.items()},
    }
    client = ctx.client(MedAlliesClient)
    outcome: Outcome[list[Record]] = await write(
        client.add_memberships([body]),
        InputPaths(renames=_MEMBERSHIP_RENAMES),
        not_found=UserErrorRecord(
            field=("input", "organizationId"),
            message="No such organization.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )
    if outcome.value is None:
        return Outcome(user_errors=outcome.user_errors)
    return Outcome(value=outcome.value[0])


async def modify_memberships(
    ctx: Context, organization_id: int, items: Sequence[Mapping[str, Any]]
) -> Outcome[list[Record]]:
    errors: list[UserErrorRecord] = []
    bodies: list[dict[str, Any]] = []
    for index, values in enumerate(items):
        path = ("input", "memberships", str(index))
        account = dict(values.get("account") or {})
        own = {k: v for k, v in values.items() if k not in ("account", "account_id")}
        errors += check_fields(own, path) + check_fields(account, (*path, "account"))
        bodies.append(
            {
                "organizationId": organization_id,
                "account": {"id": values["account_id"], **_account_body(account)},
                **{to_camel(k): v for k, v in own.items()},
            }
        )
    if errors:
        return Outcome(user_errors=errors)
    client = ctx.client(MedAlliesClient)
    return await write(
        client.modify_memberships(bodies),
        InputPaths("memberships", _MEMBERSHIP_RENAMES),
        not_found=UserErrorRecord(
            field=("input", "memberships"),
            message="No such membership.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )


async def activate_membership(ctx: Context, organization_id: int, account_id: int) -> Outcome[bool]:
    client = ctx.client(MedAlliesClient)

    async def call() -> bool:
        await client.activate_membership(organization_id, account_id)
        return True

    return await write(
        call(),
        InputPaths(renames={"orgId": "organizationId", "accountId": "accountId"}),
        not_found=UserErrorRecord(
            field=("input", "accountId"),
            message="No membership of this account in this organization.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )


async def deactivate_memberships(
    ctx: Context, organization_id: int, items: Sequence[tuple[int, int]]
) -> Outcome[list[Record]]:
    if not items:
        return none_named("memberships", "membership")
    client = ctx.client(MedAlliesClient)
    return await write(
        client.deactivate_memberships(organization_id, items),
        InputPaths("memberships", {"orgId": "organizationId"}),
        not_found=UserErrorRecord(
            field=("input", "memberships"),
            message="No membership of one of these accounts in this organization.",
            code=UserErrorCode.NOT_FOUND,
        ),
    )
