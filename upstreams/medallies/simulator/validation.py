"""Validation of writes: organizations, accounts and memberships."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, cast

from upstreams.medallies.simulator.filters import (
    INVALID_PARAM,
)
from upstreams.medallies.simulator.requests import _is_int, _Item
from upstreams.medallies.simulator.seed import (
    ACCOUNT_TYPES,
    Account,
    Organization,
)
from upstreams.medallies.simulator.store import _Store
from upstreams.medallies.simulator.vocabulary import (
    _ABBREVIATION_RE,
    _GENDERS,
    _LOCAL_PART_RE,
    _MAX_NPI,
    _MIN_NPI,
    _NPIN_RE,
    _PHONE_RE,
    _STATE_CODES,
    _TIN_RE,
    _TYPE_CODES,
    _ZIP_RE,
    MISSING_PARAM,
    NOT_FOUND,
    JsonObject,
)

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
