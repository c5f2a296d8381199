"""Relay paging shared by every domain: the window a client asked for, opaque cursors, pages.

A cursor is ``base64url(mac + kind + ":" + json)``: the kind keeps a member cursor from being
used on organizations, the JSON says how to resume at the upstream, and the MAC (HMAC-SHA256
under a server secret, truncated to 16 bytes) means only cursors this gateway made are
accepted: a forged, edited or foreign cursor is refused before it can reach an upstream.
Clients must treat it as opaque; we never hand out a raw upstream token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

import orjson

from resolvers.core.errors import BadUserInput

__all__ = [
    "MAX_PAGE_SIZE",
    "Chunk",
    "Edge",
    "OffsetFetch",
    "Page",
    "Slice",
    "Window",
    "decode_cursor",
    "encode_cursor",
    "offset_page",
    "set_cursor_secret",
]

MAX_PAGE_SIZE = 100
MIN_SECRET_BYTES = 16
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

_MAC_BYTES = 16
# A process without a configured secret signs with a random one: its cursors work until it
# restarts, and only on this replica (server.py warns when upstreams are real).
_secret = secrets.token_bytes(32)


def set_cursor_secret(secret: bytes) -> None:
    """Sign cursors with ``secret`` from now on (the ``PARTNER_GRAPH_CURSOR_SECRET`` setting).

    Replicas behind one load balancer must share it, or a page's cursor fails on the next
    replica.
    """
    global _secret
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"a cursor secret needs at least {MIN_SECRET_BYTES} bytes")
    _secret = secret


def _mac(raw: bytes) -> bytes:
    return hmac.new(_secret, raw, hashlib.sha256).digest()[:_MAC_BYTES]


def encode_cursor(kind: str, state: dict[str, Any]) -> str:
    raw = kind.encode() + b":" + orjson.dumps(state)
    return base64.urlsafe_b64encode(_mac(raw) + raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, *, argument: str) -> dict[str, Any]:
    """The state inside a cursor of this kind made by this gateway; BAD_USER_INPUT otherwise."""
    state: object = None
    try:
        signed = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):
        signed = b""
    mac, raw = signed[:_MAC_BYTES], signed[_MAC_BYTES:]
    # Compared in constant time, so the MAC cannot be guessed byte by byte.
    if len(mac) == _MAC_BYTES and hmac.compare_digest(mac, _mac(raw)):
        prefix, _, body = raw.partition(b":")
        if prefix == kind.encode():
            try:
                state = orjson.loads(body)
            except orjson.JSONDecodeError:
                state = None
    if not isinstance(state, dict):
        raise BadUserInput(f"`{argument}` is not a cursor of this connection.", argument=argument)
    return state


@dataclass(frozen=True, slots=True)
class Window:
    """The slice a client asked for: ``first``/``after`` forward or ``last``/``before`` back."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def backward(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        if self.last is not None:
            return self.last
        return self.first if self.first is not None else MAX_PAGE_SIZE

    def validate(self, *, cap: int = MAX_PAGE_SIZE) -> Window:
        """Refuse what cannot be answered exactly, with a message saying what to send."""
        for name, value in (("first", self.first), ("last", self.last)):
            if value is not None and value < 0:
                raise BadUserInput(f"`{name}` must not be negative.", argument=name)
            if value is not None and value > cap:
                raise BadUserInput(
                    f"`{name}` is {value}, above the limit of {cap} per page; "
                    "page through with the cursors instead.",
                    argument=name,
                    limit=cap,
                )
        if self.first is not None and self.last is not None:
            raise BadUserInput(
                "Send `first` (with `after`) or `last` (with `before`), not both.",
                argument="last",
            )
        if self.first is not None and self.before is not None:
            raise BadUserInput("`before` goes with `last`, not `first`.", argument="before")
        if self.last is not None and self.after is not None:
            raise BadUserInput("`after` goes with `first`, not `last`.", argument="after")
        if self.after is not None and self.before is not None:
            raise BadUserInput("Send `after` or `before`, not both.", argument="before")
        if self.before is not None and self.last is None:
            return Window(last=MAX_PAGE_SIZE if cap >= MAX_PAGE_SIZE else cap, before=self.before)
        return self


class Edge(Generic[R]):
    """A record and its cursor; the cursor is encoded only if a client asks for it."""

    __slots__ = ("_cursor", "_make_cursor", "record")

    def __init__(self, record: R, make_cursor: Callable[[], str]) -> None:
        self.record = record
        self._make_cursor = make_cursor
        self._cursor: str | None = None

    @property
    def cursor(self) -> str:
        if self._cursor is None:
            self._cursor = self._make_cursor()
        return self._cursor


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    """One page of a connection, in list order whichever direction it was read in."""

    edges: list[Edge[R]]
    has_next_page: bool
    has_previous_page: bool
    total_count: int | None = None
    # Where to resume when a scan stopped at its budget before the page was full: the
    # position after (or, paging backward, before) the last record read, match or not.
    resume_after: Callable[[], str] | None = None
    resume_before: Callable[[], str] | None = None


# --- the offset pager ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slice:
    """One request to an offset/limit upstream, in the list's order (or that order reversed).

    ``items=False`` asks for the count alone; ``count=False`` lets the upstream skip counting.
    """

    offset: int
    limit: int
    count: bool
    items: bool = True
    reverse: bool = False


class Chunk(Protocol[R_co]):
    """What an offset/limit upstream answers: some items, and the total when asked for."""

    @property
    def items(self) -> Sequence[R_co]: ...

    @property
    def count(self) -> int | None: ...


OffsetFetch = Callable[[Slice], Awaitable[Chunk[R]]]


async def offset_page(
    fetch: OffsetFetch[R],
    window: Window,
    *,
    kind: str,
    fingerprint: str,
    want_items: bool = True,
    want_count: bool = False,
) -> Page[R]:
    """One Relay page over an offset/limit upstream: one request, exact page info.

    The list's order must be total (end it with a unique key) so offsets are stable and
    reversing it is exact. Cursors carry the absolute offset and ``fingerprint`` (of the
    filter and order): a cursor from another filter or order is refused. With
    ``want_items=False`` only the count is asked for; with ``want_count=False`` the upstream
    never counts, and one look-ahead item says whether another page exists.
    """
    window = window.validate()

    def position(cursor: str, argument: str) -> int:
        state = decode_cursor(kind, cursor, argument=argument)
        if state.get("q") != fingerprint:
            raise BadUserInput(
                f"`{argument}` comes from a list with another filter or order.",
                argument=argument,
            )
        offset = state.get("o")
        if not isinstance(offset, int) or offset < 0:
            raise BadUserInput(f"`{argument}` is not a cursor of this connection.")
        return offset

    def cursor(offset: int) -> str:
        return encode_cursor(kind, {"q": fingerprint, "o": offset})

    def edges(records: Sequence[R], start: int) -> list[Edge[R]]:
        return [Edge(r, partial(cursor, start + i)) for i, r in enumerate(records)]

    n = window.size
    if not want_items:
        chunk = await fetch(Slice(0, 0, count=True, items=False))
        return Page([], has_next_page=False, has_previous_page=False, total_count=chunk.count)
    if window.backward and window.before is None:
        # The last n: the same order reversed, first n of it; the count gives the offsets.
        chunk = await fetch(Slice(0, max(n, 1), count=True, reverse=True))
        known = chunk.count or 0
        tail = list(chunk.items[:n])[::-1]
        first = max(0, known - len(tail))
        return Page(
            edges(tail, first),
            has_next_page=False,
            has_previous_page=first > 0,
            total_count=known if want_count else None,
        )
    if window.backward:
        assert window.before is not None
        end = position(window.before, "before")
        start = max(0, end - n)
        records: Sequence[R] = []
        total: int | None = None
        if end - start > 0 or want_count:
            chunk = await fetch(Slice(start, max(end - start, 1), count=want_count))
            records = chunk.items[: end - start]
            total = chunk.count
        return Page(
            edges(records, start),
            has_next_page=True,
            has_previous_page=start > 0,
            total_count=total,
        )
    start = position(window.after, "after") + 1 if window.after is not None else 0
    count: int | None
    if want_count:
        chunk = await fetch(Slice(start, max(n, 1), count=True))
        records = chunk.items[:n]
        count = chunk.count or 0
        more = start + len(records) < count
    else:
        chunk = await fetch(Slice(start, n + 1, count=False))
        records = chunk.items[:n]
        more = len(chunk.items) > n
        count = None
    return Page(
        edges(records, start),
        has_next_page=more,
        has_previous_page=start > 0,
        total_count=count,
    )
