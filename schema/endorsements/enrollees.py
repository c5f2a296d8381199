"""Enrollee: a person endorsed on a broker's policy, with status, plan and utilization.

The details are plain attributes; ``status``, ``plan`` and ``utilization`` each come from
their own Bastion call, made only when selected (the root field starts them together, see
``resolvers/endorsements/enrollees.py``). Each is nullable: its failure nulls it alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import endorsements as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_date
from resolvers.endorsements import EnrolleeRecord
from schema.core.cost import cost
from schema.core.selection import names
from schema.endorsements.enums import (
    BloodGroup,
    EnrolleeStatus,
    Gender,
    Genotype,
    MaritalStatus,
    PaymentPlan,
    Relation,
    Religion,
)
from schema.endorsements.plans import BrokerPlan

__all__ = ["Enrollee", "EnrolleeUtilization", "parts_selected"]

# What a BrokerPlan built from `enrollee-plan` alone can answer without the plan's own call.
_PLAN_FROM_PART = frozenset({"id", "planId", "name", "__typename"})


def _enum(kind: Any, value: str | None) -> Any:
    return None if value is None else kind(value)


@strawberry.type(description="What an enrollee has used of their plan (Bastion's utilization).")
class EnrolleeUtilization:
    plan_name: str | None = strawberry.field(
        description="The plan's name as Bastion gives it here."
    )
    provider: str | None = strawberry.field(
        description="The provider the enrollee is registered with, e.g. HOSPITAL."
    )
    total_spent: float | None = strawberry.field(description="What has been spent so far.")
    balance: float | None = strawberry.field(description="What is left on the plan.")


@strawberry.type(description="A person endorsed on a broker's policy at Bastion.")
class Enrollee(relay.Node):
    key: relay.NodeID[str]
    member_id: str = strawberry.field(description="Bastion's member id, e.g. 100004976.")
    policy_id: str | None = strawberry.field(description="The policy it is endorsed on, e.g. 2058.")
    plan_id: int | None = strawberry.field(
        description="The plan id Bastion echoed with the details; `plan` is the current one."
    )
    first_name: str | None = strawberry.field(description="Given name, e.g. John.")
    middle_name: str | None = strawberry.field(description="Middle name; null when none.")
    last_name: str | None = strawberry.field(description="Family name, e.g. Doe.")
    maiden_name: str | None = strawberry.field(description="Maiden name; null when none.")
    email: str | None = strawberry.field(description="Contact email; null when none.")
    date_of_birth: dt.date | None = strawberry.field(description="Date of birth.")
    age: int | None = strawberry.field(description="Age in years, as Bastion computes it.")
    gender: Gender | None = strawberry.field(description="Gender.")
    phone: str | None = strawberry.field(description="Phone number, e.g. +2348031234567.")
    relation: Relation | None = strawberry.field(description="Relation to the policy holder.")
    marital_status: MaritalStatus | None = strawberry.field(description="Marital status.")
    payment_plan: PaymentPlan | None = strawberry.field(
        description="How often the premium is paid, when Bastion echoes it."
    )
    country_id: int | None = strawberry.field(description="Bastion's country id (162: Nigeria).")
    region_id: int | None = strawberry.field(description="Bastion's state id, from `regions`.")
    city_id: int | None = strawberry.field(description="Bastion's city id, from `cities`.")
    address: str | None = strawberry.field(description="Residential address.")
    genotype: Genotype | None = strawberry.field(description="Genotype; null when not given.")
    blood_group: BloodGroup | None = strawberry.field(
        description="Blood group; null when not given."
    )
    religion: Religion | None = strawberry.field(description="Religion; null when not given.")
    employee_id: str | None = strawberry.field(description="Employee id at the policy holder.")
    national_id: str | None = strawberry.field(description="National id.")
    nin_number: str | None = strawberry.field(description="NIN (National Identification Number).")
    height: float | None = strawberry.field(description="Height, as recorded.")
    weight: float | None = strawberry.field(description="Weight, as recorded.")
    has_pre_existing_condition: bool | None = strawberry.field(
        description="Whether pre-existing conditions were declared."
    )
    condition_ids: list[int] = strawberry.field(
        description="The declared conditions' ids (see `conditions`); empty when none."
    )

    @classmethod
    def from_record(cls, r: EnrolleeRecord) -> Enrollee:
        return cls(
            key=r["member_id"],
            member_id=r["member_id"],
            policy_id=r["policy_id"],
            plan_id=r["plan_id"],
            first_name=r["first_name"],
            middle_name=r["middle_name"],
            last_name=r["last_name"],
            maiden_name=r["maiden_name"],
            email=r["email"],
            date_of_birth=parse_date(r["dob"]),
            age=r["age"],
            gender=_enum(Gender, r["gender"]),
            phone=r["phone"],
            relation=_enum(Relation, r["relation"]),
            marital_status=_enum(MaritalStatus, r["marital_status"]),
            payment_plan=_enum(PaymentPlan, r["payment_plan"]),
            country_id=r["country"],
            region_id=r["state"],
            city_id=r["city"],
            address=r["address"],
            genotype=_enum(Genotype, r["genotype"]),
            blood_group=_enum(BloodGroup, r["blood_group"]),
            religion=_enum(Religion, r["religion"]),
            employee_id=r["employee_id"],
            national_id=r["national_id"],
            nin_number=r["nin_number"],
            height=r["height"],
            weight=r["weight"],
            has_pre_existing_condition=r["pre_existing_condition"],
            condition_ids=list(r["conditions"]),
        )

    @strawberry.field(
        description="Where the enrollee stands on the policy (Bastion's enrollee-status).",
        metadata=cost(1),
    )
    async def status(self, info: Info[Context, None]) -> EnrolleeStatus | None:
        found = await resolve.status_part(info.context, self.member_id)
        return None if found is None else EnrolleeStatus(found["status"])

    @strawberry.field(
        description="The plan the enrollee is on now (Bastion's enrollee-plan; the plan's own "
        "call only when fields beyond planId and name are selected, then cached).",
        metadata=cost(2),
    )
    async def plan(self, info: Info[Context, None]) -> BrokerPlan | None:
        found = await resolve.plan_part(info.context, self.member_id)
        if found is None or found["plan_id"] is None:
            return None
        wanted = names(info.selected_fields)
        if wanted <= _PLAN_FROM_PART and found["plan_name"] is not None:
            pid = found["plan_id"]
            partial = BrokerPlan.__new__(BrokerPlan)
            partial.__dict__.update(key=str(pid), plan_id=pid, name=found["plan_name"])
            return partial
        plan = await resolve.reference.plan(info.context, found["plan_id"])
        return None if plan is None else BrokerPlan.from_record(plan)

    @strawberry.field(
        description="What the enrollee has used of the plan (Bastion's enrollee-utilization).",
        metadata=cost(1),
    )
    async def utilization(self, info: Info[Context, None]) -> EnrolleeUtilization | None:
        found = await resolve.utilization_part(info.context, self.member_id)
        if found is None:
            return None
        return EnrolleeUtilization(
            plan_name=found["plan_name"],
            provider=found["provider"],
            total_spent=found["total_spent"],
            balance=found["balance"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Enrollee | BaseException | None]:
        found = await resolve.enrollee_nodes(info.context, node_ids)
        return [
            r if r is None or isinstance(r, BaseException) else cls.from_record(r) for r in found
        ]


def parts_selected(info: Info[Context, None]) -> set[str]:
    """Which of status, plan and utilization the field's selection asks for."""
    return names(info.selected_fields) & set(resolve.PARTS)
