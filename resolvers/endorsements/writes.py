"""Endorsement writes through the one core write helper.

Checked first (``checks``): blank text, formats, ids, the pre-existing-condition rule, and
condition ids against Bastion's (cached) list. Then sent once: Bastion's ``status: false``
(a refusal, even with HTTP 200) becomes a userError carrying its message; an unknown member
or plan becomes NOT_FOUND; an outcome the gateway cannot know (a timeout after sending) is a
GraphQL error with ``writeOutcome: UNKNOWN``, never retried.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, TypeVar

from resolvers.core.context import Context
from resolvers.core.writes import Outcome, UserErrorCode, UserErrorRecord, write
from resolvers.endorsements import reference
from resolvers.endorsements.checks import (
    CREATE_REQUIRED,
    DETAILS_REQUIRED,
    check_conditions,
    check_customer,
    check_ids,
)
from resolvers.endorsements.enrollees import forget_enrollee, plan_part
from upstreams.bastion import BastionClient, EnrolleeRecord, RemovalRecord

R = TypeVar("R")

__all__ = [
    "change_plan",
    "create_endorsement",
    "remove_endorsement",
    "undo_removal",
    "update_details",
]


# Bastion answers a refusal as one message (`status: false`), naming the wire fields at
# fault at the start of each "; "-separated part ("plan_id 99999 is not a known plan;
# customer.state 999 is not a known state"). Those names, placed in the graph's input:
_TOP_FIELDS: Final = {
    "plan_id": "planId",
    "policyId": "policyId",
    "memberId": "memberId",
    "newPlanId": "newPlanId",
    "oldPlanId": "oldPlanId",
    "reference": "reference",
}
_CUSTOMER_FIELDS: Final = {
    "_email": "email",
    "dob": "dateOfBirth",
    "country": "countryId",
    "state": "regionId",
    "city": "cityId",
    "condition": "conditionIds",
    "preExistingCondition": "hasPreExistingCondition",
}


def _placed(outcome: Outcome[R], customer: str = "customer") -> Outcome[R]:
    """The outcome with Bastion's one-message refusals split into userErrors at the input
    fields they name (NOT_FOUND for "is not a known ..."); a message naming no field it
    knows stays whole, on the input."""
    if outcome.value is not None or not outcome.user_errors:
        return outcome
    placed: list[UserErrorRecord] = []
    for error in outcome.user_errors:
        if error.field is not None:
            placed.append(error)
            continue
        for part in (p.strip() for p in error.message.split(";")):
            head, _, rest = part.partition(" ")
            path: tuple[str, ...] | None = None
            if head in _TOP_FIELDS:
                path = ("input", _TOP_FIELDS[head])
            elif head.startswith("customer."):
                wire_name = head.removeprefix("customer.")
                graph = _CUSTOMER_FIELDS.get(wire_name, wire_name)
                path = ("input", customer, graph)
            if path is None or not rest:
                placed.append(UserErrorRecord(part, error.code, None))
                continue
            code = UserErrorCode.NOT_FOUND if "is not a known" in rest else error.code
            placed.append(UserErrorRecord(f"{path[-1]} {rest}", code, path))
    return Outcome(user_errors=placed)


def _missing(name: str, what: str, value: object) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", name),
        message=f"Bastion knows no {what} {value!r}.",
        code=UserErrorCode.NOT_FOUND,
    )


def _wire_customer(customer: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(customer)
    if out.get("dob") is not None:
        out["dob"] = out["dob"].isoformat()
    if out.get("conditions") and out.get("pre_existing_condition") is None:
        out["pre_existing_condition"] = True
    return out


async def create_endorsement(
    ctx: Context, *, reference_id: str, plan_id: int, policy_id: str, customer: Mapping[str, Any]
) -> Outcome[EnrolleeRecord]:
    """Endorse a new member on ``policy_id`` under ``plan_id``."""
    errors = check_ids(planId=("plan", plan_id), policyId=("policy", policy_id))
    if not reference_id.strip():
        errors.append(
            UserErrorRecord(
                field=("input", "reference"),
                message="reference is blank.",
                code=UserErrorCode.BLANK,
            )
        )
    errors += check_customer(customer, required=CREATE_REQUIRED)
    ids = list(customer.get("conditions") or ())
    if ids and not errors:
        known = {c["id"] for c in await reference.conditions(ctx)}
        errors += check_conditions(ids, known)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await write(
        ctx.client(BastionClient).add_endorsement(
            reference=reference_id,
            plan_id=plan_id,
            policy_id=policy_id,
            customer=_wire_customer(customer),
        ),
        not_found=_missing("planId", "plan", plan_id),
    )
    outcome = _placed(outcome)
    if outcome.value is not None:
        forget_enrollee(ctx, outcome.value["member_id"])
    return outcome


async def remove_endorsement(
    ctx: Context, *, member_id: str, policy_id: str
) -> Outcome[RemovalRecord]:
    """Remove a member from a policy (undone by :func:`undo_removal`)."""
    errors = check_ids(memberId=("member", member_id), policyId=("policy", policy_id))
    if errors:
        return Outcome(user_errors=errors)
    outcome = await write(
        ctx.client(BastionClient).remove_endorsement(member_id=member_id, policy_id=policy_id),
        not_found=_missing("memberId", "enrollee", member_id),
    )
    forget_enrollee(ctx, member_id)
    return outcome


async def undo_removal(ctx: Context, *, member_id: str) -> Outcome[EnrolleeRecord]:
    """Re-endorse a removed member."""
    errors = check_ids(memberId=("member", member_id))
    if errors:
        return Outcome(user_errors=errors)
    outcome = await write(
        ctx.client(BastionClient).undo_removal(member_id=member_id),
        not_found=_missing("memberId", "enrollee", member_id),
    )
    forget_enrollee(ctx, member_id)
    return outcome


async def change_plan(
    ctx: Context, *, member_id: str, new_plan_id: int, old_plan_id: int | None
) -> Outcome[EnrolleeRecord]:
    """Move an enrollee to another plan. Bastion wants the current plan too: when the caller
    leaves it out, it is read first (``enrollee-plan``)."""
    errors = check_ids(memberId=("member", member_id), newPlanId=("plan", new_plan_id))
    if old_plan_id is not None:
        errors += check_ids(oldPlanId=("plan", old_plan_id))
    if errors:
        return Outcome(user_errors=errors)
    if old_plan_id is None:
        current = await plan_part(ctx, member_id)
        if current is None:
            return Outcome(user_errors=[_missing("memberId", "enrollee", member_id)])
        if current["plan_id"] is None:
            return Outcome(
                user_errors=[
                    UserErrorRecord(
                        field=("input", "oldPlanId"),
                        message="oldPlanId is needed: Bastion names no current plan for "
                        "this enrollee.",
                        code=UserErrorCode.MISSING,
                    )
                ]
            )
        old_plan_id = current["plan_id"]
    outcome = await write(
        ctx.client(BastionClient).change_plan(
            member_id=member_id, old_plan_id=old_plan_id, new_plan_id=new_plan_id
        ),
        not_found=_missing("memberId", "enrollee or plan", member_id),
    )
    forget_enrollee(ctx, member_id)
    return _placed(outcome)


async def update_details(
    ctx: Context, *, member_id: str, policy_id: str, customer: Mapping[str, Any]
) -> Outcome[EnrolleeRecord]:
    """Change an enrollee's personal details (names, contact, date of birth, gender)."""
    errors = check_ids(memberId=("member", member_id), policyId=("policy", policy_id))
    errors += check_customer(customer, required=DETAILS_REQUIRED)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await write(
        ctx.client(BastionClient).update_details(
            member_id=member_id, policy_id=policy_id, customer=_wire_customer(customer)
        ),
        not_found=_missing("memberId", "enrollee", member_id),
    )
    forget_enrollee(ctx, member_id)
    return _placed(outcome, customer="details")
