"""Enrollees by member id: details, status, plan and utilization, each from its own call.

Bastion has no "get enrollee" call: each of ``enrollee-status``, ``enrollee-plan`` and
``enrollee-utilization`` answers the enrollee's details beside its own part. So the root
field asks, at once, for every part the query selects (the status alone when it selects
none) and takes the details from the first that answers; the part fields then find their
answers already fetched (``ctx.once`` per request and member), so the three cost one round
trip of time, not three. A part that fails fails alone: its field is null with the error,
the details and the other parts still answer.

Nothing here outlives the request: enrollee data is personal and never cached across callers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable
from typing import Final, Literal

from resolvers.core.context import Context
from resolvers.core.nodes import each_key
from upstreams.bastion import (
    BastionClient,
    EnrolleePlanRecord,
    EnrolleeRecord,
    StatusRecord,
    UtilizationRecord,
)
from upstreams.bastion.wire import MEMBER_ID

__all__ = [
    "PARTS",
    "Part",
    "enrollee",
    "enrollee_nodes",
    "forget_enrollee",
    "plan_part",
    "status_part",
    "utilization_part",
]

Part = Literal["status", "plan", "utilization"]
PARTS: Final[tuple[Part, ...]] = ("status", "plan", "utilization")

PartRecord = StatusRecord | EnrolleePlanRecord | UtilizationRecord


async def _part(ctx: Context, part: Part, member_id: str) -> PartRecord | None:
    client = ctx.client(BastionClient)
    fetch = {
        "status": client.enrollee_status,
        "plan": client.enrollee_plan,
        "utilization": client.enrollee_utilization,
    }[part]
    found: PartRecord | None = await ctx.once(
        ("bastion", part, member_id), lambda: fetch(member_id)
    )
    return found


async def status_part(ctx: Context, member_id: str) -> StatusRecord | None:
    return await _part(ctx, "status", member_id)  # type: ignore[return-value]


async def plan_part(ctx: Context, member_id: str) -> EnrolleePlanRecord | None:
    return await _part(ctx, "plan", member_id)  # type: ignore[return-value]


async def utilization_part(ctx: Context, member_id: str) -> UtilizationRecord | None:
    return await _part(ctx, "utilization", member_id)  # type: ignore[return-value]


async def enrollee(
    ctx: Context, member_id: str, parts: Collection[str] = ()
) -> EnrolleeRecord | None:
    """The enrollee's details; None when Bastion knows no such member.

    ``parts`` are the parts the query selects: they are all requested now, concurrently.
    A member id outside Bastion's id format names nobody: None, without a call.
    """
    if not MEMBER_ID.valid(member_id):
        return None
    wanted = [p for p in PARTS if p in parts] or ["status"]
    answers = await asyncio.gather(
        *(_part(ctx, p, member_id) for p in wanted), return_exceptions=True
    )
    errors: list[BaseException] = []
    for answer in answers:
        if isinstance(answer, BaseException):
            errors.append(answer)
        elif answer is None:
            return None
        else:
            return answer["enrollee"]
    raise errors[0]


async def enrollee_nodes(
    ctx: Context, keys: Iterable[str]
) -> list[EnrolleeRecord | BaseException | None]:
    """Enrollees for node keys, in order; an enrollee whose call fails fails alone."""
    return await each_key(keys, lambda k: enrollee(ctx, k))


def forget_enrollee(ctx: Context, member_id: str) -> None:
    """Drop this request's answers about ``member_id`` after a write changed it."""
    for part in PARTS:
        ctx.forget(("bastion", part, member_id))
