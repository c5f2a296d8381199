"""The simulator's failures: a PMS code and its message, answered in the envelope with HTTP 200."""

from __future__ import annotations

from datetime import UTC, datetime

from upstreams.mosip.wire import MESSAGES, Pms, request_time

__all__ = ["PmsFailure", "error_body", "invalid", "missing"]


class PmsFailure(Exception):
    """Raised from anywhere inside a handler; the route answers it as ``errors`` of the
    envelope (HTTP 200, ``response`` null), as MOSIP does."""

    def __init__(self, code: Pms, detail: str | None = None) -> None:
        self.code = code
        self.message = MESSAGES[code] if detail is None else f"{MESSAGES[code]} {detail}"
        super().__init__(code.value)

    def error(self) -> dict[str, str]:
        return {"errorCode": self.code.value, "message": self.message}


def missing(name: str) -> PmsFailure:
    """PMS_COR_001 "Missing Input Parameter - <name>" (the document's `%d`)."""
    return PmsFailure(Pms.MISSING_INPUT, name)


def invalid(name: str) -> PmsFailure:
    """PMS_COR_002 "Invalid Input Parameter - <name>"."""
    return PmsFailure(Pms.INVALID_INPUT, name)


def error_body(status: int, reason: str) -> object:
    """The kit's answers (unknown routes, wrong methods, injected faults) in the envelope.

    These keep their HTTP status: they are the web server's, not the service's. A 5xx says
    PMS_COR_003 ("Any Internal Error"); anything else names its status.
    """
    code = Pms.INTERNAL_ERROR.value if status >= 500 else f"HTTP-{status}"
    message = MESSAGES[Pms.INTERNAL_ERROR] if status >= 500 else reason
    return {
        "id": None,
        "version": None,
        "responsetime": request_time(datetime.now(UTC)),
        "metadata": None,
        "response": None,
        "errors": [{"errorCode": code, "message": message}],
    }
