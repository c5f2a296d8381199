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
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, cast

import orjson
from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from upstreams.medallies import wire
from upstreams.medallies._filters import (
    ERROR_NAMES,
    INVALID_JSON_DATATYPE,
    INVALID_PARAM,
    MISSING_REQ_PARAM,
    FieldType,
    FilterError,
    Predicate,
    SortKey,
    parse_filter,
    parse_sort,
    sort_records,
)
from upstreams.medallies._seed import (
    ACCOUNT_TYPES,
    CREDENTIALS,
    DEACTIVATE_REASONS,
    DISABLED,
    ENABLED,
    ENDPOINT_TYPES,
    ORGANIZATION_TYPES,
    SPECIALTIES,
    US_STATES,
    Account,
    Json,
    Membership,
    Organization,
    SeedData,
    Vendor,
    build_seed,
    wire_time,
)
from upstreams.medallies.wire import BASE_PATH, ErrorCode
from upstreams.simulators._kit import is_stats_request, json_response, simulator_app

__all__ = ["APP_KEY", "BASE_PATH", "ERROR_CODES", "MAX_LIMIT", "PASSWORD", "USERNAME", "create_app"]

APP_KEY: Final = "demo"
USERNAME: Final = "demo"
PASSWORD: Final = "demo"
MAX_LIMIT: Final = 1000

UNAUTHORIZED: Final = ErrorCode.UNAUTHORIZED
MISSING_PARAM: Final = MISSING_REQ_PARAM
NOT_FOUND: Final = ErrorCode.NOT_FOUND
METHOD_NOT_ALLOWED: Final = ErrorCode.METHOD_NOT_ALLOWED
INVALID_JSON_SYNTAX: Final = ErrorCode.INVALID_JSON_SYNTAX
SERVER_ERROR: Final = ErrorCode.SERVER_ERROR
ERROR_CODES: Final = ERROR_NAMES
_STATUS_OF_CODE: Final[Mapping[int, int]] = {
    UNAUTHORIZED: 401,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
}
_CODE_OF_STATUS: Final[Mapping[int, int]] = {
    401: UNAUTHORIZED,
    404: NOT_FOUND,
    405: METHOD_NOT_ALLOWED,
}
# Which problem a request hears about first when it has several.
_PRECEDENCE: Final = (
    INVALID_JSON_SYNTAX,
    INVALID_JSON_DATATYPE,
    MISSING_PARAM,
    NOT_FOUND,
    INVALID_PARAM,
)

_TIN_RE: Final = re.compile(r"[0-9]{9}")
_NPIN_RE: Final = re.compile(r"[0-9]{10}")
_ZIP_RE: Final = re.compile(r"[0-9]{5}(?:-[0-9]{4})?")
# Digits as (555) 555-5555; free text (an extension) may follow, but no further digit
# right after the number.
_PHONE_RE: Final = re.compile(r"\([0-9]{3}\) [0-9]{3}-[0-9]{4}(?:[^0-9].*)?", re.DOTALL)
_LOCAL_PART_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ABBREVIATION_RE: Final = re.compile(r"[A-Za-z0-9-]{1,32}")
_QUERY_INT_RE: Final = re.compile(r"[0-9]{1,15}")
_MIN_NPI: Final = 10**9
_MAX_NPI: Final = 10**10 - 1
_DIRECT_DOMAIN: Final = "medalliesdirect.net"
_GENDERS: Final = ("Male", "Female")
_STATE_CODES: Final = frozenset(code for _, code in US_STATES)
_TYPE_CODES: Final = frozenset(code for _, code in ORGANIZATION_TYPES)
_REASON_CODES: Final = frozenset(code for _, code in DEACTIVATE_REASONS)
_OFF_VALUES: Final = frozenset({"false", "0", "no"})

JsonObject = dict[str, Json]


# --- errors -------------------------------------------------------------------------------


def _error_json(code: int, parameters: Sequence[str] = ()) -> JsonObject:
    body: JsonObject = {"errorCode": code, "message": ERROR_CODES.get(code, "REST_INVALID_PARAM")}
    if parameters:
        body["parameterName"] = list(parameters)
    return body


def _error_body(status: int, reason: str) -> object:
    code = _CODE_OF_STATUS.get(status, SERVER_ERROR if status >= 500 else INVALID_PARAM)
    return _error_json(code)


class _ApiError(Exception):
    """An answer other than success, raised from deep inside a handler."""

    def __init__(self, code: int, parameters: Sequence[str] = ()) -> None:
        super().__init__(code)
        self.status = _STATUS_OF_CODE.get(code, 400)
        self.body = _error_json(code, parameters)


class _Problems:
    """The mistakes found in a request body; raised together, most basic kind first."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def add(self, code: int, parameter: str) -> None:
        self.found.append((code, parameter))

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_any(self) -> None:
        if not self.found:
            return
        codes = {code for code, _ in self.found}
        code = next((c for c in _PRECEDENCE if c in codes), self.found[0][0])
        parameters = dict.fromkeys(p for c, p in self.found if c == code)
        raise _ApiError(code, list(parameters))


# --- datatypes and their metadata ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    type: str
    description: str
    add: int = 1
    modify: int = 1
    id_field: bool = False
    filterable: bool = True
    sortable: bool = True
    default: str = ""
    options: tuple[tuple[Json, str], ...] = ()
    children: tuple[_Field, ...] = ()
    # The resource a collapsed copy points at ("vendors" → …/vendors/{id}).
    collapse_to: str | None = None


def _metadata_field(spec: _Field) -> JsonObject:
    return {
        "fieldName": spec.name,
        "idField": spec.id_field,
        "description": spec.description,
        "defaultValue": spec.default,
        "valueOptions": [{"value": v, "description": d} for v, d in spec.options] or None,
        "fieldType": spec.type,
        "fieldTypeMetadata": (
            {spec.type: [_metadata_field(c) for c in spec.children]} if spec.children else None
        ),
        "filterable": spec.filterable,
        "sortable": spec.sortable,
        "addDataAttribute": spec.add,
        "modifyDataAttribute": spec.modify,
    }


class _Datatype:
    """A datatype's fields, and what they allow: filters, orders, `_fields`, `_collapse`."""

    def __init__(self, name: str, fields: tuple[_Field, ...]) -> None:
        self.name = name
        self.fields = fields
        self.filter_types = self._leaves(fields, "", lambda f: f.filterable)
        self.sort_types = self._leaves(fields, "", lambda f: f.sortable)
        self.paths = self._paths(fields, "")
        self.collapsible = {
            path: spec for path, spec in self._all(fields, "") if spec.collapse_to is not None
        }
        self.top_collapsible = tuple(f.name for f in fields if f.collapse_to is not None)

    @classmethod
    def _all(cls, fields: Iterable[_Field], prefix: str) -> Iterable[tuple[str, _Field]]:
        for spec in fields:
            yield prefix + spec.name, spec
            yield from cls._all(spec.children, f"{prefix}{spec.name}.")

    @classmethod
    def _leaves(
        cls, fields: Iterable[_Field], prefix: str, keep: Callable[[_Field], bool]
    ) -> dict[str, FieldType]:
        return {
            path: FieldType(spec.type)
            for path, spec in cls._all(fields, prefix)
            if not spec.children and keep(spec)
        }

    @classmethod
    def _paths(cls, fields: Iterable[_Field], prefix: str) -> frozenset[str]:
        return frozenset(path for path, _ in cls._all(fields, prefix))

    def metadata(self) -> JsonObject:
        return {"dataType": self.name, "metadata": [_metadata_field(f) for f in self.fields]}


def _f(name: str, type_: str, description: str, **options: object) -> _Field:
    # The presets below (_READ_ONLY, _ID, …) are plain dicts spread into many fields; mypy
    # cannot match their values to _Field's parameters one by one.
    return _Field(name, type_, description, **options)  # type: ignore[arg-type]


_READ_ONLY: Final = {"add": 0, "modify": 0}
_ID: Final = {"add": 0, "modify": 3, "id_field": True}
_NOT_QUERYABLE: Final = {"filterable": False, "sortable": False}


def _href(what: str) -> _Field:
    return _f("href", "String", f"The URI of this {what}.", **_READ_ONLY, **_NOT_QUERYABLE)


def _created(name: str = "createDateTime") -> _Field:
    return _f(name, "Date", "When the data was created (UTC).", **_READ_ONLY)


def _updated() -> _Field:
    return _f("lastUpdateDateTime", "Date", "When the data last changed (UTC).", **_READ_ONLY)


def _status_field(what: str) -> _Field:
    return _f(
        "status",
        "Status",
        f"Whether the {what} is enabled; changed by the activate/deactivate methods.",
        **_READ_ONLY,
        children=(
            _f(
                "name",
                "String",
                "Status name.",
                **_READ_ONLY,
                options=((ENABLED[0], "Enabled"), (DISABLED[0], "Disabled")),
            ),
            _f(
                "code",
                "Number",
                "Status code.",
                **_READ_ONLY,
                options=((ENABLED[1], ENABLED[0]), (DISABLED[1], DISABLED[0])),
            ),
        ),
    )


_VENDOR_FIELDS: Final = (
    _f("id", "Number", "The vendor's id.", **_ID),
    _f("name", "String", "The vendor's name.", **_READ_ONLY),
    _f("product", "String", "The vendor's product.", **_READ_ONLY),
    _f("rootDomain", "String", "The vendor's root Direct domain.", **_READ_ONLY),
    _f(
        "endpointType",
        "EndPointType",
        "How the vendor's endpoint receives Direct messages.",
        **_READ_ONLY,
        children=(
            _f("name", "String", "Endpoint type name.", **_READ_ONLY),
            _f(
                "code",
                "Number",
                "Endpoint type code.",
                **_READ_ONLY,
                options=tuple((code, name) for name, code in ENDPOINT_TYPES),
            ),
        ),
    ),
)
VENDOR: Final = _Datatype("Vendor", (*_VENDOR_FIELDS, _href("vendor")))

_ORGANIZATION_FIELDS: Final = (
    _f("id", "Number", "The organization's id.", **_ID),
    _f("organizationName", "String", "The organization's name.", add=2),
    _f(
        "typeCode",
        "Number",
        "The organization type (see organizations/types).",
        add=2,
        options=tuple((code, name) for name, code in ORGANIZATION_TYPES),
    ),
    _f("tin", "String", "Tax identification number: 9 digits."),
    _f("npi", "Number", "National Provider Identifier: 10 digits."),
    _status_field("organization"),
    _f(
        "vendor",
        "Vendor",
        'The organization\'s vendor; send {"id": n} when adding or modifying.',
        add=2,
        children=_VENDOR_FIELDS,
        collapse_to="vendors",
    ),
    _f(
        "domain",
        "Domain",
        "The organization's Direct domain.",
        **_READ_ONLY,
        children=(
            _f("id", "Number", "The domain's id.", **_READ_ONLY, id_field=True),
            _f("domainName", "String", "The domain's name.", **_READ_ONLY),
        ),
    ),
    _f("directAbbreviation", "String", "Tag of the organization's Direct domain.", modify=0),
    _f("practiceStreet1", "String", "Practice street address."),
    _f("practiceStreet2", "String", "Practice street address, second line."),
    _f("practiceCity", "String", "Practice city."),
    _f(
        "practiceState",
        "String",
        "Practice state: a two-letter code from organizations/usStates.",
        options=tuple((code, name) for name, code in US_STATES),
    ),
    _f("practiceZip", "String", "Practice ZIP code: 55555 or 55555-5555."),
    _f("telephoneNumber", "String", "Telephone: (555) 555-5555, then optional free text."),
    _f("specialization", "String", "The organization's specialization."),
    _f("endpointUri", "String", "The organization's Direct endpoint URI."),
    _created("creationDateTime"),
    _updated(),
)
ORGANIZATION: Final = _Datatype("Organization", (*_ORGANIZATION_FIELDS, _href("organization")))
# The fields an organization keeps as they are, rendered after its sub-objects.
_ORG_PLAIN: Final = tuple(
    f.name
    for f in _ORGANIZATION_FIELDS
    if f.name not in ("id", "organizationName", "typeCode", "tin", "npi") and not f.children
)

_ACCOUNT_TYPE_OPTIONS: Final = tuple((t, t) for t in ACCOUNT_TYPES)
_GENDER_OPTIONS: Final = tuple((g, g) for g in _GENDERS)


def _account_fields(kind: str) -> tuple[_Field, ...]:
    """The fields of one account type ("department", "provider", "nonProvider"), or of
    any account ("*") as a membership embeds it."""
    person_required = 2 if kind == "nonProvider" else 1
    fields: list[_Field] = [
        _f("id", "Number", "The account's id.", **_ID),
        _f(
            "accountType",
            "String",
            "The account type.",
            add=2,
            modify=0,
            options=_ACCOUNT_TYPE_OPTIONS,
        ),
    ]
    if kind in ("department", "*"):
        fields.append(_f("departmentName", "String", "The department's name.", add=2))
    if kind in ("provider", "*"):
        fields.append(
            _f("npin", "String", "The provider's NPPES identifier: 10 digits.", add=2, modify=0)
        )
    if kind != "department":
        fields += [
            _f("firstName", "String", "First name.", add=person_required),
            _f("lastName", "String", "Last name.", add=person_required),
            _f("middleInitial", "String", "Middle initial."),
            _f("suffix", "String", "Name suffix."),
            _f(
                "gender",
                "String",
                "'Male' or 'Female'.",
                add=person_required,
                options=_GENDER_OPTIONS,
            ),
            _f(
                "credentials",
                "String",
                "Credentials (see accounts/credentials).",
                options=tuple((name, name) for name, _ in CREDENTIALS),
            ),
            _f("specialty", "String", "Specialty (see accounts/specialties)."),
        ]
    fields += [
        _f("telephoneNumber", "String", "Preferably (555) 555-5555; free text may follow."),
        _f("faxNumber", "String", "Preferably (555) 555-5555."),
        _created(),
        _updated(),
    ]
    return tuple(fields)


DEPARTMENT: Final = _Datatype("Department", (*_account_fields("department"), _href("account")))
PROVIDER: Final = _Datatype("Provider", (*_account_fields("provider"), _href("account")))
NON_PROVIDER: Final = _Datatype("NonProvider", (*_account_fields("nonProvider"), _href("account")))
# Any account, as GET /accounts/{id} and the memberships (under "account") render it.
ACCOUNT: Final = _Datatype("Account", (*_account_fields("*"), _href("account")))
# Per account type, the fields kept as they are (all but id, accountType and href).
_ACCOUNT_PLAIN: Final = {
    kind: tuple(f.name for f in _account_fields(kind) if f.name not in ("id", "accountType"))
    for kind in ACCOUNT_TYPES
}


def _membership_fields(owner: _Field, other: _Field) -> tuple[_Field, ...]:
    return (
        owner,
        other,
        _f(
            "directAddressLocalPart",
            "String",
            "Local part of the Direct address: letters, digits, '-' and '_'.",
        ),
        _f("directAddress", "String", "The Direct address.", **_READ_ONLY),
        _f("businessEmail", "String", "Business e-mail address."),
        _f("publishable", "Boolean", "Whether the address is published.", default="false"),
        _status_field("membership"),
        _created(),
        _updated(),
        _href("membership"),
    )


ORGANIZATION_MEMBERSHIP: Final = _Datatype(
    "OrganizationMembership",
    _membership_fields(
        _f("organizationId", "Number", "The organization's id.", add=2, modify=3),
        _f(
            "account",
            "Account",
            "The member account.",
            add=2,
            modify=2,
            children=_account_fields("*"),
            collapse_to="accounts",
        ),
    ),
)
ACCOUNT_MEMBERSHIP: Final = _Datatype(
    "AccountMembership",
    _membership_fields(
        _f("accountId", "Number", "The account's id.", **_READ_ONLY),
        _f(
            "organization",
            "Organization",
            "The organization of the membership.",
            **_READ_ONLY,
            children=_ORGANIZATION_FIELDS,
            collapse_to="organizations",
        ),
    ),
)
_METADATA: Final = {
    d.name.lower(): d
    for d in (
        VENDOR,
        ORGANIZATION,
        ORGANIZATION_MEMBERSHIP,
        ACCOUNT_MEMBERSHIP,
        DEPARTMENT,
        PROVIDER,
        NON_PROVIDER,
    )
}


# --- the store ----------------------------------------------------------------------------


def _now() -> str:
    return wire_time(datetime.now(UTC))


def _local_parts(membership: Membership) -> set[str]:
    parts = {str(membership.fields.get("directAddressLocalPart") or "")}
    address = membership.fields.get("directAddress")
    if isinstance(address, str):
        parts.add(address.partition("@")[0])
    return {p.lower() for p in parts if p}


def _person_key(first: object, last: object, gender: object) -> tuple[str, str, str]:
    return (str(first).lower(), str(last).lower(), str(gender))


class _Store:
    """All records of one simulator instance, indexed for the API's lookups."""

    def __init__(self, seed: SeedData) -> None:
        self.vendors: dict[int, Vendor] = {v.id: v for v in seed.vendors}
        self.organizations: dict[int, Organization] = {
            o.id: o for o in sorted(seed.organizations, key=lambda o: o.id)
        }
        self.accounts: dict[int, Account] = {a.id: a for a in seed.accounts}
        self.by_org: dict[int, dict[int, Membership]] = {o: {} for o in self.organizations}
        self.by_account: dict[int, dict[int, Membership]] = {a: {} for a in self.accounts}
        self.local_parts: dict[str, set[str]] = {}
        self.npins: dict[str, Account] = {}
        self.people: dict[tuple[str, str, str], Account] = {}
        for account in sorted(self.accounts.values(), key=lambda a: a.id):
            self._index_account(account)
        for membership in seed.memberships:
            self._index_membership(membership)
        self.abbreviations = {
            str(o.fields.get("directAbbreviation") or "").lower()
            for o in self.organizations.values()
        }
        self.last_organization_id = max(self.organizations, default=0)
        self.last_account_id = max(self.accounts, default=0)
        self.last_domain_id = max((o.domain_id for o in self.organizations.values()), default=0)

    def _index_account(self, account: Account) -> None:
        fields = account.fields
        if account.account_type == "provider" and isinstance(fields.get("npin"), str):
            self.npins.setdefault(str(fields["npin"]), account)
        if account.account_type == "nonProvider":
            key = _person_key(fields.get("firstName"), fields.get("lastName"), fields.get("gender"))
            self.people.setdefault(key, account)

    def _index_membership(self, membership: Membership) -> None:
        self.by_org[membership.organization_id][membership.account_id] = membership
        self.by_account[membership.account_id][membership.organization_id] = membership
        domain = self.organizations[membership.organization_id].domain_name
        self.local_parts.setdefault(domain, set()).update(_local_parts(membership))

    def organization(self, org_id: int, parameter: str | None = None) -> Organization:
        found = self.organizations.get(org_id)
        if found is None:
            raise _ApiError(NOT_FOUND, [parameter] if parameter else [])
        return found

    def account(self, account_id: int) -> Account:
        found = self.accounts.get(account_id)
        if found is None:
            raise _ApiError(NOT_FOUND)
        return found

    def free_abbreviation(self, name: str, org_id: int) -> str:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name)).lower()
        abbreviation, suffix = f"{initials or 'org'}{org_id}", 0
        while abbreviation in self.abbreviations:
            suffix += 1
            abbreviation = f"{initials or 'org'}{org_id}-{suffix}"
        return abbreviation

    def update_account(self, account: Account, changes: Mapping[str, Json]) -> None:
        fields = account.fields
        if account.account_type == "nonProvider":
            old = _person_key(fields.get("firstName"), fields.get("lastName"), fields.get("gender"))
            if self.people.get(old) is account:
                del self.people[old]
        fields.update(changes)
        self._index_account(account)

    def add_organization(self, org: Organization) -> None:
        self.organizations[org.id] = org
        self.by_org[org.id] = {}
        self.abbreviations.add(str(org.fields["directAbbreviation"]).lower())

    def add_account(self, account: Account) -> None:
        self.accounts[account.id] = account
        self.by_account[account.id] = {}
        self._index_account(account)

    def add_membership(self, membership: Membership) -> None:
        self._index_membership(membership)

    def take_local_part(self, domain: str, wanted: str) -> tuple[str, bool]:
        """`wanted`, or the first free `wanted1`, `wanted2`, … of the domain; and whether
        `wanted` itself was free."""
        taken = self.local_parts.setdefault(domain, set())
        local, suffix = wanted, 0
        while local.lower() in taken:
            suffix += 1
            local = f"{wanted}{suffix}"
        taken.add(local.lower())
        return local, suffix == 0


# --- rendering ----------------------------------------------------------------------------


def _status_json(enabled: bool) -> JsonObject:
    name, code = ENABLED if enabled else DISABLED
    return {"name": name, "code": code}


class _Renderer:
    """Records as the API's JSON, with hrefs to the simulator that answers the request."""

    def __init__(self, store: _Store, base: str) -> None:
        self.store = store
        self.base = base

    def href(self, resource: str, record_id: int) -> str:
        return f"{self.base}/{resource}/{record_id}"

    def vendor(self, vendor: Vendor, *, href: bool = True) -> JsonObject:
        name, code = vendor.endpoint_type
        data: JsonObject = {
            "id": vendor.id,
            "name": vendor.name,
            "product": vendor.product,
            "rootDomain": vendor.root_domain,
            "endpointType": {"name": name, "code": code},
        }
        if href:
            data["href"] = self.href("vendors", vendor.id)
        return data

    def organization(self, org: Organization, *, href: bool = True) -> JsonObject:
        fields = org.fields
        data: JsonObject = {
            "id": org.id,
            "organizationName": fields.get("organizationName"),
            "typeCode": fields.get("typeCode"),
            "tin": fields.get("tin"),
            "npi": fields.get("npi"),
            "status": _status_json(org.enabled),
            "vendor": self.vendor(self.store.vendors[org.vendor_id], href=False),
            "domain": {"id": org.domain_id, "domainName": org.domain_name},
        }
        for name in _ORG_PLAIN:
            data[name] = fields.get(name)
        if href:
            data["href"] = self.href("organizations", org.id)
        return data

    def account(self, account: Account, *, href: bool = True) -> JsonObject:
        data: JsonObject = {"id": account.id, "accountType": account.account_type}
        for name in _ACCOUNT_PLAIN[account.account_type]:
            data[name] = account.fields.get(name)
        if href:
            data["href"] = self.href("accounts", account.id)
        return data

    def _membership(self, membership: Membership) -> JsonObject:
        fields = membership.fields
        return {
            "directAddressLocalPart": fields.get("directAddressLocalPart"),
            "directAddress": fields.get("directAddress"),
            "businessEmail": fields.get("businessEmail"),
            "publishable": fields.get("publishable"),
            "status": _status_json(membership.enabled),
            "createDateTime": fields.get("createDateTime"),
            "lastUpdateDateTime": fields.get("lastUpdateDateTime"),
        }

    def organization_membership(self, membership: Membership) -> JsonObject:
        account = self.store.accounts[membership.account_id]
        return {
            "organizationId": membership.organization_id,
            "account": self.account(account, href=False),
            **self._membership(membership),
            # The document's membership hrefs leave out the resource name.
            "href": f"{self.base}/{membership.organization_id}/memberships/{account.id}",
        }

    def account_membership(self, membership: Membership) -> JsonObject:
        org = self.store.organizations[membership.organization_id]
        return {
            "accountId": membership.account_id,
            "organization": self.organization(org, href=False),
            **self._membership(membership),
            "href": f"{self.base}/{membership.account_id}/memberships/{org.id}",
        }

    def membership_status(self, membership: Membership) -> JsonObject:
        return {
            "organizationId": membership.organization_id,
            "accountId": membership.account_id,
            "status": _status_json(membership.enabled),
        }


# --- query directives ---------------------------------------------------------------------

_FIELDS: Final = wire.FIELDS
_COLLAPSE: Final = wire.COLLAPSE
_COUNT: Final = wire.COUNT
_ITEMS: Final = wire.ITEMS
_HTML: Final = wire.HTML
_SHAPING: Final = frozenset({_FIELDS, _COLLAPSE})
_LISTING: Final = frozenset({_FIELDS, _COLLAPSE, _COUNT, _ITEMS})


def _flag(query: Mapping[str, str], name: str) -> bool:
    return name in query and query[name].strip().lower() not in _OFF_VALUES


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


@dataclass(frozen=True, slots=True)
class _Shape:
    """What `_fields`, `_collapse`, `_count` and `_items` ask of an answer's items."""

    fields: _FieldTree | None = None
    collapse: tuple[str, ...] = ()
    count_only: bool = False
    items_only: bool = False
    renderer: _Renderer | None = field(default=None, compare=False)
    datatype: _Datatype | None = None

    def apply(self, record: JsonObject) -> JsonObject:
        if self.collapse and self.renderer is not None and self.datatype is not None:
            record = _collapsed(record, self.collapse, self.datatype, self.renderer)
        if self.fields is not None:
            record = _picked(record, self.fields)
        return record


def _collapsed(
    record: JsonObject, paths: Sequence[str], datatype: _Datatype, renderer: _Renderer
) -> JsonObject:
    for path in paths:
        record = _collapse_at(record, path, datatype.collapsible[path].collapse_to, renderer)
    return record


def _collapse_at(
    record: JsonObject, path: str, resource: str | None, renderer: _Renderer
) -> JsonObject:
    head, _, rest = path.partition(".")
    value = record.get(head)
    if not isinstance(value, dict):
        return record
    copy = dict(record)
    if rest:
        copy[head] = _collapse_at(value, rest, resource, renderer)
        return copy
    sub_id = value.get("id")
    if resource is not None and isinstance(sub_id, int):
        copy[head] = {"id": sub_id, "href": renderer.href(resource, sub_id)}
    return copy


# A `_fields` request as a tree: each name maps to the tree of its sub-fields asked for,
# or to None when the whole field is.
_FieldTree = dict[str, "_FieldTree | None"]


def _field_tree(paths: Iterable[str]) -> _FieldTree:
    tree: _FieldTree = {}
    for path in paths:
        node: _FieldTree | None = tree
        *parents, leaf = path.split(".")
        for part in parents:
            assert node is not None  # loop exits on None
            if part in node and node[part] is None:
                # The whole field was asked already: it wins over narrower requests.
                node = None
                break
            node = node.setdefault(part, {})
        if node is not None:
            node[leaf] = None
    return tree


def _picked(record: JsonObject, tree: _FieldTree) -> JsonObject:
    picked: JsonObject = {}
    for key, value in record.items():
        if key not in tree and key != "id":
            continue
        sub = tree.get(key)
        picked[key] = _picked(value, sub) if sub and isinstance(value, dict) else value
    return picked


def _shape(
    request: web.Request,
    datatype: _Datatype,
    supported: frozenset[str],
    renderer: _Renderer,
) -> _Shape:
    query = request.query
    fields: list[str] | None = None
    collapse: list[str] = []
    problems = _Problems()
    if _FIELDS in supported and _FIELDS in query:
        fields = _names(query[_FIELDS])
        if any(name not in datatype.paths for name in fields):
            problems.add(INVALID_PARAM, _FIELDS)
    if _COLLAPSE in supported and _COLLAPSE in query:
        names = _names(query[_COLLAPSE])
        if "*" in names:
            collapse = list(datatype.top_collapsible)
            names = [n for n in names if n != "*"]
        for name in names:
            if name in datatype.collapsible:
                collapse.append(name)
            else:
                problems.add(INVALID_PARAM, _COLLAPSE)
        collapse = list(dict.fromkeys(collapse))
    if fields and collapse and any(f.startswith(f"{c}.") for f in fields for c in collapse):
        problems.add(INVALID_PARAM, _FIELDS)
        problems.add(INVALID_PARAM, _COLLAPSE)
    problems.raise_any()
    count_only = _COUNT in supported and _flag(query, _COUNT)
    return _Shape(
        fields=_field_tree(fields) if fields is not None else None,
        collapse=tuple(collapse),
        count_only=count_only,
        items_only=not count_only and _ITEMS in supported and _flag(query, _ITEMS),
        renderer=renderer,
        datatype=datatype,
    )


# --- HTML summaries -----------------------------------------------------------------------


def _html_value(value: object) -> str:
    if value is None:
        return "<em>null</em>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        rows = "".join(
            f"<tr><th>{html.escape(str(k))}</th><td>{_html_value(v)}</td></tr>"
            for k, v in value.items()
        )
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            columns = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
            body = "".join(
                "<tr>" + "".join(f"<td>{_html_value(row.get(c))}</td>" for c in columns) + "</tr>"
                for row in value
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        return "<ul>" + "".join(f"<li>{_html_value(v)}</li>" for v in value) + "</ul>"
    return html.escape(str(value))


def _html_page(title: str, data: object, status: int) -> web.Response:
    text = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1>{_html_value(data)}</body></html>"
    )
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def _answer(request: web.Request, data: object, status: int = 200, title: str = "") -> web.Response:
    if _flag(request.query, _HTML):
        return _html_page(title or f"MedAllies {request.path}", data, status)
    return json_response(data, status)


# --- request parsing ----------------------------------------------------------------------


async def _json_body(request: web.Request) -> object:
    """The request's JSON body, or None when it is empty."""
    raw = await request.read()
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _ApiError(INVALID_JSON_SYNTAX) from exc


async def _object_body(request: web.Request, *, optional: bool = False) -> dict[str, object]:
    body = await _json_body(request)
    if body is None:
        if optional:
            return {}
        raise _ApiError(MISSING_PARAM)
    if not isinstance(body, dict):
        raise _ApiError(INVALID_JSON_DATATYPE)
    return cast(dict[str, object], body)


def _path_id(request: web.Request) -> int:
    return int(request.match_info["id"])


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _paging(
    query: Mapping[str, str], body: Mapping[str, object], problems: _Problems
) -> tuple[int, int]:
    """(offset, page size) from the body's JSON numbers, else the query's text; the page
    size is at most `MAX_LIMIT`, also for "all" (0 or absent)."""
    values = {"offset": 0, "limit": 0}
    for name in values:
        raw = body.get(name)
        if raw is not None:
            if _is_int(raw) and cast(int, raw) >= 0:
                values[name] = cast(int, raw)
            else:
                problems.add(INVALID_PARAM, name)
        elif name in query:
            text = query[name].strip()
            if _QUERY_INT_RE.fullmatch(text):
                values[name] = int(text)
            else:
                problems.add(INVALID_PARAM, name)
    return values["offset"], min(values["limit"] or MAX_LIMIT, MAX_LIMIT)


def _query_ids(query: Mapping[str, str], name: str, *, many: bool = True) -> list[int]:
    text = query.get(name)
    if text is None or not text.strip():
        raise _ApiError(MISSING_PARAM, [name])
    parts = [p.strip() for p in text.split(",")]
    if (not many and len(parts) != 1) or any(_QUERY_INT_RE.fullmatch(p) is None for p in parts):
        raise _ApiError(INVALID_PARAM, [name])
    return list(dict.fromkeys(int(p) for p in parts))


class _Item:
    """One object of a write request, read field by field into `problems`."""

    def __init__(self, raw: Mapping[str, object], prefix: str, problems: _Problems) -> None:
        self.raw = raw
        self.prefix = prefix
        self.problems = problems

    def path(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def has(self, name: str) -> bool:
        return name in self.raw

    def fail(self, code: int, name: str) -> None:
        self.problems.add(code, self.path(name))

    def text(
        self,
        name: str,
        *,
        required: bool = False,
        pattern: re.Pattern[str] | None = None,
        options: Iterable[str] | None = None,
    ) -> str | None:
        """The string at `name` (None when absent or null); `required` refuses absent, null
        and blank values."""
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and required and not value.strip()):
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not isinstance(value, str):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        if (pattern is not None and pattern.fullmatch(value) is None) or (
            options is not None and value not in options
        ):
            self.fail(INVALID_PARAM, name)
            return None
        return value

    def integer(self, name: str, *, required: bool = False) -> int | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not _is_int(value):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return cast(int, value)

    def boolean(self, name: str) -> bool | None:
        value = self.raw.get(name)
        if value is not None and not isinstance(value, bool):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return value

    def child(self, name: str, *, required: bool = False) -> _Item | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not isinstance(value, dict):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return _Item(cast(dict[str, object], value), self.path(f"{name}."), self.problems)


def _batch(body: Mapping[str, object], problems: _Problems) -> tuple[list[_Item], bool]:
    """The items of a one-object-or-`{"items": [...]}` body, and whether it was a batch."""
    if "items" not in body:
        return [_Item(body, "", problems)], False
    raw_items = body["items"]
    if not isinstance(raw_items, list):
        raise _ApiError(INVALID_JSON_DATATYPE, ["items"])
    if not raw_items:
        raise _ApiError(MISSING_PARAM, ["items"])
    items: list[_Item] = []
    for index, raw in enumerate(raw_items):
        if isinstance(raw, dict):
            items.append(_Item(cast(dict[str, object], raw), f"items[{index}].", problems))
        else:
            problems.add(INVALID_JSON_DATATYPE, f"items[{index}]")
    return items, True


# --- validation of writes -----------------------------------------------------------------

_ORG_FREE_TEXT: Final = (
    "practiceStreet1",
    "practiceStreet2",
    "practiceCity",
    "specialization",
    "endpointUri",
)


@dataclass(slots=True)
class _OrgChanges:
    fields: JsonObject = field(default_factory=dict)
    vendor_id: int | None = None
    target: Organization | None = None


def _organization_changes(item: _Item, store: _Store, *, creating: bool) -> _OrgChanges:
    changes = _OrgChanges()
    given = item.has if not creating else (lambda name: True)
    if creating and item.has("id"):
        item.fail(INVALID_PARAM, "id")
    if not creating:
        org_id = item.integer("id", required=True)
        if org_id is not None:
            changes.target = store.organizations.get(org_id)
            if changes.target is None:
                item.fail(NOT_FOUND, "id")
    if given("organizationName"):
        name = item.text("organizationName", required=True)
        if name is not None:
            changes.fields["organizationName"] = name
    if given("typeCode"):
        type_code = item.integer("typeCode", required=True)
        if type_code is not None:
            if type_code in _TYPE_CODES:
                changes.fields["typeCode"] = type_code
            else:
                item.fail(INVALID_PARAM, "typeCode")
    checked: tuple[tuple[str, re.Pattern[str] | None, Iterable[str] | None], ...] = (
        ("tin", _TIN_RE, None),
        ("practiceState", None, _STATE_CODES),
        ("practiceZip", _ZIP_RE, None),
        ("telephoneNumber", _PHONE_RE, None),
        *((name, None, None) for name in _ORG_FREE_TEXT),
    )
    for name, pattern, options in checked:
        if item.has(name):
            before = len(item.problems.found)
            value = item.text(name, pattern=pattern, options=options)
            if len(item.problems.found) == before:
                changes.fields[name] = value
    if item.has("npi"):
        npi = item.integer("npi")
        if npi is not None and not _MIN_NPI <= npi <= _MAX_NPI:
            item.fail(INVALID_PARAM, "npi")
        elif npi is not None or item.raw.get("npi") is None:
            changes.fields["npi"] = npi
    if given("vendor"):
        vendor = item.child("vendor", required=False)
        if vendor is None and item.raw.get("vendor") is None:
            item.fail(MISSING_PARAM, "vendor.id")
        elif vendor is not None:
            vendor_id = vendor.integer("id", required=True)
            if vendor_id is not None:
                if vendor_id in store.vendors:
                    changes.vendor_id = vendor_id
                else:
                    vendor.fail(INVALID_PARAM, "id")
    if creating and item.has("directAbbreviation"):
        abbreviation = item.text("directAbbreviation", pattern=_ABBREVIATION_RE)
        if abbreviation is not None:
            if abbreviation.lower() in store.abbreviations:
                item.fail(INVALID_PARAM, "directAbbreviation")
            else:
                changes.fields["directAbbreviation"] = abbreviation.lower()
    return changes


@dataclass(slots=True)
class _NewMembership:
    organization: Organization
    account: Account | None
    account_type: str
    account_fields: JsonObject
    local_part: str | None
    business_email: str | None
    publishable: bool


_PERSON_TEXT: Final = ("middleInitial", "suffix", "credentials", "specialty")
_CONTACT_TEXT: Final = ("telephoneNumber", "faxNumber")


def _account_values(account: _Item, kind: str, *, creating: bool, values: JsonObject) -> None:
    """Checked account fields of type `kind` into `values`: on add every field (None when
    absent), on modify the fields present."""

    def read(
        name: str,
        *,
        required: bool = False,
        pattern: re.Pattern[str] | None = None,
        options: Iterable[str] | None = None,
    ) -> None:
        if not creating and not account.has(name):
            return
        before = len(account.problems.found)
        value = account.text(name, required=required, pattern=pattern, options=options)
        if len(account.problems.found) == before:
            values[name] = value

    if kind == "department":
        read("departmentName", required=True)
    else:
        person_required = kind == "nonProvider"
        if kind == "provider" and creating:
            read("npin", required=True, pattern=_NPIN_RE)
        read("firstName", required=person_required)
        read("lastName", required=person_required)
        read("gender", required=person_required, options=_GENDERS)
        for name in _PERSON_TEXT:
            read(name)
    for name in _CONTACT_TEXT:
        read(name)


def _membership_values(
    item: _Item, *, creating: bool
) -> tuple[str | None, str | None, bool | None]:
    # On modify a local part may change but not go away.
    required = not creating and item.has("directAddressLocalPart")
    local_part = item.text("directAddressLocalPart", required=required, pattern=_LOCAL_PART_RE)
    return local_part, item.text("businessEmail"), item.boolean("publishable")


def _organization_of(
    items: Sequence[_Item], body: Mapping[str, object], store: _Store, *, enabled: bool
) -> Organization | None:
    """The one organization every item names (the body's own `organizationId` is the
    default)."""
    default = body.get("organizationId") if "items" in body else None
    org_ids: list[int | None] = []
    for item in items:
        if "organizationId" not in item.raw and _is_int(default):
            org_ids.append(cast(int, default))
        else:
            org_ids.append(item.integer("organizationId", required=True))
    first = next((i for i in org_ids if i is not None), None)
    if first is None:
        return None
    for item, org_id in zip(items, org_ids, strict=True):
        if org_id is not None and org_id != first:
            item.fail(INVALID_PARAM, "organizationId")
    org = store.organizations.get(first)
    if org is None:
        items[org_ids.index(first)].fail(NOT_FOUND, "organizationId")
    elif enabled and not org.enabled:
        items[org_ids.index(first)].fail(INVALID_PARAM, "organizationId")
    return org


def _new_membership(item: _Item, org: Organization | None, store: _Store) -> _NewMembership | None:
    problems = item.problems
    before = len(problems.found)
    account_item = item.child("account", required=True)
    account: Account | None = None
    kind = ""
    values: JsonObject = {}
    if account_item is not None:
        if account_item.raw.get("id") is not None:
            account_id = account_item.integer("id")
            if account_id is not None:
                account = store.accounts.get(account_id)
                if account is None:
                    account_item.fail(NOT_FOUND, "id")
                else:
                    kind = account.account_type
        else:
            kind = account_item.text("accountType", required=True, options=ACCOUNT_TYPES) or ""
            if kind:
                _account_values(account_item, kind, creating=True, values=values)
    local_part, email, publishable = _membership_values(item, creating=True)
    if org is None or len(problems.found) != before or not kind:
        return None
    return _NewMembership(
        organization=org,
        account=account,
        account_type=kind,
        account_fields=values,
        local_part=local_part,
        business_email=email,
        publishable=bool(publishable),
    )


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


# --- authentication -----------------------------------------------------------------------


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def _authenticator(public: Callable[[web.Request], bool]) -> Middleware:
    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        # Unknown routes answer 404 before any credential check; metadata and the kit's
        # own routes need none.
        if (
            request.match_info.http_exception is not None
            or is_stats_request(request)
            or public(request)
        ):
            return await handler(request)
        if request.headers.get("X-MedAllies-App-Key") != APP_KEY or _basic_credentials(
            request.headers.get("Authorization")
        ) != (USERNAME, PASSWORD):
            return json_response(_error_json(UNAUTHORIZED), 401)
        return await handler(request)

    return authenticate


@web.middleware
async def _api_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except _ApiError as exc:
        return json_response(exc.body, exc.status)
    except FilterError as exc:
        return json_response(_error_json(exc.code, [exc.parameter]), 400)


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
