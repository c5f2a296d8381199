"""Records to Strawberry types: enums by the graph's names, nulls kept, keys masked."""

from __future__ import annotations

import datetime as dt

from schema.misps.misps import (
    IssuedMispLicenseKey,
    Misp,
    MispApproval,
    MispLicenseKey,
    MispLicenseKeyStatus,
    MispStatus,
)
from upstreams.mosip import LicenseKeyRecord, MispRecord

KEY = "fa604-affcd-33201-04770"


def test_a_misp_with_and_without_status() -> None:
    record: MispRecord = {
        "id": "100",
        "name": "telecom",
        "address": None,
        "contact_number": None,
        "email": "a@b.co",
        "status": "INACTIVE",
        "approval": "REJECTED",
        "license_key": None,
    }
    misp = Misp.from_record(record)
    assert (misp.misp_id, misp.status, misp.approval) == (
        "100",
        MispStatus.INACTIVE,
        MispApproval.REJECTED,
    )
    bare = Misp.from_record({**record, "status": None, "approval": None})
    assert (bare.status, bare.approval) == (None, None)


def test_license_keys_masked_and_whole() -> None:
    record: LicenseKeyRecord = {"key": KEY, "status": "ACTIVE", "expiry": "2030-05-15T16:08:33Z"}
    issued = IssuedMispLicenseKey.from_record(record)
    assert (issued.key, issued.masked, issued.status) == (
        KEY,
        "…4770",
        MispLicenseKeyStatus.ACTIVE,
    )
    assert issued.expires_at == dt.datetime(2030, 5, 15, 16, 8, 33, tzinfo=dt.UTC)
    shown = MispLicenseKey.from_record(
        {"masked": "…4770", "status": None, "expiry": None, "expired": None}
    )
    assert (shown.masked, shown.status, shown.expires_at, shown.expired) == (
        "…4770",
        None,
        None,
        None,
    )
    assert not hasattr(shown, "key")
