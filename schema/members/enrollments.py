"""Enrollment: a household member's access to a benefit program, and its events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_datetime
from resolvers.members import EnrollmentRecord, EventRecord
from schema.members.attributes import NameValue

__all__ = ["Enrollment", "EnrollmentEvent"]


@strawberry.type(description="Something that happened to an enrollment.")
class EnrollmentEvent:
    event_id: str | None = strawberry.field(description="Datanexus event id.")
    category: str | None = strawberry.field(description="What happened, e.g. created.")
    details: list[NameValue] = strawberry.field(description="Extra attributes of the event.")

    @classmethod
    def from_record(cls, r: EventRecord) -> EnrollmentEvent:
        return cls(event_id=r["id"], category=r["category"], details=NameValue.many(r["details"]))


@strawberry.type(description="A household member's access to a benefit program.")
class Enrollment(relay.Node):
    key: relay.NodeID[str]
    enrollment_id: str = strawberry.field(description="Datanexus enrollment id.")
    member_id: str | None = strawberry.field(description="The enrolled member.")
    program_id: str | None = strawberry.field(description="The benefit program, e.g. 8355.")
    enrolled_at: dt.datetime | None = strawberry.field(description="When access began.")
    expires_at: dt.datetime | None = strawberry.field(description="When access ends, if set.")
    events: list[EnrollmentEvent] = strawberry.field(
        description="The enrollment's lifecycle, oldest first."
    )

    @classmethod
    def from_record(cls, r: EnrollmentRecord, member_id: str | None = None) -> Enrollment:
        owner = r["member_id"] or member_id
        return cls(
            key=f"{owner}/{r['id']}",
            enrollment_id=r["id"],
            member_id=owner,
            program_id=r["program_id"],
            enrolled_at=parse_datetime(r["enrolled_at"]),
            expires_at=parse_datetime(r["expires_at"]),
            events=[EnrollmentEvent.from_record(e) for e in r["events"]],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Enrollment | None]:
        found = await resolve.enrollment_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]
