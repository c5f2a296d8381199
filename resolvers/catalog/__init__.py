"""The API catalog (Partner Portal): reads (the catalog per caller, keyset-paged; an API, its
OAS link and endpoints; access requests; clients; supporting lists), the OAS parser, writes."""

from resolvers.catalog import oas, reads, writes
from upstreams.portal import (
    AccessRequestRecord,
    ApiChanges,
    ApiDetails,
    ApiRecord,
    ClientRecord,
    HistoryEntryRecord,
    HostServer,
    HostServerRecord,
    NewClientRecord,
    PersonRecord,
    ProducerAccessRequestRecord,
    ReferenceRecord,
    Upload,
)

# The record and input types the domain's resolvers take and return (schema/ reads them here).
__all__ = [
    "AccessRequestRecord",
    "ApiChanges",
    "ApiDetails",
    "ApiRecord",
    "ClientRecord",
    "HistoryEntryRecord",
    "HostServer",
    "HostServerRecord",
    "NewClientRecord",
    "PersonRecord",
    "ProducerAccessRequestRecord",
    "ReferenceRecord",
    "Upload",
    "oas",
    "reads",
    "writes",
]
