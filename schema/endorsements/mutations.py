"""Endorsement mutations: ``verbNoun(input: VerbNounInput!): VerbNounPayload!``.

Bastion's refusals (``status: false``, even with HTTP 200) are userErrors with its message;
the gateway's own checks (blank text, the phone format, ids, the pre-existing-condition rule)
answer before any call. An outcome the gateway cannot know is a GraphQL error with
``extensions.writeOutcome: UNKNOWN``: the write is never retried.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from resolvers import endorsements as resolve
from resolvers.core.context import Context
from schema.core.cost import cost
from schema.core.errors import UserError, user_errors
from schema.endorsements.enrollees import Enrollee
from schema.endorsements.enums import (
    BloodGroup,
    Gender,
    Genotype,
    MaritalStatus,
    PaymentPlan,
    Relation,
    Religion,
)

__all__ = ["EndorsementMutations"]


def _value(v: Any) -> Any:
    return v.value if hasattr(v, "value") else v


@strawberry.input(description="The person to endorse (Bastion's customer).")
class EndorsementCustomerInput:
    first_name: str = strawberry.field(description="Given name, e.g. John.")
    middle_name: str | None = strawberry.field(description="Middle name.", default=None)
    last_name: str = strawberry.field(description="Family name, e.g. Doe.")
    maiden_name: str | None = strawberry.field(description="Maiden name.", default=None)
    email: str | None = strawberry.field(description="Contact email.", default=None)
    date_of_birth: dt.date = strawberry.field(description="Date of birth; not in the future.")
    gender: Gender = strawberry.field(description="Gender.")
    phone: str = strawberry.field(
        description="Phone number: 7 to 15 digits, optionally after a leading +, e.g. "
        "+2348031234567."
    )
    relation: Relation = strawberry.field(
        description="Relation to the policy holder (SELF for them)."
    )
    marital_status: MaritalStatus = strawberry.field(description="Marital status.")
    payment_plan: PaymentPlan | None = strawberry.field(
        description="How often the premium is paid.", default=None
    )
    country_id: int = strawberry.field(description="Bastion's country id (162: Nigeria).")
    region_id: int = strawberry.field(description="Bastion's state id, from `regions`.")
    city_id: int = strawberry.field(description="Bastion's city id, from a region's `cities`.")
    address: str = strawberry.field(description="Residential address.")
    genotype: Genotype | None = strawberry.field(description="Genotype.", default=None)
    blood_group: BloodGroup | None = strawberry.field(description="Blood group.", default=None)
    religion: Religion | None = strawberry.field(description="Religion.", default=None)
    employee_id: str | None = strawberry.field(description="Employee id.", default=None)
    national_id: str | None = strawberry.field(description="National id.", default=None)
    nin_number: str | None = strawberry.field(description="NIN.", default=None)
    height: float | None = strawberry.field(description="Height.", default=None)
    weight: float | None = strawberry.field(description="Weight.", default=None)
    has_pre_existing_condition: bool | None = strawberry.field(
        description="Whether the person has pre-existing conditions; true needs conditionIds, "
        "false forbids them; left out, it follows conditionIds.",
        default=None,
    )
    condition_ids: list[int] | None = strawberry.field(
        description="The pre-existing conditions, by id from `conditions`.", default=None
    )

    def neutral(self) -> dict[str, Any]:
        return _customer(self)


def _customer(values: Any) -> dict[str, Any]:
    """The input as the client's neutral customer (record keys, enum names)."""
    renames = {
        "date_of_birth": "dob",
        "country_id": "country",
        "region_id": "state",
        "city_id": "city",
        "has_pre_existing_condition": "pre_existing_condition",
        "condition_ids": "conditions",
    }
    return {
        renames.get(k, k): _value(v)
        for k, v in vars(values).items()
        if v is not None and v is not strawberry.UNSET
    }


@strawberry.input(description="A new endorsement: a person added to a policy under a plan.")
class CreateEndorsementInput:
    reference: str = strawberry.field(description="The broker's own reference for this request.")
    plan_id: int = strawberry.field(description="The plan, from `brokerPlans`, e.g. 85.")
    policy_id: str = strawberry.field(description="The policy to add the person to, e.g. 2058.")
    customer: EndorsementCustomerInput = strawberry.field(description="The person.")


@strawberry.type(description="The result of createEndorsement.")
class CreateEndorsementPayload:
    enrollee: Enrollee | None = strawberry.field(
        description="The new enrollee (with the member id Bastion gave it); null on error."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nobody was endorsed.")


@strawberry.input(description="An endorsement to remove.")
class RemoveEndorsementInput:
    member_id: str = strawberry.field(description="The enrollee, e.g. 100004976.")
    policy_id: str = strawberry.field(description="The policy it is on, e.g. 2058.")


@strawberry.type(description="The result of removeEndorsement.")
class RemoveEndorsementPayload:
    removed_member_id: str | None = strawberry.field(description="Who was removed; null on error.")
    policy_id: str | None = strawberry.field(description="From which policy.")
    message: str | None = strawberry.field(description="Bastion's confirmation.")
    user_errors: list[UserError] = strawberry.field(description="Why nobody was removed.")


@strawberry.input(description="A removed endorsement to restore.")
class UndoEndorsementRemovalInput:
    member_id: str = strawberry.field(description="The removed enrollee.")


@strawberry.input(description="An enrollee's move to another plan.")
class ChangeEnrolleePlanInput:
    member_id: str = strawberry.field(description="The enrollee.")
    new_plan_id: int = strawberry.field(description="The plan to move to.")
    old_plan_id: int | None = strawberry.field(
        description="The current plan, as Bastion requires; left out, the gateway reads it "
        "first (one more call).",
        default=None,
    )


@strawberry.input(description="An enrollee's new personal details (all of them: Bastion replaces).")
class EnrolleeDetailsInput:
    first_name: str = strawberry.field(description="Given name.")
    middle_name: str | None = strawberry.field(description="Middle name.", default=None)
    last_name: str = strawberry.field(description="Family name.")
    maiden_name: str | None = strawberry.field(description="Maiden name.", default=None)
    email: str | None = strawberry.field(description="Contact email.", default=None)
    date_of_birth: dt.date = strawberry.field(description="Date of birth; not in the future.")
    gender: Gender = strawberry.field(description="Gender.")
    phone: str = strawberry.field(
        description="Phone number: 7 to 15 digits, optionally after a leading +."
    )
    address: str = strawberry.field(description="Residential address.")


@strawberry.input(description="Changes to an enrollee's personal details.")
class UpdateEnrolleeDetailsInput:
    member_id: str = strawberry.field(description="The enrollee.")
    policy_id: str = strawberry.field(description="The policy it is on.")
    details: EnrolleeDetailsInput = strawberry.field(description="The new details.")


@strawberry.type(description="The result of a write that answers the enrollee as changed.")
class EnrolleePayload:
    enrollee: Enrollee | None = strawberry.field(
        description="The enrollee as Bastion answered after the change; null on error."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


def _enrollee_payload(outcome: Any) -> EnrolleePayload | None:
    return EnrolleePayload(
        enrollee=Enrollee.from_record(outcome.value) if outcome.value else None,
        user_errors=user_errors(outcome.user_errors),
    )


@strawberry.type
class EndorsementMutations:
    @strawberry.mutation(
        description="Endorse a person on a policy under a plan. Bastion then sends its "
        "added-policy-member event (see the endorsementEvents subscription).",
        # The cached conditions list (when conditionIds are given), then the write.
        metadata=cost(2),
    )
    async def create_endorsement(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateEndorsementInput, strawberry.argument(description="The endorsement.")
        ],
    ) -> CreateEndorsementPayload | None:
        outcome = await resolve.create_endorsement(
            info.context,
            reference_id=input.reference,
            plan_id=input.plan_id,
            policy_id=input.policy_id,
            customer=input.customer.neutral(),
        )
        return CreateEndorsementPayload(
            enrollee=Enrollee.from_record(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Remove an enrollee from a policy.", metadata=cost(1))
    async def remove_endorsement(
        self,
        info: Info[Context, None],
        input: Annotated[
            RemoveEndorsementInput, strawberry.argument(description="Who, from which policy.")
        ],
    ) -> RemoveEndorsementPayload | None:
        outcome = await resolve.remove_endorsement(
            info.context, member_id=input.member_id, policy_id=input.policy_id
        )
        removed = outcome.value
        return RemoveEndorsementPayload(
            removed_member_id=removed["member_id"] if removed else None,
            policy_id=removed["policy_id"] if removed else None,
            message=removed["message"] if removed else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Restore a removed enrollee. Bastion then sends its re-endorsed-member event.",
        metadata=cost(1),
    )
    async def undo_endorsement_removal(
        self,
        info: Info[Context, None],
        input: Annotated[
            UndoEndorsementRemovalInput, strawberry.argument(description="Who to restore.")
        ],
    ) -> EnrolleePayload | None:
        return _enrollee_payload(
            await resolve.undo_removal(info.context, member_id=input.member_id)
        )

    @strawberry.mutation(
        description="Move an enrollee to another plan (upgrade or downgrade).",
        # The current plan is read first when oldPlanId is left out.
        metadata=cost(2),
    )
    async def change_enrollee_plan(
        self,
        info: Info[Context, None],
        input: Annotated[
            ChangeEnrolleePlanInput, strawberry.argument(description="Who, and to which plan.")
        ],
    ) -> EnrolleePayload | None:
        return _enrollee_payload(
            await resolve.change_plan(
                info.context,
                member_id=input.member_id,
                new_plan_id=input.new_plan_id,
                old_plan_id=input.old_plan_id,
            )
        )

    @strawberry.mutation(description="Change an enrollee's personal details.", metadata=cost(1))
    async def update_enrollee_details(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateEnrolleeDetailsInput, strawberry.argument(description="Who, and the details.")
        ],
    ) -> EnrolleePayload | None:
        return _enrollee_payload(
            await resolve.update_details(
                info.context,
                member_id=input.member_id,
                policy_id=input.policy_id,
                customer=_customer(input.details),
            )
        )
