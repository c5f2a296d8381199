"""The in-process event bus: delivery, unsubscription, and what a slow subscriber gets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import pytest

from resolvers.core.context import Context, Upstreams
from resolvers.core.events import Event, EventBus, InProcessEventBus, SubscriberTooSlow

TOPIC = "test.topic"


async def _take(bus: EventBus, topic: str, count: int, started: asyncio.Event) -> list[Event]:
    got: list[Event] = []
    async with bus.subscribe(topic) as events:
        started.set()
        async for event in events:
            got.append(event)
            if len(got) == count:
                break
    return got


async def test_every_subscriber_of_a_topic_gets_every_event_in_order() -> None:
    bus = InProcessEventBus()
    ready = [asyncio.Event(), asyncio.Event()]
    readers = [asyncio.create_task(_take(bus, TOPIC, 3, r)) for r in ready]
    await asyncio.gather(*(r.wait() for r in ready))
    for n in range(3):
        await bus.publish(TOPIC, {"n": n})
    await bus.publish("another.topic", {"n": 99})
    assert await asyncio.gather(*readers) == [[{"n": 0}, {"n": 1}, {"n": 2}]] * 2


async def test_a_publish_with_no_subscriber_reaches_nobody_and_does_not_fail() -> None:
    bus = InProcessEventBus()
    await bus.publish(TOPIC, {"n": 0})
    async with bus.subscribe(TOPIC) as events:
        await bus.publish(TOPIC, {"n": 1})
        assert await anext(aiter(events)) == {"n": 1}  # not the event from before


async def test_leaving_the_block_unsubscribes_even_on_an_error() -> None:
    bus = InProcessEventBus()
    async with bus.subscribe(TOPIC):
        assert bus.subscriber_count(TOPIC) == 1
    assert bus.subscriber_count(TOPIC) == 0
    with pytest.raises(RuntimeError):
        async with bus.subscribe(TOPIC):
            raise RuntimeError("the resolver failed")
    assert bus.subscriber_count(TOPIC) == 0


async def test_cancelling_a_reader_unsubscribes_it() -> None:
    # What happens when a client completes a subscription or its socket closes: Strawberry
    # cancels the task running the subscription's generator.
    bus = InProcessEventBus()
    started = asyncio.Event()
    reader = asyncio.create_task(_take(bus, TOPIC, 10, started))
    await started.wait()
    assert bus.subscriber_count(TOPIC) == 1
    reader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reader
    assert bus.subscriber_count(TOPIC) == 0


async def test_an_async_generator_closed_early_unsubscribes() -> None:
    bus = InProcessEventBus()

    async def subscription() -> AsyncGenerator[Event, None]:
        async with bus.subscribe(TOPIC) as events:
            async for event in events:
                yield event

    stream = subscription()
    first = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0)
    await bus.publish(TOPIC, {"n": 1})
    assert await first == {"n": 1}
    await stream.aclose()
    assert bus.subscriber_count(TOPIC) == 0


async def test_a_slow_subscriber_gets_what_it_was_owed_then_a_clear_error() -> None:
    bus = InProcessEventBus(buffer=3)
    async with bus.subscribe(TOPIC) as slow, bus.subscribe(TOPIC) as fast:
        fast_events = aiter(fast)
        for n in range(5):
            await bus.publish(TOPIC, {"n": n})  # never blocks, though `slow` reads nothing
            assert await anext(fast_events) == {"n": n}
        # The overflow (the fourth event) removed `slow` from the topic at once.
        assert bus.subscriber_count(TOPIC) == 1
        owed = aiter(slow)
        got = [await anext(owed) for _ in range(3)]
        with pytest.raises(SubscriberTooSlow, match="more than 3 events behind") as failure:
            await anext(owed)
        assert got == [{"n": 0}, {"n": 1}, {"n": 2}]  # a gap-free prefix, then the error
        assert failure.value.extensions == {"code": "SUBSCRIPTION_TOO_SLOW", "bufferedEvents": 3}


async def test_closing_the_bus_ends_every_stream_cleanly() -> None:
    bus = InProcessEventBus()
    started = asyncio.Event()
    reader = asyncio.create_task(_take(bus, TOPIC, 10, started))
    await started.wait()
    await bus.publish(TOPIC, {"n": 0})
    await bus.aclose()
    assert await reader == [{"n": 0}]
    async with bus.subscribe(TOPIC) as events:
        assert [e async for e in events] == []


def test_a_buffer_holds_at_least_one_event() -> None:
    with pytest.raises(ValueError, match="at least one"):
        InProcessEventBus(buffer=0)


def test_the_context_carries_the_process_bus() -> None:
    upstreams = Upstreams({})
    bus = InProcessEventBus()
    assert Context(upstreams, "a", events=bus).events is bus
    assert Context(upstreams, "b", events=bus).events is bus
    assert isinstance(Context(upstreams, "c").events, InProcessEventBus)
