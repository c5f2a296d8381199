"""The endorsements domain (Bastion): enrollees, broker plans, conditions, regions and
cities, providers, the endorsement writes, and Bastion's webhook events as a subscription."""

from schema.core.domains import GraphDomain
from schema.endorsements.conditions import Condition, ConditionFilter
from schema.endorsements.enrollees import Enrollee, EnrolleeUtilization
from schema.endorsements.mutations import EndorsementMutations
from schema.endorsements.places import City, Region
from schema.endorsements.plans import BrokerPlan, BrokerPlanFilter
from schema.endorsements.providers import Provider, ProviderFilter
from schema.endorsements.queries import EndorsementQueries

__all__ = [
    "BrokerPlan",
    "BrokerPlanFilter",
    "City",
    "Condition",
    "ConditionFilter",
    "EndorsementMutations",
    "EndorsementQueries",
    "Enrollee",
    "EnrolleeUtilization",
    "Provider",
    "ProviderFilter",
    "Region",
]

DOMAIN = GraphDomain(
    name="endorsements",
    queries=EndorsementQueries,
    mutations=EndorsementMutations,
    # Reached only through node(id:) and nodes(ids:).
    types=(City, Condition),
)
