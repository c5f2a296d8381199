"""The OAS reader: JSON and YAML, hostile files refused as unreadable, text repaired."""

from __future__ import annotations

import pytest

from resolvers.catalog.oas import UnreadableOas, endpoints

YAML = b"""openapi: 3.0.3
info: {title: t, version: '1'}
x-common: &common {summary: shared}
paths:
  /a:
    get: *common
    post: {summary: make, operationId: makeA}
  200: {get: {summary: not a path}}
"""


def test_yaml_with_aliases_is_read() -> None:
    assert endpoints(YAML, "a.yaml") == [
        {"method": "GET", "path": "/a", "summary": "shared", "operation_id": None},
        {"method": "POST", "path": "/a", "summary": "make", "operation_id": "makeA"},
    ]


def test_an_alias_bomb_costs_nothing_to_read() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    bomb = ("openapi: 3.0.0\ninfo: {title: t, version: '1'}\n" + "\n".join(levels)).encode()
    assert endpoints(bomb + b"\npaths: {}\n", "bomb.yaml") == []


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b"a: [" + b"[" * 5000, b"\xff\xfe", b"openapi: [unclosed", b"just text"],
)
def test_hostile_or_broken_files_are_unreadable(content: bytes) -> None:
    with pytest.raises(UnreadableOas):
        endpoints(content, "x.yaml")


def test_surrogate_escapes_in_yaml_never_reach_an_answer() -> None:
    # libyaml refuses them (YAML forbids surrogates); the pure-Python loader reads two lone
    # surrogates, which are joined. Either way no answer carries unencodable text.
    content = b'openapi: 3.0.0\npaths:\n  /a:\n    get: {summary: "\\ud83d\\ude00"}\n'
    try:
        summary = endpoints(content, "a.yaml")[0]["summary"]
    except UnreadableOas:
        return
    assert summary == "\U0001f600"
