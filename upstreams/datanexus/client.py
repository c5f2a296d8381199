"""The Datanexus client: members, households, consents, enrollments and ping.

Answers are normalized at the edge (see UPSTREAMS.md): snake_case keys, string ids, consent
and event details as name/value lists whatever shape the upstream sent, ``household`` from
either ``household`` or ``household_members`` and without the member itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict
from urllib.parse import quote

from upstreams._errors import UpstreamError, UpstreamNotFound, UpstreamProtocolError
from upstreams._http import JSON, UpstreamClient, error_for_status
from upstreams._shape import Op, expect_objects

__all__ = [
    "MEMBER_FIELDS",
    "PARTIAL_MEMBER_FIELDS",
    "ConsentRecord",
    "DatanexusClient",
    "EnrollmentRecord",
    "EventRecord",
    "MemberPage",
    "MemberQuery",
    "MemberRecord",
    "NameValueRecord",
]

# Scalar member fields of the document, in the order the graph shows them.
MEMBER_FIELDS = (
    "first_name",
    "middle_name",
    "last_name",
    "born_on",
    "gender",
    "email",
    "phone_number",
    "street_address_1",
    "street_address_2",
    "city",
    "state",
    "postal_code",
    "program_status",
    "eligibility_start_on",
    "health_plan_identifier",
    "sponsor_member_identifier",
    "prefixed_sponsor_member_identifier",
    "soda_sponsor_id",
)
# What a household entry carries (the document's include_household example).
PARTIAL_MEMBER_FIELDS = frozenset(
    {"id", "first_name", "last_name", "born_on", "email", "program_status", "enrollments"}
)


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


@dataclass(frozen=True, slots=True)
class MemberQuery:
    """The list filters Datanexus understands (``GET /api/members``)."""

    first_name: str | None = None
    last_name: str | None = None
    born_on: str | None = None
    pending: bool | None = None
    program_id: str | None = None
    updated_since: str | None = None
    include_household: bool = False

    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        for key in ("first_name", "last_name", "born_on", "program_id", "updated_since"):
            value = getattr(self, key)
            if value is not None:
                params[key] = value
        if self.pending is not None:
            params["pending"] = "true" if self.pending else "false"
        if self.include_household:
            params["include_household"] = "true"
        return params


@dataclass(frozen=True, slots=True)
class MemberPage:
    """One page of ``GET /api/members``; cursors are the upstream's own opaque tokens."""

    items: list[MemberRecord]
    next_cursor: str | None
    prev_cursor: str | None


def _str(value: Any) -> str | None:
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
        "member_id": _str(raw.get("member_id")),
        "category": raw.get("category"),
        "details": _name_values(raw.get("consent_details")),
        "consented_at": raw.get("consented_at"),
        "member_response": _bool(raw.get("member_response")),
    }


def normalize_enrollment(raw: Mapping[str, Any]) -> EnrollmentRecord:
    return {
        "id": str(raw["id"]),
        "member_id": _str(raw.get("member_id")),
        "program_id": _str(raw.get("program_id")),
        "enrolled_at": raw.get("enrolled_at"),
        "expires_at": raw.get("expires_at"),
        "events": [
            {
                "id": _str(event.get("id")),
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
            record[key] = (  # type: ignore[literal-required]
                value if value is None or type(value) is str else str(value)
            )
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


class DatanexusClient(UpstreamClient):
    """Datanexus over HTTP: ``authorization: apikey <key>``, base path ``/api``."""

    name = "datanexus"

    def auth_headers(self) -> dict[str, str]:
        return {
            "authorization": f"apikey {self.settings.credentials.get('API_KEY', '')}",
            "accept": "application/json",
        }

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        errors = body.get("errors") if isinstance(body, Mapping) else None
        field_errors: dict[str, list[str]] = {}
        detail: str | None = None
        if isinstance(errors, Mapping):
            for key, value in errors.items():
                if key == "detail":
                    detail = str(value)
                elif isinstance(value, list):
                    field_errors[str(key)] = [str(v) for v in value]
                else:
                    field_errors[str(key)] = [str(value)]
        if status == 422 and not field_errors and detail is None:
            detail = "the upstream rejected the input"
        return error_for_status(
            self.name,
            operation,
            status,
            field_errors=field_errors,
            detail=detail if status in (400, 404, 422) else None,
        )

    def _data(self, operation: str, body: JSON) -> Any:
        if not isinstance(body, Mapping) or "data" not in body:
            raise UpstreamProtocolError(self.name, operation, detail="no data in the answer")
        return body["data"]

    async def ping(self) -> bool:
        """``GET /api/pings``: true when the upstream answers pong to our key."""
        answer = await self.call("GET", "/api/pings", operation="ping", idempotent=True)
        data = self._data("ping", answer.body)
        return isinstance(data, list) and any(
            isinstance(d, Mapping) and d.get("response") == "pong" for d in data
        )

    async def list_members(
        self,
        query: MemberQuery,
        *,
        limit: int,
        cursor_next: str | None = None,
        cursor_prev: str | None = None,
    ) -> MemberPage:
        """One page of members, forward from ``cursor_next`` or backward from ``cursor_prev``."""
        params = query.params()
        params["limit"] = str(limit)
        if cursor_next is not None:
            params["cursor_next"] = cursor_next
        if cursor_prev is not None:
            params["cursor_prev"] = cursor_prev
        answer = await self.call(
            "GET", "/api/members", operation="listMembers", idempotent=True, params=params
        )
        data = expect_objects(
            self._data("listMembers", answer.body), Op(self.name, "listMembers"), "data"
        )
        body = answer.body
        # The body's cursor is authoritative; the header only stands in when the key is absent.
        if "next_cursor" in body:
            next_cursor = body["next_cursor"]
        else:
            next_cursor = answer.headers.get("x-next-cursor")
        return MemberPage(
            items=[normalize_member(m) for m in data],
            next_cursor=_str(next_cursor) or None,
            prev_cursor=_str(body.get("prev_cursor")) or None,
        )

    async def get_member(self, member_id: str) -> MemberRecord | None:
        """A member by id or prefixed sponsor member identifier; None when there is none."""
        try:
            answer = await self.call(
                "GET", f"/api/members/{_segment(member_id)}", operation="getMember", idempotent=True
            )
        except UpstreamNotFound:
            return None
        data = self._data("getMember", answer.body)
        if not isinstance(data, Mapping):
            raise UpstreamProtocolError(self.name, "getMember", detail="data is not an object")
        return normalize_member(data)

    async def update_member(self, member_id: str, changes: Mapping[str, Any]) -> MemberRecord:
        answer = await self.call(
            "PUT",
            f"/api/members/{_segment(member_id)}",
            operation="updateMember",
            idempotent=False,
            json={"member": dict(changes)},
        )
        return normalize_member(self._data("updateMember", answer.body))

    async def create_consent(self, member_id: str, attrs: Mapping[str, Any]) -> ConsentRecord:
        answer = await self.call(
            "POST",
            f"/api/members/{_segment(member_id)}/consents",
            operation="createConsent",
            idempotent=False,
            json={"consent": dict(attrs)},
            ok=(200, 201),
        )
        return normalize_consent(self._data("createConsent", answer.body))

    async def update_consent(
        self, member_id: str, consent_id: str, attrs: Mapping[str, Any]
    ) -> ConsentRecord:
        answer = await self.call(
            "PUT",
            f"/api/members/{_segment(member_id)}/consents/{_segment(consent_id)}",
            operation="updateConsent",
            idempotent=False,
            json={"consent": dict(attrs)},
        )
        return normalize_consent(self._data("updateConsent", answer.body))

    async def delete_consent(self, member_id: str, consent_id: str) -> None:
        await self.call(
            "DELETE",
            f"/api/members/{_segment(member_id)}/consents/{_segment(consent_id)}",
            operation="deleteConsent",
            idempotent=False,
            ok=(200, 203, 204),
        )

    async def create_enrollment(self, member_id: str, attrs: Mapping[str, Any]) -> EnrollmentRecord:
        answer = await self.call(
            "POST",
            f"/api/members/{_segment(member_id)}/enrollments",
            operation="createEnrollment",
            idempotent=False,
            json={"enrollment": dict(attrs)},
            ok=(200, 201),
        )
        return normalize_enrollment(self._data("createEnrollment", answer.body))

    async def update_enrollment(
        self, member_id: str, enrollment_id: str, attrs: Mapping[str, Any]
    ) -> EnrollmentRecord:
        answer = await self.call(
            "PUT",
            f"/api/members/{_segment(member_id)}/enrollments/{_segment(enrollment_id)}",
            operation="updateEnrollment",
            idempotent=False,
            json={"enrollment": dict(attrs)},
        )
        return normalize_enrollment(self._data("updateEnrollment", answer.body))

    async def delete_enrollment(self, member_id: str, enrollment_id: str) -> None:
        await self.call(
            "DELETE",
            f"/api/members/{_segment(member_id)}/enrollments/{_segment(enrollment_id)}",
            operation="deleteEnrollment",
            idempotent=False,
            ok=(200, 203, 204),
        )


def _segment(value: str) -> str:
    """Percent-encode a path segment, so an id can never reach another route."""
    return quote(value, safe="")
