"""Records of the MedAllies simulator, the reference lists and the data it starts with.

The document's examples come first with their ids and values (organization 2, vendors 45,
56 and 63, accounts 5 and 45 and their memberships with organization 2), so every example
request of the document answers as shown; generated organizations with their Direct
accounts fill the store up to the requested scale. Everything is drawn from one seeded
random generator, so a given (scale, seed) always yields the same data.
"""

from __future__ import annotations

import itertools
import random
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final, TypeAlias

from upstreams.simulators._kit import COMMON_LAST_NAMES

__all__ = [
    "ACCOUNT_TYPES",
    "CREDENTIALS",
    "DEACTIVATE_REASONS",
    "DISABLED",
    "ENABLED",
    "ENDPOINT_TYPES",
    "ORGANIZATION_TYPES",
    "SPECIALTIES",
    "US_STATES",
    "Account",
    "Json",
    "Membership",
    "Organization",
    "SeedData",
    "Vendor",
    "build_seed",
    "wire_time",
]

Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None

# (name, code) of a status sub-object, for organizations and memberships alike.
ENABLED: Final = ("Enabled", 1)
DISABLED: Final = ("Disabled", 2)

ACCOUNT_TYPES: Final = ("department", "provider", "nonProvider")

ENDPOINT_TYPES: Final[tuple[tuple[str, int], ...]] = (("SMTP", 1), ("XDR", 2), ("XD", 3))

ORGANIZATION_TYPES: Final[tuple[tuple[str, int], ...]] = (
    ("Hospital", 1),
    ("Provider Organization", 2),
    ("Other", 3),
)

DEACTIVATE_REASONS: Final[tuple[tuple[str, int], ...]] = (
    ("Organization Being Renamed", 1),
    ("Organization Being Deactivated", 2),
    ("Provider Changing Organizations", 3),
    ("Provider Leaving Organization", 4),
    ("Lost Or Stolen Private Key", 5),
)

# The document's first five, then common US clinical credentials: 22 as its count says.
CREDENTIALS: Final[tuple[tuple[str, int], ...]] = tuple(
    (name, code)
    for code, name in enumerate(
        (
            "MD", "MBBS", "DO", "DMD", "OD", "DDS", "DPM", "DC", "PA", "NP", "RN",
            "LPN", "APRN", "CNM", "CRNA", "PharmD", "PhD", "PsyD", "LCSW", "DPT", "OTR",
            "RD",
        ),
        start=1,
    )
)  # fmt: skip

# 59 as the document counts them: the 50 states and DC by abbreviation (the document's
# list starts AK, AL, AR, AZ), then the territories and the armed forces "states".
US_STATES: Final[tuple[tuple[str, str], ...]] = (
    ("Alaska", "AK"), ("Alabama", "AL"), ("Arkansas", "AR"), ("Arizona", "AZ"),
    ("California", "CA"), ("Colorado", "CO"), ("Connecticut", "CT"),
    ("District of Columbia", "DC"), ("Delaware", "DE"), ("Florida", "FL"), ("Georgia", "GA"),
    ("Hawaii", "HI"), ("Iowa", "IA"), ("Idaho", "ID"), ("Illinois", "IL"), ("Indiana", "IN"),
    ("Kansas", "KS"), ("Kentucky", "KY"), ("Louisiana", "LA"), ("Massachusetts", "MA"),
    ("Maryland", "MD"), ("Maine", "ME"), ("Michigan", "MI"), ("Minnesota", "MN"),
    ("Missouri", "MO"), ("Mississippi", "MS"), ("Montana", "MT"), ("North Carolina", "NC"),
    ("North Dakota", "ND"), ("Nebraska", "NE"), ("New Hampshire", "NH"), ("New Jersey", "NJ"),
    ("New Mexico", "NM"), ("Nevada", "NV"), ("New York", "NY"), ("Ohio", "OH"),
    ("Oklahoma", "OK"), ("Oregon", "OR"), ("Pennsylvania", "PA"), ("Rhode Island", "RI"),
    ("South Carolina", "SC"), ("South Dakota", "SD"), ("Tennessee", "TN"), ("Texas", "TX"),
    ("Utah", "UT"), ("Virginia", "VA"), ("Vermont", "VT"), ("Washington", "WA"),
    ("Wisconsin", "WI"), ("West Virginia", "WV"), ("Wyoming", "WY"),
    ("American Samoa", "AS"), ("Guam", "GU"), ("Northern Mariana Islands", "MP"),
    ("Puerto Rico", "PR"), ("Virgin Islands", "VI"), ("Armed Forces Americas", "AA"),
    ("Armed Forces Europe", "AE"), ("Armed Forces Pacific", "AP"),
)  # fmt: skip

# NUCC-style taxonomy: "Classification: specialization; ...". A specialty is named
# "Classification" or "Classification, Specialization" (as the document's
# "Emergency Medical Technician, Basic").
_TAXONOMY: Final = """
Acupuncturist
Adult Companion
Advanced Practice Dental Therapist
Advanced Practice Midwife
Allergy & Immunology: Allergy; Clinical & Laboratory Immunology
Anesthesiology: Addiction Medicine; Critical Care Medicine; Hospice and Palliative Medicine;
 Pain Medicine; Pediatric Anesthesiology
Anesthesiologist Assistant
Art Therapist
Athletic Trainer
Audiologist: Assistive Technology Practitioner; Assistive Technology Supplier
Behavior Analyst
Chiropractor: Independent Medical Examiner; Internist; Neurology; Nutrition;
 Occupational Health; Orthopedic; Pediatric Chiropractor; Radiology; Rehabilitation;
 Sports Physician; Thermography
Clinical Nurse Specialist: Acute Care; Adult Health; Chronic Care; Community Health/Public
 Health; Critical Care Medicine; Emergency; Ethics; Family Health; Gerontology; Holistic;
 Home Health; Informatics; Long-Term Care; Medical-Surgical; Neonatal; Neuroscience;
 Occupational Health; Oncology; Pediatrics; Perinatal; Psych/Mental Health; Rehabilitation;
 School; Women's Health
Counselor: Addiction (Substance Use Disorder); Mental Health; Pastoral; Professional; School
Dental Assistant
Dental Hygienist
Dentist: Dental Public Health; Dentist Anesthesiologist; Endodontics; General Practice;
 Oral and Maxillofacial Pathology; Oral and Maxillofacial Radiology; Oral and Maxillofacial
 Surgery; Orthodontics and Dentofacial Orthopedics; Pediatric Dentistry; Periodontics;
 Prosthodontics
Dermatology: Clinical & Laboratory Dermatological Immunology; Dermatopathology;
 MOHS-Micrographic Surgery; Pediatric Dermatology; Procedural Dermatology
Dietitian, Registered: Nutrition, Gerontological; Nutrition, Metabolic; Nutrition, Obesity
 and Weight Management; Nutrition, Oncology; Nutrition, Pediatric; Nutrition, Renal;
 Nutrition, Sports Dietetics
Doula
Electrodiagnostic Medicine
Emergency Medical Technician, Basic
Emergency Medical Technician, Intermediate
Emergency Medical Technician, Paramedic
Emergency Medicine: Emergency Medical Services; Hospice and Palliative Medicine; Medical
 Toxicology; Pediatric Emergency Medicine; Sports Medicine; Undersea and Hyperbaric Medicine
Family Medicine: Addiction Medicine; Adolescent Medicine; Adult Medicine; Bariatric
 Medicine; Geriatric Medicine; Hospice and Palliative Medicine; Obesity Medicine; Sleep
 Medicine; Sports Medicine
Genetic Counselor, MS
Hospitalist
Internal Medicine: Adolescent Medicine; Adult Congenital Heart Disease; Advanced Heart
 Failure and Transplant Cardiology; Allergy & Immunology; Cardiovascular Disease; Clinical
 Cardiac Electrophysiology; Critical Care Medicine; Endocrinology, Diabetes & Metabolism;
 Gastroenterology; Geriatric Medicine; Hematology; Hematology & Oncology; Hepatology;
 Hospice and Palliative Medicine; Hypertension Specialist; Infectious Disease;
 Interventional Cardiology; Medical Oncology; Nephrology; Obesity Medicine; Pulmonary
 Disease; Rheumatology; Sleep Medicine; Sports Medicine; Transplant Hepatology
Lactation Consultant, Non-RN
Licensed Practical Nurse
Marriage & Family Therapist
Massage Therapist
Medical Genetics: Clinical Biochemical Genetics; Clinical Cytogenetics; Clinical Genetics
 (M.D.); Clinical Molecular Genetics; Medical Biochemical Genetics; Molecular Genetic
 Pathology
Midwife
Naturopath
Neurological Surgery
Neuromusculoskeletal Medicine & OMM
Nuclear Medicine: In Vivo & In Vitro Nuclear Medicine; Nuclear Cardiology; Nuclear
 Imaging & Therapy
Nurse Anesthetist, Certified Registered
Nurse Practitioner: Acute Care; Adult Health; Community Health; Critical Care Medicine;
 Family; Gerontology; Neonatal; Neonatal, Critical Care; Obstetrics & Gynecology;
 Occupational Health; Pediatrics; Pediatrics, Critical Care; Perinatal; Primary Care;
 Psych/Mental Health; School; Women's Health
Obstetrics & Gynecology: Complex Family Planning; Critical Care Medicine; Female Pelvic
 Medicine and Reconstructive Surgery; Gynecologic Oncology; Gynecology; Hospice and
 Palliative Medicine; Maternal & Fetal Medicine; Obstetrics; Reproductive Endocrinology
Occupational Therapist: Driving and Community Mobility; Environmental Modification;
 Ergonomics; Feeding, Eating & Swallowing; Gerontology; Hand; Human Factors; Low Vision;
 Mental Health; Neurorehabilitation; Pediatrics; Physical Rehabilitation
Ophthalmology: Cornea and External Diseases Specialist; Glaucoma Specialist;
 Neuro-ophthalmology; Ophthalmic Plastic and Reconstructive Surgery; Pediatric
 Ophthalmology and Strabismus Specialist; Retina Specialist; Uveitis and Ocular
 Inflammatory Disease
Optometrist: Corneal and Contact Management; Low Vision Rehabilitation; Occupational
 Vision; Pediatrics; Sports Vision; Vision Therapy
Orthopaedic Surgery: Adult Reconstructive Orthopaedic Surgery; Foot and Ankle Surgery; Hand
 Surgery; Orthopaedic Surgery of the Spine; Orthopaedic Trauma; Pediatric Orthopaedic
 Surgery; Sports Medicine
Otolaryngology: Facial Plastic Surgery; Otolaryngic Allergy; Otolaryngology/Facial Plastic
 Surgery; Otology & Neurotology; Pediatric Otolaryngology; Plastic Surgery within the Head
 & Neck
Pain Medicine: Interventional Pain Medicine; Pain Medicine
Pathology: Anatomic Pathology; Anatomic Pathology & Clinical Pathology; Blood Banking &
 Transfusion Medicine; Chemical Pathology; Clinical Pathology; Cytopathology;
 Dermatopathology; Forensic Pathology; Hematology; Medical Microbiology; Neuropathology;
 Pediatric Pathology
Pediatrics: Adolescent Medicine; Child Abuse Pediatrics; Clinical & Laboratory
 Immunology; Developmental - Behavioral Pediatrics; Hospice and Palliative Medicine;
 Neonatal-Perinatal Medicine; Neurodevelopmental Disabilities; Pediatric Allergy/
 Immunology; Pediatric Cardiology; Pediatric Critical Care Medicine; Pediatric Emergency
 Medicine; Pediatric Endocrinology; Pediatric Gastroenterology; Pediatric
 Hematology-Oncology; Pediatric Infectious Diseases; Pediatric Nephrology; Pediatric
 Pulmonology; Pediatric Rheumatology; Sleep Medicine; Sports Medicine
Pharmacist: Ambulatory Care; Cardiology; Compounded Sterile Preparations; Critical Care;
 General Practice; Geriatric; Infectious Diseases; Nuclear Pharmacy; Nutrition Support;
 Oncology; Pediatrics; Pharmacist Clinician (PhC)/ Clinical Pharmacy Specialist;
 Pharmacotherapy; Psychiatric; Solid Organ Transplant
Pharmacy Technician
Physical Medicine & Rehabilitation: Brain Injury Medicine; Hospice and Palliative
 Medicine; Neuromuscular Medicine; Pain Medicine; Pediatric Rehabilitation Medicine; Spinal
 Cord Injury Medicine; Sports Medicine
Physical Therapist: Cardiopulmonary; Electrophysiology, Clinical; Ergonomics; Geriatrics;
 Hand; Human Factors; Neurology; Orthopedic; Pediatrics; Sports
Physician Assistant: Medical; Surgical
Plastic Surgery: Plastic Surgery Within the Head and Neck; Surgery of the Hand
Podiatrist: Foot & Ankle Surgery; Foot Surgery; Primary Podiatric Medicine; Public
 Medicine; Radiology; Sports Medicine
Preventive Medicine: Addiction Medicine; Aerospace Medicine; Medical Toxicology;
 Obesity Medicine; Occupational Medicine; Preventive Medicine/Occupational Environmental
 Medicine; Public Health & General Preventive Medicine; Sports Medicine; Undersea and
 Hyperbaric Medicine
Psychiatry & Neurology: Addiction Medicine; Addiction Psychiatry; Behavioral Neurology &
 Neuropsychiatry; Brain Injury Medicine; Child & Adolescent Psychiatry; Clinical
 Neurophysiology; Epilepsy; Forensic Psychiatry; Geriatric Psychiatry; Hospice and
 Palliative Medicine; Neurocritical Care; Neurodevelopmental Disabilities; Neurology;
 Neurology with Special Qualifications in Child Neurology; Neuromuscular Medicine; Obesity
 Medicine; Pain Medicine; Psychiatry; Psychosomatic Medicine; Sleep Medicine; Vascular
 Neurology
Psychologist: Addiction (Substance Use Disorder); Adult Development & Aging; Clinical;
 Clinical Child & Adolescent; Cognitive & Behavioral; Counseling; Educational; Exercise &
 Sports; Family; Forensic; Group Psychotherapy; Health; Health Service; Men & Masculinity;
 Mental Retardation & Developmental Disabilities; Prescribing (Medical); Psychoanalysis;
 Psychotherapy; Rehabilitation; School; Women
Radiology: Body Imaging; Diagnostic Neuroimaging; Diagnostic Radiology; Diagnostic
 Ultrasound; Hospice and Palliative Medicine; Neuroradiology; Nuclear Radiology; Pediatric
 Radiology; Radiation Oncology; Radiological Physics; Therapeutic Radiology; Vascular &
 Interventional Radiology
Registered Nurse: Addiction (Substance Use Disorder); Administrator; Ambulatory Care;
 Bariatric Medicine; Burn Care; Cardiac Rehabilitation; Case Management; College Health;
 Community Health; Continence Care; Critical Care Medicine; Diabetes Educator; Dialysis,
 Peritoneal; Emergency; Enterostomal Therapy; Flight; Gastroenterology; General Practice;
 Gerontology; Hemodialysis; Home Health; Hospice; Infection Control; Infusion Therapy;
 Lactation Consultant; Maternal Newborn; Medical-Surgical; Neonatal Intensive Care;
 Neonatal, Low-Risk; Nephrology; Neuroscience; Nurse Massage Therapist (NMT);
 Nutrition Support; Obstetric, High-Risk; Obstetric, Inpatient; Occupational Health;
 Oncology; Orthopedic; Ostomy Care; Otorhinolaryngology & Head-Neck; Pain Management;
 Pediatric Oncology; Pediatrics; Perinatal; Plastic Surgery; Psych/Mental Health;
 Psych/Mental Health, Adult; Psych/Mental Health, Child & Adolescent; Reproductive
 Endocrinology/Infertility; Rehabilitation; School; Urology; Women's Health Care,
 Ambulatory; Wound Care
Respiratory Therapist, Certified: Critical Care; Educational; Emergency Care; General
 Care; Geriatric Care; Home Health; Neonatal/Pediatrics; Palliative/Hospice; Patient
 Transport; Pulmonary Diagnostics; Pulmonary Function Technologist; Pulmonary
 Rehabilitation; SNF/Subacute Care
Social Worker: Clinical; School
Specialist: Prosthetics Case Management; Graphics Designer; Research Data Abstracter/Coder;
 Research Study
Speech-Language Pathologist
Surgery: Hospice and Palliative Medicine; Pediatric Surgery; Plastic and Reconstructive
 Surgery; Surgery of the Hand; Surgical Critical Care; Surgical Oncology; Trauma Surgery;
 Vascular Surgery
Thoracic Surgery (Cardiothoracic Vascular Surgery)
Transplant Surgery
Urology: Female Pelvic Medicine and Reconstructive Surgery; Pediatric Urology
"""

# Codes of the taxonomy that the document shows or every directory knows; the rest get
# generated codes of the same shape.
_KNOWN_CODES: Final[dict[str, str]] = {
    "Acupuncturist": "171100000X",
    "Adult Companion": "372600000X",
    "Advanced Practice Dental Therapist": "125K00000X",
    "Advanced Practice Midwife": "367A00000X",
    "Emergency Medical Technician, Basic": "146N00000X",
    "Emergency Medical Technician, Intermediate": "146M00000X",
    "Emergency Medical Technician, Paramedic": "146L00000X",
    "Family Medicine": "207Q00000X",
    "Internal Medicine": "207R00000X",
    "Internal Medicine, Cardiovascular Disease": "207RC0000X",
    "Nurse Practitioner": "363L00000X",
    "Physician Assistant": "363A00000X",
    "Pediatrics": "208000000X",
    "Registered Nurse": "163W00000X",
}


def _specialties() -> tuple[tuple[str, str], ...]:
    codes: dict[str, str] = {}
    used = set(_KNOWN_CODES.values())

    def claim(name: str, candidates: Iterator[str]) -> None:
        code = _KNOWN_CODES.get(name)
        while code is None or (code in used and name not in _KNOWN_CODES):
            code = next(candidates)
        used.add(code)
        codes[name] = code

    lines = re.sub(r"\n ", " ", _TAXONOMY).strip().splitlines()
    for index, line in enumerate(lines):
        head, _, rest = line.partition(":")
        classification = head.strip()
        # NUCC shape: a four-character classification prefix, then "00000X" for the
        # classification itself or a letter, a digit and "000X" for a specialization.
        prefix = _KNOWN_CODES.get(classification, "")[:4]
        prefixes = (f"{170 + 3 * i:03d}{chr(ord('A') + i % 26)}" for i in itertools.count(index))
        if not prefix:
            prefix = next(p for p in prefixes if f"{p}00000X" not in used)
        claim(classification, iter([f"{prefix}00000X"]))
        suffixes = (f"{prefix}{a}{d}000X" for a in string.ascii_uppercase for d in string.digits)
        for specialization in (s.strip() for s in rest.split(";")):
            if specialization:
                claim(f"{classification}, {specialization}", suffixes)
    return tuple(sorted(codes.items()))


SPECIALTIES: Final[tuple[tuple[str, str], ...]] = _specialties()


def wire_time(moment: datetime) -> str:
    """The API's date format: ISO 8601 UTC to the second (``2016-05-14T11:45:00Z``)."""
    moment = moment.astimezone(UTC)
    # By hand: several times faster than strftime, which the seed calls ~100k times.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


@dataclass(slots=True)
class Vendor:
    id: int
    name: str
    product: str
    root_domain: str
    endpoint_type: tuple[str, int]


@dataclass(slots=True)
class Organization:
    """An organization; `fields` holds its plain fields under their wire names."""

    id: int
    vendor_id: int
    domain_id: int
    domain_name: str
    enabled: bool
    fields: dict[str, Json]


@dataclass(slots=True)
class Account:
    """A Direct account; `fields` holds the fields of its type under their wire names."""

    id: int
    account_type: str
    fields: dict[str, Json]


@dataclass(slots=True)
class Membership:
    """An account's membership with an organization; `fields` as above."""

    organization_id: int
    account_id: int
    enabled: bool
    fields: dict[str, Json]


@dataclass(slots=True)
class SeedData:
    vendors: list[Vendor]
    organizations: list[Organization]
    accounts: list[Account]
    memberships: list[Membership] = field(default_factory=list)


# --- the document's examples -------------------------------------------------------------

_XD: Final = ("XD", 3)


def _document_vendors() -> list[Vendor]:
    return [
        Vendor(45, "Product Name", "Product name", "productdirect.net", _XD),
        Vendor(56, "VendorName", "Vendor Name", "vendordirect.net", _XD),
        Vendor(63, "Vendor", "Vendor Product Name", "vendordirect.net", _XD),
    ]


def _organization_2() -> Organization:
    return Organization(
        id=2,
        vendor_id=45,
        domain_id=2,
        domain_name="tag.medalliesdirect.net",
        enabled=True,
        fields={
            "organizationName": "Organization Name",
            "typeCode": 1,
            "tin": "123456789",
            "npi": 1234567890,
            "directAbbreviation": "tag",
            "practiceStreet1": "Westage Business Drive",
            "practiceStreet2": "Suite 001",
            "practiceCity": "City name",
            "practiceState": "NY",
            "practiceZip": "34776",
            "telephoneNumber": "(999) 999-9999",
            "specialization": "Multi-Specialty",
            "endpointUri": "https://direct.healthcare.com/XDRService",
            "creationDateTime": "2016-10-07T16:46:23Z",
            "lastUpdateDateTime": "2020-02-24T17:20:01Z",
        },
    )


def _person(**values: Json) -> dict[str, Json]:
    fields: dict[str, Json] = {
        "firstName": None,
        "lastName": None,
        "middleInitial": None,
        "suffix": None,
        "gender": None,
        "credentials": None,
        "specialty": None,
        "telephoneNumber": None,
        "faxNumber": None,
    }
    fields.update(values)
    return fields


def _document_accounts() -> list[Account]:
    tyus = _person(
        firstName="Example",
        lastName="Tyus",
        gender="Female",
        credentials="AB",
        specialty="Emergency Medical Technician, Basic",
        telephoneNumber="(913) 622-3395",
        createDateTime="2016-10-07T16:46:36Z",
        lastUpdateDateTime="2020-02-20T03:03:18Z",
    )
    # The document shows this account's gender as the string "null"; kept verbatim so
    # clients meet the quirk here before they meet it upstream.
    account_45 = _person(
        firstName="firstName",
        lastName="lastName",
        middleInitial="",
        suffix="",
        gender="null",
        specialty="N/A",
        telephoneNumber="(999) 999-9999",
        createDateTime="2017-07-18T20:16:38Z",
        lastUpdateDateTime="2020-02-24T17:39:33Z",
    )
    return [Account(5, "nonProvider", tyus), Account(45, "nonProvider", account_45)]


def _document_memberships() -> list[Membership]:
    # Addresses verbatim from the document, though they disagree with their local parts.
    return [
        Membership(
            2,
            5,
            True,
            {
                "directAddressLocalPart": "exampleName",
                "directAddress": "example@tag.medalliesdirect.org",
                "businessEmail": "exampleName@business.email.com",
                "publishable": True,
                "createDateTime": "2016-10-07T16:46:37Z",
                "lastUpdateDateTime": "2017-04-17T13:54:09Z",
            },
        ),
        Membership(
            2,
            45,
            True,
            {
                "directAddressLocalPart": "addressExample",
                "directAddress": "addressName@tag.medalliesdirect.net",
                "businessEmail": None,
                "publishable": False,
                "createDateTime": "2017-07-18T20:16:38Z",
                "lastUpdateDateTime": "2017-07-18T20:16:38Z",
            },
        ),
    ]


# --- generated data ------------------------------------------------------------------------

_VENDORS: Final[tuple[tuple[int, str, str, str, tuple[str, int]], ...]] = (
    (3, "Aurora Clinical Systems", "Aurora EHR", "auroradirect.net", ("XDR", 2)),
    (8, "Bayside Health IT", "Bayside Chart", "baysidehisp.com", ("SMTP", 1)),
    (12, "Cobalt Medical Software", "Cobalt Practice", "cobaltdirect.org", _XD),
    (17, "Drummond Informatics", "Drummond One", "drummondmail.net", ("SMTP", 1)),
    (21, "Evergreen Records", "Evergreen Cloud", "evergreendirect.com", _XD),
    (29, "Fulton Systems", "Fulton Clinic Suite", "fultonhisp.net", ("XDR", 2)),
    (34, "Greylock Health", "Greylock Chart", "greylockdirect.net", ("SMTP", 1)),
    (38, "Harbor Point Software", "HarborEHR", "harbordirect.org", _XD),
    (50, "Ironwood Medical", "Ironwood Ambulatory", "ironwoodhisp.com", ("XDR", 2)),
    (71, "Juniper Health Systems", "Juniper Acute", "juniperdirect.net", _XD),
    (77, "Keystone Clinical", "Keystone PM", "keystonemail.org", ("SMTP", 1)),
    (84, "Lakeshore Data", "Lakeshore Connect", "lakeshoredirect.com", ("XDR", 2)),
)

# Two places per letter, so organization names start with every letter A-Z.
_PLACES: Final = (
    "Albany", "Ashford", "Brookside", "Bayview", "Cedar Valley", "Clearwater", "Dutchess",
    "Dover", "Eastfield", "Elmwood", "Fairview", "Fishkill", "Glenwood", "Greenport",
    "Hudson Valley", "Highland", "Ithaca", "Irvington", "Jamestown", "Jefferson",
    "Kingston", "Kensington", "Lakeside", "Linden", "Millbrook", "Montclair", "Northgate",
    "Newburgh", "Oakridge", "Orchard Park", "Parkside", "Princeton", "Queensbury", "Quaker Hill",
    "Riverside", "Rhinebeck", "Summit", "Saratoga", "Tarrytown", "Teaneck", "Union",
    "Upland", "Valley Stream", "Vernon", "Westchester", "Woodbridge", "Xavier", "Xenia",
    "Yorktown", "Yonkers", "Zion", "Zephyr Hills",
)  # fmt: skip
_KINDS: Final[tuple[tuple[str, int], ...]] = (
    ("Hospital", 1), ("Medical Center", 1), ("Regional Hospital", 1),
    ("Family Practice", 2), ("Pediatrics", 2), ("Cardiology Associates", 2),
    ("Orthopedic Group", 2), ("Women's Health", 2), ("Internal Medicine", 2),
    ("Medical Group", 2), ("Health Partners", 2), ("Physicians", 2), ("Dermatology", 2),
    ("Home Care", 3), ("Pharmacy", 3), ("Imaging Center", 3), ("Laboratory", 3),
    ("Rehabilitation Services", 3), ("Behavioral Health", 3),
)  # fmt: skip
# (city, state, first three zip digits); New York and New Jersey weigh most, as MedAllies'
# home region.
_CITIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("Fishkill", "NY", "125"), ("Poughkeepsie", "NY", "126"), ("Albany", "NY", "122"),
    ("Brooklyn", "NY", "112"), ("Buffalo", "NY", "142"), ("White Plains", "NY", "106"),
    ("Newark", "NJ", "071"), ("Trenton", "NJ", "086"), ("Hackensack", "NJ", "076"),
    ("Princeton", "NJ", "085"), ("Morristown", "NJ", "079"), ("Hartford", "CT", "061"),
    ("Stamford", "CT", "069"), ("Philadelphia", "PA", "191"), ("Pittsburgh", "PA", "152"),
    ("Boston", "MA", "021"), ("Providence", "RI", "029"), ("Baltimore", "MD", "212"),
    ("Richmond", "VA", "232"), ("Kissimmee", "FL", "347"), ("Orlando", "FL", "328"),
    ("Atlanta", "GA", "303"), ("Chicago", "IL", "606"), ("Columbus", "OH", "432"),
    ("Austin", "TX", "787"), ("Denver", "CO", "802"), ("Phoenix", "AZ", "850"),
    ("Seattle", "WA", "981"), ("San Diego", "CA", "921"), ("Nashville", "TN", "372"),
    ("San Juan", "PR", "009"), ("Washington", "DC", "200"),
)  # fmt: skip
_NY_NJ: Final = tuple(c for c in _CITIES if c[1] in ("NY", "NJ"))
_STREETS: Final = (
    "Main Street", "Route 9", "Westage Business Drive", "Church Street", "Maple Avenue",
    "Hospital Road", "Park Avenue", "Broadway", "Market Street", "Washington Street",
    "Academy Street", "Mill Road", "Summit Avenue", "Lake Drive", "Ridge Road",
)  # fmt: skip
_SPECIALIZATIONS: Final = (
    "Multi-Specialty", "Family Medicine", "Pediatrics", "Cardiology", "Orthopedics",
    "Internal Medicine", "Obstetrics & Gynecology", "Dermatology", "Behavioral Health",
    "Radiology", "Oncology", "Emergency Medicine",
)  # fmt: skip
_FEMALE: Final = (
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah",
    "Karen", "Lisa", "Nancy", "Sandra", "Ashley", "Emily", "Michelle", "Amanda", "Melissa",
    "Deborah", "Laura", "Rebecca", "Sharon", "Cynthia", "Kathleen", "Amy", "Angela",
    "Priya", "Mei", "Fatima", "Sofia", "Aisha",
)  # fmt: skip
_MALE: Final = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven",
    "Paul", "Andrew", "Joshua", "Kevin", "Brian", "George", "Timothy", "Ronald", "Raj",
    "Wei", "Omar", "Luis", "Kwame",
)  # fmt: skip
_LAST: Final = (
    *COMMON_LAST_NAMES,
    "Patel", "Shah", "Chen", "Kim", "O'Brien", "Murphy", "Cohen", "Russo",
    "Kowalski", "Okafor",
)  # fmt: skip
_DEPARTMENTS: Final = (
    "Cardiology", "Radiology", "Billing", "Medical Records", "Front Desk", "Laboratory",
    "Pharmacy", "Referrals", "Nursing", "Emergency Department", "Scheduling",
    "Health Information Management", "Care Coordination", "Surgery", "Oncology",
)  # fmt: skip
_PROVIDER_CREDENTIALS: Final = ("MD", "DO", "NP", "PA", "MBBS", "DPM", "OD", "DMD", "DDS")
_STAFF_CREDENTIALS: Final = ("RN", "LPN", "LCSW", "RD", "PharmD", None, None, None)
_SUFFIXES: Final = (None,) * 14 + ("Jr.", "Sr.", "III", "II")
_EPOCH: Final = datetime(2014, 1, 1, tzinfo=UTC)
_NOW: Final = datetime(2024, 6, 1, tzinfo=UTC)


class _Generator:
    """Draws organizations, accounts and memberships from one seeded random generator."""

    def __init__(self, rng: random.Random, data: SeedData) -> None:
        self.rng = rng
        self.data = data
        self.next_account_id = 1
        self.taken_account_ids = {a.id for a in data.accounts}
        self.npins: set[str] = set()
        # Accounts that may join more organizations (the document's two stay in one).
        self.shareable: list[Account] = []
        self.local_parts: dict[str, set[str]] = {}
        self.members: dict[int, set[int]] = {}
        for membership in data.memberships:
            self.members.setdefault(membership.organization_id, set()).add(membership.account_id)
        domains = {o.id: o.domain_name for o in data.organizations}
        for membership in data.memberships:
            taken = self.local_parts.setdefault(domains[membership.organization_id], set())
            taken.update(_local_parts_of(membership))

    def moment(self, after: datetime, span_days: int) -> datetime:
        moment = after + timedelta(seconds=int(self.rng.random() * span_days * 86400))
        return min(moment, _NOW)

    def phone(self) -> str:
        rng = self.rng
        area, exchange, line = (
            rng.randrange(201, 990),
            rng.randrange(200, 1000),
            rng.randrange(10000),
        )
        number = f"({area}) {exchange}-{line:04d}"
        return number + (f" ext. {rng.randrange(10, 999)}" if rng.random() < 0.1 else "")

    def organization(self, org_id: int) -> Organization:
        rng = self.rng
        place = rng.choice(_PLACES)
        kind, type_code = rng.choice(_KINDS)
        name = f"{place} {kind}"
        city, state, zip3 = rng.choice(_NY_NJ if rng.random() < 0.4 else _CITIES)
        vendor = rng.choice(self.data.vendors)
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name)).lower()
        abbreviation = f"{initials}{org_id}"
        created = self.moment(_EPOCH, 8 * 365)
        zip_code = f"{zip3}{rng.randrange(100):02d}"
        if rng.random() < 0.3:
            zip_code += f"-{rng.randrange(10000):04d}"
        endpoint = vendor.endpoint_type[0] != "SMTP"
        return Organization(
            id=org_id,
            vendor_id=vendor.id,
            domain_id=org_id,
            domain_name=f"{abbreviation}.medalliesdirect.net",
            enabled=rng.random() >= 0.08,
            fields={
                "organizationName": name,
                "typeCode": type_code,
                "tin": f"{rng.randrange(10**9):09d}",
                "npi": None if rng.random() < 0.15 else rng.randrange(10**9, 2 * 10**9),
                "directAbbreviation": abbreviation,
                "practiceStreet1": f"{rng.randrange(1, 3000)} {rng.choice(_STREETS)}",
                "practiceStreet2": f"Suite {rng.randrange(1, 60) * 10}"
                if rng.random() < 0.4
                else None,
                "practiceCity": city,
                "practiceState": state,
                "practiceZip": zip_code,
                "telephoneNumber": self.phone(),
                "specialization": rng.choice(_SPECIALIZATIONS) if rng.random() < 0.9 else None,
                "endpointUri": f"https://direct.{vendor.root_domain}/XDRService/{abbreviation}"
                if endpoint
                else None,
                "creationDateTime": wire_time(created),
                "lastUpdateDateTime": wire_time(self.moment(created, 4 * 365)),
            },
        )

    def account_id(self) -> int:
        while self.next_account_id in self.taken_account_ids:
            self.next_account_id += 1
        self.taken_account_ids.add(self.next_account_id)
        return self.next_account_id

    def account(self, account_type: str, created: datetime, department: str) -> Account:
        rng = self.rng
        stamps: dict[str, Json] = {
            "createDateTime": wire_time(created),
            "lastUpdateDateTime": wire_time(self.moment(created, 3 * 365)),
        }
        phone = self.phone() if rng.random() < 0.7 else None
        fax = self.phone() if rng.random() < 0.4 else None
        if account_type == "department":
            fields: dict[str, Json] = {
                "departmentName": department,
                "telephoneNumber": phone,
                "faxNumber": fax,
                **stamps,
            }
            return Account(self.account_id(), account_type, fields)
        female = rng.random() < 0.55
        person = _person(
            firstName=rng.choice(_FEMALE if female else _MALE),
            lastName=rng.choice(_LAST),
            middleInitial=rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.6 else None,
            suffix=rng.choice(_SUFFIXES),
            gender="Female" if female else "Male",
            telephoneNumber=phone,
            faxNumber=fax,
            **stamps,
        )
        if account_type == "provider":
            npin = f"{rng.randrange(10**9, 2 * 10**9)}"
            while npin in self.npins:
                npin = f"{rng.randrange(10**9, 2 * 10**9)}"
            self.npins.add(npin)
            person = {"npin": npin, **person}
            person["credentials"] = rng.choice(_PROVIDER_CREDENTIALS)
            person["specialty"] = rng.choice(SPECIALTIES)[0]
        else:
            person["credentials"] = rng.choice(_STAFF_CREDENTIALS)
            person["specialty"] = rng.choice(SPECIALTIES)[0] if rng.random() < 0.3 else None
        account = Account(self.account_id(), account_type, person)
        self.shareable.append(account)
        return account

    def local_part(self, domain: str, account: Account) -> str:
        fields = account.fields
        if account.account_type == "department":
            base = str(fields["departmentName"]).lower()
        else:
            base = f"{str(fields['firstName'])[0]}{fields['lastName']}".lower()
        base = re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "account"
        taken = self.local_parts.setdefault(domain, set())
        local, suffix = base, 0
        while local in taken:
            suffix += 1
            local = f"{base}{suffix}"
        taken.add(local)
        return local

    def memberships(self, org: Organization, count: int) -> None:
        rng = self.rng
        members = set(self.members.get(org.id, ()))
        departments: set[str] = set()
        org_created = datetime.fromisoformat(str(org.fields["creationDateTime"]))
        for _ in range(count):
            roll = rng.random()
            account: Account | None = None
            if roll < 0.12 and self.shareable:
                candidate = rng.choice(self.shareable)
                if candidate.id not in members:
                    account = candidate
            if account is None:
                account_type = "department" if roll < 0.27 else "provider"
                if roll >= 0.62:
                    account_type = "nonProvider"
                department = rng.choice(_DEPARTMENTS)
                if account_type == "department":
                    if department in departments:
                        continue
                    departments.add(department)
                account = self.account(account_type, self.moment(org_created, 365), department)
                self.data.accounts.append(account)
            members.add(account.id)
            local = self.local_part(org.domain_name, account)
            account_created = datetime.fromisoformat(str(account.fields["createDateTime"]))
            created = self.moment(max(org_created, account_created), 2 * 365)
            self.data.memberships.append(
                Membership(
                    org.id,
                    account.id,
                    org.enabled and rng.random() >= 0.07,
                    {
                        "directAddressLocalPart": local,
                        "directAddress": f"{local}@{org.domain_name}",
                        "businessEmail": f"{local}@{org.fields['directAbbreviation']}-health.com"
                        if rng.random() < 0.6
                        else None,
                        "publishable": rng.random() < 0.7,
                        "createDateTime": wire_time(created),
                        "lastUpdateDateTime": wire_time(self.moment(created, 2 * 365)),
                    },
                )
            )


def _local_parts_of(membership: Membership) -> set[str]:
    parts = [str(membership.fields.get("directAddressLocalPart") or "")]
    address = membership.fields.get("directAddress")
    if isinstance(address, str):
        parts.append(address.partition("@")[0])
    return {p.lower() for p in parts if p}


def build_seed(*, scale: int = 300, seed: int = 11) -> SeedData:
    """The document's examples plus generated organizations, `scale` organizations in all
    (never fewer than the document's one), each with 0 to 50 memberships."""
    rng = random.Random(seed)
    vendors = _document_vendors() + [Vendor(*v) for v in _VENDORS]
    vendors.sort(key=lambda v: v.id)
    data = SeedData(
        vendors=vendors,
        organizations=[_organization_2()],
        accounts=_document_accounts(),
        memberships=_document_memberships(),
    )
    generator = _Generator(rng, data)
    total = max(scale, 1)
    ids = [i for i in range(1, total + 2) if i != 2][: total - 1]
    for org_id in ids:
        data.organizations.append(generator.organization(org_id))
    data.organizations.sort(key=lambda o: o.id)
    for org in data.organizations:
        generator.memberships(org, rng.randint(0, 50))
    return data
