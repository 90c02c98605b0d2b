"""Demo data for redaction review: two fictional texts waiting for review.

Every name, number and address here is made up (Ofcom's drama phone numbers, the
example.org domain, a postcode with no real address).
"""

from redaction.models import RedactedText, Status

DEMO_PURPOSE = "demo"
DEMO_TEXTS = (
    (
        "forum_note",
        "Meeting note. Gary Oakes said the officer, PC 4471, never rang him back about "
        "crime reference 4401234/25. His sister Nadia Oakes has the letter at 14 Birch "
        "Road, SE15 4QT. She asked to be called on 07700 900461.",
    ),
    (
        "feedback_comment",
        "The call handler was kind. I gave my email, priya.demo@example.org, and they sent "
        "the victim support leaflet. My neighbour Tom Whitfield saw the car, AB12 CDE.",
    ),
)


def seed_redaction_review() -> str:
    """Two pending texts for the review queue; none added if the demo already has them."""
    from redaction.services import redaction_prepare

    existing = RedactedText.objects.filter(
        purpose__in=[purpose for purpose, _text in DEMO_TEXTS], source_field=DEMO_PURPOSE
    )
    if existing.exists():
        return f"{existing.filter(status=Status.PENDING).count()} texts waiting for review"
    for purpose, text in DEMO_TEXTS:
        redaction_prepare(text=text, purpose=purpose, field_name=DEMO_PURPOSE)
    return f"{len(DEMO_TEXTS)} texts waiting for review"
