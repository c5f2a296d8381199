"""In-memory connections: filtered, ordered with a unique tiebreak, paged by offset."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.core.lists import list_page, ordered
from resolvers.core.paging import Window
from resolvers.core.predicates import Cmp, Op

ROWS = [{"id": i, "name": n} for i, n in enumerate(["b", None, "a", "b", "c"])]
GET: dict[str, Any] = {"id": lambda r: r["id"], "name": lambda r: r["name"]}


def test_missing_values_sort_first_ascending_and_last_descending() -> None:
    assert [r["id"] for r in ordered(ROWS, [("name", "asc")], GET, unique="id")] == [1, 2, 0, 3, 4]
    assert [r["id"] for r in ordered(ROWS, [("name", "desc")], GET, unique="id")] == [4, 0, 3, 2, 1]


def test_an_unknown_order_field_is_bad_input() -> None:
    with pytest.raises(BadUserInput):
        ordered(ROWS, [("nope", "asc")], GET, unique="id")


async def test_pages_are_exact_and_cursors_resume() -> None:
    page = await list_page(
        ROWS, Window(first=2), kind="t", predicate=Cmp("name", Op.NE, "c"), getters=GET, unique="id"
    )
    assert [e.record["id"] for e in page.edges] == [0, 1]
    assert page.total_count == 4
    assert page.has_next_page
    rest = await list_page(
        ROWS,
        Window(first=10, after=page.edges[-1].cursor),
        kind="t",
        predicate=Cmp("name", Op.NE, "c"),
        getters=GET,
        unique="id",
    )
    assert [e.record["id"] for e in rest.edges] == [2, 3]
    assert not rest.has_next_page


async def test_a_cursor_of_another_filter_is_refused() -> None:
    page = await list_page(
        ROWS, Window(first=1), kind="t", predicate=None, getters=GET, unique="id"
    )
    with pytest.raises(BadUserInput):
        await list_page(
            ROWS,
            Window(first=1, after=page.edges[0].cursor),
            kind="t",
            predicate=Cmp("name", Op.EQ, "a"),
            getters=GET,
            unique="id",
        )
