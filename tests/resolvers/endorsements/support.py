"""Shared by the webhook tests (unit and end-to-end)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from upstreams import UpstreamProtocolError
from upstreams.bastion import wire
from upstreams.bastion.records import EnrolleeRecord, EventRecord

__all__ = ["parse_for_tests"]


# A STAND-IN for upstreams.bastion.records.read_event, FOR THE UNIT TESTS ONLY: the receiver
# takes its parser as an argument, so its rules are tested on small bodies; server.py wires
# the real one, which the end-to-end tests use. Same contract: a record, or
# UpstreamProtocolError for a wrong shape.
def parse_for_tests(body: object) -> EventRecord:
    obj = cast(Mapping[str, Any], body)
    data = obj.get("data")
    if not isinstance(data, Mapping) or not isinstance(data.get("memberId"), str):
        raise UpstreamProtocolError("bastion", "webhookEvent", detail="wrong shape")
    enrollee = cast(
        EnrolleeRecord,
        {"member_id": data["memberId"], "policy_id": data.get("policyId"), "conditions": []},
    )
    return {
        "kind": wire.EVENTS[obj["event"]],
        "enrollee": enrollee,
        "access_key": obj.get("accessKey"),
    }
