"""Bastion's webhook receiver, its settings and its registration, without a socket."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson
import pytest

from resolvers.core.events import Event, InProcessEventBus
from resolvers.endorsements.webhooks import (
    ENV_ACCESS_KEY,
    ENV_REGISTER,
    ENV_URL,
    PATH,
    TOPIC,
    BastionWebhookReceiver,
    WebhookSettings,
    register_webhook,
)
from tests.resolvers.endorsements.support import parse_for_tests
from upstreams import UpstreamUnavailable
from upstreams.bastion.records import EventRecord
from upstreams.config import ConfigError

KEY = "k3y-of-the-vendor-0123456789"


class UnknownEventForTests(Exception):
    """Like records.UnknownEvent: a parser's way of saying "not an event we handle"."""


class RecordingBus(InProcessEventBus):
    def __init__(self, *, fail: bool = False) -> None:
        super().__init__()
        self.published: list[tuple[str, Event]] = []
        self.fail = fail

    async def publish(self, topic: str, event: Event) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        self.published.append((topic, event))
        await super().publish(topic, event)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def body(event: str = "added-policy-member", key: object = KEY, **data: Any) -> bytes:
    return orjson.dumps(
        {
            "event": event,
            "accessKey": key,
            "data": {"memberId": "100004976", "policyId": "2058", "planId": "85", **data},
        }
    )


def receiver(
    bus: RecordingBus | None = None, *, key: str | None = KEY, **kwargs: Any
) -> tuple[BastionWebhookReceiver, RecordingBus]:
    bus = bus or RecordingBus()
    moment = datetime(2026, 12, 2, 4, 2, 36, 123456, tzinfo=timezone(timedelta(hours=1)))
    kwargs.setdefault("parse", parse_for_tests)
    return (
        BastionWebhookReceiver(access_key=key, bus=bus, clock=lambda: moment, **kwargs),
        bus,
    )


async def test_an_event_with_the_right_key_is_published_and_answered_202() -> None:
    rx, bus = receiver()
    async with bus.subscribe(TOPIC) as events:
        answer = await rx.receive(body())
        assert (answer.status, answer.body) == (202, {"status": "accepted"})
        event = await anext(aiter(events))
    assert event["kind"] == "MEMBER_ADDED"
    assert event["receivedAt"] == "2026-12-02T03:02:36.123+00:00"
    assert (event["enrollee"]["member_id"], event["enrollee"]["policy_id"]) == ("100004976", "2058")
    assert "access_key" not in str(event)
    assert KEY not in str(event)
    assert [t for t, _ in bus.published] == [TOPIC]
    assert rx.stats.as_dict() | {"received": 1, "accepted": 1} == rx.stats.as_dict()


@pytest.mark.parametrize("key", [None, "", "wrong-key-0123456789", KEY + "x", KEY[:-1], 42, [KEY]])
async def test_a_missing_or_wrong_key_is_401_and_nothing_else_is_read(key: object) -> None:
    parsed: list[object] = []

    def spy(obj: object) -> EventRecord:
        parsed.append(obj)
        return parse_for_tests(obj)

    rx, bus = receiver(parse=spy)
    raw = orjson.loads(body(key=key))
    if key is None:
        del raw["accessKey"]
    answer = await rx.receive(orjson.dumps(raw))
    assert (answer.status, answer.body) == (401, {"error": "unauthorized"})
    # Nor does an unknown event or a malformed one change the answer without the key.
    assert (await rx.receive(body(event="new-kind", key=key))).status == 401
    assert (await rx.receive(orjson.dumps({"accessKey": key, "data": 1}))).status == 401
    assert parsed == []
    assert bus.published == []
    assert rx.stats.refused == 3


async def test_the_key_is_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    rx, _ = receiver()
    await rx.receive(body(key="wrong-key-0123456789"))
    await rx.receive(body())
    await rx.receive(body(memberId=5))
    assert caplog.records
    for text in (KEY, "wrong-key", "100004976", "2058"):
        assert text not in caplog.text


async def test_a_body_over_the_limit_is_413_unread() -> None:
    rx, bus = receiver(max_body_bytes=100)
    answer = await rx.receive(body(address="x" * 200))
    assert answer.status == 413
    assert bus.published == []
    assert rx.stats.too_large == 1


@pytest.mark.parametrize("raw", [b"", b"{", b"[]", b"null", b'"text"', b"\xff\xfe"])
async def test_a_body_that_is_not_a_json_object_is_400(raw: bytes) -> None:
    rx, _ = receiver()
    answer = await rx.receive(raw)
    assert (answer.status, answer.body) == (400, {"error": "the body must be a JSON object"})


async def test_an_event_of_the_wrong_shape_is_400() -> None:
    rx, bus = receiver()
    for bad in (body(memberId=["5"]), orjson.dumps({"event": 3, "accessKey": KEY, "data": {}})):
        answer = await rx.receive(bad)
        assert answer.status == 400
        assert answer.body == {"error": "the event does not have the documented shape"}
    assert bus.published == []
    assert rx.stats.malformed == 2


async def test_an_unknown_event_is_ignored_with_a_2xx() -> None:
    rx, bus = receiver()
    answer = await rx.receive(body(event="removed-policy-member", memberId=None))
    assert (answer.status, answer.body) == (200, {"status": "ignored"})

    def refuses(obj: object) -> EventRecord:
        raise UnknownEventForTests

    rx2, _ = receiver(parse=refuses, ignore=(UnknownEventForTests,))
    assert (await rx2.receive(body())).status == 200
    assert bus.published == []
    assert rx.stats.ignored == 1
    assert rx2.stats.ignored == 1


async def test_a_duplicate_delivery_is_202_and_not_published_again() -> None:
    timer = Clock()
    rx, bus = receiver(timer=timer, dedupe_ttl_s=60)
    first = await rx.receive(body())
    # The same event and data, keys in another order and another spacing: the same delivery.
    again = orjson.loads(body())
    again["data"] = dict(reversed(list(again["data"].items())))
    retry = await rx.receive(orjson.dumps(again, option=orjson.OPT_INDENT_2))
    assert (first.status, retry.status) == (202, 202)
    assert retry.body == {"status": "duplicate"}
    assert len(bus.published) == 1
    assert rx.stats.duplicates == 1
    # Another event (another kind, or other data) is not a duplicate.
    assert (await rx.receive(body(event="re-endorsed-member"))).body == {"status": "accepted"}
    assert (await rx.receive(body(firstName="John"))).body == {"status": "accepted"}
    # After the window, the same delivery is published again (at-least-once).
    timer.now += 61
    assert (await rx.receive(body())).body == {"status": "accepted"}
    assert len(bus.published) == 4


async def test_the_memory_of_deliveries_is_bounded() -> None:
    rx, _bus = receiver(dedupe_max=2)
    for n in range(3):
        await rx.receive(body(firstName=f"n{n}"))
    # The oldest was forgotten to make room: its retry is published again.
    assert (await rx.receive(body(firstName="n0"))).body == {"status": "accepted"}
    assert (await rx.receive(body(firstName="n2"))).body == {"status": "duplicate"}


async def test_a_bus_that_fails_answers_503_and_the_retry_is_accepted() -> None:
    bus = RecordingBus(fail=True)
    rx, _ = receiver(bus)
    assert (await rx.receive(body())).status == 503
    bus.fail = False
    assert (await rx.receive(body())).body == {"status": "accepted"}
    assert rx.stats.unavailable == 1
    assert rx.stats.accepted == 1


async def test_without_a_key_the_receiver_is_off_with_503() -> None:
    rx, bus = receiver(key=None)
    assert not rx.enabled
    answer = await rx.receive(body())
    assert (answer.status, answer.body) == (
        503,
        {"error": "the webhook receiver is not configured"},
    )
    assert bus.published == []


# --- settings ----------------------------------------------------------------------------------


def test_embedded_defaults_make_the_webhook_work_alone() -> None:
    a = WebhookSettings.from_env({}, embedded=True, self_url="http://127.0.0.1:8000/")
    b = WebhookSettings.from_env({}, embedded=True, self_url="http://127.0.0.1:8000")
    assert a.url == "http://127.0.0.1:8000" + PATH
    assert a.register
    assert a.key_generated
    assert a.access_key
    assert b.access_key
    assert len(a.access_key) >= 32
    assert a.access_key != b.access_key  # one per process
    assert a.access_key not in repr(a)
    assert "generated" in repr(a)


def test_real_upstreams_assume_nothing() -> None:
    settings = WebhookSettings.from_env({}, embedded=False, self_url="http://127.0.0.1:8000")
    assert (settings.access_key, settings.url, settings.register) == (None, None, False)
    env = {ENV_ACCESS_KEY: KEY, ENV_URL: "https://graph.example.com/webhooks/bastion"}
    settings = WebhookSettings.from_env(env, embedded=False)
    assert settings.access_key == KEY
    assert not settings.register
    assert KEY not in repr(settings)
    assert "<set>" in repr(settings)
    settings = WebhookSettings.from_env({**env, ENV_REGISTER: "1"}, embedded=False)
    assert settings.register
    embedded_off = WebhookSettings.from_env({ENV_REGISTER: "false"}, embedded=True)
    assert not embedded_off.register


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({ENV_ACCESS_KEY: "short"}, "at least 16"),
        ({ENV_REGISTER: "maybe"}, "must be 1 or 0"),
        ({ENV_REGISTER: "1"}, "BASTION_WEBHOOK_URL and BASTION_WEBHOOK_ACCESS_KEY"),
        ({ENV_REGISTER: "1", ENV_ACCESS_KEY: KEY}, "BASTION_WEBHOOK_URL is not set"),
    ],
)
def test_unusable_settings_are_configuration_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as failure:
        WebhookSettings.from_env(env, embedded=False)
    assert "short" not in str(failure.value)


# --- registration -------------------------------------------------------------------------------


class Registrar:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.error = error

    async def configure_webhook(self, *, url: str, access_key: str | None) -> None:
        self.calls.append((url, access_key))
        if self.error is not None:
            raise self.error


ON = WebhookSettings(access_key=KEY, url="http://127.0.0.1:1/webhooks/bastion", register=True)


async def test_registration_calls_the_bastion_client_by_name() -> None:
    client = Registrar()
    assert await register_webhook({"bastion": client, "other": object()}, ON) == "registered"
    assert client.calls == [(ON.url, KEY)]


async def test_registration_off_or_impossible_says_why_and_calls_nothing() -> None:
    client = Registrar()
    off = WebhookSettings(access_key=KEY, url=ON.url, register=False)
    no_url = WebhookSettings(access_key=KEY, url=None, register=True)
    assert await register_webhook({"bastion": client}, off) == "off"
    assert "BASTION_WEBHOOK_URL" in await register_webhook({"bastion": client}, no_url)
    assert await register_webhook({}, ON) == "not registered: no bastion client"
    assert "configure_webhook" in await register_webhook({"bastion": object()}, ON)
    assert client.calls == []


@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        (UpstreamUnavailable("bastion", "configureWebhook"), "the upstream is unavailable"),
        (RuntimeError(f"something with {KEY} in it"), "RuntimeError"),
    ],
)
async def test_a_failed_registration_is_reported_not_raised_and_the_key_not_logged(
    error: Exception, outcome: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    result = await register_webhook({"bastion": Registrar(error)}, ON)
    assert result == f"not registered: {outcome}"
    assert KEY not in caplog.text
    assert KEY not in result
    assert "registering" in caplog.text


def test_received_at_is_utc_with_its_offset() -> None:
    rx = BastionWebhookReceiver(
        access_key=KEY,
        bus=InProcessEventBus(),
        parse=parse_for_tests,
        clock=lambda: datetime.now(UTC),
    )
    stamp = rx.event_for(parse_for_tests(orjson.loads(body())))["receivedAt"]
    assert stamp.endswith("+00:00")
    assert datetime.fromisoformat(stamp).tzinfo is not None


async def test_a_retry_spelled_differently_is_still_a_duplicate() -> None:
    rx, bus = receiver()
    first = await rx.receive(body(planId="85"))
    again = await rx.receive(body(planId=85))
    assert (first.body, again.body) == ({"status": "accepted"}, {"status": "duplicate"})
    assert len(bus.published) == 1
