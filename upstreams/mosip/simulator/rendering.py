"""Records as the document renders them, in the envelope.

The spellings are the document's, and they differ by call on purpose (the client must read
them all): reads say `emailID` and `organizationName`; the by-name read adds `status`,
`licenseKey`, `licenseKeyExpiry` (a date) and `licenseKeyStatus`; the license read and the
approval say `mispLicenseKey…` with a zone-less date-time expiry carrying nanoseconds
(`2020-05-15T16:08:33.767993400`); creation and approval say `mispID`; the approval's key
status is lower case (`active`), the license read's capitalized (`Active`).
"""

from __future__ import annotations

from datetime import datetime

from upstreams.mosip.simulator.seed import LicenseKey, Misp
from upstreams.mosip.wire import LICENSE_STATUS_WORDS, MISP_STATUS_WORDS, VERSION, request_time

__all__ = [
    "envelope",
    "license_json",
    "license_status_word",
    "local_datetime",
    "misp_json",
    "misp_status_word",
    "misp_with_license_json",
]

Json = dict[str, object]


def envelope(
    response_id: str | None,
    now: datetime,
    response: object = None,
    errors: list[dict[str, str]] | None = None,
) -> Json:
    """`{id, version, responsetime, metadata, response, errors}`; errors null on success
    (as most of the document's examples; the creation example's `[]` reads the same)."""
    return {
        "id": response_id,
        "version": VERSION,
        "responsetime": request_time(now),
        "metadata": None,
        "response": response,
        "errors": errors,
    }


def local_datetime(moment: datetime) -> str:
    """A Java `LocalDateTime` as MOSIP prints it: no zone (UTC), nanoseconds."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond * 1000:09d}"


def misp_status_word(misp: Misp) -> str:
    return MISP_STATUS_WORDS["ACTIVE" if misp.active else "INACTIVE"]


def license_status_word(key: LicenseKey) -> str:
    return LICENSE_STATUS_WORDS["ACTIVE" if key.active else "INACTIVE"]


def misp_json(misp: Misp) -> Json:
    # The document's reads show the five details; status and approval are added (the
    # by-name example shows `status`, the approval `mispStatusCode`) so a list can say them.
    return {
        "id": misp.id,
        "organizationName": misp.name,
        "contactNumber": misp.contact_number,
        "emailID": misp.email,
        "address": misp.address,
        "status": misp_status_word(misp),
        "mispStatusCode": misp.approval,
    }


def misp_with_license_json(misp: Misp) -> Json:
    """An entry of the by-name read: the MISP with its current key (null when it has none)."""
    data = misp_json(misp)
    key = misp.current_key
    data["licenseKey"] = key.key if key else None
    data["licenseKeyExpiry"] = key.expires_at.date().isoformat() if key else None
    data["licenseKeyStatus"] = license_status_word(key) if key else None
    return data


def license_json(key: LicenseKey) -> Json:
    return {
        "mispLicenseKey": key.key,
        "mispLicenseKeyExpiry": local_datetime(key.expires_at),
        "mispLicenseKeyStatus": license_status_word(key),
    }
