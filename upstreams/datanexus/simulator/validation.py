"""Checking write bodies as the upstream (Ecto) does: a 422 names each field and message."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final, cast

from upstreams.datanexus.simulator.errors import unprocessable
from upstreams.datanexus.simulator.requests import (
    INT_RE,
    parse_datetime,
    valid_date,
    wire_micros,
    wire_seconds,
)
from upstreams.datanexus.simulator.seed import Json
from upstreams.datanexus.wire import (
    BAD_FORMAT,
    BLANK,
    GENDERS,
    INVALID,
    OPTIONAL_MEMBER_FIELDS,
    REQUIRED_MEMBER_FIELDS,
)

__all__ = ["validate_consent", "validate_enrollment", "validate_member"]

_MAX_PROGRAM_ID: Final = 2**31 - 1
_EMAIL_RE: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def validate_member(
    attrs: Mapping[str, object], *, vendor: bool
) -> tuple[dict[str, str | None], dict[str, Json] | None, bool]:
    """Checked field changes, vendor data to merge, and whether vendor data is cleared."""
    errors: dict[str, list[str]] = {}
    changes: dict[str, str | None] = {}
    for name in (*REQUIRED_MEMBER_FIELDS, *OPTIONAL_MEMBER_FIELDS):
        if name not in attrs:
            continue
        raw = attrs[name]
        if raw is not None and not isinstance(raw, str):
            errors[name] = [INVALID]
            continue
        # Like the upstream (Ecto), a blank string counts as "no value".
        text = raw if raw is not None and raw.strip() else None
        if text is None:
            if name in REQUIRED_MEMBER_FIELDS:
                errors[name] = [BLANK]
                continue
        elif (name == "born_on" and not valid_date(text)) or (
            name == "gender" and text not in GENDERS
        ):
            errors[name] = [INVALID]
            continue
        elif name == "email" and _EMAIL_RE.fullmatch(text) is None:
            errors[name] = [BAD_FORMAT]
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
            errors["vendor_data"] = [INVALID]
    if errors:
        raise unprocessable(errors)
    return changes, vendor_merge, vendor_clear


def take_moment(
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
            errors[name] = [BLANK]
        else:
            changes[name] = None
    elif (moment := parse_datetime(raw)) is None:
        errors[name] = [INVALID]
    else:
        changes[name] = wire(moment)


def validate_consent(attrs: Mapping[str, object], *, creating: bool) -> dict[str, object]:
    errors: dict[str, list[str]] = {}
    changes: dict[str, object] = {}

    def given(name: str) -> bool:
        return creating or name in attrs

    if given("category"):
        category = attrs.get("category")
        if category is None or (isinstance(category, str) and not category.strip()):
            errors["category"] = [BLANK]
        elif not isinstance(category, str):
            errors["category"] = [INVALID]
        else:
            changes["category"] = category
    if given("consent_details"):
        details = attrs.get("consent_details")
        if details is None:
            errors["consent_details"] = [BLANK]
        elif isinstance(details, dict) or (
            isinstance(details, list) and all(isinstance(item, dict) for item in details)
        ):
            changes["consent_details"] = details
        else:
            errors["consent_details"] = [INVALID]
    if given("consented_at"):
        take_moment(attrs, "consented_at", wire_seconds, changes, errors, required=False)
    if given("member_response"):
        response = attrs.get("member_response")
        if response is None:
            changes["member_response"] = False
        elif isinstance(response, bool):
            changes["member_response"] = response
        else:
            errors["member_response"] = [INVALID]
    if errors:
        raise unprocessable(errors)
    return changes


def validate_enrollment(attrs: Mapping[str, object], *, creating: bool) -> dict[str, object]:
    errors: dict[str, list[str]] = {}
    changes: dict[str, object] = {}

    def given(name: str) -> bool:
        return creating or name in attrs

    # enrolled_at keeps microseconds, expires_at does not (as the document shows).
    if given("enrolled_at"):
        take_moment(attrs, "enrolled_at", wire_micros, changes, errors, required=True)
    if given("expires_at"):
        take_moment(attrs, "expires_at", wire_seconds, changes, errors, required=False)
    if given("program_id"):
        raw_program = attrs.get("program_id")
        program_id: int | None = None
        if isinstance(raw_program, int) and not isinstance(raw_program, bool):
            program_id = raw_program
        elif isinstance(raw_program, str) and INT_RE.fullmatch(raw_program.strip()):
            program_id = int(raw_program)
        if raw_program is None:
            errors["program_id"] = [BLANK]
        elif program_id is None or not 0 < program_id <= _MAX_PROGRAM_ID:
            errors["program_id"] = [INVALID]
        else:
            changes["program_id"] = program_id
    if errors:
        raise unprocessable(errors)
    return changes
