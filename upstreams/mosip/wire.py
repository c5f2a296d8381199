"""The MOSIP Partner Management (MISP service) vocabulary, shared by the client and the
simulator (document `003_…txt`, UPSTREAMS.md "MOSIP"): paths, the auth cookie, the
envelope's request ids, the PMS error codes with their messages and the exception class
each one becomes, the status words with the graph's names for them, and the id and
license key formats.

Everything here is a fact of the documented wire format, or a decision recorded in the
simulator's docstring (``upstreams/mosip/simulator/__init__.py``) where the document is
unclear; nothing here does I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Final

from upstreams._errors import (
    UpstreamError,
    UpstreamNotFound,
    UpstreamRejected,
    UpstreamUnauthorized,
)
from upstreams._keys import KeyAlphabet

__all__ = [
    "APPROVALS",
    "APPROVAL_WORDS",
    "AUTH_CODES",
    "AUTH_COOKIE",
    "AUTH_PATH",
    "BASE_PATH",
    "CODE_CLASSES",
    "LICENSE_KEY_PATTERN",
    "LICENSE_STATUSES",
    "LICENSE_STATUS_WORDS",
    "MESSAGES",
    "MISPS_PATH",
    "MISP_ID",
    "MISP_STATUSES",
    "MISP_STATUS_WORDS",
    "ORGANIZATION_NAME",
    "VERSION",
    "Pms",
    "RequestId",
    "error_class",
    "graph_name",
    "redact_license_keys",
    "request_time",
]

# `POST /v1/authmanager/authenticate/useridPwd` (the kernel's auth manager, outside the
# partner management base path); the token comes back as, and is sent as, this cookie.
AUTH_PATH: Final = "/v1/authmanager/authenticate/useridPwd"
AUTH_COOKIE: Final = "Authorization"

BASE_PATH: Final = "/partnermanagement/v1"
MISPS_PATH: Final = f"{BASE_PATH}/misps"

# The envelope's `version` in every example.
VERSION: Final = "1.0"


class RequestId(enum.StrEnum):
    """The envelope `id` of each call, as the document's examples spell them.

    The document's tables contradict some examples (the status call's table says
    `misp.update`, its example `misp.status`); the examples win, and the simulator checks
    only that an id is present, so either spelling is accepted.
    """

    # The document shows the placeholder "string"; the kernel's own id for this call.
    AUTHENTICATE = "mosip.io.userId.pwd"
    CREATE = "mosip.partnermanagement.misp.create"
    DECIDE = "mosip.partnermanagement.misp.status"
    UPDATE = "mosip.partnermanagement.misp.update"
    VALIDATE_LICENSE = "mosip.partnermanagement.misp.license.validate"
    SET_STATUS = "mosip.partnermanagement.misp.status.update"
    SET_LICENSE_STATUS = "mosip.partnermanagement.misp.license.update"
    RETRIEVE = "mosip.partnermanagement.misp.retrieve"
    RETRIEVE_LICENSE = "mosip.partnermanagement.misp.license.retrieve"


class Pms(enum.StrEnum):
    """The documented `errorCode`s (PMS_MSP_001…012, PMS_COR_001…003)."""

    ADMIN_UNKNOWN = "PMS_MSP_001"
    CREDENTIALS_MISMATCH = "PMS_MSP_002"
    ALREADY_REGISTERED = "PMS_MSP_003"
    NOTHING_TO_UPDATE = "PMS_MSP_004"
    MISP_NOT_FOUND = "PMS_MSP_005"
    LICENSE_NOT_FOUND = "PMS_MSP_006"
    LICENSE_NOT_OF_MISP = "PMS_MSP_007"
    LICENSE_NOT_VALID = "PMS_MSP_008"
    STATUS_UPDATE_FAILED = "PMS_MSP_009"
    ALREADY_IN_STATUS = "PMS_MSP_010"
    NO_MISP_FOR_ORGANIZATION = "PMS_MSP_011"
    NO_MISPS = "PMS_MSP_012"
    MISSING_INPUT = "PMS_COR_001"
    INVALID_INPUT = "PMS_COR_002"
    INTERNAL_ERROR = "PMS_COR_003"


# The documented message of each code. `%d` in the document's "Missing Input Parameter - %d"
# is the parameter's name; the simulator appends it (and the name or id where the document's
# examples do: "A MISP is already registered with name - telecom", "MISP ID does not exist 110").
MESSAGES: Final[Mapping[Pms, str]] = MappingProxyType(
    {
        Pms.ADMIN_UNKNOWN: "MOSIP Admin does not exist",
        Pms.CREDENTIALS_MISMATCH: "Mismatch of the MOSIP Admin Credentials",
        Pms.ALREADY_REGISTERED: "A MISP is already registered with name -",
        Pms.NOTHING_TO_UPDATE: "No information provided for update",
        Pms.MISP_NOT_FOUND: "MISP ID does not exist",
        Pms.LICENSE_NOT_FOUND: "MISP ID/MISP License Key does not exist",
        Pms.LICENSE_NOT_OF_MISP: "MISP License key not associated to MISP ID",
        Pms.LICENSE_NOT_VALID: "MISP License key not valid",
        Pms.STATUS_UPDATE_FAILED: "Failed to update MISP status",
        Pms.ALREADY_IN_STATUS: "MISP status already in the requested status",
        Pms.NO_MISP_FOR_ORGANIZATION: "No MISP found for the organization",
        Pms.NO_MISPS: "No MISP details found",
        Pms.MISSING_INPUT: "Missing Input Parameter -",
        Pms.INVALID_INPUT: "Invalid Input Parameter -",
        Pms.INTERNAL_ERROR: "Could not process the request",
    }
)

# Which exception each code becomes (the one table; see `error_class`):
#
#   code          meaning                                   exception (graph code)
#   PMS_MSP_001   admin unknown / token names no admin      UpstreamUnauthorized (UNAUTHENTICATED)
#   PMS_MSP_002   admin credentials mismatch                UpstreamUnauthorized (UNAUTHENTICATED)
#   PMS_MSP_003   a MISP already has that name              UpstreamRejected (BAD_USER_INPUT)
#   PMS_MSP_004   no information provided for update       UpstreamRejected
#   PMS_MSP_005   MISP id does not exist                    UpstreamNotFound (NOT_FOUND)
#   PMS_MSP_006   MISP id / license key does not exist      UpstreamNotFound
#   PMS_MSP_007   license key not of this MISP              UpstreamRejected
#   PMS_MSP_008   license key not valid (inactive, expired) UpstreamRejected
#   PMS_MSP_009   status change not possible                UpstreamRejected
#   PMS_MSP_010   already in the requested status           UpstreamRejected
#   PMS_MSP_011   no MISP for the organization name         UpstreamNotFound
#   PMS_MSP_012   no MISP at all                            UpstreamNotFound
#   PMS_COR_001   missing input parameter                   UpstreamRejected
#   PMS_COR_002   invalid input parameter                   UpstreamRejected
#   PMS_COR_003   internal error                            UpstreamError (UPSTREAM_ERROR)
#   anything else (KER-ATH-*: the kernel's auth codes)      UpstreamUnauthorized for KER-ATH-*,
#                                                           else UpstreamError
#
# The caller-side codes reach the graph as userErrors whose code is the PMS code and whose
# message is MOSIP's; the auth codes make the client renew its token once.
CODE_CLASSES: Final[Mapping[str, type[UpstreamError]]] = MappingProxyType(
    {
        Pms.ADMIN_UNKNOWN: UpstreamUnauthorized,
        Pms.CREDENTIALS_MISMATCH: UpstreamUnauthorized,
        Pms.ALREADY_REGISTERED: UpstreamRejected,
        Pms.NOTHING_TO_UPDATE: UpstreamRejected,
        Pms.MISP_NOT_FOUND: UpstreamNotFound,
        Pms.LICENSE_NOT_FOUND: UpstreamNotFound,
        Pms.LICENSE_NOT_OF_MISP: UpstreamRejected,
        Pms.LICENSE_NOT_VALID: UpstreamRejected,
        Pms.STATUS_UPDATE_FAILED: UpstreamRejected,
        Pms.ALREADY_IN_STATUS: UpstreamRejected,
        Pms.NO_MISP_FOR_ORGANIZATION: UpstreamNotFound,
        Pms.NO_MISPS: UpstreamNotFound,
        Pms.MISSING_INPUT: UpstreamRejected,
        Pms.INVALID_INPUT: UpstreamRejected,
        Pms.INTERNAL_ERROR: UpstreamError,
    }
)
# The codes that mean the upstream did not accept our session: renew the token once.
AUTH_CODES: Final = frozenset({Pms.ADMIN_UNKNOWN.value, Pms.CREDENTIALS_MISMATCH.value})
# The kernel's auth filter answers its own codes (KER-ATH-401 "Authentication Failed") when
# it rejects a token before the partner management service sees the call.
_KERNEL_AUTH_PREFIX: Final = "KER-ATH-"

# When an answer carries several errors, the most serious decides the class: a refused
# session first (renewing it may fix everything), then a server-side failure, then a
# missing record, then the caller's mistakes.
_PRECEDENCE: Final[tuple[type[UpstreamError], ...]] = (
    UpstreamUnauthorized,
    UpstreamError,
    UpstreamNotFound,
    UpstreamRejected,
)


def _class_of(code: str) -> type[UpstreamError]:
    if code.upper().startswith(_KERNEL_AUTH_PREFIX):
        return UpstreamUnauthorized
    return CODE_CLASSES.get(code, UpstreamError)


def error_class(codes: Iterable[str]) -> type[UpstreamError]:
    """The exception for an answer whose `errors` carry ``codes`` (see `CODE_CLASSES`)."""
    classes = {_class_of(code) for code in codes} or {UpstreamError}
    return next(kind for kind in _PRECEDENCE if kind in classes)


# Status words. The document spells them several ways ("Active", "active", "De-Active",
# "approved", "Approved or Rejected"); reading ignores case, hyphens, spaces and
# underscores, and sending uses the first spelling of each below (the document's).
MISP_STATUS_WORDS: Final[Mapping[str, str]] = MappingProxyType(
    {"ACTIVE": "Active", "INACTIVE": "De-Active"}
)
APPROVAL_WORDS: Final[Mapping[str, str]] = MappingProxyType(
    {"IN_PROGRESS": "in-progress", "APPROVED": "approved", "REJECTED": "rejected"}
)
LICENSE_STATUS_WORDS: Final[Mapping[str, str]] = MappingProxyType(
    {"ACTIVE": "Active", "INACTIVE": "De-Active"}
)


def _folded(word: str) -> str:
    return re.sub(r"[\s_-]+", "", word).lower()


def _reading(table: Mapping[str, str], *extra: tuple[str, str]) -> Mapping[str, str]:
    pairs = {_folded(wire): name for name, wire in table.items()}
    pairs.update((_folded(wire), name) for wire, name in extra)
    return MappingProxyType(pairs)


# Folded wire word -> the graph's enum value name.
MISP_STATUSES: Final = _reading(
    MISP_STATUS_WORDS, ("Deactive", "INACTIVE"), ("Inactive", "INACTIVE")
)
APPROVALS: Final = _reading(
    APPROVAL_WORDS, ("In Progress", "IN_PROGRESS"), ("pending", "IN_PROGRESS")
)
LICENSE_STATUSES: Final = _reading(
    LICENSE_STATUS_WORDS, ("Deactive", "INACTIVE"), ("Inactive", "INACTIVE")
)


def graph_name(table: Mapping[str, str], word: str) -> str | None:
    """The graph's name for a status ``word`` in any of its spellings, or None if unknown."""
    return table.get(_folded(word))


# Ids. MISP ids come from the kernel's id generator: digit strings in every example
# (`64269837502851`, `100`, `109`). Organization names travel in a path segment
# (`GET /misps/name/{organizationName}`): letters, digits, spaces and a few marks, always
# starting with a letter or digit, so that `.` and `..` can never be a segment.
MISP_ID: Final = KeyAlphabet("MOSIP MISP id", re.compile(r"[0-9]{1,30}"))
ORGANIZATION_NAME: Final = KeyAlphabet(
    "MOSIP organization name", re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._&'()-]{0,127}")
)

# License keys come in two styles: the document's older `fa604-affcd-33201-04770` and the
# 50 letters and digits the approval example issues. Also the pattern `redact_license_keys`
# scrubs from any upstream text that could reach a log or an error message.
LICENSE_KEY_PATTERN: Final = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){3}|[A-Za-z0-9]{50})(?![A-Za-z0-9])"
)
_REDACTED: Final = "[license key]"


def redact_license_keys(text: str, *known: str) -> str:
    """``text`` without any license key in it: the ``known`` ones and anything shaped like one."""
    for key in known:
        if key:
            text = text.replace(key, _REDACTED)
    return LICENSE_KEY_PATTERN.sub(_REDACTED, text)


def request_time(moment: datetime | None = None) -> str:
    """`requesttime` as the document shows it: ISO-8601 UTC with milliseconds and `Z`
    (`2019-05-20T09:48:43.394Z`)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
