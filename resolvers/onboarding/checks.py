"""What the graph checks before any write: documented formats, and codes against the
upstream's own (cached) reference lists."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from resolvers.core.context import Context
from resolvers.core.writes import (
    UserErrorCode,
    UserErrorRecord,
)
from resolvers.onboarding.reads import reference
from upstreams.medallies import (
    to_camel,
)

_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    "tin": (re.compile(r"\d{9}", re.ASCII), "must be 9 digits"),
    "npi": (re.compile(r"\d{10}", re.ASCII), "must be 10 digits"),
    "npin": (re.compile(r"\d{10}", re.ASCII), "must be 10 digits"),
    "postal_code": (re.compile(r"\d{5}(-\d{4})?", re.ASCII), "must be 55555 or 55555-5555"),
    "phone_number": (re.compile(r"\(\d{3}\) \d{3}-\d{4}.*", re.ASCII), "must be (555) 555-5555"),
    "fax_number": (re.compile(r"\(\d{3}\) \d{3}-\d{4}", re.ASCII), "must be (555) 555-5555"),
    "direct_address_local_part": (
        re.compile(r"[A-Za-z0-9_-]+", re.ASCII),
        "may hold letters, digits, '-' and '_' only",
    ),
}


def check_fields(values: Mapping[str, Any], path: tuple[str, ...]) -> list[UserErrorRecord]:
    """The documented formats (tin, npi, zip, phone, Direct local part), before any call."""
    errors: list[UserErrorRecord] = []
    for name, value in values.items():
        rule = _RULES.get(name)
        if rule is None or value is None:
            continue
        pattern, message = rule
        if not pattern.fullmatch(str(value)):
            graph = to_camel(name)
            errors.append(
                UserErrorRecord(
                    field=(*path, graph), message=f"{graph} {message}.", code=UserErrorCode.INVALID
                )
            )
    return errors


async def check_codes(
    ctx: Context, values: Mapping[str, Any], path: tuple[str, ...]
) -> list[UserErrorRecord]:
    """typeCode and state against the upstream's own (cached) reference lists."""
    errors: list[UserErrorRecord] = []
    if values.get("type_code") is not None:
        codes = {t.get("code") for t in await reference(ctx, "organizations/types")}
        if values["type_code"] not in codes:
            errors.append(
                UserErrorRecord(
                    field=(*path, "typeCode"),
                    message=f"typeCode must be one of {sorted(c for c in codes if c is not None)}.",
                    code=UserErrorCode.INVALID,
                )
            )
    if values.get("state") is not None:
        states = {s.get("abbreviation") for s in await reference(ctx, "organizations/usStates")}
        if values["state"] not in states:
            errors.append(
                UserErrorRecord(
                    field=(*path, "state"),
                    message="state must be a two-letter US state code.",
                    code=UserErrorCode.INVALID,
                )
            )
    return errors
