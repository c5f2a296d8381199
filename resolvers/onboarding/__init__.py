"""Organizations, vendors, accounts and memberships (MedAllies Onboarding).

One module per purpose: :mod:`~resolvers.onboarding.fields` (what a filter can name),
:mod:`~resolvers.onboarding.filter_on` (the filter as ``filterOn``),
:mod:`~resolvers.onboarding.planning` (selection → ``_fields``/``_collapse``/``_count``),
:mod:`~resolvers.onboarding.reads` (pages, reference lists, metadata),
:mod:`~resolvers.onboarding.loaders` (by key, batched per request),
:mod:`~resolvers.onboarding.checks` (formats and codes before a write) and
:mod:`~resolvers.onboarding.writes`.
"""

from resolvers.onboarding.fields import (
    ACCOUNT_FIELDS,
    MEMBERSHIP_FIELDS,
    ORGANIZATION_FIELDS,
    VENDOR_FIELDS,
    getters,
)
from resolvers.onboarding.loaders import (
    load_many,
    load_memberships,
    parse_id,
    parse_membership_key,
)
from resolvers.onboarding.planning import WHOLE, ListPlan, directives, list_plan
from resolvers.onboarding.reads import (
    check_filter_error,
    data_types,
    error_codes,
    memberships,
    metadata,
    offset_page,
    organizations,
    reference,
    vendors,
)
from resolvers.onboarding.writes import (
    activate_membership,
    add_membership,
    create_organizations,
    deactivate_memberships,
    modify_memberships,
    modify_organizations,
    set_organizations_active,
)

__all__ = [
    "ACCOUNT_FIELDS",
    "MEMBERSHIP_FIELDS",
    "ORGANIZATION_FIELDS",
    "VENDOR_FIELDS",
    "WHOLE",
    "ListPlan",
    "activate_membership",
    "add_membership",
    "check_filter_error",
    "create_organizations",
    "data_types",
    "deactivate_memberships",
    "directives",
    "error_codes",
    "getters",
    "list_plan",
    "load_many",
    "load_memberships",
    "memberships",
    "metadata",
    "modify_memberships",
    "modify_organizations",
    "offset_page",
    "organizations",
    "parse_id",
    "parse_membership_key",
    "reference",
    "set_organizations_active",
    "vendors",
]
