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
from functools import partial
from typing import Any, Generic, TypeVar

from resolvers.core.errors import BadUserInput
from resolvers.core.paging import (
    Edge,
    Page,
    Slice,
    Window,
    decode_cursor,
    encode_cursor,
    offset_page,
)
from resolvers.core.predicates import Getter, Predicate, evaluate

__all__ = ["fingerprint", "keyset_page", "list_page", "ordered"]

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


# --- keyset paging --------------------------------------------------------------------------


def _compare(a: Sequence[Any], b: Sequence[Any], directions: Sequence[str]) -> int:
    """-1, 0 or 1: ``a`` before, with or after ``b`` in the list's order."""
    for x, y, direction in zip(a, b, directions, strict=True):
        kx, ky = _key(x), _key(y)
        if kx == ky:
            continue
        try:
            before = bool(kx < ky)
        except TypeError:  # values of two types (an upstream sent a number once): by type
            before = type(x).__name__ < type(y).__name__
        sign = -1 if before else 1
        return -sign if direction == "desc" else sign
    return 0


async def keyset_page(
    records: Sequence[R],
    window: Window,
    *,
    kind: str,
    predicate: Predicate | None,
    getters: Mapping[str, Getter],
    order: Sequence[tuple[str, str]],
    unique: str,
) -> Page[R]:
    """One Relay page of ``records`` with keyset cursors: each cursor holds its row's sort
    values and unique key, so a page resumes after that row wherever it now is. Rows added or
    removed between pages shift nothing: no row is skipped or shown twice (an offset cursor
    would do both when the list changes under it).
    """
    window = window.validate()
    keys = [*order, (unique, "asc")]
    directions = [d for _, d in keys]
    digest = fingerprint(predicate, tuple(order))
    rows = ordered(
        [r for r in records if evaluate(predicate, r, getters)], order, getters, unique=unique
    )

    def key_of(row: R) -> list[Any]:
        return [getters[f](row) for f, _ in keys]

    def position(cursor: str, argument: str) -> list[Any]:
        state = decode_cursor(kind, cursor, argument=argument)
        if state.get("q") != digest:
            raise BadUserInput(
                f"`{argument}` comes from a list with another filter or order.", argument=argument
            )
        found = state.get("k")
        if not isinstance(found, list) or len(found) != len(keys):
            raise BadUserInput(
                f"`{argument}` is not a cursor of this connection.", argument=argument
            )
        return found

    def edge(row: R) -> Edge[R]:
        return Edge(row, partial(_cursor, kind, digest, key_of(row)))

    start, end = 0, len(rows)
    if window.after is not None:
        after = position(window.after, "after")
        start = next(
            (i for i, r in enumerate(rows) if _compare(key_of(r), after, directions) > 0), end
        )
    if window.before is not None:
        before = position(window.before, "before")
        end = next(
            (i for i, r in enumerate(rows) if _compare(key_of(r), before, directions) >= 0), end
        )
        end = max(end, start)
    n = window.size
    if window.backward:
        first = max(start, end - n)
        chosen = rows[first:end]
        return Page(
            [edge(r) for r in chosen],
            # The whole list is known: both flags are exact, whichever way the page was read.
            has_next_page=end < len(rows),
            has_previous_page=first > 0,
            total_count=len(rows),
        )
    chosen = rows[start : start + n]
    return Page(
        [edge(r) for r in chosen],
        has_next_page=start + n < len(rows),
        has_previous_page=start > 0,
        total_count=len(rows),
    )


def _cursor(kind: str, digest: str, key: list[Any]) -> str:
    return encode_cursor(kind, {"q": digest, "k": key})
