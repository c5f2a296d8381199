"""MOSIP Partner Management, MISP service: MISPs and their license keys.

``client`` (HTTP, the cookie token, envelopes, errors), ``records`` (answers normalized to
records), ``wire`` (names and codes the client and the simulator share, the PMS code table),
``simulator/`` (the stand-in API).
"""

from upstreams.mosip.client import Decision, MispStatus, MosipClient
from upstreams.mosip.records import (
    CreatedMispRecord,
    DecisionRecord,
    LicenseKeyRecord,
    MispRecord,
)
from upstreams.mosip.wire import CODE_CLASSES, MISP_ID, ORGANIZATION_NAME, Pms

__all__ = [
    "CODE_CLASSES",
    "MISP_ID",
    "ORGANIZATION_NAME",
    "CreatedMispRecord",
    "Decision",
    "DecisionRecord",
    "LicenseKeyRecord",
    "MispRecord",
    "MispStatus",
    "MosipClient",
    "Pms",
]
