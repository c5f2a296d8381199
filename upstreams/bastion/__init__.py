"""Bastion Endorse Web API v2: broker plans, endorsements, enrollees, reference data and
webhook events.

``client`` (HTTP, the session token, envelopes, errors, the customer translated to the
wire), ``records`` (answers normalized to records), ``wire`` (names and codes the client,
the simulator and the webhook receiver share), ``simulator/`` (the stand-in API).
"""

from upstreams.bastion.client import (
    DEFAULT_TOKEN_TTL_S,
    BastionClient,
    customer_to_wire,
    details_to_wire,
)
from upstreams.bastion.records import (
    CityRecord,
    ConditionRecord,
    EnrolleePlanRecord,
    EnrolleeRecord,
    EventRecord,
    PlanRecord,
    ProviderRecord,
    RegionRecord,
    RemovalRecord,
    StatusRecord,
    UnknownEvent,
    UtilizationRecord,
    read_event,
)

__all__ = [
    "DEFAULT_TOKEN_TTL_S",
    "BastionClient",
    "CityRecord",
    "ConditionRecord",
    "EnrolleePlanRecord",
    "EnrolleeRecord",
    "EventRecord",
    "PlanRecord",
    "ProviderRecord",
    "RegionRecord",
    "RemovalRecord",
    "StatusRecord",
    "UnknownEvent",
    "UtilizationRecord",
    "customer_to_wire",
    "details_to_wire",
    "read_event",
]
