"""The MedAllies Onboarding client: organizations, vendors, accounts, memberships, reference
lists and metadata, with the query directives and the filter DSL on the wire.

Answers are normalized at the edge: keys become snake_case (``organizationName`` →
``organization_name``, ``practiceStreet1`` → ``practice_street1``) at every depth, ids stay
integers, and a list answer becomes a :class:`Listing` whether the upstream sent ``count``,
``items`` or both.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from upstreams._errors import UpstreamError, UpstreamNotFound, UpstreamProtocolError
from upstreams._http import JSON, UpstreamClient, error_for_status
from upstreams._keys import IntKey, KeyAlphabet
from upstreams._names import snake, to_camel
from upstreams._shape import Op, expect_object, expect_objects, optional_field
from upstreams.medallies import wire

__all__ = [
    "Directives",
    "ListQuery",
    "Listing",
    "MedAlliesClient",
    "normalize",
    "snake",
    "to_camel",
]

BASE = wire.BASE_PATH
Record = dict[str, Any]


def normalize(value: Any) -> Any:
    """snake_case keys at every depth."""
    kind = type(value)
    if kind is dict:
        return {snake(k): normalize(v) for k, v in value.items()}
    if kind is list:
        return [normalize(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Directives:
    """The query directives of one request (``_fields``, ``_collapse``, ``_count``, ``_items``).

    Paths are the upstream's camelCase field names, dotted into sub-objects.
    """

    fields: tuple[str, ...] = ()
    collapse: tuple[str, ...] = ()
    count_only: bool = False
    items_only: bool = False

    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.fields:
            params[wire.FIELDS] = ",".join(self.fields)
        if self.collapse:
            params[wire.COLLAPSE] = ",".join(self.collapse)
        if self.count_only:
            params[wire.COUNT] = "true"
        elif self.items_only:
            params[wire.ITEMS] = "true"
        return params


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The body of a filterable list request: ``{offset, limit, sortOn, filterOn}``."""

    offset: int = 0
    limit: int = 0
    sort_on: tuple[tuple[str, str], ...] = ()
    filter_on: Mapping[str, Any] | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"offset": self.offset, "limit": self.limit}
        if self.sort_on:
            body["sortOn"] = dict(self.sort_on)
        if self.filter_on is not None:
            body["filterOn"] = self.filter_on
        return body


@dataclass(frozen=True, slots=True)
class Listing:
    """A list answer; ``count`` is None when ``_items`` left it out."""

    items: list[Record] = field(default_factory=list)
    count: int | None = None


class MedAlliesClient(UpstreamClient):
    """MedAllies over HTTP: an app key and Basic credentials on every call but metadata."""

    name = "medallies"

    def auth_headers(self) -> dict[str, str]:
        creds = self.settings.credentials
        basic = base64.b64encode(
            f"{creds.get('USERNAME', '')}:{creds.get('PASSWORD', '')}".encode()
        ).decode()
        return {
            "X-MedAllies-App-Key": creds.get("APP_KEY", ""),
            "Authorization": f"Basic {basic}",
            "accept": "application/json",
        }

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        code = body.get("errorCode") if isinstance(body, Mapping) else None
        message = body.get("message") if isinstance(body, Mapping) else None
        params = body.get("parameterName") if isinstance(body, Mapping) else None
        field_errors = {str(p): [str(message or "is invalid")] for p in params or ()}
        return error_for_status(
            self.name,
            operation,
            status,
            field_errors=field_errors,
            error_codes=(str(code),) if code is not None else (),
            detail=str(message) if message and status in (400, 404) else None,
        )

    # --- shared shapes -----------------------------------------------------------------

    def _listing(self, operation: str, body: JSON) -> Listing:
        # `_count` and `_items` leave either member out; a member present is checked.
        op = Op(self.name, operation)
        answer = expect_object(body, op)
        items = optional_field(answer, "items", list, op)
        return Listing(
            items=[normalize(i) for i in expect_objects(items or [], op, "items")],
            count=optional_field(answer, "count", int, op),
        )

    async def _get_one(self, path: str, operation: str, directives: Directives) -> Record | None:
        try:
            answer = await self.call(
                "GET", path, operation=operation, idempotent=True, params=directives.params()
            )
        except UpstreamNotFound:
            return None
        if not isinstance(answer.body, Mapping):
            raise UpstreamProtocolError(self.name, operation, detail="not an object")
        record: Record = normalize(answer.body)
        return record

    async def _list(
        self, path: str, operation: str, query: ListQuery, directives: Directives
    ) -> Listing:
        answer = await self.call(
            "POST",
            path,
            operation=operation,
            idempotent=True,
            params=directives.params(),
            json=query.body(),
        )
        return self._listing(operation, answer.body)

    async def _plain_list(self, path: str, operation: str, directives: Directives) -> Listing:
        answer = await self.call(
            "GET", path, operation=operation, idempotent=True, params=directives.params()
        )
        return self._listing(operation, answer.body)

    # --- reads ---------------------------------------------------------------------------

    def _id(self, kind: IntKey | KeyAlphabet, key: int | str, operation: str) -> str:
        """``key`` as one path segment, or KeyRefused (BAD_USER_INPUT) before any request."""
        if isinstance(kind, IntKey):
            return kind.segment(key, upstream=self.name, operation=operation)
        return kind.segment(str(key), upstream=self.name, operation=operation)

    async def health(self) -> bool:
        """An authenticated read of a small list: proves the keys work, not just the route."""
        listing = await self._plain_list(
            f"{BASE}/organizations/types", "health", Directives(count_only=True)
        )
        return listing.count is not None

    async def get_vendor(
        self, vendor_id: int, directives: Directives = Directives()
    ) -> Record | None:
        return await self._get_one(
            f"{BASE}/vendors/{self._id(wire.VENDOR_ID, vendor_id, 'getVendor')}",
            "getVendor",
            directives,
        )

    async def list_vendors(
        self, query: ListQuery, directives: Directives = Directives()
    ) -> Listing:
        return await self._list(f"{BASE}/vendors", "listVendors", query, directives)

    async def list_vendors_plain(
        self, offset: int, limit: int, directives: Directives = Directives()
    ) -> Listing:
        return await self._plain_list(
            f"{BASE}/vendors?offset={offset}&limit={limit}", "listVendors", directives
        )

    async def get_organization(
        self, organization_id: int, directives: Directives = Directives()
    ) -> Record | None:
        key = self._id(wire.ORGANIZATION_ID, organization_id, "getOrganization")
        return await self._get_one(f"{BASE}/organizations/{key}", "getOrganization", directives)

    async def list_organizations(
        self, query: ListQuery, directives: Directives = Directives()
    ) -> Listing:
        return await self._list(f"{BASE}/organizations", "listOrganizations", query, directives)

    async def list_organizations_plain(
        self, offset: int, limit: int, directives: Directives = Directives()
    ) -> Listing:
        return await self._plain_list(
            f"{BASE}/organizations?offset={offset}&limit={limit}", "listOrganizations", directives
        )

    async def list_organization_memberships(
        self, organization_id: int, query: ListQuery, directives: Directives = Directives()
    ) -> Listing:
        key = self._id(wire.ORGANIZATION_ID, organization_id, "listOrganizationMemberships")
        return await self._list(
            f"{BASE}/organizations/{key}/memberships",
            "listOrganizationMemberships",
            query,
            directives,
        )

    async def list_organization_memberships_plain(
        self, organization_id: int, offset: int, limit: int, directives: Directives = Directives()
    ) -> Listing:
        key = self._id(wire.ORGANIZATION_ID, organization_id, "listOrganizationMemberships")
        return await self._plain_list(
            f"{BASE}/organizations/{key}/memberships?offset={offset}&limit={limit}",
            "listOrganizationMemberships",
            directives,
        )

    async def get_account(
        self, account_id: int, directives: Directives = Directives()
    ) -> Record | None:
        return await self._get_one(
            f"{BASE}/accounts/{self._id(wire.ACCOUNT_ID, account_id, 'getAccount')}",
            "getAccount",
            directives,
        )

    async def list_account_memberships(
        self, account_id: int, query: ListQuery, directives: Directives = Directives()
    ) -> Listing:
        key = self._id(wire.ACCOUNT_ID, account_id, "listAccountMemberships")
        return await self._list(
            f"{BASE}/accounts/{key}/memberships",
            "listAccountMemberships",
            query,
            directives,
        )

    async def list_account_memberships_plain(
        self, account_id: int, offset: int, limit: int, directives: Directives = Directives()
    ) -> Listing:
        key = self._id(wire.ACCOUNT_ID, account_id, "listAccountMemberships")
        return await self._plain_list(
            f"{BASE}/accounts/{key}/memberships?offset={offset}&limit={limit}",
            "listAccountMemberships",
            directives,
        )

    async def reference_list(self, name: str) -> list[Record]:
        """organizations/types, organizations/usStates, accounts/deactivateReasons,
        accounts/credentials or accounts/specialties."""
        listing = await self._plain_list(f"{BASE}/{name}", f"list:{name}", Directives())
        return listing.items

    async def metadata(self, data_type: str) -> Record | None:
        """A datatype's metadata (no credentials needed); None for an unknown datatype."""
        try:
            # Only datatype names reach the path: `.` or `..` would reach another route.
            path = f"{BASE}/metadata/{self._id(wire.DATA_TYPE, data_type, 'getMetadata')}"
            answer = await self.call("GET", path, operation="getMetadata", idempotent=True)
        except UpstreamNotFound:
            return None
        record: Record = normalize(answer.body)
        return record

    async def data_types(self) -> list[str]:
        """The datatypes the metadata resource describes (no credentials needed)."""
        answer = await self.call(
            "GET", f"{BASE}/metadata", operation="listDataTypes", idempotent=True
        )
        listing = self._listing("listDataTypes", answer.body)
        return [str(i["data_type"]) for i in listing.items if "data_type" in i]

    async def error_codes(self) -> list[Record]:
        answer = await self.call(
            "GET", f"{BASE}/metadata/errorCodes", operation="getErrorCodes", idempotent=True
        )
        codes = answer.body.get("errorCodes") if isinstance(answer.body, Mapping) else None
        return [normalize(c) for c in codes or ()]

    # --- writes --------------------------------------------------------------------------

    async def _write_many(
        self, path: str, operation: str, items: Sequence[Mapping[str, Any]], ok: tuple[int, ...]
    ) -> list[Record]:
        body: Any = dict(items[0]) if len(items) == 1 else {"items": [dict(i) for i in items]}
        answer = await self.call(
            "POST", path, operation=operation, idempotent=False, json=body, ok=ok
        )
        payload = answer.body
        if isinstance(payload, Mapping) and isinstance(payload.get("items"), list):
            return [normalize(i) for i in payload["items"]]
        if isinstance(payload, Mapping):
            return [normalize(payload)]
        raise UpstreamProtocolError(self.name, operation, detail="no written data in the answer")

    async def add_organizations(self, items: Sequence[Mapping[str, Any]]) -> list[Record]:
        return await self._write_many(
            f"{BASE}/organizations/add", "addOrganizations", items, (200, 201)
        )

    async def modify_organizations(self, items: Sequence[Mapping[str, Any]]) -> list[Record]:
        return await self._write_many(
            f"{BASE}/organizations/modify", "modifyOrganizations", items, (200,)
        )

    async def set_organizations_active(self, ids: Sequence[int], *, active: bool) -> list[Record]:
        verb = "activate" if active else "deactivate"
        answer = await self.call(
            "GET",
            f"{BASE}/organizations/{verb}",
            operation=f"{verb}Organizations",
            idempotent=False,  # a write, though MedAllies shapes it as a GET
            params={"orgId": ",".join(str(i) for i in ids)},
        )
        return self._listing(f"{verb}Organizations", answer.body or {}).items

    async def add_memberships(self, items: Sequence[Mapping[str, Any]]) -> list[Record]:
        """Each result is ``{"status_code": 1..4, "item": membership}``."""
        return await self._write_many(f"{BASE}/accounts/add", "addMemberships", items, (200, 201))

    async def modify_memberships(self, items: Sequence[Mapping[str, Any]]) -> list[Record]:
        return await self._write_many(f"{BASE}/accounts/modify", "modifyMemberships", items, (200,))

    async def deactivate_memberships(
        self, organization_id: int, items: Sequence[tuple[int, int]]
    ) -> list[Record]:
        """``items`` are (account id, reason code) pairs, all with one organization."""
        if len(items) == 1:
            body: dict[str, Any] = {
                "orgId": organization_id,
                "accountId": items[0][0],
                "reasonCode": items[0][1],
            }
        else:
            body = {
                "orgId": organization_id,
                "items": [{"accountId": a, "reasonCode": r} for a, r in items],
            }
        answer = await self.call(
            "POST",
            f"{BASE}/accounts/deactivate",
            operation="deactivateMemberships",
            idempotent=False,
            json=body,
        )
        return self._listing("deactivateMemberships", answer.body or {}).items

    async def activate_membership(self, organization_id: int, account_id: int) -> None:
        await self.call(
            "GET",
            f"{BASE}/accounts/activate",
            operation="activateMembership",
            idempotent=False,  # a write, though MedAllies shapes it as a GET
            params={"orgId": str(organization_id), "accountId": str(account_id)},
        )
