"""Member, consent and enrollment writes through the one core write helper.

Refusals of the caller's input (404, 422) become userErrors at the input's paths; anything
else propagates as a GraphQL error with its code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from resolvers.core.context import Context
from resolvers.core.writes import Outcome, UserErrorCode, UserErrorRecord, write
from upstreams.datanexus import ConsentRecord, DatanexusClient, EnrollmentRecord, MemberRecord

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
    body = {key: _wire(value) for key, value in changes.items()}
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


async def create_consent(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[ConsentRecord]:
    return await write(
        ctx.client(DatanexusClient).create_consent(member_id, _consent_body(attrs)),
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
    return await write(
        ctx.client(DatanexusClient).update_consent(member_id, consent_id, _consent_body(attrs)),
        renames=_CONSENT_NAMES,
        not_found=_consent_missing(member_id, consent_id),
    )


async def delete_consent(ctx: Context, member_id: str, consent_id: str) -> Outcome[str]:
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


def _enrollment_body(member_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    body = {key: _wire(value) for key, value in attrs.items()}
    if body.get("program_id") is not None:
        # Program ids are integers on the wire; the graph checked they are digits.
        body["program_id"] = int(body["program_id"])
    return body


def check_program_id(program_id: str | None) -> list[UserErrorRecord]:
    if program_id is not None and not program_id.isdigit():
        return [
            UserErrorRecord(
                field=("input", "programId"),
                message="programId must be a program number (digits only).",
                code=UserErrorCode.INVALID,
            )
        ]
    return []


async def create_enrollment(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = check_program_id(attrs.get("program_id"))
    if errors:
        return Outcome(user_errors=errors)
    body = _enrollment_body(member_id, attrs)
    body["member_id"] = member_id
    return await write(
        ctx.client(DatanexusClient).create_enrollment(member_id, body),
        not_found=_member_missing(member_id),
    )


async def update_enrollment(
    ctx: Context, member_id: str, enrollment_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = check_program_id(attrs.get("program_id"))
    if errors:
        return Outcome(user_errors=errors)
    return await write(
        ctx.client(DatanexusClient).update_enrollment(
            member_id, enrollment_id, _enrollment_body(member_id, attrs)
        ),
        not_found=_enrollment_missing(member_id, enrollment_id),
    )


async def delete_enrollment(ctx: Context, member_id: str, enrollment_id: str) -> Outcome[str]:
    async def call() -> str:
        await ctx.client(DatanexusClient).delete_enrollment(member_id, enrollment_id)
        return enrollment_id

    return await write(call(), not_found=_enrollment_missing(member_id, enrollment_id))
