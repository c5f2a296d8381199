"""The document's endpoints, one handler each, over a :class:`Store`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from aiohttp import web

from upstreams.datanexus.simulator.auth import VENDOR
from upstreams.datanexus.simulator.rendering import consent_json, enrollment_json, member_json
from upstreams.datanexus.simulator.requests import parse_list_query, path_id, read_wrapped
from upstreams.datanexus.simulator.seed import Consent, Enrollment, EnrollmentEvent, Json, Member
from upstreams.datanexus.simulator.store import Store
from upstreams.datanexus.simulator.validation import (
    validate_consent,
    validate_enrollment,
    validate_member,
)
from upstreams.datanexus.wire import MEMBERS_PATH, NEXT_CURSOR_HEADER, PING_PATH
from upstreams.simulators._kit import json_response

__all__ = ["Api", "add_routes"]


class Api:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reads

    async def ping(self, request: web.Request) -> web.Response:
        return json_response({"data": [{"response": "pong"}]})

    async def list_members(self, request: web.Request) -> web.Response:
        query = parse_list_query(request.query)
        match = self.store.matcher(query)
        if query.page is not None:
            page = self.store.numbered_page(match, query.page, query.limit)
        elif query.cursor_prev is not None:
            page = self.store.page_before(match, query.cursor_prev, query.limit)
        else:
            page = self.store.page_after(match, query.cursor_next, query.limit)
        vendor = request[VENDOR]
        households = self.store.households
        data = [
            member_json(
                m,
                vendor=vendor,
                household=(
                    ("household_members", households[m.household_id])
                    if query.include_household
                    else None
                ),
            )
            for m in page.members
        ]
        headers = None if page.next_cursor is None else {NEXT_CURSOR_HEADER: page.next_cursor}
        body = {"data": data, "next_cursor": page.next_cursor, "prev_cursor": page.prev_cursor}
        return json_response(body, headers=headers)

    async def show_member(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        return json_response({"data": self._render(member, request)})

    def _render(self, member: Member, request: web.Request) -> dict[str, Json]:
        others = [m for m in self.store.households[member.household_id] if m is not member]
        return member_json(
            member,
            vendor=request[VENDOR],
            household=("household", others) if others else None,
        )

    # -- member writes

    async def update_member(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        attrs = await read_wrapped(request, "member")
        changes, vendor_merge, vendor_clear = validate_member(attrs, vendor=request[VENDOR])
        for name, value in changes.items():
            setattr(member, name, value)
        if vendor_clear:
            member.vendor_data = None
        if vendor_merge is not None:
            member.vendor_data = {**(member.vendor_data or {}), **vendor_merge}
        member.updated_at = datetime.now(UTC)
        return json_response({"data": self._render(member, request)})

    # -- consents

    async def create_consent(self, request: web.Request) -> web.Response:
        store = self.store
        member = store.member(request.match_info["member_id"])
        changes = validate_consent(await read_wrapped(request, "consent"), creating=True)
        store.last_consent_id += 1
        consent = Consent(store.last_consent_id, member.id, "", {}, None, False)
        apply(consent, changes)
        member.consents.append(consent)
        store.consents[consent.id] = consent
        member.updated_at = datetime.now(UTC)
        location = f"{MEMBERS_PATH}/{member.id}/consents/{consent.id}"
        return json_response({"data": consent_json(consent)}, 201, {"location": location})

    async def update_consent(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        consent = self.store.consent(member, path_id(request, "consent_id"))
        changes = validate_consent(await read_wrapped(request, "consent"), creating=False)
        apply(consent, changes)
        member.updated_at = datetime.now(UTC)
        return json_response({"data": consent_json(consent)})

    async def delete_consent(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        consent = self.store.consent(member, path_id(request, "consent_id"))
        member.consents = [c for c in member.consents if c is not consent]
        del self.store.consents[consent.id]
        member.updated_at = datetime.now(UTC)
        return web.Response(status=204)

    # -- enrollments

    async def create_enrollment(self, request: web.Request) -> web.Response:
        store = self.store
        member = store.member(request.match_info["member_id"])
        attrs = await read_wrapped(request, "enrollment")
        changes = validate_enrollment(attrs, creating=True)
        store.last_enrollment_id += 1
        store.last_event_id += 1
        created = EnrollmentEvent(store.last_event_id, "created", {"source": "api"})
        enrollment = Enrollment(store.last_enrollment_id, member.id, 0, "", None, [created])
        apply(enrollment, changes)
        member.enrollments.append(enrollment)
        store.enrollments[enrollment.id] = enrollment
        member.updated_at = datetime.now(UTC)
        location = f"{MEMBERS_PATH}/{member.id}/enrollments/{enrollment.id}"
        return json_response({"data": enrollment_json(enrollment)}, 201, {"location": location})

    async def update_enrollment(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        enrollment = self.store.enrollment(member, path_id(request, "enrollment_id"))
        attrs = await read_wrapped(request, "enrollment")
        apply(enrollment, validate_enrollment(attrs, creating=False))
        member.updated_at = datetime.now(UTC)
        return json_response({"data": enrollment_json(enrollment)})

    async def delete_enrollment(self, request: web.Request) -> web.Response:
        member = self.store.member(request.match_info["member_id"])
        enrollment = self.store.enrollment(member, path_id(request, "enrollment_id"))
        member.enrollments = [e for e in member.enrollments if e is not enrollment]
        del self.store.enrollments[enrollment.id]
        member.updated_at = datetime.now(UTC)
        return web.Response(status=204)


def apply(record: Consent | Enrollment, changes: Mapping[str, object]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)


def add_routes(router: web.UrlDispatcher, api: Api) -> None:
    """The document's routes (and the bare `/pings` older probes call)."""
    member = MEMBERS_PATH + "/{member_id}"
    consent = member + "/consents/{consent_id}"
    enrollment = member + "/enrollments/{enrollment_id}"
    router.add_get(PING_PATH, api.ping)
    router.add_get("/pings", api.ping)
    router.add_get(MEMBERS_PATH, api.list_members)
    router.add_get(member, api.show_member)
    router.add_put(member, api.update_member)
    router.add_post(member + "/consents", api.create_consent)
    router.add_put(consent, api.update_consent)
    router.add_delete(consent, api.delete_consent)
    router.add_post(member + "/enrollments", api.create_enrollment)
    router.add_put(enrollment, api.update_enrollment)
    router.add_delete(enrollment, api.delete_enrollment)
