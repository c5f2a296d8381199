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
    member_id: StringFilter | None = strawberry.field(description="Member id.", default=None)
    first_name: StringFilter | None = strawberry.field(description="First name.", default=None)
    middle_name: StringFilter | None = strawberry.field(description="Middle name.", default=None)
    last_name: StringFilter | None = strawberry.field(description="Last name.", default=None)
    born_on: DateFilter | None = strawberry.field(description="Date of birth.", default=None)
    gender: StringFilter | None = strawberry.field(description="Gender.", default=None)
    email: StringFilter | None = strawberry.field(description="Email address.", default=None)
    phone_number: StringFilter | None = strawberry.field(description="Phone number.", default=None)
    city: StringFilter | None = strawberry.field(description="City.", default=None)
    state: StringFilter | None = strawberry.field(description="State.", default=None)
    postal_code: StringFilter | None = strawberry.field(description="Postal code.", default=None)
    program_status: ProgramStatusFilter | None = strawberry.field(
        description="Program status.", default=None
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
