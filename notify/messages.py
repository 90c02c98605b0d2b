"""The catalogue of every email and text message Victim Voice sends, in English and Welsh.

Each message is one `MessageTemplate`: its personalisation keys, an email subject and body
and an SMS text per language, and sample personalisation used by the tests. Placeholders
are written `{name}`. GOV.UK Notify only ever sees two generic templates (see
docs/messages.md); the words live here, in the code, where they are reviewed and tested.

Text messages should fit one fragment (160 GSM-7 characters, or 70 when a character
outside GSM-7 such as the Welsh ŵ or ŷ is used). Templates marked `one_fragment=True` are
held to that by tests/test_notify.py for every language.
"""

import re
from dataclasses import dataclass, field

ENGLISH = "en"
WELSH = "cy"
LANGUAGES = (ENGLISH, WELSH)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class PersonalisationError(ValueError):
    """A message was asked for without the personalisation its template needs."""


@dataclass(frozen=True)
class MessageText:
    subject: str
    body: str
    sms: str


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    texts: dict[str, MessageText]
    sample: dict[str, str]
    one_fragment: bool = True
    keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        found: set[str] = set()
        for text in self.texts.values():
            for part in (text.subject, text.body, text.sms):
                found.update(_PLACEHOLDER.findall(part))
        object.__setattr__(self, "keys", frozenset(found))


@dataclass(frozen=True)
class RenderedMessage:
    template: str
    language: str
    subject: str
    body: str


def _template(
    key: str, *, en: MessageText, cy: MessageText, sample: dict[str, str], one_fragment: bool = True
) -> MessageTemplate:
    return MessageTemplate(
        key=key, texts={ENGLISH: en, WELSH: cy}, sample=sample, one_fragment=one_fragment
    )


SAMPLE_LINK = "https://victimvoice.example.org/account/password/reset/key/1c-cz4r2e-5b1e0f3a9d7c2b4e6f8a0c1d3e5f7a9b/"

CATALOGUE: dict[str, MessageTemplate] = {
    t.key: t
    for t in [
        _template(
            "sign_in_code",
            en=MessageText(
                subject="Your Victim Voice sign-in code",
                body=(
                    "Your sign-in code is:\n\n"
                    "{code}\n\n"
                    "The code only works for a few minutes.\n\n"
                    "If you did not try to sign in to Victim Voice, you can ignore this email. "
                    "Nobody can sign in without the code. Do not share it with anyone."
                ),
                sms="Your Victim Voice sign-in code is {code}. Do not share it with anyone.",
            ),
            cy=MessageText(
                subject="Eich cod mewngofnodi ar gyfer Victim Voice",
                body=(
                    "Eich cod mewngofnodi yw:\n\n"
                    "{code}\n\n"
                    "Dim ond am ychydig funudau y mae'r cod yn gweithio.\n\n"
                    "Os nad oeddech chi wedi ceisio mewngofnodi i Victim Voice, gallwch "
                    "anwybyddu'r e-bost hwn. Ni all neb fewngofnodi heb y cod. Peidiwch â "
                    "rhannu'r cod gydag unrhyw un."
                ),
                sms="Eich cod mewngofnodi ar gyfer Victim Voice yw {code}. Cadwch y cod yn gyfrinachol.",
            ),
            sample={"code": "K7Q2XM"},
        ),
        _template(
            "password_reset",
            en=MessageText(
                subject="Reset your Victim Voice password",
                body=(
                    "Someone asked to reset the password for your Victim Voice account.\n\n"
                    "To choose a new password, open this link:\n"
                    "{link}\n\n"
                    "The link works once, for a short time only.\n\n"
                    "If you did not ask for this, you can ignore this email. "
                    "Your password has not changed."
                ),
                sms="Victim Voice: reset your password at {link}",
            ),
            cy=MessageText(
                subject="Ailosod eich cyfrinair ar gyfer Victim Voice",
                body=(
                    "Mae rhywun wedi gofyn i ailosod y cyfrinair ar gyfer eich cyfrif "
                    "Victim Voice.\n\n"
                    "I ddewis cyfrinair newydd, agorwch y ddolen hon:\n"
                    "{link}\n\n"
                    "Dim ond unwaith y mae'r ddolen yn gweithio, ac am gyfnod byr yn unig.\n\n"
                    "Os na wnaethoch chi ofyn am hyn, gallwch anwybyddu'r e-bost hwn. "
                    "Nid yw eich cyfrinair wedi newid."
                ),
                sms="Victim Voice: ailosodwch eich cyfrinair yma {link}",
            ),
            sample={"link": SAMPLE_LINK},
        ),
        _template(
            "staff_invitation",
            en=MessageText(
                subject="You have been invited to Victim Voice",
                body=(
                    "Dear {name},\n\n"
                    "You have been invited to use Victim Voice. The police and their oversight "
                    "body use it to hear from victims of crime and act on what they say.\n\n"
                    "To set up your account, open this link:\n"
                    "{link}\n\n"
                    "You will choose a password and set up a second way to prove it is you "
                    "(two-factor authentication).\n\n"
                    "If you were not expecting this, you can ignore this email."
                ),
                sms="{name}, you have been invited to Victim Voice. Set up your account: {link}",
            ),
            cy=MessageText(
                subject="Rydych chi wedi cael gwahoddiad i Victim Voice",
                body=(
                    "Annwyl {name},\n\n"
                    "Rydych chi wedi cael gwahoddiad i ddefnyddio Victim Voice. Mae'r heddlu "
                    "a'r corff sy'n eu goruchwylio yn ei ddefnyddio i glywed gan ddioddefwyr "
                    "troseddau a gweithredu ar yr hyn maen nhw'n ei ddweud.\n\n"
                    "I greu eich cyfrif, agorwch y ddolen hon:\n"
                    "{link}\n\n"
                    "Byddwch yn dewis cyfrinair ac yn gosod ail ffordd o brofi mai chi sydd "
                    "yno (dilysu dau ffactor).\n\n"
                    "Os nad oeddech chi'n disgwyl hyn, gallwch anwybyddu'r e-bost hwn."
                ),
                sms="{name}, rydych chi wedi cael gwahoddiad i Victim Voice. Agorwch y ddolen i greu eich cyfrif: {link}",
            ),
            sample={
                "name": "Alex Morgan",
                "link": "https://victimvoice.example.org/invitation/4f9c2a7e1b/",
            },
            one_fragment=False,
        ),
        _template(
            # Sent to an applicant by their safe channel when their application arrives.
            "application_received",
            en=MessageText(
                subject="We have your application to join a Victim Voice Forum",
                body=(
                    "Thank you for applying to join a Victim Voice Forum.\n\n"
                    "Your reference is {reference}.\n\n"
                    "What happens next:\n\n"
                    "1. We will read your application.\n"
                    "2. We will contact you to arrange an onboarding conversation. It is a "
                    "chance to talk about the forum and whether now is a good time for you.\n"
                    "3. The police will check the Police National Computer, as you agreed. "
                    "This can take up to 6 weeks.\n\n"
                    "We will only contact you in the ways you told us are safe.\n\n"
                    "If you did not apply, you can ignore this email."
                ),
                sms=(
                    "Victim Voice: thank you, we have your application to join a forum. "
                    "Your reference is {reference}. We will be in touch."
                ),
            ),
            cy=MessageText(
                subject="Rydym wedi cael eich cais i ymuno â Fforwm Victim Voice",
                body=(
                    "Diolch am wneud cais i ymuno â Fforwm Victim Voice.\n\n"
                    "Eich cyfeirnod yw {reference}.\n\n"
                    "Beth sy'n digwydd nesaf:\n\n"
                    "1. Byddwn yn darllen eich cais.\n"
                    "2. Byddwn yn cysylltu â chi i drefnu sgwrs gychwynnol. Mae'n gyfle i "
                    "siarad am y fforwm ac a yw nawr yn amser da i chi.\n"
                    "3. Bydd yr heddlu'n gwirio Cyfrifiadur Cenedlaethol yr Heddlu, fel y "
                    "cytunoch chi. Gall hyn gymryd hyd at 6 wythnos.\n\n"
                    "Byddwn ond yn cysylltu â chi yn y ffyrdd a ddywedoch chi sy'n ddiogel.\n\n"
                    "Os na wnaethoch chi wneud cais, gallwch anwybyddu'r e-bost hwn."
                ),
                sms=(
                    "Victim Voice: diolch, mae eich cais wedi dod i law. "
                    "Eich cyfeirnod yw {reference}. Byddwn yn cysylltu."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            # Text written elsewhere (already in the reader's language) sent as it is.
            "generic",
            en=MessageText(subject="{subject}", body="{body}", sms="{body}"),
            cy=MessageText(subject="{subject}", body="{body}", sms="{body}"),
            sample={
                "subject": "Your next forum meeting",
                "body": "Your next forum meeting is on Tuesday 3 March at 6pm.",
            },
            one_fragment=False,
        ),
    ]
}


def language_pick(language: str | None) -> str:
    """ "cy", "cy-GB" -> "cy"; anything we do not write in falls back to English."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else ENGLISH


def _fill(text: str, personalisation: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: str(personalisation[m.group(1)]), text)


def message_render(
    *, template: str, personalisation: dict[str, str], language: str = ENGLISH, sms: bool = False
) -> RenderedMessage:
    """The subject and body of one message. SMS messages have an empty subject."""
    try:
        entry = CATALOGUE[template]
    except KeyError:
        raise PersonalisationError(f"There is no message template called {template!r}.") from None
    missing = sorted(entry.keys - personalisation.keys())
    if missing:
        raise PersonalisationError(
            f"The {template!r} message needs personalisation for: {', '.join(missing)}."
        )
    unexpected = sorted(personalisation.keys() - entry.keys)
    if unexpected:
        raise PersonalisationError(
            f"The {template!r} message does not use: {', '.join(unexpected)}."
        )
    language = language_pick(language)
    text = entry.texts[language]
    if sms:
        return RenderedMessage(
            template=template, language=language, subject="", body=_fill(text.sms, personalisation)
        )
    return RenderedMessage(
        template=template,
        language=language,
        subject=_fill(text.subject, personalisation),
        body=_fill(text.body, personalisation),
    )


# GSM 03.38: the characters one SMS septet can carry, and the extension table (two septets).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, 16-bit code units for UCS-2
    fragments: int


def sms_length(text: str) -> SmsLength:
    """How many SMS fragments `text` takes (160/153 GSM-7 septets, 70/67 UCS-2 units)."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text):
        units = sum(2 if c in GSM7_EXTENSION else 1 for c in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    fragments = 1 if units <= single else -(-units // multi)
    return SmsLength(encoding=encoding, units=units, fragments=fragments)
