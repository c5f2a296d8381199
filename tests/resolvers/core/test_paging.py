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
