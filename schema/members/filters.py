"""MemberFilter: which members a ``members`` connection returns."""

from __future__ import annotations

import strawberry

from schema.core.filters import DateFilter, EnumFilter, StringFilter
from schema.members.members import ProgramStatus

__all__ = ["MemberFilter", "ProgramStatusFilter"]


@strawberry.input(description="Conditions on a member's program status.")
class ProgramStatusFilter(EnumFilter[ProgramStatus]):
    pass


@strawberry.input(
    description="Which members to return. Fields set together must all hold; combine filters "
    "with and/or/not. Equality on firstName, lastName and bornOn, a PENDING program status and "
    "an exact programId run at Datanexus; everything else is evaluated by the gateway, with "
    "the same results and exact paging."
)
class MemberFilter:
    member_id: StringFilter | None = strawberry.field(
        description="Datanexus member id, e.g. A5c7X.", default=None
    )
    first_name: StringFilter | None = strawberry.field(
        description="Given name as the sponsor recorded it, e.g. Michael; case kept as sent.",
        default=None,
    )
    middle_name: StringFilter | None = strawberry.field(
        description="Middle name or initial; null when none was recorded.", default=None
    )
    last_name: StringFilter | None = strawberry.field(
        description="Family name as the sponsor recorded it, e.g. Hamilton.", default=None
    )
    born_on: DateFilter | None = strawberry.field(description="Date of birth.", default=None)
    gender: StringFilter | None = strawberry.field(
        description="Gender as recorded: male, female, non_binary, unknown (or M / F).",
        default=None,
    )
    email: StringFilter | None = strawberry.field(
        description="Contact email, e.g. m.hamilton@example.com; null when none was given.",
        default=None,
    )
    phone_number: StringFilter | None = strawberry.field(
        description="Contact phone as recorded (free text, e.g. 555-867-5309); null when none.",
        default=None,
    )
    city: StringFilter | None = strawberry.field(
        description="City of the postal address, e.g. Springfield.", default=None
    )
    state: StringFilter | None = strawberry.field(
        description="State of the postal address, two-letter code such as NY.", default=None
    )
    postal_code: StringFilter | None = strawberry.field(
        description="Postal (ZIP) code of the address, 55555 or 55555-5555.", default=None
    )
    program_status: ProgramStatusFilter | None = strawberry.field(
        description="Where the member stands in the sponsor's program.", default=None
    )
    eligibility_start_on: DateFilter | None = strawberry.field(
        description="Day the member became eligible.", default=None
    )
    sponsor_member_identifier: StringFilter | None = strawberry.field(
        description="Identifier at the sponsor.", default=None
    )
    prefixed_sponsor_member_identifier: StringFilter | None = strawberry.field(
        description="Prefixed identifier at the sponsor.", default=None
    )
    health_plan_identifier: StringFilter | None = strawberry.field(
        description="Identifier at the health plan.", default=None
    )
    program_id: StringFilter | None = strawberry.field(
        description="Programs the member is eligible for: those in which anyone in the "
        "member's household holds an enrollment.",
        default=None,
    )
    and_: list[MemberFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[MemberFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: MemberFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )
