"""The API: one handler per documented route."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, cast

from aiohttp import web
from aiohttp.typedefs import Handler

from upstreams.medallies.simulator.datatypes import (
    _ACCOUNT_PLAIN,
    _METADATA,
    _ORG_PLAIN,
    ACCOUNT,
    ACCOUNT_MEMBERSHIP,
    ORGANIZATION,
    ORGANIZATION_MEMBERSHIP,
    VENDOR,
    _Datatype,
    _metadata_field,
)
from upstreams.medallies.simulator.directives import (
    _COUNT,
    _FIELDS,
    _HTML,
    _ITEMS,
    _LISTING,
    _SHAPING,
    _flag,
    _Shape,
    _shape,
)
from upstreams.medallies.simulator.errors import _ApiError, _Problems
from upstreams.medallies.simulator.filters import (
    INVALID_PARAM,
    FilterError,
    Predicate,
    SortKey,
    parse_filter,
    parse_sort,
    sort_records,
)
from upstreams.medallies.simulator.pages import _answer, _html_page
from upstreams.medallies.simulator.rendering import _Renderer, _status_json
from upstreams.medallies.simulator.requests import (
    _batch,
    _Item,
    _object_body,
    _paging,
    _path_id,
    _query_ids,
)
from upstreams.medallies.simulator.seed import (
    CREDENTIALS,
    DEACTIVATE_REASONS,
    ORGANIZATION_TYPES,
    SPECIALTIES,
    US_STATES,
    Account,
    Json,
    Membership,
    Organization,
    build_seed,
)
from upstreams.medallies.simulator.store import _local_parts, _now, _person_key, _Store
from upstreams.medallies.simulator.validation import (
    _account_values,
    _membership_values,
    _new_membership,
    _NewMembership,
    _organization_changes,
    _organization_of,
    _OrgChanges,
)
from upstreams.medallies.simulator.vocabulary import (
    _DIRECT_DOMAIN,
    _REASON_CODES,
    ERROR_CODES,
    NOT_FOUND,
    JsonObject,
)
from upstreams.medallies.wire import BASE_PATH
from upstreams.simulators._kit import json_response

# --- the API ------------------------------------------------------------------------------


def _reference(items: Iterable[Mapping[str, Json]]) -> JsonObject:
    listed: list[Json] = [dict(i) for i in items]
    return {"count": len(listed), "items": listed}


_ORGANIZATION_TYPES_JSON: Final = _reference(
    {"description": name, "code": code} for name, code in ORGANIZATION_TYPES
)
_US_STATES_JSON: Final = _reference(
    {"name": name, "abbreviation": code} for name, code in US_STATES
)
_DEACTIVATE_REASONS_JSON: Final = _reference(
    {"reason": reason, "code": code} for reason, code in DEACTIVATE_REASONS
)
_CREDENTIALS_JSON: Final = _reference({"name": name, "code": code} for name, code in CREDENTIALS)
_SPECIALTIES_JSON: Final = _reference({"name": name, "code": code} for name, code in SPECIALTIES)
_ERROR_CODES_JSON: Final = {
    "errorCodes": [{"codeString": name, "code": code} for code, name in sorted(ERROR_CODES.items())]
}


def _base_url(request: web.Request) -> str:
    path = request.path
    mount = path[: path.find(BASE_PATH)] if BASE_PATH in path else ""
    return f"{request.url.origin()}{mount}{BASE_PATH}"


@dataclass(frozen=True, slots=True)
class _ListSpec:
    datatype: _Datatype
    tiebreak: str
    title: str


_VENDORS_LIST: Final = _ListSpec(VENDOR, "id", "Vendors")
_ORGANIZATIONS_LIST: Final = _ListSpec(ORGANIZATION, "id", "Organizations")
_ORG_MEMBERSHIPS_LIST: Final = _ListSpec(
    ORGANIZATION_MEMBERSHIP, "account.id", "Organization memberships"
)
_ACCOUNT_MEMBERSHIPS_LIST: Final = _ListSpec(
    ACCOUNT_MEMBERSHIP, "organization.id", "Account memberships"
)


class _Api:
    def __init__(self, scale: int, seed: int) -> None:
        self._scale = scale
        self._seed = seed
        self._store: _Store | None = None

    @property
    def store(self) -> _Store:
        # Built on first use: test beds mount every simulator, most never call this one.
        if self._store is None:
            self._store = _Store(build_seed(scale=self._scale, seed=self._seed))
        return self._store

    def renderer(self, request: web.Request) -> _Renderer:
        return _Renderer(self.store, _base_url(request))

    # -- lists

    async def _list(
        self,
        request: web.Request,
        spec: _ListSpec,
        render: Callable[[_Renderer], Iterable[JsonObject]],
        supported: frozenset[str],
    ) -> web.Response:
        renderer = self.renderer(request)
        shape = _shape(request, spec.datatype, supported, renderer)
        problems = _Problems()
        match: Predicate | None = None
        order: list[SortKey] = []
        if request.method == "POST":
            body = await _object_body(request, optional=True)
            offset, limit = _paging(request.query, body, problems)
            problems.raise_any()
            try:
                match = parse_filter(body.get("filterOn"), spec.datatype.filter_types)
                order = parse_sort(body.get("sortOn"), spec.datatype.sort_types)
            except FilterError as exc:
                raise _ApiError(exc.code, [exc.parameter]) from exc
        else:
            offset, limit = _paging(request.query, {}, problems)
            problems.raise_any()
        records = list(render(renderer))
        if match is not None:
            records = [r for r in records if match(r)]
        records = sort_records(records, order, tiebreak=spec.tiebreak)
        answer: JsonObject = {}
        if not shape.items_only:
            answer["count"] = len(records)
        if not shape.count_only:
            answer["items"] = [shape.apply(r) for r in records[offset : offset + limit]]
        return _answer(request, answer, title=spec.title)

    async def list_vendors(self, request: web.Request) -> web.Response:
        vendors = self.store.vendors.values()
        return await self._list(
            request,
            _VENDORS_LIST,
            lambda r: (r.vendor(v) for v in vendors),
            frozenset({_FIELDS, _COUNT, _ITEMS}),
        )

    async def list_organizations(self, request: web.Request) -> web.Response:
        orgs = self.store.organizations.values()
        return await self._list(
            request, _ORGANIZATIONS_LIST, lambda r: (r.organization(o) for o in orgs), _LISTING
        )

    async def list_organization_memberships(self, request: web.Request) -> web.Response:
        org = self.store.organization(_path_id(request))
        memberships = self.store.by_org[org.id].values()
        return await self._list(
            request,
            _ORG_MEMBERSHIPS_LIST,
            lambda r: (r.organization_membership(m) for m in memberships),
            _LISTING,
        )

    async def list_account_memberships(self, request: web.Request) -> web.Response:
        account = self.store.account(_path_id(request))
        memberships = self.store.by_account[account.id].values()
        return await self._list(
            request,
            _ACCOUNT_MEMBERSHIPS_LIST,
            lambda r: (r.account_membership(m) for m in memberships),
            _LISTING,
        )

    # -- single records

    async def show_vendor(self, request: web.Request) -> web.Response:
        vendor = self.store.vendors.get(_path_id(request))
        if vendor is None:
            raise _ApiError(NOT_FOUND)
        return _answer(request, self.renderer(request).vendor(vendor), title="Vendor")

    async def show_organization(self, request: web.Request) -> web.Response:
        org = self.store.organization(_path_id(request))
        renderer = self.renderer(request)
        shape = _shape(request, ORGANIZATION, _SHAPING, renderer)
        return _answer(request, shape.apply(renderer.organization(org)), title="Organization")

    async def show_account(self, request: web.Request) -> web.Response:
        account = self.store.account(_path_id(request))
        renderer = self.renderer(request)
        shape = _shape(request, ACCOUNT, frozenset({_FIELDS}), renderer)
        return _answer(request, shape.apply(renderer.account(account)), title="Account")

    # -- reference lists and metadata

    @staticmethod
    def _static(data: object, title: str) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            return _answer(request, data, title=title)

        return handler

    async def metadata_index(self, request: web.Request) -> web.Response:
        base = _base_url(request)
        items: list[Json] = [
            {"dataType": d.name, "href": f"{base}/metadata/{d.name}"} for d in _METADATA.values()
        ]
        return _answer(request, {"count": len(items), "items": items}, title="MedAllies datatypes")

    async def metadata(self, request: web.Request) -> web.Response:
        datatype = _METADATA.get(request.match_info["datatype"].lower())
        if datatype is None:
            raise _ApiError(NOT_FOUND)
        if _flag(request.query, _HTML):
            rows = [
                {k: v for k, v in _metadata_field(f).items() if k != "fieldTypeMetadata"}
                for f in datatype.fields
            ]
            return _html_page(f"MedAllies datatype {datatype.name}", rows, 200)
        return json_response(datatype.metadata())

    # -- organization writes

    def _validated_organizations(
        self, body: Mapping[str, object], *, creating: bool
    ) -> tuple[list[_OrgChanges], bool]:
        problems = _Problems()
        items, batch = _batch(body, problems)
        changes = [_organization_changes(item, self.store, creating=creating) for item in items]
        if creating:
            # Two new organizations of one request cannot share a domain either.
            seen: set[str] = set()
            for item, change in zip(items, changes, strict=True):
                abbreviation = change.fields.get("directAbbreviation")
                if isinstance(abbreviation, str):
                    if abbreviation in seen:
                        item.fail(INVALID_PARAM, "directAbbreviation")
                    seen.add(abbreviation)
        problems.raise_any()
        return changes, batch

    def _written(
        self,
        request: web.Request,
        records: Sequence[JsonObject],
        batch: bool,
        status: int,
        shape: _Shape,
        title: str,
    ) -> web.Response:
        shaped: list[Json] = [shape.apply(r) for r in records]
        data: Json = {"count": len(shaped), "items": shaped} if batch else shaped[0]
        return _answer(request, data, status, title=title)

    async def add_organizations(self, request: web.Request) -> web.Response:
        renderer = self.renderer(request)
        shape = _shape(request, ORGANIZATION, _SHAPING, renderer)
        changes, batch = self._validated_organizations(await _object_body(request), creating=True)
        store = self.store
        created: list[JsonObject] = []
        for change in changes:
            store.last_organization_id += 1
            store.last_domain_id += 1
            org_id = store.last_organization_id
            fields: JsonObject = dict.fromkeys(("tin", "npi", *_ORG_PLAIN))
            fields.update(change.fields)
            if not fields.get("directAbbreviation"):
                fields["directAbbreviation"] = store.free_abbreviation(
                    str(fields["organizationName"]), org_id
                )
            now = _now()
            fields["creationDateTime"] = now
            fields["lastUpdateDateTime"] = now
            org = Organization(
                id=org_id,
                vendor_id=cast(int, change.vendor_id),
                domain_id=store.last_domain_id,
                domain_name=f"{fields['directAbbreviation']}.{_DIRECT_DOMAIN}",
                enabled=True,
                fields=fields,
            )
            store.add_organization(org)
            created.append(renderer.organization(org))
        return self._written(request, created, batch, 201, shape, "Organizations added")

    async def modify_organizations(self, request: web.Request) -> web.Response:
        renderer = self.renderer(request)
        shape = _shape(request, ORGANIZATION, _SHAPING, renderer)
        changes, batch = self._validated_organizations(await _object_body(request), creating=False)
        modified: list[JsonObject] = []
        for change in changes:
            org = cast(Organization, change.target)
            org.fields.update(change.fields)
            if change.vendor_id is not None:
                org.vendor_id = change.vendor_id
            org.fields["lastUpdateDateTime"] = _now()
        # Rendered after every change, so an organization named twice shows its last state.
        for change in changes:
            modified.append(renderer.organization(cast(Organization, change.target)))
        return self._written(request, modified, batch, 200, shape, "Organizations modified")

    async def _set_organizations(self, request: web.Request, *, enabled: bool) -> web.Response:
        store = self.store
        ids = _query_ids(request.query, "orgId")
        missing = [i for i in ids if i not in store.organizations]
        if missing:
            raise _ApiError(NOT_FOUND, ["orgId"])
        now = _now()
        items: list[Json] = []
        for org_id in ids:
            org = store.organizations[org_id]
            if org.enabled != enabled:
                org.enabled = enabled
                org.fields["lastUpdateDateTime"] = now
            if not enabled:
                # The document: deactivating an organization deactivates its members;
                # activating it again leaves them to be activated one by one.
                for membership in store.by_org[org_id].values():
                    if membership.enabled:
                        membership.enabled = False
                        membership.fields["lastUpdateDateTime"] = now
            items.append({"id": org_id, "status": _status_json(org.enabled)})
        title = "Organizations activated" if enabled else "Organizations deactivated"
        return _answer(request, {"count": len(items), "items": items}, title=title)

    async def deactivate_organizations(self, request: web.Request) -> web.Response:
        return await self._set_organizations(request, enabled=False)

    async def activate_organizations(self, request: web.Request) -> web.Response:
        return await self._set_organizations(request, enabled=True)

    # -- membership writes

    async def add_accounts(self, request: web.Request) -> web.Response:
        renderer = self.renderer(request)
        shape = _shape(request, ORGANIZATION_MEMBERSHIP, _SHAPING, renderer)
        body = await _object_body(request)
        store = self.store
        problems = _Problems()
        items, batch = _batch(body, problems)
        org = _organization_of(items, body, store, enabled=True) if items else None
        planned = [_new_membership(item, org, store) for item in items]
        problems.raise_any()
        plans = [plan for plan in planned if plan is not None]
        if len(plans) != len(planned):
            raise _ApiError(INVALID_PARAM)
        results: list[Json] = []
        for plan in plans:
            status, membership = self._add_membership(plan)
            item = shape.apply(renderer.organization_membership(membership))
            results.append({"statusCode": status, "item": item})
        data: Json = {"count": len(results), "items": results} if batch else results[0]
        return _answer(request, data, 201, title="Memberships added")

    def _matching_account(self, plan: _NewMembership) -> Account | None:
        store = self.store
        if plan.account is not None:
            return plan.account
        fields = plan.account_fields
        if plan.account_type == "provider":
            return store.npins.get(str(fields.get("npin")))
        if plan.account_type == "nonProvider":
            key = _person_key(fields.get("firstName"), fields.get("lastName"), fields.get("gender"))
            return store.people.get(key)
        wanted = str(fields.get("departmentName")).lower()
        for membership in store.by_org[plan.organization.id].values():
            account = store.accounts[membership.account_id]
            name = account.fields.get("departmentName")
            if account.account_type == "department" and str(name).lower() == wanted:
                return account
        return None

    def _add_membership(self, plan: _NewMembership) -> tuple[int, Membership]:
        store = self.store
        org = plan.organization
        account = self._matching_account(plan)
        if account is not None:
            existing = store.by_org[org.id].get(account.id)
            if existing is not None:
                return 3, existing
            status = 2
        else:
            status = 1
            now = _now()
            store.last_account_id += 1
            fields: JsonObject = {}
            for name in _ACCOUNT_PLAIN[plan.account_type]:
                fields[name] = plan.account_fields.get(name)
            fields["createDateTime"] = now
            fields["lastUpdateDateTime"] = now
            account = Account(store.last_account_id, plan.account_type, fields)
            store.add_account(account)
        if plan.local_part is not None:
            local, free = store.take_local_part(org.domain_name, plan.local_part)
            if not free:
                status = 4
        else:
            local, _ = store.take_local_part(org.domain_name, _default_local_part(account))
        now = _now()
        membership = Membership(
            org.id,
            account.id,
            True,
            {
                "directAddressLocalPart": local,
                "directAddress": f"{local}@{org.domain_name}",
                "businessEmail": plan.business_email,
                "publishable": plan.publishable,
                "createDateTime": now,
                "lastUpdateDateTime": now,
            },
        )
        store.add_membership(membership)
        return status, membership

    async def modify_accounts(self, request: web.Request) -> web.Response:
        renderer = self.renderer(request)
        shape = _shape(request, ORGANIZATION_MEMBERSHIP, frozenset({_FIELDS}), renderer)
        body = await _object_body(request)
        store = self.store
        problems = _Problems()
        items, batch = _batch(body, problems)
        org = _organization_of(items, body, store, enabled=False) if items else None
        plans: list[tuple[Membership, JsonObject, JsonObject]] = []
        claimed: set[str] = set()
        for item in items:
            plan = self._membership_changes(item, org, claimed)
            if plan is not None:
                plans.append(plan)
        problems.raise_any()
        now = _now()
        for membership, account_changes, membership_changes in plans:
            if account_changes:
                account = store.accounts[membership.account_id]
                store.update_account(account, {**account_changes, "lastUpdateDateTime": now})
            if membership_changes:
                local = membership_changes.get("directAddressLocalPart")
                if isinstance(local, str):
                    domain = store.organizations[membership.organization_id].domain_name
                    taken = store.local_parts.setdefault(domain, set())
                    taken.add(local.lower())
                    membership_changes["directAddress"] = f"{local}@{domain}"
                membership.fields.update(membership_changes)
                membership.fields["lastUpdateDateTime"] = now
        modified = [shape.apply(renderer.organization_membership(m)) for m, _, _ in plans]
        return self._written(request, modified, batch, 200, _Shape(), "Memberships modified")

    def _membership_changes(
        self, item: _Item, org: Organization | None, claimed: set[str]
    ) -> tuple[Membership, JsonObject, JsonObject] | None:
        store = self.store
        before = len(item.problems.found)
        account_item = item.child("account", required=True)
        membership: Membership | None = None
        account_changes: JsonObject = {}
        if account_item is not None:
            account_id = account_item.integer("id", required=True)
            account = store.accounts.get(account_id) if account_id is not None else None
            if account_id is not None and account is None:
                account_item.fail(NOT_FOUND, "id")
            if account is not None:
                _account_values(
                    account_item, account.account_type, creating=False, values=account_changes
                )
                if org is not None:
                    membership = store.by_org[org.id].get(account.id)
                    if membership is None:
                        account_item.fail(NOT_FOUND, "id")
        local, email, publishable = _membership_values(item, creating=False)
        membership_changes: JsonObject = {}
        if membership is not None and org is not None and local is not None:
            own = _local_parts(membership)
            taken = store.local_parts.get(org.domain_name, set())
            if local.lower() not in own and (local.lower() in taken or local.lower() in claimed):
                item.fail(INVALID_PARAM, "directAddressLocalPart")
            claimed.add(local.lower())
            membership_changes["directAddressLocalPart"] = local
        if item.has("businessEmail") and (email is not None or item.raw["businessEmail"] is None):
            membership_changes["businessEmail"] = email
        if publishable is not None:
            membership_changes["publishable"] = publishable
        if membership is None or len(item.problems.found) != before:
            return None
        return membership, account_changes, membership_changes

    async def deactivate_accounts(self, request: web.Request) -> web.Response:
        body = await _object_body(request)
        store = self.store
        problems = _Problems()
        top = _Item(body, "", problems)
        org_id = top.integer("orgId", required=True)
        problems.raise_any()
        org = store.organization(cast(int, org_id), "orgId")
        if "items" in body:
            items, _ = _batch(body, problems)
        else:
            items = [top]
        targets: list[Membership] = []
        for item in items:
            account_id = item.integer("accountId", required=True)
            reason = item.integer("reasonCode", required=True)
            if reason is not None and reason not in _REASON_CODES:
                item.fail(INVALID_PARAM, "reasonCode")
            if account_id is not None:
                membership = store.by_org[org.id].get(account_id)
                if membership is None:
                    item.fail(NOT_FOUND, "accountId")
                else:
                    targets.append(membership)
        problems.raise_any()
        now = _now()
        for membership in targets:
            if membership.enabled:
                membership.enabled = False
                membership.fields["lastUpdateDateTime"] = now
        renderer = self.renderer(request)
        listed: list[Json] = [renderer.membership_status(m) for m in targets]
        return _answer(
            request, {"count": len(listed), "items": listed}, title="Memberships deactivated"
        )

    async def activate_accounts(self, request: web.Request) -> web.Response:
        store = self.store
        (org_id,) = _query_ids(request.query, "orgId", many=False)
        account_ids = _query_ids(request.query, "accountId")
        org = store.organization(org_id, "orgId")
        if not org.enabled:
            raise _ApiError(INVALID_PARAM, ["orgId"])
        found = store.by_org[org.id]
        if any(a not in found for a in account_ids):
            raise _ApiError(NOT_FOUND, ["accountId"])
        now = _now()
        renderer = self.renderer(request)
        listed: list[Json] = []
        for membership in (found[a] for a in account_ids):
            if not membership.enabled:
                membership.enabled = True
                membership.fields["lastUpdateDateTime"] = now
            listed.append(renderer.membership_status(membership))
        return _answer(
            request, {"count": len(listed), "items": listed}, title="Memberships activated"
        )


def _default_local_part(account: Account) -> str:
    fields = account.fields
    if account.account_type == "department":
        base = str(fields.get("departmentName") or "")
    elif fields.get("firstName") and fields.get("lastName"):
        base = f"{str(fields['firstName'])[0]}{fields['lastName']}"
    elif fields.get("lastName"):
        base = str(fields["lastName"])
    else:
        base = f"provider{fields.get('npin') or account.id}"
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or f"account{account.id}"
