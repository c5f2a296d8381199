"""The lifecycle of an upstream's session token: obtain, reuse, renew, drop after a 401.

Bastion hands out a token for an ``api-key`` header, MOSIP a cookie; both are a string that
is fetched with the real credentials, used on every other call until it expires, and fetched
again when the upstream stops accepting it. :class:`TokenLifecycle` does that for any
upstream, given an async ``fetch()`` that answers an :class:`Issued` token:

    tokens = TokenLifecycle(fetch)
    token = await tokens.get()        # fetched once, then reused
    ...                               # the upstream answers 401 to ``token``
    tokens.invalidate(token)          # dropped only if it is still the current one
    token = await tokens.get()        # one fetch, however many callers saw the 401

- A token is reused until a margin before it expires (the smaller of ``margin_s`` and
  ``margin_ratio`` of its life), so that a request sent with it does not arrive after it
  expired. The expiry is counted from when the fetch *started*: the upstream's clock began
  before our answer arrived.
- Concurrent callers share one fetch in flight: twenty requests that find no token make one
  token call, not twenty.
- A failed fetch raises its error in every caller waiting for it and is not remembered: the
  next :meth:`TokenLifecycle.get` tries again.
- A caller that is cancelled while waiting does not cancel the fetch the others wait for.
- The clock is injectable (``clock``), so tests move time instead of waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import NamedTuple

__all__ = ["Clock", "Fetch", "Issued", "TokenLifecycle"]


class Issued(NamedTuple):
    """A token as its upstream issued it: the value and its life in seconds (None: forever)."""

    token: str
    expires_in_s: float | None = None


Fetch = Callable[[], Awaitable[Issued]]
Clock = Callable[[], float]


class _Held(NamedTuple):
    token: str
    renew_at: float | None  # clock time after which the token is no longer handed out


class TokenLifecycle:
    """One upstream's current token: fetched on demand, shared, renewed before it expires."""

    def __init__(
        self,
        fetch: Fetch,
        *,
        margin_s: float = 30.0,
        margin_ratio: float = 0.1,
        clock: Clock = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._margin_s = margin_s
        self._margin_ratio = margin_ratio
        self._clock = clock
        self._held: _Held | None = None
        self._renewal: asyncio.Task[str] | None = None
        self.fetches = 0  # how many fetches were started: for tests and for logs

    def peek(self) -> str | None:
        """The token :meth:`get` would answer without fetching, or None."""
        held = self._held
        if held is None or (held.renew_at is not None and self._clock() >= held.renew_at):
            return None
        return held.token

    async def get(self) -> str:
        """The current token, fetching one (shared with every concurrent caller) if needed."""
        token = self.peek()
        if token is not None:
            return token
        renewal = self._renewal
        if renewal is None:
            renewal = asyncio.ensure_future(self._renew(self._clock()))
            # A fetch whose every waiter was cancelled must not log "exception never
            # retrieved": its error has nobody left to reach.
            renewal.add_done_callback(_retrieve)
            self._renewal = renewal
        # shield: one caller's cancellation (its GraphQL request went away) must not fail
        # the fetch the other callers are waiting for.
        return await asyncio.shield(renewal)

    def invalidate(self, token: str) -> bool:
        """Forget ``token`` after the upstream refused it; True when it was the current one.

        A token that was already replaced (another caller's 401 renewed it) is left alone, so
        that N requests refused with the same old token cause one fetch, not N.
        """
        held = self._held
        if held is None or held.token != token:
            return False
        self._held = None
        return True

    async def _renew(self, started: float) -> str:
        self.fetches += 1
        try:
            issued = await self._fetch()
            self._held = _Held(issued.token, self._renew_at(started, issued.expires_in_s))
            return issued.token
        finally:
            self._renewal = None

    def _renew_at(self, started: float, life: float | None) -> float | None:
        if life is None:
            return None
        margin = min(self._margin_s, self._margin_ratio * max(life, 0.0))
        return started + life - margin


def _retrieve(task: asyncio.Task[str]) -> None:
    if not task.cancelled():
        task.exception()
