from __future__ import annotations

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.core.paging import MAX_PAGE_SIZE, Window, decode_cursor, encode_cursor


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
