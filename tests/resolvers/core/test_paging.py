from __future__ import annotations

import base64

import pytest

from resolvers.core import paging
from resolvers.core.errors import BadUserInput
from resolvers.core.paging import (
    MAX_PAGE_SIZE,
    Window,
    decode_cursor,
    encode_cursor,
    set_cursor_secret,
)


def _unsigned(kind: str, state: str) -> str:
    """A cursor in the pre-signing format, as a caller could forge one."""
    return base64.urlsafe_b64encode(f"{kind}:{state}".encode()).decode().rstrip("=")


def test_cursor_round_trip_and_kind() -> None:
    cursor = encode_cursor("members", {"c": "abc", "i": 3})
    assert decode_cursor("members", cursor, argument="after") == {"c": "abc", "i": 3}
    with pytest.raises(BadUserInput) as info:
        decode_cursor("organizations", cursor, argument="after")
    assert info.value.extensions == {"code": "BAD_USER_INPUT", "argument": "after"}


@pytest.mark.parametrize("garbage", ["", "!!!", "bm90IGpzb24", encode_cursor("members", {})[:-3]])
def test_garbage_cursors_are_bad_input(garbage: str) -> None:
    with pytest.raises(BadUserInput):
        decode_cursor("members", garbage, argument="before")


@pytest.mark.parametrize(
    "forged",
    [
        _unsigned("members", '{"c": "abc"}'),  # no MAC at all
        _unsigned("members", "{}"),  # a state missing every key the resolver reads
        "A" * 22 + _unsigned("members", '{"i": 3}'),  # a MAC of the right length, made up
    ],
)
def test_forged_cursors_are_refused(forged: str) -> None:
    with pytest.raises(BadUserInput):
        decode_cursor("members", forged, argument="after")


def test_an_edited_cursor_is_refused() -> None:
    signed = base64.urlsafe_b64decode(encode_cursor("members", {"i": 3}) + "==")
    edited = signed.replace(b'"i":3', b'"i":9')
    assert edited != signed
    cursor = base64.urlsafe_b64encode(edited).decode().rstrip("=")
    with pytest.raises(BadUserInput):
        decode_cursor("members", cursor, argument="after")


def test_a_cursor_from_another_secret_is_refused() -> None:
    before = paging._secret
    cursor = encode_cursor("members", {"i": 3})
    try:
        set_cursor_secret(b"another gateway's secret")
        with pytest.raises(BadUserInput):
            decode_cursor("members", cursor, argument="after")
        assert decode_cursor("members", encode_cursor("members", {"i": 3}), argument="a")
    finally:
        set_cursor_secret(before)


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        set_cursor_secret(b"short")


@pytest.mark.parametrize(
    ("window", "argument"),
    [
        (Window(first=-1), "first"),
        (Window(first=MAX_PAGE_SIZE + 1), "first"),
        (Window(last=MAX_PAGE_SIZE + 1), "last"),
        (Window(first=1, last=1), "last"),
        (Window(first=1, before="x"), "before"),
        (Window(last=1, after="x"), "after"),
    ],
)
def test_window_refuses_what_it_cannot_answer(window: Window, argument: str) -> None:
    with pytest.raises(BadUserInput) as info:
        window.validate()
    assert info.value.extensions["argument"] == argument


def test_window_defaults() -> None:
    assert Window().validate().size == MAX_PAGE_SIZE
    assert not Window(first=5).validate().backward
    assert Window(before="x").validate() == Window(last=MAX_PAGE_SIZE, before="x")


# --- the offset pager ------------------------------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402

from resolvers.core.paging import Slice, offset_page  # noqa: E402


@dataclass
class _Chunk:
    items: list[int]
    count: int | None


@dataclass
class _Upstream:
    """Twenty-five numbered records, and every slice asked of it."""

    rows: list[int] = field(default_factory=lambda: list(range(25)))
    asked: list[Slice] = field(default_factory=list)

    async def __call__(self, part: Slice) -> _Chunk:
        self.asked.append(part)
        rows = self.rows[::-1] if part.reverse else self.rows
        items = rows[part.offset : part.offset + part.limit] if part.items else []
        return _Chunk(items, len(rows) if part.count else None)


async def test_offset_pages_forward_with_one_look_ahead() -> None:
    upstream = _Upstream()
    page = await offset_page(upstream, Window(first=10), kind="t", fingerprint="f")
    assert [e.record for e in page.edges] == list(range(10))
    assert (page.has_next_page, page.has_previous_page, page.total_count) == (True, False, None)
    assert upstream.asked == [Slice(0, 11, count=False)]
    after = page.edges[-1].cursor
    nxt = await offset_page(upstream, Window(first=20, after=after), kind="t", fingerprint="f")
    assert [e.record for e in nxt.edges] == list(range(10, 25))
    assert (nxt.has_next_page, nxt.has_previous_page) == (False, True)


async def test_offset_last_reads_the_reversed_order() -> None:
    upstream = _Upstream()
    page = await offset_page(upstream, Window(last=3), kind="t", fingerprint="f", want_count=True)
    assert [e.record for e in page.edges] == [22, 23, 24]
    assert page.total_count == 25
    before = page.edges[0].cursor
    prev = await offset_page(upstream, Window(last=2, before=before), kind="t", fingerprint="f")
    assert [e.record for e in prev.edges] == [20, 21]


async def test_offset_count_only_and_foreign_cursors() -> None:
    upstream = _Upstream()
    page = await offset_page(upstream, Window(), kind="t", fingerprint="f", want_items=False)
    assert (page.edges, page.total_count) == ([], 25)
    assert upstream.asked == [Slice(0, 0, count=True, items=False)]
    first = await offset_page(upstream, Window(first=1), kind="t", fingerprint="f")
    with pytest.raises(BadUserInput, match="another filter or order"):
        await offset_page(
            upstream, Window(first=1, after=first.edges[0].cursor), kind="t", fingerprint="g"
        )
