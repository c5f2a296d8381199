"""A process-wide cache for reference data (lists and metadata that hold nothing personal)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from cachetools import TTLCache

__all__ = ["ReferenceCache"]


class ReferenceCache:
    """Process-wide cache of reference lists (no personal data), refreshed after ``ttl``.

    Concurrent misses for one key share a single upstream call.
    """

    def __init__(self, ttl: float = 3600.0, maxsize: int = 4096) -> None:
        # Keys include the parameters of parameterized lists (a region's cities, providers
        # by type and region): bounded, so varied parameters evict old entries rather than
        # grow memory; an evicted entry only costs one more upstream call.
        self._cache: TTLCache[str, Any] = TTLCache(maxsize=maxsize, ttl=ttl)
        self._inflight: dict[str, asyncio.Future[Any]] = {}

    async def get(
        self,
        key: str,
        fetch: Callable[[], Awaitable[Any]],
        *,
        keep: Callable[[Any], bool] | None = None,
    ) -> Any:
        """The cached value of ``key``, else ``fetch()``'s (kept unless ``keep`` says no).

        ``keep`` lets a lookup leave "not found" uncached: an id that names nothing today
        may name a new plan tomorrow, and a cached miss would hide it for a whole TTL.
        """
        if key in self._cache:
            return self._cache[key]
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            value = await fetch()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._inflight.pop(key, None)
        if keep is None or keep(value):
            self._cache[key] = value
        future.set_result(value)
        return value

    def drop(self, key: str) -> None:
        """Forget ``key`` (after a write that changed what it holds)."""
        self._cache.pop(key, None)
