"""Endorsement writes through the one core write helper.

Checked first (``checks``): blank text, formats, ids, the pre-existing-condition rule, and
condition ids against Bastion's (cached) list. Then sent once: Bastion's ``status: false``
(a refusal, even with HTTP 200) becomes a userError carrying its message; an unknown member
or plan becomes NOT_FOUND; an outcome the gateway cannot know (a timeout after sending) is a
GraphQL error with ``writeOutcome: UNKNOWN``, never retried.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from resolvers.core.context import Context
from resolvers.core.writes import (
    Dialect,
    InputPaths,
    Outcome,
    UserErrorCode,
    UserErrorRecord,
    write,
)
from resolvers.endorsements import reference
from resolvers.endorsements.checks import (
    CREATE_REQUIRED,
    DETAILS_REQUIRED,
    check_conditions,
    check_customer,
    check_ids,
)
from resolvers.endorsements.enrollees import forget_enrollee, plan_part
from upstreams.bastion import BastionClient, EnrolleeRecord, RemovalRecord, wire

__all__ = [
    "change_plan",
    "create_endorsement",
    "remove_endorsement",
    "undo_removal",
    "update_details",
]


# Bastion's refusals name wire fields (the client reads them: ``wire.refusal_fields``);
# here they are placed in the graph's input, and "is not a known ..." is NOT_FOUND.
_CUSTOMER_NAMES: Final = {
    "_email": "email",
    "dob": "dateOfBirth",
    "country": "countryId",
    "state": "regionId",
    "city": "cityId",
    "condition": "conditionIds",
    "preExistingCondition": "hasPreExistingCondition",
}
_TOP_NAMES: Final = {"plan_id": "planId"}
DIALECT: Final = Dialect(contains=(("is not a known", UserErrorCode.NOT_FOUND),))


def _paths(customer: str) -> InputPaths:
    """Bastion's wire names -> paths into the mutation's input (the customer is under
    ``customer`` on create, ``details`` on update)."""
    renames = dict(_TOP_NAMES)
    for name in wire.CUSTOMER_FIELDS:
        renames[f"customer.{name}"] = f"{customer}.{_CUSTOMER_NAMES.get(name, name)}"
    return InputPaths(renames=renames)


_CREATE: Final = _paths("customer")
_UPDATE: Final = _paths("details")


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
        paths=_CREATE,
        dialect=DIALECT,
    )
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
        paths=_CREATE,
        dialect=DIALECT,
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
        paths=_CREATE,
        dialect=DIALECT,
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
        paths=_CREATE,
        dialect=DIALECT,
    )
    forget_enrollee(ctx, member_id)
    return outcome


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
        paths=_UPDATE,
        dialect=DIALECT,
    )
    forget_enrollee(ctx, member_id)
    return outcome
