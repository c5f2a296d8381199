"""Upload limits are settings: a file over PARTNER_GRAPH_MAX_UPLOAD_BYTES, or more files than
PARTNER_GRAPH_MAX_UPLOADS, is 413 before any upstream call."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from server import create_app
from tests.e2e.conftest import gateway_env, serve
from upstreams.simulators import RunningSimulators

QUERY = "mutation($a: Upload!) { uploadOasFile(oasFile: $a) { url } }"
HEADERS = {"authorization": "Bearer demo-producer", "graphql-require-preflight": "1"}


@pytest.fixture(scope="module")
async def small(sims: RunningSimulators) -> AsyncIterator[httpx.AsyncClient]:
    env = gateway_env(sims, PARTNER_GRAPH_MAX_UPLOAD_BYTES="1000", PARTNER_GRAPH_MAX_UPLOADS="1")
    runner, url = await serve(create_app(env))
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield http
    await runner.cleanup()


def _files(*contents: bytes) -> dict[str, tuple[str | None, bytes | str, str]]:
    mapping = {str(i): ["variables.a"] for i in range(len(contents))}
    parts: dict[str, tuple[str | None, bytes | str, str]] = {
        "operations": (None, json.dumps({"query": QUERY, "variables": {"a": None}}), "text/plain"),
        "map": (None, json.dumps(mapping), "text/plain"),
    }
    for i, content in enumerate(contents):
        parts[str(i)] = ("a.yaml", content, "application/yaml")
    return parts


async def test_a_file_over_the_size_limit_is_413(
    small: httpx.AsyncClient, sims: RunningSimulators
) -> None:
    async with httpx.AsyncClient() as http:
        await http.post(sims.url("portal") + "/__stats/reset")
        response = await small.post("/graphql", files=_files(b"x" * 1001), headers=HEADERS)
        stats = (await http.get(sims.url("portal") + "/__stats")).json()
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"].endswith("larger than 1000 bytes.")
    assert stats["total"] == 0


async def test_more_files_than_allowed_is_413(small: httpx.AsyncClient) -> None:
    response = await small.post("/graphql", files=_files(b"a: 1", b"b: 2"), headers=HEADERS)
    assert response.status_code == 413
    assert "At most 1 files" in response.json()["errors"][0]["message"]
