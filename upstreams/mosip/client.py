"""The MOSIP client: MISPs and their license keys (Partner Management, MISP service).

Auth is a session token (see :mod:`upstreams._tokens`): ``POST
/v1/authmanager/authenticate/useridPwd`` with the admin's app id, user name and password
answers it as the cookie ``Authorization`` (with its ``Max-Age``), sent back as that cookie.
MOSIP says "failed" inside HTTP 200 (a non-empty ``errors`` list), so the failure is read in
:meth:`MosipClient.answer_error`: the PMS codes become exceptions by the one table in
``wire.CODE_CLASSES``, and an auth refusal there (PMS_MSP_001/002, the kernel's KER-ATH-*)
renews the token once like a 401, replaying only idempotent calls.

Every request is the envelope ``{id, version, requesttime, metadata, request}`` with the
call's documented id, version 1.0 and the time in ISO-8601 UTC with milliseconds. Requests
spell fields as the document's tables do (``organizationName``, ``emailId``); answers are
read in every spelling the document shows (``records``). A license key never appears in a
log line or an exception message: MOSIP's messages are scrubbed of anything shaped like one
(and of the key the call sent) before they become an error's detail.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from http.cookiejar import Cookie, CookieJar, CookiePolicy
from http.cookies import CookieError, SimpleCookie
from typing import Any, Literal

import httpx

from upstreams._errors import UpstreamError, UpstreamNotFound
from upstreams._http import JSON, MAX_BODY_BYTES, Answer, Sleep, UpstreamClient, error_for_status
from upstreams._shape import Op, expect_list, expect_object, wrong_shape
from upstreams._tokens import Clock, Issued, TokenLifecycle
from upstreams.config import UpstreamSettings
from upstreams.mosip import wire
from upstreams.mosip.records import (
    CreatedMispRecord,
    DecisionRecord,
    LicenseKeyRecord,
    MispRecord,
    read_created,
    read_decision,
    read_license_key,
    read_license_status,
    read_message,
    read_misp,
    read_misps,
    read_misps_named,
)
from upstreams.mosip.wire import MISPS_PATH, Pms, RequestId

__all__ = ["Decision", "MispStatus", "MosipClient"]

Decision = Literal["APPROVED", "REJECTED"]
MispStatus = Literal["ACTIVE", "INACTIVE"]

# `health` asks for this MISP: no kernel-generated id is 0, so a healthy, authenticated
# service answers PMS_MSP_005 (not found) and a refused session PMS_MSP_001.
_PROBE_ID = "0"


class _KeepNothing(CookiePolicy):
    """A cookie policy that neither stores nor sends any cookie."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: Cookie, request: object) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: object) -> bool:
        return False

    def domain_return_ok(self, domain: str, request: object) -> bool:
        return False

    def path_return_ok(self, path: str, request: object) -> bool:
        return False


def _refusing_jar() -> CookieJar:
    """A cookie jar that keeps nothing. The token travels as the ``cookie`` header this
    client builds (which wins over a jar), but a request without one, the auth call itself,
    would otherwise carry whatever httpx kept from earlier answers: old tokens included."""
    # A jar, not an httpx.Cookies: the client's setter copies the cookies of a Cookies into
    # a default jar, but adopts a CookieJar as it is.
    return CookieJar(policy=_KeepNothing())


class MosipClient(UpstreamClient):
    """MOSIP over HTTP: the ``Authorization`` cookie, the request and response envelopes."""

    name = "mosip"

    def __init__(
        self,
        settings: UpstreamSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        backoff_s: float = 0.05,
        sleep: Sleep = asyncio.sleep,
        max_body_bytes: int = MAX_BODY_BYTES,
        clock: Clock = time.monotonic,
    ) -> None:
        """``clock`` is what the token's expiry is measured with (tests move it)."""
        super().__init__(
            settings,
            transport=transport,
            backoff_s=backoff_s,
            sleep=sleep,
            max_body_bytes=max_body_bytes,
        )
        if self._http is not None:
            self._http.cookies = _refusing_jar()
        self.tokens = TokenLifecycle(self._authenticate, clock=clock)

    # --- auth and envelopes --------------------------------------------------------

    def auth_headers(self) -> dict[str, str]:
        return {"accept": "application/json"}

    def token_headers(self, token: str) -> dict[str, str]:
        return {"cookie": f"{wire.AUTH_COOKIE}={token}"}

    async def _authenticate(self) -> Issued:
        """The auth call; the token from its ``Set-Cookie: Authorization=…``.

        Sent as an idempotent call: a second session changes nothing anybody sees, and a
        token call lost to a passing 503 should not fail every request waiting for it.
        """
        operation = "authenticate"
        creds = self.settings.credentials
        answer = await self.call(
            "POST",
            wire.AUTH_PATH,
            operation=operation,
            idempotent=True,
            json=self._envelope(
                RequestId.AUTHENTICATE,
                {
                    "appId": creds.get("APP_ID", ""),
                    "userName": creds.get("USERNAME", ""),
                    "password": creds.get("PASSWORD", ""),
                },
            ),
            authenticate=False,
        )
        for header in answer.headers.get_list("set-cookie"):
            try:
                cookie = SimpleCookie(header)
            except CookieError:
                continue
            morsel = cookie.get(wire.AUTH_COOKIE)
            if morsel is None or not morsel.value:
                continue
            max_age = morsel["max-age"]
            life = float(max_age) if max_age.isdigit() else None
            return Issued(morsel.value, life)
        raise wrong_shape(Op(self.name, operation), f"no {wire.AUTH_COOKIE} cookie in the answer")

    @staticmethod
    def _envelope(request_id: RequestId, request: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "id": request_id.value,
            "version": wire.VERSION,
            "requesttime": wire.request_time(),
            "metadata": {},
            "request": dict(request),
        }

    def _errors(self, operation: str, status: int, body: JSON) -> UpstreamError | None:
        """The error an envelope's non-empty ``errors`` says, or None when it says none."""
        op = Op(self.name, operation)
        errors = body.get("errors") if isinstance(body, Mapping) else None
        if not errors:
            return None
        codes: list[str] = []
        messages: list[str] = []
        for item in expect_list(errors, op, "errors"):
            error = expect_object(item, op, "errors[]")
            code, message = error.get("errorCode"), error.get("message")
            if isinstance(code, str) and code:
                codes.append(code)
            if isinstance(message, str) and message:
                messages.append(wire.redact_license_keys(message))
        kind = wire.error_class(codes)
        return kind(
            self.name,
            operation,
            status=status,
            error_codes=codes,
            detail="; ".join(messages) or None,
        )

    def answer_error(self, operation: str, answer: Answer) -> UpstreamError | None:
        body = answer.body
        if not isinstance(body, Mapping):
            # Not an envelope at all: a wrong shape, not a success.
            return wrong_shape(Op(self.name, operation), "the answer is not an envelope")
        return self._errors(operation, answer.status, body)

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        """An HTTP error status (the kernel's 401, a gateway's 5xx): the status decides the
        class; the envelope's codes and (scrubbed) messages are kept where it has them."""
        envelope = self._errors(operation, status, body)
        return error_for_status(
            self.name,
            operation,
            status,
            error_codes=envelope.error_codes if envelope else (),
            detail=envelope.detail if envelope and status in (400, 404) else None,
        )

    async def _call(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        idempotent: bool,
        request_id: RequestId | None = None,
        request: Mapping[str, Any] | None = None,
        license_key: str | None = None,
    ) -> Any:
        """One MISP call; the envelope's ``response``. ``license_key`` is the key the call
        sends, scrubbed from any error it meets."""
        body = None if request_id is None else self._envelope(request_id, request or {})
        try:
            answer = await self.call(
                method, path, operation=operation, idempotent=idempotent, json=body
            )
        except UpstreamError as exc:
            if license_key is not None:
                _scrub(exc, license_key)
            raise
        envelope = expect_object(answer.body, Op(self.name, operation))
        if envelope.get("response") is None:
            raise wrong_shape(Op(self.name, operation), "response is missing")
        return envelope["response"]

    def _misp_path(self, misp_id: str, operation: str, tail: str = "") -> str:
        segment = wire.MISP_ID.segment(misp_id, upstream=self.name, operation=operation)
        return f"{MISPS_PATH}/{segment}{tail}"

    # --- reads ---------------------------------------------------------------------

    async def health(self) -> bool:
        """A token can be obtained and the service answers an authenticated read (of a MISP
        that does not exist: cheap, and proof of both)."""
        await self.get_misp(_PROBE_ID)
        return True

    async def list_misps(self) -> list[MispRecord]:
        """Every MISP (``GET /misps``); none is an empty list (PMS_MSP_012)."""
        operation = "listMisps"
        try:
            response = await self._call("GET", MISPS_PATH, operation, idempotent=True)
        except UpstreamNotFound as exc:
            if Pms.NO_MISPS in exc.error_codes:
                return []
            raise
        return read_misps(response, Op(self.name, operation))

    async def get_misp(self, misp_id: str) -> MispRecord | None:
        """One MISP (``GET /misps/{id}``); None when there is none (PMS_MSP_005)."""
        operation = "getMisp"
        path = self._misp_path(misp_id, operation)
        try:
            response = await self._call("GET", path, operation, idempotent=True)
        except UpstreamNotFound:
            return None
        return read_misp(response, Op(self.name, operation))

    async def find_misps(self, organization_name: str) -> list[MispRecord]:
        """MISPs whose organization name matches (``GET /misps/name/{name}``), each with its
        current license key; none is an empty list (PMS_MSP_011)."""
        operation = "findMisps"
        segment = wire.ORGANIZATION_NAME.segment(
            organization_name, upstream=self.name, operation=operation
        )
        try:
            response = await self._call(
                "GET", f"{MISPS_PATH}/name/{segment}", operation, idempotent=True
            )
        except UpstreamNotFound:
            return []
        return read_misps_named(response, Op(self.name, operation))

    async def get_license_key(self, misp_id: str) -> LicenseKeyRecord | None:
        """The MISP's current key (``GET /misps/{id}/licenseKey``); None when the MISP or its
        key does not exist (PMS_MSP_006). MOSIP issues a fresh key when the current one has
        expired; reading again answers that same key, so the read is idempotent."""
        operation = "getLicenseKey"
        path = self._misp_path(misp_id, operation, "/licenseKey")
        try:
            response = await self._call("GET", path, operation, idempotent=True)
        except UpstreamNotFound:
            return None
        return read_license_key(response, Op(self.name, operation))

    # --- writes (each sent once) -----------------------------------------------------

    async def create_misp(
        self,
        *,
        organization_name: str,
        email: str,
        address: str,
        contact_number: str | None = None,
    ) -> CreatedMispRecord:
        """``POST /misps``: the new MISP's id; it starts active, awaiting approval."""
        operation = "createMisp"
        request = {"organizationName": organization_name, "emailId": email, "address": address}
        if contact_number is not None:
            request["contactNumber"] = contact_number
        response = await self._call(
            "POST",
            MISPS_PATH,
            operation,
            idempotent=False,
            request_id=RequestId.CREATE,
            request=request,
        )
        return read_created(response, Op(self.name, operation))

    async def update_misp(
        self,
        misp_id: str,
        *,
        organization_name: str | None = None,
        email: str | None = None,
        address: str | None = None,
        contact_number: str | None = None,
    ) -> MispRecord:
        """``PUT /misps/{id}``: the given details change, the rest stay (none given is
        PMS_MSP_004 from MOSIP)."""
        operation = "updateMisp"
        given = {
            "organizationName": organization_name,
            "contactNumber": contact_number,
            "emailId": email,
            "address": address,
        }
        response = await self._call(
            "PUT",
            self._misp_path(misp_id, operation),
            operation,
            idempotent=False,
            request_id=RequestId.UPDATE,
            request={k: v for k, v in given.items() if v is not None},
        )
        return read_misp(response, Op(self.name, operation))

    async def decide_misp(self, misp_id: str, decision: Decision) -> DecisionRecord:
        """``PATCH /misps/{id}/status``: approve (MOSIP issues a license key, in the answer)
        or reject."""
        operation = "decideMisp"
        response = await self._call(
            "PATCH",
            self._misp_path(misp_id, operation, "/status"),
            operation,
            idempotent=False,
            request_id=RequestId.DECIDE,
            request={"mispStatus": wire.APPROVAL_WORDS[decision]},
        )
        return read_decision(response, Op(self.name, operation))

    async def set_misp_status(self, misp_id: str, status: MispStatus) -> str:
        """``PATCH /misps/{id}``: activate or de-activate; MOSIP's message."""
        operation = "setMispStatus"
        response = await self._call(
            "PATCH",
            self._misp_path(misp_id, operation),
            operation,
            idempotent=False,
            request_id=RequestId.SET_STATUS,
            request={"mispStatus": wire.MISP_STATUS_WORDS[status]},
        )
        return read_message(response, Op(self.name, operation))

    async def validate_license_key(self, misp_id: str, license_key: str) -> str:
        """``PATCH /misps/{id}/licenseKey``: MOSIP's message when the key is this MISP's and
        active; :class:`~upstreams.UpstreamRejected` (PMS_MSP_007/008) or
        :class:`~upstreams.UpstreamNotFound` (PMS_MSP_006) otherwise.

        Changes nothing; sent once all the same (it is a PATCH, and the graph offers it as a
        mutation).
        """
        operation = "validateLicenseKey"
        response = await self._call(
            "PATCH",
            self._misp_path(misp_id, operation, "/licenseKey"),
            operation,
            idempotent=False,
            request_id=RequestId.VALIDATE_LICENSE,
            request={"mispLicenseKey": license_key},
            license_key=license_key,
        )
        return read_message(response, Op(self.name, operation))

    async def set_license_key_status(
        self, misp_id: str, license_key: str, status: MispStatus
    ) -> str:
        """``PUT /misps/{id}/licenseKey``: activate or de-activate one of the MISP's keys;
        the key's new status (the graph's name)."""
        operation = "setLicenseKeyStatus"
        response = await self._call(
            "PUT",
            self._misp_path(misp_id, operation, "/licenseKey"),
            operation,
            idempotent=False,
            request_id=RequestId.SET_LICENSE_STATUS,
            request={
                "mispLicenseKey": license_key,
                "mispLicenseKeyStatus": wire.LICENSE_STATUS_WORDS[status],
            },
            license_key=license_key,
        )
        return read_license_status(response, Op(self.name, operation))


def _scrub(exc: UpstreamError, license_key: str) -> None:
    """Take the key this call sent out of the error's detail (and its message)."""
    if exc.detail:
        exc.detail = wire.redact_license_keys(exc.detail, license_key)
        exc.args = (str(exc),)
