"""OpenAPI 3 documents for the seeded catalog, generated from a few templates.

Each seeded API gets a real document: ``info``, ``servers`` (its host servers), a security
scheme matching its ``authentication``, component schemas, and several paths with several
methods each (a collection with list/create, an item with read/replace/delete, and a
search), or, for a GraphQL API, its endpoint with GET and POST. The same document is
serialized as JSON or YAML, so both loaders are exercised by the gateway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import orjson
import yaml

__all__ = ["DOMAINS", "Domain", "build_document", "serialize"]


@dataclass(frozen=True, slots=True)
class Domain:
    """A kind of API: its title words, consumer group, resource and the resource's fields."""

    title: str
    category: str  # Patient | Provider
    resource: str  # plural path word, e.g. "claims"
    singular: str  # schema name, e.g. "Claim"
    fields: Mapping[str, str]  # field name -> JSON Schema type or format
    summary: str


def _d(
    title: str, category: str, resource: str, singular: str, summary: str, **fields: str
) -> Domain:
    return Domain(title, category, resource, singular, fields, summary)


DOMAINS: Final[Sequence[Domain]] = (
    _d("Member Eligibility", "Patient", "eligibility", "Eligibility",
       "Coverage and eligibility of a member on a date of service.",
       memberId="string", planId="string", effectiveDate="date", termDate="date",
       active="boolean"),
    _d("Claims Status", "Patient", "claims", "Claim",
       "Status and line items of a member's medical claims.",
       claimNumber="string", memberId="string", serviceDate="date", status="string",
       billedAmount="number"),
    _d("Prior Authorization", "Provider", "authorizations", "Authorization",
       "Submit and track prior authorization requests.",
       authorizationId="string", memberId="string", procedureCode="string",
       status="string", requestedDate="date-time"),
    _d("Provider Directory", "Provider", "providers", "Provider",
       "Search in-network practitioners, groups and facilities.",
       npi="string", name="string", specialty="string", acceptingPatients="boolean",
       phone="string"),
    _d("Care Gaps", "Patient", "care-gaps", "CareGap",
       "Open preventive-care gaps of a member (HEDIS measures).",
       measure="string", memberId="string", dueDate="date", closed="boolean"),
    _d("Pharmacy Benefits", "Patient", "prescriptions", "Prescription",
       "Formulary, coverage and cost of a member's prescriptions.",
       ndc="string", drugName="string", tier="integer", copay="number"),
    _d("Member ID Cards", "Patient", "id-cards", "IdCard",
       "Digital member ID cards, as images and data.",
       memberId="string", groupNumber="string", issuedDate="date", imageUrl="uri"),
    _d("Appointments", "Patient", "appointments", "Appointment",
       "Book, move and cancel appointments with in-network providers.",
       appointmentId="string", memberId="string", providerNpi="string",
       start="date-time", status="string"),
    _d("Lab Results", "Patient", "lab-results", "LabResult",
       "Laboratory results of a member, coded in LOINC.",
       loincCode="string", value="string", unit="string", collectedAt="date-time"),
    _d("Health Risk Assessment", "Patient", "assessments", "Assessment",
       "Health risk assessments a member has started or completed.",
       assessmentId="string", memberId="string", score="integer", completedAt="date-time"),
    _d("Credentialing", "Provider", "applications", "CredentialingApplication",
       "Credentialing applications of practitioners joining the network.",
       applicationId="string", npi="string", status="string", submittedAt="date-time"),
    _d("Referrals", "Provider", "referrals", "Referral",
       "Referrals from primary care to specialists.",
       referralId="string", memberId="string", fromNpi="string", toNpi="string",
       status="string"),
    _d("Claims Submission", "Provider", "submissions", "ClaimSubmission",
       "Submit professional and institutional claims (837P/837I as JSON).",
       submissionId="string", claimType="string", totalCharge="number",
       receivedAt="date-time"),
    _d("Remittance Advice", "Provider", "remittances", "Remittance",
       "Payments and adjustments of processed claims (835 as JSON).",
       checkNumber="string", paidAmount="number", paidDate="date", payerId="string"),
    _d("Provider Network", "Provider", "contracts", "Contract",
       "Network participation and contract status of a provider group.",
       contractId="string", taxId="string", effectiveDate="date", status="string"),
    _d("Facility Locator", "Patient", "facilities", "Facility",
       "Urgent care, hospitals and pharmacies near a member.",
       facilityId="string", name="string", latitude="number", longitude="number"),
    _d("Fee Schedule", "Provider", "fees", "Fee",
       "Contracted rates by procedure code and place of service.",
       procedureCode="string", placeOfService="string", amount="number"),
    _d("Panel Roster", "Provider", "panels", "PanelMember",
       "Members assigned to a primary care provider's panel.",
       memberId="string", providerNpi="string", assignedDate="date", riskScore="number"),
    _d("Quality Measures", "Provider", "measures", "Measure",
       "A provider's performance on quality measures.",
       measureId="string", numerator="integer", denominator="integer", rate="number"),
    _d("Member Messaging", "Patient", "messages", "Message",
       "Secure messages between members and their care team.",
       messageId="string", memberId="string", subject="string", sentAt="date-time",
       read="boolean"),
)  # fmt: skip


def _schema(kind: str) -> dict[str, Any]:
    if kind in ("date", "date-time", "uri"):
        return {"type": "string", "format": kind}
    return {"type": kind}


def _security(authentication: str, token_url: str) -> dict[str, Any]:
    if authentication == "API Keys":
        return {"apiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"}}
    if authentication == "Basic Auth":
        return {"basicAuth": {"type": "http", "scheme": "basic"}}
    return {
        "oauth2": {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": token_url,
                    "scopes": {"read": "Read access", "write": "Write access"},
                }
            },
        }
    }


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _rest_paths(domain: Domain, with_delete: bool) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{domain.singular}"}
    item_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": f"The {domain.singular} id.",
    }
    ok_item = {"description": "OK", "content": {"application/json": {"schema": ref}}}
    ok_list = {
        "description": "OK",
        "content": {"application/json": {"schema": {"type": "array", "items": ref}}},
    }
    body = {"required": True, "content": {"application/json": {"schema": ref}}}
    collection = f"/{domain.resource}"
    item: dict[str, Any] = {
        "get": {
            "operationId": f"get{domain.singular}",
            "summary": f"Read one {domain.singular}",
            "parameters": [item_id],
            "responses": {"200": ok_item, "404": _error_response("Not found")},
        },
        "put": {
            "operationId": f"replace{domain.singular}",
            "summary": f"Replace a {domain.singular}",
            "parameters": [item_id],
            "requestBody": body,
            "responses": {"200": ok_item, "400": _error_response("Invalid input")},
        },
    }
    if with_delete:
        item["delete"] = {
            "operationId": f"delete{domain.singular}",
            "summary": f"Delete a {domain.singular}",
            "parameters": [item_id],
            "responses": {"204": {"description": "Deleted"}},
        }
    return {
        collection: {
            "get": {
                "operationId": f"list{domain.singular}s",
                "summary": f"List {domain.resource}",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {"200": ok_list},
            },
            "post": {
                "operationId": f"create{domain.singular}",
                "summary": f"Create a {domain.singular}",
                "requestBody": body,
                "responses": {"201": ok_item, "400": _error_response("Invalid input")},
            },
        },
        f"{collection}/{{id}}": item,
        f"{collection}/search": {
            "post": {
                "operationId": f"search{domain.singular}s",
                "summary": f"Search {domain.resource} by any of their fields",
                "requestBody": {
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {"200": ok_list},
            }
        },
    }


def _graphql_paths() -> dict[str, Any]:
    request = {
        "type": "object",
        "required": ["query"],
        "properties": {
            "query": {"type": "string"},
            "variables": {"type": "object"},
            "operationName": {"type": "string"},
        },
    }
    result = {
        "description": "A GraphQL result",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    return {
        "/graphql": {
            "get": {
                "operationId": "queryByGet",
                "summary": "Run a query (no mutations) given as query parameters",
                "parameters": [
                    {"name": "query", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": result},
            },
            "post": {
                "operationId": "query",
                "summary": "Run a query or mutation",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": request}},
                },
                "responses": {"200": result},
            },
        },
        "/graphql/schema": {
            "get": {
                "operationId": "schema",
                "summary": "The schema in SDL",
                "responses": {
                    "200": {
                        "description": "SDL",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
    }


def build_document(
    *,
    domain: Domain,
    title: str,
    version: str,
    description: str,
    api_type: str,
    authentication: str,
    servers: Sequence[tuple[str, str]],
    with_delete: bool,
) -> dict[str, Any]:
    """An OpenAPI 3.0.3 document; ``servers`` are (url, description) pairs."""
    schemes = _security(authentication, f"{servers[0][0]}/oauth2/token")
    paths = _graphql_paths() if api_type == "GraphQL" else _rest_paths(domain, with_delete)
    paths["/health"] = {
        "get": {
            "operationId": "health",
            "summary": "Liveness of the API",
            "security": [],
            "responses": {"200": {"description": "Up"}},
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": version, "description": description},
        "servers": [{"url": url, "description": name} for url, name in servers],
        "security": [{name: [] for name in schemes}],
        "paths": paths,
        "components": {
            "securitySchemes": schemes,
            "schemas": {
                domain.singular: {
                    "type": "object",
                    "properties": {k: _schema(v) for k, v in domain.fields.items()},
                    "required": list(domain.fields)[:2],
                },
                "Error": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    }


def serialize(document: Mapping[str, Any], extension: str) -> bytes:
    """The document as a file of that extension (``.json``, ``.yaml`` or ``.yml``)."""
    if extension == ".json":
        return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    return yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True).encode()
