"""Records as the document renders them: keys in alphabetical order, as Elixir/Jason does."""

from __future__ import annotations

from upstreams.datanexus.simulator.seed import Consent, Enrollment, EnrollmentEvent, Json, Member

__all__ = ["consent_json", "enrollment_json", "member_json"]


def consent_json(consent: Consent) -> dict[str, Json]:
    return {
        "category": consent.category,
        "consent_details": consent.consent_details,
        "consented_at": consent.consented_at,
        "id": consent.id,
        "member_id": consent.member_id,
        "member_response": consent.member_response,
    }


def event_json(event: EnrollmentEvent) -> dict[str, Json]:
    return {"category": event.category, "details": event.details, "id": event.id}


def enrollment_json(enrollment: Enrollment, *, events: bool = True) -> dict[str, Json]:
    data: dict[str, Json] = {"enrolled_at": enrollment.enrolled_at}
    if events:
        data["enrollment_events"] = [event_json(e) for e in enrollment.events]
    data["expires_at"] = enrollment.expires_at
    data["id"] = enrollment.id
    data["member_id"] = enrollment.member_id
    data["program_id"] = enrollment.program_id
    return data


def partial_member_json(member: Member) -> dict[str, Json]:
    # The document's household entries leave out enrollment_events.
    return {
        "born_on": member.born_on,
        "email": member.email,
        "enrollments": [enrollment_json(e, events=False) for e in member.enrollments],
        "first_name": member.first_name,
        "id": member.id,
        "last_name": member.last_name,
        "program_status": member.program_status,
    }


def member_json(
    member: Member,
    *,
    vendor: bool,
    household: tuple[str, list[Member]] | None = None,
) -> dict[str, Json]:
    # Keys in alphabetical order, as the upstream (Elixir/Jason) renders them.
    data: dict[str, Json] = {
        "born_on": member.born_on,
        "city": member.city,
        "consents": [consent_json(c) for c in member.consents],
        "eligibility_start_on": member.eligibility_start_on,
        "email": member.email,
        "enrollments": [enrollment_json(e) for e in member.enrollments],
        "first_name": member.first_name,
        "gender": member.gender,
        "health_plan_identifier": member.health_plan_identifier,
    }
    if household is not None:
        key, others = household
        data[key] = [partial_member_json(m) for m in others]
    data["id"] = member.id
    data["last_name"] = member.last_name
    data["middle_name"] = member.middle_name
    data["phone_number"] = member.phone_number
    data["postal_code"] = member.postal_code
    data["prefixed_sponsor_member_identifier"] = member.prefixed_sponsor_member_identifier
    data["program_status"] = member.program_status
    data["soda_sponsor_id"] = member.soda_sponsor_id
    data["sponsor_member_identifier"] = member.sponsor_member_identifier
    data["state"] = member.state
    data["street_address_1"] = member.street_address_1
    data["street_address_2"] = member.street_address_2
    if vendor and member.vendor_data:
        # The document shows vendor data as a one-element list of the vendor's object.
        data["vendor_data"] = [dict(member.vendor_data)]
    return data
