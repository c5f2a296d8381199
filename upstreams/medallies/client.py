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
from dataclasses import dataclass
from typing import Any

from upstreams._errors import UpstreamError, UpstreamNotFound, UpstreamProtocolError
from upstreams._http import JSON, UpstreamClient, error_for_status
from upstreams._keys import IntKey, KeyAlphabet
from upstreams._names import snake, to_camel
from upstreams._shape import Op, expect_object
from upstreams._shape import field as member
from upstreams.medallies import wire
from upstreams.medallies.records import Listing, Record, normalize, read_listing, read_record

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

    def _record(self, op: Op, value: Any, what: str) -> Record:
        return read_record(op, value, what)

    def _listing(
        self, operation: str, body: JSON, *, items: bool = True, count: bool = False
    ) -> Listing:
        return read_listing(Op(self.name, operation), body, items=items, count=count)

    async def _get_one(self, path: str, operation: str, directives: Directives) -> Record | None:
        try:
            answer = await self.call(
                "GET", path, operation=operation, idempotent=True, params=directives.params()
            )
        except UpstreamNotFound:
            return None
        op = Op(self.name, operation)
        record = self._record(op, answer.body, "the answer")
        member(record, "id", int, op)  # the graph keys every object by it
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
        return self._listing(
            operation,
            answer.body,
            items=not directives.count_only,
            count=directives.count_only,
        )

    async def _plain_list(self, path: str, operation: str, directives: Directives) -> Listing:
        answer = await self.call(
            "GET", path, operation=operation, idempotent=True, params=directives.params()
        )
        return self._listing(
            operation,
            answer.body,
            items=not directives.count_only,
            count=directives.count_only,
        )

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
        members = wire.REFERENCE_LISTS[name]  # a KeyError is our bug, not the caller's
        operation = f"list:{name}"
        listing = await self._plain_list(f"{BASE}/{name}", operation, Directives())
        op = Op(self.name, operation)
        # Checked whole before it is returned: the caller caches it for an hour.
        for item in listing.items:
            for key, kind in members.items():
                member(item, key, kind, op)
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
        op = Op(self.name, "listDataTypes")
        listing = self._listing("listDataTypes", answer.body)
        return [member(i, "data_type", str, op) for i in listing.items]

    async def error_codes(self) -> list[Record]:
        answer = await self.call(
            "GET", f"{BASE}/metadata/errorCodes", operation="getErrorCodes", idempotent=True
        )
        op = Op(self.name, "getErrorCodes")
        codes = member(expect_object(answer.body, op), "errorCodes", list, op)
        records = [self._record(op, c, f"errorCodes[{n}]") for n, c in enumerate(codes)]
        for record in records:
            member(record, "code", int, op)
            member(record, "code_string", str, op)
        return records

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
        return self._listing(f"{verb}Organizations", answer.body or {}, items=False).items

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
        return self._listing("deactivateMemberships", answer.body or {}, items=False).items

    async def activate_membership(self, organization_id: int, account_id: int) -> None:
        await self.call(
            "GET",
            f"{BASE}/accounts/activate",
            operation="activateMembership",
            idempotent=False,  # a write, though MedAllies shapes it as a GET
            params={"orgId": str(organization_id), "accountId": str(account_id)},
        )
