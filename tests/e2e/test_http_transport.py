"""GraphQL over HTTP as a client meets it: media types, status codes, malformed bodies, 413,
mutations over GET, and request ids on every response and on every upstream call.

One server (and one set of simulators) for the module: these tests only read.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from server import MAX_BODY_BYTES, create_app
from tests.e2e.conftest import SCALE, Graph, gateway_env, serve
from upstreams.simulators import start

pytestmark = pytest.mark.asyncio(loop_scope="module")

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph() -> AsyncIterator[Graph]:
    sims = await start(port=0, sizes={"scale": SCALE})
    runner, url = await serve(create_app(gateway_env(sims)))
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield Graph(http, sims)
    await runner.cleanup()
    await sims.close()


def assert_json_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """A refused request: the status, a GraphQL body without data, a code, a request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(("application/json", GRAPHQL_RESPONSE))
    assert response.headers["x-request-id"]
    body: dict[str, Any] = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["message"]
    assert error["extensions"]["code"] == code
    return body


JSON = "application/json"


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        (b"42", JSON, 400, "BAD_REQUEST"),
        (b'"x"', JSON, 400, "BAD_REQUEST"),
        (b"null", JSON, 400, "BAD_REQUEST"),
        (b"[]", JSON, 400, "BAD_REQUEST"),
        (b'[{"query": "{ __typename }"}]', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "\xff\xfe"}', JSON, 400, "BAD_REQUEST"),
        (b"\xff\xfe\xfd", JSON, 400, "BAD_REQUEST"),
        (b'{"query": ', JSON, 400, "BAD_REQUEST"),
        (b"", JSON, 400, "BAD_REQUEST"),
        (b"   ", JSON, 400, "BAD_REQUEST"),
        (b"{}", JSON, 400, "BAD_REQUEST"),
        (b'{"query": 42}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": {"a": 1}}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": 1}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": []}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "operationName": 1}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "extensions": "x"}', JSON, 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }"}', "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b'{"query": "{ __typename }"}', None, 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b"query=%7B__typename%7D", "application/x-www-form-urlencoded", 415, None),
        (b'{"query": "{ __typename }"}', "application/json; charset=latin-1", 415, None),
    ],
)
async def test_any_body_gets_a_graphql_json_answer(
    graph: Graph, content: bytes, content_type: str | None, status: int, code: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = await graph.http.post("/graphql", content=content, headers=headers)
    assert_json_error(response, status, code or "UNSUPPORTED_MEDIA_TYPE")


async def test_a_body_over_the_limit_is_413_in_json(graph: Graph) -> None:
    padding = "x" * MAX_BODY_BYTES
    response = await graph.http.post(
        "/graphql", json={"query": "{ __typename }", "variables": {"p": padding}}
    )
    assert_json_error(response, 413, "PAYLOAD_TOO_LARGE")
    within = await graph.http.post(
        "/graphql",
        json={"query": "{ __typename }", "variables": {"p": padding[: MAX_BODY_BYTES // 2]}},
    )
    assert within.json() == {"data": {"__typename": "Query"}}


async def test_graphql_response_json_is_honoured(graph: Graph) -> None:
    for accept in (GRAPHQL_RESPONSE, f"{GRAPHQL_RESPONSE}, application/json;q=0.9"):
        ok = await graph.http.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"accept": accept}
        )
        assert ok.status_code == 200
        assert ok.headers["content-type"].startswith(GRAPHQL_RESPONSE)
        assert ok.json() == {"data": {"__typename": "Query"}}
    legacy: tuple[str | None, ...] = (None, "*/*", JSON, f"{JSON}, {GRAPHQL_RESPONSE};q=0.5")
    for other in legacy:
        plain = await graph.http.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"accept": other} if other else {},
        )
        assert plain.headers["content-type"].startswith(JSON), other


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"query": "{ member("}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ nonsense }"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {"query": "query Q($id: ID!) { node(id: $id) { id } }", "variables": {"id": None}},
            "BAD_USER_INPUT",
        ),
        (
            {
                "query": "query Q($n: Int) { members(first: $n) { totalCount } }",
                "variables": {"n": "x"},
            },
            "BAD_USER_INPUT",
        ),
    ],
)
async def test_requests_that_never_execute_answer_without_data(
    graph: Graph, payload: dict[str, Any], code: str
) -> None:
    strict = await graph.http.post("/graphql", json=payload, headers={"accept": GRAPHQL_RESPONSE})
    assert strict.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert_json_error(strict, 400, code)
    # application/json: the spec's legacy path keeps 200, still without `data`.
    legacy = await graph.http.post("/graphql", json=payload, headers={"accept": JSON})
    assert_json_error(legacy, 200, code)


async def test_a_field_error_keeps_data_and_200(graph: Graph) -> None:
    await graph.fault("datanexus", path="^/api/members/", status=503)
    try:
        response = await graph.http.post(
            "/graphql",
            json={"query": '{ __typename member(memberId: "A5c7X") { firstName } }'},
            headers={"accept": GRAPHQL_RESPONSE},
        )
    finally:
        await graph.upstream("DELETE", "/__faults")
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"__typename": "Query", "member": None}
    assert body["errors"][0]["path"] == ["member"]


async def test_mutations_over_get_are_405_with_allow(graph: Graph) -> None:
    response = await graph.http.get(
        "/graphql",
        params={"query": "mutation { __typename }"},
        headers={"accept": GRAPHQL_RESPONSE},
    )
    assert_json_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"
    other = await graph.http.put("/graphql", json={"query": "{ __typename }"})
    assert_json_error(other, 405, "METHOD_NOT_ALLOWED")
    assert other.headers["allow"] == "GET, POST"


async def test_a_fragment_bomb_is_answered_at_once(graph: Graph) -> None:
    fragments = ["fragment F0 on Query { __typename }"] + [
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 41)
    ]
    query = "{ ...F40 } " + " ".join(fragments)
    assert await graph.data(query) == {"__typename": "Query"}
    aliased = query.replace("{ __typename }", "{ a: __typename }")
    body = await graph.gql(aliased, expect_errors=True)
    assert "Too many aliases" in body["errors"][0]["message"]


# --- request ids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/healthz", {}, 200),
        ("GET", "/readyz", {}, 200),
        ("GET", "/graphql", {"accept": "text/html"}, 200),
        ("GET", "/graphiql/assets/style.css", {}, 200),
        ("GET", "/graphiql/assets/nothing.js", {}, 404),
        ("GET", "/no/such/route", {}, 404),
        ("POST", "/healthz", {}, 405),
        ("GET", "/graphql?query=%7B__typename%7D", {}, 200),
        ("GET", "/graphql?query=%7B", {"accept": GRAPHQL_RESPONSE}, 400),
        ("GET", "/graphql", {"accept": JSON}, 400),
    ],
)
async def test_every_response_carries_the_request_id(
    graph: Graph, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    response = await graph.http.request(
        method, path, headers={**headers, "x-request-id": "trace.42_A-b"}
    )
    assert response.status_code == status
    assert response.headers["x-request-id"] == "trace.42_A-b"
    if status >= 400:
        assert response.json()["errors"][0]["extensions"]["code"]


@pytest.mark.parametrize(
    "sent", ["x" * 65, "x" * 7000, "has space", "semi;colon", "üñí", "<script>", ""]
)
async def test_request_ids_that_are_not_short_and_plain_are_replaced(
    graph: Graph, sent: str
) -> None:
    response = await graph.http.get("/healthz", headers={b"x-request-id": sent.encode("utf-8")})
    replaced = response.headers["x-request-id"]
    assert replaced != sent
    assert len(replaced) == 32
    assert replaced.isalnum()


async def test_generated_request_ids_differ_per_request(graph: Graph) -> None:
    ids = {(await graph.http.get("/healthz")).headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3


async def test_the_request_id_is_forwarded_to_every_upstream_call(graph: Graph) -> None:
    query = """{ member(memberId: "A5c7X") { firstName }
                 organizations(first: 2) { nodes { organizationId } } }"""

    async def ask(request_id: str) -> None:
        response = await graph.http.post(
            "/graphql", json={"query": query}, headers={"x-request-id": request_id}
        )
        assert "errors" not in response.json(), response.text

    await graph.reset()
    # Concurrent requests: each upstream call carries its own request's id, not another's.
    await asyncio.gather(ask("first-request"), ask("second-request"))
    for upstream in ("datanexus", "medallies"):
        logged = await graph.requests(upstream)
        assert logged, upstream
        ids = sorted(str(entry.get("requestId")) for entry in logged)
        assert set(ids) == {"first-request", "second-request"}, (upstream, ids)
        assert ids.count("first-request") == ids.count("second-request")
