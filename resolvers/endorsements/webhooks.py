"""Bastion's webhook (document 002, section 5): events in, one bus topic out.

Bastion POSTs ``{"event": ..., "accessKey": ..., "data": {...enrollee...}}`` to the URL the
vendor configured with ``PATCH /api/v2/vendors/config`` and retries every non-2xx answer.
:class:`BastionWebhookReceiver` decides the answer to one delivery and publishes what it
accepts on :data:`TOPIC`; it knows nothing of HTTP servers (server.py adapts it to aiohttp),
so the rules below are tested without a socket.

The rules, in order (each answer is short JSON; nothing from the body is ever logged):

1. no access key configured: 503 (the receiver is off; Bastion retries until it is on);
2. a body over :data:`MAX_BODY_BYTES`: 413, unread;
3. not a JSON object: 400;
4. ``accessKey`` missing or wrong: 401, before anything else in the body is looked at;
5. an event name we do not know: 200 ``ignored`` (Bastion may add events; refusing one would
   make it retry for ever);
6. a body the parser refuses (``UpstreamProtocolError``): 400;
7. a delivery seen before: 202 ``duplicate``, not published again;
8. otherwise published, then 202 ``accepted``; a bus that fails answers 503 (retried).

Duplicates: Bastion events carry no id, so a delivery is known by a hash of the canonical
JSON of its ``event`` and ``data`` (sorted keys), remembered for :data:`DEDUPE_TTL_S`
(at most :data:`DEDUPE_MAX` of them, oldest dropped first). Consequences: two real events
with the same name and identical data within the window are one event to subscribers; a
retry that comes after the window, or after :data:`DEDUPE_MAX` newer deliveries, or on
another replica (the memory is per process), is published again. Subscribers must treat
events as at-least-once; a shared store (Redis ``SET NX EX``) closes the replica gap.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Final, Protocol, TypedDict, runtime_checkable

import orjson
from cachetools import TTLCache

from resolvers.core.events import EventBus
from upstreams import UpstreamError, UpstreamProtocolError
from upstreams.bastion import wire
from upstreams.bastion.records import EnrolleeRecord, EventRecord
from upstreams.config import ConfigError

__all__ = [
    "DEDUPE_MAX",
    "DEDUPE_TTL_S",
    "MAX_BODY_BYTES",
    "PATH",
    "TOPIC",
    "BastionWebhookReceiver",
    "EndorsementEvent",
    "EventParser",
    "WebhookAnswer",
    "WebhookRegistrar",
    "WebhookSettings",
    "WebhookStats",
    "register_webhook",
]

log = logging.getLogger("partner_graph.webhooks")

TOPIC: Final = "bastion.endorsements"
PATH: Final = "/webhooks/bastion"
# An event is one enrollee (two dozen short fields); 64 KiB is ample and bounds what an
# unauthenticated caller can make the gateway parse before the key is checked.
MAX_BODY_BYTES: Final = 64 * 1024
# How long a delivery is remembered as seen. Bastion documents no retry schedule; an hour
# covers the usual exponential back-offs of webhook senders, and DEDUPE_MAX bounds memory
# (about 100 bytes an entry) whatever the rate.
DEDUPE_TTL_S: Final = 3600.0
DEDUPE_MAX: Final = 10_000
# The shortest access key accepted from the environment: the key is the webhook's only
# authentication, so it must not be guessable.
MIN_ACCESS_KEY_CHARS: Final = 16

ENV_ACCESS_KEY: Final = "BASTION_WEBHOOK_ACCESS_KEY"
ENV_URL: Final = "BASTION_WEBHOOK_URL"
ENV_REGISTER: Final = "BASTION_WEBHOOK_REGISTER"

# The parser of a webhook body: ``upstreams.bastion.records.read_event`` in the server.
EventParser = Callable[[object], EventRecord]


class EndorsementEvent(TypedDict):
    """What is published on :data:`TOPIC`: a plain dict, JSON-ready, never the access key."""

    # The graph's name of the event (``wire.EVENTS``): "MEMBER_ADDED", "MEMBER_REENDORSED".
    kind: str
    # The enrollee of ``data``; its ``policy_id`` is what a subscription filters on.
    enrollee: EnrolleeRecord
    # When the gateway accepted it: ISO-8601 in UTC with its offset
    # ("2026-12-02T03:02:36.123+00:00"). Bastion's events carry no time of their own.
    receivedAt: str


@dataclass(frozen=True, slots=True)
class WebhookAnswer:
    """The HTTP answer to one delivery: a status and a short JSON body."""

    status: int
    body: Mapping[str, str]


@dataclass(slots=True)
class WebhookStats:
    """Counters of deliveries since start (server.py has no metrics system to feed yet)."""

    received: int = 0  # every delivery, whatever its answer
    accepted: int = 0  # published
    duplicates: int = 0
    ignored: int = 0  # unknown event names
    refused: int = 0  # missing or wrong access key
    malformed: int = 0
    too_large: int = 0
    unavailable: int = 0  # no key configured, or the bus failed

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _digest(text: str) -> bytes:
    # surrogatepass: a JSON string may hold a lone surrogate escape; it must compare (and
    # fail) like any other wrong key, not raise.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _now() -> datetime:
    return datetime.now(UTC)


class BastionWebhookReceiver:
    """Checks, de-duplicates and publishes Bastion's webhook deliveries (module rules).

    ``parse`` turns the body into an :class:`EventRecord` (``read_event``); exceptions in
    ``ignore`` mean "an event we do not handle" (``records.UnknownEvent``) and answer 200
    like an unknown name. ``access_key`` None turns the receiver off (503).
    """

    def __init__(
        self,
        *,
        access_key: str | None,
        bus: EventBus,
        parse: EventParser,
        ignore: tuple[type[Exception], ...] = (),
        topic: str = TOPIC,
        max_body_bytes: int = MAX_BODY_BYTES,
        dedupe_ttl_s: float = DEDUPE_TTL_S,
        dedupe_max: int = DEDUPE_MAX,
        timer: Callable[[], float] = time.monotonic,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        # Only the key's digest is kept: both sides of compare_digest then have the same
        # length (so its timing reveals nothing, not even the key's length), and the key
        # itself stays out of this object.
        self._key_digest = _digest(access_key) if access_key else None
        self._bus = bus
        self._parse = parse
        self._ignore = ignore
        self.topic = topic
        self.max_body_bytes = max_body_bytes
        self._seen: TTLCache[bytes, bool] = TTLCache(dedupe_max, dedupe_ttl_s, timer=timer)
        self._clock = clock
        self.stats = WebhookStats()

    @property
    def enabled(self) -> bool:
        return self._key_digest is not None

    async def receive(self, body: bytes) -> WebhookAnswer:
        """The answer to one delivery of ``body``, the event published when accepted."""
        stats = self.stats
        stats.received += 1
        if self._key_digest is None:
            stats.unavailable += 1
            return WebhookAnswer(503, {"error": "the webhook receiver is not configured"})
        if len(body) > self.max_body_bytes:
            return self._too_large()
        try:
            obj = orjson.loads(body)
        except orjson.JSONDecodeError:
            obj = None
        if not isinstance(obj, dict):
            stats.malformed += 1
            return WebhookAnswer(400, {"error": "the body must be a JSON object"})

        sent = obj.get("accessKey")
        if not isinstance(sent, str) or not hmac.compare_digest(_digest(sent), self._key_digest):
            stats.refused += 1
            log.warning("bastion webhook: refused a delivery without the right access key")
            return WebhookAnswer(401, {"error": "unauthorized"})

        # Authenticated from here on. Names are checked before the parser runs, so a new
        # event of Bastion's is ignored whatever the parser thinks of its data.
        name = obj.get("event")
        if isinstance(name, str) and name not in wire.EVENTS:
            return self._ignored()
        try:
            record = self._parse(obj)
        except self._ignore:
            return self._ignored()
        except UpstreamProtocolError:
            # The parser's message is neither logged nor echoed: it may quote a value of
            # the enrollee's data. The event name is logged only when it is one we know.
            stats.malformed += 1
            known = name if isinstance(name, str) and name in wire.EVENTS else "an unnamed"
            log.warning("bastion webhook: refused %s event of the wrong shape", known)
            return WebhookAnswer(400, {"error": "the event does not have the documented shape"})

        try:
            # The event as read (kind and the normalized enrollee), not as sent: a retry
            # that spells `"planId": 85` where the first said `"85"` is the same event.
            canonical = orjson.dumps(
                {"kind": record["kind"], "enrollee": record["enrollee"]},
                option=orjson.OPT_SORT_KEYS,
            )
        except TypeError:  # pragma: no cover - what orjson parsed, orjson writes
            stats.malformed += 1
            return WebhookAnswer(400, {"error": "the event does not have the documented shape"})
        key = hashlib.sha256(canonical).digest()
        if key in self._seen:
            stats.duplicates += 1
            return WebhookAnswer(202, {"status": "duplicate"})
        # Remembered before publishing: a retry arriving while a (broker) publish is in
        # flight is a duplicate, not a second event. Forgotten again if the publish fails,
        # so that Bastion's retry is accepted.
        self._seen[key] = True
        event = self.event_for(record)
        try:
            await self._bus.publish(self.topic, event)
        except Exception:
            self._seen.pop(key, None)
            stats.unavailable += 1
            log.exception("bastion webhook: publishing a %s event failed", record["kind"])
            return WebhookAnswer(503, {"error": "the event could not be published; retry"})
        stats.accepted += 1
        log.info("bastion webhook: published a %s event", record["kind"])
        return WebhookAnswer(202, {"status": "accepted"})

    def too_large(self) -> WebhookAnswer:
        """The answer to a body over :attr:`max_body_bytes`, for a caller that stopped
        reading it (server.py does, rather than hold a large body in memory)."""
        self.stats.received += 1
        return self._too_large()

    def _too_large(self) -> WebhookAnswer:
        self.stats.too_large += 1
        return WebhookAnswer(413, {"error": f"the body is over {self.max_body_bytes} bytes"})

    def event_for(self, record: EventRecord) -> EndorsementEvent:
        """The published mapping: kind, enrollee, receivedAt (the record's key left out)."""
        return {
            "kind": record["kind"],
            "enrollee": record["enrollee"],
            "receivedAt": self._clock().astimezone(UTC).isoformat(timespec="milliseconds"),
        }

    def _ignored(self) -> WebhookAnswer:
        self.stats.ignored += 1
        log.info("bastion webhook: ignored an event we do not handle")
        return WebhookAnswer(200, {"status": "ignored"})


# --- settings and registration ---------------------------------------------------------------


def _flag(env: Mapping[str, str], key: str, default: bool) -> bool:
    raw = env.get(key, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{key} must be 1 or 0 (true or false), got {raw!r}")


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """The webhook's settings (README, Configuration). ``repr`` never shows the key."""

    access_key: str | None
    url: str | None
    register: bool
    key_generated: bool = False

    def __repr__(self) -> str:
        key = "generated" if self.key_generated else ("set" if self.access_key else "unset")
        return f"WebhookSettings(access_key=<{key}>, url={self.url!r}, register={self.register})"

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, embedded: bool, self_url: str | None = None
    ) -> WebhookSettings:
        """Read the three settings; ``self_url`` is the gateway's own base URL when known.

        Embedded (the simulators in-process), the defaults make it work alone: a random key
        per process, the gateway's loopback URL, registration on. Otherwise nothing is
        assumed: no key means the receiver is off, and registering needs a URL and a key.
        """
        key = env.get(ENV_ACCESS_KEY) or None
        if key is not None and len(key) < MIN_ACCESS_KEY_CHARS:
            raise ConfigError(
                f"{ENV_ACCESS_KEY} must be at least {MIN_ACCESS_KEY_CHARS} characters"
            )
        generated = False
        if key is None and embedded:
            key, generated = secrets.token_urlsafe(32), True
        url = env.get(ENV_URL) or None
        if url is None and embedded and self_url:
            url = self_url.rstrip("/") + PATH
        register = _flag(env, ENV_REGISTER, embedded)
        if register and not embedded and (url is None or key is None):
            missing = " and ".join(n for n, v in ((ENV_URL, url), (ENV_ACCESS_KEY, key)) if not v)
            raise ConfigError(f"{ENV_REGISTER} is on but {missing} is not set")
        return cls(access_key=key, url=url, register=register, key_generated=generated)


@runtime_checkable
class WebhookRegistrar(Protocol):
    """A client that can point Bastion's webhook at us (``BastionClient``)."""

    async def configure_webhook(self, *, url: str, access_key: str | None) -> None: ...


async def register_webhook(
    clients: Mapping[str, object], settings: WebhookSettings, *, name: str = "bastion"
) -> str:
    """Register ``settings``' URL and key with the client named ``name``; the outcome in words.

    Never raises (start-up goes on whatever happens; ``/readyz`` shows the outcome) and never
    logs the key: an upstream error's summary is free of credentials by rule, any other
    error is logged by its type only.
    """
    if not settings.register:
        return "off"
    if settings.url is None:
        log.warning("bastion webhook: not registered, %s is not set", ENV_URL)
        return f"not registered: {ENV_URL} is not set"
    client = clients.get(name)
    if client is None:
        log.info("bastion webhook: not registered, no %s client is configured", name)
        return f"not registered: no {name} client"
    if not isinstance(client, WebhookRegistrar):
        log.warning("bastion webhook: not registered, the %s client cannot configure it", name)
        return f"not registered: the {name} client has no configure_webhook"
    try:
        await client.configure_webhook(url=settings.url, access_key=settings.access_key)
    except UpstreamError as exc:
        log.warning("bastion webhook: registering %s failed: %s", settings.url, exc.summary)
        return f"not registered: {exc.summary}"
    except Exception as exc:
        log.warning("bastion webhook: registering %s failed (%s)", settings.url, type(exc).__name__)
        return f"not registered: {type(exc).__name__}"
    log.info("bastion webhook: registered %s with %s", settings.url, name)
    return "registered"
