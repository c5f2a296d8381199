from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from email.utils import format_datetime

import httpx
import pytest

from upstreams import (
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
from upstreams._http import Answer, FormPart, UpstreamClient, retry_after_seconds
from upstreams._tokens import Issued, TokenLifecycle
from upstreams.config import UpstreamSettings
from upstreams.medallies.client import MedAlliesClient

Handler = Callable[[httpx.Request], httpx.Response]
AnyHandler = Handler | Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]


def client(handler: Handler, *, retries: int = 2, timeout: float = 2.0) -> UpstreamClient:
    settings = UpstreamSettings(
        name="test", base_url="http://upstream.test", retries=retries, timeout_s=timeout
    )
    return UpstreamClient(settings, transport=httpx.MockTransport(handler), backoff_s=0.001)


async def test_reads_are_retried_until_they_succeed() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return httpx.Response(503 if len(seen) < 3 else 200, json={"ok": True})

    answer = await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"ok": True}
    assert seen == ["GET", "GET", "GET"]


async def test_reads_give_up_after_the_retries() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503)

    with pytest.raises(UpstreamUnavailable) as info:
        await client(handler, retries=1).call("GET", "/x", operation="read", idempotent=True)
    assert calls == 2
    assert info.value.extensions == {
        "code": "UPSTREAM_UNAVAILABLE",
        "upstream": "upstream",
        "upstreamStatus": 503,
    }


async def test_writes_are_sent_once() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503)

    with pytest.raises(UpstreamUnavailable):
        await client(handler).call("POST", "/x", operation="write", idempotent=False, json={"a": 1})
    assert calls == 1


async def test_a_write_that_times_out_has_an_unknown_outcome() -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1)
        return httpx.Response(200)

    c = UpstreamClient(
        UpstreamSettings(name="t", base_url="http://u.test", timeout_s=0.05),
        transport=httpx.MockTransport(slow),
    )
    with pytest.raises(UpstreamTimeout) as info:
        await c.call("PUT", "/x", operation="write", idempotent=False, json={})
    assert info.value.outcome_unknown
    assert info.value.extensions["writeOutcome"] == "UNKNOWN"
    assert "may or may not have been applied" in str(info.value)


async def test_a_write_that_never_connected_is_known_not_applied() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(UpstreamUnavailable) as info:
        await client(refuse).call("POST", "/x", operation="write", idempotent=False, json={})
    assert not info.value.outcome_unknown


async def test_status_mapping_and_no_secrets_in_messages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"errors": {"detail": "bad key sekrit"}})

    with pytest.raises(UpstreamUnauthorized) as info:
        await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert info.value.code == "UNAUTHENTICATED"
    assert "sekrit" not in str(info.value)


async def test_a_body_that_is_not_json() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>")

    with pytest.raises(UpstreamProtocolError):
        await client(handler).call("GET", "/x", operation="read", idempotent=True)


async def test_an_unconfigured_upstream() -> None:
    c = UpstreamClient(UpstreamSettings(name="t", base_url=None))
    with pytest.raises(UpstreamNotConfigured) as info:
        await c.call("GET", "/x", operation="read", idempotent=True)
    assert info.value.code == "UPSTREAM_UNAVAILABLE"


# --- retries by operation --------------------------------------------------------------


def medallies(handler: AnyHandler, *, timeout: float = 2.0) -> MedAlliesClient:
    settings = UpstreamSettings(
        name="medallies", base_url="http://medallies.test", retries=2, timeout_s=timeout
    )
    return MedAlliesClient(settings, transport=httpx.MockTransport(handler), backoff_s=0.001)


async def test_a_get_shaped_write_that_meets_a_503_is_sent_once_with_an_unknown_outcome() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        return httpx.Response(503, json={"message": "busy"})

    with pytest.raises(UpstreamUnavailable) as info:
        await medallies(handler).set_organizations_active([7], active=False)
    assert seen == ["GET /OnBoard/services/v1/organizations/deactivate"]
    assert info.value.extensions["writeOutcome"] == "UNKNOWN"


async def test_a_timed_out_activation_has_an_unknown_outcome() -> None:
    calls = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        await asyncio.sleep(1)
        return httpx.Response(200, json={})

    with pytest.raises(UpstreamTimeout) as info:
        await medallies(slow, timeout=0.05).activate_membership(3, 4)
    assert calls == 1
    assert info.value.extensions["writeOutcome"] == "UNKNOWN"


async def test_a_read_sent_as_post_is_retried() -> None:
    statuses = iter([503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(statuses), json={"ok": True})

    answer = await client(handler).call(
        "POST", "/search", operation="search", idempotent=True, json={"q": 1}
    )
    assert answer.body == {"ok": True}


async def test_a_write_refused_with_a_4xx_is_known_not_applied() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={})

    with pytest.raises(UpstreamRejected) as info:
        await client(handler).call("POST", "/x", operation="write", idempotent=False, json={})
    assert "writeOutcome" not in info.value.extensions


# --- 429 and Retry-After -----------------------------------------------------------------


class Sleeps:
    """Stands in for asyncio.sleep: records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def limited(handler: Handler, sleeps: Sleeps, *, timeout: float = 10.0) -> UpstreamClient:
    settings = UpstreamSettings(
        name="test", base_url="http://upstream.test", retries=2, timeout_s=timeout
    )
    return UpstreamClient(
        settings, transport=httpx.MockTransport(handler), backoff_s=0.001, sleep=sleeps
    )


async def test_a_rate_limited_read_is_retried_after_the_upstreams_wait() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(429, headers={"retry-after": "3"})
        return httpx.Response(200, json={"ok": True})

    sleeps = Sleeps()
    answer = await limited(handler, sleeps).call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"ok": True}
    assert calls == 2
    assert len(sleeps.waits) == 1
    assert 3 <= sleeps.waits[0] < 3.01


async def test_a_retry_after_date_is_honoured_too() -> None:
    calls = 0
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(429 if calls == 1 else 200, headers={"retry-after": when}, json={})

    sleeps = Sleeps()
    await limited(handler, sleeps).call("GET", "/x", operation="read", idempotent=True)
    assert calls == 2
    assert 3 < sleeps.waits[0] <= 5.01


async def test_a_wait_longer_than_the_call_may_take_fails_fast_with_retry_after() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(429, headers={"retry-after": "120"}, json={"errorCode": "SLOW"})

    sleeps = Sleeps()
    with pytest.raises(UpstreamRateLimited) as info:
        await limited(handler, sleeps).call("GET", "/x", operation="read", idempotent=True)
    assert calls == 1
    assert sleeps.waits == []
    assert info.value.extensions == {
        "code": "UPSTREAM_RATE_LIMITED",
        "upstream": "upstream",
        "upstreamStatus": 429,
        "retryAfter": 120,
    }
    assert "retry after 120 s" in str(info.value)


async def test_a_rate_limited_write_is_not_retried() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(429, headers={"retry-after": "1"})

    sleeps = Sleeps()
    with pytest.raises(UpstreamRateLimited) as info:
        await limited(handler, sleeps).call(
            "POST", "/x", operation="write", idempotent=False, json={}
        )
    assert calls == 1
    assert sleeps.waits == []
    # The upstream refused it: the write is known not to have been applied.
    assert "writeOutcome" not in info.value.extensions
    assert info.value.extensions["retryAfter"] == 1


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("0", 0.0),
        (" 42 ", 42.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: no wait
        ("Wed, 21 Oct 2015 07:29:00 GMT", 60.0),
        ("soon", None),
        ("-5", None),
        ("٣", None),  # a digit, but not an ASCII one
        (None, None),
    ],
)
def test_retry_after_reading(header: str | None, seconds: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 28, tzinfo=UTC)
    assert retry_after_seconds(header, now=now) == seconds


# --- one table of statuses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind", "code"),
    [
        (400, UpstreamRejected, "BAD_USER_INPUT"),
        (401, UpstreamUnauthorized, "UNAUTHENTICATED"),
        (403, UpstreamForbidden, "FORBIDDEN"),
        (404, UpstreamNotFound, "NOT_FOUND"),
        (409, UpstreamConflict, "CONFLICT"),
        (410, UpstreamProtocolError, "UPSTREAM_ERROR"),
        (422, UpstreamRejected, "BAD_USER_INPUT"),
        (429, UpstreamRateLimited, "UPSTREAM_RATE_LIMITED"),
        (500, UpstreamProtocolError, "UPSTREAM_ERROR"),
        (501, UpstreamProtocolError, "UPSTREAM_ERROR"),
        (502, UpstreamUnavailable, "UPSTREAM_UNAVAILABLE"),
        (503, UpstreamUnavailable, "UPSTREAM_UNAVAILABLE"),
        (504, UpstreamTimeout, "UPSTREAM_TIMEOUT"),
        (302, UpstreamProtocolError, "UPSTREAM_ERROR"),
    ],
)
async def test_statuses_mean_one_thing(status: int, kind: type[UpstreamError], code: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={})

    with pytest.raises(UpstreamError) as info:
        await client(handler, retries=0).call("GET", "/x", operation="read", idempotent=True)
    assert type(info.value) is kind
    assert info.value.extensions["code"] == code


async def test_only_the_statuses_worth_it_are_retried() -> None:
    calls: Counter[int] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        status = int(request.url.path.strip("/"))
        calls[status] += 1
        return httpx.Response(status, json={})

    c = client(handler, retries=1)
    for status in (404, 409, 500, 501, 504):
        with pytest.raises(UpstreamError):
            await c.call("GET", f"/{status}", operation="read", idempotent=True)
    assert calls == {404: 1, 409: 1, 500: 2, 501: 1, 504: 2}


# --- strict reading ----------------------------------------------------------------------


async def test_a_2xx_that_declares_another_type_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<html>sign in</html>", headers={"content-type": "text/html"}
        )

    with pytest.raises(UpstreamProtocolError) as info:
        await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert "text/html, not JSON" in str(info.value)
    assert info.value.extensions["upstream"] == "upstream"


@pytest.mark.parametrize(
    "content_type", ["application/json;charset=UTF-8", "application/problem+json"]
)
async def test_json_types_with_parameters_and_suffixes_are_json(content_type: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b'{"a": 1}', headers={"content-type": content_type})

    answer = await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"a": 1}


async def test_an_error_page_keeps_the_status_meaning() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="<html>nope</html>", headers={"content-type": "text/html"})

    with pytest.raises(UpstreamNotFound):
        await client(handler).call("GET", "/x", operation="read", idempotent=True)


async def test_a_body_shorter_than_its_content_length_is_cut_short() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=b'{"a": ',
            headers={"content-type": "application/json", "content-length": "40"},
        )

    with pytest.raises(UpstreamProtocolError) as info:
        await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert "ended early" in str(info.value)


async def test_a_write_whose_answer_cannot_be_read_has_an_unknown_outcome() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, content=b"{oops")

    with pytest.raises(UpstreamProtocolError) as info:
        await client(handler).call(
            "POST", "/x", operation="write", idempotent=False, json={}, ok=(201,)
        )
    assert info.value.extensions["writeOutcome"] == "UNKNOWN"


async def test_a_body_past_the_size_limit_is_refused() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"[" * 100

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"content-type": "application/json"})

    c = UpstreamClient(
        UpstreamSettings(name="t", base_url="http://u.test"),
        transport=httpx.MockTransport(handler),
        max_body_bytes=500,
    )
    with pytest.raises(UpstreamProtocolError) as info:
        await c.call("GET", "/x", operation="read", idempotent=True)
    assert "larger than 500 bytes" in str(info.value)


async def test_a_body_that_breaks_off_is_an_upstream_error() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"items": ['
        raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"content-type": "application/json"})

    with pytest.raises(UpstreamProtocolError) as info:
        await client(handler, retries=0).call("GET", "/x", operation="read", idempotent=True)
    assert info.value.extensions["code"] == "UPSTREAM_ERROR"
    assert "ended early" in str(info.value)


class TokenClient(UpstreamClient):
    """A client whose upstream takes a session token in ``x-token``: ``tok1``, ``tok2``..."""

    def __init__(self, handler: Handler, *, retries: int = 2) -> None:
        super().__init__(
            UpstreamSettings(name="t", base_url="http://u.test", retries=retries),
            transport=httpx.MockTransport(handler),
            backoff_s=0.001,
        )
        self.issued = 0
        self.tokens = TokenLifecycle(self._issue)

    async def _issue(self) -> Issued:
        self.issued += 1
        return Issued(f"tok{self.issued}", 3600)

    def token_headers(self, token: str) -> dict[str, str]:
        return {"x-token": token}


def refusing(stale: set[str], seen: list[str]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("x-token", ""))
        if request.headers.get("x-token") in stale:
            return httpx.Response(401)
        return httpx.Response(200, json={"ok": True})

    return handler


async def test_a_read_refused_with_401_is_replayed_once_with_a_new_token() -> None:
    seen: list[str] = []
    c = TokenClient(refusing({"tok1"}, seen), retries=0)
    answer = await c.call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"ok": True}
    # Replayed although no retries are allowed: a stale token is not an upstream fault.
    assert seen == ["tok1", "tok2"]
    assert c.issued == 2


async def test_a_write_refused_with_401_is_not_replayed_and_the_token_is_renewed() -> None:
    seen: list[str] = []
    c = TokenClient(refusing({"tok1"}, seen))
    with pytest.raises(UpstreamUnauthorized) as info:
        await c.call("POST", "/x", operation="write", idempotent=False, json={})
    assert not info.value.outcome_unknown
    assert seen == ["tok1"]
    assert c.issued == 2
    assert c.tokens is not None
    assert c.tokens.peek() == "tok2"
    await c.call("POST", "/x", operation="write", idempotent=False, json={})
    assert seen == ["tok1", "tok2"]


async def test_a_fresh_token_refused_too_is_unauthorized_without_another_renewal() -> None:
    seen: list[str] = []
    c = TokenClient(refusing({"tok1", "tok2", "tok3"}, seen))
    with pytest.raises(UpstreamUnauthorized):
        await c.call("GET", "/x", operation="read", idempotent=True)
    assert seen == ["tok1", "tok2"]
    assert c.issued == 2


async def test_a_401_without_a_token_lifecycle_is_not_replayed() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(401)

    with pytest.raises(UpstreamUnauthorized):
        await client(handler).call("GET", "/x", operation="read", idempotent=True)
    assert calls == 1


async def test_request_auth_is_asked_for_each_attempt_and_skipped_when_told() -> None:
    seen: list[str | None] = []

    class Signed(UpstreamClient):
        signed = 0

        async def request_auth(self, operation: str) -> dict[str, str]:
            self.signed += 1
            return {"x-sig": f"{operation}-{self.signed}"}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("x-sig"))
        return httpx.Response(503 if len(seen) == 1 else 200, json={})

    c = Signed(
        UpstreamSettings(name="s", base_url="http://u.test"),
        transport=httpx.MockTransport(handler),
        backoff_s=0.001,
    )
    await c.call("GET", "/x", operation="read", idempotent=True)
    await c.call("GET", "/x", operation="raw", idempotent=True, authenticate=False)
    assert seen == ["read-1", "read-2", None]


# --- multipart bodies ------------------------------------------------------------------------


def _parts(request: httpx.Request) -> list[tuple[str, str | None, str | None, bytes]]:
    """The parts of a multipart/form-data request as (name, filename, type, content), read
    with the standard library's MIME parser (not httpx's encoder, which produced them)."""
    raw = b"content-type: " + request.headers["content-type"].encode() + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(raw + request.content)
    found = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        content_type = part.get("content-type")
        payload = part.get_payload(decode=True)
        assert isinstance(name, str)
        assert isinstance(payload, bytes)
        found.append((name, filename, None if content_type is None else str(content_type), payload))
    return found


async def test_a_multipart_body_carries_its_text_and_file_parts() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    parts = [
        FormPart("data", '{"name": "Claims"}'),
        FormPart("file", b"openapi: 3.0.3\n", "claims.yaml", "application/yaml"),
    ]
    answer = await client(handler).call(
        "POST", "/apis", operation="publish", idempotent=False, multipart=parts
    )
    assert answer.body == {"ok": True}
    (request,) = seen
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert int(request.headers["content-length"]) == len(request.content)
    assert _parts(request) == [
        ("data", None, None, b'{"name": "Claims"}'),
        ("file", "claims.yaml", "application/yaml", b"openapi: 3.0.3\n"),
    ]


async def test_a_multipart_write_is_sent_once_and_its_outcome_is_unknown() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503)

    with pytest.raises(UpstreamUnavailable) as info:
        await client(handler).call(
            "POST", "/x", operation="upload", idempotent=False, multipart=[FormPart("a", "b")]
        )
    assert calls == 1
    assert info.value.outcome_unknown


async def test_a_retried_multipart_read_sends_the_same_bytes_each_time() -> None:
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(503 if len(bodies) < 2 else 200, json={})

    await client(handler).call(
        "POST", "/x", operation="search", idempotent=True, multipart=[FormPart("q", "x")]
    )
    assert len(bodies) == 2
    assert bodies[0] == bodies[1]
    assert b'name="q"' in bodies[0]


async def test_a_multipart_body_excludes_json_and_needs_a_part() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be sent")

    upstream = client(handler)
    with pytest.raises(ValueError, match="not both"):
        await upstream.call(
            "POST", "/x", operation="w", idempotent=False, json={}, multipart=[FormPart("a", "b")]
        )
    with pytest.raises(ValueError, match="at least one part"):
        await upstream.call("POST", "/x", operation="w", idempotent=False, multipart=[])


class EnvelopeClient(TokenClient):
    """A token client whose upstream says "failed" inside a 200: ``{"failed": "<kind>"}``."""

    def answer_error(self, operation: str, answer: Answer) -> UpstreamError | None:
        kind = answer.body.get("failed") if isinstance(answer.body, dict) else None
        if kind == "auth":
            return UpstreamUnauthorized(self.name, operation, status=answer.status)
        if kind == "busy":
            return UpstreamUnavailable(self.name, operation, status=answer.status)
        if kind == "input":
            return UpstreamRejected(self.name, operation, status=answer.status)
        return None


def refusing_in_200(stale: set[str], seen: list[str], kind: str = "auth") -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("x-token", ""))
        if request.headers.get("x-token") in stale:
            return httpx.Response(200, json={"failed": kind})
        return httpx.Response(200, json={"ok": True})

    return handler


async def test_an_auth_refusal_in_a_200_renews_once_and_replays_a_read() -> None:
    seen: list[str] = []
    c = EnvelopeClient(refusing_in_200({"tok1"}, seen), retries=0)
    answer = await c.call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"ok": True}
    assert seen == ["tok1", "tok2"]
    with pytest.raises(UpstreamUnauthorized):
        await EnvelopeClient(refusing_in_200({"tok1", "tok2"}, seen)).call(
            "GET", "/x", operation="read", idempotent=True
        )


async def test_an_auth_refusal_in_a_200_renews_but_does_not_replay_a_write() -> None:
    seen: list[str] = []
    c = EnvelopeClient(refusing_in_200({"tok1"}, seen))
    with pytest.raises(UpstreamUnauthorized) as info:
        await c.call("POST", "/x", operation="write", idempotent=False, json={})
    assert not info.value.outcome_unknown
    assert seen == ["tok1"]
    assert c.tokens is not None
    assert c.tokens.peek() == "tok2"


async def test_other_failures_in_a_200_are_raised_and_retried_only_when_retryable() -> None:
    seen: list[str] = []
    with pytest.raises(UpstreamRejected):
        await EnvelopeClient(refusing_in_200({"tok1"}, seen, "input")).call(
            "GET", "/x", operation="read", idempotent=True
        )
    assert seen == ["tok1"]
    busy: list[str] = []
    calls = 0

    def flaky(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        busy.append(request.headers.get("x-token", ""))
        return httpx.Response(200, json={"failed": "busy"} if calls == 1 else {"ok": True})

    answer = await EnvelopeClient(flaky).call("GET", "/x", operation="read", idempotent=True)
    assert answer.body == {"ok": True}
    assert busy == ["tok1", "tok1"]
