"""In-memory stand-in for the Datanexus API (document `001_…txt`), built on the simulator kit.

Every endpoint of the document answers with the document's wire shapes, status codes and
error bodies; the store lives on the app instance, so each `create_app()` starts fresh.
"""

from __future__ import annotations

import base64
import binascii
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final, cast

import orjson
from aiohttp import web
from aiohttp.typedefs import Handler

from upstreams.datanexus._seed import (
    Consent,
    Enrollment,
    EnrollmentEvent,
    Json,
    Member,
    SeedData,
    build_seed,
)
from upstreams.simulators._kit import is_stats_request, json_response, simulator_app

__all__ = ["API_KEY", "VENDOR_API_KEY", "create_app"]

API_KEY: Final = "demo"
VENDOR_API_KEY: Final = "demo-vendor"

_DEFAULT_LIMIT: Final = 50
_MAX_LIMIT: Final = 100
# Cursor positions and ids are echoed through orjson, which refuses integers beyond 64 bits.
_MAX_SEQ: Final = 2**53
_MAX_PROGRAM_ID: Final = 2**31 - 1

_BLANK: Final = "can't be blank"
_INVALID: Final = "is invalid"
_BAD_FORMAT: Final = "has invalid format"

_GENDERS: Final = frozenset({"male", "female", "non_binary", "unknown", "M", "F"})
_EMAIL_RE: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
_INT_RE: Final = re.compile(r"[+-]?[0-9]{1,30}")
_ID_RE: Final = re.compile(r"[0-9]{1,15}")
_CURSOR_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,200}={0,2}")

_REQUIRED_MEMBER_FIELDS: Final = ("born_on", "first_name", "last_name")
_OPTIONAL_MEMBER_FIELDS: Final = (
    "email",
    "middle_name",
    "gender",
    "phone_number",
    "street_address_1",
    "street_address_2",
    "city",
    "state",
    "postal_code",
)

_VENDOR: Final = web.RequestKey("datanexus_vendor_caller", bool)


def _error_body(status: int, reason: str) -> object:
    return {"errors": {"detail": reason}}


class _ApiError(Exception):
    """An answer other than success, raised from deep inside a handler."""

    def __init__(self, status: int, body: object) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def _bad_request(detail: str) -> _ApiError:
    return _ApiError(400, _error_body(400, detail))


def _not_found() -> _ApiError:
    return _ApiError(404, _error_body(404, "Not Found"))


def _unprocessable(errors: Mapping[str, list[str]]) -> _ApiError:
    return _ApiError(422, {"errors": dict(sorted(errors.items()))})


# --- parsing ------------------------------------------------------------------------------


def _parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or _DATETIME_RE.fullmatch(value) is None:
        return None
    try:
        # fromisoformat (3.11) wants an upper-case "T" and "Z".
        moment = datetime.fromisoformat(value.upper())
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _valid_date(value: str) -> bool:
    if _DATE_RE.fullmatch(value) is None:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _wire_seconds(moment: datetime) -> str:
    # Formatted by hand: strftime("%Y") does not zero-pad years below 1000 everywhere.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def _wire_micros(moment: datetime) -> str:
    return f"{_wire_seconds(moment)[:-1]}.{moment.microsecond:06d}Z"


def _encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(orjson.dumps({"seq": seq})).rstrip(b"=").decode("ascii")


def _decode_cursor(name: str, text: str) -> int:
    malformed = _bad_request(f"{name} is malformed")
    if _CURSOR_RE.fullmatch(text) is None:
        raise malformed
    try:
        payload: object = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise malformed from exc
    if not isinstance(payload, dict):
        raise malformed
    seq: object = payload.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= _MAX_SEQ:
        raise malformed
    return seq


def _query_int(query: Mapping[str, str], name: str) -> int | None:
    text = query.get(name)
    if text is None:
        return None
    if _INT_RE.fullmatch(text.strip()) is None:
        raise _bad_request(f"{name} must be an integer")
    return int(text)


def _query_size(query: Mapping[str, str], name: str) -> int | None:
    value = _query_int(query, name)
    if value is not None and value < 1:
        raise _bad_request(f"{name} must be a positive integer")
    return None if value is None else min(value, _MAX_LIMIT)


def _query_bool(query: Mapping[str, str], name: str) -> bool | None:
    text = query.get(name)
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise _bad_request(f"{name} must be true or false")


@dataclass(slots=True, frozen=True)
class _ListQuery:
    born_on: str | None
    first_name: str | None
    last_name: str | None
    pending: bool | None
    program_id: int | None
    updated_since: datetime | None
    include_household: bool
    limit: int
    cursor_next: int | None
    cursor_prev: int | None
    page: int | None


def _parse_list_query(query: Mapping[str, str]) -> _ListQuery:
    born_on = query.get("born_on")
    if born_on is not None and not _valid_date(born_on):
        raise _bad_request("born_on must be a date (YYYY-MM-DD)")
    updated_since: datetime | None = None
    if "updated_since" in query:
        updated_since = _parse_datetime(query["updated_since"])
        if updated_since is None:
            raise _bad_request("updated_since must be an ISO8601 date-time")
    limit = _query_size(query, "limit")
    page = _query_int(query, "page")
    if page is not None and page < 1:
        raise _bad_request("page must be a positive integer")
    page_size = _query_size(query, "page_size")
    cursor_next = query.get("cursor_next")
    cursor_prev = query.get("cursor_prev")
    if cursor_next is not None and cursor_prev is not None:
        raise _bad_request("cursor_next and cursor_prev cannot be combined")
    if page is not None and (cursor_next is not None or cursor_prev is not None):
        raise _bad_request("page cannot be combined with cursor_next or cursor_prev")
    size = (page_size or limit) if page is not None else (limit or page_size)
    return _ListQuery(
        born_on=born_on,
        first_name=query.get("first_name"),
        last_name=query.get("last_name"),
        pending=_query_bool(query, "pending"),
        program_id=_query_int(query, "program_id"),
        updated_since=updated_since,
        include_household=bool(_query_bool(query, "include_household")),
        limit=size or _DEFAULT_LIMIT,
        cursor_next=None if cursor_next is None else _decode_cursor("cursor_next", cursor_next),
        cursor_prev=None if cursor_prev is None else _decode_cursor("cursor_prev", cursor_prev),
        page=page,
    )


async def _read_wrapped(request: web.Request, key: str) -> dict[str, object]:
    """The `{"<key>": {...}}` body, whatever content-type the caller claimed."""
    raw = await request.read()
    try:
        body: object = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _bad_request("request body is not valid JSON") from exc
    inner = body.get(key) if isinstance(body, dict) else None
    if not isinstance(inner, dict):
        raise _bad_request(f'request body must be a JSON object with a "{key}" object')
    return cast(dict[str, object], inner)


def _path_id(request: web.Request, name: str) -> int:
    match = _ID_RE.fullmatch(request.match_info[name])
    if match is None:
        raise _not_found()
    return int(match.group())


# --- rendering ----------------------------------------------------------------------------


def _consent_json(consent: Consent) -> dict[str, Json]:
    return {
        "category": consent.category,
        "consent_details": consent.consent_details,
        "consented_at": consent.consented_at,
        "id": consent.id,
        "member_id": consent.member_id,
        "member_response": consent.member_response,
    }


def _event_json(event: EnrollmentEvent) -> dict[str, Json]:
    return {"category": event.category, "details": event.details, "id": event.id}


def _enrollment_json(enrollment: Enrollment, *, events: bool = True) -> dict[str, Json]:
    data: dict[str, Json] = {"enrolled_at": enrollment.enrolled_at}
    if events:
        data["enrollment_events"] = [_event_json(e) for e in enrollment.events]
    data["expires_at"] = enrollment.expires_at
    data["id"] = enrollment.id
    data["member_id"] = enrollment.member_id
    data["program_id"] = enrollment.program_id
    return data


def _partial_member_json(member: Member) -> dict[str, Json]:
    # The document's household entries leave out enrollment_events.
    return {
        "born_on": member.born_on,
        "email": member.email,
        "enrollments": [_enrollment_json(e, events=False) for e in member.enrollments],
        "first_name": member.first_name,
        "id": member.id,
        "last_name": member.last_name,
        "program_status": member.program_status,
    }


def _member_json(
    member: Member,
    *,
    vendor: bool,
    household: tuple[str, list[Member]] | None = None,
) -> dict[str, Json]:
    # Keys in alphabetical order, as the upstream (Elixir/Jason) renders them.
    data: dict[str, Json] = {
        "born_on": member.born_on,
        "city": member.city,
        "consents": [_consent_json(c) for c in member.consents],
        "eligibility_start_on": member.eligibility_start_on,
        "email": member.email,
        "enrollments": [_enrollment_json(e) for e in member.enrollments],
        "first_name": member.first_name,
        "gender": member.gender,
        "health_plan_identifier": member.health_plan_identifier,
    }
    if household is not None:
        key, others = household
        data[key] = [_partial_member_json(m) for m in others]
    data["id"] = member.id
    data["last_name"] = member.last_name
    data["middle_name"] = member.middle_name
    data["phone_number"] = member.phone_number
    data["postal_code"] = member.postal_code
    data["prefixed_sponsor_member_identifier"] = member.prefixed_sponsor_member_identifier
    data["program_status"] = member.program_status
    data["soda_sponsor_id"] = member.soda_sponsor_id
    data["sponsor_member_identifier"] = member.sponsor_member_identifier
    data["state"] = member.state
    data["street_address_1"] = member.street_address_1
    data["street_address_2"] = member.street_address_2
    if vendor and member.vendor_data:
        # The document shows vendor data as a one-element list of the vendor's object.
        data["vendor_data"] = [dict(member.vendor_data)]
    return data


# --- validation ---------------------------------------------------------------------------


def _validate_member(
    attrs: Mapping[str, object], *, vendor: bool
) -> tuple[dict[str, str | None], dict[str, Json] | None, bool]:
    """Checked field changes, vendor data to merge, and whether vendor data is cleared."""
    errors: dict[str, list[str]] = {}
    changes: dict[str, str | None] = {}
    for name in (*_REQUIRED_MEMBER_FIELDS, *_OPTIONAL_MEMBER_FIELDS):
        if name not in attrs:
            continue
        raw = attrs[name]
        if raw is not None and not isinstance(raw, str):
            errors[name] = [_INVALID]
            continue
        # Like the upstream (Ecto), a blank string counts as "no value".
        text = raw if raw is not None and raw.strip() else None
        if text is None:
            if name in _REQUIRED_MEMBER_FIELDS:
                errors[name] = [_BLANK]
                continue
        elif (name == "born_on" and not _valid_date(text)) or (
            name == "gender" and text not in _GENDERS
        ):
            errors[name] = [_INVALID]
            continue
        elif name == "email" and _EMAIL_RE.fullmatch(text) is None:
            errors[name] = [_BAD_FORMAT]
            continue
        changes[name] = text
    vendor_merge: dict[str, Json] | None = None
    vendor_clear = False
    # Vendor data belongs to the vendor: other callers' attempts are ignored, not refused.
    if vendor and "vendor_data" in attrs:
        raw_vendor = attrs["vendor_data"]
        if raw_vendor is None:
            vendor_clear = True
        elif isinstance(raw_vendor, dict):
            vendor_merge = cast(dict[str, Json], raw_vendor)
        else:
            errors["vendor_data"] = [_INVALID]
    if errors:
        raise _unprocessable(errors)
    return changes, vendor_merge, vendor_clear


def _take_moment(
    attrs: Mapping[str, object],
    name: str,
    wire: Callable[[datetime], str],
    changes: dict[str, object],
    errors: dict[str, list[str]],
    *,
    required: bool,
) -> None:
    """A timestamp attribute: blank when required and null, invalid when unreadable."""
    raw = attrs.get(name)
    if raw is None:
        if required:
            errors[name] = [_BLANK]
        else:
            changes[name] = None
    elif (moment := _parse_datetime(raw)) is None:
        errors[name] = [_INVALID]
    else:
        changes[name] = wire(moment)


def _validate_consent(attrs: Mapping[str, object], *, creating: bool) -> dict[str, object]:
    errors: dict[str, list[str]] = {}
    changes: dict[str, object] = {}

    def given(name: str) -> bool:
        return creating or name in attrs

    if given("category"):
        category = attrs.get("category")
        if category is None or (isinstance(category, str) and not category.strip()):
            errors["category"] = [_BLANK]
        elif not isinstance(category, str):
            errors["category"] = [_INVALID]
        else:
            changes["category"] = category
    if given("consent_details"):
        details = attrs.get("consent_details")
        if details is None:
            errors["consent_details"] = [_BLANK]
        elif isinstance(details, dict) or (
            isinstance(details, list) and all(isinstance(item, dict) for item in details)
        ):
            changes["consent_details"] = details
        else:
            errors["consent_details"] = [_INVALID]
    if given("consented_at"):
        _take_moment(attrs, "consented_at", _wire_seconds, changes, errors, required=False)
    if given("member_response"):
        response = attrs.get("member_response")
        if response is None:
            changes["member_response"] = False
        elif isinstance(response, bool):
            changes["member_response"] = response
        else:
            errors["member_response"] = [_INVALID]
    if errors:
        raise _unprocessable(errors)
    return changes


def _validate_enrollment(attrs: Mapping[str, object], *, creating: bool) -> dict[str, object]:
    errors: dict[str, list[str]] = {}
    changes: dict[str, object] = {}

    def given(name: str) -> bool:
        return creating or name in attrs

    # enrolled_at keeps microseconds, expires_at does not (as the document shows).
    if given("enrolled_at"):
        _take_moment(attrs, "enrolled_at", _wire_micros, changes, errors, required=True)
    if given("expires_at"):
        _take_moment(attrs, "expires_at", _wire_seconds, changes, errors, required=False)
    if given("program_id"):
        raw_program = attrs.get("program_id")
        program_id: int | None = None
        if isinstance(raw_program, int) and not isinstance(raw_program, bool):
            program_id = raw_program
        elif isinstance(raw_program, str) and _INT_RE.fullmatch(raw_program.strip()):
            program_id = int(raw_program)
        if raw_program is None:
            errors["program_id"] = [_BLANK]
        elif program_id is None or not 0 < program_id <= _MAX_PROGRAM_ID:
            errors["program_id"] = [_INVALID]
        else:
            changes["program_id"] = program_id
    if errors:
        raise _unprocessable(errors)
    return changes


# --- the API ------------------------------------------------------------------------------


class _Store:
    """All records of one simulator instance, indexed for the API's lookups."""

    def __init__(self, seed: SeedData) -> None:
        self.members = seed.members
        # Members are never created or deleted, so positions in `members` are stable and
        # the sequence numbers stay sorted for bisecting.
        self.seqs = [m.seq for m in self.members]
        self.by_id = {m.id: m for m in self.members}
        self.by_prefixed = {
            m.prefixed_sponsor_member_identifier: m
            for m in self.members
            if m.prefixed_sponsor_member_identifier
        }
        self.households: dict[int, list[Member]] = {}
        self.consents: dict[int, Consent] = {}
        self.enrollments: dict[int, Enrollment] = {}
        for member in self.members:
            self.households.setdefault(member.household_id, []).append(member)
            self.consents.update((c.id, c) for c in member.consents)
            self.enrollments.update((e.id, e) for e in member.enrollments)
        self.last_consent_id = max(seed.last_consent_id, *self.consents, 0)
        self.last_enrollment_id = max(seed.last_enrollment_id, *self.enrollments, 0)
        self.last_event_id = seed.last_event_id

    def member(self, key: str) -> Member:
        found = self.by_id.get(key) or self.by_prefixed.get(key)
        if found is None:
            raise _not_found()
        return found

    def consent(self, member: Member, consent_id: int) -> Consent:
        consent = self.consents.get(consent_id)
        if consent is None or consent.member_id != member.id:
            raise _not_found()
        return consent

    def enrollment(self, member: Member, enrollment_id: int) -> Enrollment:
        enrollment = self.enrollments.get(enrollment_id)
        if enrollment is None or enrollment.member_id != member.id:
            raise _not_found()
        return enrollment

    def matcher(self, query: _ListQuery) -> Callable[[Member], bool]:
        checks: list[Callable[[Member], bool]] = []
        if (born_on := query.born_on) is not None:
            checks.append(lambda m: m.born_on == born_on)
        if (first_name := query.first_name) is not None:
            checks.append(lambda m: m.first_name == first_name)
        if (last_name := query.last_name) is not None:
            checks.append(lambda m: m.last_name == last_name)
        if (pending := query.pending) is not None:
            checks.append(lambda m: (m.program_status == "pending") is pending)
        if (program_id := query.program_id) is not None:
            # Eligibility is per household: one enrolled member makes everyone in it
            # eligible (the document returns Alexander for Eliza's program).
            households = {
                self.by_id[e.member_id].household_id
                for e in self.enrollments.values()
                if e.program_id == program_id
            }
            checks.append(lambda m: m.household_id in households)
        if (since := query.updated_since) is not None:
            checks.append(lambda m: m.updated_at >= since)
        return lambda m: all(check(m) for check in checks)

    def scan(
        self, match: Callable[[Member], bool], start: int, step: int, want: int
    ) -> list[Member]:
        found: list[Member] = []
        members = self.members
        index = start
        while 0 <= index < len(members) and len(found) < want:
            if match(members[index]):
                found.append(members[index])
            index += step
        return found

    def index_of(self, member: Member) -> int:
        return bisect_left(self.seqs, member.seq)


@dataclass(slots=True, frozen=True)
class _Page:
    members: list[Member]
    next_cursor: str | None = None
    prev_cursor: str | None = None


class _Api:
    def __init__(self, store: _Store) -> None:
        self.store = store

    # -- reads

    async def ping(self, request: web.Request) -> web.Response:
        return json_response({"data": [{"response": "pong"}]})

    async def list_members(self, request: web.Request) -> web.Response:
        query = _parse_list_query(request.query)
        match = self.store.matcher(query)
        if query.page is not None:
            page = self._numbered_page(match, query.page, query.limit)
        elif query.cursor_prev is not None:
            page = self._page_before(match, query.cursor_prev, query.limit)
        else:
            page = self._page_after(match, query.cursor_next, query.limit)
        vendor = request[_VENDOR]
        households = self.store.households
        data = [
            _member_json(
                m,
                vendor=vendor,
                household=(
                    ("household_members", households[m.household_id])
                    if query.include_household
                    else None
                ),
            )
            for m in page.members
        ]
        headers = None if page.next_cursor is None else {"x-next-cursor": page.next_cursor}
        body = {"data": data, "next_cursor": page.next_cursor, "prev_cursor": page.prev_cursor}
        return json_response(body, headers=headers)

    def _numbered_page(self, match: Callable[[Member], bool], page: int, size: int) -> _Page:
        skip = (page - 1) * size
        found: list[Member] = []
        for member in self.store.members:
            if not match(member):
                continue
            if skip > 0:
                skip -= 1
                continue
            found.append(member)
            if len(found) == size:
                break
        return _Page(found)

    def _page_after(self, match: Callable[[Member], bool], after: int | None, limit: int) -> _Page:
        store = self.store
        start = 0 if after is None else bisect_right(store.seqs, after)
        found = store.scan(match, start, 1, limit + 1)
        page = found[:limit]
        next_cursor = _encode_cursor(page[-1].seq) if len(found) > limit else None
        if page:
            before = store.scan(match, store.index_of(page[0]) - 1, -1, 1)
            prev_cursor = _encode_cursor(page[0].seq) if before else None
        elif after is not None and store.scan(match, start - 1, -1, 1):
            # Past the end: let the caller step back to the records up to the cursor.
            prev_cursor = _encode_cursor(min(after + 1, _MAX_SEQ))
        else:
            prev_cursor = None
        return _Page(page, next_cursor, prev_cursor)

    def _page_before(self, match: Callable[[Member], bool], before: int, limit: int) -> _Page:
        store = self.store
        start = bisect_left(store.seqs, before) - 1
        found = store.scan(match, start, -1, limit + 1)
        page = found[:limit][::-1]
        prev_cursor = _encode_cursor(page[0].seq) if len(found) > limit else None
        if page:
            after = store.scan(match, store.index_of(page[-1]) + 1, 1, 1)
            next_cursor = _encode_cursor(page[-1].seq) if after else None
        elif store.scan(match, start + 1, 1, 1):
            next_cursor = _encode_cursor(before - 1) if before > 0 else None
        else:
            next_cursor = None
        return _Page(page, next_cursor, prev_cursor)

    async def show_member(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        return json_response({"data": self._render(member, request)})

    def _render(self, member: Member, request: web.Request) -> dict[str, Json]:
        others = [m for m in self.store.households[member.household_id] if m is not member]
        return _member_json(
            member,
            vendor=request[_VENDOR],
            household=("household", others) if others else None,
        )

    # -- member writes

    async def update_member(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        attrs = await _read_wrapped(request, "member")
        changes, vendor_merge, vendor_clear = _validate_member(attrs, vendor=request[_VENDOR])
        for name, value in changes.items():
            setattr(member, name, value)
        if vendor_clear:
            member.vendor_data = None
        if vendor_merge is not None:
            member.vendor_data = {**(member.vendor_data or {}), **vendor_merge}
        member.updated_at = datetime.now(UTC)
        return json_response({"data": self._render(member, request)})

    # -- consents

    async def create_consent(self, request: web.Request) -> web.Response:
        store = self.store
        member = store.member(request.match_info["member_id"])
        changes = _validate_consent(await _read_wrapped(request, "consent"), creating=True)
        store.last_consent_id += 1
        consent = Consent(store.last_consent_id, member.id, "", {}, None, False)
        _apply(consent, changes)
        member.consents.append(consent)
        store.consents[consent.id] = consent
        member.updated_at = datetime.now(UTC)
        location = f"/api/members/{member.id}/consents/{consent.id}"
        return json_response({"data": _consent_json(consent)}, 201, {"location": location})

    async def update_consent(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        consent = self.store.consent(member, _path_id(request, "consent_id"))
        changes = _validate_consent(await _read_wrapped(request, "consent"), creating=False)
        _apply(consent, changes)
        member.updated_at = datetime.now(UTC)
        return json_response({"data": _consent_json(consent)})

    async def delete_consent(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        consent = self.store.consent(member, _path_id(request, "consent_id"))
        member.consents = [c for c in member.consents if c is not consent]
        del self.store.consents[consent.id]
        member.updated_at = datetime.now(UTC)
        return web.Response(status=204)

    # -- enrollments

    async def create_enrollment(self, request: web.Request) -> web.Response:
        store = self.store
        member = store.member(request.match_info["member_id"])
        attrs = await _read_wrapped(request, "enrollment")
        changes = _validate_enrollment(attrs, creating=True)
        store.last_enrollment_id += 1
        store.last_event_id += 1
        created = EnrollmentEvent(store.last_event_id, "created", {"source": "api"})
        enrollment = Enrollment(store.last_enrollment_id, member.id, 0, "", None, [created])
        _apply(enrollment, changes)
        member.enrollments.append(enrollment)
        store.enrollments[enrollment.id] = enrollment
        member.updated_at = datetime.now(UTC)
        location = f"/api/members/{member.id}/enrollments/{enrollment.id}"
        return json_response({"data": _enrollment_json(enrollment)}, 201, {"location": location})

    async def update_enrollment(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        enrollment = self.store.enrollment(member, _path_id(request, "enrollment_id"))
        attrs = await _read_wrapped(request, "enrollment")
        _apply(enrollment, _validate_enrollment(attrs, creating=False))
        member.updated_at = datetime.now(UTC)
        return json_response({"data": _enrollment_json(enrollment)})

    async def delete_enrollment(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        enrollment = self.store.enrollment(member, _path_id(request, "enrollment_id"))
        member.enrollments = [e for e in member.enrollments if e is not enrollment]
        del self.store.enrollments[enrollment.id]
        member.updated_at = datetime.now(UTC)
        return web.Response(status=204)


def _apply(record: Consent | Enrollment, changes: Mapping[str, object]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)


def _api_key(request: web.Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, key = header.strip().partition(" ")
    return key.strip() if scheme.lower() == "apikey" else None


@web.middleware
async def _authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    # Unknown routes answer 404 before any credential check, as a router-level auth
    # pipeline does; the kit's own __stats routes need no key.
    if request.match_info.http_exception is not None or is_stats_request(request):
        return await handler(request)
    key = _api_key(request)
    if key != API_KEY and key != VENDOR_API_KEY:
        return json_response(_error_body(401, "Unauthorized"), 401)
    request[_VENDOR] = key == VENDOR_API_KEY
    return await handler(request)


@web.middleware
async def _api_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except _ApiError as exc:
        return json_response(exc.body, exc.status)


def create_app(*, scale: int = 2000, latency_ms: float = 0.0, seed: int = 7) -> web.Application:
    """A fresh Datanexus simulator with `scale` members; routes live under `/api`."""
    api = _Api(_Store(build_seed(scale=scale, seed=seed)))
    app = simulator_app(
        latency_ms=latency_ms,
        error_body=_error_body,
        middlewares=(_authenticate, _api_errors),
    )
    router = app.router
    router.add_get("/api/pings", api.ping)
    router.add_get("/pings", api.ping)
    router.add_get("/api/members", api.list_members)
    router.add_get("/api/members/{member_id}", api.show_member)
    router.add_put("/api/members/{member_id}", api.update_member)
    router.add_post("/api/members/{member_id}/consents", api.create_consent)
    router.add_put("/api/members/{member_id}/consents/{consent_id}", api.update_consent)
    router.add_delete("/api/members/{member_id}/consents/{consent_id}", api.delete_consent)
    router.add_post("/api/members/{member_id}/enrollments", api.create_enrollment)
    router.add_put("/api/members/{member_id}/enrollments/{enrollment_id}", api.update_enrollment)
    router.add_delete("/api/members/{member_id}/enrollments/{enrollment_id}", api.delete_enrollment)
    return app
