"""Bastion answers normalized to records, at the edge (see UPSTREAMS.md).

Snake_case keys; integer ids as integers whatever the upstream sent (`"planId": "85"`,
`"id": "651"`); enum codes as the graph's names (``wire.MARITAL_STATUSES`` and its
siblings); dates of birth as ISO dates. Reading is strict: each reader checks the shape it
reads and raises :class:`~upstreams.UpstreamProtocolError` for anything else (a wrong shape
is an error, never an empty list, and never cached).

The readers are pure functions of the decoded JSON, each given the :class:`Op` its errors
name. What they accept beyond the document's examples, because its examples disagree:

- ids as numbers or as digit strings (``"planId": "85"`` beside ``"id": 10052``);
- ``email`` (answers) or ``_email`` (the request's spelling), whichever is not empty;
- ``dob`` as ``YYYY-MM-DD`` (optionally followed by a time) or ``DD-MM-YYYY`` (the
  update-enrollee-details example answers ``"10-01-1962"``: day, month, year), read as
  the ISO date;
- numbers sent as strings (``"age": "22"``, ``"longitude": "0.000000024"``, ``"rating": "5"``);
- enum codes as numbers or digit strings; an unknown code is a wrong shape, not a None;
- empty text (``"middleName": ""``) as None: Bastion echoes unset fields that way.

Messages name the field, never its value: these records carry personal data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final, NotRequired, TypedDict

from upstreams._shape import Op, expect_list, expect_object, wrong_shape
from upstreams.bastion import wire

__all__ = [
    "WEBHOOK_OP",
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
    "UnknownEvent",
    "UtilizationRecord",
    "read_city",
    "read_condition",
    "read_endorsement",
    "read_enrollee",
    "read_enrollee_plan",
    "read_event",
    "read_plan",
    "read_provider",
    "read_region",
    "read_removal",
    "read_status",
    "read_utilization",
]

# What a webhook body's errors name: no call of ours produced it.
WEBHOOK_OP: Final = Op("bastion", "webhookEvent")


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
    payment_plan: str | None
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


class UnknownEvent(Exception):
    """A webhook body of the right shape whose ``event`` is not one we know.

    Not an :class:`~upstreams.UpstreamProtocolError`, on purpose: the receiver answers it
    2xx and ignores the event (Bastion may add events; a 4xx would make it retry or give up
    on the webhook), while a body of the wrong shape is answered 400. ``event`` is the name
    Bastion sent (a short wire word, never personal data).
    """

    def __init__(self, event: str) -> None:
        self.event = event
        super().__init__(f"unknown Bastion webhook event {event[:64]!r}")


# --- scalar readers ------------------------------------------------------------------

_DIGITS: Final = re.compile(r"[0-9]{1,18}")
_ISO_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ].*)?")
_DMY_DATE: Final = re.compile(r"([0-9]{2})[-/]([0-9]{2})[-/]([0-9]{4})")


def _pick(raw: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str, Any]:
    """The first of ``names`` with a value that is not null or empty text (else the first)."""
    for name in names:
        value = raw.get(name)
        if value is not None and value != "":
            return name, value
    return names[0], None


def _absent(value: Any) -> bool:
    return value is None or (type(value) is str and not value.strip())


def _text(raw: Mapping[str, Any], *names: str, op: Op) -> str | None:
    """Text, or a number standing for text (a phone, an employee id); empty is None."""
    name, value = _pick(raw, names)
    if _absent(value):
        return None
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise wrong_shape(op, f"{name} is {type(value).__name__}, expected text")


def _required_text(raw: Mapping[str, Any], name: str, op: Op) -> str:
    value = _text(raw, name, op=op)
    if value is None:
        raise wrong_shape(op, f"{name} is missing")
    return value


def _int(raw: Mapping[str, Any], *names: str, op: Op) -> int | None:
    """An integer sent as a number or as a digit string; empty or null is None."""
    name, value = _pick(raw, names)
    if _absent(value):
        return None
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    if type(value) is str and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    raise wrong_shape(op, f"{name} is not an integer")


def _required_int(raw: Mapping[str, Any], name: str, op: Op) -> int:
    value = _int(raw, name, op=op)
    if value is None:
        raise wrong_shape(op, f"{name} is missing")
    return value


def _id_text(raw: Mapping[str, Any], name: str, op: Op, *, required: bool) -> str | None:
    """A member or policy id: digit strings in the examples, numbers would do as well."""
    value = raw.get(name)
    if _absent(value):
        if required:
            raise wrong_shape(op, f"{name} is missing")
        return None
    if type(value) is int:
        return str(value)
    if type(value) is str:
        return value.strip()
    raise wrong_shape(op, f"{name} is {type(value).__name__}, expected an id")


def _number(raw: Mapping[str, Any], *names: str, op: Op) -> float | None:
    """A number sent as a number or as a numeric string (``"0.000000024"``, ``"5"``)."""
    name, value = _pick(raw, names)
    if _absent(value):
        return None
    if type(value) in (int, float):
        number = float(value)
    elif type(value) is str:
        try:
            number = float(value.strip())
        except ValueError:
            raise wrong_shape(op, f"{name} is not a number") from None
    else:
        raise wrong_shape(op, f"{name} is {type(value).__name__}, expected a number")
    if not math.isfinite(number):
        raise wrong_shape(op, f"{name} is not a finite number")
    return number


def _flag(raw: Mapping[str, Any], name: str, op: Op) -> bool | None:
    """A yes/no Bastion sends as 1/0 (``preExistingCondition``, ``pec_status``), or a bool."""
    value = raw.get(name)
    if _absent(value):
        return None
    if type(value) is bool:
        return value
    if type(value) is int and value in (0, 1):
        return value == 1
    if type(value) is str and value.strip().lower() in ("0", "1", "true", "false"):
        return value.strip().lower() in ("1", "true")
    raise wrong_shape(op, f"{name} is not 1 or 0")


def _code(raw: Mapping[str, Any], name: str, table: Mapping[int | str, str], op: Op) -> str | None:
    """The graph's name of the enum code under ``name``; an unknown code is a wrong shape."""
    value = raw.get(name)
    if _absent(value):
        return None
    text_codes = all(type(code) is str for code in table)
    if text_codes:
        if type(value) is str:
            known = table.get(value)
            if known is None:
                # "male" for "Male": the case is no reason to refuse a known word.
                wanted = value.strip().casefold()
                known = next((v for k, v in table.items() if str(k).casefold() == wanted), None)
            if known is not None:
                return known
    else:
        code = _int(raw, name, op=op)
        if code is not None and code in table:
            return table[code]
    raise wrong_shape(op, f"{name} is not a known code")


def _dob(raw: Mapping[str, Any], name: str, op: Op) -> str | None:
    """A date of birth as ``YYYY-MM-DD``, from either spelling the document uses."""
    value = raw.get(name)
    if _absent(value):
        return None
    if type(value) is not str:
        raise wrong_shape(op, f"{name} is {type(value).__name__}, expected a date")
    text = value.strip()
    iso = _ISO_DATE.fullmatch(text)
    dmy = None if iso else _DMY_DATE.fullmatch(text)
    try:
        if iso:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        elif dmy:
            day = date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
        else:
            raise ValueError(name)
    except ValueError:
        raise wrong_shape(op, f"{name} is not a date (YYYY-MM-DD or DD-MM-YYYY)") from None
    return day.isoformat()


def _conditions(raw: Mapping[str, Any], op: Op) -> list[int]:
    """``condition``: condition ids as numbers or digit strings (or objects with an id)."""
    name, value = _pick(raw, ("condition", "conditions"))
    if value is None:
        return []
    ids: list[int] = []
    for index, item in enumerate(expect_list(value, op, name)):
        holder = item if isinstance(item, Mapping) else {"id": item}
        condition_id = _int(holder, "id", op=op)
        if condition_id is None:
            raise wrong_shape(op, f"{name}[{index}] is not a condition id")
        ids.append(condition_id)
    return ids


def _object(raw: Mapping[str, Any], names: tuple[str, ...], op: Op) -> Mapping[str, Any]:
    name, value = _pick(raw, names)
    if value is None:
        raise wrong_shape(op, f"{name} is missing")
    return expect_object(value, op, name)


# --- records -------------------------------------------------------------------------


def read_plan(raw: object, op: Op) -> PlanRecord:
    """A broker plan; ``id`` and ``name`` are required."""
    obj = expect_object(raw, op, "plan")
    return {
        "id": _required_int(obj, "id", op),
        "name": _required_text(obj, "name", op),
        "description": _text(obj, "description", op=op),
        "category": _text(obj, "category", op=op),
        "state": _text(obj, "state", op=op),
        "premium": _number(obj, "premium", op=op),
    }


def read_enrollee(raw: object, op: Op) -> EnrolleeRecord:
    """The customer data Bastion echoes (``membersDetails``, ``member``, an event's ``data``).

    ``memberId`` is required; every other key may be absent (the examples elide most of
    them with "..."), and is then None.
    """
    obj = expect_object(raw, op, "member details")
    return {
        "member_id": _id_text(obj, "memberId", op, required=True) or "",
        "policy_id": _id_text(obj, "policyId", op, required=False),
        "plan_id": _int(obj, "planId", "plan_id", op=op),
        "first_name": _text(obj, "firstName", op=op),
        "middle_name": _text(obj, "middleName", op=op),
        "last_name": _text(obj, "lastName", op=op),
        "maiden_name": _text(obj, "maidenName", op=op),
        "email": _text(obj, "email", "_email", op=op),
        "dob": _dob(obj, "dob", op),
        "age": _int(obj, "age", op=op),
        "gender": _code(obj, "gender", wire.GENDERS, op),
        "phone": _text(obj, "phone", op=op),
        "relation": _code(obj, "relation", wire.RELATIONS, op),
        "marital_status": _code(obj, "maritalStatus", wire.MARITAL_STATUSES, op),
        "payment_plan": _code(obj, "paymentPlan", wire.PAYMENT_PLANS, op),
        "country": _int(obj, "country", op=op),
        "state": _int(obj, "state", op=op),
        "city": _int(obj, "city", op=op),
        "address": _text(obj, "address", op=op),
        "genotype": _code(obj, "genotype", wire.GENOTYPES, op),
        "blood_group": _code(obj, "bloodGroup", wire.BLOOD_GROUPS, op),
        "religion": _code(obj, "religion", wire.RELIGIONS, op),
        "employee_id": _text(obj, "employeeId", op=op),
        "national_id": _text(obj, "nationalId", op=op),
        "nin_number": _text(obj, "ninNumber", op=op),
        "height": _number(obj, "height", op=op),
        "weight": _number(obj, "weight", op=op),
        "pre_existing_condition": _flag(obj, "preExistingCondition", op),
        "conditions": _conditions(obj, op),
    }


def read_status(data: object, op: Op) -> StatusRecord:
    """``/enrollee-status``'s ``data``: ``{success, message, member: {..., status}}``."""
    member = _object(expect_object(data, op, "data"), ("member",), op)
    status = _code(member, "status", wire.ENROLLEE_STATUSES, op)
    if status is None:
        raise wrong_shape(op, "status is missing")
    return {"status": status, "enrollee": read_enrollee(member, op)}


def read_enrollee_plan(data: object, op: Op) -> EnrolleePlanRecord:
    """``/enrollee-plan``'s ``data``: ``{success, message, member: {..., planId, planName}}``."""
    member = _object(expect_object(data, op, "data"), ("member",), op)
    return {
        "plan_id": _int(member, "planId", "plan_id", op=op),
        "plan_name": _text(member, "planName", op=op),
        "enrollee": read_enrollee(member, op),
    }


def read_utilization(data: object, op: Op) -> UtilizationRecord:
    """``/enrollee-utilization``'s ``data``: ``{..., membersDetails: {..., totalSpent,
    balance}}`` (``member``, the other reads' key, is accepted too)."""
    member = _object(expect_object(data, op, "data"), ("membersDetails", "member"), op)
    return {
        "plan_name": _text(member, "planName", op=op),
        "provider": _text(member, "provider", op=op),
        "total_spent": _number(member, "totalSpent", op=op),
        "balance": _number(member, "balance", op=op),
        "enrollee": read_enrollee(member, op),
    }


def read_endorsement(data: object, op: Op) -> EnrolleeRecord:
    """An endorsement write's ``data``: ``{success, message, membersDetails: {...}}``."""
    return read_enrollee(_object(expect_object(data, op, "data"), ("membersDetails",), op), op)


def read_removal(data: object, op: Op) -> RemovalRecord:
    """``/endorsement/remove``'s ``data``: ``{success, message, memberId, policyId}``."""
    obj = expect_object(data, op, "data")
    return {
        "member_id": _id_text(obj, "memberId", op, required=True) or "",
        "policy_id": _id_text(obj, "policyId", op, required=False),
        "message": _text(obj, "message", op=op),
    }


def read_condition(raw: object, op: Op) -> ConditionRecord:
    """A pre-existing condition: ``{id, pec_name, pec_chapter_id, pec_status}``."""
    obj = expect_object(raw, op, "condition")
    return {
        "id": _required_int(obj, "id", op),
        "name": _required_text(obj, "pec_name", op),
        "chapter_id": _int(obj, "pec_chapter_id", op=op),
        "active": _flag(obj, "pec_status", op),
    }


def read_region(raw: object, op: Op) -> RegionRecord:
    """A state or region: ``{id, name, country_id}``."""
    obj = expect_object(raw, op, "state")
    return {
        "id": _required_int(obj, "id", op),
        "name": _required_text(obj, "name", op),
        "country_id": _int(obj, "country_id", op=op),
    }


def read_city(raw: object, op: Op, *, region_id: int | None = None) -> CityRecord:
    """A city: ``{id, name, state_id}``; ``region_id`` (the state asked for) stands in
    when the answer leaves ``state_id`` out."""
    obj = expect_object(raw, op, "city")
    state_id = _int(obj, "state_id", op=op)
    if state_id is None:
        state_id = region_id
    if state_id is None:
        raise wrong_shape(op, "state_id is missing")
    return {
        "id": _required_int(obj, "id", op),
        "name": _required_text(obj, "name", op),
        "region_id": state_id,
    }


def _provider_type(category: str | None) -> str | None:
    if category is None:
        return None
    wanted = category.strip().casefold()
    for code, name in wire.PROVIDER_TYPE_NAMES.items():
        if name.casefold() == wanted:
            return wire.PROVIDER_TYPES.get(code)
    return None


def read_provider(raw: object, op: Op) -> ProviderRecord:
    """A provider; ``type`` is the graph's provider type when ``category`` names one of the
    document's types ("Hospital"), else None (the example's category is free text)."""
    obj = expect_object(raw, op, "provider")
    category = _text(obj, "category", op=op)
    return {
        "code": _text(obj, "code", op=op),
        "name": _required_text(obj, "name", op),
        "category": category,
        "type": _provider_type(category),
        "email": _text(obj, "email", op=op),
        "phone": _text(obj, "phone", op=op),
        "address_line1": _text(obj, "addressLine1", op=op),
        "address_line2": _text(obj, "addressLine2", op=op),
        "state": _text(obj, "state", op=op),
        "city": _text(obj, "city", op=op),
        "longitude": _number(obj, "longitude", op=op),
        "latitude": _number(obj, "latitude", op=op),
        "rating": _number(obj, "rating", op=op),
    }


def read_event(body: object, op: Op = WEBHOOK_OP) -> EventRecord:
    """A webhook body ``{event, accessKey, data}`` as an event record.

    Raises :class:`UnknownEvent` for a well-formed body naming an event we do not know
    (answer 2xx and ignore it) and :class:`~upstreams.UpstreamProtocolError` for a body of
    the wrong shape (answer 400). The access key is returned, not checked: comparing it with
    the configured one is the receiver's job.
    """
    obj = expect_object(body, op, "the event")
    event = obj.get("event")
    if type(event) is not str or not event:
        raise wrong_shape(op, "event is missing or not text")
    kind = wire.EVENTS.get(event)
    if kind is None:
        raise UnknownEvent(event)
    access_key = obj.get("accessKey")
    if access_key is not None and type(access_key) is not str:
        raise wrong_shape(op, f"accessKey is {type(access_key).__name__}, expected text")
    enrollee = read_enrollee(_object(obj, ("data",), op), op)
    # An event's ids are used to read the enrollee and to match subscriptions: ids that
    # could never be Bastion's are a wrong shape here, not a caller's mistake later.
    if not wire.MEMBER_ID.valid(enrollee["member_id"]):
        raise wrong_shape(op, "data.memberId is not a Bastion member id")
    if enrollee["policy_id"] is not None and not wire.POLICY_ID.valid(enrollee["policy_id"]):
        raise wrong_shape(op, "data.policyId is not a Bastion policy id")
    return {"kind": kind, "enrollee": enrollee, "access_key": access_key}
