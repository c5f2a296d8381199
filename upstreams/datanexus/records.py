"""Datanexus answers normalized to records, at the edge (see UPSTREAMS.md).

Snake_case keys, string ids, consent and event details as name/value lists whatever shape
the upstream sent (an object or a list of them), ``household`` from either ``household`` or
``household_members`` and without the member itself. Pure functions of the decoded JSON:
tested without any I/O.

Reading is strict (DESIGN.md, "Staying up"): each function checks the shape it reads and
raises :class:`~upstreams.UpstreamProtocolError` (``UPSTREAM_ERROR`` naming datanexus and
``op``'s operation) for anything else: a member id that is not text, ``consents`` that is
not a list of objects, a whole record without its ``consents`` or ``enrollments``. Absent
or null is allowed only where the document leaves a value out (household entries carry
some fields; details and events may be missing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from upstreams._http import JSON
from upstreams._shape import Op, expect_object, expect_objects, wrong_shape
from upstreams.datanexus.wire import MEMBER_FIELDS

__all__ = [
    "ConsentRecord",
    "EnrollmentRecord",
    "EventRecord",
    "MemberRecord",
    "NameValueRecord",
    "normalize_consent",
    "normalize_enrollment",
    "normalize_member",
    "optional_str",
]


class NameValueRecord(TypedDict):
    name: str
    value: str | None


class ConsentRecord(TypedDict):
    id: str
    member_id: str | None
    category: str | None
    details: list[NameValueRecord]
    consented_at: str | None
    member_response: bool | None


class EventRecord(TypedDict):
    id: str | None
    category: str | None
    details: list[NameValueRecord]


class EnrollmentRecord(TypedDict):
    id: str
    member_id: str | None
    program_id: str | None
    enrolled_at: str | None
    expires_at: str | None
    events: list[EventRecord]


class MemberRecord(TypedDict, total=False):
    """A member; ``complete`` is false for household entries, which carry only some keys."""

    id: str
    complete: bool
    first_name: str | None
    middle_name: str | None
    last_name: str | None
    born_on: str | None
    gender: str | None
    email: str | None
    phone_number: str | None
    street_address_1: str | None
    street_address_2: str | None
    city: str | None
    state: str | None
    postal_code: str | None
    program_status: str | None
    eligibility_start_on: str | None
    health_plan_identifier: str | None
    sponsor_member_identifier: str | None
    prefixed_sponsor_member_identifier: str | None
    soda_sponsor_id: str | None
    vendor_data: JSON
    consents: list[ConsentRecord]
    enrollments: list[EnrollmentRecord]
    # None: the answer said nothing about the household (not asked for, or no household key).
    household: NotRequired[list[MemberRecord] | None]


def optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _bool(value: Any) -> bool | None:
    # The document's ConsentResponse example sends "true" as a string.
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return None if value is None else bool(value)


def _scalar(value: Any, name: str, op: Op) -> str | None:
    """A scalar member field as text: text, a number (postal codes sent as numbers) or null."""
    if value is None or type(value) is str:
        return value
    if type(value) in (int, float):
        return str(value)
    raise wrong_shape(op, f"{name} is {type(value).__name__}, expected text")


def _id(raw: Mapping[str, Any], name: str, op: Op) -> str:
    """An id the document sends as an integer (consents, enrollments, events) or as text."""
    value = raw.get(name)
    if type(value) is str and value:
        return value
    if type(value) is int:
        return str(value)
    raise wrong_shape(
        op,
        f"{name} is {'missing' if value is None else type(value).__name__}, "
        "expected an integer or text",
    )


def _optional_id(raw: Mapping[str, Any], name: str, op: Op) -> str | None:
    return None if raw.get(name) is None else _id(raw, name, op)


def _list(raw: Mapping[str, Any], name: str, op: Op, *, required: bool) -> list[Mapping[str, Any]]:
    """A list of objects; absent or null answers [] only when not ``required``."""
    value = raw.get(name)
    if value is None and not required:
        return []
    return expect_objects(value, op, name)


def _name_values(value: Any, name: str, op: Op) -> list[NameValueRecord]:
    """Details come as a list of {name, value} or as a plain object: one list shape."""
    # Decoded JSON objects are dicts: a dict check is several times cheaper than an ABC one,
    # and text needs no conversion (this runs for every consent of every listed member).
    if value is None:
        return []
    if type(value) is dict:
        return [
            {"name": k, "value": v if v is None or type(v) is str else _scalar(v, name, op)}
            for k, v in value.items()
        ]
    return [
        {"name": str(item.get("name", "")), "value": _scalar(item.get("value"), name, op)}
        for item in expect_objects(value, op, name)
    ]


def normalize_consent(raw: object, op: Op) -> ConsentRecord:
    raw = expect_object(raw, op, "consent")
    return {
        "id": _id(raw, "id", op),
        "member_id": _optional_id(raw, "member_id", op),
        "category": _scalar(raw.get("category"), "category", op),
        "details": _name_values(raw.get("consent_details"), "consent_details", op),
        "consented_at": _scalar(raw.get("consented_at"), "consented_at", op),
        "member_response": _bool(raw.get("member_response")),
    }


def normalize_enrollment(raw: object, op: Op) -> EnrollmentRecord:
    raw = expect_object(raw, op, "enrollment")
    return {
        "id": _id(raw, "id", op),
        "member_id": _optional_id(raw, "member_id", op),
        "program_id": _optional_id(raw, "program_id", op),
        "enrolled_at": _scalar(raw.get("enrolled_at"), "enrolled_at", op),
        "expires_at": _scalar(raw.get("expires_at"), "expires_at", op),
        "events": [
            {
                "id": _optional_id(event, "id", op),
                "category": _scalar(event.get("category"), "category", op),
                "details": _name_values(event.get("details"), "details", op),
            }
            for event in _list(raw, "enrollment_events", op, required=False)
        ],
    }


def normalize_member(raw: object, op: Op, *, complete: bool = True) -> MemberRecord:
    """A member record; ``complete`` is false for a household entry (some fields only)."""
    raw = expect_object(raw, op, "member")
    member_id = raw.get("id")
    if type(member_id) is not str or not member_id:
        raise wrong_shape(op, f"member id is {type(member_id).__name__}, expected text")
    record: MemberRecord = {"id": member_id, "complete": complete}
    get = raw.get
    for key in MEMBER_FIELDS:
        if complete or key in raw:
            value = get(key)
            # Nearly every value is already text or null: skip the call for those.
            record[key] = value if value is None or type(value) is str else _scalar(value, key, op)
    if complete or "consents" in raw:
        record["consents"] = [
            normalize_consent(c, op) for c in _list(raw, "consents", op, required=True)
        ]
    if complete or "enrollments" in raw:
        record["enrollments"] = [
            normalize_enrollment(e, op) for e in _list(raw, "enrollments", op, required=True)
        ]
    if complete:
        record["vendor_data"] = raw.get("vendor_data")
    name = "household_members" if "household_members" in raw else "household"
    if raw.get(name) is None:
        record["household"] = None
    else:
        record["household"] = [
            normalize_member(m, op, complete=False)
            for m in _list(raw, name, op, required=True)
            if m.get("id") != member_id
        ]
    return record
