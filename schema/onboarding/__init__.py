"""Organizations, vendors, Direct accounts and memberships (MedAllies Onboarding).

A module per entity (:mod:`.vendors`, :mod:`.organizations`, :mod:`.accounts`,
:mod:`.memberships`), each with its type, filter, order input and enums; reference data and
the MedAllies plumbing in :mod:`.reference`; the root fields in :mod:`.queries` and
:mod:`.mutations`; what every connection field does with its arguments in :mod:`.lists`.
"""

from schema.onboarding.accounts import ACCOUNT_TYPES
from schema.onboarding.mutations import OnboardingMutations
from schema.onboarding.organizations import Organization
from schema.onboarding.queries import OnboardingQueries
from schema.onboarding.vendors import Vendor

__all__ = ["ACCOUNT_TYPES", "OnboardingMutations", "OnboardingQueries", "Organization", "Vendor"]
