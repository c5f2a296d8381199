"""EndorsementEvent and the ``endorsementEvents`` subscription (graphql-transport-ws).

Bastion tells the vendor about new and re-endorsed members by webhook; the gateway is that
webhook (``POST /webhooks/bastion``), and each event it accepts, once, reaches every
subscriber of its policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers.core.context import Context
from resolvers.endorsements.events import endorsement_events
from schema.core.cost import cost
from schema.endorsements.enrollees import Enrollee
from schema.endorsements.enums import EndorsementEventKind

__all__ = ["EndorsementEvent", "EndorsementSubscriptions"]


@strawberry.type(description="Something Bastion reported about an endorsement, by webhook.")
class EndorsementEvent:
    kind: EndorsementEventKind = strawberry.field(description="What happened.")
    enrollee: Enrollee = strawberry.field(
        description="The enrollee as the event describes it (its status, plan and utilization "
        "are read from Bastion when selected, at the time of the event)."
    )
    received_at: dt.datetime = strawberry.field(
        description="When the gateway accepted the event (Bastion's events carry no time)."
    )


@strawberry.type
class EndorsementSubscriptions:
    @strawberry.subscription(
        description="Endorsement events from now on, each delivered once even when Bastion "
        "sends it again; of one policy when policyId is given.",
        # No call of its own; what each event's selection reads is counted below it.
        metadata=cost(0, 1),
    )
    async def endorsement_events(
        self,
        info: Info[Context, None],
        policy_id: Annotated[
            str | None,
            strawberry.argument(description="Only this policy's events, e.g. 2058."),
        ] = None,
    ) -> AsyncGenerator[EndorsementEvent, None]:
        async for event in endorsement_events(info.context, policy_id):
            yield EndorsementEvent(
                kind=EndorsementEventKind(event["kind"]),
                enrollee=Enrollee.from_record(event["enrollee"]),
                received_at=dt.datetime.fromisoformat(event["receivedAt"]),
            )
