"""MOSIP answers normalized to records: every spelling, strict shapes, UTC expiries."""

from __future__ import annotations

from typing import Any

import pytest

from upstreams import UpstreamProtocolError
from upstreams._shape import Op
from upstreams.mosip.records import (
    read_created,
    read_decision,
    read_license_key,
    read_license_status,
    read_misp,
    read_misps,
    read_misps_named,
)

OP = Op("mosip", "test")
KEY = "xNwJeS3vf6UL5b7QbGCDLfBxi8Ower4x0S0LwU14aXrZ2ngv5m"


def misp(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "64269837502851",
        "organizationName": "telecom",
        "contactNumber": "9876998888",
        "emailID": "prm@telecom.com",
        "address": "India",
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def test_the_documented_read_becomes_one_record() -> None:
    assert read_misp(misp(), OP) == {
        "id": "64269837502851",
        "name": "telecom",
        "address": "India",
        "contact_number": "9876998888",
        "email": "prm@telecom.com",
        "status": None,
        "approval": None,
        "license_key": None,
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"id": None, "mispId": "64269837502851"},
        {"id": None, "mispID": 64269837502851},
        {"organizationName": None, "name": "telecom"},
        {"emailID": None, "emailId": "prm@telecom.com"},
        {"emailID": None, "email": "prm@telecom.com"},
        {"contactNumber": 9876998888},
    ],
)
def test_every_documented_spelling_reads_the_same(changes: dict[str, Any]) -> None:
    assert read_misp(misp(**changes), OP) == read_misp(misp(), OP)


@pytest.mark.parametrize(
    ("words", "status", "approval"),
    [
        ({"status": "Active", "mispStatusCode": "approved"}, "ACTIVE", "APPROVED"),
        ({"mispStatus": "De-Active", "statusCode": "Rejected"}, "INACTIVE", "REJECTED"),
        ({"status": "de-active", "mispStatusCode": "in-progress"}, "INACTIVE", "IN_PROGRESS"),
        ({"status": "INACTIVE", "mispStatusCode": "In Progress"}, "INACTIVE", "IN_PROGRESS"),
    ],
)
def test_status_words_in_any_case_become_graph_names(
    words: dict[str, str], status: str, approval: str
) -> None:
    record = read_misp(misp(**words), OP)
    assert (record["status"], record["approval"]) == (status, approval)


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"id": None}, "id is missing"),
        ({"organizationName": None}, "organizationName is missing"),
        ({"address": ["India"]}, "address is list"),
        ({"status": "Sleeping"}, "status is not a known status"),
        ({"status": 1}, "status is int"),
    ],
)
def test_wrong_shapes_are_errors_naming_the_field(changes: dict[str, Any], complaint: str) -> None:
    with pytest.raises(UpstreamProtocolError, match=complaint):
        read_misp(misp(**changes), OP)


@pytest.mark.parametrize(
    ("expiry", "utc"),
    [
        ("2020-05-15T16:08:33.767993400", "2020-05-15T16:08:33.767993Z"),
        ("2020-05-15T16:08:33", "2020-05-15T16:08:33Z"),
        ("2020-05-15T16:08:33.5Z", "2020-05-15T16:08:33.500000Z"),
        ("2020-05-15T21:38:33+05:30", "2020-05-15T16:08:33Z"),
        ("2020-05-15T11:08:33-0500", "2020-05-15T16:08:33Z"),
        ("2022-12-31", "2022-12-31T23:59:59.999999Z"),
    ],
)
def test_license_expiries_become_utc_date_times(expiry: str, utc: str) -> None:
    record = read_license_key(
        {"mispLicenseKey": KEY, "mispLicenseKeyExpiry": expiry, "mispLicenseKeyStatus": "Active"},
        OP,
    )
    assert record == {"key": KEY, "status": "ACTIVE", "expiry": utc}


@pytest.mark.parametrize("expiry", ["soon", "2022-13-45", "2020-05-15T25:00:00", 20221231])
def test_an_unreadable_expiry_is_a_wrong_shape_without_the_key(expiry: object) -> None:
    with pytest.raises(UpstreamProtocolError) as info:
        read_license_key({"mispLicenseKey": KEY, "mispLicenseKeyExpiry": expiry}, OP)
    assert "mispLicenseKeyExpiry" in str(info.value)
    assert KEY not in str(info.value)
    assert KEY not in repr(info.value)


def test_a_license_key_answer_needs_its_key() -> None:
    with pytest.raises(UpstreamProtocolError, match="mispLicenseKey is missing"):
        read_license_key({"mispLicenseKeyStatus": "Active"}, OP)
    with pytest.raises(UpstreamProtocolError, match="mispLicenseKey is int"):
        read_license_key({"mispLicenseKey": 7}, OP)


def test_lists_read_misp_details_or_a_bare_list() -> None:
    second = misp(id="98869837502654", organizationName="airtelInd")
    listed = read_misps({"mispDetails": [misp(), second]}, OP)
    assert [m["id"] for m in listed] == ["64269837502851", "98869837502654"]
    assert read_misps([misp(), second], OP) == listed
    with pytest.raises(UpstreamProtocolError, match="mispDetails"):
        read_misps({"mispDetails": "many"}, OP)
    with pytest.raises(UpstreamProtocolError, match="mispDetails"):
        read_misps({}, OP)


def test_the_by_name_read_is_keyed_by_name_and_carries_the_license() -> None:
    entry = misp(
        status="Active",
        licenseKey="fa604-affcd-33201-04770",
        licenseKeyExpiry="2022-12-31",
        licenseKeyStatus="Active",
    )
    del entry["organizationName"]
    records = read_misps_named({"telecom": entry, "airtelInd": misp(organizationName="x")}, OP)
    assert records[0]["name"] == "telecom"
    assert records[0]["license_key"] == {
        "key": "fa604-affcd-33201-04770",
        "status": "ACTIVE",
        "expiry": "2022-12-31T23:59:59.999999Z",
    }
    assert records[1]["name"] == "x"
    assert records[1]["license_key"] is None
    assert read_misps_named({"mispDetails": [misp()]}, OP)[0]["name"] == "telecom"
    with pytest.raises(UpstreamProtocolError):
        read_misps_named({"telecom": "yes"}, OP)


def test_write_answers() -> None:
    assert read_created({"mispStatus": "Active", "mispID": "100"}, OP) == {
        "id": "100",
        "status": "ACTIVE",
    }
    assert read_created({"mispStatus": "Active", "mispId": "100"}, OP)["id"] == "100"
    decision = read_decision(
        {
            "mispStatus": "Active",
            "mispLicenseKey": KEY,
            "mispLicenseKeyExpiry": "2020-05-15T16:08:33.767993400",
            "mispLicenseKeyStatus": "active",
            "mispID": "109",
            "mispStatusCode": "approved",
            "message": "MISP approved successfully",
        },
        OP,
    )
    assert decision == {
        "id": "109",
        "status": "ACTIVE",
        "approval": "APPROVED",
        "message": "MISP approved successfully",
        "license_key": {"key": KEY, "status": "ACTIVE", "expiry": "2020-05-15T16:08:33.767993Z"},
    }
    rejected = read_decision({"mispID": "109", "mispStatusCode": "rejected"}, OP)
    assert rejected["license_key"] is None
    assert read_license_status({"status": "De-Active"}, OP) == "INACTIVE"
    assert read_license_status({"mispLicenseKeyStatus": "Active"}, OP) == "ACTIVE"
    with pytest.raises(UpstreamProtocolError, match="status is missing"):
        read_license_status({}, OP)
