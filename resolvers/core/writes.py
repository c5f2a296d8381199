"""Writes, shared by every domain: the caller's mistakes become userErrors, nothing is lost.

A write is sent once (the HTTP layer never retries one). When the upstream refuses the input
the payload carries userErrors field by field; when it cannot say whether the write happened
(a timeout after sending) the GraphQL error says so (``extensions.writeOutcome: UNKNOWN``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from upstreams import UpstreamNotFound, UpstreamRejected

__all__ = ["Outcome", "UserErrorRecord", "camel", "user_error_code", "write"]

R = TypeVar("R")

# The upstreams' validation messages, as stable codes clients can branch on.
_CODES = {
    "can't be blank": "BLANK",
    "is invalid": "INVALID",
    "has invalid format": "INVALID_FORMAT",
    "has already been taken": "TAKEN",
}


@dataclass(frozen=True, slots=True)
class UserErrorRecord:
    """One thing wrong with the caller's input; ``field`` is the path into the arguments."""

    message: str
    code: str
    field: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Outcome(Generic[R]):
    """What a write produced: the value, or the userErrors that stopped it."""

    value: R | None = None
    user_errors: list[UserErrorRecord] = field(default_factory=list)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def user_error_code(message: str) -> str:
    return _CODES.get(message, "INVALID")


async def write(
    call: Awaitable[R],
    *,
    renames: Mapping[str, str] | None = None,
    not_found: UserErrorRecord,
) -> Outcome[R]:
    """Run one upstream write; refusals of the caller's input become userErrors.

    ``renames`` maps an upstream field name to its input field where camelCase is not enough.
    Anything else (the upstream down, slow, refusing our credentials) propagates as a GraphQL
    error with its code.
    """
    try:
        return Outcome(value=await call)
    except UpstreamNotFound:
        return Outcome(user_errors=[not_found])
    except UpstreamRejected as exc:
        renames = renames or {}
        errors = [
            UserErrorRecord(
                field=("input", renames.get(name, camel(name))),
                message=f"{renames.get(name, camel(name))} {message}",
                code=user_error_code(message),
            )
            for name, messages in sorted(exc.field_errors.items())
            for message in messages
        ]
        if not errors:
            errors = [UserErrorRecord(message=exc.summary, code="INVALID")]
        return Outcome(user_errors=errors)
