"""Datanexus answers normalized to records, at the edge (see UPSTREAMS.md).

Snake_case keys, string ids, consent and event details as name/value lists whatever shape
the upstream sent, ``household`` from either ``household`` or ``household_members`` and
without the member itself. Pure functions of the decoded JSON: tested without any I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from upstreams._http import JSON
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


def _text(value: Any) -> str | None:
    return value if value is None or type(value) is str else str(value)


def _name_values(value: Any) -> list[NameValueRecord]:
    """Details come as a list of {name, value} or as a plain object: one list shape."""
    # Decoded JSON objects are dicts: a dict check is several times cheaper than an ABC one,
    # and text needs no conversion (this runs for every consent of every listed member).
    if type(value) is dict:
        return [
            {"name": k, "value": v if v is None or type(v) is str else str(v)}
            for k, v in value.items()
        ]
    if isinstance(value, list):
        return [
            {"name": str(item.get("name", "")), "value": _text(item.get("value"))}
            for item in value
            if isinstance(item, dict)
        ]
    return []


def normalize_consent(raw: Mapping[str, Any]) -> ConsentRecord:
    return {
        "id": str(raw["id"]),
        "member_id": optional_str(raw.get("member_id")),
        "category": raw.get("category"),
        "details": _name_values(raw.get("consent_details")),
        "consented_at": raw.get("consented_at"),
        "member_response": _bool(raw.get("member_response")),
    }


def normalize_enrollment(raw: Mapping[str, Any]) -> EnrollmentRecord:
    return {
        "id": str(raw["id"]),
        "member_id": optional_str(raw.get("member_id")),
        "program_id": optional_str(raw.get("program_id")),
        "enrolled_at": raw.get("enrolled_at"),
        "expires_at": raw.get("expires_at"),
        "events": [
            {
                "id": optional_str(event.get("id")),
                "category": event.get("category"),
                "details": _name_values(event.get("details")),
            }
            for event in raw.get("enrollment_events") or ()
            if isinstance(event, dict)
        ],
    }


def normalize_member(raw: Mapping[str, Any], *, complete: bool = True) -> MemberRecord:
    member_id = str(raw["id"])
    record: MemberRecord = {"id": member_id, "complete": complete}
    get = raw.get
    for key in MEMBER_FIELDS:
        if complete or key in raw:
            value = get(key)
            # Nearly every value is already text or null: skip the conversion for those.
            record[key] = value if value is None or type(value) is str else str(value)
    if complete or "consents" in raw:
        record["consents"] = [normalize_consent(c) for c in raw.get("consents") or ()]
    if complete or "enrollments" in raw:
        record["enrollments"] = [normalize_enrollment(e) for e in raw.get("enrollments") or ()]
    if complete:
        record["vendor_data"] = raw.get("vendor_data")
    household = raw.get("household_members", raw.get("household"))
    if isinstance(household, list):
        record["household"] = [
            normalize_member(m, complete=False)
            for m in household
            if isinstance(m, dict) and m.get("id") is not None and str(m["id"]) != member_id
        ]
    else:
        record["household"] = None
    return record
