"""Records as the API renders them (JSON)."""

from __future__ import annotations

from upstreams.medallies.simulator.datatypes import _ACCOUNT_PLAIN, _ORG_PLAIN
from upstreams.medallies.simulator.seed import (
    DISABLED,
    ENABLED,
    Account,
    Membership,
    Organization,
    Vendor,
)
from upstreams.medallies.simulator.store import _Store
from upstreams.medallies.simulator.vocabulary import JsonObject

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
