"""Partner Portal: the API catalog, publishing, OAS files, access requests, clients.

``client`` (HTTP, auth, multipart, downloads, errors), ``records`` (answers normalized to
records), ``wire`` (names the client and the simulator share, and the decisions where the
document is unclear), ``simulator/`` (the stand-in API).
"""

from upstreams.portal.client import (
    ApiChanges,
    ApiDetails,
    CatalogQuery,
    DecisionEmail,
    DecisionOutcome,
    EmailMessage,
    EmailOutcome,
    HostServer,
    NewClient,
    PortalClient,
    Upload,
)
from upstreams.portal.records import (
    AccessRequestRecord,
    ApiRecord,
    ClientRecord,
    CreatedRecord,
    DecisionRecord,
    EmailReceiptRecord,
    HistoryEntryRecord,
    HostServerRecord,
    NewClientRecord,
    OasFileRecord,
    PersonRecord,
    ProducerAccessRequestRecord,
    PublishedRecord,
    ReferenceRecord,
    UploadedRecord,
)
from upstreams.portal.wire import API_ID, CLIENT_ID, REQUEST_ID, SERVER_ID, SORT_FIELDS

__all__ = [
    "API_ID",
    "CLIENT_ID",
    "REQUEST_ID",
    "SERVER_ID",
    "SORT_FIELDS",
    "AccessRequestRecord",
    "ApiChanges",
    "ApiDetails",
    "ApiRecord",
    "CatalogQuery",
    "ClientRecord",
    "CreatedRecord",
    "DecisionEmail",
    "DecisionOutcome",
    "DecisionRecord",
    "EmailMessage",
    "EmailOutcome",
    "EmailReceiptRecord",
    "HistoryEntryRecord",
    "HostServer",
    "HostServerRecord",
    "NewClient",
    "NewClientRecord",
    "OasFileRecord",
    "PersonRecord",
    "PortalClient",
    "ProducerAccessRequestRecord",
    "PublishedRecord",
    "ReferenceRecord",
    "Upload",
    "UploadedRecord",
]
