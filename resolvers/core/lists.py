"""Connections over a list the gateway holds whole: filtered, ordered and paged here.

For upstreams that answer a whole list in one call and cannot page or filter (Bastion's plans,
conditions and providers; MOSIP's MISPs): the records are filtered with the neutral predicate,
put in a total order (the caller's keys, then a unique key), and paged by offset over that
order. Cursors carry the offset and a fingerprint of the filter and order, so a cursor of one
list is refused on another; ``totalCount`` is exact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Page, Slice, Window, offset_page
from resolvers.core.predicates import Getter, Predicate, evaluate

__all__ = ["fingerprint", "list_page", "ordered"]

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class _Chunk(Generic[R]):
    items: Sequence[R]
    count: int | None


def fingerprint(*parts: object) -> str:
    """A short stable digest of a list's filter and order (predicates have a stable repr)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()


class _Low:
    """Sorts before every value: missing values first when ascending (DESIGN.md)."""

    def __lt__(self, other: object) -> bool:
        return not isinstance(other, _Low)

    def __gt__(self, other: object) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Low)

    def __hash__(self) -> int:
        return 0


_LOW = _Low()


def ordered(
    records: Sequence[R],
    keys: Sequence[tuple[str, str]],
    getters: Mapping[str, Getter],
    *,
    unique: str,
) -> list[R]:
    """``records`` in the caller's order, ended by ``unique`` so that offsets are stable.

    Keys are ``(field, "asc" | "desc")``; a missing value sorts first ascending and last
    descending. Values of one field are compared as they are (text, numbers), never mixed.
    """
    out = sorted(records, key=lambda r: _key(getters[unique](r)))
    # Stable sorts, least significant key first: the unique key is already applied.
    for field, direction in reversed(keys):
        get = getters.get(field)
        if get is None:
            raise BadUserInput(f"Cannot order by `{field}`.", argument="orderBy")
        out.sort(key=lambda r, g=get: _key(g(r)), reverse=direction == "desc")  # type: ignore[misc]
    return out


def _key(value: Any) -> Any:
    return _LOW if value is None else value


async def list_page(
    records: Sequence[R],
    window: Window,
    *,
    kind: str,
    predicate: Predicate | None,
    getters: Mapping[str, Getter],
    order: Sequence[tuple[str, str]] = (),
    unique: str,
    extra: Callable[[], object] | None = None,
) -> Page[R]:
    """One Relay page of ``records`` after filtering and ordering them here.

    ``extra`` adds whatever else decides the list's content (the upstream parameters it was
    read with) to the cursor's fingerprint.
    """
    matching = [r for r in records if evaluate(predicate, r, getters)]
    rows = ordered(matching, order, getters, unique=unique)
    digest = fingerprint(predicate, tuple(order), extra() if extra else None)

    async def fetch(part: Slice) -> _Chunk[R]:
        source = rows[::-1] if part.reverse else rows
        items = source[part.offset : part.offset + part.limit] if part.items else []
        return _Chunk(items, len(rows) if part.count else None)

    return await offset_page(fetch, window, kind=kind, fingerprint=digest, want_count=True)
