"""Writes, shared by every domain: the caller's mistakes become userErrors, nothing is lost.

A write is sent once (the HTTP layer never retries one). When the upstream refuses the input
the payload carries userErrors field by field; when it cannot say whether the write happened
(a timeout after sending) the GraphQL error says so (``extensions.writeOutcome: UNKNOWN``).

There is one helper, :func:`write`, and one record, :class:`UserErrorRecord`. What differs
between upstreams is a parameter: :class:`InputPaths` maps the upstream's parameter names to
paths into the mutation's arguments, and a :class:`Dialect` says how the upstream words its
refusals (which messages and error codes mean which :class:`UserErrorCode`).
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from upstreams import KeyRefused, UpstreamNotFound, UpstreamRejected, to_camel

__all__ = [
    "PLAIN",
    "Dialect",
    "InputPaths",
    "Outcome",
    "UserErrorCode",
    "UserErrorRecord",
    "none_named",
    "write",
]

R = TypeVar("R")


class UserErrorCode(enum.StrEnum):
    """Stable codes clients branch on; the message is for people."""

    BLANK = "BLANK"  # empty where a value (or at least one item) is needed
    INVALID = "INVALID"  # not an accepted value
    INVALID_FORMAT = "INVALID_FORMAT"  # the value's format is wrong (digits, pattern)
    MISSING = "MISSING"  # a required field was not sent
    NOT_FOUND = "NOT_FOUND"  # the object to change does not exist
    TAKEN = "TAKEN"  # unique, and already used by another object


@dataclass(frozen=True, slots=True, init=False)
class UserErrorRecord:
    """One thing wrong with the caller's input; ``field`` is the path into the arguments.

    ``code`` may be given by name (``"NOT_FOUND"``); an unknown name fails at once.
    """

    message: str
    code: UserErrorCode
    field: tuple[str, ...] | None

    def __init__(
        self, message: str, code: UserErrorCode | str, field: tuple[str, ...] | None = None
    ) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "code", UserErrorCode(code))
        object.__setattr__(self, "field", field)

    def detailed(self, detail: str | None) -> UserErrorRecord:
        """The same error with the upstream's own words appended."""
        if not detail:
            return self
        return UserErrorRecord(f"{self.message} ({detail})", self.code, self.field)


@dataclass(frozen=True, slots=True)
class Outcome(Generic[R]):
    """What a write produced: the value, or the userErrors that stopped it."""

    value: R | None = None
    user_errors: list[UserErrorRecord] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InputPaths:
    """Where an upstream parameter name points in the mutation's arguments.

    ``first_name`` → ``("input", "firstName")``. With ``list_name`` the input is a list
    (``createOrganizations(input: {organizations: [...]})``) and the upstream's
    ``items[2].tin`` → ``("input", "organizations", "2", "tin")`` (item 0 when the upstream
    does not say which). ``renames`` covers names that camelCase alone does not map.
    """

    list_name: str | None = None
    renames: Mapping[str, str] = field(default_factory=dict)

    def path(self, parameter: str) -> tuple[str, ...]:
        index: str | None = None
        name = parameter
        if parameter.startswith("items[") and "]." in parameter:
            index, _, name = parameter[len("items[") :].partition("].")
        graph = self.renames.get(name) or to_camel(name)
        head: tuple[str, ...] = ("input",)
        if self.list_name is not None:
            head += (self.list_name, index or "0")
        return (*head, *graph.split("."))


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one upstream words its refusals.

    ``codes`` maps a validation message to its code (anything else is INVALID); an upstream
    error code in ``missing`` means a required field was not sent; ``phrases`` rewords an
    upstream's message names for people. With ``not_found_detail`` the upstream's own words
    on a 404 are appended to the not-found userError.
    """

    codes: Mapping[str, UserErrorCode] = field(default_factory=dict)
    missing: Collection[str] = ()
    not_found_detail: bool = False
    phrases: Mapping[str, str] = field(default_factory=dict)

    def phrase(self, message: str) -> str:
        """The message as the end of a sentence about the field ("tin is invalid")."""
        return self.phrases.get(message, message)

    def code(self, exc: UpstreamRejected, message: str) -> UserErrorCode:
        if any(code in self.missing for code in exc.error_codes):
            return UserErrorCode.MISSING
        return self.codes.get(message, UserErrorCode.INVALID)


# Rails-style validation messages (Datanexus' 422s); the default dialect.
PLAIN = Dialect(
    codes={
        "can't be blank": UserErrorCode.BLANK,
        "is invalid": UserErrorCode.INVALID,
        "has invalid format": UserErrorCode.INVALID_FORMAT,
        "has already been taken": UserErrorCode.TAKEN,
    }
)


async def write(
    call: Awaitable[R],
    *,
    not_found: UserErrorRecord | None = None,
    paths: InputPaths | None = None,
    renames: Mapping[str, str] | None = None,
    dialect: Dialect = PLAIN,
) -> Outcome[R]:
    """Run one upstream write; refusals of the caller's input become userErrors.

    An id the client refused (:class:`~upstreams.KeyRefused`, nothing sent) becomes an
    INVALID userError. A 404 becomes ``not_found`` (or propagates when there is none). A
    400/422 naming fields becomes one userError per field and message, at ``paths``
    (``renames`` is the short form of ``InputPaths(renames=...)``); one naming no field
    becomes a single userError on the input as a whole. Anything else (the upstream down,
    slow, refusing our credentials) propagates as a GraphQL error with its code.
    """
    paths = paths or InputPaths(renames=renames or {})
    try:
        return Outcome(value=await call)
    except KeyRefused as exc:
        # A client refused an id outside its upstream's format before sending anything.
        # Resolvers say so first, at the id's path; this keeps the refusal a userError.
        return Outcome(
            user_errors=[UserErrorRecord(message=exc.summary, code=UserErrorCode.INVALID)]
        )
    except UpstreamNotFound as exc:
        if not_found is None:
            raise
        detail = exc.detail if dialect.not_found_detail else None
        return Outcome(user_errors=[not_found.detailed(detail)])
    except UpstreamRejected as exc:
        errors = [
            UserErrorRecord(
                field=(path := paths.path(name)),
                message=f"{path[-1]} {dialect.phrase(message)}",
                code=dialect.code(exc, message),
            )
            for name, messages in sorted(exc.field_errors.items())
            for message in messages
        ]
        if not errors:
            errors = [UserErrorRecord(message=exc.summary, code=UserErrorCode.INVALID)]
        return Outcome(user_errors=errors)


def none_named(field_name: str, what: str) -> Outcome[R]:
    """An empty list where the write needs at least one item: said before any call."""
    return Outcome(
        user_errors=[
            UserErrorRecord(
                field=("input", field_name),
                message=f"Name at least one {what}.",
                code=UserErrorCode.BLANK,
            )
        ]
    )
