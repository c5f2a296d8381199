"""Consent: a member's answer to a request for legal consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_datetime
from resolvers.members import ConsentRecord
from schema.members.attributes import NameValue

__all__ = ["Consent"]


@strawberry.type(description="A member's answer to a request for legal consent.")
class Consent(relay.Node):
    key: relay.NodeID[str]
    consent_id: str = strawberry.field(description="Datanexus consent id.")
    member_id: str | None = strawberry.field(description="The member who answered.")
    category: str | None = strawberry.field(description="What was asked, e.g. sms or hipaa.")
    details: list[NameValue] = strawberry.field(description="Extra attributes of the consent.")
    consented_at: dt.datetime | None = strawberry.field(description="When the member answered.")
    member_response: bool | None = strawberry.field(
        description="true when the member consented, false when they declined."
    )

    @classmethod
    def from_record(cls, r: ConsentRecord, member_id: str | None = None) -> Consent:
        owner = r["member_id"] or member_id
        return cls(
            key=f"{owner}/{r['id']}",
            consent_id=r["id"],
            member_id=owner,
            category=r["category"],
            details=NameValue.many(r["details"]),
            consented_at=parse_datetime(r["consented_at"]),
            member_response=r["member_response"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Consent | None]:
        found = await resolve.consent_nodes(info.context, node_ids)
        return [None if r is None else cls.from_record(r) for r in found]
