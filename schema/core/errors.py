"""Errors as clients meet them: userErrors in payloads, and codes on every GraphQL error."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.relay.types import GlobalIDValueError

from resolvers.core.writes import UserErrorCode, UserErrorRecord

__all__ = ["GatewayErrors", "UserError", "UserErrorCode", "user_errors"]

log = logging.getLogger("partner_graph.errors")


_CODE_DESCRIPTIONS = {
    UserErrorCode.BLANK: "Empty where a value, or at least one item, is needed.",
    UserErrorCode.INVALID: "Not an accepted value (an unknown code, a value the upstream refused).",
    UserErrorCode.INVALID_FORMAT: "The value's format is wrong (e.g. a TIN that is not 9 digits).",
    UserErrorCode.MISSING: "A required field was not sent.",
    UserErrorCode.NOT_FOUND: "The object to change does not exist.",
    UserErrorCode.TAKEN: "Must be unique, and another object already uses it.",
    UserErrorCode.PMS_MSP_003: "MOSIP: a MISP is already registered with that organization name.",
    UserErrorCode.PMS_MSP_004: "MOSIP: no information was provided for the update.",
    UserErrorCode.PMS_MSP_005: "MOSIP: no MISP has that id.",
    UserErrorCode.PMS_MSP_006: "MOSIP: the MISP id or the license key does not exist (or the "
    "MISP has no key yet).",
    UserErrorCode.PMS_MSP_007: "MOSIP: the license key belongs to another MISP.",
    UserErrorCode.PMS_MSP_008: "MOSIP: the license key is not valid (inactive or expired).",
    UserErrorCode.PMS_MSP_009: "MOSIP: the status change is not possible (a decision is final; "
    "a rejected MISP cannot be activated).",
    UserErrorCode.PMS_MSP_010: "MOSIP: the MISP is already in the requested status.",
    UserErrorCode.PMS_COR_001: "MOSIP: a required input parameter is missing.",
    UserErrorCode.PMS_COR_002: "MOSIP: an input parameter is invalid (format or length).",
}
strawberry.enum(
    UserErrorCode,
    name="UserErrorCode",
    description="What kind of mistake a userError reports; stable, so clients can branch on it.",
)
for _value in UserErrorCode.__strawberry_definition__.values:  # type: ignore[attr-defined]
    _value.description = _CODE_DESCRIPTIONS[UserErrorCode(_value.value)]


@strawberry.type(description="Something wrong with a mutation's input; nothing was changed.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path to the input field at fault, e.g. ["input", "bornOn"]; '
        "null when the error concerns the input as a whole."
    )
    message: str = strawberry.field(description="What is wrong, for a person to read.")
    code: UserErrorCode = strawberry.field(description="What kind of mistake; branch on this.")

    @classmethod
    def from_record(cls, record: UserErrorRecord) -> UserError:
        return cls(
            field=list(record.field) if record.field is not None else None,
            message=record.message,
            code=record.code,
        )


def user_errors(records: list[UserErrorRecord]) -> list[UserError]:
    return [UserError.from_record(r) for r in records]


def _coded(error: BaseException) -> bool:
    """An error meant for the client: it carries its own ``extensions.code``. Resolver errors
    (``resolvers.core.errors.GraphError``) and upstream failures (``upstreams.UpstreamError``)
    both do, which keeps this layer free of imports from ``upstreams/``."""
    extensions = getattr(error, "extensions", None)
    return isinstance(extensions, dict) and isinstance(extensions.get("code"), str)


class GatewayErrors(SchemaExtension):
    """Give every error a code, and mask the unexpected ones.

    Upstream failures and the client's own mistakes keep their message and carry
    ``extensions.code`` (and ``extensions.upstream``). Anything else is logged with the
    request id and its traceback, and reaches the client only as "Unexpected error." with
    that request id, so a support request can find the log line.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._process(error) for error in errors]

    def _process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None:
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": "GRAPHQL_VALIDATION_FAILED"}
            return error
        if _coded(original):
            return error
        if isinstance(original, GraphQLError):
            # Variables that do not fit their types: the caller's input, not our failure.
            return GraphQLError(
                error.message,
                nodes=error.nodes,
                path=error.path,
                extensions={**(original.extensions or {}), "code": "BAD_USER_INPUT"},
            )
        if isinstance(original, GlobalIDValueError):
            return GraphQLError(
                f"Not a valid global id: {original}",
                nodes=error.nodes,
                path=error.path,
                extensions={"code": "BAD_USER_INPUT"},
            )
        request_id = getattr(self.execution_context.context, "request_id", None)
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(str(p) for p in error.path or ()),
            request_id,
            exc_info=(type(original), original, original.__traceback__),
        )
        return GraphQLError(
            "Unexpected error.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )
