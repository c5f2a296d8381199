"""Organizations, vendors, accounts and memberships (MedAllies): planning, paging, writes.

MedAllies can do everything a connection asks in one request: the filter goes down whole as
``filterOn`` (see :mod:`resolvers.onboarding.filter_on`), the order as ``sortOn`` (with the id
as the last key, so offset paging is stable and reversible), the page as offset/limit, and the
selection as ``_fields`` / ``_collapse``. ``_count`` is asked when only ``totalCount`` is
wanted and ``_items`` when ``totalCount`` is not, so the upstream never counts for nothing.
Cursors carry the absolute offset and a fingerprint of the filter and order they belong to.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson

from resolvers.core import paging
from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Page, Slice, Window
from resolvers.core.predicates import Predicate
from resolvers.core.values import parse_datetime
from resolvers.core.writes import (
    Dialect,
    InputPaths,
    Outcome,
    UserErrorCode,
    UserErrorRecord,
    none_named,
)
from resolvers.core.writes import write as core_write
from resolvers.onboarding.filter_on import FieldSpec, FieldType, to_filter_on
from upstreams import UpstreamNotFound, UpstreamRejected
from upstreams.medallies import Directives, Listing, ListQuery, MedAlliesClient, snake, to_camel

__all__ = [
    "ACCOUNT_FIELDS",
    "MEMBERSHIP_FIELDS",
    "ORGANIZATION_FIELDS",
    "VENDOR_FIELDS",
    "WHOLE",
    "Directives",
    "ListPlan",
    "offset_page",
]

Record = dict[str, Any]
WHOLE = Directives()  # no directives: whole records
FILTER_ERRORS = frozenset({"153", "154", "155", "156", "157", "158"})


def _path_getter(path: str) -> Callable[[Any], Any]:
    keys = path.split(".")

    def get(record: Any) -> Any:
        value = record
        for key in keys:
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        return value

    return get


def _date_getter(path: str) -> Callable[[Any], Any]:
    raw = _path_getter(path)

    def get(record: Any) -> Any:
        return parse_datetime(raw(record))

    return get


def _spec(record_path: str, kind: FieldType, wire: Callable[[Any], Any] | None = None) -> FieldSpec:
    getter = _date_getter(record_path) if kind is FieldType.DATE else _path_getter(record_path)
    return FieldSpec(path=to_camel(record_path), type=kind, get=getter, wire=wire)


def _nested(prefix: str, fields: Mapping[str, FieldSpec]) -> dict[str, FieldSpec]:
    """The same fields reached through a sub-object (``vendor.name``)."""
    out: dict[str, FieldSpec] = {}
    for name, spec in fields.items():
        record_path = f"{prefix}.{_snake_path(spec.path)}"
        getter = (
            _date_getter(record_path) if spec.type is FieldType.DATE else _path_getter(record_path)
        )
        out[f"{prefix}.{name}"] = FieldSpec(
            path=f"{to_camel(prefix)}.{spec.path}", type=spec.type, get=getter, wire=spec.wire
        )
    return out


def _snake_path(path: str) -> str:
    return ".".join(snake(p) for p in path.split("."))


S, N, B, D = FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.DATE

# Filter field (the GraphQL filter's snake_case name) → upstream path, type, local reader.
VENDOR_FIELDS: dict[str, FieldSpec] = {
    "vendor_id": _spec("id", N),
    "name": _spec("name", S),
    "product": _spec("product", S),
    "root_domain": _spec("root_domain", S),
    "endpoint_type_code": _spec("endpoint_type.code", N),
}
ORGANIZATION_FIELDS: dict[str, FieldSpec] = {
    "organization_id": _spec("id", N),
    "organization_name": _spec("organization_name", S),
    "type_code": _spec("type_code", N),
    "tin": _spec("tin", S),
    "npi": _spec("npi", N),
    "status": _spec("status.code", N),
    "direct_abbreviation": _spec("direct_abbreviation", S),
    "practice_street1": _spec("practice_street1", S),
    "practice_street2": _spec("practice_street2", S),
    "practice_city": _spec("practice_city", S),
    "practice_state": _spec("practice_state", S),
    "practice_zip": _spec("practice_zip", S),
    "telephone_number": _spec("telephone_number", S),
    "specialization": _spec("specialization", S),
    "endpoint_uri": _spec("endpoint_uri", S),
    "creation_date_time": _spec("creation_date_time", D),
    "last_update_date_time": _spec("last_update_date_time", D),
    "domain_name": _spec("domain.domain_name", S),
    **_nested("vendor", VENDOR_FIELDS),
}
ACCOUNT_FIELDS: dict[str, FieldSpec] = {
    "account_id": _spec("id", N),
    "account_type": _spec("account_type", S),
    "department_name": _spec("department_name", S),
    "npin": _spec("npin", S),
    "first_name": _spec("first_name", S),
    "last_name": _spec("last_name", S),
    "gender": _spec("gender", S),
    "credentials": _spec("credentials", S),
    "specialty": _spec("specialty", S),
    "telephone_number": _spec("telephone_number", S),
    "create_date_time": _spec("create_date_time", D),
    "last_update_date_time": _spec("last_update_date_time", D),
}
MEMBERSHIP_FIELDS: dict[str, FieldSpec] = {
    "direct_address_local_part": _spec("direct_address_local_part", S),
    "direct_address": _spec("direct_address", S),
    "business_email": _spec("business_email", S),
    "publishable": _spec("publishable", B),
    "status": _spec("status.code", N),
    "create_date_time": _spec("create_date_time", D),
    "last_update_date_time": _spec("last_update_date_time", D),
    **_nested("account", ACCOUNT_FIELDS),
}


def getters(fields: Mapping[str, FieldSpec]) -> dict[str, Callable[[Any], Any]]:
    """Local readers for :func:`resolvers.core.predicates.evaluate`, field by field."""
    return {name: spec.get for name, spec in fields.items()}


@dataclass(frozen=True, slots=True)
class ListPlan:
    """One upstream list request: filter, order and the selection's directives."""

    filter_on: Mapping[str, Any] | None
    sort_on: tuple[tuple[str, str], ...]
    fields: tuple[str, ...] = ()
    collapse: tuple[str, ...] = ()
    want_items: bool = True
    want_count: bool = False

    @classmethod
    def build(
        cls,
        predicate: Predicate | None,
        specs: Mapping[str, FieldSpec],
        order: Sequence[tuple[str, str]],
        *,
        unique: str = "id",
        **selection: Any,
    ) -> ListPlan:
        sort = tuple(order)
        if not any(path == unique for path, _ in sort):
            # A total order: offsets stay stable, and reversing it is exact.
            sort += ((unique, "asc"),)
        return cls(filter_on=to_filter_on(predicate, specs), sort_on=sort, **selection)

    @property
    def key(self) -> tuple[object, ...]:
        """Hashable: tells two requests apart (the filter itself is a dict)."""
        return (self.fingerprint, self.fields, self.collapse, self.want_items, self.want_count)

    @property
    def fingerprint(self) -> str:
        body = orjson.dumps([self.filter_on, self.sort_on], option=orjson.OPT_SORT_KEYS)
        return hashlib.blake2b(body, digest_size=6).hexdigest()

    def directives(self, *, count: bool) -> Directives:
        if not self.want_items:
            return Directives(count_only=True)
        return Directives(fields=self.fields, collapse=self.collapse, items_only=not count)

    def reversed_sort(self) -> tuple[tuple[str, str], ...]:
        return tuple((p, "desc" if d == "asc" else "asc") for p, d in self.sort_on)


Fetch = Callable[[ListQuery, Directives], Awaitable[Listing]]


async def offset_page(fetch: Fetch, plan: ListPlan, window: Window, *, kind: str) -> Page[Record]:
    """One Relay page of a MedAllies list: the core pager over ``ListQuery`` + directives."""

    def get(part: Slice) -> Awaitable[Listing]:
        query = ListQuery(
            offset=part.offset,
            limit=part.limit,
            sort_on=plan.reversed_sort() if part.reverse else plan.sort_on,
            filter_on=plan.filter_on,
        )
        return fetch(query, plan.directives(count=part.count))

    return await paging.offset_page(
        get,
        window,
        kind=kind,
        fingerprint=plan.fingerprint,
        want_items=plan.want_items,
        want_count=plan.want_count,
    )


# --- writes --------------------------------------------------------------------------------

# MedAllies' 400s: ``{errorCode, message, parameterName}``; 102 means a required parameter
# was not sent, and a 404's message says what was not found.
MEDALLIES = Dialect(
    missing={"102"},
    not_found_detail=True,
    phrases={"REST_INVALID_PARAM": "is invalid", "REST_MISSING_REQ_PARAM": "is required"},
)


def write(
    call: Awaitable[Any], paths: InputPaths, *, not_found: UserErrorRecord | None = None
) -> Awaitable[Outcome[Any]]:
    """A MedAllies write; its 400s with parameterName become userErrors on those fields."""
    return core_write(call, paths=paths, not_found=not_found, dialect=MEDALLIES)


def check_filter_error(exc: UpstreamRejected) -> None:
    """Filter errors 153-158 are the caller's: BAD_USER_INPUT naming the filter path."""
    if FILTER_ERRORS & set(exc.error_codes):
        raise BadUserInput(
            f"The upstream refused the filter: {exc.detail or exc.summary}",
            argument="filter",
            filterPath=sorted(exc.field_errors),
            upstreamCodes=list(exc.error_codes),
        ) from exc


# --- reads through the request's loaders ---------------------------------------------------

_GETTERS: dict[str, str] = {
    "organization": "get_organization",
    "account": "get_account",
    "vendor": "get_vendor",
}


async def load_many(
    ctx: Context, kind: str, ids: Sequence[int], directives: Directives = WHOLE
) -> list[Record | None]:
    """Organizations, accounts or vendors by id: one call per distinct id, all at once."""
    client = ctx.client(MedAlliesClient)
    getter = getattr(client, _GETTERS[kind])

    async def fetch(key: int) -> Record | None:
        if key < 0:
            return None
        record: Record | None = await getter(key, directives)
        return record

    loader = ctx.loader((kind, directives), fetch)
    result: Any = await loader.load_many(list(ids))
    return list(result)


async def _listing(call: Awaitable[Listing]) -> Listing:
    try:
        return await call
    except UpstreamRejected as exc:
        check_filter_error(exc)
        raise


def _fetcher(
    post: Callable[[ListQuery, Directives], Awaitable[Listing]],
    get: Callable[[int, int, Directives], Awaitable[Listing]],
    unique: str,
) -> Fetch:
    """POST the filterable list, or GET the plain one when there is no filter and the order
    is the upstream's default (its unique key ascending): the same answer, simpler call."""

    def fetch(query: ListQuery, directives: Directives) -> Awaitable[Listing]:
        if query.filter_on is None and query.sort_on == ((unique, "asc"),) and query.limit:
            return _listing(get(query.offset, query.limit, directives))
        return _listing(post(query, directives))

    return fetch


async def organizations(ctx: Context, plan: ListPlan, window: Window) -> Page[Record]:
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(client.list_organizations, client.list_organizations_plain, "id")
    return await offset_page(fetch, plan, window, kind="organizations")


async def vendors(ctx: Context, plan: ListPlan, window: Window) -> Page[Record]:
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(client.list_vendors, client.list_vendors_plain, "id")
    return await offset_page(fetch, plan, window, kind="vendors")


# Each side of the membership list: the client's POST and GET calls, the upstream's unique
# sort key on that side, and the id of the owner each record belongs to.
_SIDES = {
    "organization": ("list_organization_memberships", "account.id", "organization_id"),
    "account": ("list_account_memberships", "organization.id", "account_id"),
}


async def memberships(
    ctx: Context, side: str, owner_id: int, plan: ListPlan, window: Window
) -> Page[Record]:
    """One organization's (or account's) memberships; the same page of the same owner asked
    for twice in one query (aliases, repeated fragments) is fetched once."""
    method, unique, owner_key = _SIDES[side]
    client = ctx.client(MedAlliesClient)
    fetch = _fetcher(
        partial(getattr(client, method), owner_id),
        partial(getattr(client, f"{method}_plain"), owner_id),
        unique,
    )
    key = (side, owner_id, plan.key, window)
    page: Page[Record] = await ctx.once(
        key, lambda: offset_page(fetch, plan, window, kind=f"{side}-memberships")
    )
    for edge in page.edges:
        edge.record.setdefault(owner_key, owner_id)
    return page


async def load_memberships(ctx: Context, keys: Sequence[tuple[int, ...]]) -> list[Record | None]:
    """Memberships by (organization id, account id): there is no read by key upstream, so
    each is a filtered list of its organization's memberships."""
    client = ctx.client(MedAlliesClient)

    async def one(key: tuple[int, ...]) -> Record | None:
        org_id, account_id = key
        if org_id < 0 or account_id < 0:
            return None
        query = ListQuery(
            limit=1, filter_on={"fieldName": "account.id", "fieldValues": [account_id], "method": 3}
        )
        try:
            listing = await client.list_organization_memberships(
                org_id, query, Directives(items_only=True)
            )
        except UpstreamNotFound:
            return None
        if not listing.items:
            return None
        record = listing.items[0]
        record.setdefault("organization_id", org_id)
        return record

    return list(await asyncio.gather(*(one(k) for k in keys)))


async def reference(ctx: Context, name: str) -> list[Record]:
    client = ctx.client(MedAlliesClient)
    items: list[Record] = await ctx.reference.get(
        f"medallies:{name}", lambda: client.reference_list(name)
    )
    return items


async def metadata(ctx: Context, data_type: str) -> Record | None:
    client = ctx.client(MedAlliesClient)
    record: Record | None = await ctx.reference.get(
        f"medallies:metadata:{data_type.lower()}", lambda: client.metadata(data_type)
    )
    return record


async def data_types(ctx: Context) -> list[str]:
    client = ctx.client(MedAlliesClient)
    names: list[str] = await ctx.reference.get("medallies:dataTypes", client.data_types)
    return names


async def error_codes(ctx: Context) -> list[Record]:
    client = ctx.client(MedAlliesClient)
    codes: list[Record] = await ctx.reference.get("medallies:errorCodes", client.error_codes)
    return codes


# --- writes: checks the graph can make before any call -------------------------------------

_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "tin": (re.compile(r"\d{9}"), "must be 9 digits"),
    "npi": (re.compile(r"\d{10}"), "must be 10 digits"),
    "npin": (re.compile(r"\d{10}"), "must be 10 digits"),
    "practice_zip": (re.compile(r"\d{5}(-\d{4})?"), "must be 55555 or 55555-5555"),
    "telephone_number": (re.compile(r"\(\d{3}\) \d{3}-\d{4}.*"), "must be (555) 555-5555"),
    "fax_number": (re.compile(r"\(\d{3}\) \d{3}-\d{4}"), "must be (555) 555-5555"),
    "direct_address_local_part": (
        re.compile(r"[A-Za-z0-9_-]+"),
        "may hold letters, digits, '-' and '_' only",
    ),
}


def check_fields(values: Mapping[str, Any], path: tuple[str, ...]) -> list[UserErrorRecord]:
    """The documented formats (tin, npi, zip, phone, Direct local part), before any call."""
    errors: list[UserErrorRecord] = []
    for name, value in values.items():
        rule = _RULES.get(name)
        if rule is None or value is None:
            continue
        pattern, message = rule
        if not pattern.fullmatch(str(value)):
            graph = to_camel(name)
            errors.append(
                UserErrorRecord(
                    field=(*path, graph), message=f"{graph} {message}.", code=UserErrorCode.INVALID
                )
            )
    return errors


async def check_codes(
    ctx: Context, values: Mapping[str, Any], path: tuple[str, ...]
) -> list[UserErrorRecord]:
    """typeCode and practiceState against the upstream's own (cached) reference lists."""
    errors: list[UserErrorRecord] = []
    if values.get("type_code") is not None:
        codes = {t.get("code") for t in await reference(ctx, "organizations/types")}
        if values["type_code"] not in codes:
            errors.append(
                UserErrorRecord(
                    field=(*path, "typeCode"),
                    message=f"typeCode must be one of {sorted(c for c in codes if c is not None)}.",
                    code=UserErrorCode.INVALID,
                )
            )
    if values.get("practice_state") is not None:
        states = {s.get("abbreviation") for s in await reference(ctx, "organizations/usStates")}
        if values["practice_state"] not in states:
            errors.append(
                UserErrorRecord(
                    field=(*path, "practiceState"),
                    message="practiceState must be a two-letter US state code.",
                    code=UserErrorCode.INVALID,
                )
            )
    return errors


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
            body[to_camel(name)] = value
    return body


_ORG_RENAMES = {"id": "organizationId", "vendor.id": "vendorId", "vendor": "vendorId"}


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
    body = {to_camel(k): v for k, v in values.items() if k != "account_id"}
    if "account_id" in values:
        body["id"] = values["account_id"]
    return body


_MEMBERSHIP_RENAMES = {"organizationId": "organizationId", "account.id": "accountId"}


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
