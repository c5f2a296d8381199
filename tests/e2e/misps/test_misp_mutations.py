"""MISP writes end to end: checked before the call, every caller-side PMS code MOSIP can
answer as a userError with that code and MOSIP's message, server-side failures as GraphQL
errors, an unknown outcome reported and never retried, and the license key whole only in
the payloads that issue or download it."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.e2e.conftest import Graph
from tests.e2e.misps.support import (
    AIRTEL,
    CREATE,
    DECIDE,
    SHOW,
    TELECOM,
    TELECOM_INDIA_KEY,
    TELECOM_KEY,
    UPDATE,
    VALIDATE_KEY,
    mosip_calls,
)

CREATE_MISP = """mutation($input: CreateMispInput!) { createMisp(input: $input) {
  mispId misp { mispId organizationName email address contactNumber status approval }
  userErrors { field message code } } }"""
UPDATE_MISP = """mutation($input: UpdateMispInput!) { updateMisp(input: $input) {
  mispId misp { organizationName email address contactNumber status }
  userErrors { field message code } } }"""
DECIDE_MISP = """mutation($input: DecideMispInput!) { decideMisp(input: $input) {
  mispId approval status message licenseKey { key masked status expiresAt }
  misp { approval status licenseKey { masked status } }
  userErrors { field message code } } }"""
SET_STATUS = """mutation($input: SetMispStatusInput!) { setMispStatus(input: $input) {
  mispId status message misp { status } userErrors { field message code } } }"""
VALIDATE = """mutation($input: ValidateMispLicenseKeyInput!) {
  validateMispLicenseKey(input: $input) { valid message userErrors { field message code } } }"""
SET_KEY = """mutation($input: SetMispLicenseKeyStatusInput!) {
  setMispLicenseKeyStatus(input: $input) {
    mispId maskedKey status userErrors { field message code } } }"""
DOWNLOAD = """mutation($input: DownloadMispLicenseKeyInput!) {
  downloadMispLicenseKey(input: $input) {
    mispId licenseKey { key masked status expiresAt } userErrors { field message code } } }"""
LICENSE_QUERY = """query($id: String!) { misp(mispId: $id) {
  licenseKey { masked status expiresAt expired } } }"""

_names = itertools.count(1)


def details(**changes: Any) -> dict[str, Any]:
    n = next(_names)
    base = {
        "organizationName": f"Kestrel Mobile {n}",
        "email": f"ops{n}@kestrel.example",
        "address": "Nairobi, Kenya",
        "contactNumber": "+254700000001",
    }
    base.update(changes)
    return base


async def new_misp(graph: Graph, **changes: Any) -> str:
    data = await graph.data(CREATE_MISP, {"input": details(**changes)})
    assert data["createMisp"]["userErrors"] == []
    misp_id: str = data["createMisp"]["mispId"]
    return misp_id


async def approved(graph: Graph) -> tuple[str, str]:
    """A new MISP, approved: its id and the key MOSIP issued."""
    misp_id = await new_misp(graph)
    data = await graph.data(DECIDE_MISP, {"input": {"mispId": misp_id, "decision": "APPROVED"}})
    key: str = data["decideMisp"]["licenseKey"]["key"]
    return misp_id, key


async def test_create_then_read_back(graph: Graph) -> None:
    given = details(organizationName="  Heron Telecom  ")
    data = await graph.data(CREATE_MISP, {"input": given})
    payload = data["createMisp"]
    assert payload["userErrors"] == []
    assert payload["misp"] == {
        "mispId": payload["mispId"],
        "organizationName": "Heron Telecom",
        "email": given["email"],
        "address": "Nairobi, Kenya",
        "contactNumber": "+254700000001",
        "status": "ACTIVE",
        "approval": "IN_PROGRESS",
    }
    (sent,) = [
        r for r in await graph.requests("mosip") if r["method"] == "POST" and "misps" in r["path"]
    ]
    assert sent["body"]["request"] == {
        "organizationName": "Heron Telecom",
        "emailId": given["email"],
        "address": "Nairobi, Kenya",
        "contactNumber": "+254700000001",
    }
    assert mosip_calls(await graph.calls("mosip")) == {CREATE: 1, SHOW: 1}


async def test_the_payload_misp_is_read_only_when_selected(graph: Graph) -> None:
    data = await graph.data(
        "mutation($i: CreateMispInput!) { createMisp(input: $i) { mispId userErrors { code } } }",
        {"i": details()},
    )
    assert data["createMisp"]["mispId"]
    assert mosip_calls(await graph.calls("mosip")) == {CREATE: 1}


async def test_update_changes_only_what_is_given(graph: Graph) -> None:
    misp_id = await new_misp(graph, address="Kisumu")
    data = await graph.data(
        UPDATE_MISP, {"input": {"mispId": misp_id, "address": "Mombasa, Kenya"}}
    )
    payload = data["updateMisp"]
    assert payload["userErrors"] == []
    assert payload["misp"]["address"] == "Mombasa, Kenya"
    assert payload["misp"]["status"] == "ACTIVE"
    (sent,) = [r for r in await graph.requests("mosip") if r["method"] == "PUT"]
    assert sent["body"]["request"] == {"address": "Mombasa, Kenya"}


async def test_approval_issues_a_key_answered_whole_once(graph: Graph) -> None:
    misp_id = await new_misp(graph)
    data = await graph.data(DECIDE_MISP, {"input": {"mispId": misp_id, "decision": "APPROVED"}})
    payload = data["decideMisp"]
    assert payload["userErrors"] == []
    assert payload["approval"] == "APPROVED"
    assert payload["status"] == "ACTIVE"
    assert payload["message"] == "MISP approved successfully"
    key = payload["licenseKey"]
    assert len(key["key"]) == 50
    assert key["masked"] == "…" + key["key"][-4:]
    assert key["status"] == "ACTIVE"
    assert payload["misp"] == {
        "approval": "APPROVED",
        "status": "ACTIVE",
        "licenseKey": {"masked": key["masked"], "status": "ACTIVE"},
    }


async def test_rejection_issues_no_key_and_deactivates(graph: Graph) -> None:
    misp_id = await new_misp(graph)
    data = await graph.data(DECIDE_MISP, {"input": {"mispId": misp_id, "decision": "REJECTED"}})
    payload = data["decideMisp"]
    assert payload["userErrors"] == []
    assert (payload["approval"], payload["status"], payload["licenseKey"]) == (
        "REJECTED",
        "INACTIVE",
        None,
    )
    assert payload["misp"]["licenseKey"] is None


async def test_deactivate_and_activate_a_misp(graph: Graph) -> None:
    misp_id = await new_misp(graph)
    off = await graph.data(SET_STATUS, {"input": {"mispId": misp_id, "status": "DEACTIVATED"}})
    assert off["setMispStatus"]["status"] == "INACTIVE"
    assert off["setMispStatus"]["misp"] == {"status": "INACTIVE"}
    (sent,) = [r for r in await graph.requests("mosip") if r["method"] == "PATCH"]
    assert sent["body"]["request"] == {"mispStatus": "De-Active"}
    on = await graph.data(SET_STATUS, {"input": {"mispId": misp_id, "status": "ACTIVE"}})
    assert on["setMispStatus"]["status"] == "ACTIVE"
    assert on["setMispStatus"]["message"] == "MISP activated successfully"


async def test_validate_and_switch_a_key(graph: Graph) -> None:
    misp_id, key = await approved(graph)
    ok = await graph.data(VALIDATE, {"input": {"mispId": misp_id, "licenseKey": key}})
    assert ok["validateMispLicenseKey"] == {
        "valid": True,
        "message": "MISP License key is valid",
        "userErrors": [],
    }
    off = await graph.data(
        SET_KEY, {"input": {"mispId": misp_id, "licenseKey": key, "status": "DEACTIVATED"}}
    )
    assert off["setMispLicenseKeyStatus"] == {
        "mispId": misp_id,
        "maskedKey": "…" + key[-4:],
        "status": "INACTIVE",
        "userErrors": [],
    }
    shown = await graph.data(LICENSE_QUERY, {"id": misp_id})
    assert shown["misp"]["licenseKey"]["status"] == "INACTIVE"
    invalid = await graph.data(VALIDATE, {"input": {"mispId": misp_id, "licenseKey": key}})
    assert invalid["validateMispLicenseKey"]["valid"] is False
    assert invalid["validateMispLicenseKey"]["userErrors"] == [
        {
            "field": ["input", "licenseKey"],
            "message": "MISP License key not valid",
            "code": "PMS_MSP_008",
        }
    ]


async def test_download_answers_the_current_key_whole(graph: Graph) -> None:
    misp_id, key = await approved(graph)
    await graph.reset()
    data = await graph.data(DOWNLOAD, {"input": {"mispId": misp_id}})
    assert data["downloadMispLicenseKey"]["licenseKey"]["key"] == key
    assert data["downloadMispLicenseKey"]["userErrors"] == []
    none = await graph.data(DOWNLOAD, {"input": {"mispId": AIRTEL}})
    assert none["downloadMispLicenseKey"] == {
        "mispId": None,
        "licenseKey": None,
        "userErrors": [
            {
                "field": ["input", "mispId"],
                "message": "MISP ID/MISP License Key does not exist",
                "code": "PMS_MSP_006",
            }
        ],
    }


# --- every caller-side PMS code the simulator can answer ----------------------------------

Case = Callable[[Graph], Awaitable[tuple[str, dict[str, Any], str]]]


async def _taken(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return CREATE_MISP, {"input": details(organizationName="TELECOM")}, "createMisp"


async def _nothing(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return UPDATE_MISP, {"input": {"mispId": TELECOM}}, "updateMisp"


async def _no_such_misp(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return UPDATE_MISP, {"input": {"mispId": "1", "address": "x"}}, "updateMisp"


async def _no_such_key(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return VALIDATE, {"input": {"mispId": "1", "licenseKey": TELECOM_KEY}}, "validateMispLicenseKey"


async def _another_misps_key(graph: Graph) -> tuple[str, dict[str, Any], str]:
    variables = {"input": {"mispId": TELECOM, "licenseKey": TELECOM_INDIA_KEY}}
    return VALIDATE, variables, "validateMispLicenseKey"


async def _inactive_key(graph: Graph) -> tuple[str, dict[str, Any], str]:
    misp_id, key = await approved(graph)
    await graph.data(
        SET_KEY, {"input": {"mispId": misp_id, "licenseKey": key, "status": "DEACTIVATED"}}
    )
    return VALIDATE, {"input": {"mispId": misp_id, "licenseKey": key}}, "validateMispLicenseKey"


async def _final_decision(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return DECIDE_MISP, {"input": {"mispId": TELECOM, "decision": "REJECTED"}}, "decideMisp"


async def _activate_rejected(graph: Graph) -> tuple[str, dict[str, Any], str]:
    misp_id = await new_misp(graph)
    await graph.data(DECIDE_MISP, {"input": {"mispId": misp_id, "decision": "REJECTED"}})
    return SET_STATUS, {"input": {"mispId": misp_id, "status": "ACTIVE"}}, "setMispStatus"


async def _same_decision(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return DECIDE_MISP, {"input": {"mispId": TELECOM, "decision": "APPROVED"}}, "decideMisp"


async def _same_status(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return SET_STATUS, {"input": {"mispId": TELECOM, "status": "ACTIVE"}}, "setMispStatus"


async def _too_long(graph: Graph) -> tuple[str, dict[str, Any], str]:
    return CREATE_MISP, {"input": details(address="x" * 300)}, "createMisp"


ACTIVATE = "PATCH /partnermanagement/v1/misps/{misp_id}"
NAME = ["input", "organizationName"]
KEY = ["input", "licenseKey"]
DECISION = ["input", "decision"]
STATUS = ["input", "status"]
FAILED = "Failed to update MISP status"
ALREADY = "MISP status already in the requested status"


@pytest.mark.parametrize(
    ("case", "code", "message", "field", "route"),
    [
        (_taken, "PMS_MSP_003", "A MISP is already registered with name - TELECOM", NAME, CREATE),
        (_nothing, "PMS_MSP_004", "No information provided for update", None, UPDATE),
        (_no_such_misp, "PMS_MSP_005", "MISP ID does not exist 1", ["input", "mispId"], UPDATE),
        (
            _no_such_key,
            "PMS_MSP_006",
            "MISP ID/MISP License Key does not exist",
            None,
            VALIDATE_KEY,
        ),
        (
            _another_misps_key,
            "PMS_MSP_007",
            "MISP License key not associated to MISP ID",
            KEY,
            VALIDATE_KEY,
        ),
        (_inactive_key, "PMS_MSP_008", "MISP License key not valid", KEY, VALIDATE_KEY),
        (_final_decision, "PMS_MSP_009", FAILED, DECISION, DECIDE),
        (_activate_rejected, "PMS_MSP_009", FAILED, STATUS, ACTIVATE),
        (_same_decision, "PMS_MSP_010", ALREADY, DECISION, DECIDE),
        (_same_status, "PMS_MSP_010", ALREADY, STATUS, ACTIVATE),
        (
            _too_long,
            "PMS_COR_002",
            "Invalid Input Parameter - address",
            ["input", "address"],
            CREATE,
        ),
    ],
)
async def test_each_pms_code_is_a_user_error_with_mosips_words(
    graph: Graph, case: Case, code: str, message: str, field: list[str] | None, route: str
) -> None:
    query, variables, name = await case(graph)
    await graph.reset()
    data = await graph.data(query, variables)
    payload = data[name]
    assert payload["userErrors"] == [{"field": field, "message": message, "code": code}]
    # Sent once, and nothing read back for a refused write.
    assert mosip_calls(await graph.calls("mosip")) == {route: 1}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"organizationName": "   "}, ["input", "organizationName"], "BLANK"),
        ({"organizationName": "-dash first"}, ["input", "organizationName"], "INVALID_FORMAT"),
        ({"email": "not-an-email"}, ["input", "email"], "INVALID_FORMAT"),
        ({"address": ""}, ["input", "address"], "BLANK"),
        ({"contactNumber": "98-76"}, ["input", "contactNumber"], "INVALID_FORMAT"),
    ],
)
async def test_mistakes_are_user_errors_before_any_call(
    graph: Graph, changes: dict[str, Any], field: list[str], code: str
) -> None:
    data = await graph.data(CREATE_MISP, {"input": details(**changes)})
    assert data["createMisp"]["mispId"] is None
    assert [(e["field"], e["code"]) for e in data["createMisp"]["userErrors"]] == [(field, code)]
    assert mosip_calls(await graph.calls("mosip")) == {}


@pytest.mark.parametrize(
    ("query", "variables", "field", "code"),
    [
        (UPDATE_MISP, {"mispId": "../1", "address": "x"}, ["input", "mispId"], "INVALID"),
        (DOWNLOAD, {"mispId": "12a"}, ["input", "mispId"], "INVALID"),
        (VALIDATE, {"mispId": TELECOM, "licenseKey": "abc"}, KEY, "INVALID_FORMAT"),
        (SET_KEY, {"mispId": TELECOM, "licenseKey": "", "status": "ACTIVE"}, KEY, "INVALID_FORMAT"),
    ],
)
async def test_ids_and_keys_outside_the_format_are_refused_before_the_call(
    graph: Graph, query: str, variables: dict[str, Any], field: list[str], code: str
) -> None:
    body = await graph.gql(query, {"input": variables})
    (payload,) = body["data"].values()
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)]
    assert mosip_calls(await graph.calls("mosip")) == {}


async def test_a_server_side_failure_is_a_graphql_error(graph: Graph) -> None:
    shape = {
        "id": None,
        "response": None,
        "errors": [{"errorCode": "PMS_COR_003", "message": "Could not process the request"}],
    }
    await graph.fault("mosip", path="/misps$", method="POST", answer="wrong_shape", shape=shape)
    body = await graph.gql(CREATE_MISP, {"input": details()}, expect_errors=True)
    assert body["data"] == {"createMisp": None}
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_ERROR"
    assert error["extensions"]["upstream"] == "mosip"
    assert error["extensions"]["upstreamCodes"] == ["PMS_COR_003"]
    assert mosip_calls(await graph.calls("mosip")) == {CREATE: 1}


async def test_a_write_whose_outcome_is_unknown_says_so_and_is_sent_once(graph: Graph) -> None:
    await graph.fault("mosip", path="/misps$", method="POST", delay_ms=2000)
    body = await graph.gql(CREATE_MISP, {"input": details()}, expect_errors=True)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "UPSTREAM_TIMEOUT"
    assert error["extensions"]["writeOutcome"] == "UNKNOWN"
    assert error["extensions"]["upstream"] == "mosip"
    assert mosip_calls(await graph.calls("mosip")) == {CREATE: 1}


# --- the key, whole only where it is issued or downloaded --------------------------------


async def test_the_key_appears_whole_only_in_its_mutations_payload(
    graph: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    misp_id = await new_misp(graph)
    issued = await graph.gql(DECIDE_MISP, {"input": {"mispId": misp_id, "decision": "APPROVED"}})
    key = issued["data"]["decideMisp"]["licenseKey"]["key"]
    # Everything else a client may do with the MISP and its key: none of it shows the key.
    answers = [
        await graph.gql(LICENSE_QUERY, {"id": misp_id}),
        await graph.gql(
            """{ misps(first: 100, filter: {approval: {eq: APPROVED}}) {
                 nodes { mispId licenseKey { masked status expiresAt } } } }"""
        ),
        await graph.gql(VALIDATE, {"input": {"mispId": misp_id, "licenseKey": key}}),
        await graph.gql(VALIDATE, {"input": {"mispId": TELECOM, "licenseKey": key}}),
        await graph.gql(VALIDATE, {"input": {"mispId": "1", "licenseKey": key}}),
        await graph.gql(
            SET_KEY, {"input": {"mispId": TELECOM, "licenseKey": key, "status": "ACTIVE"}}
        ),
        await graph.gql(
            SET_KEY, {"input": {"mispId": misp_id, "licenseKey": key, "status": "DEACTIVATED"}}
        ),
        await graph.gql(
            SET_KEY, {"input": {"mispId": misp_id, "licenseKey": key, "status": "ACTIVE"}}
        ),
    ]
    await graph.fault("mosip", path="/licenseKey$", method="PATCH", status=503)
    answers.append(
        await graph.gql(
            VALIDATE, {"input": {"mispId": misp_id, "licenseKey": key}}, expect_errors=True
        )
    )
    assert "errors" in answers[-1]
    await graph.fault("mosip", path="/name/", status=503)
    answers.append(await graph.gql(LICENSE_QUERY, {"id": misp_id}, expect_errors=True))
    for answer in answers:
        assert key not in json.dumps(answer)
    shown = answers[0]["data"]["misp"]["licenseKey"]["masked"]
    assert shown == "…" + key[-4:]
    # The download is the other place the key may be.
    downloaded = await graph.gql(DOWNLOAD, {"input": {"mispId": misp_id}})
    assert downloaded["data"]["downloadMispLicenseKey"]["licenseKey"]["key"] == key
    assert caplog.records  # the capture is live: the gateway and simulators log here
    assert key not in caplog.text
    assert TELECOM_KEY not in caplog.text
