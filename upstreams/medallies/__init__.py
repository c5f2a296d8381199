"""MedAllies Onboarding: organizations, vendors, Direct accounts and memberships."""

from upstreams.medallies.client import (
    Directives,
    Listing,
    ListQuery,
    MedAlliesClient,
    normalize,
    snake,
    to_camel,
)

__all__ = [
    "Directives",
    "ListQuery",
    "Listing",
    "MedAlliesClient",
    "normalize",
    "snake",
    "to_camel",
]
