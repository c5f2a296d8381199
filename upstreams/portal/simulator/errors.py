"""The simulator's error answers, ``{"message", "code", "errors"?}`` (see ``wire``), raised
from anywhere in a handler as :class:`~upstreams.simulators._kit.SimulatorError`."""

from __future__ import annotations

from collections.abc import Mapping

from upstreams.portal.wire import ErrorCode
from upstreams.simulators._kit import SimulatorError, answer_simulator_errors

__all__ = [
    "ApiError",
    "api_errors",
    "bad_request",
    "conflict",
    "error_body",
    "forbidden",
    "invalid",
    "not_found",
]

# The kit's status -> code for the errors it answers itself (routing, faults, bugs).
_CODES = {
    400: ErrorCode.VALIDATION_ERROR,
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    501: ErrorCode.NOT_IMPLEMENTED,
}


def error_body(status: int, reason: str) -> object:
    return {"message": reason, "code": _CODES.get(status, f"HTTP_{status}")}


ApiError = SimulatorError
api_errors = answer_simulator_errors


def bad_request(code: str, message: str, field: str | None = None) -> ApiError:
    body: dict[str, object] = {"message": message, "code": code}
    if field is not None:
        body["errors"] = [{"field": field, "message": message}]
    return ApiError(400, body)


def invalid(errors: Mapping[str, str]) -> ApiError:
    """A 400 naming each wrong field (sorted, so answers are stable)."""
    return ApiError(
        400,
        {
            "message": "Validation failed: " + ", ".join(sorted(errors)),
            "code": ErrorCode.VALIDATION_ERROR,
            "errors": [{"field": k, "message": errors[k]} for k in sorted(errors)],
        },
    )


def not_found(what: str = "Not Found") -> ApiError:
    return ApiError(404, {"message": what, "code": ErrorCode.NOT_FOUND})


def forbidden(message: str) -> ApiError:
    return ApiError(403, {"message": message, "code": ErrorCode.FORBIDDEN})


def conflict(code: str, message: str) -> ApiError:
    return ApiError(409, {"message": message, "code": code})
