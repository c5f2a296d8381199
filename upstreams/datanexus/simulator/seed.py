"""Records of the Datanexus simulator and the data it starts with.

The document's example records come first, with their ids and values, so that every
example request of the document answers as shown; generated households fill the store up
to the requested scale.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final, TypeAlias, TypedDict

from upstreams.simulators._kit import COMMON_LAST_NAMES

__all__ = [
    "SEEDED_UPDATED_AT",
    "Consent",
    "Enrollment",
    "EnrollmentEvent",
    "Json",
    "Member",
    "SeedData",
    "build_seed",
    "seed_member_count",
]

# JSON as the document shows it; free-form fields (consent details, vendor data) hold it.
Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None

SEEDED_UPDATED_AT: Final = datetime(2023, 6, 1, tzinfo=UTC)


@dataclass(slots=True)
class Consent:
    id: int
    member_id: str
    category: str
    consent_details: Json
    consented_at: str | None
    member_response: bool


@dataclass(slots=True)
class EnrollmentEvent:
    id: int
    category: str
    details: Json


@dataclass(slots=True)
class Enrollment:
    id: int
    member_id: str
    program_id: int
    enrolled_at: str
    expires_at: str | None
    events: list[EnrollmentEvent] = field(default_factory=list)


@dataclass(slots=True)
class Member:
    id: str
    seq: int
    household_id: int
    born_on: str | None
    first_name: str | None
    last_name: str | None
    middle_name: str | None = ""
    gender: str | None = None
    email: str | None = None
    phone_number: str | None = None
    street_address_1: str | None = None
    street_address_2: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    program_status: str = "active"
    eligibility_start_on: str | None = None
    health_plan_identifier: str | None = None
    sponsor_member_identifier: str | None = None
    prefixed_sponsor_member_identifier: str | None = None
    soda_sponsor_id: str | None = None
    vendor_data: dict[str, Json] | None = None
    updated_at: datetime = SEEDED_UPDATED_AT
    consents: list[Consent] = field(default_factory=list)
    enrollments: list[Enrollment] = field(default_factory=list)


@dataclass(slots=True)
class SeedData:
    members: list[Member]
    last_consent_id: int
    last_enrollment_id: int
    last_event_id: int


# --- the document's examples -------------------------------------------------------------


class _Address(TypedDict):
    street_address_1: str
    city: str
    state: str
    postal_code: str


_SMS_DETAILS: Final = {"sms_number": "5555555555"}

# Kant-like fixtures of the document: one member per household, values differing only in
# id and prefix (and soda_sponsor_id, which some examples show as null).
_KANTS: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("7ZbA6", "GFC", "SODAID12345"),
    ("o8YAO", "EOE", "SODAID12345"),
    ("Mk9Pw", "EUW", "SODAID12345"),
    ("MOZ0p", "MGE", "SODAID12345"),
    ("MjymW", "ITG", "SODAID12345"),
    ("olNmR", "NYU", None),
    ("oGRWv", "MIO", None),
    ("QWqJn", "EPA", None),
    ("o26WZ", "KQA", None),
    ("7ZbOm", "ZBM", None),
    ("QdV6d", "QDV", None),
    ("MKGK5", "MKG", None),
    ("QLayl", "QLA", None),
    ("o5kd3", "OKD", None),
    ("o1b0e", "OBE", None),
    ("Mn85R", "MNR", None),
    ("MOZN5", "MZN", None),
    ("o1bgR", "OBG", None),
    ("7wlmL", "WLM", None),
)


def _seed_consent(cid: int, member_id: str, category: str, at: str, response: bool) -> Consent:
    return Consent(cid, member_id, category, dict(_SMS_DETAILS), at, response)


def _seed_enrollment(eid: int, member_id: str, program_id: int, expires_at: str) -> Enrollment:
    return Enrollment(eid, member_id, program_id, "2022-12-14T22:39:00.000000Z", expires_at)


def _document_members() -> list[Member]:
    members: list[Member] = []

    def add(member: Member) -> Member:
        members.append(member)
        return member

    bluth_address: _Address = {
        "street_address_1": "1 Lucille Lane",
        "city": "Newport Beach",
        "state": "CA",
        "postal_code": "92658",
    }
    add(
        Member(
            "A5c7X", 0, 1, "1975-05-15", "Michael", "Bluth",
            middle_name="George", gender="M", email="abc@def.ghi", phone_number="9875555550",
            program_status="pending", sponsor_member_identifier="BLUTH01",
            prefixed_sponsor_member_identifier="BLU-BLUTH01", **bluth_address,
        )
    )  # fmt: skip
    add(
        Member(
            "B6d8Y", 0, 1, "1955-05-15", "Michael", "Bluth",
            gender="M", sponsor_member_identifier="BLUTH01",
            prefixed_sponsor_member_identifier="BTH-BLUTH01", **bluth_address,
        )
    )  # fmt: skip

    hamilton_address: _Address = {
        "street_address_1": "1700 Pennsylvania Ave",
        "city": "Washington",
        "state": "DC",
        "postal_code": "10101",
    }
    add(
        Member(
            "7E8ln", 0, 2, "1976-07-04", "Alexander", "Hamilton",
            gender="male", email="ahamilton@continentalcongress.gov",
            program_status="pending", eligibility_start_on="2021-06-07",
            health_plan_identifier="HAMILTON01", sponsor_member_identifier="HAMILTON01",
            prefixed_sponsor_member_identifier="CYN-HAMILTON01", **hamilton_address,
        )
    )  # fmt: skip
    eliza = add(
        Member(
            "7xZm3", 0, 2, "1976-08-04", "Eliza", "Hamilton",
            gender="female", email="ehamilton@schuylerhome.org",
            program_status="pending", eligibility_start_on="2021-06-07",
            health_plan_identifier="HAMILTON01", sponsor_member_identifier="HAMILTON01",
            prefixed_sponsor_member_identifier="SYZ-HAMILTON01", **hamilton_address,
        )
    )  # fmt: skip
    eliza.enrollments.append(
        Enrollment(3226, "7xZm3", 8355, "2022-12-14T22:39:00.000000Z", "2022-12-14T22:39:00Z")
    )

    household = 3
    for member_id, prefix, soda in _KANTS:
        add(
            Member(
                member_id, 0, household, "2000-01-01", "Emmanuel", "Kant",
                gender="female", email="myemail@myplace.xyz", program_status="pending",
                eligibility_start_on="2018-01-01", sponsor_member_identifier="COGITO55",
                prefixed_sponsor_member_identifier=f"{prefix}-COGITO55", soda_sponsor_id=soda,
            )
        )  # fmt: skip
        household += 1
        if member_id == "7ZbA6":
            # Marx sits right after the first Kant, as in the document's show examples.
            add(
                Member(
                    "ommXk", 0, household, "2000-01-01", "Karl", "Marx",
                    gender="female", email="myemail@myplace.xyz", program_status="inactive",
                    prefixed_sponsor_member_identifier="CTE-MEANSOF789", soda_sponsor_id="",
                )
            )  # fmt: skip
            household += 1

    by_id = {m.id: m for m in members}
    by_id["7ZbA6"].consents += [
        _seed_consent(1360, "7ZbA6", "sms", "2022-12-12T12:12:12Z", True),
        _seed_consent(1361, "7ZbA6", "hipaa", "2022-12-13T12:12:12Z", True),
    ]
    by_id["ommXk"].consents += [
        _seed_consent(1358, "ommXk", "sms", "2022-12-12T12:12:12Z", True),
        _seed_consent(1359, "ommXk", "hipaa", "2022-12-13T12:12:12Z", True),
    ]
    by_id["o5kd3"].consents.append(
        _seed_consent(1362, "o5kd3", "sms", "2022-12-12T12:12:12Z", True)
    )
    # The document updates this consent to member_response true; start it as a refusal
    # so the update is visible.
    by_id["o26WZ"].consents.append(
        _seed_consent(1365, "o26WZ", "sms", "2022-12-12T12:12:12Z", False)
    )
    by_id["MOZ0p"].vendor_data = {"payment_card_status": "requested"}
    # Give the "clear a field" example something to clear.
    by_id["QWqJn"].street_address_2 = "Suite 55"
    by_id["o1b0e"].enrollments.append(_seed_enrollment(3227, "o1b0e", 8360, "2023-12-14T22:39:00Z"))
    by_id["7ZbOm"].enrollments.append(_seed_enrollment(3228, "7ZbOm", 8366, "2023-12-14T22:39:00Z"))
    by_id["MOZN5"].enrollments.append(_seed_enrollment(3230, "MOZN5", 8368, "2023-12-14T22:39:00Z"))

    poppins = (
        ("QdVm0", "Grumpy", "pending", "2021-06-07", "pending1", "CFP", "GABBAGABBAHEY"),
        ("7aYyR", "Alpha", "active", "2018-01-01", "active1", "PVU", "IMMRMEESEEKS"),
        ("oRn65", "Bet", "pending", "2021-06-07", "pending1", "AYE", "GABBAGABBAHEY"),
        ("74BD4", "Gimel", "pending", "2021-06-07", "pending2", "RQA", "PENDING2"),
    )
    for member_id, first, status, eligible, mailbox, prefix, sponsor in poppins:
        domain = "pending" if status == "pending" else "active"
        add(
            Member(
                member_id, 0, household, "2000-01-01", first, "Poppins",
                gender="female", email=f"{mailbox}@{domain}.{domain}", program_status=status,
                eligibility_start_on=eligible, sponsor_member_identifier=sponsor,
                prefixed_sponsor_member_identifier=f"{prefix}-{sponsor}",
            )
        )  # fmt: skip
        household += 1

    for seq, member in enumerate(members, start=1):
        member.seq = seq
    return members


def seed_member_count() -> int:
    """How many members the document's examples contribute (the smallest valid scale)."""
    return len(_document_members())


# --- generated households ----------------------------------------------------------------

_FIRST_NAMES: Final = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella",
    "William", "Mia", "Benjamin", "Charlotte", "Lucas", "Amelia", "Henry", "Harper",
    "Theodore", "Evelyn", "Jack", "Abigail", "Levi", "Emily", "Daniel", "Ella", "Mateo",
    "Elizabeth", "Jackson", "Camila", "Sebastian", "Luna", "Aiden", "Sofia", "Samuel",
    "Avery", "David", "Mila", "Joseph", "Aria", "Carter", "Scarlett", "Owen", "Penelope",
    "Wyatt", "Layla", "John", "Chloe", "Julian", "Victoria", "Luke", "Madison", "Grace",
    "Gabriel", "Nora", "Anthony", "Riley", "Isaac", "Zoey", "Dylan", "Hannah", "Maria",
    "Jose", "Wei", "Priya", "Aarav", "Fatima", "Omar", "Kenji", "Yuki", "Diego",
)  # fmt: skip
_MIDDLE_NAMES: Final = ("Ann", "Marie", "Lee", "James", "Lynn", "Ray", "Rose", "Jean", "Jo")
_LAST_NAMES: Final = (
    *COMMON_LAST_NAMES,
    "Patel", "Kim", "Chen", "Okafor", "Novak", "Schmidt", "Rossi", "Cohen",
)  # fmt: skip
# (city, state, first three digits of its postal codes)
_CITIES: Final = (
    ("New York", "NY", "100"), ("Buffalo", "NY", "142"), ("Los Angeles", "CA", "900"),
    ("San Diego", "CA", "921"), ("Sacramento", "CA", "958"), ("Chicago", "IL", "606"),
    ("Houston", "TX", "770"), ("Austin", "TX", "787"), ("Dallas", "TX", "752"),
    ("Phoenix", "AZ", "850"), ("Tucson", "AZ", "857"), ("Philadelphia", "PA", "191"),
    ("Pittsburgh", "PA", "152"), ("Jacksonville", "FL", "322"), ("Miami", "FL", "331"),
    ("Tampa", "FL", "336"), ("Columbus", "OH", "432"), ("Cleveland", "OH", "441"),
    ("Charlotte", "NC", "282"), ("Raleigh", "NC", "276"), ("Indianapolis", "IN", "462"),
    ("Seattle", "WA", "981"), ("Spokane", "WA", "992"), ("Denver", "CO", "802"),
    ("Boston", "MA", "021"), ("Nashville", "TN", "372"), ("Memphis", "TN", "381"),
    ("Portland", "OR", "972"), ("Las Vegas", "NV", "891"), ("Detroit", "MI", "482"),
    ("Baltimore", "MD", "212"), ("Milwaukee", "WI", "532"), ("Albuquerque", "NM", "871"),
    ("Atlanta", "GA", "303"), ("Omaha", "NE", "681"), ("Minneapolis", "MN", "554"),
    ("New Orleans", "LA", "701"), ("Salt Lake City", "UT", "841"), ("Boise", "ID", "837"),
    ("Anchorage", "AK", "995"), ("Honolulu", "HI", "968"), ("Burlington", "VT", "054"),
)  # fmt: skip
_STREETS: Final = (
    "Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Blvd",
    "Lake Rd", "Hill St", "Park Ave", "Sunset Blvd", "River Rd", "Church St", "Mill Rd",
)  # fmt: skip
_EMAIL_DOMAINS: Final = ("example.com", "mail.test", "inbox.example.org", "post.example.net")
_ID_ALPHABET: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_PREFIX_ALPHABET: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CONSENT_CATEGORIES: Final = ("sms", "hipaa", "email", "research")
_EVENT_CATEGORIES: Final = ("renewed", "updated", "suspended", "reinstated")
_STATUSES: Final = ("active", "pending", "inactive")
_STATUS_WEIGHTS: Final = (80, 13, 7)
_GENDERS: Final = ("female", "male", "non_binary", "unknown", "F", "M")
_GENDER_WEIGHTS: Final = (45, 45, 3, 3, 2, 2)


def _utc_usec(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _utc_sec(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Generator:
    def __init__(self, rng: random.Random, members: list[Member]) -> None:
        self.rng = rng
        self.members = members
        self.ids = {m.id for m in members}
        self.prefixed = {m.prefixed_sponsor_member_identifier for m in members}
        self.household = max(m.household_id for m in members)
        self.consent_id = 5000
        self.enrollment_id = 5000
        self.event_id = 5000

    def member_id(self) -> str:
        while True:
            candidate = "".join(self.rng.choices(_ID_ALPHABET, k=5))
            if candidate not in self.ids:
                self.ids.add(candidate)
                return candidate

    def prefixed_id(self, sponsor: str) -> str:
        while True:
            candidate = "".join(self.rng.choices(_PREFIX_ALPHABET, k=3)) + "-" + sponsor
            if candidate not in self.prefixed:
                self.prefixed.add(candidate)
                return candidate

    def moment(self, start_year: int, end_year: int) -> datetime:
        start = datetime(start_year, 1, 1, tzinfo=UTC)
        span = (datetime(end_year, 1, 1, tzinfo=UTC) - start).total_seconds()
        return start + timedelta(seconds=self.rng.uniform(0, span))

    def birthday(self, oldest: int, youngest: int) -> str:
        start = date(oldest, 1, 1)
        days = (date(youngest, 12, 31) - start).days
        return (start + timedelta(days=self.rng.randrange(days))).isoformat()

    def household_of(self, size: int) -> None:
        rng = self.rng
        self.household += 1
        last_name = rng.choice(_LAST_NAMES)
        city, state, zip3 = rng.choice(_CITIES)
        street = f"{rng.randint(1, 9899)} {rng.choice(_STREETS)}"
        unit = f"Apt {rng.randint(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.25 else None
        postal = f"{zip3}{rng.randint(0, 99):02d}"
        sponsor = f"{last_name.upper()[:6]}{rng.randint(10, 99999)}"
        plan = f"HP{rng.randint(100000, 999999)}" if rng.random() < 0.6 else None
        soda = f"SODA{rng.randint(10000, 99999)}" if rng.random() < 0.3 else None
        eligible = self.birthday(2018, 2023) if rng.random() < 0.85 else None
        phone = f"{rng.randint(201, 989)}555{rng.randint(0, 9999):04d}"
        for position in range(size):
            first = rng.choice(_FIRST_NAMES)
            adult = position < 2
            member = Member(
                self.member_id(),
                len(self.members) + 1,
                self.household,
                self.birthday(1940, 2002) if adult else self.birthday(2003, 2022),
                first,
                last_name,
                middle_name=rng.choice(_MIDDLE_NAMES) if rng.random() < 0.4 else "",
                gender=rng.choices(_GENDERS, _GENDER_WEIGHTS)[0],
                email=(
                    f"{first.lower()}.{last_name.lower()}{rng.randint(1, 999)}"
                    f"@{rng.choice(_EMAIL_DOMAINS)}"
                    if adult or rng.random() < 0.3
                    else None
                ),
                phone_number=phone if position == 0 or rng.random() < 0.3 else None,
                street_address_1=street,
                street_address_2=unit,
                city=city,
                state=state,
                postal_code=postal,
                program_status=rng.choices(_STATUSES, _STATUS_WEIGHTS)[0],
                eligibility_start_on=eligible,
                health_plan_identifier=plan,
                sponsor_member_identifier=sponsor,
                prefixed_sponsor_member_identifier=self.prefixed_id(sponsor),
                soda_sponsor_id=soda,
            )
            if rng.random() < 0.05:
                member.vendor_data = {"payment_card_status": rng.choice(("requested", "issued"))}
            self.add_consents(member)
            self.add_enrollments(member)
            self.members.append(member)

    def add_consents(self, member: Member) -> None:
        rng = self.rng
        if rng.random() >= 0.35:
            return
        for category in rng.sample(_CONSENT_CATEGORIES, rng.randint(1, 2)):
            self.consent_id += 1
            contact = member.email if category == "email" else member.phone_number
            details: Json
            if rng.random() < 0.5:
                details = {f"{category}_contact": contact or "unknown"}
            else:
                details = [
                    {"name": f"{category}_contact", "value": contact or "unknown"},
                    {"name": "channel", "value": rng.choice(("web", "phone", "paper"))},
                ]
            consented = rng.random() < 0.9
            member.consents.append(
                Consent(
                    self.consent_id,
                    member.id,
                    category,
                    details,
                    _utc_sec(self.moment(2021, 2024)) if consented else None,
                    consented and rng.random() < 0.85,
                )
            )

    def add_enrollments(self, member: Member) -> None:
        rng = self.rng
        if rng.random() >= 0.25:
            return
        for program_id in rng.sample(range(8300, 8400), rng.randint(1, 2)):
            self.enrollment_id += 1
            enrolled = self.moment(2020, 2024)
            expires = (
                _utc_sec(enrolled + timedelta(days=365 * rng.randint(1, 3)))
                if rng.random() < 0.7
                else None
            )
            self.event_id += 1
            events = [EnrollmentEvent(self.event_id, "created", {"source": "import"})]
            for _ in range(rng.randint(0, 2)):
                self.event_id += 1
                category = rng.choice(_EVENT_CATEGORIES)
                reason = rng.choice(("annual", "member request", "eligibility change"))
                details: Json = (
                    {"reason": reason}
                    if rng.random() < 0.5
                    else [{"name": "reason", "value": reason}]
                )
                events.append(EnrollmentEvent(self.event_id, category, details))
            member.enrollments.append(
                Enrollment(
                    self.enrollment_id,
                    member.id,
                    program_id,
                    _utc_usec(enrolled),
                    expires,
                    events,
                )
            )


def build_seed(*, scale: int, seed: int) -> SeedData:
    """Fresh records: the document's examples, then generated households up to `scale`."""
    members = _document_members()
    if scale < len(members):
        raise ValueError(f"scale must be at least {len(members)} (the document's examples)")
    generator = _Generator(random.Random(seed), members)
    while len(members) < scale:
        generator.household_of(min(generator.rng.randint(1, 6), scale - len(members)))
    return SeedData(
        members=members,
        last_consent_id=generator.consent_id,
        last_enrollment_id=generator.enrollment_id,
        last_event_id=generator.event_id,
    )
