"""Organizations, vendors, Direct accounts and memberships (MedAllies Onboarding).

A module per entity (:mod:`.vendors`, :mod:`.organizations`, :mod:`.accounts`,
:mod:`.memberships`), each with its type, filter, order input and enums; reference data and
the MedAllies plumbing in :mod:`.reference`; the root fields in :mod:`.queries` and
:mod:`.mutations`; what every connection field does with its arguments in :mod:`.lists`.
"""

from schema.core.domains import GraphDomain
from schema.onboarding.accounts import ACCOUNT_TYPES
from schema.onboarding.mutations import OnboardingMutations
from schema.onboarding.organizations import Organization
from schema.onboarding.queries import OnboardingQueries
from schema.onboarding.vendors import Vendor

__all__ = ["ACCOUNT_TYPES", "OnboardingMutations", "OnboardingQueries", "Organization", "Vendor"]

DOMAIN = GraphDomain(
    name="onboarding",
    queries=OnboardingQueries,
    mutations=OnboardingMutations,
    # Reached only through the Account interface: named so the schema holds them.
    types=ACCOUNT_TYPES,
)
