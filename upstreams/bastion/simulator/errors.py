"""The simulator's failure answers: Bastion's `{"status": false, "message": ...}` envelope.

Bastion tells a refused request by `status: false` in the body, on HTTP 200 for a request
it read but will not carry out (a missing field, a bad code, an unknown reference), and on
an error status when the request itself is wrong (400), names nothing it knows (404) or is
not authenticated (401). Raised as the kit's :class:`SimulatorError` from deep inside a
handler and answered by `answer_simulator_errors`.
"""

from __future__ import annotations

from upstreams.simulators._kit import SimulatorError

__all__ = ["bad_request", "error_body", "failure", "not_found", "refused", "unauthorized"]


def failure(message: str) -> dict[str, object]:
    return {"status": False, "message": message}


def error_body(status: int, reason: str) -> object:
    """The kit's routing and fault answers (404, 405, injected 5xx) in Bastion's envelope."""
    return failure(reason)


def refused(message: str) -> SimulatorError:
    # HTTP 200 on purpose: the case a client must read as a failure despite the status.
    return SimulatorError(200, failure(message))


def bad_request(message: str) -> SimulatorError:
    return SimulatorError(400, failure(message))


def not_found(message: str) -> SimulatorError:
    return SimulatorError(404, failure(message))


def unauthorized(message: str) -> SimulatorError:
    return SimulatorError(401, failure(message))
