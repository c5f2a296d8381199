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
