"""The in-memory store: organizations, vendors, accounts and memberships."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from upstreams.medallies.simulator.errors import _ApiError
from upstreams.medallies.simulator.seed import (
    Account,
    Json,
    Membership,
    Organization,
    SeedData,
    Vendor,
    wire_time,
)
from upstreams.medallies.simulator.vocabulary import NOT_FOUND

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
