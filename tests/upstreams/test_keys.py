"""Keys reach an upstream path only in their upstream's alphabet, as one segment."""

from __future__ import annotations

import re

import pytest

from upstreams import KeyRefused
from upstreams._keys import IntKey, KeyAlphabet

ALNUM = KeyAlphabet("member id", re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"))
ORG = IntKey("organization id")

HOSTILE = ["", ".", "..", "../x", "a/b", "a%2Fb", "a?b", "a#b", "a b", "é", "١٢٣", "x" * 65]


@pytest.mark.parametrize("key", HOSTILE)
def test_text_keys_outside_the_alphabet_are_refused_before_any_request(key: str) -> None:
    assert not ALNUM.valid(key)
    with pytest.raises(KeyRefused) as info:
        ALNUM.segment(key, upstream="datanexus", operation="deleteConsent")
    assert info.value.extensions["code"] == "BAD_USER_INPUT"
    assert info.value.extensions["upstream"] == "datanexus"


def test_keys_of_the_alphabet_pass_unchanged() -> None:
    assert ALNUM.segment("B6d8Y", upstream="d", operation="o") == "B6d8Y"
    assert ALNUM.segment("EOE-COGITO55", upstream="d", operation="o") == "EOE-COGITO55"


@pytest.mark.parametrize(
    "text", ["", "0", "-1", "+1", "1.0", "²", "١٢٣", " 1", "2147483648", "9" * 30, True, None]
)
def test_integer_keys_take_ascii_digits_in_range_only(text: object) -> None:
    assert ORG.parse(text) is None
    with pytest.raises(KeyRefused):
        ORG.segment(text, upstream="medallies", operation="getOrganization")  # type: ignore[arg-type]


def test_integer_keys_in_range() -> None:
    assert ORG.parse("42") == 42
    assert ORG.parse(2**31 - 1) == 2**31 - 1
    assert ORG.segment(7, upstream="m", operation="o") == "7"
