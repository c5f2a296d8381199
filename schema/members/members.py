"""Member: a person who accesses healthcare services through a sponsor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, Optional

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_date
from resolvers.members import MemberRecord
from resolvers.members.planning import PARTIAL_GRAPH_FIELDS
from schema.core.cost import EMBEDDED_LIST_BOUND, HOUSEHOLD_BOUND, cost
from schema.core.selection import remember, selected_paths
from schema.members.consents import Consent
from schema.members.enrollments import Enrollment

__all__ = ["Member", "ProgramStatus"]


@strawberry.enum(description="Where a member stands in their sponsor's program.")
class ProgramStatus(Enum):
    ACTIVE = strawberry.enum_value("active", description="Enrolled and receiving services.")
    PENDING = strawberry.enum_value("pending", description="Known, not yet confirmed.")
    INACTIVE = strawberry.enum_value("inactive", description="No longer in the program.")
    UNKNOWN = strawberry.enum_value(
        "unknown", description="A status the upstream sent that the graph does not know yet."
    )


_STATUSES: dict[str, ProgramStatus] = {str(s.value): s for s in ProgramStatus}


def _household_complete(info: Info[Context, None]) -> bool:
    return remember(
        info,
        "members.household.complete",
        lambda: resolve.household_needs_complete(selected_paths(info.selected_fields, 2)),
    )


def _needs_events(info: Info[Context, None]) -> bool:
    return remember(
        info,
        "members.enrollments.events",
        lambda: resolve.enrollments_need_events(selected_paths(info.selected_fields, 1)),
    )


@strawberry.type(description="A person who accesses healthcare services through a sponsor.")
class Member(relay.Node):
    key: relay.NodeID[str]
    member_id: str = strawberry.field(description="Datanexus member id, e.g. A5c7X.")
    first_name: str | None = strawberry.field(
        description="Given name as the sponsor recorded it, e.g. Michael; case kept as sent."
    )
    middle_name: str | None = strawberry.field(
        description="Middle name or initial; null when none was recorded."
    )
    last_name: str | None = strawberry.field(
        description="Family name as the sponsor recorded it, e.g. Hamilton."
    )
    born_on: dt.date | None = strawberry.field(description="Date of birth.")
    gender: str | None = strawberry.field(description="Gender as the sponsor records it.")
    email: str | None = strawberry.field(
        description="Contact email, e.g. m.hamilton@example.com; null when none was given."
    )
    phone_number: str | None = strawberry.field(
        description="Contact phone as recorded (free text, e.g. 555-867-5309); null when none."
    )
    street_address1: str | None = strawberry.field(description="Street address, first line.")
    street_address2: str | None = strawberry.field(description="Street address, second line.")
    city: str | None = strawberry.field(description="City of the postal address, e.g. Springfield.")
    state: str | None = strawberry.field(description="State (two letters in the US).")
    postal_code: str | None = strawberry.field(
        description="Postal (ZIP) code of the address, 55555 or 55555-5555."
    )
    program_status: ProgramStatus | None = strawberry.field(
        description="Where the member stands in the program."
    )
    eligibility_start_on: dt.date | None = strawberry.field(
        description="The day the member became eligible."
    )
    health_plan_identifier: str | None = strawberry.field(
        description="The member's identifier at their health plan."
    )
    sponsor_member_identifier: str | None = strawberry.field(
        description="The member's identifier at their sponsor."
    )
    prefixed_sponsor_member_identifier: str | None = strawberry.field(
        description="The sponsor identifier with its prefix, e.g. EOE-COGITO55; "
        "`member(memberId:)` accepts it."
    )
    soda_sponsor_id: str | None = strawberry.field(description="The sponsor's SODA id.")
    vendor_data: JSON | None = strawberry.field(
        description="Free-form attributes kept for vendor callers; null for other callers."
    )
    record: strawberry.Private[MemberRecord]

    @classmethod
    def from_record(cls, r: MemberRecord) -> Member:
        # Filled without the dataclass __init__: a page builds a hundred of these per request
        # and keyword-argument binding for 22 fields is most of their cost.
        status = r.get("program_status")
        member = cls.__new__(cls)
        member.__dict__.update(
            key=r["id"],
            member_id=r["id"],
            first_name=r.get("first_name"),
            middle_name=r.get("middle_name"),
            last_name=r.get("last_name"),
            born_on=parse_date(r.get("born_on")),
            gender=r.get("gender"),
            email=r.get("email"),
            phone_number=r.get("phone_number"),
            street_address1=r.get("street_address_1"),
            street_address2=r.get("street_address_2"),
            city=r.get("city"),
            state=r.get("state"),
            postal_code=r.get("postal_code"),
            program_status=None if status is None else _STATUSES.get(status, ProgramStatus.UNKNOWN),
            eligibility_start_on=parse_date(r.get("eligibility_start_on")),
            health_plan_identifier=r.get("health_plan_identifier"),
            sponsor_member_identifier=r.get("sponsor_member_identifier"),
            prefixed_sponsor_member_identifier=r.get("prefixed_sponsor_member_identifier"),
            soda_sponsor_id=r.get("soda_sponsor_id"),
            vendor_data=r.get("vendor_data"),
            record=r,
        )
        return member

    # These three answer synchronously when the record already holds what they need (the
    # common case: a list page embeds it), and return an awaitable only when it must be
    # fetched; graphql-core completes either. A coroutine per member per field would
    # cost more CPU than the rest of the page.

    @strawberry.field(
        description="The member's answers to consent requests.",
        graphql_type=list[Consent] | None,
        # Embedded in the member record, but a household entry lacks them: one fetch of the
        # whole record.
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    def consents(self, info: Info[Context, None]) -> Any:
        if "consents" in self.record:
            return self._consents(self.record)
        return self._complete_then(info, self._consents)

    def _consents(self, record: MemberRecord) -> list[Consent]:
        return [Consent.from_record(c, self.member_id) for c in record.get("consents") or ()]

    @strawberry.field(
        description="The member's program enrollments.",
        graphql_type=list[Enrollment] | None,
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    def enrollments(self, info: Info[Context, None]) -> Any:
        record = self.record
        # Household entries carry enrollments without their events.
        if "enrollments" in record and (record.get("complete") or not _needs_events(info)):
            return self._enrollments(record)
        return self._complete_then(info, self._enrollments)

    def _enrollments(self, record: MemberRecord) -> list[Enrollment]:
        return [Enrollment.from_record(e, self.member_id) for e in record.get("enrollments") or ()]

    async def _complete_then(
        self, info: Info[Context, None], convert: Callable[[MemberRecord], Any]
    ) -> Any:
        return convert(await resolve.complete_member(info.context, self.record))

    @strawberry.field(
        description="The other members of this member's household.",
        graphql_type=Optional[list["Member"]],  # noqa: UP045 - a forward reference
        # One call for the household, and one per member when the selection needs more than a
        # household entry holds (resolvers/members/planning.household_needs_complete).
        metadata=cost(
            1,
            HOUSEHOLD_BOUND,
            item_calls=1,
            item_calls_unless=PARTIAL_GRAPH_FIELDS | {"enrollments"},
        ),
    )
    def household(self, info: Info[Context, None]) -> Any:
        complete = _household_complete(info)
        entries = self.record.get("household")
        if entries is not None and not complete:
            return [Member.from_record(m) for m in entries]
        return self._household(info, complete)

    async def _household(self, info: Info[Context, None], complete: bool) -> list[Member]:
        found = await resolve.household(info.context, self.record, complete=complete)
        return [Member.from_record(m) for m in found]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Member | None]:
        found = await resolve.member_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]
