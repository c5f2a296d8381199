"""The shared HTTP layer every upstream client stands on.

One ``httpx.AsyncClient`` per upstream for the life of the process, over the aiohttp
transport (httpx's default transport costs several times the CPU per call). Every call says
whether it is idempotent: only idempotent calls are retried (with exponential backoff and full
jitter, or after the upstream's ``Retry-After``), whatever their HTTP method, and every other
call is sent exactly once; a write whose outcome is unknown says so in its error. What an
error status means is one table, :data:`STATUS_MEANINGS`. An answer is read strictly: a 2xx
that declares a non-JSON type, is not JSON, is cut short, is too large or never ends is an
error naming the upstream and the operation. Every failure leaves this module as an
:class:`~upstreams._errors.UpstreamError`.

Auth is static headers (:meth:`UpstreamClient.auth_headers`, set once on the
``httpx.AsyncClient``), per-request headers (:meth:`UpstreamClient.request_auth`), or a
session token (``tokens``, a :class:`~upstreams._tokens.TokenLifecycle`, sent as
:meth:`UpstreamClient.token_headers`). A 401 to a token (or a success answer that
:meth:`UpstreamClient.answer_error` reads as an auth refusal) drops that token and fetches one
new one; the request is then replayed only if it is idempotent. A write refused with 401 was not
applied: it is raised as :class:`~upstreams._errors.UpstreamUnauthorized` after the renewal,
so that the caller's next attempt carries a token that works.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final, NamedTuple
from urllib.parse import quote, urlencode

import aiohttp
import httpx
import orjson
from httpx_aiohttp import AiohttpTransport

from upstreams._errors import (
    UpstreamConflict,
    UpstreamError,
    UpstreamForbidden,
    UpstreamNotConfigured,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRateLimited,
    UpstreamRejected,
    UpstreamTimeout,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams._tokens import TokenLifecycle
from upstreams.config import UpstreamSettings

__all__ = [
    "CALLER_TOKEN",
    "JSON",
    "MAX_BODY_BYTES",
    "REQUEST_ID",
    "STATUS_MEANINGS",
    "Answer",
    "FormPart",
    "Meaning",
    "UpstreamClient",
    "error_for_status",
    "meaning_of",
    "retry_after_seconds",
]

JSON = Any
log = logging.getLogger("partner_graph.upstream")

# The id of the GraphQL request being served, set by the server per request; every upstream
# call sends it as ``x-request-id`` so one id ties the gateway's and the upstreams' logs.
REQUEST_ID: ContextVar[str | None] = ContextVar("partner_graph_request_id", default=None)
# The bearer token the graph's caller sent (``Authorization: Bearer <token>``), for the
# upstreams that act as the caller rather than as the gateway (the Partner Portal: who is a
# producer, whose access requests). Set per request by the server; never logged.
CALLER_TOKEN: ContextVar[str | None] = ContextVar("partner_graph_caller_token", default=None)

# Far above any page of records (100 items with every field); a body past it is a fault,
# and reading it whole would let one upstream fill the gateway's memory.
MAX_BODY_BYTES: Final = 32 * 1024 * 1024


class Meaning(NamedTuple):
    """What an error status says: the exception, and whether an idempotent call may try again."""

    kind: type[UpstreamError]
    retry: bool


# The one table of error statuses. A write that met a 5xx may have been applied (the
# upstream failed somewhere after taking the request): its error says writeOutcome UNKNOWN.
STATUS_MEANINGS: Final[Mapping[int, Meaning]] = {
    400: Meaning(UpstreamRejected, retry=False),
    401: Meaning(UpstreamUnauthorized, retry=False),
    403: Meaning(UpstreamForbidden, retry=False),
    404: Meaning(UpstreamNotFound, retry=False),
    409: Meaning(UpstreamConflict, retry=False),
    422: Meaning(UpstreamRejected, retry=False),
    429: Meaning(UpstreamRateLimited, retry=True),
    # An upstream bug as often as a passing fault: worth one more read, named UPSTREAM_ERROR.
    500: Meaning(UpstreamProtocolError, retry=True),
    502: Meaning(UpstreamUnavailable, retry=True),
    503: Meaning(UpstreamUnavailable, retry=True),
    504: Meaning(UpstreamTimeout, retry=True),
}
# Any other status (another 4xx or 5xx, a 3xx we do not follow, a 2xx the call did not
# expect) is an answer outside the documented API.
_OTHER: Final = Meaning(UpstreamProtocolError, retry=False)
# Statuses whose Retry-After an idempotent call honours before trying again.
_WAIT_STATUSES: Final = frozenset({429, 503})
# Failures that prove the request never left this process: safe to report as "not applied".
_NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)
_JSON_TYPES: Final = frozenset({"application/json", "text/json"})

Sleep = Callable[[float], Awaitable[None]]


def meaning_of(status: int) -> Meaning:
    return STATUS_MEANINGS.get(status, _OTHER)


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP-date; None when absent
    or unreadable (a garbled header must not make the gateway wait)."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; a zone-less one is read the same way
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class FormPart(NamedTuple):
    """One part of a ``multipart/form-data`` body: a text field, or a file when it has a
    ``filename`` (and then usually a ``content_type``)."""

    name: str
    content: bytes | str
    filename: str | None = None
    content_type: str | None = None


def _multipart(parts: Sequence[FormPart]) -> tuple[bytes, str]:
    """The encoded body and its content-type (with the boundary), encoded by httpx.

    Encoded once, up front, into bytes: the request then goes through the same send path as
    a JSON body, and the body is the same bytes however often a read is retried.
    """
    if not parts:
        # httpx would quietly send no body at all: an empty form is a caller's bug.
        raise ValueError("a multipart body needs at least one part")
    files = [
        (
            p.name,
            (
                p.filename,
                p.content if isinstance(p.content, bytes) else p.content.encode(),
                p.content_type,
            ),
        )
        for p in parts
    ]
    # A detached request only to use httpx's own encoder (boundary, quoting, part headers).
    encoded = httpx.Request("POST", "http://multipart.invalid/", files=files)
    return encoded.read(), encoded.headers["content-type"]


class Answer:
    """An upstream's answer: status, headers and the decoded JSON body (None when empty)."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: httpx.Headers, body: JSON) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class UpstreamClient:
    """Base for the per-upstream clients: auth headers, timeouts, retries, error mapping.

    Subclasses set ``name`` and implement :meth:`auth_headers` and :meth:`error_from`; they
    call :meth:`call` and turn answers into normalized records. ``sleep`` is the wait between
    attempts (injectable so tests count attempts instead of waiting). A client whose upstream
    issues session tokens sets ``tokens`` in its ``__init__`` and implements
    :meth:`token_headers`.
    """

    name = "upstream"
    # None for the clients whose credentials are static headers.
    tokens: TokenLifecycle | None = None

    def __init__(
        self,
        settings: UpstreamSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        backoff_s: float = 0.05,
        sleep: Sleep = asyncio.sleep,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.settings = settings
        self._backoff_s = backoff_s
        self._sleep = sleep
        self._max_body_bytes = max_body_bytes
        self._http: httpx.AsyncClient | None = None
        self._base = (settings.base_url or "").rstrip("/")
        if settings.base_url:
            limits = httpx.Limits(
                max_connections=settings.max_connections,
                max_keepalive_connections=settings.max_connections,
            )
            self._http = httpx.AsyncClient(
                base_url=settings.base_url,
                transport=transport or AiohttpTransport(limits=limits),
                headers=self.auth_headers(),
                timeout=httpx.Timeout(settings.timeout_s, connect=settings.connect_timeout_s),
            )

    def auth_headers(self) -> dict[str, str]:
        """Headers sent on every request, fixed for the life of the client."""
        return {}

    async def request_auth(self, operation: str) -> Mapping[str, str]:
        """Headers computed for each attempt of an authenticated request (none by default)."""
        return {}

    def token_headers(self, token: str) -> Mapping[str, str]:
        """How the current session token travels (``tokens`` clients only)."""
        return {}

    def answer_error(self, operation: str, answer: Answer) -> UpstreamError | None:
        """The failure an answer of an ``ok`` status carries, or None (the default: none).

        For upstreams that say "failed" inside a success (MOSIP's HTTP 200 with a non-empty
        ``errors`` list). An :class:`~upstreams._errors.UpstreamUnauthorized` here counts as
        a 401: the token is renewed once and an idempotent request replayed.
        """
        return None

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        """Turn an error answer into the right exception; subclasses read their envelopes."""
        return error_for_status(self.name, operation, status)

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        idempotent: bool,
        params: Mapping[str, str] | None = None,
        json: JSON = None,
        multipart: Sequence[FormPart] | None = None,
        ok: tuple[int, ...] = (200,),
        headers: Mapping[str, str] | None = None,
        authenticate: bool = True,
    ) -> Answer:
        """Send one request; answer when its status is in ``ok``, raise otherwise.

        ``idempotent`` is required, not derived from the method: a GET can be a write
        (MedAllies activates with GET) and a POST can be a read (its list queries). Only an
        idempotent call is ever sent twice; the rest report an unknown outcome instead.
        ``multipart`` sends a ``multipart/form-data`` body instead of ``json`` (file uploads).
        ``headers`` are added to this request only; ``authenticate=False`` sends it without
        the per-request and token headers (the call that obtains a token).
        """
        if self._http is None:
            raise UpstreamNotConfigured(self.name, operation)
        attempts = 1 + (self.settings.retries if idempotent else 0)
        content: bytes | None = None
        fixed: dict[str, str] = {}
        if multipart is not None:
            if json is not None:
                raise ValueError("a request has a JSON body or a multipart body, not both")
            content, fixed["content-type"] = _multipart(multipart)
        elif json is not None:
            content = orjson.dumps(json)
            fixed["content-type"] = "application/json"
        request_id = REQUEST_ID.get()
        if request_id is not None:
            fixed["x-request-id"] = request_id
        if headers:
            fixed.update(headers)
        url = self._url(path, params)
        deadline = time.monotonic() + self.settings.timeout_s
        renewed = False
        attempt = 0
        while attempt < attempts:
            token: str | None = None
            sent = fixed
            if authenticate:
                # Asked before every attempt: a retry or a replay after a 401 must carry the
                # token current then. A failed token fetch is raised as it is: it had its
                # own retries, and without a token this request cannot succeed.
                token, sent = await self._with_auth(operation, fixed)
            budget = deadline - time.monotonic()
            if budget <= 0:
                raise UpstreamTimeout(self.name, operation)
            wait: float | None = None
            try:
                answer = await self._send(
                    method, url, content, sent, operation, idempotent=idempotent, budget=budget
                )
            except UpstreamError as exc:
                if not (idempotent and exc.retryable and attempt + 1 < attempts):
                    raise
                retry_error: UpstreamError = exc
            else:
                refusal: UpstreamError | None = None
                if answer.status in ok:
                    refusal = self.answer_error(operation, answer)
                    if refusal is None:
                        return answer
                if (
                    (answer.status == 401 or isinstance(refusal, UpstreamUnauthorized))
                    and token is not None
                    and await self._renew_after_401(
                        operation, token, idempotent=idempotent, renewed=renewed
                    )
                ):
                    # The replay is not one of the retries: a stale token is no fault of the
                    # upstream's, and it happens at most once per call.
                    renewed = True
                    continue
                # A write refused for its token was not applied: the caller may send it again
                # (the token is renewed by now), which its error says.
                token_refused = token is not None and (
                    answer.status == 401 or isinstance(refusal, UpstreamUnauthorized)
                )
                if refusal is not None:
                    # A failure in a success status (an envelope that says so): the request
                    # was answered, so its outcome is known; retried only if it says so.
                    refusal.not_applied = token_refused and not idempotent
                    if not (idempotent and refusal.retryable and attempt + 1 < attempts):
                        raise refusal
                    retry_error = refusal
                else:
                    error = self._status_error(operation, answer, idempotent=idempotent)
                    error.not_applied = token_refused and not idempotent
                    meaning = meaning_of(answer.status)
                    if answer.status in _WAIT_STATUSES:
                        wait = retry_after_seconds(answer.headers.get("retry-after"))
                    if not (idempotent and meaning.retry and attempt + 1 < attempts):
                        raise error
                    retry_error = error
            # Full jitter keeps many gateways from retrying in lockstep.
            delay = random.uniform(0, self._backoff_s * (2**attempt))
            if wait is not None:
                delay += wait
            if time.monotonic() + delay >= deadline:
                # The upstream's wait (or our backoff) does not fit in what is left of the
                # call's timeout: fail now with what the upstream said, rather than late.
                raise retry_error
            log.info("retrying %s %s after %s", self.name, operation, retry_error.status)
            await self._sleep(delay)
            attempt += 1
        raise AssertionError("unreachable")  # pragma: no cover

    async def _with_auth(
        self, operation: str, headers: dict[str, str]
    ) -> tuple[str | None, dict[str, str]]:
        """The token this attempt carries (None without a lifecycle) and its headers."""
        token = await self.tokens.get() if self.tokens is not None else None
        extra = await self.request_auth(operation)
        if token is None and not extra:
            return None, headers
        sent = dict(headers)
        if token is not None:
            sent.update(self.token_headers(token))
        sent.update(extra)
        return token, sent

    async def _renew_after_401(
        self, operation: str, token: str, *, idempotent: bool, renewed: bool
    ) -> bool:
        """Drop the refused token (a 401, or an auth refusal read by :meth:`answer_error`);
        True when the request should be sent again.

        Only the first 401 of a call renews: a fresh token refused too means the credentials
        (or the upstream) are at fault, and asking again would only repeat the refusal.
        """
        assert self.tokens is not None
        self.tokens.invalidate(token)
        if renewed:
            return False
        if idempotent:
            return True
        # A write refused with 401 was not applied, and replaying it is not ours to decide;
        # renewing now means the caller's next attempt does not meet the same refusal.
        try:
            await self.tokens.get()
        except UpstreamError as exc:
            log.info("%s %s: renewing the token after a 401 failed: %s", self.name, operation, exc)
        return False

    def _status_error(self, operation: str, answer: Answer, *, idempotent: bool) -> UpstreamError:
        error = self.error_from(operation, answer.status, answer.body)
        # What the client's envelope reader cannot know: the headers, and whether the call
        # could have changed anything.
        if isinstance(error, UpstreamRateLimited) and error.retry_after is None:
            error.retry_after = retry_after_seconds(answer.headers.get("retry-after"))
        if not idempotent and answer.status >= 500:
            error.outcome_unknown = True
        return error

    def _url(self, path: str, params: Mapping[str, str] | None) -> str:
        # One absolute URL string: httpx then parses a single URL instead of joining the base,
        # the path and the merged params (three URL objects, about 0.2 ms per call).
        url = self._base + path
        if params:
            url += ("&" if "?" in path else "?") + urlencode(params, quote_via=quote)
        return url

    async def _send(
        self,
        method: str,
        url: str,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        operation: str,
        *,
        idempotent: bool,
        budget: float,
    ) -> Answer:
        assert self._http is not None
        request = self._http.build_request(method, url, content=content, headers=headers)
        reading = False
        try:
            # One bound for the whole exchange, body included: httpx's read timeout is per
            # chunk, so an upstream trickling bytes forever would never trip it.
            async with asyncio.timeout(budget):
                response = await self._http.send(request, stream=True)
                reading = True
                try:
                    return await self._read(response, operation, idempotent=idempotent)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise self._timeout(operation, reading=reading, idempotent=idempotent) from None
        except (httpx.TransportError, aiohttp.ClientError) as exc:
            if not reading:
                raise _transport_error(self.name, operation, exc, write=not idempotent) from None
            if isinstance(exc, httpx.TimeoutException):
                raise self._timeout(operation, reading=True, idempotent=idempotent) from None
            raise self._unreadable(
                operation, response.status_code, "the answer ended early", idempotent=idempotent
            ) from None

    def _timeout(self, operation: str, *, reading: bool, idempotent: bool) -> UpstreamTimeout:
        detail = "the answer did not finish in time" if reading else None
        return UpstreamTimeout(self.name, operation, detail=detail, outcome_unknown=not idempotent)

    async def _read(self, response: httpx.Response, operation: str, *, idempotent: bool) -> Answer:
        status = response.status_code
        success = 200 <= status < 300
        media = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        declared_other = bool(media) and media not in _JSON_TYPES and not media.endswith("+json")
        if success and declared_other and response.headers.get("content-length") != "0":
            # Refused before reading: an HTML page from a proxy can be large, or endless.
            raise self._unreadable(
                operation, status, f"the answer is {media}, not JSON", idempotent=idempotent
            )
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._max_body_bytes:
            raise self._too_large(operation, status, idempotent=idempotent)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self._max_body_bytes:
                    raise self._too_large(operation, status, idempotent=idempotent)
                chunks.append(chunk)
        except httpx.DecodingError:
            raise self._unreadable(
                operation, status, "the answer's encoding is broken", idempotent=idempotent
            ) from None
        raw = b"".join(chunks)
        # Transports that do not check Content-Length themselves (MockTransport does not).
        if (
            declared is not None
            and declared.isdigit()
            and "content-encoding" not in response.headers
            and len(raw) < int(declared)
        ):
            raise self._unreadable(
                operation, status, "the answer ended early", idempotent=idempotent
            )
        if not raw:
            return Answer(status, response.headers, None)
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            if not success:
                # An error page: the status says enough, and error_from reads no envelope.
                return Answer(status, response.headers, None)
            raise self._unreadable(
                operation, status, "the answer is not JSON", idempotent=idempotent
            ) from None
        return Answer(status, response.headers, body)

    def _unreadable(
        self, operation: str, status: int | None, detail: str, *, idempotent: bool
    ) -> UpstreamProtocolError:
        # A write whose answer we cannot read may well have been applied.
        return UpstreamProtocolError(
            self.name, operation, status=status, detail=detail, outcome_unknown=not idempotent
        )

    def _too_large(self, operation: str, status: int, *, idempotent: bool) -> UpstreamProtocolError:
        detail = f"the answer is larger than {self._max_body_bytes} bytes"
        return self._unreadable(operation, status, detail, idempotent=idempotent)


def _transport_error(
    upstream: str, operation: str, exc: BaseException, *, write: bool
) -> UpstreamError:
    """Name a transport failure by its cause: httpx-aiohttp reports a refused connection
    as a connect *timeout*, which would send operators looking for the wrong problem."""
    cause = exc.__cause__
    unknown = write and not _never_sent(exc)
    if isinstance(cause, aiohttp.ClientConnectorError) and not isinstance(
        cause, aiohttp.ConnectionTimeoutError
    ):
        return UpstreamUnavailable(
            upstream, operation, detail="the upstream refused the connection"
        )
    if isinstance(exc, TimeoutError | httpx.TimeoutException) and not isinstance(
        cause, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError
    ):
        return UpstreamTimeout(upstream, operation, outcome_unknown=unknown)
    return UpstreamUnavailable(
        upstream, operation, detail="the upstream could not be reached", outcome_unknown=unknown
    )


def _never_sent(exc: BaseException) -> bool:
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout) and isinstance(
        exc.__cause__, _NOT_SENT
    ):
        return True
    # MockTransport and other transports raise httpx's own connect errors directly.
    return isinstance(exc, httpx.ConnectError) and exc.__cause__ is None


def error_for_status(
    upstream: str,
    operation: str,
    status: int,
    *,
    field_errors: Mapping[str, list[str]] | None = None,
    error_codes: tuple[str, ...] = (),
    detail: str | None = None,
) -> UpstreamError:
    """The exception for an HTTP error status (shared by every client), per
    :data:`STATUS_MEANINGS`."""
    return meaning_of(status).kind(
        upstream,
        operation,
        status=status,
        field_errors=field_errors,
        error_codes=error_codes,
        detail=detail,
    )
