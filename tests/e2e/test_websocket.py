"""graphql-transport-ws over real websockets, with a real client (gql) and raw frames.

These send queries over the socket (the protocol allows any operation; the subscription
loop is in test_webhooks.py); what they guard is the transport: every frame is text, and a
result is bounded in size as over HTTP.
Strawberry sends binary frames when the view's JSON encoder returns bytes (orjson does), and
graphql-ws (JS) and gql (Python) refuse those.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from server import create_app
from tests.e2e.conftest import Graph, gateway_env, serve
from upstreams.simulators import RunningSimulators

PROTOCOL = "graphql-transport-ws"


def _ws_url(graph: Graph) -> str:
    return str(graph.http.base_url).replace("http://", "ws://", 1).rstrip("/") + "/graphql"


async def test_the_gql_client_runs_a_query_over_graphql_transport_ws(graph: Graph) -> None:
    transport = WebsocketsTransport(url=_ws_url(graph), subprotocols=[PROTOCOL])
    async with Client(transport=transport) as session:
        assert transport.subprotocol == PROTOCOL
        answer = await session.execute(gql('{ member(memberId: "A5c7X") { firstName } }'))
        assert answer == {"member": {"firstName": "Michael"}}
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(gql("{ nonsense }"))
        assert refused.value.errors  # the error arrived as a readable (text) frame too


async def test_every_frame_is_a_text_frame(graph: Graph) -> None:
    frames: list[tuple[aiohttp.WSMsgType, Any]] = []
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(_ws_url(graph), protocols=[PROTOCOL]) as ws,
    ):
        await ws.send_json({"type": "connection_init"})
        frames.append(((msg := await ws.receive()).type, msg.json()))
        await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }"}})
        while True:
            msg = await ws.receive(timeout=10)
            assert msg.type is aiohttp.WSMsgType.TEXT, msg
            message = msg.json()
            frames.append((msg.type, message))
            if message["type"] == "complete":
                break
    assert all(kind is aiohttp.WSMsgType.TEXT for kind, _ in frames)
    kinds = [m["type"] for _, m in frames if m["type"] != "ping"]
    assert kinds == ["connection_ack", "next", "complete"]
    assert frames[1][1]["payload"] == {"data": {"__typename": "Query"}}


async def test_a_result_over_the_size_limit_is_bounded_over_the_socket_too(
    sims: RunningSimulators,
) -> None:
    runner, url = await serve(
        create_app(gateway_env(sims, PARTNER_GRAPH_MAX_RESPONSE_BYTES="2000"))
    )
    try:
        ws_url = url.replace("http://", "ws://", 1) + "/graphql"
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(ws_url, protocols=[PROTOCOL]) as ws,
        ):
            await ws.send_json({"type": "connection_init"})
            await ws.receive(timeout=10)
            query = "{ members(first: 50) { nodes { memberId firstName lastName email } } }"
            await ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
            message = (await ws.receive(timeout=10)).json()
    finally:
        await runner.cleanup()
    assert message["type"] == "next"
    assert message["id"] == "1"
    (error,) = message["payload"]["errors"]
    assert error["extensions"]["code"] == "RESPONSE_TOO_LARGE"
