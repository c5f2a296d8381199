"""MISP writes: MOSIP's PMS codes as userErrors (code, message, field), the checks made
before a call, and what is sent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from resolvers.core.writes import UserErrorCode, UserErrorRecord
from resolvers.misps import writes
from tests.resolvers.misps.support import context
from tests.upstreams.mosip.test_client import failed, ok
from upstreams import UpstreamError

TELECOM = "64269837502851"
KEY = "fa604-affcd-33201-04770"


def refusing(*errors: tuple[str, str]) -> Any:
    def route(request: httpx.Request, body: Any) -> httpx.Response:
        response = failed(*errors[0])
        payload = response.json()
        payload["errors"] = [{"errorCode": c, "message": m} for c, m in errors]
        return httpx.Response(200, json=payload)

    return route


async def _create(route: Any, **changes: Any) -> Any:
    ctx, fake = context(route)
    given = {
        "organization_name": "Kestrel",
        "email": "ops@kestrel.example",
        "address": "Nairobi",
        "contact_number": None,
        **changes,
    }
    return await writes.create_misp(ctx, **given), fake


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("Missing Input Parameter - emailId", ("input", "email")),
        ("Missing Input Parameter - organizationName", ("input", "organizationName")),
        ("Missing Input Parameter - name", ("input", "organizationName")),
        ("Missing Input Parameter - requesttime", None),  # the envelope's, not the input's
        ("Missing Input Parameter", None),
    ],
)
async def test_a_missing_parameter_is_pms_cor_001_at_the_field_it_names(
    message: str, field: tuple[str, ...] | None
) -> None:
    outcome, _ = await _create(refusing(("PMS_COR_001", message)))
    assert outcome.value is None
    assert outcome.user_errors == [UserErrorRecord(message, UserErrorCode.PMS_COR_001, field)]


async def test_several_caller_codes_are_several_user_errors_with_their_messages() -> None:
    outcome, _ = await _create(
        refusing(
            ("PMS_COR_002", "Invalid Input Parameter - contactNumber"),
            ("PMS_MSP_003", "A MISP is already registered with name - Kestrel"),
        ),
        contact_number="9876543210",
    )
    assert outcome.user_errors == [
        UserErrorRecord(
            "Invalid Input Parameter - contactNumber",
            UserErrorCode.PMS_COR_002,
            ("input", "contactNumber"),
        ),
        UserErrorRecord(
            "A MISP is already registered with name - Kestrel",
            UserErrorCode.PMS_MSP_003,
            ("input", "organizationName"),
        ),
    ]


@pytest.mark.parametrize(
    "errors",
    [
        [("PMS_COR_003", "Could not process the request")],
        [("PMS_MSP_003", "taken"), ("PMS_COR_003", "Could not process the request")],
        [("PMS_MSP_003", "taken"), ("PMS_XYZ_999", "something new")],
    ],
)
async def test_a_server_side_or_unknown_code_is_a_graphql_error(errors: list[Any]) -> None:
    with pytest.raises(UpstreamError) as caught:
        await _create(refusing(*errors))
    assert caught.value.extensions["code"] == "UPSTREAM_ERROR"
    assert caught.value.extensions["upstreamCodes"] == [c for c, _ in errors]


async def test_a_not_found_code_in_a_write_is_its_user_error() -> None:
    ctx, _ = context(refusing(("PMS_MSP_005", "MISP ID does not exist 1")))
    outcome = await writes.set_misp_status(ctx, misp_id="1", status="DEACTIVATED")
    assert outcome.user_errors == [
        UserErrorRecord("MISP ID does not exist 1", UserErrorCode.PMS_MSP_005, ("input", "mispId"))
    ]


async def test_deactivated_is_sent_as_de_active() -> None:
    ctx, fake = context(lambda r, b: ok({"message": "MISP deactivated successfully"}))
    outcome = await writes.set_misp_status(ctx, misp_id=TELECOM, status="DEACTIVATED")
    assert outcome.value == "MISP deactivated successfully"
    assert fake.requests[-1][1]["request"] == {"mispStatus": "De-Active"}  # type: ignore[index]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"organization_name": " "}, [("organizationName", UserErrorCode.BLANK)]),
        ({"organization_name": "..", "email": "x@"}, [
            ("organizationName", UserErrorCode.INVALID_FORMAT),
            ("email", UserErrorCode.INVALID_FORMAT),
        ]),
        ({"contact_number": "+12"}, [("contactNumber", UserErrorCode.INVALID_FORMAT)]),
        ({"contact_number": "  "}, [("contactNumber", UserErrorCode.BLANK)]),
        ({"address": "\t"}, [("address", UserErrorCode.BLANK)]),
    ],
)  # fmt: skip
async def test_create_checks_before_the_call(
    changes: dict[str, Any], expected: list[tuple[str, UserErrorCode]]
) -> None:
    outcome, fake = await _create(lambda r, b: ok({"mispID": "1"}), **changes)
    assert [(e.field, e.code) for e in outcome.user_errors] == [
        (("input", name), code) for name, code in expected
    ]
    assert fake.requests == []


async def test_update_sends_only_what_is_given_trimmed() -> None:
    ctx, fake = context(lambda r, b: ok({"id": TELECOM, "organizationName": "telecom"}))
    outcome = await writes.update_misp(
        ctx,
        misp_id=TELECOM,
        organization_name=None,
        email=" prm@telecom.com ",
        address=None,
        contact_number="",  # blank: not given, as MOSIP reads it
    )
    assert outcome.user_errors == []
    assert fake.requests[-1][1]["request"] == {"emailId": "prm@telecom.com"}  # type: ignore[index]


async def test_update_with_nothing_is_sent_for_mosip_to_refuse() -> None:
    ctx, fake = context(refusing(("PMS_MSP_004", "No information provided for update")))
    outcome = await writes.update_misp(
        ctx, misp_id=TELECOM, organization_name=None, email=None, address=None, contact_number=None
    )
    assert outcome.user_errors == [
        UserErrorRecord("No information provided for update", UserErrorCode.PMS_MSP_004, None)
    ]
    assert fake.requests[-1][1]["request"] == {}  # type: ignore[index]


@pytest.mark.parametrize("key", ["", "fa604-affcd-33201", "x" * 49, KEY + " ", "é" * 50])
async def test_a_key_outside_both_styles_is_refused_without_echoing_it(key: str) -> None:
    ctx, fake = context(lambda r, b: ok({"message": "MISP License key is valid"}))
    outcome = await writes.validate_license_key(ctx, misp_id=TELECOM, license_key=key)
    (error,) = outcome.user_errors
    assert (error.field, error.code) == (("input", "licenseKey"), UserErrorCode.INVALID_FORMAT)
    assert not key.strip() or key.strip() not in error.message
    assert fake.requests == []


async def test_download_of_a_misp_without_a_key_is_pms_msp_006() -> None:
    ctx, _ = context(refusing(("PMS_MSP_006", "MISP ID/MISP License Key does not exist")))
    outcome = await writes.download_license_key(ctx, misp_id=TELECOM)
    assert outcome.user_errors == [
        UserErrorRecord(
            "MISP ID/MISP License Key does not exist",
            UserErrorCode.PMS_MSP_006,
            ("input", "mispId"),
        )
    ]


async def test_an_id_outside_mosips_format_is_refused_before_the_call() -> None:
    ctx, fake = context(lambda r, b: ok({}))
    outcome = await writes.decide_misp(ctx, misp_id="12/../3", decision="APPROVED")
    assert [(e.field, e.code) for e in outcome.user_errors] == [
        (("input", "mispId"), UserErrorCode.INVALID)
    ]
    assert fake.requests == []
