"""The misps domain (MOSIP Partner Management): MISPs, their approval and status, and their
license keys (masked in queries, whole only in the payloads that issue or download one)."""

from schema.core.domains import GraphDomain
from schema.misps.misps import (
    IssuedMispLicenseKey,
    Misp,
    MispApproval,
    MispFilter,
    MispLicenseKey,
    MispLicenseKeyStatus,
    MispStatus,
)
from schema.misps.mutations import MispMutations
from schema.misps.queries import MispQueries

__all__ = [
    "IssuedMispLicenseKey",
    "Misp",
    "MispApproval",
    "MispFilter",
    "MispLicenseKey",
    "MispLicenseKeyStatus",
    "MispMutations",
    "MispQueries",
    "MispStatus",
]

DOMAIN = GraphDomain(name="misps", queries=MispQueries, mutations=MispMutations)
