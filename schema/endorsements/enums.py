"""The enums of Bastion's wire codes, with readable names (the codes are translated at the
edge, in ``upstreams/bastion/wire.py``; each value here is the name that module maps to)."""

from __future__ import annotations

from enum import Enum

import strawberry

__all__ = [
    "BloodGroup",
    "EndorsementEventKind",
    "EnrolleeStatus",
    "Gender",
    "Genotype",
    "MaritalStatus",
    "PaymentPlan",
    "ProviderType",
    "Relation",
    "Religion",
]


@strawberry.enum(description="Marital status of an enrollee (Bastion codes 1-5).")
class MaritalStatus(Enum):
    SINGLE = "SINGLE"
    MARRIED = "MARRIED"
    DIVORCED = "DIVORCED"
    WIDOWED = "WIDOWED"
    SINGLE_PARENT = strawberry.enum_value("SINGLE_PARENT", description="Bastion's SingleParents.")


@strawberry.enum(description="How often the premium is paid (Bastion codes 1, 2, 4, 12).")
class PaymentPlan(Enum):
    ANNUALLY = strawberry.enum_value("ANNUALLY", description="Once a year.")
    BI_ANNUALLY = strawberry.enum_value("BI_ANNUALLY", description="Twice a year.")
    QUARTERLY = strawberry.enum_value("QUARTERLY", description="Four times a year.")
    MONTHLY = strawberry.enum_value("MONTHLY", description="Twelve times a year.")


@strawberry.enum(description="Haemoglobin genotype (Bastion codes 1-6).")
class Genotype(Enum):
    AA = "AA"
    AO = "AO"
    BB = "BB"
    BO = "BO"
    OO = "OO"
    AS = "AS"


@strawberry.enum(description="ABO blood group and rhesus factor (Bastion codes 1-8).")
class BloodGroup(Enum):
    A_POSITIVE = strawberry.enum_value("A_POSITIVE", description="A+.")
    O_POSITIVE = strawberry.enum_value("O_POSITIVE", description="O+.")
    B_POSITIVE = strawberry.enum_value("B_POSITIVE", description="B+.")
    AB_POSITIVE = strawberry.enum_value("AB_POSITIVE", description="AB+.")
    A_NEGATIVE = strawberry.enum_value("A_NEGATIVE", description="A-.")
    O_NEGATIVE = strawberry.enum_value("O_NEGATIVE", description="O-.")
    B_NEGATIVE = strawberry.enum_value("B_NEGATIVE", description="B-.")
    AB_NEGATIVE = strawberry.enum_value("AB_NEGATIVE", description="AB-.")


@strawberry.enum(description="Religion as Bastion records it (codes 1-5).")
class Religion(Enum):
    ISLAM = "ISLAM"
    CHRISTIANITY = "CHRISTIANITY"
    HINDUISM = "HINDUISM"
    BUDDHISM = "BUDDHISM"
    OTHER = "OTHER"


@strawberry.enum(description="How an enrollee relates to the policy holder.")
class Relation(Enum):
    SELF = strawberry.enum_value("SELF", description="The policy holder themself.")
    SPOUSE = "SPOUSE"
    SON = "SON"
    DAUGHTER = "DAUGHTER"
    SIBLING = "SIBLING"
    MOTHER = "MOTHER"
    FATHER = "FATHER"
    GRANDFATHER = strawberry.enum_value("GRANDFATHER", description="Bastion's Grand Father.")
    GRANDMOTHER = strawberry.enum_value("GRANDMOTHER", description="Bastion's Grand Mother.")
    COUSIN = "COUSIN"
    FRIEND = "FRIEND"


@strawberry.enum(
    name="EnrolleeGender", description="Gender, as Bastion accepts it (Male or Female)."
)
class Gender(Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


@strawberry.enum(description="What kind of provider (Bastion's provider types; there is no 4).")
class ProviderType(Enum):
    HOSPITAL = strawberry.enum_value("HOSPITAL", description="Hospital (1).")
    PHARMACY = strawberry.enum_value("PHARMACY", description="Pharmacy (2).")
    OPTICAL = strawberry.enum_value("OPTICAL", description="Optical / Ophthalmology (3).")
    PHYSIOTHERAPIST = strawberry.enum_value("PHYSIOTHERAPIST", description="Physiotherapist (5).")
    DENTIST = strawberry.enum_value("DENTIST", description="Dentist (6).")
    POLYCLINIC = strawberry.enum_value("POLYCLINIC", description="Polyclinic (7).")
    DOCTOR = strawberry.enum_value("DOCTOR", description="Doctor (8).")
    AMBULATORY_CENTER = strawberry.enum_value(
        "AMBULATORY_CENTER", description="Ambulatory Center (9)."
    )
    DIAGNOSTIC_CENTRE = strawberry.enum_value(
        "DIAGNOSTIC_CENTRE", description="Diagnostic Centres (10)."
    )
    RADIOLOGY = strawberry.enum_value("RADIOLOGY", description="Radiology (11).")
    MEDICAL_SUPPLIES = strawberry.enum_value(
        "MEDICAL_SUPPLIES", description="Medical Supplies Company (12)."
    )
    GYM_FITNESS = strawberry.enum_value("GYM_FITNESS", description="Gym/Fitness Centres (13).")
    MENTAL_WELLBEING = strawberry.enum_value(
        "MENTAL_WELLBEING", description="Mental Wellbeing (14)."
    )
    CHILD_CARE = strawberry.enum_value("CHILD_CARE", description="Child Care (15).")
    MATERNAL_HEALTH = strawberry.enum_value("MATERNAL_HEALTH", description="Maternal Health (16).")
    EMERGENCY_SERVICE = strawberry.enum_value(
        "EMERGENCY_SERVICE", description="Emergency Service (17)."
    )
    PUBLIC_HEALTH_FACILITY = strawberry.enum_value(
        "PUBLIC_HEALTH_FACILITY", description="Public Health Facility (18)."
    )


@strawberry.enum(description="Where an enrollee stands on the policy.")
class EnrolleeStatus(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Endorsed and covered (Bastion: Active).")
    INACTIVE = strawberry.enum_value("INACTIVE", description="Known, not covered (Inactive).")
    REMOVED = strawberry.enum_value(
        "REMOVED", description="Removed from the policy (Deleted); undoEndorsementRemoval restores."
    )


@strawberry.enum(description="What a Bastion webhook event says happened.")
class EndorsementEventKind(Enum):
    MEMBER_ADDED = strawberry.enum_value(
        "MEMBER_ADDED", description="A member was endorsed on a policy (added-policy-member)."
    )
    MEMBER_REENDORSED = strawberry.enum_value(
        "MEMBER_REENDORSED",
        description="A removed member was endorsed again (re-endorsed-member).",
    )


# Values declared without a description say what Bastion calls them and its code.
_SPELLED: dict[type[Enum], dict[str, str]] = {
    MaritalStatus: {
        "SINGLE": "Single (1).",
        "MARRIED": "Married (2).",
        "DIVORCED": "Divorced (3).",
        "WIDOWED": "Widowed (4).",
    },
    Genotype: {
        "AA": "AA (1).",
        "AO": "AO (2).",
        "BB": "BB (3).",
        "BO": "BO (4).",
        "OO": "OO (5).",
        "AS": "AS (6).",
    },
    Religion: {
        "ISLAM": "Islam (1).",
        "CHRISTIANITY": "Christianity (2).",
        "HINDUISM": "Hinduism (3).",
        "BUDDHISM": "Buddhism (4).",
        "OTHER": "Other (5).",
    },
    Relation: {
        "SPOUSE": "Spouse.",
        "SON": "Son.",
        "DAUGHTER": "Daughter.",
        "SIBLING": "Sibling.",
        "MOTHER": "Mother.",
        "FATHER": "Father.",
        "COUSIN": "Cousin.",
        "FRIEND": "Friend.",
    },
    Gender: {"MALE": "Male.", "FEMALE": "Female."},
}
for _enum, _spelled in _SPELLED.items():
    for _value in _enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        if not _value.description:
            _value.description = f"Bastion's {_spelled[_value.name]}"
