"""What the simulator tests share: the app under test served over real HTTP, a client per
demo token, and builders of the documented request bodies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from upstreams.portal.simulator import create_app
from upstreams.portal.simulator.seed import EXAMPLE_API_ID

__all__ = [
    "EXAMPLE_API_ID",
    "OAS_JSON",
    "OAS_YAML",
    "Bed",
    "api_data",
    "bed",
    "files",
    "publish",
]

SCALE = 60
OAS_JSON = orjson.dumps(
    {
        "openapi": "3.0.3",
        "info": {"title": "Test Claims", "version": "1.0.0"},
        "paths": {"/claims": {"get": {"responses": {"200": {"description": "OK"}}}}},
    },
    option=orjson.OPT_INDENT_2,
)
OAS_YAML = b"""openapi: 3.1.0
info:
  title: Test Referrals
  version: 2.0.0
paths:
  /referrals:
    get:
      responses:
        '200':
          description: OK
    post:
      responses:
        '201':
          description: Created
"""


@dataclass
class Bed:
    """The simulator and a client per caller (all over the same server)."""

    consumer: httpx.AsyncClient  # token `demo`
    producer: httpx.AsyncClient  # token `demo-producer`
    consumer2: httpx.AsyncClient  # token `demo-consumer-2`
    producer2: httpx.AsyncClient  # token `demo-producer-2`
    anonymous: httpx.AsyncClient  # no token

    async def emails(self) -> dict[str, Any]:
        response = await self.anonymous.get("/__emails")
        assert response.status_code == 200
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
async def bed() -> AsyncIterator[Bed]:
    # Mounted under /portal as the registry will mount it, so links must carry the prefix.
    root = web.Application()
    root.add_subapp("/portal", create_app(scale=SCALE, latency_ms=0.0))
    server = TestServer(root)
    await server.start_server()
    base = str(server.make_url("/portal"))

    def client(token: str | None) -> httpx.AsyncClient:
        headers = {} if token is None else {"authorization": f"Bearer {token}"}
        # Plain HTTP on loopback: skipping the CA bundle load saves time per test.
        return httpx.AsyncClient(base_url=base, headers=headers, verify=False)

    tokens = ("demo", "demo-producer", "demo-consumer-2", "demo-producer-2")
    consumer, producer, consumer2, producer2 = (client(t) for t in tokens)
    anonymous = client(None)
    clients = (consumer, producer, consumer2, producer2)
    try:
        yield Bed(consumer, producer, consumer2, producer2, anonymous)
    finally:
        for c in (*clients, anonymous):
            await c.aclose()
        await server.close()


def api_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Test Claims API",
        "description": "Claims for tests",
        "type": "REST",
        "path": "/test/claims/v1",
        "version": "1.0.0",
        "category": "Provider",
        "visibility": "Public",
        "authentication": "OAUTH 2.0",
        "apiDocTitle": "Test Claims Guide",
        "hostServers": [
            {"hostName": "https://api.test.example/claims", "serverName": "Production", "id": ""},
            {"hostName": "https://sb.test.example/claims", "serverName": "Sandbox", "id": "sb-1"},
        ],
    }
    data.update(changes)
    return data


FilePart = tuple[str, bytes, str]


def files(
    *,
    oas: FilePart | None = ("claims.json", OAS_JSON, "application/json"),
    doc: FilePart | None = ("claims.md", b"# Claims\n", "text/markdown"),
    data: dict[str, Any] | str | None = None,
) -> list[tuple[str, tuple[str | None, bytes, str | None]]]:
    """httpx ``files=`` for a publish or update (a part left None is not sent)."""
    parts: list[tuple[str, tuple[str | None, bytes, str | None]]] = []
    if oas is not None:
        parts.append(("file", oas))
    if doc is not None:
        parts.append(("doc", doc))
    if data is not None:
        text = data if isinstance(data, str) else orjson.dumps(data).decode()
        parts.append(("data", (None, text.encode(), None)))
    return parts


async def publish(client: httpx.AsyncClient, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("data", api_data())
    return await client.post("/apis", files=files(**kwargs))
