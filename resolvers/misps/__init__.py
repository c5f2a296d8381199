"""MISPs (MOSIP Partner Management): the list, one MISP, license keys, the writes.

``reads`` answers the queries (the list per request, one MISP through the request's loader,
the license key masked, from the by-name read that renews nothing); ``writes`` runs the
mutations through the core write helper with MOSIP's PMS codes as userError codes.
"""

from resolvers.misps import reads, writes
from resolvers.misps.reads import (
    MISP_GETTERS,
    MaskedKeyRecord,
    license_key,
    list_misps,
    mask,
    misp,
    misp_nodes,
)
from resolvers.misps.writes import (
    create_misp,
    decide_misp,
    download_license_key,
    set_license_key_status,
    set_misp_status,
    update_misp,
    validate_license_key,
)
from upstreams.mosip import CreatedMispRecord, DecisionRecord, LicenseKeyRecord, MispRecord

# The record types the domain's resolvers return (schema/ reads them from here).
__all__ = [
    "MISP_GETTERS",
    "CreatedMispRecord",
    "DecisionRecord",
    "LicenseKeyRecord",
    "MaskedKeyRecord",
    "MispRecord",
    "create_misp",
    "decide_misp",
    "download_license_key",
    "license_key",
    "list_misps",
    "mask",
    "misp",
    "misp_nodes",
    "reads",
    "set_license_key_status",
    "set_misp_status",
    "update_misp",
    "validate_license_key",
    "writes",
]
