"""The cursor scanner reads at most its budget of upstream pages for one Relay page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Window
from resolvers.core.scanner import CursorScanner

SIZE = 10  # records per upstream page
PAGES = 50


@dataclass
class _Page:
    items: Sequence[int]
    next_cursor: str | None
    prev_cursor: str | None


class _Upstream:
    """A list of PAGES * SIZE integers behind opaque cursors "p<n>"; counts its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.read: list[tuple[str | None, bool]] = []

    async def fetch(self, cursor: str | None, backward: bool, limit: int) -> _Page:
        self.calls += 1
        self.read.append((cursor, backward))
        number = int(cursor[1:]) if cursor else 0
        if backward:
            number -= 1
        items = list(range(number * SIZE, number * SIZE + SIZE))
        return _Page(
            items,
            next_cursor=f"p{number + 1}" if number + 1 < PAGES else None,
            prev_cursor=f"p{number}" if number > 0 else None,
        )


def scanner(upstream: _Upstream, matches: int | None, budget: int = 3) -> CursorScanner[int]:
    return CursorScanner(
        kind="numbers",
        fingerprint="f",
        fetch=upstream.fetch,
        matches=None if matches is None else (lambda r: r == matches),
        scan_page=SIZE,
        max_pages=budget,
    )


async def test_a_scan_stops_at_its_budget_and_resumes_where_it_stopped() -> None:
    upstream = _Upstream()
    target = 7 * SIZE + 4  # on the 8th upstream page: past a budget of 3
    page = await scanner(upstream, target).page(Window(first=5))
    assert upstream.calls == 3
    assert page.edges == []
    assert page.has_next_page
    assert page.resume_after is not None
    resumed: list[int] = []
    cursor = page.resume_after()
    while not resumed:
        next_page = await scanner(upstream, target).page(Window(first=5, after=cursor))
        resumed = [e.record for e in next_page.edges]
        assert next_page.resume_after is not None or resumed
        cursor = next_page.resume_after() if next_page.resume_after else ""
    assert resumed == [target]
    # Three scans of three pages each, and no upstream page read twice.
    assert upstream.calls == 9
    assert len(set(upstream.read)) == len(upstream.read)


async def test_a_full_page_within_the_budget_needs_no_resume_cursor() -> None:
    upstream = _Upstream()
    page = await scanner(upstream, None).page(Window(first=5))
    assert [e.record for e in page.edges] == [0, 1, 2, 3, 4]
    assert page.resume_after is None
    assert upstream.calls == 1


async def test_last_without_before_over_the_budget_is_refused() -> None:
    upstream = _Upstream()
    with pytest.raises(BadUserInput) as info:
        await scanner(upstream, None).page(Window(last=2))
    assert info.value.extensions["argument"] == "last"
    assert upstream.calls == 3
