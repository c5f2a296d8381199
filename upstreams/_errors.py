"""The one exception tree for upstream failures.

Every failure talking to an upstream becomes an :class:`UpstreamError` (or a subclass), so the
graph layer needs one ``except`` and one mapping to GraphQL error codes. Messages never carry
credentials or personal data: they name the upstream, the operation and the HTTP status only.

    UpstreamError
    ├── UpstreamNotConfigured   no base URL for this upstream (graph code UPSTREAM_UNAVAILABLE)
    ├── UpstreamUnavailable     connection refused or reset, 502/503 (UPSTREAM_UNAVAILABLE)
    ├── UpstreamTimeout         no answer, or no whole answer, in time; 504 (UPSTREAM_TIMEOUT)
    ├── UpstreamRateLimited     429: the upstream wants fewer calls (UPSTREAM_RATE_LIMITED,
    │                           with ``retryAfter`` in seconds when the upstream said)
    ├── UpstreamUnauthorized    the upstream refused our credentials, 401 (UNAUTHENTICATED)
    ├── UpstreamForbidden       403 (FORBIDDEN)
    ├── UpstreamNotFound        404 (NOT_FOUND)
    ├── UpstreamConflict        409: the call clashes with the upstream's current state, e.g. a
    │                           duplicate or a stale version (CONFLICT)
    ├── UpstreamRejected        the caller's input was refused: 400/422 with field errors
    │                           (BAD_USER_INPUT, or userErrors in a mutation payload)
    ├── KeyRefused              an id outside its upstream's id format, refused before any
    │                           request so it cannot change the route (BAD_USER_INPUT)
    └── UpstreamProtocolError   an answer we cannot read (not JSON, the wrong shape, cut short,
                                too large), a 500, or any other 4xx/5xx (UPSTREAM_ERROR)

Which status means which class is one table, ``STATUS_MEANINGS`` in :mod:`upstreams._http`.
A write's error says ``writeOutcome: UNKNOWN`` whenever the request may have reached the
upstream: a timeout or dropped connection after sending, a 5xx, or an answer we cannot read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

__all__ = [
    "KeyRefused",
    "UpstreamConflict",
    "UpstreamError",
    "UpstreamForbidden",
    "UpstreamNotConfigured",
    "UpstreamNotFound",
    "UpstreamProtocolError",
    "UpstreamRateLimited",
    "UpstreamRejected",
    "UpstreamTimeout",
    "UpstreamUnauthorized",
    "UpstreamUnavailable",
]


class UpstreamError(Exception):
    """A call to an upstream REST API failed.

    ``outcome_unknown`` is true for a write whose request may have reached the upstream before
    the failure (a timeout or a dropped connection after sending): the caller must be told that
    the write may or may not have been applied, and the call is never retried.
    """

    code: ClassVar[str] = "UPSTREAM_ERROR"
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        upstream: str,
        operation: str,
        *,
        status: int | None = None,
        error_codes: Sequence[str] = (),
        field_errors: Mapping[str, Sequence[str]] | None = None,
        detail: str | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        self.upstream = upstream
        self.operation = operation
        self.status = status
        self.error_codes = tuple(error_codes)
        self.field_errors: dict[str, list[str]] = {
            k: list(v) for k, v in (field_errors or {}).items()
        }
        self.detail = detail
        self.outcome_unknown = outcome_unknown
        # A write the upstream refused before doing anything (its token was stale): safe to
        # send again.
        self.not_applied = False
        super().__init__(self._message())

    def __str__(self) -> str:
        # The shared HTTP layer completes an error after the client's envelope reader built it
        # (the outcome of a write, a Retry-After); the message follows those changes.
        return self._message()

    def _message(self) -> str:
        text = f"{self.upstream} {self.operation} failed: {self.summary}"
        if self.status is not None:
            text += f" (HTTP {self.status})"
        if self.outcome_unknown:
            text += "; the write may or may not have been applied, it was not retried"
        return text

    @property
    def summary(self) -> str:
        return self.detail or "the upstream answered with an error"

    @property
    def extensions(self) -> dict[str, Any]:
        """What graphql-core copies onto the GraphQL error (`extensions`)."""
        ext: dict[str, Any] = {"code": self.code, "upstream": self.upstream}
        if self.status is not None:
            ext["upstreamStatus"] = self.status
        if self.error_codes:
            ext["upstreamCodes"] = list(self.error_codes)
        if self.outcome_unknown:
            ext["writeOutcome"] = "UNKNOWN"
        elif self.not_applied:
            ext["writeOutcome"] = "NOT_APPLIED"
        return ext


class UpstreamNotConfigured(UpstreamError):
    code = "UPSTREAM_UNAVAILABLE"

    @property
    def summary(self) -> str:
        return "the upstream is not configured (no base URL)"


class UpstreamUnavailable(UpstreamError):
    code = "UPSTREAM_UNAVAILABLE"
    retryable = True

    @property
    def summary(self) -> str:
        return self.detail or "the upstream is unavailable"


class UpstreamTimeout(UpstreamError):
    code = "UPSTREAM_TIMEOUT"
    retryable = True

    @property
    def summary(self) -> str:
        return self.detail or "the upstream did not answer in time"


class UpstreamRateLimited(UpstreamError):
    """429. ``retry_after`` is how many seconds the upstream asked us to wait, if it said."""

    code = "UPSTREAM_RATE_LIMITED"
    retryable = True

    def __init__(
        self, upstream: str, operation: str, *, retry_after: float | None = None, **kw: Any
    ) -> None:
        self.retry_after = retry_after
        super().__init__(upstream, operation, **kw)

    @property
    def summary(self) -> str:
        text = self.detail or "the upstream is limiting the gateway's calls"
        if self.retry_after is not None:
            text += f", retry after {_whole_seconds(self.retry_after)} s"
        return text

    @property
    def extensions(self) -> dict[str, Any]:
        ext = super().extensions
        if self.retry_after is not None:
            ext["retryAfter"] = _whole_seconds(self.retry_after)
        return ext


def _whole_seconds(seconds: float) -> int:
    # Rounded up: a client that waits what we say must not come back a moment too early.
    return max(0, math.ceil(seconds))


class UpstreamUnauthorized(UpstreamError):
    code = "UNAUTHENTICATED"

    @property
    def summary(self) -> str:
        return "the upstream refused the credentials it was sent"


class UpstreamForbidden(UpstreamError):
    code = "FORBIDDEN"

    @property
    def summary(self) -> str:
        return "the upstream does not allow this call for the account it was made as"


class UpstreamNotFound(UpstreamError):
    code = "NOT_FOUND"

    @property
    def summary(self) -> str:
        return self.detail or "not found"


class UpstreamConflict(UpstreamError):
    """409: not the input's form but its clash with what the upstream holds now."""

    code = "CONFLICT"

    @property
    def summary(self) -> str:
        return self.detail or "the call conflicts with the upstream's current state"


class UpstreamRejected(UpstreamError):
    code = "BAD_USER_INPUT"

    @property
    def summary(self) -> str:
        if self.field_errors:
            fields = ", ".join(sorted(self.field_errors))
            return f"the upstream rejected the input ({fields})"
        return self.detail or "the upstream rejected the input"


class KeyRefused(UpstreamError):
    """An id outside its upstream's id format (see :mod:`upstreams._keys`): never sent."""

    code = "BAD_USER_INPUT"

    @property
    def summary(self) -> str:
        return self.detail or "the id is not of the upstream's id format"


class UpstreamProtocolError(UpstreamError):
    code = "UPSTREAM_ERROR"

    @property
    def summary(self) -> str:
        return self.detail or "the upstream answered with something we cannot read"
