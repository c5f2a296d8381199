"""The per-request context: the process's upstream clients and this request's loaders.

Loaders live here and nowhere else: one set per GraphQL request, so nothing personal is ever
cached across callers. They are made on first use (inside the event loop, as aiodataloader
needs).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from functools import cached_property
from typing import Any, TypeVar

from aiodataloader import DataLoader

from resolvers.core.reference import ReferenceCache
from upstreams._http import UpstreamClient
from upstreams.datanexus import DatanexusClient, MemberRecord

__all__ = ["Context", "Upstreams", "concurrent_loader"]

C = TypeVar("C", bound=UpstreamClient)
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Upstreams:
    """One client per upstream, shared by every request of the process, found by its class.

    Keyed by class rather than by attribute so that adding an upstream adds no field here:
    ``upstreams[DatanexusClient]`` is typed as the client it names.
    """

    __slots__ = ("_by_class", "by_name", "reference")

    def __init__(
        self, clients: Mapping[str, UpstreamClient], reference: ReferenceCache | None = None
    ) -> None:
        self.by_name: Mapping[str, UpstreamClient] = dict(clients)
        self._by_class: dict[type[UpstreamClient], UpstreamClient] = {
            type(c): c for c in clients.values()
        }
        self.reference = reference if reference is not None else ReferenceCache()

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

    def __init__(self, upstreams: Upstreams, request_id: str) -> None:
        self.upstreams = upstreams
        self.request_id = request_id
        # Per-request answers about the query's shape (keyed by the question and the AST
        # node), so list items do not re-read the same selection.
        self.memo: dict[Hashable, object] = {}
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}
        self._seen_members: dict[str, MemberRecord] = {}
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

    @cached_property
    def member_loader(self) -> DataLoader[str, MemberRecord | None]:
        """Members by member id or prefixed sponsor id (None for none)."""
        client = self.upstreams[DatanexusClient]

        async def fetch(key: str) -> MemberRecord | None:
            known = self._seen_members.get(key)
            if known is not None:
                return known
            record = await client.get_member(key)
            if record is not None and record["id"] != key:
                self.member_loader.prime(record["id"], record)
            return record

        return concurrent_loader(fetch)

    def prime_members(self, records: Sequence[MemberRecord]) -> None:
        """Full records read from a list answer stand in for by-id fetches later on.

        Kept in a plain dict the loader consults, rather than primed into the loader: a
        page of 100 would otherwise create 100 futures that almost no query reads.
        """
        self._seen_members.update((r["id"], r) for r in records if r.get("complete"))

    async def load_member(self, member_id: str) -> MemberRecord | None:
        result: Any = await self.member_loader.load(member_id)
        return result  # type: ignore[no-any-return]

    async def load_members(self, member_ids: Sequence[str]) -> list[MemberRecord | None]:
        result: Any = await self.member_loader.load_many(list(member_ids))
        return list(result)
