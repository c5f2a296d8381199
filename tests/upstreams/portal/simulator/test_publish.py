"""The simulator: multipart publish, partial update and OAS upload (producers)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from tests.upstreams.portal.simulator.support import (
    EXAMPLE_API_ID,
    OAS_JSON,
    OAS_YAML,
    Bed,
    api_data,
    files,
    publish,
)


async def _download(bed: Bed, api_id: str) -> tuple[bytes, str]:
    link = (await bed.consumer.get(f"/apis/oas/{api_id}")).json()["url"]
    response = await bed.anonymous.get(link)
    assert response.status_code == 200
    return response.content, response.headers["content-type"]


@pytest.mark.parametrize(
    ("filename", "content", "media"),
    [
        ("claims.json", OAS_JSON, "application/json"),
        ("referrals.yaml", OAS_YAML, "application/yaml"),
        ("referrals.YML", OAS_YAML, "application/yaml"),
    ],
)
async def test_a_published_oas_file_downloads_back_byte_for_byte(
    bed: Bed, filename: str, content: bytes, media: str
) -> None:
    response = await publish(bed.producer, oas=(filename, content, "application/octet-stream"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"message", "id"}
    assert body["message"] == "Insert Successful"
    assert await _download(bed, body["id"]) == (content, media)


async def test_a_published_api_reads_back_as_sent(bed: Bed) -> None:
    api_id = (await publish(bed.producer)).json()["id"]
    api = (await bed.consumer.get(f"/apis/{api_id}")).json()
    sent = api_data()
    for key in ("name", "description", "type", "path", "version", "category", "visibility"):
        assert api[key] == sent[key]
    assert api["authentication"] == "OAUTH 2.0"
    assert api["apiDocTitle"] == "Test Claims Guide"
    production, sandbox = api["hostServers"]
    # An id left blank is generated; one given is kept.
    assert production["id"]
    assert production["hostName"] == "https://api.test.example/claims"
    assert sandbox == {
        "hostName": "https://sb.test.example/claims",
        "serverName": "Sandbox",
        "id": "sb-1",
    }
    assert api["oasFileName"] == "claims.json"
    assert api["docFileName"] == "claims.md"
    assert api["createdBy"] == "u-jordan-ellis"
    listed = (await bed.producer.get("/apis/producer")).json()
    assert f"Api#{api_id}" in {a["SK"] for a in listed}


@pytest.mark.parametrize(
    ("parts", "field"),
    [
        ({"oas": ("claims.txt", OAS_JSON, "text/plain")}, "file"),
        ({"oas": ("claims.xml", b"<openapi/>", "application/xml")}, "file"),
        ({"oas": ("claims", OAS_JSON, "application/json")}, "file"),
        ({"doc": ("claims.pdf", b"%PDF-1.4", "application/pdf")}, "doc"),
        ({"doc": ("claims.markdown", b"# Claims", "text/markdown")}, "doc"),
    ],
)
async def test_wrong_file_types_are_refused(bed: Bed, parts: dict[str, Any], field: str) -> None:
    before = len((await bed.producer.get("/apis/producer")).json())
    response = await publish(bed.producer, **parts)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "INVALID_FILE_TYPE"
    assert body["errors"][0]["field"] == field
    assert set(body) == {"message", "code", "errors"}
    assert len((await bed.producer.get("/apis/producer")).json()) == before


@pytest.mark.parametrize(
    "oas",
    [
        ("claims.json", b"{not json", "application/json"),
        ("claims.yaml", b"openapi: [3.0", "application/yaml"),
        ("claims.json", b'{"title": "no openapi key", "paths": {}}', "application/json"),
        ("claims.yaml", b"openapi: 3.0.3\ninfo:\n  title: X\n", "application/yaml"),  # no paths
    ],
)
async def test_a_file_that_is_not_an_oas_document_is_refused(
    bed: Bed, oas: tuple[str, bytes, str]
) -> None:
    response = await publish(bed.producer, oas=oas)
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_OAS_FILE"


async def test_the_oas_file_and_the_details_are_required_to_publish(bed: Bed) -> None:
    for missing in ("oas", "data"):
        response = await publish(bed.producer, **{missing: None})
        assert response.status_code == 400
        assert response.json()["code"] == "MISSING_PART"


async def test_an_api_can_be_published_without_documentation(bed: Bed) -> None:
    response = await publish(bed.producer, doc=None)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"type": "SOAP"}, "type"),
        ({"category": "Payer"}, "category"),
        ({"visibility": "Everyone"}, "visibility"),
        ({"authentication": "OAuth2"}, "authentication"),
        ({"hostServers": []}, "hostServers"),
        ({"hostServers": [{"hostName": "ftp://x", "serverName": "Production"}]},
         "hostServers[0].hostName"),
        ({"hostServers": [{"hostName": "https://x.example", "serverName": "Staging"}]},
         "hostServers[0].serverName"),
        ({"name": ""}, "name"),
        ({"path": "no-slash"}, "path"),
        ({"owner": "me"}, "owner"),
    ],
)  # fmt: skip
async def test_data_outside_the_documents_values_is_refused(
    bed: Bed, changes: dict[str, Any], field: str
) -> None:
    response = await publish(bed.producer, data=api_data(**changes))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "VALIDATION_ERROR"
    assert field in {e["field"] for e in body["errors"]}


async def test_a_missing_data_field_is_named(bed: Bed) -> None:
    data = api_data()
    del data["apiDocTitle"]
    response = await publish(bed.producer, data=data)
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "apiDocTitle", "message": "is required"}]


async def test_data_that_is_not_json_is_refused(bed: Bed) -> None:
    response = await publish(bed.producer, data="{name: x")
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_JSON"


async def test_the_url_alias_of_host_name_is_read(bed: Bed) -> None:
    servers = [{"url": "https://alias.example/v1", "serverName": "Sandbox"}]
    api_id = (await publish(bed.producer, data=api_data(hostServers=servers))).json()["id"]
    api = (await bed.producer.get(f"/apis/{api_id}")).json()
    assert api["hostServers"][0]["hostName"] == "https://alias.example/v1"


async def test_an_update_keeps_every_part_and_field_it_omits(bed: Bed) -> None:
    api_id = (await publish(bed.producer)).json()["id"]
    before = (await bed.producer.get(f"/apis/{api_id}")).json()
    oas_before = await _download(bed, api_id)
    response = await bed.producer.put(
        f"/apis/{api_id}", files=files(oas=None, doc=None, data={"version": "1.1.0"})
    )
    assert (response.status_code, response.json()) == (200, {"message": "Update Successful"})
    after = (await bed.producer.get(f"/apis/{api_id}")).json()
    assert after["version"] == "1.1.0"
    for key in set(before) - {"version", "updatedDate"}:
        assert after[key] == before[key], key
    assert after["updatedDate"] >= before["updatedDate"]
    assert await _download(bed, api_id) == oas_before


async def test_an_update_of_the_oas_file_alone_keeps_the_details(bed: Bed) -> None:
    api_id = (await publish(bed.producer)).json()["id"]
    before = (await bed.producer.get(f"/apis/{api_id}")).json()
    response = await bed.producer.put(
        f"/apis/{api_id}",
        files=files(oas=("referrals.yaml", OAS_YAML, "application/yaml"), doc=None),
    )
    assert response.status_code == 200
    assert await _download(bed, api_id) == (OAS_YAML, "application/yaml")
    after = (await bed.producer.get(f"/apis/{api_id}")).json()
    assert after["oasFileName"] == "referrals.yaml"
    assert {k: v for k, v in after.items() if k not in ("oasFileName", "updatedDate")} == {
        k: v for k, v in before.items() if k not in ("oasFileName", "updatedDate")
    }


async def test_a_refused_update_changes_nothing(bed: Bed) -> None:
    before = (await bed.producer.get(f"/apis/{EXAMPLE_API_ID}")).json()
    response = await bed.producer.put(
        f"/apis/{EXAMPLE_API_ID}",
        files=files(oas=("x.txt", b"x", "text/plain"), doc=None, data={"version": "2"}),
    )
    assert response.status_code == 400
    assert (await bed.producer.get(f"/apis/{EXAMPLE_API_ID}")).json() == before


async def test_an_update_with_nothing_in_it_is_refused(bed: Bed) -> None:
    response = await bed.producer.put(
        f"/apis/{EXAMPLE_API_ID}", files=files(oas=None, doc=None, data={})
    )
    assert response.status_code == 400
    response = await bed.producer.put(f"/apis/{EXAMPLE_API_ID}", files=[("x", (None, b"1", None))])
    assert response.status_code == 400
    assert (await bed.producer.put("/apis/nope", files=files(doc=None))).status_code == 404


async def test_an_uploaded_oas_file_is_served_from_its_link(bed: Bed) -> None:
    response = await bed.producer.post(
        "/apis/oas/upload", files=files(oas=("up.yml", OAS_YAML, "application/yaml"), doc=None)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Upload Successful"
    served = await bed.anonymous.get(body["url"])
    assert served.content == OAS_YAML
    assert served.headers["content-type"] == "application/yaml"
    refused = await bed.producer.post(
        "/apis/oas/upload", files=files(oas=("up.docx", b"PK", "application/msword"), doc=None)
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "INVALID_FILE_TYPE"


async def test_a_file_over_the_bound_is_413(bed: Bed) -> None:
    big = orjson.dumps(
        {"openapi": "3.0.3", "info": {"title": "x"}, "paths": {}, "pad": "x" * (5 * 1024 * 1024)}
    )
    response = await publish(bed.producer, oas=("big.json", big, "application/json"))
    assert response.status_code == 413
    assert response.json()["code"] == "FILE_TOO_LARGE"


async def test_a_json_body_is_not_a_publish(bed: Bed) -> None:
    response = await bed.producer.post("/apis", json=api_data())
    assert response.status_code == 400
    assert response.json()["code"] == "MISSING_PART"


async def test_host_servers_sent_in_an_update_replace_the_list(bed: Bed) -> None:
    api_id = (await publish(bed.producer)).json()["id"]
    servers = [{"hostName": "https://new.example/v2", "serverName": "Production", "id": "p2"}]
    response = await bed.producer.put(
        f"/apis/{api_id}", files=files(oas=None, doc=None, data={"hostServers": servers})
    )
    assert response.status_code == 200
    after = (await bed.producer.get(f"/apis/{api_id}")).json()
    assert after["hostServers"] == servers
    assert after["name"] == api_data()["name"]
