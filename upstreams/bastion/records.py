"""Bastion answers normalized to records, at the edge (see UPSTREAMS.md).

Snake_case keys; integer ids as integers whatever the upstream sent (`"planId": "85"`,
`"id": "651"`); enum codes as the graph's names (``wire.MARITAL_STATUSES`` and its
siblings); dates of birth as ISO dates. Reading is strict: each reader checks the shape it
reads and raises :class:`~upstreams.UpstreamProtocolError` for anything else (a wrong shape
is an error, never an empty list, and never cached).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

__all__ = [
    "CityRecord",
    "ConditionRecord",
    "EnrolleePlanRecord",
    "EnrolleeRecord",
    "EventRecord",
    "PlanRecord",
    "ProviderRecord",
    "RegionRecord",
    "RemovalRecord",
    "StatusRecord",
    "UtilizationRecord",
]


class PlanRecord(TypedDict):
    """A broker plan (`/vendors/plans`, `/vendors/plans/{id}`)."""

    id: int
    name: str
    description: str | None
    category: str | None
    state: str | None  # "Published"
    premium: float | None


class EnrolleeRecord(TypedDict):
    """The customer data Bastion echoes (`membersDetails`, `member`, a webhook's `data`).

    Every key is present; a value Bastion did not send is None. Enum-coded values carry the
    graph's names ("MARRIED", "A_POSITIVE", "SELF"); ``dob`` is ``YYYY-MM-DD``.
    """

    member_id: str
    policy_id: str | None
    plan_id: int | None
    first_name: str | None
    middle_name: str | None
    last_name: str | None
    maiden_name: str | None
    email: str | None
    dob: str | None
    age: int | None
    gender: str | None
    phone: str | None
    relation: str | None
    marital_status: str | None
    country: int | None
    state: int | None
    city: int | None
    address: str | None
    genotype: str | None
    blood_group: str | None
    religion: str | None
    employee_id: str | None
    national_id: str | None
    nin_number: str | None
    height: float | None
    weight: float | None
    pre_existing_condition: bool | None
    conditions: list[int]


class StatusRecord(TypedDict):
    """`/enrollee-status`: the enrollee and the graph's name of its status ("ACTIVE")."""

    status: str
    enrollee: EnrolleeRecord


class EnrolleePlanRecord(TypedDict):
    """`/enrollee-plan`: which plan the enrollee is on."""

    plan_id: int | None
    plan_name: str | None
    enrollee: EnrolleeRecord


class UtilizationRecord(TypedDict):
    """`/enrollee-utilization`: what the enrollee has used of the plan."""

    plan_name: str | None
    provider: str | None
    total_spent: float | None
    balance: float | None
    enrollee: EnrolleeRecord


class RemovalRecord(TypedDict):
    """`/endorsement/remove`: what was removed, and Bastion's message."""

    member_id: str
    policy_id: str | None
    message: str | None


class ConditionRecord(TypedDict):
    """A pre-existing condition (`/conditions`): `pec_name`, `pec_chapter_id`, `pec_status`."""

    id: int
    name: str
    chapter_id: int | None
    active: bool | None  # pec_status "1"


class RegionRecord(TypedDict):
    """A state or region (`/miscs/states`)."""

    id: int
    name: str
    country_id: int | None


class CityRecord(TypedDict):
    """A city of a region (`/miscs/cities?state_id=`)."""

    id: int
    name: str
    region_id: int


class ProviderRecord(TypedDict):
    """A provider (`/miscs/providers-list`); its state and city come as names, not ids."""

    code: str | None
    name: str
    category: str | None
    type: str | None  # the graph's provider type, when `category` names one
    email: str | None
    phone: str | None
    address_line1: str | None
    address_line2: str | None
    state: str | None
    city: str | None
    longitude: float | None
    latitude: float | None
    rating: float | None


class EventRecord(TypedDict):
    """A webhook event (section 5): its kind ("MEMBER_ADDED", "MEMBER_REENDORSED")."""

    kind: str
    enrollee: EnrolleeRecord
    access_key: NotRequired[str | None]
