"""The simulator's error answers: the document's `{"errors": ...}` bodies, raised as exceptions."""

from __future__ import annotations

from collections.abc import Mapping

from upstreams.simulators._kit import SimulatorError, answer_simulator_errors

__all__ = ["ApiError", "api_errors", "bad_request", "error_body", "not_found", "unprocessable"]


def error_body(status: int, reason: str) -> object:
    return {"errors": {"detail": reason}}


# The kit's: one middleware (`answer_simulator_errors`) answers it for every simulator.
ApiError = SimulatorError


def bad_request(detail: str) -> ApiError:
    return ApiError(400, error_body(400, detail))


def not_found() -> ApiError:
    return ApiError(404, error_body(404, "Not Found"))


def unprocessable(errors: Mapping[str, list[str]]) -> ApiError:
    return ApiError(422, {"errors": dict(sorted(errors.items()))})


api_errors = answer_simulator_errors
