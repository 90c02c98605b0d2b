"""Demo data for the support directory (a seed_demo step): about 25 invented organisations
across London, with role mailboxes at example.org and Ofcom drama numbers (020 7946 0xxx),
some with Victims' Fund records. Safe to run twice: records are matched by name."""

from __future__ import annotations

from decimal import Decimal

from directory import services
from directory.models import Organisation, Service
from feedback.models import Borough, CrimeType

# name, service, boroughs ("*" = London-wide), crime types, groups, languages, access,
# referral, funding amount (Victims' Fund) or 0
ORGANISATIONS: list[tuple[str, str, str, str, str, str, str, str, int]] = [
    (
        "Riverside Victim Care",
        "Practical and emotional support",
        "*",
        "",
        "",
        "en pl ro",
        "step-free text-relay",
        "both",
        48000,
    ),
    (
        "Eastside Youth Voice",
        "Support for young victims of crime",
        "tower-hamlets newham hackney",
        "violence robbery hate-crime",
        "young-people",
        "en bn so",
        "easy-read",
        "both",
        36000,
    ),
    (
        "Silver Thread Elder Support",
        "Help for older victims of fraud and theft",
        "barnet enfield haringey",
        "fraud theft burglary",
        "older-people",
        "en el tr",
        "home-visits hearing-loop step-free",
        "self",
        22000,
    ),
    (
        "Rainbow Shield London",
        "LGBTQ+ hate crime advocacy",
        "*",
        "hate-crime violence stalking-harassment",
        "lgbtq",
        "en es pt",
        "bsl easy-read",
        "self",
        41000,
    ),
    (
        "Open Hands Disability Advocacy",
        "Independent advocacy for disabled victims",
        "*",
        "",
        "disabled-people",
        "en",
        "step-free bsl easy-read text-relay home-visits",
        "both",
        39000,
    ),
    (
        "Signing Safe",
        "Support for Deaf victims in British Sign Language",
        "*",
        "",
        "deaf-people",
        "en",
        "bsl text-relay",
        "self",
        27000,
    ),
    (
        "Harbour Women's Centre",
        "Women's safety and recovery service",
        "lambeth southwark lewisham",
        "domestic-abuse sexual-offences stalking-harassment",
        "women",
        "en pt es",
        "step-free",
        "both",
        52000,
    ),
    (
        "Men Talk Too",
        "Support for men affected by crime",
        "*",
        "domestic-abuse sexual-offences violence",
        "men",
        "en",
        "text-relay",
        "self",
        18000,
    ),
    (
        "Crescent Community Support",
        "Faith-sensitive victim support",
        "newham redbridge waltham-forest",
        "hate-crime",
        "faith-communities",
        "en ar ur bn",
        "step-free",
        "self",
        24000,
    ),
    (
        "Northgate Neighbourhood Help",
        "Burglary and home security advice",
        "camden islington",
        "burglary criminal-damage theft",
        "older-people",
        "en",
        "home-visits",
        "self",
        0,
    ),
    (
        "Southbank Fraud Recovery",
        "Fraud and scam recovery support",
        "*",
        "fraud",
        "older-people",
        "en pl",
        "easy-read",
        "self",
        15000,
    ),
    (
        "Westway Youth Outreach",
        "Youth violence outreach",
        "kensington-and-chelsea hammersmith-and-fulham westminster",
        "violence robbery",
        "young-people",
        "en ar",
        "",
        "professional",
        33000,
    ),
    (
        "Croydon Calm Space",
        "Counselling after crime",
        "croydon sutton merton",
        "",
        "",
        "en",
        "step-free hearing-loop",
        "both",
        21000,
    ),
    (
        "Havering Safe Homes",
        "Home safety after domestic abuse",
        "havering barking-and-dagenham bexley",
        "domestic-abuse",
        "women",
        "en ro",
        "home-visits",
        "professional",
        0,
    ),
    (
        "Kingston Community Link",
        "Victim support drop-in",
        "kingston-upon-thames richmond-upon-thames",
        "",
        "",
        "en",
        "step-free",
        "self",
        0,
    ),
    (
        "Brent Multilingual Victim Service",
        "Support in your language",
        "brent harrow ealing",
        "",
        "",
        "en pl ro pt es ar bn",
        "easy-read",
        "both",
        30000,
    ),
    (
        "Greenwich Pathways",
        "Support through the court process",
        "greenwich lewisham bromley",
        "",
        "",
        "en",
        "step-free",
        "professional",
        0,
    ),
    (
        "Hounslow Hate Crime Network",
        "Reporting and support for hate crime",
        "hounslow hillingdon",
        "hate-crime",
        "faith-communities",
        "en pa",
        "",
        "self",
        12000,
    ),
    (
        "City Night Safety",
        "Support after night-time crime in the centre",
        "city-of-london westminster camden",
        "violence sexual-offences theft",
        "women",
        "en",
        "step-free",
        "self",
        0,
    ),
    (
        "Wandsworth Young Witness Support",
        "Help for young witnesses at court",
        "wandsworth lambeth",
        "",
        "young-people",
        "en",
        "easy-read",
        "professional",
        19000,
    ),
    (
        "Enfield Stalking Advocacy",
        "Stalking and harassment advocacy",
        "enfield haringey barnet",
        "stalking-harassment",
        "",
        "en tr",
        "text-relay",
        "both",
        26000,
    ),
    (
        "Tower Bridge Restorative Justice",
        "Restorative justice service",
        "*",
        "",
        "",
        "en",
        "step-free",
        "both",
        0,
    ),
    (
        "Islington Peer Support",
        "Peer support groups for victims",
        "islington hackney",
        "",
        "",
        "en",
        "hearing-loop",
        "self",
        0,
    ),
    (
        "Newham Vehicle Crime Helpline",
        "Help after vehicle crime",
        "newham",
        "vehicle-crime criminal-damage",
        "",
        "en bn",
        "",
        "self",
        0,
    ),
    (
        "Lewisham Men's Space",
        "Safe space for men after violence",
        "lewisham greenwich",
        "violence",
        "men",
        "en",
        "step-free",
        "self",
        9000,
    ),
]

WORDS = {
    "both": "Call or email them. Or ask the police to put you in touch.",
    "self": "Call or email them. You do not need anyone to put you in touch.",
    "professional": (
        "Ask the police officer who is dealing with your case to put you in touch. Or ask the "
        "Witness Care Unit. This is the team that helps witnesses when a case goes to court."
    ),
}

# What each service does, in plain words (each service's name says it in short).
WHAT_THEY_DO = {
    "Practical and emotional support": "They help with what you need after a crime. They can also just listen.",
    "Support for young victims of crime": "They help children and young people who have been hurt by crime.",
    "Help for older victims of fraud and theft": "They help older people who have lost money or things to crime.",
    "LGBTQ+ hate crime advocacy": "They help LGBTQ+ people after a hate crime. They can speak up for you.",
    "Independent advocacy for disabled victims": "They help disabled people after a crime. They can speak up for you.",
    "Support for Deaf victims in British Sign Language": "They help Deaf people after a crime. They sign in British Sign Language.",
    "Women's safety and recovery service": "They help women to be safe and to get better after a crime.",
    "Support for men affected by crime": "They help men who have been hurt by crime.",
    "Faith-sensitive victim support": "They help people of all faiths. They respect what you believe.",
    "Burglary and home security advice": "They help after a break-in. They can show you how to make your home safer.",
    "Fraud and scam recovery support": "They help if you have lost money to a scam.",
    "Youth violence outreach": "They work with young people who have been hurt by violence.",
    "Counselling after crime": "You can talk to a trained counsellor about how you feel after a crime.",
    "Home safety after domestic abuse": "They help make your home safe after domestic abuse.",
    "Victim support drop-in": "You can drop in to talk to someone. You do not need to book.",
    "Support in your language": "They help people who have been victims of crime in many languages.",
    "Support through the court process": "They help you understand what happens at court. They can go with you.",
    "Reporting and support for hate crime": "They help you report a hate crime. They also help you after it.",
    "Support after night-time crime in the centre": "They help people hurt by crime at night in central London.",
    "Help for young witnesses at court": "They help children and young people who have to go to court as a witness.",
    "Stalking and harassment advocacy": "They help if someone is stalking or harassing you. They can speak up for you.",
    "Restorative justice service": (
        "They can help you talk to the person who harmed you, if you want to. It is your choice."
    ),
    "Peer support groups for victims": "You can meet other people who have been through crime.",
    "Help after vehicle crime": "They help if your car or bike was stolen or damaged.",
    "Safe space for men after violence": "A safe place for men to talk after violence.",
}


def _slug(name: str) -> str:
    """A short invented web address for an organisation: its first word, or first two."""
    words = ["".join(c for c in word if c.isalnum()) for word in name.lower().split()]
    return words[0] if len(words[0]) >= 5 else words[0] + words[1]


def seed_directory() -> str:
    boroughs = {b.slug: b for b in Borough.objects.all()}
    crimes = {c.code: c for c in CrimeType.objects.all()}
    for number, row in enumerate(ORGANISATIONS, start=1):
        name, service_name, areas, crime_codes, groups, langs, access, referral, amount = row
        mailbox = f"help@{_slug(name)}.example.org"
        phone = f"020 7946 0{number:03d}"
        existing = Organisation.objects.filter(name=name).first()
        org = existing or services.organisation_save(
            actor=None,
            organisation=None,
            data={
                "name": name,
                "description": f"{name} is an invented organisation for the demo.",
                "email": mailbox,
                "phone": phone,
                "website": f"https://{_slug(name)}.example.org",
            },
        )
        if not Service.objects.filter(organisation=org, name=service_name).exists():
            services.service_save(
                actor=None,
                service=None,
                organisation=org,
                data={
                    "name": service_name,
                    "description": (
                        f"{WHAT_THEY_DO[service_name]} It is free, and what you tell them is "
                        "kept private. You can get help even if you did not report the crime."
                    ),
                    "referral": referral,
                    "how_to_access": WORDS[referral],
                    "email": f"referrals@{_slug(name)}.example.org",
                    "phone": phone,
                    "hours": "Monday to Friday, 9am to 5pm",
                    "london_wide": areas == "*",
                },
                links={
                    "boroughs": [boroughs[s] for s in areas.split() if s in boroughs],
                    "crime_types": [crimes[c] for c in crime_codes.split() if c in crimes],
                    "groups": services.groups_for(groups.split()),
                    "languages": services.spoken_languages(langs.split()),
                    "accessibility": services.accessibility_for(access.split()),
                },
            )
        if amount:
            services.funding_record(
                actor=None,
                organisation=org,
                fund="Victims' Fund",
                year=2025,
                amount=Decimal(amount),
            )
            if number % 3 == 0:
                services.funding_record(
                    actor=None,
                    organisation=org,
                    fund="Victims' Fund",
                    year=2024,
                    amount=Decimal(amount) - 2000,
                )
    # The same summary on every run (seed_demo prints the same line when nothing is new).
    return f"{len(ORGANISATIONS)} support organisations"
