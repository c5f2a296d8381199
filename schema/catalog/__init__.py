"""The catalog domain (Partner Portal): APIs, their servers, OAS files and endpoints, access
requests, clients, the supporting lists, and publishing with file uploads."""

from schema.catalog.access import AccessRequest, ApiClient
from schema.catalog.apis import Api, ApiFilter
from schema.catalog.mutations import CatalogMutations
from schema.catalog.queries import CatalogQueries
from schema.core.domains import GraphDomain

__all__ = ["AccessRequest", "Api", "ApiClient", "ApiFilter", "CatalogMutations", "CatalogQueries"]

DOMAIN = GraphDomain(name="catalog", queries=CatalogQueries, mutations=CatalogMutations)
