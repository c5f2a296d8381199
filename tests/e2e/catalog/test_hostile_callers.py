"""Review findings (branch review2): each test fails on the code as reviewed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.conftest import Graph

PRE = {"graphql-require-preflight": "1", "authorization": "Bearer demo-producer"}
PUBLISH = (
    "mutation($input: PublishApiInput!, $oas: Upload!) { publishApi(input: $input, oasFile: $oas)"
    " { api { apiId endpoints { method path summary } } userErrors { field message code } } }"
)
INPUT = {
    "name": "Review Labs",
    "description": "d",
    "type": "REST",
    "path": "/labs",
    "version": "1.0.0",
    "category": "Patient",
    "visibility": "Public",
    "authentication": "OAUTH 2.0",
    "apiDocTitle": "Labs",
    "hostServers": [{"serverName": "Sandbox", "url": "https://sandbox.labs.example"}],
}
LABS = b"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {get: {summary: s}}\n"


def _ops(variables: Any = None) -> str:
    return json.dumps(
        {
            "query": PUBLISH,
            "variables": {"input": INPUT, "oas": None} if variables is None else variables,
        }
    )


async def _multipart(graph: Graph, files: list[tuple[str, tuple[str | None, Any, str]]]) -> Any:
    return await graph.http.post("/graphql", files=files, headers=PRE, timeout=60)


async def _publish(graph: Graph, name: str, content: bytes) -> dict[str, Any]:
    response = await _multipart(
        graph,
        [
            ("operations", (None, _ops(), "text/plain")),
            ("map", (None, '{"0": ["variables.oas"]}', "text/plain")),
            ("0", (name, content, "application/octet-stream")),
        ],
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("operations", "mapping"),
    [
        (None, '{"0": ["variables.input.hostServers.5.url"]}'),  # IndexError
        (None, '{"0": ["variables.input.name.x"]}'),  # TypeError (str item assignment)
        (None, "[1]"),  # map not an object: AttributeError
        (None, '{"0": [1]}'),  # path not a string: AttributeError
        ("42", "{}"),
        ('{"query": "{ __typename }", "variables": null}', '{"0": ["variables.oas"]}'),
    ],
)
async def test_malformed_multipart_operations_or_map_is_4xx_not_500(
    graph: Graph, operations: str | None, mapping: str
) -> None:
    response = await _multipart(
        graph,
        [
            ("operations", (None, operations or _ops(), "text/plain")),
            ("map", (None, mapping, "text/plain")),
            ("0", ("labs.yaml", LABS, "application/yaml")),
        ],
    )
    assert 400 <= response.status_code < 500, response.text
    assert "Unexpected error" not in response.text


async def test_duplicate_file_part_names_do_not_bypass_the_file_count_limit(graph: Graph) -> None:
    parts = [
        ("operations", (None, _ops(), "text/plain")),
        ("map", (None, '{"0": ["variables.oas"]}', "text/plain")),
    ] + [("0", ("labs.yaml", LABS, "application/yaml"))] * 6
    response = await _multipart(graph, parts)  # type: ignore[arg-type]
    # Refused before the files are held: a repeated part name is malformed (400).
    assert response.status_code in (400, 413), response.text


async def test_the_text_parts_of_a_multipart_request_are_bounded_in_total(graph: Graph) -> None:
    # Each text part is bounded (1 MiB) but not their number: 400 of them made the server
    # hold ~1.4 GB for one unauthenticated request. 24 MiB of text parts must be refused.
    big = "x" * (1024 * 1024 - 16)
    parts = [
        ("operations", (None, json.dumps({"query": "{ __typename }"}), "text/plain")),
        ("map", (None, "{}", "text/plain")),
    ] + [(f"t{i}", (None, big, "text/plain")) for i in range(24)]
    response = await _multipart(graph, parts)  # type: ignore[arg-type]
    # Parts beyond operations, map and files are refused as they arrive (400).
    assert response.status_code in (400, 413), response.text


@pytest.mark.parametrize(
    "authorization",
    ["Basic ZGVtbzp4", "Bearer demo extra", "Token demo", "Bearer " + "a" * 5000],
)
async def test_an_unusable_authorization_header_is_not_upgraded_to_the_default_producer(
    graph: Graph, authorization: str
) -> None:
    # The caller sent credentials the gateway cannot forward: it must not answer as the
    # configured PORTAL_TOKEN (demo-producer) instead.
    response = await graph.http.post(
        "/graphql",
        json={"query": "{ myApis(first: 1) { totalCount } }"},
        headers={"authorization": authorization},
    )
    body = response.json()
    assert response.status_code in (200, 400, 401), response.text
    assert not (body.get("data") or {}).get("myApis"), body


async def test_a_deeply_nested_oas_file_is_unreadable_not_an_unexpected_error(
    graph: Graph,
) -> None:
    head = '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{},"x":'
    body = await _publish(graph, "deep.json", (head + "[" * 500 + "]" * 500 + "}").encode())
    codes = [e["extensions"]["code"] for e in body.get("errors", [])]
    assert body["data"]["publishApi"]["api"]["apiId"]
    # Read (it has no paths: no endpoints), or refused as unreadable: never a crash.
    assert codes in ([], ["UNREADABLE_OAS_FILE"]), body
    if not codes:
        assert body["data"]["publishApi"]["api"]["endpoints"] == []


async def test_a_json_oas_summary_with_an_escaped_emoji_does_not_break_the_response(
    graph: Graph,
) -> None:
    # JSON's "\ud83d\ude00" is one character; PyYAML reads two lone surrogates, which the
    # JSON encoder refuses: the whole response became a 500 after the publish was applied.
    content = (
        b'{"openapi":"3.0.0","info":{"title":"t","version":"1"},'
        b'"paths":{"/a":{"get":{"summary":"\\ud83d\\ude00 smile"}}}}'
    )
    body = await _publish(graph, "emoji.json", content)
    api = body["data"]["publishApi"]["api"]
    assert api["endpoints"] == [{"method": "GET", "path": "/a", "summary": "\U0001f600 smile"}]


@pytest.mark.parametrize(
    "content",
    [
        b'{\n\t"openapi": "3.0.0",\n\t"info": {"title": "t", "version": "1"},\n'
        b'\t"paths": {"/a": {"get": {"summary": "s"}}}\n}',
        b'{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/'
        + b"a" * 1100
        + b'":{"get":{"summary":"s"}}}}',
    ],
    ids=["tab-indented", "long-path-key"],
)
async def test_a_valid_json_oas_file_is_read(graph: Graph, content: bytes) -> None:
    # "JSON is YAML" is not true of PyYAML: tabs and keys over 1024 characters are refused.
    body = await _publish(graph, "valid.json", content)
    assert "errors" not in body, body["errors"]
    assert [e["method"] for e in body["data"]["publishApi"]["api"]["endpoints"]] == ["GET"]


async def test_an_oas_file_the_portal_refuses_is_a_user_error_at_the_oas_file_argument(
    graph: Graph,
) -> None:
    # oasFile is an argument, not a field of input: the gateway's own check says ["oasFile"],
    # the portal's refusal is reported at ["input", "oasFile"].
    body = await _publish(graph, "labs.json", b"not json")
    errors = body["data"]["publishApi"]["userErrors"]
    assert [e["field"] for e in errors] == [["oasFile"]], errors
