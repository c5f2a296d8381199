"""End-to-end fixtures: the simulators and the real server, each on a loopback port."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
import pytest
from aiohttp import web

from server import create_app
from upstreams.registry import REGISTRY, demo_env
from upstreams.simulators import PREFIXES, RunningSimulators, start

SCALE = 300


class Graph:
    """The gateway as a client meets it, plus the simulators' counters and faults."""

    def __init__(self, http: httpx.AsyncClient, sims: RunningSimulators) -> None:
        self.http = http
        self.sims = sims

    async def gql(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        expect_errors: bool = False,
    ) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": dict(variables or {})}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        if not expect_errors:
            assert "errors" not in body, body["errors"]
        return body

    async def data(self, query: str, variables: Mapping[str, Any] | None = None) -> Any:
        return (await self.gql(query, variables))["data"]

    async def upstream(
        self, method: str, path: str, *, upstream: str = "datanexus", **kwargs: Any
    ) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.sims.url(upstream)) as client:
            return await client.request(method, path, **kwargs)

    async def calls(self, upstream: str = "datanexus") -> dict[str, int]:
        """Upstream requests since the last reset, per route template."""
        stats = (await self.upstream("GET", "/__stats", upstream=upstream)).json()
        routes: dict[str, int] = stats["routes"]
        return routes

    async def requests(self, upstream: str = "medallies") -> list[dict[str, Any]]:
        """The requests an upstream received since the last reset, oldest first."""
        log = (await self.upstream("GET", "/__requests", upstream=upstream)).json()
        requests: list[dict[str, Any]] = log["requests"]
        return requests

    async def reset(self) -> None:
        for name in PREFIXES:
            await self.upstream("POST", "/__stats/reset", upstream=name)

    async def fault(self, upstream: str = "datanexus", **fault: Any) -> None:
        response = await self.upstream("POST", "/__faults", upstream=upstream, json=[fault])
        assert response.status_code == 204, response.text


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    return runner, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
async def sims() -> AsyncIterator[RunningSimulators]:
    """One simulator set per test module: starting one per test would grow with every domain."""
    running = await start(port=0, sizes={"scale": SCALE})
    yield running
    await running.close()


@pytest.fixture(autouse=True)
async def _fresh_upstream_state(request: pytest.FixtureRequest) -> None:
    """Each test starts with no faults and zeroed counters on the module's simulators."""
    if "sims" not in request.fixturenames:
        return
    sims: RunningSimulators = request.getfixturevalue("sims")
    async with httpx.AsyncClient() as client:
        for name in PREFIXES:
            await client.delete(sims.url(name) + "/__faults")
            await client.post(sims.url(name) + "/__stats/reset")


def gateway_env(sims: RunningSimulators, **extra: str) -> dict[str, str]:
    """Every upstream pointed at its simulator with the demo credentials."""
    env = demo_env({u.name: sims.url(u.name) for u in REGISTRY})
    env.update({f"{u.env_prefix}RETRIES": "1" for u in REGISTRY})
    env.update(extra)
    return env


@pytest.fixture(scope="module")
async def graph(sims: RunningSimulators) -> AsyncIterator[Graph]:
    runner, url = await serve(
        create_app(gateway_env(sims, DATANEXUS_TIMEOUT="0.5", BASTION_TIMEOUT="1"))
    )
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield Graph(http, sims)
    await runner.cleanup()
