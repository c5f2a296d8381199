"""MISP reads: the list once per request, one MISP through the loader, the license key masked
from the by-name read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from resolvers.core.paging import Window
from resolvers.misps import reads
from tests.resolvers.misps.support import context
from tests.upstreams.mosip.test_client import ok
from upstreams.mosip import LicenseKeyRecord
from upstreams.mosip.wire import MISPS_PATH

TELECOM = "64269837502851"
KEY = "xNwJeS3vf6UL5b7QbGCDLfBxi8Ower4x0S0LwU14aXrZ2ngv5m"


def entry(misp_id: str, name: str, **changes: Any) -> dict[str, Any]:
    return {"id": misp_id, "organizationName": name, "emailID": f"a@{name}.com", **changes}


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("fa604-affcd-33201-04770", "…4770"),
        (KEY, "…gv5m"),
        ("short-key", "…"),
    ],
)
def test_a_masked_key_shows_only_its_last_four_characters(key: str, shown: str) -> None:
    assert reads.mask(key) == shown
    assert key not in reads.mask(key)


def test_expired_is_decided_by_the_expiry() -> None:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    record: LicenseKeyRecord = {
        "key": KEY,
        "status": "ACTIVE",
        "expiry": "2024-12-31T23:59:59.999999Z",
    }
    assert reads.masked(record, now)["expired"] is True
    later: LicenseKeyRecord = {**record, "expiry": "2025-01-01T00:00:01Z"}
    assert reads.masked(later, now) == {
        "masked": "…" + KEY[-4:],
        "status": "ACTIVE",
        "expiry": "2025-01-01T00:00:01Z",
        "expired": False,
    }
    unknown: LicenseKeyRecord = {**record, "expiry": None}
    assert reads.masked(unknown, now)["expired"] is None


async def test_the_list_is_read_once_per_request_and_again_after_a_write() -> None:
    ctx, fake = context(lambda r, b: ok({"mispDetails": [entry("2", "b"), entry("1", "a")]}))
    first = await reads.list_misps(ctx, None, Window(first=1), [])
    second = await reads.list_misps(ctx, None, Window(first=5), [("misp_id", "desc")])
    assert [e.record["id"] for e in first.edges] == ["1"]
    assert [e.record["id"] for e in second.edges] == ["2", "1"]
    assert second.total_count == 2
    assert len(fake.calls(MISPS_PATH)) == 1
    reads.forget_misp(ctx, "1")
    await reads.list_misps(ctx, None, Window(first=1), [])
    assert len(fake.calls(MISPS_PATH)) == 2


async def test_a_malformed_id_is_null_without_a_call() -> None:
    ctx, fake = context(lambda r, b: ok(entry(TELECOM, "telecom")))
    assert await reads.misp(ctx, "6426 9837") is None
    assert await reads.misp_nodes(ctx, ["..", "x"]) == [None, None]
    assert fake.requests == []


async def test_the_key_is_the_by_name_entry_with_the_misps_id() -> None:
    def route(request: httpx.Request, body: Any) -> httpx.Response:
        assert request.url.path == f"{MISPS_PATH}/name/telecom"
        return ok(
            {
                "telecomIndia": entry(
                    "93469837502851", "telecomIndia", licenseKey="ty604-affcd-33201-04770"
                ),
                "telecom": entry(
                    TELECOM,
                    "telecom",
                    licenseKey=KEY,
                    licenseKeyStatus="Active",
                    licenseKeyExpiry="2099-12-31",
                ),
            }
        )

    ctx, fake = context(route)
    found = await reads.license_key(ctx, TELECOM, "telecom")
    assert found == {
        "masked": "…" + KEY[-4:],
        "status": "ACTIVE",
        "expiry": "2099-12-31T23:59:59.999999Z",
        "expired": False,
    }
    # Another MISP of the same name in the same request: the same answer, no second call.
    assert await reads.license_key(ctx, "93469837502851", "telecom") is not None
    assert await reads.license_key(ctx, "1", "telecom") is None
    assert len(fake.requests) == 2  # the token, then one by-name read


async def test_a_name_the_by_name_path_cannot_carry_is_an_upstream_error() -> None:
    ctx, fake = context(lambda r, b: ok({}))
    with pytest.raises(reads.UnreadableName) as caught:
        await reads.license_key(ctx, TELECOM, "../telecom")
    assert caught.value.extensions == {"code": "UPSTREAM_ERROR", "upstream": "mosip"}
    assert fake.requests == []
