"""Misp: a MOSIP Infrastructure Service Provider (a telecom or other partner that gives
MOSIP's authentication to its clients), with its license key, filter and order.

The details, status and approval are plain attributes from the list or the MISP's own read.
``licenseKey`` is its own call (MOSIP's by-name read), made only when selected, and shows
the key masked: the whole key is only ever in the payload of the mutations that issue or
download it (``IssuedMispLicenseKey``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import misps as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_datetime
from resolvers.misps import LicenseKeyRecord, MaskedKeyRecord, MispRecord
from schema.core.cost import cost
from schema.core.filters import EnumFilter, StringFilter
from schema.core.ordering import Order

__all__ = [
    "IssuedMispLicenseKey",
    "Misp",
    "MispApproval",
    "MispFilter",
    "MispLicenseKey",
    "MispLicenseKeyStatus",
    "MispOrder",
    "MispOrderField",
    "MispStatus",
]


@strawberry.enum(description="Whether a MISP may work with MOSIP now (MOSIP's Active/De-Active).")
class MispStatus(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Active: the MISP may use MOSIP.")
    INACTIVE = strawberry.enum_value(
        "INACTIVE", description="De-activated (also every rejected MISP)."
    )


@strawberry.enum(description="Where a MISP's registration stands with the MOSIP admin.")
class MispApproval(Enum):
    IN_PROGRESS = strawberry.enum_value(
        "IN_PROGRESS", description="Registered, awaiting the admin's decision (decideMisp)."
    )
    APPROVED = strawberry.enum_value(
        "APPROVED", description="Approved: MOSIP issued it a license key. Final."
    )
    REJECTED = strawberry.enum_value("REJECTED", description="Rejected (and de-activated). Final.")


@strawberry.enum(description="Whether a license key is switched on (MOSIP's Active/De-Active).")
class MispLicenseKeyStatus(Enum):
    ACTIVE = strawberry.enum_value(
        "ACTIVE", description="Switched on; valid until it expires (see `expired`)."
    )
    INACTIVE = strawberry.enum_value(
        "INACTIVE", description="Switched off, or replaced by a newer key."
    )


def _enum(kind: type[Enum], value: str | None) -> Enum | None:
    return None if value is None else kind(value)


@strawberry.type(
    description="A MISP's current license key as queries show it: masked, with its status and "
    "expiry. The whole key is only in the payloads of decideMisp and downloadMispLicenseKey."
)
class MispLicenseKey:
    masked: str = strawberry.field(
        description="The key's last four characters after an ellipsis, e.g. …4770: enough to "
        "tell keys apart, not to use one."
    )
    status: MispLicenseKeyStatus | None = strawberry.field(
        description="Switched on or off, as MOSIP says; an expired key may still say ACTIVE."
    )
    expires_at: dt.datetime | None = strawberry.field(
        description="When the key expires (UTC). MOSIP's by-name read gives a date: the key is "
        "valid through that day."
    )
    expired: bool | None = strawberry.field(
        description="Whether expiresAt has passed by the gateway's clock. Reading does not "
        "renew a key; downloadMispLicenseKey does."
    )

    @classmethod
    def from_record(cls, r: MaskedKeyRecord) -> MispLicenseKey:
        return cls(
            masked=r["masked"],
            status=_enum(MispLicenseKeyStatus, r["status"]),  # type: ignore[arg-type]
            expires_at=parse_datetime(r["expiry"]),
            expired=r["expired"],
        )


@strawberry.type(
    description="A license key in full, answered once in the payload of the mutation that "
    "issued or downloaded it. Store it; queries show it only masked."
)
class IssuedMispLicenseKey:
    key: str = strawberry.field(description="The whole key, e.g. fa604-affcd-33201-04770.")
    masked: str = strawberry.field(description="The key as queries show it, e.g. …4770.")
    status: MispLicenseKeyStatus | None = strawberry.field(description="Switched on or off.")
    expires_at: dt.datetime | None = strawberry.field(description="When the key expires (UTC).")

    @classmethod
    def from_record(cls, r: LicenseKeyRecord) -> IssuedMispLicenseKey:
        return cls(
            key=r["key"],
            masked=resolve.mask(r["key"]),
            status=_enum(MispLicenseKeyStatus, r["status"]),  # type: ignore[arg-type]
            expires_at=parse_datetime(r["expiry"]),
        )


@strawberry.type(
    description="A MISP (MOSIP Infrastructure Service Provider) registered with MOSIP Partner "
    "Management, e.g. telecom."
)
class Misp(relay.Node):
    key: relay.NodeID[str]
    misp_id: str = strawberry.field(description="MOSIP's MISP id, e.g. 64269837502851.")
    organization_name: str = strawberry.field(
        description="The organization's name, unique ignoring case, e.g. telecom."
    )
    address: str | None = strawberry.field(description="The organization's address, e.g. India.")
    contact_number: str | None = strawberry.field(
        description="The contact phone number, e.g. 9876998888; null when none was given."
    )
    email: str | None = strawberry.field(description="The contact email, e.g. prm@telecom.com.")
    status: MispStatus | None = strawberry.field(
        description="Active or de-activated; null when MOSIP's answer did not say."
    )
    approval: MispApproval | None = strawberry.field(
        description="The admin's decision on the registration; null when MOSIP did not say."
    )

    @classmethod
    def from_record(cls, r: MispRecord) -> Misp:
        return cls(
            key=r["id"],
            misp_id=r["id"],
            organization_name=r["name"],
            address=r["address"],
            contact_number=r["contact_number"],
            email=r["email"],
            status=_enum(MispStatus, r["status"]),  # type: ignore[arg-type]
            approval=_enum(MispApproval, r["approval"]),  # type: ignore[arg-type]
        )

    @strawberry.field(
        description="The MISP's current license key, masked; null before approval. One MOSIP "
        "call (the by-name read), made only when selected; it never renews an expired key.",
        metadata=cost(1),
    )
    async def license_key(self, info: Info[Context, None]) -> MispLicenseKey | None:
        found = await resolve.license_key(info.context, self.misp_id, self.organization_name)
        return None if found is None else MispLicenseKey.from_record(found)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Misp | BaseException | None]:
        found = await resolve.misp_nodes(info.context, node_ids)
        return [
            r if r is None or isinstance(r, BaseException) else cls.from_record(r) for r in found
        ]


@strawberry.input(description="Conditions on a MISP's status.")
class MispStatusFilter(EnumFilter[MispStatus]):
    pass


@strawberry.input(description="Conditions on a MISP's approval.")
class MispApprovalFilter(EnumFilter[MispApproval]):
    pass


@strawberry.input(
    description="Which MISPs to return; evaluated by the gateway on MOSIP's whole list."
)
class MispFilter:
    misp_id: StringFilter | None = strawberry.field(description="MOSIP's MISP id.", default=None)
    organization_name: StringFilter | None = strawberry.field(
        description="The organization's name (case-sensitive).", default=None
    )
    email: StringFilter | None = strawberry.field(description="The contact email.", default=None)
    address: StringFilter | None = strawberry.field(description="The address.", default=None)
    contact_number: StringFilter | None = strawberry.field(
        description="The contact phone number.", default=None
    )
    status: MispStatusFilter | None = strawberry.field(
        description="Active or de-activated.", default=None
    )
    approval: MispApprovalFilter | None = strawberry.field(
        description="The admin's decision.", default=None
    )
    and_: list[MispFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[MispFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: MispFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


@strawberry.enum(description="What MISPs can be ordered by.")
class MispOrderField(Enum):
    ORGANIZATION_NAME = strawberry.enum_value(
        "organization_name", description="The organization's name (case-sensitive)."
    )
    MISP_ID = strawberry.enum_value("misp_id", description="MOSIP's MISP id, as text.")
    EMAIL = strawberry.enum_value("email", description="The contact email.")
    STATUS = strawberry.enum_value("status", description="Active before inactive.")
    APPROVAL = strawberry.enum_value(
        "approval", description="APPROVED, IN_PROGRESS, REJECTED (alphabetical)."
    )


@strawberry.input(description="One sort key of misps.")
class MispOrder(Order[MispOrderField]):
    pass
