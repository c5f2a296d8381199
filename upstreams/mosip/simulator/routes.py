"""The document's endpoints, one handler each, and the test bed's controls.

Each handler answers the envelope's `response`; :func:`_endpoint` wraps it: it checks the
session (all but the auth call), builds the envelope with the call's response id, and
answers a raised :class:`PmsFailure` (or any other failure, as PMS_COR_003) as `errors`
with HTTP 200.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Final

import orjson
from aiohttp import web

from upstreams.mosip.simulator.auth import Sessions
from upstreams.mosip.simulator.errors import PmsFailure
from upstreams.mosip.simulator.rendering import (
    envelope,
    license_json,
    local_datetime,
    misp_json,
    misp_status_word,
    misp_with_license_json,
)
from upstreams.mosip.simulator.seed import APPROVED, IN_PROGRESS, REJECTED, Misp
from upstreams.mosip.simulator.store import SimulatorClock, Store
from upstreams.mosip.simulator.validation import (
    nothing_to_update,
    read_details,
    read_envelope,
    read_license_key,
    read_status,
    text_field,
)
from upstreams.mosip.wire import (
    APPROVAL_WORDS,
    AUTH_COOKIE,
    AUTH_PATH,
    LICENSE_STATUS_WORDS,
    MISPS_PATH,
    Pms,
    RequestId,
)
from upstreams.simulators._kit import json_response

__all__ = ["CLOCK_ADVANCE_PATH", "CONTROL_PATHS", "TOKENS_EXPIRE_PATH", "Api", "add_routes"]

_log = logging.getLogger(__name__)

# The test bed's controls (not MOSIP's): no session needed.
TOKENS_EXPIRE_PATH: Final = "/__tokens/expire"
CLOCK_ADVANCE_PATH: Final = "/__clock/advance"
CONTROL_PATHS = (TOKENS_EXPIRE_PATH, CLOCK_ADVANCE_PATH)

Payload = object
Handler = Callable[[web.Request], Awaitable[Payload]]


class Api:
    def __init__(self, store: Store, sessions: Sessions, clock: SimulatorClock) -> None:
        self.store = store
        self.sessions = sessions
        self.clock = clock

    # -- auth

    async def authenticate(self, request: web.Request) -> web.Response:
        now = self.clock()
        try:
            inner = await read_envelope(request)
            app_id = text_field(inner, "appId", required=True)
            user = text_field(inner, "userName", required=True)
            password = text_field(inner, "password", required=True)
            assert app_id is not None
            assert user is not None
            assert password is not None
            token = self.sessions.login(app_id[1], user[1], password[1])
        except PmsFailure as failure:
            return json_response(envelope(None, now, errors=[failure.error()]))
        response = json_response(
            envelope(
                None,
                now,
                {
                    "status": "success",
                    "message": "Username and password combination had been verified successfully",
                },
            )
        )
        response.set_cookie(
            AUTH_COOKIE,
            token,
            max_age=int(self.sessions.lifetime.total_seconds()),
            path="/",
            httponly=True,
        )
        return response

    # -- reads

    async def list_misps(self, request: web.Request) -> Payload:
        if not self.store.misps:
            raise PmsFailure(Pms.NO_MISPS)
        return {"mispDetails": [misp_json(m) for m in self.store.misps.values()]}

    async def show_misp(self, request: web.Request) -> Payload:
        return misp_json(self.store.misp(request.match_info["misp_id"]))

    async def misps_named(self, request: web.Request) -> Payload:
        found = self.store.matching(request.match_info["name"])
        if not found:
            # The document's example body says PMS_MSP_009; its table (and 009's own
            # meaning, a failed status update) say 011.
            raise PmsFailure(Pms.NO_MISP_FOR_ORGANIZATION)
        # The document answers an object keyed by organization name.
        return {m.name: misp_with_license_json(m) for m in found}

    async def license_key(self, request: web.Request) -> Payload:
        misp = self.store.misp(request.match_info["misp_id"], Pms.LICENSE_NOT_FOUND)
        key = misp.current_key
        if key is None:
            raise PmsFailure(Pms.LICENSE_NOT_FOUND)
        if key.expired(self.clock()):
            # "In case where license key got expired ... a new license key ... Older license
            # keys would be updated with inactive status."
            key = self.store.issue_key(misp)
        return license_json(key)

    # -- writes

    async def create_misp(self, request: web.Request) -> Payload:
        details = read_details(await read_envelope(request), creating=True)
        assert details.name is not None
        assert details.email is not None
        assert details.address is not None
        if self.store.named(details.name) is not None:
            raise PmsFailure(Pms.ALREADY_REGISTERED, details.name)
        misp = self.store.add(
            Misp(
                self.store.keys.misp_id(),
                details.name,
                details.address,
                details.email,
                details.contact_number,
            )
        )
        # "by default MISP is set to active status"; the seed's example answers `mispID`.
        return {"mispStatus": misp_status_word(misp), "mispID": misp.id}

    async def decide(self, request: web.Request) -> Payload:
        """`PATCH /misps/{id}/status`: approve (issuing a key) or reject, once."""
        inner = await read_envelope(request)
        misp = self.store.misp(request.match_info["misp_id"])
        decision = read_status(
            inner, "mispStatus", "approval", allowed=frozenset({"APPROVED", "REJECTED"})
        )
        if decision is None:
            raise nothing_to_update()
        word = APPROVAL_WORDS[decision]
        if misp.approval == word:
            raise PmsFailure(Pms.ALREADY_IN_STATUS)
        if misp.approval != IN_PROGRESS:
            # A decision is final: an approved MISP is not rejected later (it is
            # de-activated instead), nor a rejected one approved.
            raise PmsFailure(Pms.STATUS_UPDATE_FAILED)
        misp.approval = word
        if word == REJECTED:
            misp.active = False
            return {
                "mispStatus": misp_status_word(misp),
                "mispID": misp.id,
                "mispStatusCode": REJECTED,
                "message": "MISP rejected successfully",
            }
        key = self.store.issue_key(misp)
        return {
            "mispStatus": misp_status_word(misp),
            "mispLicenseKey": key.key,
            "mispLicenseKeyExpiry": local_datetime(key.expires_at),
            # Lower case in the document's approval example.
            "mispLicenseKeyStatus": "active",
            "mispID": misp.id,
            "mispStatusCode": APPROVED,
            "message": "MISP approved successfully",
        }

    async def update_misp(self, request: web.Request) -> Payload:
        inner = await read_envelope(request)
        misp = self.store.misp(request.match_info["misp_id"])
        details = read_details(inner, creating=False)
        if details.empty:
            raise nothing_to_update()
        if details.name is not None and self.store.named(details.name, other_than=misp):
            raise PmsFailure(Pms.ALREADY_REGISTERED, details.name)
        misp.name = details.name or misp.name
        misp.email = details.email or misp.email
        misp.contact_number = details.contact_number or misp.contact_number
        misp.address = details.address or misp.address
        # The document's update answer echoes the spellings of its request (`emailID`);
        # the simulator answers with the caller's own (`emailId` from a documented client).
        return {
            "id": misp.id,
            details.name_key: misp.name,
            "contactNumber": misp.contact_number,
            details.email_key: misp.email,
            "address": misp.address,
        }

    async def validate_license_key(self, request: web.Request) -> Payload:
        """The three documented steps: the key's pattern, that it is this MISP's, and that
        it is active (and not expired)."""
        inner = await read_envelope(request)
        value = read_license_key(inner)
        misp = self.store.misp(request.match_info["misp_id"], Pms.LICENSE_NOT_FOUND)
        key = self.store.by_key.get(value)
        if key is None:
            raise PmsFailure(Pms.LICENSE_NOT_FOUND)
        if key.misp_id != misp.id:
            raise PmsFailure(Pms.LICENSE_NOT_OF_MISP)
        if not key.active or key.expired(self.clock()):
            raise PmsFailure(Pms.LICENSE_NOT_VALID)
        return {"message": "MISP License key is valid"}

    async def set_misp_status(self, request: web.Request) -> Payload:
        """`PATCH /misps/{id}`: activate or de-activate."""
        inner = await read_envelope(request)
        misp = self.store.misp(request.match_info["misp_id"])
        status = read_status(inner, "mispStatus", "misp", allowed=frozenset({"ACTIVE", "INACTIVE"}))
        if status is None:
            raise nothing_to_update()
        active = status == "ACTIVE"
        if misp.active == active:
            raise PmsFailure(Pms.ALREADY_IN_STATUS)
        if active and misp.approval == REJECTED:
            # A rejected MISP stays de-active: the update "failed".
            raise PmsFailure(Pms.STATUS_UPDATE_FAILED)
        misp.active = active
        return {"message": f"MISP {'activated' if active else 'deactivated'} successfully"}

    async def set_license_status(self, request: web.Request) -> Payload:
        """`PUT /misps/{id}/licenseKey`: activate or de-activate one key of the MISP.

        `mispLicenseKeyStatus` is the change; `mispStatus` (the document shows it beside)
        changes nothing here and is only checked to be a status word.
        """
        inner = await read_envelope(request)
        fields = ("mispStatus", "mispLicenseKey", "mispLicenseKeyStatus")
        if not any(inner.get(name) is not None for name in fields):
            raise nothing_to_update()
        read_status(inner, "mispStatus", "misp", allowed=frozenset({"ACTIVE", "INACTIVE"}))
        status = read_status(
            inner, "mispLicenseKeyStatus", "license", allowed=frozenset({"ACTIVE", "INACTIVE"})
        )
        if status is None:
            raise nothing_to_update()
        value = read_license_key(inner)
        misp = self.store.misp(request.match_info["misp_id"], Pms.LICENSE_NOT_FOUND)
        key = self.store.by_key.get(value)
        if key is None:
            raise PmsFailure(Pms.LICENSE_NOT_FOUND)
        if key.misp_id != misp.id:
            raise PmsFailure(Pms.LICENSE_NOT_OF_MISP)
        key.active = status == "ACTIVE"
        # The document answers `status`, not `mispLicenseKeyStatus`.
        return {"status": LICENSE_STATUS_WORDS[status]}

    # -- test-bed controls

    async def expire_tokens(self, request: web.Request) -> web.Response:
        expired = self.sessions.expire_all()
        return json_response({"expired": expired})

    async def advance_clock(self, request: web.Request) -> web.Response:
        try:
            body: object = orjson.loads(await request.read())
        except orjson.JSONDecodeError:
            body = None
        seconds = body.get("seconds") if isinstance(body, dict) else None
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
            return json_response({"error": 'send {"seconds": <non-negative number>}'}, 400)
        return json_response({"now": self.clock.advance(float(seconds)).isoformat()})


def _endpoint(
    api: Api, response_id: RequestId, handler: Handler
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A MOSIP call: session checked, payload wrapped, failures answered in the envelope."""

    async def answer(request: web.Request) -> web.Response:
        try:
            api.sessions.check(request)
            payload = await handler(request)
        except PmsFailure as failure:
            return json_response(envelope(response_id, api.clock(), errors=[failure.error()]))
        except Exception:
            # "Could not process the request - Any Internal Error", in the envelope with 200
            # as the service's own exception handler answers.
            _log.exception("MOSIP simulator handler failed: %s %s", request.method, request.path)
            internal = PmsFailure(Pms.INTERNAL_ERROR)
            return json_response(envelope(response_id, api.clock(), errors=[internal.error()]))
        return json_response(envelope(response_id, api.clock(), payload))

    return answer


def add_routes(router: web.UrlDispatcher, api: Api) -> None:
    """The seed's six writes, the four reads of UPSTREAMS.md, the auth call and the controls."""
    misp = MISPS_PATH + "/{misp_id}"
    license_path = misp + "/licenseKey"

    def add(method: str, path: str, response_id: RequestId, handler: Handler) -> None:
        router.add_route(method, path, _endpoint(api, response_id, handler))

    router.add_post(AUTH_PATH, api.authenticate)
    add("GET", MISPS_PATH, RequestId.RETRIEVE, api.list_misps)
    add("POST", MISPS_PATH, RequestId.CREATE, api.create_misp)
    add("GET", MISPS_PATH + "/name/{name}", RequestId.RETRIEVE, api.misps_named)
    add("GET", misp, RequestId.RETRIEVE, api.show_misp)
    add("PUT", misp, RequestId.UPDATE, api.update_misp)
    add("PATCH", misp, RequestId.SET_STATUS, api.set_misp_status)
    add("PATCH", misp + "/status", RequestId.DECIDE, api.decide)
    add("GET", license_path, RequestId.RETRIEVE_LICENSE, api.license_key)
    add("PATCH", license_path, RequestId.VALIDATE_LICENSE, api.validate_license_key)
    add("PUT", license_path, RequestId.SET_LICENSE_STATUS, api.set_license_status)
    router.add_post(TOKENS_EXPIRE_PATH, api.expire_tokens)
    router.add_post(CLOCK_ADVANCE_PATH, api.advance_clock)
