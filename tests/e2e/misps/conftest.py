"""The misps modules' server: as the shared one, with a short MOSIP timeout so that a
write whose answer never comes is reported quickly."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from server import create_app
from tests.e2e.conftest import Graph, gateway_env, serve
from upstreams.simulators import RunningSimulators


@pytest.fixture(scope="module")
async def graph(sims: RunningSimulators) -> AsyncIterator[Graph]:
    runner, url = await serve(
        create_app(gateway_env(sims, DATANEXUS_TIMEOUT="0.5", MOSIP_TIMEOUT="1"))
    )
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        yield Graph(http, sims)
    await runner.cleanup()
