"""Events from upstream webhooks to GraphQL subscriptions: the bus between them.

A webhook receiver :meth:`~EventBus.publish`\\ es a plain mapping on a topic; a subscription
resolver reads the topic::

    async with ctx.events.subscribe("bastion.endorsements") as events:
        async for event in events:
            yield event

Leaving the ``async with`` (the client completed the subscription, the socket closed, the
resolver raised) unsubscribes; nothing else has to remember to.

:class:`InProcessEventBus` is the one implementation today: it reaches the subscribers of
this process only. Several replicas behind a load balancer need a shared broker (Redis
pub/sub, NATS, ...), because the webhook lands on one replica and the subscriber may sit on
another. Such a bus implements the same :class:`EventBus` protocol, under these rules:

- ``publish`` returns once the broker has the event (or raises, so the receiver can answer
  5xx and the sender retries). It never waits for subscribers.
- ``subscribe`` is subscribed when its ``async with`` is entered (an event published after
  that is delivered), and unsubscribed when it is left.
- Events are JSON-ready mappings (str keys; str, int, float, bool, None, lists, mappings),
  so they survive a trip through a broker unchanged.
- A subscriber that falls too far behind is ended with :class:`SubscriberTooSlow` after the
  events it was still owed, never left with a silent gap in the middle of its stream.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any, Final, Protocol

from resolvers.core.errors import GraphError

__all__ = [
    "DEFAULT_SUBSCRIBER_BUFFER",
    "Event",
    "EventBus",
    "EventStream",
    "InProcessEventBus",
    "SubscriberTooSlow",
]

Event = Mapping[str, Any]
# Events one subscriber may have waiting. A GraphQL subscriber reads as fast as its socket
# drains; one this far behind is stuck (a dead connection not yet noticed, a client that does
# not read), and holding more for it would grow memory without bound.
DEFAULT_SUBSCRIBER_BUFFER: Final = 256


class SubscriberTooSlow(GraphError):
    """The subscriber fell more than its buffer behind and was ended.

    Raised from the stream after the events received before the overflow, so the client
    knows exactly where its gap begins and can subscribe again (and, if it must, catch up
    with a query).
    """

    code = "SUBSCRIPTION_TOO_SLOW"


class EventStream(Protocol):
    """What ``async with bus.subscribe(topic) as events`` gives: the topic's events, in order."""

    def __aiter__(self) -> AsyncIterator[Event]: ...


class EventBus(Protocol):
    """Publish and subscribe by topic, for one process or many (see the module's rules)."""

    async def publish(self, topic: str, event: Event) -> None:
        """Hand ``event`` to every current subscriber of ``topic``; never waits for them."""
        ...

    def subscribe(self, topic: str) -> AbstractAsyncContextManager[EventStream]:
        """Subscribed on enter, unsubscribed on exit; iterate the entered value for events."""
        ...

    async def aclose(self) -> None:
        """Stop: every open stream ends (cleanly) and later publishes reach nobody."""
        ...


class _Subscriber:
    """One subscription's bounded buffer, filled by ``offer`` and drained by iteration."""

    __slots__ = ("_buffer", "_closed", "_failure", "_limit", "_wakeup")

    def __init__(self, limit: int) -> None:
        self._buffer: deque[Event] = deque()
        self._limit = limit
        self._wakeup = asyncio.Event()
        self._failure: SubscriberTooSlow | None = None
        self._closed = False

    def offer(self, event: Event) -> bool:
        """Queue ``event``; false (and the subscriber ended) when the buffer is full."""
        if len(self._buffer) >= self._limit:
            self._failure = SubscriberTooSlow(
                f"This subscription fell more than {self._limit} events behind and was "
                "ended; subscribe again.",
                bufferedEvents=self._limit,
            )
            self._wakeup.set()
            return False
        self._buffer.append(event)
        self._wakeup.set()
        return True

    def close(self) -> None:
        self._closed = True
        self._wakeup.set()

    def __aiter__(self) -> AsyncIterator[Event]:
        return self

    async def __anext__(self) -> Event:
        while True:
            # Owed events first, then the overflow or the end: the stream is a gap-free
            # prefix of what was published, whatever ends it.
            if self._buffer:
                return self._buffer.popleft()
            if self._failure is not None:
                raise self._failure
            if self._closed:
                raise StopAsyncIteration
            self._wakeup.clear()
            await self._wakeup.wait()


class InProcessEventBus:
    """An :class:`EventBus` for the subscribers of this process.

    Every subscriber has its own buffer of at most ``buffer`` events, so a publish is a few
    appends: it never blocks, however slow a subscriber is. A subscriber whose buffer is full
    when an event arrives is removed from the topic at once and, once it has read what it
    was owed, its stream raises :class:`SubscriberTooSlow`.
    """

    def __init__(self, *, buffer: int = DEFAULT_SUBSCRIBER_BUFFER) -> None:
        if buffer < 1:
            raise ValueError("a subscriber's buffer holds at least one event")
        self._buffer = buffer
        self._topics: dict[str, set[_Subscriber]] = {}
        self._closed = False

    async def publish(self, topic: str, event: Event) -> None:
        # Nothing here awaits: the publisher (a webhook that must answer at once) is never
        # held up by its readers.
        subscribers = self._topics.get(topic)
        if not subscribers:
            return
        behind = [s for s in subscribers if not s.offer(event)]
        for subscriber in behind:
            self._discard(topic, subscriber)

    def subscribe(self, topic: str) -> AbstractAsyncContextManager[EventStream]:
        return self._subscription(topic)

    @contextlib.asynccontextmanager
    async def _subscription(self, topic: str) -> AsyncIterator[EventStream]:
        subscriber = _Subscriber(self._buffer)
        if self._closed:
            subscriber.close()
        else:
            self._topics.setdefault(topic, set()).add(subscriber)
        try:
            yield subscriber
        finally:
            self._discard(topic, subscriber)
            subscriber.close()

    def subscriber_count(self, topic: str) -> int:
        """How many streams read ``topic`` now (for tests and stats)."""
        return len(self._topics.get(topic, ()))

    async def aclose(self) -> None:
        self._closed = True
        for subscribers in self._topics.values():
            for subscriber in subscribers:
                subscriber.close()
        self._topics.clear()

    def _discard(self, topic: str, subscriber: _Subscriber) -> None:
        subscribers = self._topics.get(topic)
        if subscribers is None:
            return
        subscribers.discard(subscriber)
        if not subscribers:  # no empty sets left behind by topics nobody reads any more
            del self._topics[topic]
