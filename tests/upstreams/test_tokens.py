from __future__ import annotations

import asyncio

import pytest

from upstreams._tokens import Issued, TokenLifecycle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Issuer:
    """Hands out t1, t2, ... with a fixed life; can be made slow or failing."""

    def __init__(self, life: float | None = 3600.0) -> None:
        self.life = life
        self.issued = 0
        self.gate: asyncio.Event | None = None
        self.fail: Exception | None = None

    async def __call__(self) -> Issued:
        self.issued += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return Issued(f"t{self.issued}", self.life)


async def test_a_token_is_fetched_once_and_reused() -> None:
    issuer = Issuer()
    tokens = TokenLifecycle(issuer, clock=Clock())
    assert tokens.peek() is None
    assert [await tokens.get() for _ in range(5)] == ["t1"] * 5
    assert issuer.issued == 1


async def test_renewed_a_margin_before_expiry() -> None:
    clock = Clock()
    issuer = Issuer(life=3600.0)
    tokens = TokenLifecycle(issuer, clock=clock)
    assert await tokens.get() == "t1"
    clock.now += 3600 - 30 - 0.001  # the margin is 30 s (10% of an hour is more)
    assert await tokens.get() == "t1"
    clock.now += 0.002
    assert tokens.peek() is None
    assert await tokens.get() == "t2"
    assert issuer.issued == 2


async def test_a_short_life_uses_the_proportional_margin() -> None:
    clock = Clock()
    issuer = Issuer(life=100.0)
    tokens = TokenLifecycle(issuer, clock=clock)
    await tokens.get()
    clock.now += 89.9  # 10% of 100 s is 10 s, less than 30 s
    assert tokens.peek() == "t1"
    clock.now += 0.2
    assert tokens.peek() is None


async def test_life_is_counted_from_when_the_fetch_started() -> None:
    clock = Clock()
    issuer = Issuer(life=100.0)
    issuer.gate = asyncio.Event()
    tokens = TokenLifecycle(issuer, clock=clock)
    waiter = asyncio.ensure_future(tokens.get())
    await asyncio.sleep(0)
    clock.now += 50  # the answer took 50 s to arrive
    issuer.gate.set()
    assert await waiter == "t1"
    clock.now += 40.1  # 90 s after the fetch started: inside the margin
    assert tokens.peek() is None


async def test_a_token_without_expiry_is_kept() -> None:
    clock = Clock()
    tokens = TokenLifecycle(Issuer(life=None), clock=clock)
    await tokens.get()
    clock.now += 10**9
    assert tokens.peek() == "t1"


async def test_concurrent_callers_share_one_fetch() -> None:
    issuer = Issuer()
    issuer.gate = asyncio.Event()
    tokens = TokenLifecycle(issuer, clock=Clock())
    waiters = [asyncio.ensure_future(tokens.get()) for _ in range(20)]
    await asyncio.sleep(0)
    issuer.gate.set()
    assert await asyncio.gather(*waiters) == ["t1"] * 20
    assert issuer.issued == 1
    assert tokens.fetches == 1


async def test_invalidate_drops_only_the_current_token() -> None:
    issuer = Issuer()
    tokens = TokenLifecycle(issuer, clock=Clock())
    old = await tokens.get()
    assert tokens.invalidate(old) is True
    assert tokens.peek() is None
    new = await tokens.get()
    assert new == "t2"
    # Late 401s for the old token do not throw the new one away.
    assert tokens.invalidate(old) is False
    assert tokens.peek() == "t2"
    assert issuer.issued == 2


async def test_many_401s_for_one_token_cause_one_fetch() -> None:
    issuer = Issuer()
    tokens = TokenLifecycle(issuer, clock=Clock())
    old = await tokens.get()

    async def refused() -> str:
        tokens.invalidate(old)
        return await tokens.get()

    issuer.gate = asyncio.Event()
    waiters = [asyncio.ensure_future(refused()) for _ in range(10)]
    await asyncio.sleep(0)
    issuer.gate.set()
    assert set(await asyncio.gather(*waiters)) == {"t2"}
    assert issuer.issued == 2


async def test_a_failed_fetch_reaches_every_waiter_and_is_not_remembered() -> None:
    issuer = Issuer()
    issuer.gate = asyncio.Event()
    issuer.fail = RuntimeError("upstream down")
    tokens = TokenLifecycle(issuer, clock=Clock())
    waiters = [asyncio.ensure_future(tokens.get()) for _ in range(3)]
    await asyncio.sleep(0)
    issuer.gate.set()
    results = await asyncio.gather(*waiters, return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    assert issuer.issued == 1
    issuer.fail = None
    assert await tokens.get() == "t2"


async def test_a_cancelled_waiter_does_not_cancel_the_shared_fetch() -> None:
    issuer = Issuer()
    issuer.gate = asyncio.Event()
    tokens = TokenLifecycle(issuer, clock=Clock())
    first = asyncio.ensure_future(tokens.get())
    second = asyncio.ensure_future(tokens.get())
    await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    issuer.gate.set()
    assert await second == "t1"
    assert issuer.issued == 1


async def test_a_fetch_whose_waiters_all_left_still_stores_its_token() -> None:
    issuer = Issuer()
    issuer.gate = asyncio.Event()
    tokens = TokenLifecycle(issuer, clock=Clock())
    waiter = asyncio.ensure_future(tokens.get())
    await asyncio.sleep(0)
    waiter.cancel()
    issuer.gate.set()
    for _ in range(3):
        await asyncio.sleep(0)
    assert tokens.peek() == "t1"
    assert await tokens.get() == "t1"
    assert issuer.issued == 1
