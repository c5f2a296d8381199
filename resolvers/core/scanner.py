"""The cursor scanner: exact Relay pages over an upstream that pages with opaque cursors.

The upstream filters on some parameters; the gateway evaluates the rest (``matches``) on
each record. An edge cursor records the upstream page it came from (its cursor, direction
and size) and the record's index in it, so the next page resumes right after it, and
``hasNextPage`` is true only when another match was seen (or, when everything was pushed
down, when the upstream says more records follow). The cursor carries a fingerprint of the
upstream query, so a cursor from a list with other upstream filters is refused.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Edge, Page, Window, decode_cursor, encode_cursor

__all__ = ["CursorPage", "CursorScanner"]

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class CursorPage(Protocol[R_co]):
    """What the upstream answers for one page."""

    @property
    def items(self) -> Sequence[R_co]: ...
    @property
    def next_cursor(self) -> str | None: ...
    @property
    def prev_cursor(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class _Fetched(Generic[R]):
    """An upstream page and how to ask for it again."""

    page: CursorPage[R]
    cursor: str | None
    direction: str  # "n": fetched with a next cursor (or none); "p": with a previous one
    limit: int


_Found = tuple[R, _Fetched[R], int]


class CursorScanner(Generic[R]):
    """Pages of one list: ``fetch(cursor, backward, limit)`` reads one upstream page."""

    def __init__(
        self,
        *,
        kind: str,
        fingerprint: str,
        fetch: Callable[[str | None, bool, int], Awaitable[CursorPage[R]]],
        matches: Callable[[R], bool] | None,
        scan_page: int,
        max_pages: int,
    ) -> None:
        self.kind = kind
        self.fingerprint = fingerprint
        self._fetch = fetch
        self._matches = matches
        # Everything pushed down: an upstream page holds only matches.
        self.exact = matches is None
        self.scan_page = scan_page
        # Upstream pages one Relay page may read (what the cost limit charged for it): past
        # it, a short page with hasNextPage and a cursor that resumes the scan.
        self.max_pages = max_pages

    async def page(self, window: Window) -> Page[R]:
        """One Relay page for ``window`` (validated here)."""
        window = window.validate()
        if window.backward:
            if window.before is None:
                return await self._tail(window.size)
            return await self._backward(window.size, window.before)
        return await self._forward(window.size, window.after)

    async def _read(self, cursor: str | None, direction: str, limit: int) -> _Fetched[R]:
        page = await self._fetch(cursor, direction == "p", limit)
        return _Fetched(page, cursor, direction, limit)

    def _match(self, record: R) -> bool:
        return self._matches is None or self._matches(record)

    def _cursor(self, fetched: _Fetched[R], index: int) -> str:
        state: dict[str, Any] = {
            "q": self.fingerprint,
            "c": fetched.cursor,
            "d": fetched.direction,
            "l": fetched.limit,
            "i": index,
        }
        # At a page boundary the upstream's own cursor resumes without refetching the page.
        if index == len(fetched.page.items) - 1 and fetched.page.next_cursor:
            state["nx"] = fetched.page.next_cursor
        if index == 0 and fetched.page.prev_cursor:
            state["pv"] = fetched.page.prev_cursor
        return encode_cursor(self.kind, state)

    def _position(self, cursor: str, argument: str) -> dict[str, Any]:
        state = decode_cursor(self.kind, cursor, argument=argument)
        if state.get("q") != self.fingerprint:
            raise BadUserInput(
                f"`{argument}` comes from a {self.kind} list with other upstream filters; "
                "page with the same filter and updatedSince as the page it came from.",
                argument=argument,
            )
        if not isinstance(state.get("i"), int) or not isinstance(state.get("l"), int):
            raise BadUserInput(f"`{argument}` is not a cursor of this connection.")
        return state

    def _edges(self, found: Sequence[_Found[R]]) -> list[Edge[R]]:
        return [Edge(record, partial(self._cursor, fetched, i)) for record, fetched, i in found]

    async def _forward(self, n: int, after: str | None) -> Page[R]:
        limit = max(n, 1) if self.exact else self.scan_page
        cursor: str | None
        if after is None:
            cursor, direction, page_limit, skip = None, "n", limit, 0
        else:
            state = self._position(after, "after")
            if state.get("nx"):
                cursor, direction, page_limit, skip = state["nx"], "n", limit, 0
            else:
                cursor, direction = state["c"], state["d"]
                page_limit, skip = state["l"], state["i"] + 1
        found: list[_Found[R]] = []
        more = False
        reads = 0
        while True:
            fetched = await self._read(cursor, direction, page_limit)
            reads += 1
            items = fetched.page.items
            for i in range(skip, len(items)):
                if self._match(items[i]):
                    if len(found) == n:
                        more = True
                        break
                    found.append((items[i], fetched, i))
            if more or fetched.page.next_cursor is None:
                break
            if self.exact and len(found) == n:
                # Everything was pushed down: the upstream's next cursor means a match follows.
                more = True
                break
            if reads >= self.max_pages and items:
                return Page(
                    self._edges(found),
                    has_next_page=True,
                    has_previous_page=after is not None,
                    resume_after=partial(self._cursor, fetched, len(items) - 1),
                )
            cursor, direction, page_limit, skip = fetched.page.next_cursor, "n", limit, 0
        return Page(self._edges(found), has_next_page=more, has_previous_page=after is not None)

    async def _backward(self, n: int, before: str) -> Page[R]:
        limit = max(n, 1) if self.exact else self.scan_page
        state = self._position(before, "before")
        cursor: str | None
        upto: int | None
        if state.get("pv"):
            cursor, direction, page_limit, upto = state["pv"], "p", limit, None
        elif state["i"] == 0 and state["c"] is None:
            # The first record of the list: nothing comes before it.
            return Page([], has_next_page=True, has_previous_page=False)
        else:
            cursor, direction, page_limit, upto = state["c"], state["d"], state["l"], state["i"]
        found: list[_Found[R]] = []
        more = False
        reads = 0
        while True:
            fetched = await self._read(cursor, direction, page_limit)
            reads += 1
            items = fetched.page.items
            end = len(items) if upto is None else min(upto, len(items))
            for i in range(end - 1, -1, -1):
                if self._match(items[i]):
                    if len(found) == n:
                        more = True
                        break
                    found.append((items[i], fetched, i))
            if more or fetched.page.prev_cursor is None:
                break
            if self.exact and len(found) == n:
                more = True
                break
            if reads >= self.max_pages and items:
                found.reverse()
                return Page(
                    self._edges(found),
                    has_next_page=True,
                    has_previous_page=True,
                    resume_before=partial(self._cursor, fetched, 0),
                )
            cursor, direction, page_limit, upto = fetched.page.prev_cursor, "p", limit, None
        found.reverse()
        return Page(self._edges(found), has_next_page=True, has_previous_page=more)

    async def _tail(self, n: int) -> Page[R]:
        """``last`` without ``before``: the upstream cannot start from the end, so read to it."""
        window: deque[_Found[R]] = deque(maxlen=n + 1)
        cursor: str | None = None
        for reads in range(self.max_pages + 1):
            if reads == self.max_pages:
                raise BadUserInput(
                    f"`last` without `before` reads the whole list, more than {self.max_pages} "
                    f"upstream pages here; page forward, or pass `before`.",
                    argument="last",
                )
            fetched = await self._read(cursor, "n", self.scan_page)
            for i, record in enumerate(fetched.page.items):
                if self._match(record):
                    window.append((record, fetched, i))
            if fetched.page.next_cursor is None:
                break
            cursor = fetched.page.next_cursor
        more = len(window) > n
        found = list(window)[1:] if more else list(window)
        return Page(self._edges(found), has_next_page=False, has_previous_page=more)
