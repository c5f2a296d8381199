"""Records as the document renders them, and its success envelopes.

Ids that the document shows as strings (`"planId": "85"`, `"memberId"`, a condition's
`"id": "651"`) are strings; plan, state and city ids are numbers. An optional text field
Bastion holds no value for is `""`, as the update-enrollee-details example shows for
`middleName`, `maidenName` and `email`; an optional number is null. The customer's `_email`
is answered as `email`, the only spelling the document shows in an answer.
"""

from __future__ import annotations

from datetime import date

from upstreams.bastion.simulator.seed import Condition, Enrollee, Plan, Provider, State
from upstreams.bastion.simulator.store import Store
from upstreams.bastion.wire import PROVIDER_TYPE_NAMES

__all__ = [
    "age_on",
    "city_json",
    "condition_json",
    "details_update_json",
    "listing",
    "member_read",
    "members_details",
    "plan_json",
    "plan_member",
    "provider_json",
    "state_json",
    "status_member",
    "utilization_member",
    "write_answer",
]


def _number(value: float) -> int | float:
    # The document shows whole amounts without a fraction (`"totalSpent": 999`).
    return int(value) if value.is_integer() else value


def _text(value: str | None) -> str:
    return "" if value is None else value


def plan_json(plan: Plan) -> dict[str, object]:
    return {
        "id": plan.id,
        "name": plan.name,
        "description": plan.description,
        "category": plan.category,
        "state": plan.state,
        "premium": plan.premium,
    }


def state_json(state: State) -> dict[str, object]:
    return {"id": state.id, "name": state.name, "country_id": state.country_id}


def city_json(city_id: int, name: str, state_id: int) -> dict[str, object]:
    return {"id": city_id, "name": name, "state_id": state_id}


def provider_json(provider: Provider, store: Store) -> dict[str, object]:
    # Bastion answers names where its filters take ids (state, city, category for the type).
    return {
        "name": provider.name,
        "category": PROVIDER_TYPE_NAMES[provider.type],
        "email": provider.email,
        "phone": provider.phone,
        "code": provider.code,
        "addressLine1": provider.address_line1,
        "addressLine2": provider.address_line2,
        "state": store.state_by_id[provider.state_id].name,
        "city": store.city_by_id[provider.city_id].name,
        "longitude": provider.longitude,
        "latitude": provider.latitude,
        "rating": provider.rating,
    }


def condition_json(condition: Condition) -> dict[str, object]:
    return {
        "id": str(condition.id),
        "pec_name": condition.name,
        "pec_chapter_id": str(condition.chapter_id),
        "pec_status": condition.status,
    }


def members_details(enrollee: Enrollee) -> dict[str, object]:
    """`membersDetails` of the writes and a webhook's `data`: ids, then the customer."""
    e = enrollee
    return {
        "planId": str(e.plan_id),
        "memberId": e.member_id,
        "policyId": e.policy_id,
        "firstName": e.first_name,
        "middleName": _text(e.middle_name),
        "lastName": e.last_name,
        "maidenName": _text(e.maiden_name),
        "email": _text(e.email),
        "dob": e.dob,
        "gender": e.gender,
        "phone": e.phone,
        "relation": e.relation,
        "maritalStatus": e.marital_status,
        "country": e.country,
        "state": e.state,
        "city": e.city,
        "address": e.address,
        "genotype": e.genotype,
        "bloodGroup": e.blood_group,
        "religion": e.religion,
        "employeeId": _text(e.employee_id),
        "nationalId": _text(e.national_id),
        "ninNumber": _text(e.nin_number),
        "height": e.height,
        "weight": e.weight,
        "preExistingCondition": e.pre_existing_condition,
        "condition": list(e.conditions),
    }


def age_on(dob: str, today: date) -> int:
    born = date.fromisoformat(dob)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def details_update_json(enrollee: Enrollee, today: date) -> dict[str, object]:
    """update-enrollee-details' `membersDetails`: the example's keys, its DD-MM-YYYY date of
    birth and string age, then the other details the call changes (gender, phone, address)."""
    e = enrollee
    born = date.fromisoformat(e.dob)
    return {
        "memberId": e.member_id,
        "policyId": e.policy_id,
        "firstName": e.first_name,
        "middleName": _text(e.middle_name),
        "maidenName": _text(e.maiden_name),
        "lastName": e.last_name,
        "email": _text(e.email),
        "age": str(age_on(e.dob, today)),
        "dob": f"{born.day:02d}-{born.month:02d}-{born.year:04d}",
        "relation": e.relation,
        "gender": e.gender,
        "phone": e.phone,
        "address": e.address,
    }


def listing(message: str, data: object) -> dict[str, object]:
    return {"status": True, "message": message, "data": data}


def write_answer(message: str, details: dict[str, object]) -> dict[str, object]:
    return {"status": True, "data": {"success": 1, "message": message, "membersDetails": details}}


def member_read(message: str, key: str, member: dict[str, object]) -> dict[str, object]:
    return {"status": True, "data": {"success": 1, "message": message, key: member}}


def status_member(enrollee: Enrollee) -> dict[str, object]:
    return {**members_details(enrollee), "status": enrollee.status}


def plan_member(enrollee: Enrollee, plan: Plan) -> dict[str, object]:
    return {**members_details(enrollee), "planName": plan.name}


def utilization_member(enrollee: Enrollee, plan: Plan) -> dict[str, object]:
    return {
        **members_details(enrollee),
        "planName": plan.name,
        "provider": enrollee.provider,
        "totalSpent": _number(enrollee.total_spent),
        "balance": _number(enrollee.balance),
    }
