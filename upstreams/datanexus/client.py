"""The Datanexus client: members, households, consents, enrollments and ping.

Auth, envelopes and error mapping live here; answers become records in ``records`` and the
wire names shared with the simulator are in ``wire``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from upstreams._errors import UpstreamError, UpstreamNotFound, UpstreamProtocolError
from upstreams._http import JSON, UpstreamClient, error_for_status
from upstreams._shape import Op, expect_objects
from upstreams.datanexus.records import (
    ConsentRecord,
    EnrollmentRecord,
    MemberRecord,
    normalize_consent,
    normalize_enrollment,
    normalize_member,
    optional_str,
)
from upstreams.datanexus.wire import (
    AUTH_SCHEME,
    CONSENT_ID,
    ENROLLMENT_ID,
    MEMBER_KEY,
    MEMBERS_PATH,
    NEXT_CURSOR_HEADER,
    PING_PATH,
)

__all__ = ["DatanexusClient", "MemberPage", "MemberQuery"]


@dataclass(frozen=True, slots=True)
class MemberQuery:
    """The list filters Datanexus understands (``GET /api/members``)."""

    first_name: str | None = None
    last_name: str | None = None
    born_on: str | None = None
    pending: bool | None = None
    program_id: str | None = None
    updated_since: str | None = None
    include_household: bool = False

    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        for key in ("first_name", "last_name", "born_on", "program_id", "updated_since"):
            value = getattr(self, key)
            if value is not None:
                params[key] = value
        if self.pending is not None:
            params["pending"] = "true" if self.pending else "false"
        if self.include_household:
            params["include_household"] = "true"
        return params


@dataclass(frozen=True, slots=True)
class MemberPage:
    """One page of ``GET /api/members``; cursors are the upstream's own opaque tokens."""

    items: list[MemberRecord]
    next_cursor: str | None
    prev_cursor: str | None


class DatanexusClient(UpstreamClient):
    """Datanexus over HTTP: ``authorization: apikey <key>``, base path ``/api``."""

    name = "datanexus"

    def auth_headers(self) -> dict[str, str]:
        return {
            "authorization": f"{AUTH_SCHEME} {self.settings.credentials.get('API_KEY', '')}",
            "accept": "application/json",
        }

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        errors = body.get("errors") if isinstance(body, Mapping) else None
        field_errors: dict[str, list[str]] = {}
        detail: str | None = None
        if isinstance(errors, Mapping):
            for key, value in errors.items():
                if key == "detail":
                    detail = str(value)
                elif isinstance(value, list):
                    field_errors[str(key)] = [str(v) for v in value]
                else:
                    field_errors[str(key)] = [str(value)]
        if status == 422 and not field_errors and detail is None:
            detail = "the upstream rejected the input"
        return error_for_status(
            self.name,
            operation,
            status,
            field_errors=field_errors,
            detail=detail if status in (400, 404, 422) else None,
        )

    def _path(
        self, operation: str, member_id: str, kind: str | None = None, child: str | None = None
    ) -> str:
        """``/api/members/{id}[/{kind}[/{child}]]``, each id checked against its alphabet.

        :class:`~upstreams.KeyRefused` (``BAD_USER_INPUT``) for an id outside it, so that no
        request is made: ``..`` or ``.`` would otherwise be resolved as path steps.
        """
        member = MEMBER_KEY.segment(member_id, upstream=self.name, operation=operation)
        path = f"{MEMBERS_PATH}/{member}"
        if kind is None:
            return path
        path += f"/{kind}"
        if child is None:
            return path
        alphabet = CONSENT_ID if kind == "consents" else ENROLLMENT_ID
        return f"{path}/{alphabet.segment(child, upstream=self.name, operation=operation)}"

    def _data(self, operation: str, body: JSON) -> Any:
        if not isinstance(body, Mapping) or "data" not in body:
            raise UpstreamProtocolError(self.name, operation, detail="no data in the answer")
        return body["data"]

    async def ping(self) -> bool:
        """``GET /api/pings``: true when the upstream answers pong to our key."""
        answer = await self.call("GET", PING_PATH, operation="ping", idempotent=True)
        data = self._data("ping", answer.body)
        return isinstance(data, list) and any(
            isinstance(d, Mapping) and d.get("response") == "pong" for d in data
        )

    async def list_members(
        self,
        query: MemberQuery,
        *,
        limit: int,
        cursor_next: str | None = None,
        cursor_prev: str | None = None,
    ) -> MemberPage:
        """One page of members, forward from ``cursor_next`` or backward from ``cursor_prev``."""
        params = query.params()
        params["limit"] = str(limit)
        if cursor_next is not None:
            params["cursor_next"] = cursor_next
        if cursor_prev is not None:
            params["cursor_prev"] = cursor_prev
        answer = await self.call(
            "GET", MEMBERS_PATH, operation="listMembers", idempotent=True, params=params
        )
        data = expect_objects(
            self._data("listMembers", answer.body), Op(self.name, "listMembers"), "data"
        )
        body = answer.body
        # The body's cursor is authoritative; the header only stands in when the key is absent.
        if "next_cursor" in body:
            next_cursor = body["next_cursor"]
        else:
            next_cursor = answer.headers.get(NEXT_CURSOR_HEADER)
        return MemberPage(
            items=[normalize_member(m, Op(self.name, "listMembers")) for m in data],
            next_cursor=optional_str(next_cursor) or None,
            prev_cursor=optional_str(body.get("prev_cursor")) or None,
        )

    async def get_member(self, member_id: str) -> MemberRecord | None:
        """A member by id or prefixed sponsor member identifier; None when there is none."""
        try:
            answer = await self.call(
                "GET",
                self._path("getMember", member_id),
                operation="getMember",
                idempotent=True,
            )
        except UpstreamNotFound:
            return None
        return normalize_member(self._data("getMember", answer.body), Op(self.name, "getMember"))

    async def update_member(self, member_id: str, changes: Mapping[str, Any]) -> MemberRecord:
        answer = await self.call(
            "PUT",
            self._path("updateMember", member_id),
            operation="updateMember",
            idempotent=False,
            json={"member": dict(changes)},
        )
        return normalize_member(
            self._data("updateMember", answer.body), Op(self.name, "updateMember")
        )

    async def create_consent(self, member_id: str, attrs: Mapping[str, Any]) -> ConsentRecord:
        answer = await self.call(
            "POST",
            self._path("createConsent", member_id, "consents"),
            operation="createConsent",
            idempotent=False,
            json={"consent": dict(attrs)},
            ok=(200, 201),
        )
        return normalize_consent(
            self._data("createConsent", answer.body), Op(self.name, "createConsent")
        )

    async def update_consent(
        self, member_id: str, consent_id: str, attrs: Mapping[str, Any]
    ) -> ConsentRecord:
        answer = await self.call(
            "PUT",
            self._path("updateConsent", member_id, "consents", consent_id),
            operation="updateConsent",
            idempotent=False,
            json={"consent": dict(attrs)},
        )
        return normalize_consent(
            self._data("updateConsent", answer.body), Op(self.name, "updateConsent")
        )

    async def delete_consent(self, member_id: str, consent_id: str) -> None:
        await self.call(
            "DELETE",
            self._path("deleteConsent", member_id, "consents", consent_id),
            operation="deleteConsent",
            idempotent=False,
            ok=(200, 203, 204),
        )

    async def create_enrollment(self, member_id: str, attrs: Mapping[str, Any]) -> EnrollmentRecord:
        answer = await self.call(
            "POST",
            self._path("createEnrollment", member_id, "enrollments"),
            operation="createEnrollment",
            idempotent=False,
            json={"enrollment": dict(attrs)},
            ok=(200, 201),
        )
        return normalize_enrollment(
            self._data("createEnrollment", answer.body), Op(self.name, "createEnrollment")
        )

    async def update_enrollment(
        self, member_id: str, enrollment_id: str, attrs: Mapping[str, Any]
    ) -> EnrollmentRecord:
        answer = await self.call(
            "PUT",
            self._path("updateEnrollment", member_id, "enrollments", enrollment_id),
            operation="updateEnrollment",
            idempotent=False,
            json={"enrollment": dict(attrs)},
        )
        return normalize_enrollment(
            self._data("updateEnrollment", answer.body), Op(self.name, "updateEnrollment")
        )

    async def delete_enrollment(self, member_id: str, enrollment_id: str) -> None:
        await self.call(
            "DELETE",
            self._path("deleteEnrollment", member_id, "enrollments", enrollment_id),
            operation="deleteEnrollment",
            idempotent=False,
            ok=(200, 203, 204),
        )
