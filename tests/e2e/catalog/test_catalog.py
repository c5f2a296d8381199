"""The API catalog end to end: keyset paging over the whole filter grammar, a real
multipart publish whose OAS file downloads back byte for byte and whose endpoints match it,
the producer-only calls refused to a consumer, and an access request from request to
approval to client."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import yaml

from tests.e2e.conftest import Graph

PRODUCER = {"authorization": "Bearer demo-producer"}
CONSUMER = {"authorization": "Bearer demo"}
PREFLIGHT = {"graphql-require-preflight": "1"}

OAS = b"""openapi: 3.0.3
info:
  title: Lab Results
  version: 1.0.0
paths:
  /results:
    get:
      summary: List lab results
      operationId: listResults
    post:
      summary: Record a lab result
  /results/{id}:
    get:
      summary: One lab result
"""

PUBLISH = """mutation($input: PublishApiInput!, $oas: Upload!, $doc: Upload) {
  publishApi(input: $input, oasFile: $oas, documentation: $doc) {
    api { apiId name hostServers { serverId serverName url } }
    userErrors { field message code }
  }
}"""


def details(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": "Lab results for partners",
        "type": "REST",
        "path": "/labs",
        "version": "1.0.0",
        "category": "Patient",
        "visibility": "Public",
        "authentication": "OAUTH 2.0",
        "apiDocTitle": "Lab Results",
        "hostServers": [{"serverName": "Sandbox", "url": "https://sandbox.labs.example"}],
    }


async def gql(
    graph: Graph, query: str, variables: dict[str, Any] | None = None, *, as_: dict[str, str]
) -> dict[str, Any]:
    response = await graph.http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=as_
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def publish(
    graph: Graph,
    name: str,
    *,
    oas: bytes = OAS,
    filename: str = "labs.yaml",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """A publish by the GraphQL multipart request spec, as `curl -F` sends it."""
    operations = {
        "query": PUBLISH,
        "variables": {"input": details(name), "oas": None, "doc": None},
    }
    files: dict[str, Any] = {
        "operations": (None, json.dumps(operations), "application/json"),
        "map": (None, json.dumps({"0": ["variables.oas"], "1": ["variables.doc"]})),
        "0": (filename, oas, "application/yaml"),
        "1": ("guide.md", b"# Lab results\n", "text/markdown"),
    }
    return await graph.http.post(
        "/graphql", files=files, headers={**PRODUCER, **PREFLIGHT, **(headers or {})}
    )


async def test_a_multipart_publish_downloads_back_byte_for_byte(graph: Graph) -> None:
    name = f"Lab Results {uuid.uuid4().hex[:6]}"
    response = await publish(graph, name)
    assert response.status_code == 200, response.text
    payload = response.json()["data"]["publishApi"]
    assert payload["userErrors"] == []
    api_id = payload["api"]["apiId"]
    body = await gql(
        graph,
        "query($id: String!) { api(apiId: $id) { name oasFile { url } "
        "endpoints { method path summary operationId } } }",
        {"id": api_id},
        as_=PRODUCER,
    )
    found = body["data"]["api"]
    assert found["name"] == name
    async with httpx.AsyncClient() as http:
        downloaded = await http.get(found["oasFile"]["url"])
    assert downloaded.content == OAS
    document = yaml.safe_load(OAS)
    expected = [
        (method.upper(), path, op.get("summary"), op.get("operationId"))
        for path, item in document["paths"].items()
        for method, op in item.items()
    ]
    assert [
        (e["method"], e["path"], e["summary"], e["operationId"]) for e in found["endpoints"]
    ] == expected


async def test_a_multipart_request_without_the_preflight_header_is_refused(graph: Graph) -> None:
    await graph.reset()
    operations = {"query": PUBLISH, "variables": {"input": details("x"), "oas": None}}
    response = await graph.http.post(
        "/graphql",
        files={
            "operations": (None, json.dumps(operations)),
            "map": (None, json.dumps({"0": ["variables.oas"]})),
            "0": ("labs.yaml", OAS, "application/yaml"),
        },
        headers=PRODUCER,
    )
    assert response.status_code == 400
    assert "GraphQL-Require-Preflight" in response.json()["errors"][0]["message"]
    assert "POST /apis" not in await graph.calls("portal")


async def test_a_wrong_file_type_is_a_user_error_before_any_call(graph: Graph) -> None:
    await graph.reset()
    response = await publish(graph, "Wrong type", filename="labs.txt")
    payload = response.json()["data"]["publishApi"]
    assert payload["api"] is None
    (error,) = payload["userErrors"]
    assert error["field"] == ["oasFile"]
    assert error["code"] == "INVALID"
    assert "POST /apis" not in await graph.calls("portal")


async def test_a_value_outside_the_portals_lists_is_a_user_error(graph: Graph) -> None:
    operations = {
        "query": PUBLISH,
        "variables": {"input": {**details("Bad"), "visibility": "Secret"}, "oas": None},
    }
    response = await graph.http.post(
        "/graphql",
        files={
            "operations": (None, json.dumps(operations)),
            "map": (None, json.dumps({"0": ["variables.oas"]})),
            "0": ("labs.yaml", OAS, "application/yaml"),
        },
        headers={**PRODUCER, **PREFLIGHT},
    )
    (error,) = response.json()["data"]["publishApi"]["userErrors"]
    assert error["field"] == ["input", "visibility"]


async def test_a_consumer_is_refused_the_producer_calls(graph: Graph) -> None:
    response = await publish(graph, "Not mine", headers=CONSUMER)
    body = response.json()
    assert body["data"] is None or body["data"]["publishApi"] is None or body.get("errors")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    mine = await gql(graph, "{ myApis(first: 5) { nodes { apiId } } }", as_=CONSUMER)
    assert mine["data"]["myApis"] is None
    assert mine["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # The producer view of one API's requests is refused alone; the rest answers.
    first = await gql(graph, "{ apis(first: 1) { nodes { apiId } } }", as_=CONSUMER)
    api_id = first["data"]["apis"]["nodes"][0]["apiId"]
    body = await gql(
        graph,
        "query($id: String!) { api(apiId: $id) { name accessRequests { requestId } } }",
        {"id": api_id},
        as_=CONSUMER,
    )
    assert body["data"]["api"]["name"]
    assert body["data"]["api"]["accessRequests"] is None
    assert body["errors"][0]["path"] == ["api", "accessRequests"]
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def _everything(graph: Graph, args: str, as_: dict[str, str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        body = await gql(
            graph,
            f"query($after: String) {{ apis(first: 7, after: $after{args}) {{ totalCount "
            "nodes { apiId name category visibility } pageInfo { hasNextPage endCursor } } }",
            {"after": after},
            as_=as_,
        )
        conn = body["data"]["apis"]
        out += conn["nodes"]
        if not conn["pageInfo"]["hasNextPage"]:
            assert conn["totalCount"] == len(out)
            return out
        after = conn["pageInfo"]["endCursor"]


async def test_the_filter_runs_on_the_whole_catalog_and_pages_exactly(graph: Graph) -> None:
    everything = await _everything(graph, "", CONSUMER)
    assert len(everything) >= 40
    assert [a["name"] for a in everything] == sorted(a["name"] for a in everything)
    args = ', filter: {category: {eq: "Patient"}, not: {visibility: {in: ["Partner"]}}}'
    filtered = await _everything(graph, args, CONSUMER)
    assert filtered == [
        a for a in everything if a["category"] == "Patient" and a["visibility"] != "Partner"
    ]


async def test_keyset_cursors_stay_exact_when_the_catalog_changes(graph: Graph) -> None:
    query = (
        "query($after: String) { apis(first: 5, after: $after) "
        "{ nodes { apiId name } pageInfo { endCursor } } }"
    )
    first = (await gql(graph, query, {"after": None}, as_=PRODUCER))["data"]["apis"]
    # A new API sorting before everything on the first page.
    assert (await publish(graph, "  Aardvark Labs")).status_code == 200
    rest = (await gql(graph, query, {"after": first["pageInfo"]["endCursor"]}, as_=PRODUCER))[
        "data"
    ]["apis"]
    now = await _everything(graph, "", PRODUCER)
    names = [a["name"] for a in now]
    last_seen = first["nodes"][-1]["name"]
    # Page two starts right after the last row of page one, wherever that row now is.
    assert rest["nodes"][0]["name"] == names[names.index(last_seen) + 1]


async def test_access_request_to_approval_to_client(graph: Graph) -> None:
    response = await publish(graph, f"Claims {uuid.uuid4().hex[:6]}")
    api = response.json()["data"]["publishApi"]["api"]
    server_id = api["hostServers"][0]["serverId"]
    requested = await gql(
        graph,
        """mutation($input: RequestApiAccessInput!) { requestApiAccess(input: $input) {
             accessRequest { requestId status } userErrors { field message } } }""",
        {
            "input": {
                "apiId": api["apiId"],
                "serverId": server_id,
                "environment": "Sandbox",
                "url": "https://sandbox.labs.example",
            }
        },
        as_=CONSUMER,
    )
    assert requested["data"]["requestApiAccess"]["accessRequest"], requested
    request = requested["data"]["requestApiAccess"]["accessRequest"]
    assert request["status"] == "Pending"
    respond = """mutation($input: RespondToAccessRequestInput!) {
      respondToAccessRequest(input: $input) {
        accessRequest { status history { status } } emailSent emailError
        userErrors { field code } } }"""
    no_reason = await gql(
        graph,
        respond,
        {"input": {"apiId": api["apiId"], "requestId": request["requestId"], "decision": "DENIED"}},
        as_=PRODUCER,
    )
    assert no_reason["data"]["respondToAccessRequest"]["userErrors"] == [
        {"field": ["input", "reason"], "code": "MISSING"}
    ]
    approved = await gql(
        graph,
        respond,
        {
            "input": {
                "apiId": api["apiId"],
                "requestId": request["requestId"],
                "decision": "APPROVED",
            }
        },
        as_=PRODUCER,
    )
    payload = approved["data"]["respondToAccessRequest"]
    assert payload["userErrors"] == []
    assert payload["accessRequest"]["status"] == "Approved"
    assert payload["emailSent"] is True
    emails = (await graph.upstream("GET", "/__emails", upstream="portal")).json()["emails"]
    assert any(e.get("templateName") or e for e in emails)
    created = await gql(
        graph,
        """mutation($input: CreateClientInput!) { createClient(input: $input) {
             client { clientId grantType } clientSecret userErrors { field message } } }""",
        {
            "input": {
                "apiId": api["apiId"],
                "requestId": request["requestId"],
                "serverId": server_id,
                "environment": "Sandbox",
                "url": "https://sandbox.labs.example",
                "grantType": "client_credentials",
                "redirectUris": [],
            }
        },
        as_=CONSUMER,
    )
    made = created["data"]["createClient"]
    assert made["userErrors"] == []
    assert made["clientSecret"]
    listed = await gql(
        graph,
        "query($s: String!) { clients(serverId: $s) { clientId } }",
        {"s": server_id},
        as_=CONSUMER,
    )
    assert made["client"]["clientId"] in [c["clientId"] for c in listed["data"]["clients"]]
    assert made["clientSecret"] not in json.dumps(listed)


async def test_a_failed_decision_email_leaves_the_decision_standing(graph: Graph) -> None:
    response = await publish(graph, f"Imaging {uuid.uuid4().hex[:6]}")
    api = response.json()["data"]["publishApi"]["api"]
    requested = await gql(
        graph,
        """mutation($input: RequestApiAccessInput!) { requestApiAccess(input: $input) {
             accessRequest { requestId } } }""",
        {
            "input": {
                "apiId": api["apiId"],
                "serverId": api["hostServers"][0]["serverId"],
                "environment": "Sandbox",
                "url": "https://sandbox.labs.example",
            }
        },
        as_=CONSUMER,
    )
    request_id = requested["data"]["requestApiAccess"]["accessRequest"]["requestId"]
    assert (await graph.upstream("POST", "/__emails/failing", upstream="portal")).is_success
    try:
        denied = await gql(
            graph,
            """mutation($input: RespondToAccessRequestInput!) {
                 respondToAccessRequest(input: $input) {
                 accessRequest { status reason } emailSent emailError userErrors { code } } }""",
            {
                "input": {
                    "apiId": api["apiId"],
                    "requestId": request_id,
                    "decision": "DENIED",
                    "reason": "Sandbox only for accredited labs",
                }
            },
            as_=PRODUCER,
        )
    finally:
        await graph.upstream("DELETE", "/__emails/failing", upstream="portal")
    payload = denied["data"]["respondToAccessRequest"]
    assert payload["accessRequest"]["status"] == "Denied"
    assert payload["emailSent"] is False
    assert payload["emailError"]


async def test_supporting_lists_and_a_wrong_shape(graph: Graph) -> None:
    body = await gql(
        graph,
        "{ apiCategories { name } apiVisibilities { name } apiGrantTypes { name } "
        "apiAuthenticationMethods { name } }",
        as_=CONSUMER,
    )
    assert {"name": "Patient"} in body["data"]["apiCategories"]
    assert {"name": "OAUTH 2.0"} in body["data"]["apiAuthenticationMethods"]
    await graph.fault("portal", path="/files/", answer="malformed")
    first = await gql(graph, "{ apis(first: 1) { nodes { apiId } } }", as_=CONSUMER)
    api_id = first["data"]["apis"]["nodes"][0]["apiId"]
    broken = await gql(
        graph,
        "query($id: String!) { api(apiId: $id) { name endpoints { path } } }",
        {"id": api_id},
        as_=CONSUMER,
    )
    assert broken["data"]["api"]["name"]
    assert broken["data"]["api"]["endpoints"] is None
    assert broken["errors"][0]["extensions"]["code"] == "UNREADABLE_OAS_FILE"


async def _multipart(
    graph: Graph, query: str, variables: dict[str, Any], files: dict[str, tuple[str, bytes]]
) -> dict[str, Any]:
    mapping = {str(i): [f"variables.{name}"] for i, name in enumerate(files)}
    parts: dict[str, Any] = {
        "operations": (None, json.dumps({"query": query, "variables": variables})),
        "map": (None, json.dumps(mapping)),
    }
    for i, (filename, content) in enumerate(files.values()):
        parts[str(i)] = (filename, content, "application/octet-stream")
    response = await graph.http.post("/graphql", files=parts, headers={**PRODUCER, **PREFLIGHT})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_update_keeps_what_it_does_not_change_and_takes_a_new_oas_file(
    graph: Graph,
) -> None:
    response = await publish(graph, f"Vitals {uuid.uuid4().hex[:6]}")
    api_id = response.json()["data"]["publishApi"]["api"]["apiId"]
    new_oas = OAS.replace(b"/results/{id}", b"/results/{id}/history")
    body = await _multipart(
        graph,
        """mutation($input: UpdateApiInput!, $oas: Upload) {
             updateApi(input: $input, oasFile: $oas) {
             api { version name endpoints { path } } userErrors { field message } } }""",
        {"input": {"apiId": api_id, "version": "2.0.0"}, "oas": None},
        {"oas": ("vitals.yaml", new_oas)},
    )
    payload = body["data"]["updateApi"]
    assert payload["userErrors"] == []
    assert payload["api"]["version"] == "2.0.0"
    assert payload["api"]["name"].startswith("Vitals")
    assert "/results/{id}/history" in [e["path"] for e in payload["api"]["endpoints"]]


async def test_upload_oas_file_answers_a_link_to_the_same_bytes(graph: Graph) -> None:
    body = await _multipart(
        graph,
        "mutation($oas: Upload!) { uploadOasFile(oasFile: $oas) { url userErrors { message } } }",
        {"oas": None},
        {"oas": ("labs.json", json.dumps(yaml.safe_load(OAS)).encode())},
    )
    url = body["data"]["uploadOasFile"]["url"]
    async with httpx.AsyncClient() as http:
        assert (await http.get(url)).content == json.dumps(yaml.safe_load(OAS)).encode()


async def test_a_file_larger_than_a_json_body_may_be_is_uploaded(graph: Graph) -> None:
    document = yaml.safe_load(OAS)
    document["info"]["description"] = "x" * (1536 * 1024)  # above the 1 MiB JSON body limit
    content = json.dumps(document).encode()
    body = await _multipart(
        graph,
        "mutation($oas: Upload!) { uploadOasFile(oasFile: $oas) { url userErrors { message } } }",
        {"oas": None},
        {"oas": ("big.json", content)},
    )
    url = body["data"]["uploadOasFile"]["url"]
    async with httpx.AsyncClient() as http:
        assert (await http.get(url)).content == content
