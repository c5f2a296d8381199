"""Member, consent and enrollment writes through the one core write helper.

Refusals of the caller's input (404, 422) become userErrors at the input's paths; anything
else propagates as a GraphQL error with its code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import orjson

from resolvers.core.context import Context
from resolvers.core.writes import Outcome, UserErrorCode, UserErrorRecord, write
from upstreams import to_camel
from upstreams._keys import KeyAlphabet
from upstreams.datanexus import (
    CONSENT_ID,
    ENROLLMENT_ID,
    MEMBER_KEY,
    ConsentRecord,
    DatanexusClient,
    EnrollmentRecord,
    MemberRecord,
    program_number,
)

__all__ = [
    "check_program_id",
    "create_consent",
    "create_enrollment",
    "delete_consent",
    "delete_enrollment",
    "update_consent",
    "update_enrollment",
    "update_member",
]


def _wire(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _details(pairs: Sequence[tuple[str, str | None]]) -> list[dict[str, str | None]]:
    # The document's model is a list of {name, value}: send that shape.
    return [{"name": name, "value": value} for name, value in pairs]


def _refused_ids(*ids: tuple[str, KeyAlphabet, str]) -> list[UserErrorRecord]:
    """userErrors for ids (``(graphField, alphabet, value)``) outside their Datanexus format.

    Said before any call: such an id names nothing, and ``..`` or ``.`` would otherwise be
    resolved as path steps into another route (a consent delete becoming a member delete).
    """
    errors: list[UserErrorRecord] = []
    for name, alphabet, value in ids:
        if not value.strip():
            errors.append(
                UserErrorRecord(
                    field=("input", name), message=f"{name} is blank.", code=UserErrorCode.BLANK
                )
            )
        elif not alphabet.valid(value):
            errors.append(
                UserErrorRecord(
                    field=("input", name),
                    message=f"{name} is not a {alphabet.name} (ASCII letters, digits, '-' "
                    "and '_', at most 64 characters, starting with a letter or digit).",
                    code=UserErrorCode.INVALID,
                )
            )
    return errors


def _unencodable(body: Mapping[str, Any], renames: Mapping[str, str]) -> list[UserErrorRecord]:
    """userErrors for values that cannot be sent as JSON (integers beyond 64 bits, text with
    lone surrogates, nesting deeper than the encoder allows): the caller's input, not a crash.
    """
    errors: list[UserErrorRecord] = []
    for key, value in body.items():
        try:
            orjson.dumps(value)
        except orjson.JSONEncodeError:
            name = renames.get(key) or to_camel(key)
            errors.append(
                UserErrorRecord(
                    field=("input", name),
                    message=f"{name} cannot be sent as JSON (integers must fit in 64 bits, "
                    "text must be valid Unicode).",
                    code=UserErrorCode.INVALID,
                )
            )
    return errors


def _member_missing(member_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "memberId"),
        message=f"No member {member_id!r}.",
        code=UserErrorCode.NOT_FOUND,
    )


async def update_member(
    ctx: Context, member_id: str, changes: Mapping[str, Any]
) -> Outcome[MemberRecord]:
    """Change member fields; a key with None clears that field."""
    refused = _refused_ids(("memberId", MEMBER_KEY, member_id))
    body = {key: _wire(value) for key, value in changes.items()}
    refused += _unencodable(body, _MEMBER_NAMES)
    if refused:
        return Outcome(user_errors=refused)
    return await write(
        ctx.client(DatanexusClient).update_member(member_id, body),
        not_found=_member_missing(member_id),
    )


def _consent_body(attrs: Mapping[str, Any]) -> dict[str, Any]:
    body = {key: _wire(value) for key, value in attrs.items() if key != "details"}
    if "details" in attrs:
        body["consent_details"] = None if attrs["details"] is None else _details(attrs["details"])
    return body


_CONSENT_NAMES = {"consent_details": "details"}
_MEMBER_NAMES = {"street_address_1": "streetAddress1", "street_address_2": "streetAddress2"}


async def create_consent(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[ConsentRecord]:
    body = _consent_body(attrs)
    refused = _refused_ids(("memberId", MEMBER_KEY, member_id))
    refused += _unencodable(body, _CONSENT_NAMES)
    if refused:
        return Outcome(user_errors=refused)
    return await write(
        ctx.client(DatanexusClient).create_consent(member_id, body),
        renames=_CONSENT_NAMES,
        not_found=_member_missing(member_id),
    )


def _consent_missing(member_id: str, consent_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "consentId"),
        message=f"No consent {consent_id!r} of member {member_id!r}.",
        code=UserErrorCode.NOT_FOUND,
    )


async def update_consent(
    ctx: Context, member_id: str, consent_id: str, attrs: Mapping[str, Any]
) -> Outcome[ConsentRecord]:
    body = _consent_body(attrs)
    refused = _refused_ids(
        ("memberId", MEMBER_KEY, member_id), ("consentId", CONSENT_ID, consent_id)
    )
    refused += _unencodable(body, _CONSENT_NAMES)
    if refused:
        return Outcome(user_errors=refused)
    return await write(
        ctx.client(DatanexusClient).update_consent(member_id, consent_id, body),
        renames=_CONSENT_NAMES,
        not_found=_consent_missing(member_id, consent_id),
    )


async def delete_consent(ctx: Context, member_id: str, consent_id: str) -> Outcome[str]:
    refused = _refused_ids(
        ("memberId", MEMBER_KEY, member_id), ("consentId", CONSENT_ID, consent_id)
    )
    if refused:
        return Outcome(user_errors=refused)

    async def call() -> str:
        await ctx.client(DatanexusClient).delete_consent(member_id, consent_id)
        return consent_id

    return await write(call(), not_found=_consent_missing(member_id, consent_id))


def _enrollment_missing(member_id: str, enrollment_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "enrollmentId"),
        message=f"No enrollment {enrollment_id!r} of member {member_id!r}.",
        code=UserErrorCode.NOT_FOUND,
    )


def _enrollment_body(attrs: Mapping[str, Any]) -> dict[str, Any]:
    body = {key: _wire(value) for key, value in attrs.items()}
    if body.get("program_id") is not None:
        # Program ids are integers on the wire; check_program_id vouched for the text.
        body["program_id"] = program_number(body["program_id"])
    return body


def check_program_id(program_id: str | None) -> list[UserErrorRecord]:
    """A userError unless ``program_id`` is a program number as Datanexus stores it:
    ASCII digits, no sign or leading zero, 1 to 2147483647 (``8355``)."""
    if program_id is not None and program_number(program_id) is None:
        return [
            UserErrorRecord(
                field=("input", "programId"),
                message="programId must be a program number: ASCII digits without a sign or "
                "leading zero, from 1 to 2147483647 (e.g. 8355).",
                code=UserErrorCode.INVALID,
            )
        ]
    return []


async def create_enrollment(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = _refused_ids(("memberId", MEMBER_KEY, member_id))
    errors += check_program_id(attrs.get("program_id"))
    body = _enrollment_body(attrs) if not errors else {}
    errors += _unencodable(body, {})
    if errors:
        return Outcome(user_errors=errors)
    body["member_id"] = member_id
    return await write(
        ctx.client(DatanexusClient).create_enrollment(member_id, body),
        not_found=_member_missing(member_id),
    )


async def update_enrollment(
    ctx: Context, member_id: str, enrollment_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = _refused_ids(
        ("memberId", MEMBER_KEY, member_id), ("enrollmentId", ENROLLMENT_ID, enrollment_id)
    )
    errors += check_program_id(attrs.get("program_id"))
    body = _enrollment_body(attrs) if not errors else {}
    errors += _unencodable(body, {})
    if errors:
        return Outcome(user_errors=errors)
    return await write(
        ctx.client(DatanexusClient).update_enrollment(member_id, enrollment_id, body),
        not_found=_enrollment_missing(member_id, enrollment_id),
    )


async def delete_enrollment(ctx: Context, member_id: str, enrollment_id: str) -> Outcome[str]:
    refused = _refused_ids(
        ("memberId", MEMBER_KEY, member_id), ("enrollmentId", ENROLLMENT_ID, enrollment_id)
    )
    if refused:
        return Outcome(user_errors=refused)

    async def call() -> str:
        await ctx.client(DatanexusClient).delete_enrollment(member_id, enrollment_id)
        return enrollment_id

    return await write(call(), not_found=_enrollment_missing(member_id, enrollment_id))
