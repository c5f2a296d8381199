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
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from upstreams import KeyRefused, UpstreamError, UpstreamNotFound, UpstreamRejected, to_camel

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
    # MOSIP Partner Management's caller-side codes: the code and the message are MOSIP's
    # (upstreams/mosip/wire.py, CODE_CLASSES).
    PMS_MSP_003 = "PMS_MSP_003"  # a MISP is already registered with that name
    PMS_MSP_004 = "PMS_MSP_004"  # no information provided for update
    PMS_MSP_005 = "PMS_MSP_005"  # the MISP id does not exist
    PMS_MSP_006 = "PMS_MSP_006"  # the MISP id or the license key does not exist
    PMS_MSP_007 = "PMS_MSP_007"  # the license key is not the MISP's
    PMS_MSP_008 = "PMS_MSP_008"  # the license key is not valid (inactive or expired)
    PMS_MSP_009 = "PMS_MSP_009"  # the status change is not possible
    PMS_MSP_010 = "PMS_MSP_010"  # already in the requested status
    PMS_COR_001 = "PMS_COR_001"  # a missing input parameter
    PMS_COR_002 = "PMS_COR_002"  # an invalid input parameter


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

    ``upstream_codes`` are upstream error codes that are userError codes themselves (MOSIP's
    PMS_*): a refusal or not-found carrying only such codes becomes one userError per code,
    with the upstream's message, at the parameter ``code_fields`` names for the code, or the
    one ``parameter`` reads from the message ("Missing Input Parameter - emailId").
    """

    codes: Mapping[str, UserErrorCode] = field(default_factory=dict)
    missing: Collection[str] = ()
    not_found_detail: bool = False
    phrases: Mapping[str, str] = field(default_factory=dict)
    upstream_codes: Mapping[str, UserErrorCode] = field(default_factory=dict)
    code_fields: Mapping[str, str] = field(default_factory=dict)
    parameter: Callable[[str], str | None] | None = None
    # (text a message contains, its code) for upstreams whose messages carry values
    # ("99999 is not a known plan"), which exact ``codes`` cannot match.
    contains: Sequence[tuple[str, UserErrorCode]] = ()

    def phrase(self, message: str) -> str:
        """The message as the end of a sentence about the field ("tin is invalid")."""
        return self.phrases.get(message, message)

    def code(self, exc: UpstreamRejected, message: str) -> UserErrorCode:
        if any(code in self.missing for code in exc.error_codes):
            return UserErrorCode.MISSING
        found = self.codes.get(message)
        if found is not None:
            return found
        return next((c for text, c in self.contains if text in message), UserErrorCode.INVALID)

    def coded(self, exc: UpstreamError, paths: InputPaths) -> list[UserErrorRecord]:
        """The userErrors of a refusal whose every code is in ``upstream_codes``; [] else."""
        codes = exc.error_codes
        if not codes or not all(c in self.upstream_codes for c in codes):
            return []
        # The client joins the upstream's messages with "; ", one per error.
        parts = (exc.detail or "").split("; ")
        messages = parts if len(parts) == len(codes) else [exc.summary] * len(codes)
        out: list[UserErrorRecord] = []
        for code, message in zip(codes, messages, strict=True):
            name = self.code_fields.get(code)
            if name is None and self.parameter is not None:
                name = self.parameter(message)
            path = paths.path(name) if name else None
            out.append(UserErrorRecord(message or exc.summary, self.upstream_codes[code], path))
        return out


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
        if coded := dialect.coded(exc, paths):
            return Outcome(user_errors=coded)
        if not_found is None:
            raise
        detail = exc.detail if dialect.not_found_detail else None
        return Outcome(user_errors=[not_found.detailed(detail)])
    except UpstreamRejected as exc:
        if not exc.field_errors and (coded := dialect.coded(exc, paths)):
            return Outcome(user_errors=coded)
        errors = [
            UserErrorRecord(
                field=(path := paths.path(name)),
                message=_about(path[-1], dialect.phrase(message)),
                code=dialect.code(exc, message),
            )
            for name, messages in sorted(exc.field_errors.items())
            for message in messages
        ]
        if not errors:
            errors = [UserErrorRecord(message=exc.summary, code=UserErrorCode.INVALID)]
        return Outcome(user_errors=errors)


def _about(field: str, message: str) -> str:
    """ "tin is invalid" for an upstream's phrase; "oasFile: The file must be ..." for an
    upstream's whole sentence (which the field's name would otherwise garble)."""
    return f"{field}: {message}" if message[:1].isupper() else f"{field} {message}"


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
