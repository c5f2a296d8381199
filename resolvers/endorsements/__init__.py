"""Endorsements (Bastion): enrollees and their parts, reference data, providers, writes.

``enrollees`` answers by member id, each part from its own call, concurrently;
``reference`` holds the cached reference lists; ``providers`` plans and pages the providers
connection; ``checks`` and ``writes`` run the mutations.
"""

from resolvers.endorsements import listing, reference
from resolvers.endorsements.enrollees import (
    PARTS,
    enrollee,
    enrollee_nodes,
    plan_part,
    status_part,
    utilization_part,
)
from resolvers.endorsements.providers import (
    PROVIDER_GETTERS,
    ProviderPlan,
    ProviderRow,
    list_providers,
    plan_providers,
    provider_calls,
)
from resolvers.endorsements.writes import (
    change_plan,
    create_endorsement,
    remove_endorsement,
    undo_removal,
    update_details,
)
from upstreams.bastion import (
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
    UtilizationRecord,
)

# The record types the domain's resolvers return (schema/ reads them from here).
__all__ = [
    "PARTS",
    "PROVIDER_GETTERS",
    "CityRecord",
    "ConditionRecord",
    "EnrolleePlanRecord",
    "EnrolleeRecord",
    "EventRecord",
    "PlanRecord",
    "ProviderPlan",
    "ProviderRecord",
    "ProviderRow",
    "RegionRecord",
    "RemovalRecord",
    "StatusRecord",
    "UtilizationRecord",
    "change_plan",
    "create_endorsement",
    "enrollee",
    "enrollee_nodes",
    "list_providers",
    "listing",
    "plan_part",
    "plan_providers",
    "provider_calls",
    "reference",
    "remove_endorsement",
    "status_part",
    "undo_removal",
    "update_details",
    "utilization_part",
]
