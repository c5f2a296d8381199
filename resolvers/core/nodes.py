"""Relay node resolution shared by every domain: keys to records, in the order asked.

``node(id:)``/``nodes(ids:)`` hand each type the keys of its global ids. Each type's
``resolve_nodes`` calls :func:`resolve_keys` with how to read one key and how to load many
(through the request's loader, so aliases and lists batch into one upstream round). A key
that does not parse is answered with None in its place, never with an error that would
null its neighbours.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

__all__ = ["each_key", "resolve_keys"]

K = TypeVar("K")
R = TypeVar("R")


async def resolve_keys(
    keys: Iterable[str],
    parse: Callable[[str], K | None],
    load: Callable[[list[K]], Awaitable[Sequence[R | None]]],
) -> list[R | None]:
    """One result per key, in the keys' order: None for a malformed key or a missing record.

    ``parse`` returns None for a key that cannot name a record; ``load`` receives only the
    parsed keys (each distinct key once) and answers in their order.
    """
    parsed = [parse(key) for key in keys]
    wanted = list(dict.fromkeys(k for k in parsed if k is not None))
    found = dict(zip(wanted, await load(wanted), strict=True)) if wanted else {}
    return [None if k is None else found.get(k) for k in parsed]


async def each_key(
    keys: Iterable[str], lookup: Callable[[str], Awaitable[R | None]]
) -> list[R | BaseException | None]:
    """One lookup per key, all at once, in the keys' order, for upstreams without a batch
    call: a key whose call fails is its exception in its place (graphql-core then errors
    that node alone), the others still answer. ``lookup`` answers None for a malformed key
    or a missing record, and de-duplicates through the request's loaders or ``ctx.once``."""
    found = await asyncio.gather(*(lookup(k) for k in keys), return_exceptions=True)
    return list(found)
