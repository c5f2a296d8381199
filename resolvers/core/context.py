"""The per-request context: the process's upstream clients, its event bus, and this
request's loaders.

Loaders live here and nowhere else: one set per GraphQL request, so nothing personal is ever
cached across callers. They are made on first use (inside the event loop, as aiodataloader
needs).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any, TypeVar

from aiodataloader import DataLoader

from resolvers.core.events import EventBus, InProcessEventBus
from resolvers.core.reference import ReferenceCache
from upstreams._http import UpstreamClient

__all__ = ["Context", "Upstreams", "concurrent_loader"]

C = TypeVar("C", bound=UpstreamClient)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Upstreams:
    """One client per upstream, shared by every request of the process, found by its class.

    Keyed by class rather than by attribute so that adding an upstream adds no field here:
    ``upstreams[SomeClient]`` is typed as the client it names.
    """

    __slots__ = ("_by_class", "_caches", "by_name", "reference")

    def __init__(
        self, clients: Mapping[str, UpstreamClient], reference: ReferenceCache | None = None
    ) -> None:
        self.by_name: Mapping[str, UpstreamClient] = dict(clients)
        self._by_class: dict[type[UpstreamClient], UpstreamClient] = {
            type(c): c for c in clients.values()
        }
        self.reference = reference if reference is not None else ReferenceCache()
        self._caches: dict[str, ReferenceCache] = {}

    def cache(self, name: str, *, ttl: float, maxsize: int = 1024) -> ReferenceCache:
        """A process-wide cache of its own (its own TTL and size), made on first use: e.g.
        the Partner Portal catalog, cached per caller for seconds, beside hour-long lists."""
        found = self._caches.get(name)
        if found is None:
            found = self._caches[name] = ReferenceCache(ttl=ttl, maxsize=maxsize)
        return found

    def __getitem__(self, kind: type[C]) -> C:
        client = self._by_class[kind]
        assert isinstance(client, kind)
        return client

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self.by_name.values()))


def concurrent_loader(fetch: Callable[[K], Awaitable[V]]) -> DataLoader[K, V]:
    """A loader for an upstream with no batch call: one request per distinct key, all at once.

    A failing key fails alone (the others still answer), as aiodataloader expects exceptions
    in the result list.
    """

    async def batch(keys: list[K]) -> list[V]:
        results = await asyncio.gather(*(fetch(k) for k in keys), return_exceptions=True)
        return results  # type: ignore[return-value]  # aiodataloader fails the keys that raised

    return DataLoader(batch)


class Context:
    """What every resolver gets as ``info.context``."""

    def __init__(
        self, upstreams: Upstreams, request_id: str, *, events: EventBus | None = None
    ) -> None:
        self.upstreams = upstreams
        self.request_id = request_id
        # The process's bus (server.py makes one and hands it to every request): webhooks
        # publish on it, subscriptions read it. Without one (unit tests, the benchmark) the
        # context gets a bus of its own, which reaches only subscribers of this context.
        self.events: EventBus = events if events is not None else InProcessEventBus()
        # Per-request slots: answers about the query's shape (see schema.core.selection.
        # remember) and any domain's per-request state (e.g. members seen in a list).
        self.memo: dict[Hashable, object] = {}
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}
        self._once: dict[Hashable, asyncio.Future[Any]] = {}

    def client(self, kind: type[C]) -> C:
        """The process's client for one upstream, e.g. ``ctx.client(MedAlliesClient)``."""
        return self.upstreams[kind]

    @property
    def reference(self) -> ReferenceCache:
        """The process-wide cache of reference data (nothing personal)."""
        return self.upstreams.reference

    def loader(self, key: Hashable, fetch: Callable[[Any], Awaitable[Any]]) -> DataLoader[Any, Any]:
        """This request's loader for ``key`` (a kind of record and how it is asked for)."""
        loaders = self._loaders
        found = loaders.get(key)
        if found is None:
            found = loaders[key] = concurrent_loader(fetch)
        return found

    async def once(self, key: Hashable, factory: Callable[[], Awaitable[V]]) -> V:
        """Run ``factory`` once per request for ``key``; later callers share its result."""
        task = self._once.get(key)
        if task is None:
            task = self._once[key] = asyncio.ensure_future(factory())
        result: V = await asyncio.shield(task)
        return result

    def forget(self, key: Hashable) -> None:
        """Let the next :meth:`once` for ``key`` run again (after a write changed it)."""
        self._once.pop(key, None)
