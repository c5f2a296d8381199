"""MISP writes through the one core write helper, in MOSIP's words.

Checked first, without a call: an id outside MOSIP's id format, blank text, an organization
name outside what MOSIP's paths can carry, the email's and the contact number's format, a
license key that is not of either documented style. These are the graph's own codes
(INVALID, BLANK, INVALID_FORMAT), as in every domain.

Then sent once. Every caller-side PMS code MOSIP answers (PMS_MSP_003…010, PMS_COR_001/002)
becomes a userError whose code is that PMS code and whose message is MOSIP's (``DIALECT``),
at the input field the code is about. Server-side codes (PMS_COR_003, unknown codes) and
refused credentials are GraphQL errors with ``extensions.upstream`` and
``extensions.upstreamCodes``; an outcome the gateway cannot know (a timeout after sending) is
a GraphQL error with ``writeOutcome: UNKNOWN``, never retried.

License keys: only ``decide_misp`` (an approval issues one) and ``download_license_key``
answer a whole key, for their mutation's payload; the key a caller sends (validation,
status) is never echoed, and MOSIP's messages reach us already scrubbed of keys.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Mapping
from typing import Final, Literal, TypeVar

from resolvers.core.context import Context
from resolvers.core.writes import (
    Dialect,
    InputPaths,
    Outcome,
    UserErrorCode,
    UserErrorRecord,
    write,
)
from resolvers.misps.reads import forget_misp
from upstreams.mosip import (
    MISP_ID,
    ORGANIZATION_NAME,
    CreatedMispRecord,
    DecisionRecord,
    LicenseKeyRecord,
    MispRecord,
    MosipClient,
    Pms,
)
from upstreams.mosip.wire import LICENSE_KEY_PATTERN, MESSAGES

__all__ = [
    "DIALECT",
    "Activation",
    "create_misp",
    "decide_misp",
    "download_license_key",
    "set_license_key_status",
    "set_misp_status",
    "update_misp",
    "validate_license_key",
]

R = TypeVar("R")
Activation = Literal["ACTIVE", "DEACTIVATED"]

# The graph's input names for MOSIP's request parameters (PMS_COR_001/002 name them).
_PARAMETERS: Final[Mapping[str, str]] = {
    "organizationName": "organizationName",
    "name": "organizationName",
    "emailId": "email",
    "emailID": "email",
    "contactNumber": "contactNumber",
    "address": "address",
    "mispLicenseKey": "licenseKey",
    "mispLicenseKeyStatus": "status",
}
# "Missing Input Parameter - emailId", "Invalid Input Parameter - address".
_NAMED_PARAMETER: Final = re.compile(r"Input Parameter -\s*(\S+)\s*$")


def _parameter(message: str) -> str | None:
    """The MOSIP parameter a PMS_COR_001/002 message names, if it is one of the input's."""
    found = _NAMED_PARAMETER.search(message)
    return found.group(1) if found and found.group(1) in _PARAMETERS else None


_CALLER_CODES: Final = (
    Pms.ALREADY_REGISTERED,
    Pms.NOTHING_TO_UPDATE,
    Pms.MISP_NOT_FOUND,
    Pms.LICENSE_NOT_FOUND,
    Pms.LICENSE_NOT_OF_MISP,
    Pms.LICENSE_NOT_VALID,
    Pms.STATUS_UPDATE_FAILED,
    Pms.ALREADY_IN_STATUS,
    Pms.MISSING_INPUT,
    Pms.INVALID_INPUT,
)
DIALECT: Final = Dialect(
    upstream_codes={code.value: UserErrorCode(code.value) for code in _CALLER_CODES},
    code_fields={
        Pms.ALREADY_REGISTERED.value: "organizationName",
        Pms.MISP_NOT_FOUND.value: "mispId",
        Pms.LICENSE_NOT_OF_MISP.value: "mispLicenseKey",
        Pms.LICENSE_NOT_VALID.value: "mispLicenseKey",
        Pms.STATUS_UPDATE_FAILED.value: "mispStatus",
        Pms.ALREADY_IN_STATUS.value: "mispStatus",
    },
    parameter=_parameter,
)
_PATHS: Final = InputPaths(renames=_PARAMETERS)
# Status changes: MOSIP's 009/010 are about the requested status.
_STATUS_PATHS: Final = InputPaths(renames={**_PARAMETERS, "mispStatus": "status"})


def _send(call: Awaitable[R], paths: InputPaths = _PATHS) -> Awaitable[Outcome[R]]:
    return write(call, paths=paths, dialect=DIALECT)


# The simulator's (and the document's) forms, checked before a call.
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CONTACT: Final = re.compile(r"\+?[0-9]{7,15}")


def _error(name: str, message: str, code: UserErrorCode) -> UserErrorRecord:
    return UserErrorRecord(field=("input", name), message=f"{name} {message}", code=code)


def _check_id(misp_id: str) -> list[UserErrorRecord]:
    if MISP_ID.valid(misp_id):
        return []
    return [_error("mispId", "is not a MOSIP MISP id (digits only).", UserErrorCode.INVALID)]


def _check_key(license_key: str) -> list[UserErrorRecord]:
    if LICENSE_KEY_PATTERN.fullmatch(license_key):
        return []
    # The key itself is never repeated in a message.
    return [
        _error(
            "licenseKey",
            "is not a MOSIP license key (four groups of five letters or digits joined by "
            "hyphens, or 50 letters and digits).",
            UserErrorCode.INVALID_FORMAT,
        )
    ]


def _check_details(details: Mapping[str, str | None], *, creating: bool) -> list[UserErrorRecord]:
    """Blank required text, the name's alphabet, the email's and contact number's forms.

    ``details`` uses the graph's input names; None is "not given".
    """
    errors: list[UserErrorRecord] = []
    for name, value in details.items():
        if value is None:
            continue
        if not value.strip():
            if creating or name != "contactNumber":
                errors.append(_error(name, "is blank.", UserErrorCode.BLANK))
            continue
        text = value.strip()
        if name == "organizationName" and not ORGANIZATION_NAME.valid(text):
            errors.append(
                _error(
                    name,
                    "must start with a letter or digit and hold only letters, digits, spaces "
                    "and . _ & ' ( ) - (at most 128 characters).",
                    UserErrorCode.INVALID_FORMAT,
                )
            )
        elif name == "email" and not _EMAIL.fullmatch(text):
            errors.append(_error(name, "is not an email address.", UserErrorCode.INVALID_FORMAT))
        elif name == "contactNumber" and not _CONTACT.fullmatch(text):
            errors.append(
                _error(
                    name,
                    "must be 7 to 15 digits, optionally after a leading +.",
                    UserErrorCode.INVALID_FORMAT,
                )
            )
    return errors


def _given(value: str | None) -> str | None:
    """Text as sent: trimmed, and None when blank (MOSIP treats blank as not given)."""
    return value.strip() or None if value is not None else None


async def create_misp(
    ctx: Context,
    *,
    organization_name: str,
    email: str,
    address: str,
    contact_number: str | None,
) -> Outcome[CreatedMispRecord]:
    """Register a MISP: MOSIP answers its id; it starts active, awaiting a decision."""
    errors = _check_details(
        {
            "organizationName": organization_name,
            "email": email,
            "address": address,
            "contactNumber": contact_number,
        },
        creating=True,
    )
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(
        ctx.client(MosipClient).create_misp(
            organization_name=organization_name.strip(),
            email=email.strip(),
            address=address.strip(),
            contact_number=_given(contact_number),
        )
    )
    if outcome.value is not None:
        forget_misp(ctx, outcome.value["id"])
    return outcome


async def update_misp(
    ctx: Context,
    *,
    misp_id: str,
    organization_name: str | None,
    email: str | None,
    address: str | None,
    contact_number: str | None,
) -> Outcome[MispRecord]:
    """Change the given details. None given is sent as it is: MOSIP answers PMS_MSP_004."""
    errors = _check_id(misp_id) + _check_details(
        {
            "organizationName": organization_name,
            "email": email,
            "address": address,
            "contactNumber": contact_number,
        },
        creating=False,
    )
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(
        ctx.client(MosipClient).update_misp(
            misp_id,
            organization_name=_given(organization_name),
            email=_given(email),
            address=_given(address),
            contact_number=_given(contact_number),
        )
    )
    forget_misp(ctx, misp_id)
    return outcome


async def decide_misp(
    ctx: Context, *, misp_id: str, decision: Literal["APPROVED", "REJECTED"]
) -> Outcome[DecisionRecord]:
    """Approve (MOSIP issues a license key, answered whole once) or reject; final."""
    errors = _check_id(misp_id)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(
        ctx.client(MosipClient).decide_misp(misp_id, decision),
        InputPaths(renames={**_PARAMETERS, "mispStatus": "decision"}),
    )
    forget_misp(ctx, misp_id)
    return outcome


def _client_status(status: Activation) -> Literal["ACTIVE", "INACTIVE"]:
    """The graph's DEACTIVATED is the client's INACTIVE (MOSIP's `De-Active`)."""
    return "ACTIVE" if status == "ACTIVE" else "INACTIVE"


async def set_misp_status(ctx: Context, *, misp_id: str, status: Activation) -> Outcome[str]:
    """Activate or de-activate a MISP; MOSIP's message."""
    errors = _check_id(misp_id)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(
        ctx.client(MosipClient).set_misp_status(misp_id, _client_status(status)),
        _STATUS_PATHS,
    )
    forget_misp(ctx, misp_id)
    return outcome


async def validate_license_key(ctx: Context, *, misp_id: str, license_key: str) -> Outcome[str]:
    """Whether the key is this MISP's and active: MOSIP's message, or its PMS_MSP_006/007/008."""
    errors = _check_id(misp_id) + _check_key(license_key)
    if errors:
        return Outcome(user_errors=errors)
    return await _send(ctx.client(MosipClient).validate_license_key(misp_id, license_key))


async def set_license_key_status(
    ctx: Context, *, misp_id: str, license_key: str, status: Activation
) -> Outcome[str]:
    """Activate or de-activate one of the MISP's keys; its new status (ACTIVE/INACTIVE)."""
    errors = _check_id(misp_id) + _check_key(license_key)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(
        ctx.client(MosipClient).set_license_key_status(
            misp_id, license_key, _client_status(status)
        ),
        _STATUS_PATHS,
    )
    forget_misp(ctx, misp_id)
    return outcome


async def download_license_key(ctx: Context, *, misp_id: str) -> Outcome[LicenseKeyRecord]:
    """The MISP's current key, whole: MOSIP issues a fresh one (the old one inactive) when it
    has expired. Read with MOSIP's GET, which the client may replay: a second read answers the
    same key, so a replay cannot issue two."""
    errors = _check_id(misp_id)
    if errors:
        return Outcome(user_errors=errors)
    outcome = await _send(ctx.client(MosipClient).get_license_key(misp_id))
    forget_misp(ctx, misp_id)
    if outcome.user_errors:
        return Outcome(user_errors=outcome.user_errors)
    if outcome.value is not None:
        return Outcome(value=outcome.value)
    # The client answers None for PMS_MSP_006 (an unknown MISP, or one without a key).
    return Outcome(
        user_errors=[
            UserErrorRecord(
                MESSAGES[Pms.LICENSE_NOT_FOUND], UserErrorCode.PMS_MSP_006, ("input", "mispId")
            )
        ]
    )
