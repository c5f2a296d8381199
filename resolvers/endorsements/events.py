"""Bastion's webhook events as a subscriber sees them: from the event bus, one policy's.

The receiver (``webhooks``) checks, de-duplicates and publishes each event once on
:data:`~resolvers.endorsements.webhooks.TOPIC`; a subscription reads that topic and keeps
the events of the policy it asked for. A subscription's context lives as long as the
subscription, so what the context remembers about an enrollee is dropped before each event
(a status read for one event must not answer the next).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import cast

from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.endorsements.enrollees import forget_enrollee
from resolvers.endorsements.webhooks import TOPIC, EndorsementEvent
from upstreams.bastion.wire import POLICY_ID

__all__ = ["endorsement_events"]


async def endorsement_events(
    ctx: Context, policy_id: str | None
) -> AsyncIterator[EndorsementEvent]:
    """Every endorsement event from now on, of ``policy_id`` when given, in arrival order."""
    if policy_id is not None and not POLICY_ID.valid(policy_id):
        raise BadUserInput(
            "policyId is not a Bastion policy id (letters, digits, '-' and '_').",
            argument="policyId",
        )
    async with ctx.events.subscribe(TOPIC) as stream:
        async for raw in stream:
            event = cast(EndorsementEvent, raw)
            enrollee = event["enrollee"]
            if policy_id is not None and enrollee["policy_id"] != policy_id:
                continue
            forget_enrollee(ctx, enrollee["member_id"])
            yield event
