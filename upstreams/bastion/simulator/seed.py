"""Records of the Bastion simulator and the data it starts with.

The document's examples come first, with their ids and values, so that every example
request of the document answers as shown: Gold Plan 10052 and plan 85, member 100004976
(John Doe, policy 2058, plan 85), state 15 "Abuja (FCT)" of country 162 with city 271
Gwagwalada, provider "ABC Health" and condition 651 "Abdominal pregnancy". Generated records
fill the rest, drawn from one ``random.Random(seed)`` so a seed always yields the same data.

Where the document's examples disagree with each other, or are placeholders:

- States are the 36 Nigerian states and the FCT in alphabetical order, the FCT filed under
  F as Nigerian lists file it, so that it is 15 as the document shows (Abia 1 ... Zamfara
  37). Lagos is therefore 25 and state 10 is Delta.
- The providers example asks for ``state_id=10&city_id=115`` and answers a provider in
  Lagos / Ikeja. Filters here are honest: ABC Health is in Lagos (25) / Ikeja (451), so the
  example's own query answers an empty list and ``state_id=25&city_id=451`` finds it. City
  ids are ``18 * state_id + 1 + position`` so that Gwagwalada, the FCT's first city, is 271.
- The example provider's ``category`` is the literal "category"; here it is the name of the
  provider's type (``wire.PROVIDER_TYPE_NAMES``), "Hospital" for ABC Health. Its address
  lines, coordinates and rating are the example's literal values.
- A plan's ``category`` is "string" in the example and plan 85's name is "Plan"; both are
  placeholders, so Gold Plan's category is "Individual" and plan 85 is "Bronze Plan".
- The update-enrollee-details example answers ``"dob": "10-01-1962"`` with ``"age": "22"``;
  John Doe is born 1962-01-10 and his age is computed from that date, not copied.
- The utilization example's ``"provider": "HOSPITAL"`` reads like a type; here it is the
  name of the provider the enrollee used (ABC Health for John Doe, with the example's
  totalSpent 999 and balance 9999999), null for an enrollee with no claims yet.
- Condition chapters are Bastion's own numbering (pregnancy is 14, as in the example).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Final

from upstreams.simulators._kit import COMMON_LAST_NAMES

__all__ = [
    "COUNTRY_ID",
    "DOCUMENT_MEMBER_ID",
    "City",
    "Condition",
    "Enrollee",
    "Plan",
    "Provider",
    "SeedData",
    "State",
    "build_seed",
    "city_id",
]

COUNTRY_ID: Final = 162  # Nigeria, as the document's state example says
DOCUMENT_MEMBER_ID: Final = "100004976"
_DOCUMENT_POLICY_ID: Final = "2058"
_FIRST_POLICY_ID: Final = 2001


@dataclass(slots=True, frozen=True)
class Plan:
    id: int
    name: str
    description: str
    category: str
    state: str
    premium: float
    # Not on the wire: what an enrollee may spend a year, the start of their balance.
    annual_limit: float


@dataclass(slots=True, frozen=True)
class State:
    id: int
    name: str
    country_id: int


@dataclass(slots=True, frozen=True)
class City:
    id: int
    name: str
    state_id: int


@dataclass(slots=True, frozen=True)
class Provider:
    name: str
    type: int
    email: str
    phone: str
    code: str
    address_line1: str
    address_line2: str
    state_id: int
    city_id: int
    longitude: str
    latitude: str
    rating: str
    plan_ids: frozenset[int]


@dataclass(slots=True, frozen=True)
class Condition:
    id: int
    name: str
    chapter_id: int
    status: str  # "1" active, "0" retired


@dataclass(slots=True)
class Enrollee:
    """One member of a policy: the customer data as onboarded, its status and usage."""

    member_id: str
    policy_id: str
    plan_id: int
    reference: str
    first_name: str
    last_name: str
    dob: str  # YYYY-MM-DD
    gender: str
    phone: str
    relation: str
    marital_status: int
    country: int
    state: int
    city: int
    address: str
    middle_name: str | None = None
    maiden_name: str | None = None
    email: str | None = None
    genotype: int | None = None
    blood_group: int | None = None
    religion: int | None = None
    employee_id: str | None = None
    national_id: str | None = None
    nin_number: str | None = None
    height: int | float | None = None
    weight: int | float | None = None
    pre_existing_condition: int | None = None
    conditions: list[int] = field(default_factory=list)
    status: str = "Active"
    provider: str | None = None
    total_spent: float = 0.0
    balance: float = 0.0


@dataclass(slots=True)
class SeedData:
    plans: list[Plan]
    states: list[State]
    cities: list[City]
    providers: list[Provider]
    conditions: list[Condition]
    enrollees: list[Enrollee]


# The FCT is filed under F (see the module docstring), the rest alphabetically.
_STATES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("Abia", ("Umuahia", "Aba", "Arochukwu", "Ohafia", "Bende")),
    ("Adamawa", ("Yola", "Mubi", "Numan", "Ganye", "Jimeta")),
    ("Akwa Ibom", ("Uyo", "Eket", "Ikot Ekpene", "Oron", "Abak")),
    ("Anambra", ("Awka", "Onitsha", "Nnewi", "Ekwulobia", "Ihiala", "Aguata")),
    ("Bauchi", ("Bauchi", "Azare", "Misau", "Jama'are")),
    ("Bayelsa", ("Yenagoa", "Brass", "Ogbia", "Sagbama", "Nembe", "Kaiama", "Amassoma")),
    ("Benue", ("Makurdi", "Gboko", "Otukpo", "Katsina-Ala", "Vandeikya")),
    ("Borno", ("Maiduguri", "Biu", "Bama", "Dikwa", "Gwoza")),
    ("Cross River", ("Calabar", "Ikom", "Ogoja", "Ugep", "Obudu")),
    ("Delta", ("Asaba", "Warri", "Sapele", "Ughelli", "Agbor", "Oleh", "Burutu")),
    ("Ebonyi", ("Abakaliki", "Afikpo", "Onueke", "Ishielu")),
    ("Edo", ("Benin City", "Auchi", "Ekpoma", "Uromi", "Igarra")),
    ("Ekiti", ("Ado-Ekiti", "Ikere-Ekiti", "Ijero-Ekiti", "Efon-Alaaye", "Ikole")),
    ("Enugu", ("Enugu", "Nsukka", "Agbani", "Oji River", "Udi")),
    ("Abuja (FCT)", ("Gwagwalada", "Abuja Municipal", "Bwari", "Kuje", "Kwali", "Abaji")),
    ("Gombe", ("Gombe", "Kaltungo", "Billiri", "Dukku")),
    ("Imo", ("Owerri", "Orlu", "Okigwe", "Mbaise", "Oguta")),
    ("Jigawa", ("Dutse", "Hadejia", "Kazaure", "Gumel", "Birnin Kudu")),
    ("Kaduna", ("Kaduna", "Zaria", "Kafanchan", "Kagoro", "Saminaka", "Zonkwa")),
    ("Kano", ("Kano", "Wudil", "Gaya", "Rano", "Bichi", "Dawakin Tofa")),
    ("Katsina", ("Katsina", "Funtua", "Daura", "Malumfashi", "Dutsin-Ma")),
    ("Kebbi", ("Birnin Kebbi", "Argungu", "Yauri", "Zuru", "Jega")),
    ("Kogi", ("Lokoja", "Okene", "Idah", "Kabba", "Ankpa")),
    ("Kwara", ("Ilorin", "Offa", "Omu-Aran", "Jebba", "Lafiagi")),
    (
        "Lagos",
        ("Ikeja", "Lagos Island", "Surulere", "Ikorodu", "Epe", "Badagry", "Lekki", "Alimosho"),
    ),
    ("Nasarawa", ("Lafia", "Keffi", "Akwanga", "Nasarawa", "Karu")),
    ("Niger", ("Minna", "Bida", "Suleja", "Kontagora", "New Bussa")),
    ("Ogun", ("Abeokuta", "Ijebu-Ode", "Sagamu", "Ota", "Ilaro")),
    ("Ondo", ("Akure", "Ondo", "Owo", "Ikare", "Okitipupa")),
    ("Osun", ("Osogbo", "Ile-Ife", "Ilesa", "Ede", "Iwo", "Ikirun")),
    ("Oyo", ("Ibadan", "Ogbomosho", "Oyo", "Iseyin", "Saki")),
    ("Plateau", ("Jos", "Bukuru", "Pankshin", "Shendam", "Langtang")),
    ("Rivers", ("Port Harcourt", "Obio-Akpor", "Bonny", "Omoku", "Degema", "Eleme")),
    ("Sokoto", ("Sokoto", "Wurno", "Tambuwal", "Gwadabawa")),
    ("Taraba", ("Jalingo", "Wukari", "Bali", "Takum", "Gembu")),
    ("Yobe", ("Damaturu", "Potiskum", "Gashua", "Nguru", "Geidam")),
    ("Zamfara", ("Gusau", "Kaura Namoda", "Talata Mafara", "Anka")),
)
_LAGOS: Final = 25
_IKEJA: Final = 18 * _LAGOS + 1
# Where people and providers are: the big cities weigh more.
_STATE_WEIGHTS: Final = {25: 6, 15: 3, 33: 3, 31: 2, 20: 2, 19: 2, 28: 2, 10: 2, 12: 2}


def city_id(state_id: int, position: int) -> int:
    """The id of a state's city (see the module docstring: Gwagwalada, FCT's first, is 271)."""
    return 18 * state_id + 1 + position


# (name, category, description, premium, annual limit), after the document's two plans.
_PLANS: Final = (
    ("Silver Plan", "Individual", "Outpatient care, basic inpatient care and drugs.", 42000.0),
    ("Platinum Plan", "Individual", "Full cover including surgery and specialist care.", 98500.0),
    ("Diamond Plan", "Individual", "Premium cover with international emergency care.", 185000.0),
    ("Family Care Basic", "Family", "Primary care for a family of up to six.", 120000.0),
    ("Family Care Plus", "Family", "Primary and secondary care for a family of six.", 210000.0),
    ("Corporate Silver", "Corporate", "Group cover for staff: outpatient and inpatient.", 38000.0),
    ("Corporate Gold", "Corporate", "Group cover for staff with dental and optical.", 72000.0),
    ("Student Care", "Student", "Campus clinic, emergencies and basic drugs.", 15000.0),
    ("Senior Citizens Plan", "Senior", "Chronic conditions and geriatric care.", 135000.0),
    ("Maternity Plus", "Maternity", "Antenatal, delivery and postnatal care.", 88000.0),
)

# (name, chapter) of Bastion's pre-existing conditions, besides the document's 651.
_CONDITIONS: Final[tuple[tuple[str, int], ...]] = (
    ("Tuberculosis", 1), ("Malaria", 1), ("Typhoid fever", 1), ("HIV disease", 1),
    ("Chronic hepatitis B", 1), ("Chronic hepatitis C", 1), ("Schistosomiasis", 1),
    ("Onchocerciasis", 1), ("Leprosy", 1), ("Sickle cell crisis", 3),
    ("Breast cancer", 2), ("Prostate cancer", 2), ("Cervical cancer", 2), ("Leukaemia", 2),
    ("Lymphoma", 2), ("Colorectal cancer", 2), ("Lung cancer", 2), ("Liver cancer", 2),
    ("Uterine fibroids", 2), ("Benign prostatic hyperplasia", 15), ("Brain tumour", 2),
    ("Sickle cell anaemia", 3), ("Iron deficiency anaemia", 3), ("Thalassaemia", 3),
    ("Haemophilia", 3), ("Thrombocytopenia", 3), ("G6PD deficiency", 3),
    ("Type 1 diabetes mellitus", 4), ("Type 2 diabetes mellitus", 4), ("Hypothyroidism", 4),
    ("Hyperthyroidism", 4), ("Goitre", 4), ("Obesity", 4), ("Hypercholesterolaemia", 4),
    ("Cushing's syndrome", 4), ("Addison's disease", 4), ("Gout", 13),
    ("Depression", 5), ("Bipolar disorder", 5), ("Schizophrenia", 5),
    ("Generalized anxiety disorder", 5), ("Post-traumatic stress disorder", 5),
    ("Attention deficit hyperactivity disorder", 5), ("Autism spectrum disorder", 5),
    ("Alcohol dependence", 5), ("Dementia", 5), ("Eating disorder", 5),
    ("Epilepsy", 6), ("Migraine", 6), ("Parkinson's disease", 6), ("Multiple sclerosis", 6),
    ("Cerebral palsy", 6), ("Alzheimer's disease", 6), ("Peripheral neuropathy", 6),
    ("Myasthenia gravis", 6), ("Hydrocephalus", 16),
    ("Glaucoma", 7), ("Cataract", 7), ("Diabetic retinopathy", 7), ("Keratoconus", 7),
    ("Macular degeneration", 7), ("Chronic otitis media", 8), ("Hearing loss", 8),
    ("Meniere's disease", 8), ("Essential hypertension", 9), ("Heart failure", 9),
    ("Coronary artery disease", 9), ("Atrial fibrillation", 9), ("Rheumatic heart disease", 9),
    ("Cardiomyopathy", 9), ("Stroke", 9), ("Deep vein thrombosis", 9), ("Varicose veins", 9),
    ("Peripheral arterial disease", 9), ("Pulmonary hypertension", 9), ("Haemorrhoids", 9),
    ("Asthma", 10), ("Chronic obstructive pulmonary disease", 10), ("Bronchiectasis", 10),
    ("Chronic sinusitis", 10), ("Allergic rhinitis", 10), ("Pulmonary fibrosis", 10),
    ("Sleep apnoea", 10), ("Peptic ulcer disease", 11), ("Gastro-oesophageal reflux disease", 11),
    ("Crohn's disease", 11), ("Ulcerative colitis", 11), ("Irritable bowel syndrome", 11),
    ("Liver cirrhosis", 11), ("Gallstones", 11), ("Chronic pancreatitis", 11),
    ("Coeliac disease", 11), ("Inguinal hernia", 11), ("Umbilical hernia", 11),
    ("Fatty liver disease", 11), ("Psoriasis", 12), ("Eczema", 12), ("Vitiligo", 12),
    ("Acne vulgaris", 12), ("Keloid", 12), ("Chronic urticaria", 12), ("Alopecia areata", 12),
    ("Rheumatoid arthritis", 13), ("Osteoarthritis", 13), ("Systemic lupus erythematosus", 13),
    ("Ankylosing spondylitis", 13), ("Osteoporosis", 13), ("Scoliosis", 13),
    ("Lumbar disc herniation", 13), ("Fibromyalgia", 13), ("Ectopic pregnancy", 14),
    ("Pre-eclampsia", 14), ("Gestational diabetes", 14), ("Placenta praevia", 14),
    ("Hyperemesis gravidarum", 14), ("Multiple pregnancy", 14), ("Previous caesarean section", 14),
    ("Recurrent miscarriage", 14), ("Chronic kidney disease", 15), ("Kidney stones", 15),
    ("Polycystic kidney disease", 15), ("Nephrotic syndrome", 15), ("Endometriosis", 15),
    ("Polycystic ovary syndrome", 15), ("Infertility, female", 15), ("Infertility, male", 15),
    ("Urinary incontinence", 15), ("Pelvic inflammatory disease", 15),
    ("Congenital heart disease", 16), ("Cleft lip and palate", 16), ("Down syndrome", 16),
    ("Spina bifida", 16), ("Club foot", 16), ("Congenital hip dysplasia", 16),
    ("Hypospadias", 16), ("Cystic fibrosis", 16), ("Muscular dystrophy", 16),
    ("Chronic fatigue syndrome", 17), ("Amputation of lower limb", 18),
    ("Spinal cord injury", 18), ("Traumatic brain injury", 18), ("Severe burns", 18),
    ("Organ transplant recipient", 19), ("Dialysis dependence", 19), ("Pacemaker in situ", 19),
    ("Joint replacement", 19), ("Colostomy", 19), ("Tracheostomy", 19),
)  # fmt: skip

_PROVIDER_PREFIXES: Final = (
    "St. Nicholas", "Reddington", "Lagoon", "Evercare", "Cedarcrest", "Nisa", "Garki",
    "Kelina", "Zankli", "Eko", "Paelon", "Bridge", "Havana", "Grandville", "Mecure",
    "Union", "Crestview", "Goldcross", "Sapphire", "Harmony", "Bethel", "Covenant",
    "Trinity", "Graceland", "Royal", "Lifeline", "Emerald", "Premier", "Unity", "Hallmark",
    "Prime", "Safeway", "Healing Cross", "Victory", "Divine Touch", "Mercy", "Horizon",
    "Kings Care", "Omega", "Summit", "Riverside", "Oakwood", "Greenfield", "Beacon",
    "Sunrise", "Pinnacle", "Everlight", "Blessed", "Faith", "Liberty", "Heritage", "Crown",
    "Pearl", "Shalom", "Jubilee", "Ark", "Zion", "Alpha", "Nobel", "Meridian",
)  # fmt: skip
_PROVIDER_SUFFIXES: Final[dict[int, tuple[str, ...]]] = {
    1: ("Hospital", "Specialist Hospital", "Medical Centre"),
    2: ("Pharmacy", "Pharmacy & Stores"),
    3: ("Eye Clinic", "Optical Centre"),
    5: ("Physiotherapy Clinic",),
    6: ("Dental Clinic", "Dental Centre"),
    7: ("Polyclinic",),
    8: ("Family Clinic", "Medical Practice"),
    9: ("Ambulatory Care Centre",),
    10: ("Diagnostic Centre", "Laboratories"),
    11: ("Radiology Centre", "Imaging Centre"),
    12: ("Medical Supplies Ltd",),
    13: ("Fitness Centre", "Gym"),
    14: ("Mind Wellness Centre",),
    15: ("Children's Clinic", "Paediatric Clinic"),
    16: ("Maternity Home", "Women's Hospital"),
    17: ("Emergency Services", "Ambulance Service"),
    18: ("Primary Health Centre", "General Hospital"),
}
_PROVIDER_TYPE_WEIGHTS: Final = {
    1: 30, 2: 18, 3: 6, 5: 3, 6: 7, 7: 4, 8: 5, 9: 2, 10: 8, 11: 3, 12: 2, 13: 2, 14: 2,
    15: 3, 16: 3, 17: 2, 18: 3,
}  # fmt: skip
_PROVIDER_COUNT: Final = 320
_STREETS: Final = (
    "Awolowo Road", "Allen Avenue", "Adeola Odeku Street", "Herbert Macaulay Way",
    "Ahmadu Bello Way", "Aminu Kano Crescent", "Ozumba Mbadiwe Avenue", "Obafemi Awolowo Way",
    "Nnamdi Azikiwe Street", "Broad Street", "Marina Road", "Ring Road", "Stadium Road",
    "Hospital Road", "Market Road", "Airport Road", "Station Road", "Club Road",
    "Aba Road", "Ikwerre Road", "Independence Layout", "Murtala Mohammed Way",
)  # fmt: skip
_PHONE_PREFIXES: Final = (
    "803", "805", "806", "807", "808", "809", "810", "813", "814", "816", "903", "906", "909",
)  # fmt: skip

_MALE_NAMES: Final = (
    "Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ibrahim", "Musa", "Adebayo", "Chukwuemeka",
    "Obinna", "Segun", "Yusuf", "Femi", "Kelechi", "Babatunde", "Ifeanyi", "Abdullahi",
    "Uche", "Kunle", "Nnamdi", "Samuel", "David", "Daniel", "Michael", "Peter", "Joseph",
    "Aliyu", "Bello", "Gbenga", "Tobi", "Chidi",
)  # fmt: skip
_FEMALE_NAMES: Final = (
    "Ngozi", "Funmilayo", "Aisha", "Chiamaka", "Folake", "Amina", "Adaeze", "Yetunde",
    "Blessing", "Nkechi", "Bukola", "Zainab", "Ifeoma", "Titilayo", "Hauwa", "Chioma",
    "Ronke", "Fatima", "Omolara", "Grace", "Esther", "Mary", "Ruth", "Deborah", "Joy",
    "Kemi", "Halima", "Uju", "Sade", "Nneka",
)  # fmt: skip
# The kit's shared family names first, then Bastion's own (see COMMON_LAST_NAMES).
_LAST_NAMES: Final = (
    *COMMON_LAST_NAMES,
    "Okafor", "Adeyemi", "Okonkwo", "Bello", "Ibrahim", "Eze", "Nwosu", "Ogunleye",
    "Abubakar", "Olawale", "Chukwu", "Adebayo", "Obi", "Balogun", "Usman", "Okeke",
    "Afolabi", "Onyeka", "Danjuma", "Akinola", "Nwachukwu", "Ojo", "Mohammed", "Emenike",
)  # fmt: skip
_EMAIL_DOMAINS: Final = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "mail.com")


def _document_plans() -> list[Plan]:
    return [
        Plan(85, "Bronze Plan", "Primary care, outpatient visits and generic drugs.",
             "Individual", "Published", 28500.0, 10_000_000.0),
        Plan(10052, "Gold Plan", "Lorem ipsum dolor sit amet...", "Individual", "Published",
             64500.0, 3_000_000.0),
    ]  # fmt: skip


def _document_provider() -> Provider:
    return Provider(
        name="ABC Health",
        type=1,
        email="abc@health.com",
        phone="+234909291111111",
        code="ABC-HEALTH",
        address_line1="Address line 1",
        address_line2="Address line 2",
        state_id=_LAGOS,
        city_id=_IKEJA,
        longitude="0.000000024",
        latitude="0.000232108",
        rating="5",
        plan_ids=frozenset({85, 10052}),
    )


def _document_enrollee() -> Enrollee:
    return Enrollee(
        member_id=DOCUMENT_MEMBER_ID,
        policy_id=_DOCUMENT_POLICY_ID,
        plan_id=85,
        reference="REF-2058-0001",
        first_name="John",
        middle_name="",
        last_name="Doe",
        maiden_name="",
        email="john.doe@example.com",
        dob="1962-01-10",
        gender="Male",
        phone="+2348031234567",
        relation="Self",
        marital_status=2,
        country=COUNTRY_ID,
        state=_LAGOS,
        city=_IKEJA,
        address="12 Allen Avenue, Ikeja",
        genotype=1,
        blood_group=2,
        religion=2,
        employee_id="EMP-0042",
        national_id="",
        nin_number="12345678901",
        height=178,
        weight=82,
        pre_existing_condition=0,
        conditions=[],
        provider="ABC Health",
        total_spent=999.0,
        balance=9_999_999.0,
    )


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def plans(self) -> list[Plan]:
        rng = self.rng
        ids = sorted(rng.sample([i for i in range(10001, 10120) if i != 10052], len(_PLANS)))
        plans = _document_plans()
        for plan_id, (name, category, description, premium) in zip(ids, _PLANS, strict=True):
            limit = float(rng.choice((1, 2, 3, 5, 8, 12)) * 1_000_000)
            plans.append(Plan(plan_id, name, description, category, "Published", premium, limit))
        return sorted(plans, key=lambda p: p.id)

    def place(self) -> tuple[int, int]:
        rng = self.rng
        states = range(1, len(_STATES) + 1)
        state = rng.choices(states, [_STATE_WEIGHTS.get(s, 1) for s in states])[0]
        return state, city_id(state, rng.randrange(len(_STATES[state - 1][1])))

    def phone(self) -> str:
        rng = self.rng
        return f"+234{rng.choice(_PHONE_PREFIXES)}{rng.randrange(10**7):07d}"

    def providers(self, plans: list[Plan]) -> list[Provider]:
        rng = self.rng
        plan_ids = [p.id for p in plans]
        types = list(_PROVIDER_TYPE_WEIGHTS)
        weights = list(_PROVIDER_TYPE_WEIGHTS.values())
        found = [_document_provider()]
        names = {found[0].name}
        while len(found) < _PROVIDER_COUNT:
            kind = rng.choices(types, weights)[0]
            prefix = rng.choice(_PROVIDER_PREFIXES)
            state, city = self.place()
            name = f"{prefix} {rng.choice(_PROVIDER_SUFFIXES[kind])}"
            if name in names:
                name = f"{name}, {_city_name(city)}"
                if name in names:
                    continue
            names.add(name)
            initials = "".join(w[0] for w in name.replace("&", "").split() if w[0].isalpha())
            slug = "".join(c for c in prefix.lower() if c.isalnum())
            found.append(
                Provider(
                    name=name,
                    type=kind,
                    email=f"info@{slug}{len(found)}.com.ng",
                    phone=self.phone(),
                    code=f"{initials.upper()}-{len(found):04d}",
                    address_line1=f"{rng.randint(1, 250)} {rng.choice(_STREETS)}",
                    address_line2=(f"Off {rng.choice(_STREETS)}" if rng.random() < 0.4 else ""),
                    state_id=state,
                    city_id=city,
                    longitude=f"{rng.uniform(2.7, 14.6):.6f}",
                    latitude=f"{rng.uniform(4.3, 13.9):.6f}",
                    rating=str(rng.choices((1, 2, 3, 4, 5), (1, 2, 5, 8, 6))[0]),
                    plan_ids=frozenset(rng.sample(plan_ids, rng.randint(1, 6))),
                )
            )
        return found

    def conditions(self) -> list[Condition]:
        rng = self.rng
        ids = rng.sample([i for i in range(101, 1500) if i != 651], len(_CONDITIONS))
        found = [Condition(651, "Abdominal pregnancy", 14, "1")]
        for condition_id, (name, chapter) in zip(ids, _CONDITIONS, strict=True):
            status = "0" if rng.random() < 0.05 else "1"
            found.append(Condition(condition_id, name, chapter, status))
        return sorted(found, key=lambda c: c.name.lower())

    def families(
        self,
        count: int,
        plans: list[Plan],
        providers: list[Provider],
        conditions: list[Condition],
        first_member: int,
    ) -> list[Enrollee]:
        rng = self.rng
        by_plan = {p.id: [v.name for v in providers if p.id in v.plan_ids] for p in plans}
        condition_ids = [c.id for c in conditions if c.status == "1"]
        found: list[Enrollee] = []
        member = first_member
        policy = _FIRST_POLICY_ID
        while len(found) < count:
            if str(policy) == _DOCUMENT_POLICY_ID:
                policy += 1
            plan = rng.choice(plans)
            last_name = rng.choice(_LAST_NAMES)
            state, city = self.place()
            address = f"{rng.randint(1, 120)} {rng.choice(_STREETS)}, {_city_name(city)}"
            phone = self.phone()
            for relation in self.relations(min(rng.randint(1, 5), count - len(found))):
                member += rng.randint(1, 3)
                found.append(
                    self.person(
                        str(member),
                        str(policy),
                        plan,
                        relation,
                        last_name,
                        (state, city, address, phone),
                        by_plan[plan.id],
                        condition_ids,
                    )
                )
            policy += 1
        return found

    def relations(self, size: int) -> list[str]:
        rng = self.rng
        relations = ["Self"]
        if size > 1:
            relations.append(rng.choices(("Spouse", "Sibling", "Mother"), (8, 1, 1))[0])
        while len(relations) < size:
            relations.append(rng.choices(("Son", "Daughter", "Father", "Cousin"), (5, 5, 1, 1))[0])
        return relations

    def person(
        self,
        member_id: str,
        policy_id: str,
        plan: Plan,
        relation: str,
        last_name: str,
        home: tuple[int, int, str, str],
        plan_providers: list[str],
        condition_ids: list[int],
    ) -> Enrollee:
        rng = self.rng
        state, city, address, phone = home
        female = {"Daughter": True, "Mother": True, "Son": False, "Father": False}.get(
            relation, rng.random() < 0.5
        )
        first_name = rng.choice(_FEMALE_NAMES if female else _MALE_NAMES)
        child = relation in ("Son", "Daughter")
        born = (
            rng.randint(2004, 2023)
            if child
            else rng.randint(1940, 1966)
            if relation in ("Mother", "Father")
            else rng.randint(1955, 2001)
        )
        dob = f"{born:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        married = relation in ("Self", "Spouse") and rng.random() < 0.7
        marital = 1 if child else 2 if married else rng.choice((1, 3, 4, 5))
        has_conditions = rng.random() < 0.12
        pre_existing = 1 if has_conditions else rng.choice((0, 0, 0, None))
        used = rng.random() < 0.55 and bool(plan_providers)
        spent = float(rng.randrange(5_000, int(plan.annual_limit // 4), 500)) if used else 0.0
        return Enrollee(
            member_id=member_id,
            policy_id=policy_id,
            plan_id=plan.id,
            reference=f"REF-{policy_id}-{rng.randrange(10**4):04d}",
            first_name=first_name,
            middle_name=rng.choice(_MALE_NAMES + _FEMALE_NAMES) if rng.random() < 0.4 else "",
            last_name=last_name,
            maiden_name=rng.choice(_LAST_NAMES)
            if female and married and rng.random() < 0.5
            else "",
            email=(
                f"{first_name.lower()}.{last_name.lower()}{rng.randint(1, 99)}"
                f"@{rng.choice(_EMAIL_DOMAINS)}"
                if not child and rng.random() < 0.8
                else ""
            ),
            dob=dob,
            gender="Female" if female else "Male",
            phone=phone if child or rng.random() < 0.3 else self.phone(),
            relation=relation,
            marital_status=marital,
            country=COUNTRY_ID,
            state=state,
            city=city,
            address=address,
            genotype=rng.choices((1, 2, 3, 4, 5, 6, None), (60, 5, 2, 2, 2, 20, 9))[0],
            blood_group=rng.choices(
                (1, 2, 3, 4, 5, 6, 7, 8, None), (20, 40, 15, 3, 2, 3, 2, 1, 14)
            )[0],
            religion=rng.choices((1, 2, 3, 4, 5, None), (40, 45, 1, 1, 3, 10))[0],
            employee_id=(
                f"EMP-{rng.randrange(10**5):05d}"
                if relation == "Self" and rng.random() < 0.5
                else ""
            ),
            national_id="",
            nin_number=f"{rng.randrange(10**10, 10**11)}"
            if not child and rng.random() < 0.6
            else "",
            height=rng.randint(60, 150) if child else rng.randint(150, 195),
            weight=rng.randint(8, 55) if child else rng.randint(50, 115),
            pre_existing_condition=pre_existing,
            conditions=sorted(rng.sample(condition_ids, rng.randint(1, 3)))
            if has_conditions
            else [],
            status="Deleted" if rng.random() < 0.05 else "Active",
            provider=rng.choice(plan_providers) if used else None,
            total_spent=spent,
            balance=plan.annual_limit - spent,
        )


def _city_name(city: int) -> str:
    state = (city - 1) // 18
    return _STATES[state - 1][1][(city - 1) % 18]


def _states_and_cities() -> tuple[list[State], list[City]]:
    states: list[State] = []
    cities: list[City] = []
    for state_id, (name, names) in enumerate(_STATES, start=1):
        states.append(State(state_id, name, COUNTRY_ID))
        cities += [City(city_id(state_id, i), n, state_id) for i, n in enumerate(names)]
    return states, cities


def build_seed(*, scale: int, seed: int) -> SeedData:
    """Fresh records: the document's examples, then generated ones; ``scale`` enrollees."""
    if scale < 1:
        raise ValueError("scale must be at least 1 (the document's example member)")
    rng = random.Random(seed)
    generator = _Generator(rng)
    plans = generator.plans()
    states, cities = _states_and_cities()
    providers = generator.providers(plans)
    conditions = generator.conditions()
    enrollees = [_document_enrollee()]
    enrollees += generator.families(
        scale - 1, plans, providers, conditions, int(DOCUMENT_MEMBER_ID)
    )
    return SeedData(plans, states, cities, providers, conditions, enrollees)
