"""MOSIP answers normalized to records, at the edge (see UPSTREAMS.md).

One shape per entity whatever spelling the upstream sent: `id`/`mispId`/`mispID`,
`organizationName`/`name`, `emailId`/`emailID`/`email`, `mispLicenseKey…`/`licenseKey…`,
`status`/`mispStatus`, `mispStatusCode`/`statusCode`. Status words become the graph's enum
names (``ACTIVE``, ``INACTIVE``; ``IN_PROGRESS``, ``APPROVED``, ``REJECTED``) whatever their
case or hyphens. A license key's expiry becomes an ISO-8601 UTC date-time: MOSIP prints a
zone-less `LocalDateTime` with nanoseconds (`2020-05-15T16:08:33.767993400`, read as UTC,
the servers' zone, cut to microseconds) or a bare date (`2022-12-31`, read as valid through
that day: `2022-12-31T23:59:59.999999Z`).

Reading is strict (DESIGN.md, "Staying up"): each reader checks the shape it reads and raises
:class:`~upstreams.UpstreamProtocolError` (``UPSTREAM_ERROR``) for anything else, an unknown
status word included. Error messages name fields and types, never values: a license key must
not reach a log line or an exception message (only the record holds it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, Final, TypedDict

from upstreams._shape import Op, expect_object, expect_objects, wrong_shape
from upstreams.mosip.wire import APPROVALS, LICENSE_STATUSES, MISP_STATUSES, graph_name

__all__ = [
    "CreatedMispRecord",
    "DecisionRecord",
    "LicenseKeyRecord",
    "MispRecord",
    "read_created",
    "read_decision",
    "read_license_key",
    "read_license_status",
    "read_message",
    "read_misp",
    "read_misps",
    "read_misps_named",
    "utc_text",
]


class LicenseKeyRecord(TypedDict):
    """A MISP's license key: the key itself, ``ACTIVE``/``INACTIVE``, and when it expires
    (ISO-8601 UTC; None when MOSIP did not say)."""

    key: str
    status: str | None
    expiry: str | None


class MispRecord(TypedDict):
    """A MISP (MOSIP Infrastructure Service Provider).

    ``status`` is ``ACTIVE``/``INACTIVE``, ``approval`` ``IN_PROGRESS``/``APPROVED``/
    ``REJECTED``; each is None when the answer did not carry it (the document's reads show
    neither). ``license_key`` is the current key where the answer carried one (the by-name
    read), else None.
    """

    id: str
    name: str
    address: str | None
    contact_number: str | None
    email: str | None
    status: str | None
    approval: str | None
    license_key: LicenseKeyRecord | None


class CreatedMispRecord(TypedDict):
    """`POST /misps`: the id MOSIP generated and the new MISP's status."""

    id: str
    status: str | None


class DecisionRecord(TypedDict):
    """`PATCH /misps/{id}/status`: the decision, and the key an approval issued."""

    id: str | None
    status: str | None
    approval: str | None
    message: str | None
    license_key: LicenseKeyRecord | None


_ID_NAMES: Final = ("id", "mispId", "mispID")
_NAME_NAMES: Final = ("organizationName", "name")
_EMAIL_NAMES: Final = ("emailId", "emailID", "email")
_STATUS_NAMES: Final = ("status", "mispStatus")
_APPROVAL_NAMES: Final = ("mispStatusCode", "statusCode")
_KEY_NAMES: Final = ("mispLicenseKey", "licenseKey")
_KEY_EXPIRY_NAMES: Final = ("mispLicenseKeyExpiry", "licenseKeyExpiry")
_KEY_STATUS_NAMES: Final = ("mispLicenseKeyStatus", "licenseKeyStatus")

_LOCAL_DATETIME: Final = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?)(?:\.([0-9]{1,9}))?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _pick(raw: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str, Any]:
    """The first of ``names`` present and not null, with its value; ``(names[0], None)``
    when none is."""
    for name in names:
        value = raw.get(name)
        if value is not None:
            return name, value
    return names[0], None


def _text(raw: Mapping[str, Any], names: tuple[str, ...], op: Op) -> str | None:
    """Text under any of ``names``; numbers read as text (contact numbers, ids)."""
    name, value = _pick(raw, names)
    if value is None or type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise wrong_shape(op, f"{name} is {type(value).__name__}, expected text")


def _required(raw: Mapping[str, Any], names: tuple[str, ...], op: Op) -> str:
    value = _text(raw, names, op)
    if not value:
        raise wrong_shape(op, f"{names[0]} is missing")
    return value


def _word(
    raw: Mapping[str, Any], names: tuple[str, ...], table: Mapping[str, str], op: Op
) -> str | None:
    name, value = _pick(raw, names)
    if value is None:
        return None
    if type(value) is not str:
        raise wrong_shape(op, f"{name} is {type(value).__name__}, expected text")
    found = graph_name(table, value)
    if found is None:
        raise wrong_shape(op, f"{name} is not a known status")
    return found


def utc_text(moment: datetime) -> str:
    """ISO-8601 UTC with a `Z` (microseconds only when there are some)."""
    moment = moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _expiry(raw: Mapping[str, Any], op: Op) -> str | None:
    name, value = _pick(raw, _KEY_EXPIRY_NAMES)
    if value is None:
        return None
    if type(value) is not str:
        raise wrong_shape(op, f"{name} is {type(value).__name__}, expected a date-time")
    try:
        if _DATE.fullmatch(value):
            # A bare date: the key is valid through that day.
            return utc_text(datetime.combine(date.fromisoformat(value), time.max, UTC))
        match = _LOCAL_DATETIME.fullmatch(value)
        if match is None:
            raise ValueError(value)
        whole, fraction, zone = match.groups()
        moment = datetime.fromisoformat(whole)
        if fraction:
            # Java prints nanoseconds; Python keeps microseconds.
            moment = moment.replace(microsecond=int(fraction[:6].ljust(6, "0")))
        if zone is None or zone == "Z":
            moment = moment.replace(tzinfo=UTC)
        else:
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            moment = moment.replace(tzinfo=timezone(offset if zone[0] == "+" else -offset))
    except ValueError:
        raise wrong_shape(op, f"{name} is not a date-time") from None
    return utc_text(moment)


def _license(raw: Mapping[str, Any], op: Op, *, required: bool) -> LicenseKeyRecord | None:
    name, key = _pick(raw, _KEY_NAMES)
    if key is None:
        if required:
            raise wrong_shape(op, f"{name} is missing")
        return None
    if type(key) is not str or not key:
        raise wrong_shape(op, f"{name} is {type(key).__name__}, expected text")
    return {
        "key": key,
        "status": _word(raw, _KEY_STATUS_NAMES, LICENSE_STATUSES, op),
        "expiry": _expiry(raw, op),
    }


def read_license_key(raw: object, op: Op) -> LicenseKeyRecord:
    """`GET /misps/{id}/licenseKey`'s response."""
    record = _license(expect_object(raw, op, "response"), op, required=True)
    assert record is not None
    return record


def read_misp(raw: object, op: Op, *, name: str | None = None) -> MispRecord:
    """A MISP in any of the document's spellings; ``name`` stands in for an entry that
    carries none (the by-name read keys its entries by name)."""
    obj = expect_object(raw, op, "MISP")
    found_name = _text(obj, _NAME_NAMES, op) or name
    if not found_name:
        raise wrong_shape(op, "organizationName is missing")
    return {
        "id": _required(obj, _ID_NAMES, op),
        "name": found_name,
        "address": _text(obj, ("address",), op),
        "contact_number": _text(obj, ("contactNumber",), op),
        "email": _text(obj, _EMAIL_NAMES, op),
        "status": _word(obj, _STATUS_NAMES, MISP_STATUSES, op),
        "approval": _word(obj, _APPROVAL_NAMES, APPROVALS, op),
        "license_key": _license(obj, op, required=False),
    }


def read_misps(raw: object, op: Op) -> list[MispRecord]:
    """`GET /misps`: `{"mispDetails": [...]}` (a bare list reads the same)."""
    items = raw if isinstance(raw, list) else expect_object(raw, op, "response").get("mispDetails")
    return [read_misp(item, op) for item in expect_objects(items, op, "mispDetails")]


def read_misps_named(raw: object, op: Op) -> list[MispRecord]:
    """`GET /misps/name/{name}`: an object keyed by organization name (the document's), or
    a list or `mispDetails` like `GET /misps`."""
    if isinstance(raw, list) or (isinstance(raw, Mapping) and "mispDetails" in raw):
        return read_misps(raw, op)
    obj = expect_object(raw, op, "response")
    return [read_misp(value, op, name=str(key)) for key, value in obj.items()]


def read_created(raw: object, op: Op) -> CreatedMispRecord:
    """`POST /misps`: `{"mispStatus", "mispID"}` (the older example: `mispId`)."""
    obj = expect_object(raw, op, "response")
    return {
        "id": _required(obj, ("mispID", "mispId", "id"), op),
        "status": _word(obj, _STATUS_NAMES, MISP_STATUSES, op),
    }


def read_decision(raw: object, op: Op) -> DecisionRecord:
    """`PATCH /misps/{id}/status`: the approval carries the key it issued."""
    obj = expect_object(raw, op, "response")
    return {
        "id": _text(obj, ("mispID", "mispId", "id"), op),
        "status": _word(obj, _STATUS_NAMES, MISP_STATUSES, op),
        "approval": _word(obj, _APPROVAL_NAMES, APPROVALS, op),
        "message": _text(obj, ("message",), op),
        "license_key": _license(obj, op, required=False),
    }


def read_message(raw: object, op: Op) -> str:
    """`{"message": ...}`, the answer of validation and (de-)activation."""
    return _required(expect_object(raw, op, "response"), ("message",), op)


def read_license_status(raw: object, op: Op) -> str:
    """`PUT /misps/{id}/licenseKey`: `{"status": "De-Active"}` as the graph's name."""
    obj = expect_object(raw, op, "response")
    status = _word(obj, ("status", *_KEY_STATUS_NAMES), LICENSE_STATUSES, op)
    if status is None:
        raise wrong_shape(op, "status is missing")
    return status
