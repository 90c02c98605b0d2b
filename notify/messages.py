"""The catalogue of every email and text message Victim Voice sends, in English and Welsh.

Each message is one `MessageTemplate`: its personalisation keys, an email subject and body
and an SMS text per language, and sample personalisation used by the tests. Placeholders
are written `{name}`. GOV.UK Notify only ever sees two generic templates (see
docs/messages.md); the words live here, in the code, where they are reviewed and tested.

Text messages should fit one fragment (160 GSM-7 characters, or 70 when a character
outside GSM-7 such as the Welsh ŵ or ŷ is used). Templates marked `one_fragment=True` are
held to that by tests/notify/test_notify.py for every language.
"""

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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
                    "If you change your mind, you can withdraw your application at any time "
                    "with this link:\n{withdraw_link}\n\n"
                    "If you did not apply, you can ignore this email."
                ),
                sms=(
                    "Victim Voice: thank you, we have your application to join a forum. "
                    "Your reference is {reference}. We will be in touch. "
                    "To withdraw it: {withdraw_link}"
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
                    "Os byddwch chi'n newid eich meddwl, gallwch dynnu eich cais yn ôl unrhyw "
                    "bryd gyda'r ddolen hon:\n{withdraw_link}\n\n"
                    "Os na wnaethoch chi wneud cais, gallwch anwybyddu'r e-bost hwn."
                ),
                sms=(
                    "Victim Voice: diolch, mae eich cais wedi dod i law. "
                    "Eich cyfeirnod yw {reference}. Byddwn yn cysylltu. "
                    "I dynnu eich cais yn ol: {withdraw_link}"
                ),
            ),
            sample={
                "reference": "VVF-7K3P-2Q",
                # The link carries a random token, never a name or the reference.
                "withdraw_link": "https://victimvoice.example.org/apply/withdraw/"
                "hM2k9QxLr0aTn5vW.Zk3pQ8rT1vX6yB2c",
            },
            one_fragment=False,
        ),
        # Recruitment, the programme team's side (recruitment/services/). Sent by
        # the applicant's safe channel. Never a word about the police check's result.
        _template(
            "application_onboarding_invitation",
            en=MessageText(
                subject="Your application to join a Victim Voice Forum: next step",
                body=(
                    "Thank you for applying to join a Victim Voice Forum. Your reference is "
                    "{reference}.\n"
                    "\n"
                    "We would like to talk with you about the forum. We want to find out if now "
                    "is a good time for you to join. We call this an onboarding conversation.\n"
                    "\n"
                    "We will contact you soon to arrange it. We will only use the ways you told "
                    "us are safe."
                ),
                sms=(
                    "Victim Voice: about your application {reference}. We would like to talk "
                    "with you about joining. We will be in touch to arrange a time."
                ),
            ),
            cy=MessageText(
                subject="Eich cais i ymuno â Fforwm Victim Voice: y cam nesaf",
                body=(
                    "Diolch am wneud cais i ymuno â Fforwm Victim Voice. Eich cyfeirnod yw "
                    "{reference}.\n"
                    "\n"
                    "Hoffem siarad gyda chi am y fforwm. Rydyn ni eisiau gweld a yw nawr yn "
                    "amser da i chi ymuno. Rydyn ni'n galw hyn yn sgwrs gychwynnol.\n"
                    "\n"
                    "Byddwn ni'n cysylltu â chi yn fuan i'w threfnu. Byddwn ni ond yn "
                    "defnyddio'r ffyrdd a ddywedoch chi sy'n ddiogel."
                ),
                sms=(
                    "Victim Voice: am eich cais {reference}. Hoffem siarad gyda chi am ymuno. "
                    "Byddwn yn cysylltu i drefnu amser."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            "application_vetting_started",
            en=MessageText(
                subject="Your application to join a Victim Voice Forum: the police check",
                body=(
                    "Thank you for talking with us (reference {reference}).\n\n"
                    "The next step is the Police National Computer check you agreed to. "
                    "It can take up to 6 weeks. We will tell you when it is done."
                ),
                sms=(
                    "Victim Voice: thank you for talking with us. The police check for "
                    "{reference} has started. It can take up to 6 weeks."
                ),
            ),
            cy=MessageText(
                subject="Eich cais i ymuno â Fforwm Victim Voice: gwiriad yr heddlu",
                body=(
                    "Diolch am siarad gyda ni (cyfeirnod {reference}).\n\n"
                    "Y cam nesaf yw gwiriad Cyfrifiadur Cenedlaethol yr Heddlu y cytunoch "
                    "chi iddo. Gall gymryd hyd at 6 wythnos. Byddwn yn dweud wrthych pan "
                    "fydd wedi gorffen."
                ),
                sms=(
                    "Victim Voice: diolch am siarad gyda ni. Mae gwiriad yr heddlu ar gyfer "
                    "{reference} wedi dechrau. Gall gymryd hyd at 6 wythnos."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            "application_deferred",
            en=MessageText(
                subject="Your application to join a Victim Voice Forum",
                body=(
                    "Thank you for talking with us (reference {reference}).\n\n"
                    "We agreed that now may be too soon for you to join a forum. This is not "
                    "a rejection. Your wellbeing comes first.\n\n"
                    "We will get back in touch with you on or after {date}, only in the ways "
                    "you told us are safe."
                ),
                sms=(
                    "Victim Voice: thank you for talking with us. This is not a no: we will "
                    "get back in touch on or after {date}."
                ),
            ),
            cy=MessageText(
                subject="Eich cais i ymuno â Fforwm Victim Voice",
                body=(
                    "Diolch am siarad gyda ni (cyfeirnod {reference}).\n\n"
                    "Fe wnaethom gytuno efallai ei bod yn rhy fuan i chi ymuno â fforwm. Nid "
                    "gwrthod yw hyn. Eich lles chi sy'n dod gyntaf.\n\n"
                    "Byddwn yn cysylltu eto ar neu ar ôl {date}, dim ond yn y ffyrdd a "
                    "ddywedoch chi sy'n ddiogel."
                ),
                sms=(
                    "Victim Voice: diolch am siarad gyda ni. Nid gwrthod yw hyn: byddwn yn "
                    "cysylltu eto ar neu ar ol {date}."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q", "date": "3 March 2027"},
        ),
        _template(
            "application_not_suitable_now",
            en=MessageText(
                subject="Your application to join a Victim Voice Forum",
                body=(
                    "Thank you for talking with us. Your reference is {reference}.\n"
                    "\n"
                    "We have decided that a forum is not right for you just now. So we will not "
                    "take your application further for now.\n"
                    "\n"
                    "You can apply again in the future if you want to. We will delete your "
                    "application 6 months from today."
                ),
                sms=(
                    "Victim Voice: thank you for talking with us. We will not take application "
                    "{reference} further now. You can apply again in future."
                ),
            ),
            cy=MessageText(
                subject="Eich cais i ymuno â Fforwm Victim Voice",
                body=(
                    "Diolch am siarad gyda ni. Eich cyfeirnod yw {reference}.\n"
                    "\n"
                    "Rydyn ni wedi penderfynu nad yw fforwm yn iawn i chi ar hyn o bryd. Felly "
                    "fyddwn ni ddim yn symud eich cais ymlaen am nawr.\n"
                    "\n"
                    "Gallwch chi wneud cais eto yn y dyfodol os ydych chi eisiau. Byddwn ni'n "
                    "dileu eich cais ymhen 6 mis."
                ),
                sms=(
                    "Victim Voice: diolch am siarad gyda ni. Ni fyddwn yn symud cais {reference} "
                    "ymlaen nawr. Gallwch wneud cais eto yn y dyfodol."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            "application_accepted",
            en=MessageText(
                subject="You can join a Victim Voice Forum",
                body=(
                    "Good news: your application to join a Victim Voice Forum is accepted. Your "
                    "reference is {reference}.\n"
                    "\n"
                    "We have deleted the result of your police check, as we promised.\n"
                    "\n"
                    "We will contact you soon about your first meeting."
                ),
                sms=(
                    "Victim Voice: good news, you can join a forum. Your reference is "
                    "{reference}. We will contact you soon about your first meeting."
                ),
            ),
            cy=MessageText(
                subject="Gallwch chi ymuno â Fforwm Victim Voice",
                body=(
                    "Newyddion da: mae eich cais i ymuno â Fforwm Victim Voice wedi'i dderbyn. "
                    "Eich cyfeirnod yw {reference}.\n"
                    "\n"
                    "Rydyn ni wedi dileu canlyniad eich gwiriad gan yr heddlu, fel yr addawon "
                    "ni.\n"
                    "\n"
                    "Byddwn ni'n cysylltu â chi yn fuan am eich cyfarfod cyntaf."
                ),
                sms=(
                    "Victim Voice: newyddion da, gallwch ymuno a fforwm. Eich cyfeirnod yw "
                    "{reference}. Byddwn yn cysylltu am eich cyfarfod cyntaf."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            "application_not_accepted",
            en=MessageText(
                subject="Your application to join a Victim Voice Forum",
                body=(
                    "Thank you for applying to join a Victim Voice Forum. Your reference is "
                    "{reference}.\n"
                    "\n"
                    "A panel looked carefully at what you told us. They have decided not to take "
                    "your application further. We are sorry. We know this is not the news you "
                    "hoped for.\n"
                    "\n"
                    "We have deleted the result of your police check, as we promised. We will "
                    "delete the rest of your application 6 months from today."
                ),
                sms=(
                    "Victim Voice: we are sorry, your application {reference} will not go "
                    "further. You can contact us to talk about it."
                ),
            ),
            cy=MessageText(
                subject="Eich cais i ymuno â Fforwm Victim Voice",
                body=(
                    "Diolch am wneud cais i ymuno â Fforwm Victim Voice. Eich cyfeirnod yw "
                    "{reference}.\n"
                    "\n"
                    "Mae panel wedi edrych yn ofalus ar yr hyn a ddywedoch chi wrthym. Maen nhw "
                    "wedi penderfynu peidio â symud eich cais ymlaen. Mae'n ddrwg gennym. Rydyn "
                    "ni'n gwybod nad dyma'r newyddion yr oeddech chi'n gobeithio amdano.\n"
                    "\n"
                    "Rydyn ni wedi dileu canlyniad eich gwiriad gan yr heddlu, fel yr addawon "
                    "ni. Byddwn ni'n dileu gweddill eich cais ymhen 6 mis."
                ),
                sms=(
                    "Victim Voice: mae'n ddrwg gennym, ni fydd eich cais {reference} yn symud "
                    "ymlaen. Gallwch gysylltu a ni i siarad am hyn."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q"},
        ),
        _template(
            "application_withdrawn",
            en=MessageText(
                subject="We have stopped your application",
                body=(
                    "We have stopped your application to join a Victim Voice Forum, as you "
                    "asked. Your reference is {reference}.\n"
                    "\n"
                    "We have deleted the result of any police check. We will delete the rest of "
                    "what you told us within {days} days.\n"
                    "\n"
                    "You can apply again at any time if you want to."
                ),
                sms=(
                    "Victim Voice: we have stopped your application {reference}, as you asked. "
                    "You can apply again at any time."
                ),
            ),
            cy=MessageText(
                subject="Rydyn ni wedi stopio eich cais",
                body=(
                    "Rydyn ni wedi stopio eich cais i ymuno â Fforwm Victim Voice, fel y "
                    "gofynnoch chi. Eich cyfeirnod yw {reference}.\n"
                    "\n"
                    "Rydyn ni wedi dileu canlyniad unrhyw wiriad gan yr heddlu. Byddwn ni'n "
                    "dileu gweddill yr hyn a ddywedoch chi wrthym o fewn {days} diwrnod.\n"
                    "\n"
                    "Gallwch chi wneud cais eto unrhyw bryd os ydych chi eisiau."
                ),
                sms=(
                    "Victim Voice: rydym wedi stopio eich cais {reference}, fel y gofynnoch chi. "
                    "Gallwch wneud cais eto unrhyw bryd."
                ),
            ),
            sample={"reference": "VVF-7K3P-2Q", "days": "30"},
        ),
        _template(
            "membership_welcome",
            en=MessageText(
                subject="Welcome to the Victim Voice Forum",
                body=(
                    "Welcome to the Victim Voice Forum.\n\n"
                    "Your membership runs until {date}. We will keep your details until 6 "
                    "months after that, then delete them.\n\n"
                    "We will send you the date of your first meeting soon."
                ),
                sms=(
                    "Victim Voice: welcome to the forum. Your membership runs until {date}. "
                    "We will send you the date of your first meeting soon."
                ),
            ),
            cy=MessageText(
                subject="Croeso i Fforwm Victim Voice",
                body=(
                    "Croeso i Fforwm Victim Voice.\n\n"
                    "Mae eich aelodaeth yn para tan {date}. Byddwn yn cadw eich manylion tan "
                    "6 mis ar ôl hynny, yna yn eu dileu.\n\n"
                    "Byddwn yn anfon dyddiad eich cyfarfod cyntaf atoch yn fuan."
                ),
                sms=(
                    "Victim Voice: croeso i'r fforwm. Mae eich aelodaeth yn para tan {date}. "
                    "Byddwn yn anfon dyddiad y cyfarfod cyntaf yn fuan."
                ),
            ),
            sample={"date": "3 March 2029"},
        ),
        # Forum meetings (forums/services/): invitations, reminders and the agenda, sent
        # only to active members by their safe channel. The link opens the calendar file
        # after signing in to the portal.
        _template(
            "meeting_invitation",
            en=MessageText(
                subject="Your next forum meeting: {date}",
                body=(
                    "You are invited to the next meeting of the {forum}.\n\n"
                    "When: {date}\nWhere: {place}\n\n"
                    "Add it to your calendar (sign in first): {link}\n\n"
                    "If you cannot come, send your apologies from your portal. You do not "
                    "need to give a reason."
                ),
                sms="Victim Voice: your next forum meeting is on {date} at {place}. "
                "Details are in your portal.",
            ),
            cy=MessageText(
                subject="Cyfarfod nesaf eich fforwm: {date}",
                body=(
                    "Fe'ch gwahoddir i gyfarfod nesaf {forum}.\n\n"
                    "Pryd: {date}\nBle: {place}\n\n"
                    "Ychwanegwch ef at eich calendr (mewngofnodwch yn gyntaf): {link}\n\n"
                    "Os na allwch ddod, anfonwch eich ymddiheuriadau o'ch porth. Nid oes "
                    "angen i chi roi rheswm."
                ),
                sms="Victim Voice: mae cyfarfod nesaf eich fforwm ar {date} yn {place}. "
                "Mae'r manylion yn eich porth.",
            ),
            sample={
                "forum": "Disabled victims forum",
                "date": "Tuesday 3 March 2026, 18:00",
                "place": "City Hall",
                "link": "https://example.org/forums/meetings/1/calendar.ics",
            },
            one_fragment=False,
        ),
        _template(
            "meeting_reminder",
            en=MessageText(
                subject="Reminder: forum meeting on {date}",
                body=(
                    "A reminder of the next meeting of the {forum}.\n"
                    "\n"
                    "When: {date}\n"
                    "Where: {place}\n"
                    "\n"
                    "Add it to your calendar (sign in first): {link}\n"
                    "\n"
                    "You can get support at the meeting if you need it."
                ),
                sms="Victim Voice: a reminder. Your forum meeting is on {date}. It is at {place}.",
            ),
            cy=MessageText(
                subject="Nodyn atgoffa: cyfarfod fforwm ar {date}",
                body=(
                    "Nodyn i'ch atgoffa am gyfarfod nesaf {forum}.\n"
                    "\n"
                    "Pryd: {date}\n"
                    "Ble: {place}\n"
                    "\n"
                    "Ychwanegwch ef at eich calendr (mewngofnodwch yn gyntaf): {link}\n"
                    "\n"
                    "Gallwch chi gael cymorth yn y cyfarfod os oes ei angen arnoch chi."
                ),
                sms=(
                    "Victim Voice: nodyn atgoffa. Mae cyfarfod eich fforwm ar {date}. Mae yn "
                    "{place}."
                ),
            ),
            sample={
                "forum": "Disabled victims forum",
                "date": "Tuesday 3 March 2026, 18:00",
                "place": "City Hall",
                "link": "https://example.org/forums/meetings/1/calendar.ics",
            },
            one_fragment=False,
        ),
        _template(
            "meeting_agenda",
            en=MessageText(
                subject="The agenda for your forum meeting on {date}",
                body=(
                    "The agenda for your next forum meeting is ready.\n"
                    "\n"
                    "The meeting of the {forum} is on {date}. It is at {place}.\n"
                    "\n"
                    "You can read the agenda in your portal. Any content notes are there too. "
                    "They tell you if a topic might upset you.\n"
                    "\n"
                    "Add the meeting to your calendar (sign in first): {link}"
                ),
                sms=(
                    "Victim Voice: the agenda for your forum meeting is ready. The meeting is on "
                    "{date}. You can read the agenda in your portal."
                ),
            ),
            cy=MessageText(
                subject="Agenda cyfarfod eich fforwm ar {date}",
                body=(
                    "Mae agenda cyfarfod nesaf eich fforwm yn barod.\n"
                    "\n"
                    "Mae cyfarfod {forum} ar {date}. Mae yn {place}.\n"
                    "\n"
                    "Gallwch chi ddarllen yr agenda yn eich porth. Mae unrhyw nodiadau cynnwys "
                    "yno hefyd. Maen nhw'n dweud wrthych chi os gallai pwnc beri gofid.\n"
                    "\n"
                    "Ychwanegwch y cyfarfod at eich calendr (mewngofnodwch yn gyntaf): {link}"
                ),
                sms=(
                    "Victim Voice: mae agenda cyfarfod eich fforwm yn barod. Mae'r cyfarfod ar "
                    "{date}. Gallwch ddarllen yr agenda yn eich porth."
                ),
            ),
            sample={
                "forum": "Disabled victims forum",
                "date": "Tuesday 3 March 2026, 18:00",
                "place": "City Hall",
                "link": "https://example.org/forums/meetings/1/calendar.ics",
            },
            one_fragment=False,
        ),
        _template(
            # forums.services.meeting_cancel: to every member invited, by their safe channel.
            "meeting_cancelled",
            en=MessageText(
                subject="Forum meeting cancelled: {date}",
                body=(
                    "The meeting of the {forum} on {date} ({place}) is cancelled.\n\n"
                    "Why: {reason}\n\n"
                    "You do not need to do anything. We will tell you when the next meeting "
                    "is. If you added the meeting to your calendar, you can remove it."
                ),
                sms="Victim Voice: the forum meeting on {date} is cancelled. "
                "We will tell you the date of the next one.",
            ),
            cy=MessageText(
                subject="Cyfarfod fforwm wedi'i ganslo: {date}",
                body=(
                    "Mae cyfarfod {forum} ar {date} ({place}) wedi'i ganslo.\n\n"
                    "Pam: {reason}\n\n"
                    "Does dim angen i chi wneud dim. Byddwn yn dweud wrthych pryd mae'r "
                    "cyfarfod nesaf. Os gwnaethoch ychwanegu'r cyfarfod at eich calendr, "
                    "gallwch ei dynnu oddi yno."
                ),
                sms="Victim Voice: mae cyfarfod y fforwm ar {date} wedi'i ganslo. "
                "Byddwn yn dweud wrthych pryd mae'r un nesaf.",
            ),
            sample={
                "forum": "Disabled victims forum",
                "date": "Tuesday 3 March 2026, 18:00",
                "place": "City Hall",
                "reason": "The venue is closed for repairs.",
            },
            one_fragment=False,
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
        # --- The feedback loop: "you said, we did" digests (insights) ---
        # insights/services/yousaid.py: at most one every six weeks per member, by their
        # safe channel, never one per change. No detail of any recommendation: only that
        # something moved and where to read about it (the portal, after signing in).
        _template(
            "you_said_we_did_digest",
            en=MessageText(
                subject="News about what your forum told the police",
                body=(
                    "There is news about {count} of the things the {forum} asked the police to "
                    "do.\n"
                    "\n"
                    'To read it, sign in to your portal and choose "What happened to what we '
                    "said\". You can read the police's answers, their reasons and what has "
                    "changed: {link}\n"
                    "\n"
                    "We send this no more than once every 6 weeks. If you do not want these "
                    "messages, tell your facilitator. This is the person who runs your forum "
                    "meetings."
                ),
                sms=(
                    "Victim Voice: there is news about what your forum told the police. Sign in "
                    "to your portal to see what happened."
                ),
            ),
            cy=MessageText(
                subject="Newyddion am yr hyn a ddywedodd eich fforwm wrth yr heddlu",
                body=(
                    "Mae newyddion am {count} o'r pethau y gofynnodd {forum} i'r heddlu eu "
                    "gwneud.\n"
                    "\n"
                    "I'w ddarllen, mewngofnodwch i'ch porth a dewiswch \"Beth ddigwyddodd i'r hyn "
                    'a ddywedon ni". Gallwch chi ddarllen atebion yr heddlu, eu rhesymau a beth '
                    "sydd wedi newid: {link}\n"
                    "\n"
                    "Rydyn ni'n anfon hwn unwaith bob 6 wythnos ar y mwyaf. Os nad ydych chi "
                    "eisiau'r negeseuon hyn, dywedwch wrth eich hwylusydd. Dyma'r person sy'n "
                    "rhedeg cyfarfodydd eich fforwm."
                ),
                sms=(
                    "Victim Voice: mae newyddion am yr hyn a ddywedodd eich fforwm wrth yr "
                    "heddlu. Mewngofnodwch i'ch porth i weld beth ddigwyddodd."
                ),
            ),
            sample={
                "count": "2",
                "forum": "Disabled victims forum",
                "link": "https://victimvoice.example.org/portal/what-happened/",
            },
        ),
        # insights/tasks/recommendations.py: each morning, when police responses are
        # overdue, the Head of Profession gets counts and one link: never the words of a
        # point or recommendation.
        _template(
            "recommendations_overdue_summary",
            en=MessageText(
                subject="{count} forum recommendations are waiting too long for a response",
                body=(
                    "{count} recommendations from the Victim Voice forums have had no police "
                    "response within {days} days of being raised ({new} became overdue "
                    "since yesterday's summary).\n\n"
                    "By forum:\n{by_forum}\n\n"
                    "See them all, oldest first, after signing in: {link}"
                ),
                sms="Victim Voice: {count} forum recommendations are overdue a police response.",
            ),
            cy=MessageText(
                subject="Mae {count} o argymhellion fforwm yn aros yn rhy hir am ymateb",
                body=(
                    "Nid yw {count} o argymhellion fforymau Victim Voice wedi cael ymateb gan "
                    "yr heddlu o fewn {days} diwrnod i'w codi ({new} yn hwyr ers crynodeb "
                    "ddoe).\n\n"
                    "Fesul fforwm:\n{by_forum}\n\n"
                    "Gwelwch nhw i gyd, yr hynaf yn gyntaf, ar ol mewngofnodi: {link}"
                ),
                sms="Victim Voice: mae {count} o argymhellion fforwm yn hwyr am ymateb heddlu.",
            ),
            sample={
                "count": "3",
                "days": "42",
                "new": "1",
                "by_forum": "- Disabled victims forum: 2\n- Young people's forum: 1",
                "link": "https://victimvoice.example.org/insights/overview/?status=overdue",
            },
        ),
        # --- Post-contact feedback invitations (feedback) ---
        # Invitations to give feedback after contact with the police (docs/feedback-
        # invitations.md). Never a name, crime or case detail: the link carries only an
        # opaque token. GSM-7 only (no circumflex) so that the Welsh text fits one fragment.
        _template(
            "feedback_invitation",
            en=MessageText(
                subject="How did the police do? Tell us in 2 minutes",
                body=(
                    "You were recently in contact with the police. We would like to know how "
                    "we did, so that we can improve.\n\n"
                    "It takes about 2 minutes and you do not have to give your name:\n\n"
                    "{link}\n\n"
                    "The link works once and stops working after {days} days. This is not the "
                    "way to report a crime or make a complaint. In an emergency call 999."
                ),
                sms="Victim Voice: how did the police do? Tell us in 2 minutes: {link}",
            ),
            cy=MessageText(
                subject="Sut wnaeth yr heddlu? Dywedwch wrthym mewn 2 funud",
                body=(
                    "Roeddech mewn cysylltiad gyda'r heddlu yn ddiweddar. Hoffem wybod sut "
                    "wnaethom ni, er mwyn i ni wella.\n\n"
                    "Mae'n cymryd tua 2 funud ac nid oes rhaid i chi roi eich enw:\n\n"
                    "{link}\n\n"
                    "Mae'r ddolen yn gweithio unwaith ac yn dod i ben ar ôl {days} diwrnod. "
                    "Nid dyma'r ffordd i roi gwybod am drosedd na gwneud cwyn. Mewn argyfwng "
                    "ffoniwch 999."
                ),
                sms="Victim Voice: sut wnaeth yr heddlu? Dywedwch wrthym mewn 2 funud: {link}",
            ),
            sample={
                "link": "https://victimvoice.example.org/i/Xq3vT0p9LmN4vB7w.Qk8sR2mN5pT7vW9x/",
                "days": "14",
            },
        ),
        # --- Referrals from the Victim Focus Desk to support services (desk) ---
        # desk/services/referrals.py: to the service's role mailbox, never to a person's
        # own address. {details} holds only what the victim agreed to share (name, a safe
        # phone number or email, the kind of offence, needs, language, safe times), one
        # line each; {reference} is the desk's referral number, never a crime reference.
        _template(
            "desk_referral",
            en=MessageText(
                subject="Referral from the Victim Focus Desk ({reference})",
                body=(
                    "Dear {service},\n\n"
                    "The police Victim Focus Desk is referring a victim of crime to you for "
                    "support. They agreed to this referral and to us sharing what is below, "
                    "and nothing more.\n\n"
                    "{details}\n\n"
                    "Please contact them only in the way and at the times given here. Reply "
                    "to this email to tell us whether you can offer support, quoting "
                    "{reference}. Keep this email only as long as you need it."
                ),
                sms="Victim Voice: a new referral from the Victim Focus Desk ({reference}).",
            ),
            cy=MessageText(
                subject="Atgyfeiriad gan y Ddesg Ffocws ar Ddioddefwyr ({reference})",
                body=(
                    "Annwyl {service},\n\n"
                    "Mae Desg Ffocws ar Ddioddefwyr yr heddlu yn atgyfeirio dioddefwr trosedd "
                    "atoch am gymorth. Maen nhw wedi cytuno i'r atgyfeiriad hwn ac i ni rannu'r "
                    "hyn sydd isod, a dim byd arall.\n\n"
                    "{details}\n\n"
                    "Cysylltwch â nhw dim ond yn y ffordd ac ar yr adegau a roddir yma. "
                    "Atebwch yr e-bost hwn i ddweud wrthym a allwch gynnig cymorth, gan "
                    "nodi {reference}. Cadwch yr e-bost hwn dim ond cyhyd ag y mae ei angen "
                    "arnoch."
                ),
                sms="Victim Voice: atgyfeiriad newydd gan y Ddesg Ffocws ar Ddioddefwyr ({reference}).",
            ),
            sample={
                "service": "Camden Victim Support",
                "reference": "Desk referral 1042",
                "details": (
                    "Name: Alex Example\nSafe phone number: 07700 900123\nNeeds: Emotional support"
                ),
            },
            one_fragment=False,
        ),
        # The engagement register: joining (add this feature's templates just below this line).
        # engagement/services/participants.py: the code that confirms the way to contact
        # someone joining the register, and the message to someone already on it whose
        # details were used to sign up again (the page says the same to anyone, so that it
        # never tells a stranger who is on the register). GSM-7 texts, Welsh too.
        _template(
            "engagement_join_code",
            en=MessageText(
                subject="Your code to join the Victim Voice engagement register",
                body=(
                    "Your code is:\n\n"
                    "{code}\n\n"
                    "Enter it on the page where you signed up. It confirms that this is the "
                    "right way to contact you. The code works for 30 minutes.\n\n"
                    "If you did not sign up to the Victim Voice engagement register, you can "
                    "ignore this message. Nobody is added to the register without the code."
                ),
                sms=(
                    "Your Victim Voice register code is {code}. It works for 30 minutes. "
                    "Do not share it with anyone."
                ),
            ),
            cy=MessageText(
                subject="Eich cod i ymuno â chofrestr ymgysylltu Victim Voice",
                body=(
                    "Eich cod yw:\n\n"
                    "{code}\n\n"
                    "Rhowch y cod ar y dudalen lle gwnaethoch chi gofrestru. Mae'n cadarnhau "
                    "mai dyma'r ffordd iawn i gysylltu â chi. Mae'r cod yn gweithio am 30 "
                    "munud.\n\n"
                    "Os na wnaethoch chi gofrestru ar gofrestr ymgysylltu Victim Voice, gallwch "
                    "anwybyddu'r neges hon. Nid oes neb yn cael ei ychwanegu at y gofrestr heb "
                    "y cod."
                ),
                sms=(
                    "Eich cod ar gyfer cofrestr Victim Voice yw {code}. Mae'n gweithio am 30 "
                    "munud. Cadwch y cod yn gyfrinachol."
                ),
            ),
            sample={"code": "482913"},
        ),
        _template(
            "engagement_join_already",
            en=MessageText(
                subject="You are already on the Victim Voice engagement register",
                body=(
                    "Someone used this email address or phone number to join the Victim Voice "
                    "engagement register. It may have been you.\n"
                    "\n"
                    "You are already on the register, so nothing has changed.\n"
                    "\n"
                    "You can sign in to the member portal to see or change what you told us. You "
                    "can also take a break or leave there:\n"
                    "{link}\n"
                    "\n"
                    "If this was not you, you do not need to do anything."
                ),
                sms=(
                    "Victim Voice: you are already on the register. Nothing has changed. If you "
                    "did not just sign up again, you can ignore this."
                ),
            ),
            cy=MessageText(
                subject="Rydych chi eisoes ar gofrestr ymgysylltu Victim Voice",
                body=(
                    "Mae rhywun wedi defnyddio'r cyfeiriad e-bost neu'r rhif ffôn hwn i ymuno â "
                    "chofrestr ymgysylltu Victim Voice. Efallai mai chi oedd hyn.\n"
                    "\n"
                    "Rydych chi eisoes ar y gofrestr, felly does dim byd wedi newid.\n"
                    "\n"
                    "Gallwch chi fewngofnodi i borth yr aelodau i weld neu newid yr hyn a "
                    "ddywedoch chi wrthym. Gallwch chi hefyd gymryd seibiant neu adael yno:\n"
                    "{link}\n"
                    "\n"
                    "Os nad chi oedd hyn, does dim angen i chi wneud dim."
                ),
                sms=(
                    "Victim Voice: rydych chi eisoes ar y gofrestr. Does dim wedi newid. Os nad "
                    "oeddech chi newydd gofrestru eto, gallwch anwybyddu hyn."
                ),
            ),
            sample={"link": "https://victimvoice.example.org/portal/register/"},
        ),
        # The engagement register: requests (add this feature's templates just below this line).
        # engagement/services/requests.py: to the partner's staff address that sent the
        # request (never a participant's). {outcome} is the status in the message's
        # language; {reason} the programme team's words, or what happens next on approval.
        _template(
            "engagement_request_decided",
            en=MessageText(
                subject="Your request to hear from victims: {outcome}",
                body=(
                    'The programme team has decided on your request "{title}": {outcome}.\n\n'
                    "{reason}\n\n"
                    "See the request, its status and its deadlines after signing in:\n\n"
                    "{link}"
                ),
                sms="Victim Voice: your request to hear from victims is decided: {outcome}.",
            ),
            cy=MessageText(
                subject="Eich cais i glywed gan ddioddefwyr: {outcome}",
                body=(
                    'Mae tîm y rhaglen wedi penderfynu ar eich cais "{title}": {outcome}.\n\n'
                    "{reason}\n\n"
                    "Gwelwch y cais, ei statws a'i derfynau amser ar ôl mewngofnodi:\n\n"
                    "{link}"
                ),
                sms="Victim Voice: penderfyniad ar eich cais i glywed gan ddioddefwyr: {outcome}.",
            ),
            sample={
                "title": "Victims' views on our letters",
                "outcome": "approved",
                "reason": (
                    "Nobody has been contacted yet. The programme team will now prepare the "
                    "opportunity and tell you when it opens."
                ),
                "link": "https://victimvoice.example.org/engagement/requests/12/",
            },
        ),
        # The engagement register: invitations (add this feature's templates just below this line).
        # engagement/services/invitations.py: an invitation to an opportunity, and its one
        # reminder, by the participant's safe channel. The link carries an opaque token only.
        # The texts name no opportunity (a phone's screen can be seen by others) and keep to
        # GSM-7, so that the Welsh fits one fragment too.
        _template(
            "engagement_invitation",
            en=MessageText(
                subject="An invitation to take part: {title}",
                body=(
                    "You are on the Victim Voice engagement register. We would like to ask if "
                    "you want to take part in this:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "It is for {asked_by}.\n"
                    "\n"
                    "To read what it involves and say yes or no, open this link:\n"
                    "{link}\n"
                    "\n"
                    "You can answer until {closes}. Taking part is always your choice. You do "
                    "not have to give a reason. Saying no will never count against you."
                ),
                sms="Victim Voice invites you to take part. It is your choice: {link}",
            ),
            cy=MessageText(
                subject="Gwahoddiad i gymryd rhan: {title}",
                body=(
                    "Rydych chi ar gofrestr ymgysylltu Victim Voice. Hoffem ofyn a ydych chi "
                    "eisiau cymryd rhan yn hyn:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "Mae ar gyfer {asked_by}.\n"
                    "\n"
                    "I ddarllen beth mae'n ei olygu ac i ddweud ie neu na, agorwch y ddolen hon:\n"
                    "{link}\n"
                    "\n"
                    "Gallwch chi ateb tan {closes}. Eich dewis chi yw cymryd rhan, bob amser. "
                    "Does dim rhaid i chi roi rheswm. Fydd dweud na byth yn cyfrif yn eich erbyn."
                ),
                sms="Mae Victim Voice yn eich gwahodd i gymryd rhan. Eich dewis chi yw: {link}",
            ),
            sample={
                "title": "How we explain a decision not to charge",
                "asked_by": "Crown Prosecution Service",
                "closes": "30 June 2026",
                "link": (
                    "https://victimvoice.example.org/register/invitations/"
                    "q7Vx2LmN4pB8wZ0tR5yK3sD6fH9jC1aE/"
                ),
            },
        ),
        _template(
            "engagement_invitation_reminder",
            en=MessageText(
                subject="Reminder: an invitation to take part: {title}",
                body=(
                    "A few days ago we asked if you would like to take part in this:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "It is for {asked_by}. You can tell us yes or no here:\n"
                    "{link}\n"
                    "\n"
                    "You can answer until {closes}. This is the only reminder we will send. "
                    "Saying no, or not answering, will never count against you.\n"
                    "\n"
                    "The link in our first message no longer works. Use this one."
                ),
                sms=(
                    "Victim Voice: a reminder. Do you want to take part? It is your choice: {link}"
                ),
            ),
            cy=MessageText(
                subject="Nodyn atgoffa: gwahoddiad i gymryd rhan: {title}",
                body=(
                    "Ychydig ddyddiau yn ôl, gofynnon ni a hoffech chi gymryd rhan yn hyn:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "Mae ar gyfer {asked_by}. Gallwch chi ddweud ie neu na wrthym yma:\n"
                    "{link}\n"
                    "\n"
                    "Gallwch chi ateb tan {closes}. Dyma'r unig nodyn atgoffa y byddwn ni'n ei "
                    "anfon. Fydd dweud na, na pheidio ag ateb, byth yn cyfrif yn eich erbyn.\n"
                    "\n"
                    "Dydy'r ddolen yn ein neges gyntaf ddim yn gweithio mwyach. Defnyddiwch yr "
                    "un hon."
                ),
                sms=(
                    "Victim Voice: nodyn atgoffa. Hoffech chi gymryd rhan? Eich "
                    "dewis chi yw: {link}"
                ),
            ),
            sample={
                "title": "How we explain a decision not to charge",
                "asked_by": "Crown Prosecution Service",
                "closes": "30 June 2026",
                "link": (
                    "https://victimvoice.example.org/register/invitations/"
                    "q7Vx2LmN4pB8wZ0tR5yK3sD6fH9jC1aE/"
                ),
            },
        ),
        # The engagement register: surveys and results (add this feature's templates just below this line).
        # engagement/services/results.py: to the partner's staff address that sent the
        # request (never a participant's). {title} is the opportunity's title, {due} the date
        # by which they say what they changed, {link} the results page (sign-in needed).
        _template(
            "engagement_results_released",
            en=MessageText(
                subject="The results are ready: {title}",
                body=(
                    'The results of "{title}" are ready for you to read, after signing in:\n\n'
                    "{link}\n\n"
                    "They show everyone's answers added up, with small numbers hidden, and the "
                    "comments a person has checked and taken names out of.\n\n"
                    "Please tell us what you changed because of what people said by {due}. "
                    "The people who took part will read it."
                ),
                sms="Victim Voice: the results you asked for are ready. Say what you changed by {due}.",
            ),
            cy=MessageText(
                subject="Mae'r canlyniadau'n barod: {title}",
                body=(
                    'Mae canlyniadau "{title}" yn barod i chi eu darllen, ar ôl mewngofnodi:\n\n'
                    "{link}\n\n"
                    "Maen nhw'n dangos atebion pawb wedi'u hadio at ei gilydd, gyda niferoedd "
                    "bach wedi'u cuddio, a'r sylwadau y mae person wedi'u gwirio a thynnu enwau "
                    "ohonyn nhw.\n\n"
                    "Dywedwch wrthym beth wnaethoch chi ei newid oherwydd yr hyn a ddywedodd "
                    "pobl erbyn {due}. Bydd y bobl a gymerodd ran yn ei ddarllen."
                ),
                sms="Victim Voice: mae'r canlyniadau yn barod. Dywedwch beth wnaethoch ei newid erbyn {due}.",
            ),
            sample={
                "title": "How we explain a decision not to charge",
                "due": "14 July 2026",
                "link": "https://victimvoice.example.org/engagement/opportunities/12/results/",
            },
        ),
        # engagement/services/results.py: seven days before {due}, to the same address, when
        # the partner has not said what they changed. {link} is the page where they say it.
        _template(
            "engagement_what_changed_reminder",
            en=MessageText(
                subject="Reminder: say what you changed by {due}",
                body=(
                    'You have not yet told us what you changed because of "{title}". '
                    "Please tell us by {due}, after signing in:\n\n"
                    "{link}\n\n"
                    "If you decided not to change anything, say so and why. The people who "
                    "took part are waiting to hear."
                ),
                sms="Victim Voice: please say what you changed because of the results by {due}.",
            ),
            cy=MessageText(
                subject="Nodyn atgoffa: dywedwch beth wnaethoch ei newid erbyn {due}",
                body=(
                    "Nid ydych wedi dweud wrthym eto beth wnaethoch chi ei newid oherwydd "
                    '"{title}". Dywedwch wrthym erbyn {due}, ar ôl mewngofnodi:\n\n'
                    "{link}\n\n"
                    "Os penderfynoch beidio newid dim, dywedwch hynny a pham. Mae'r bobl a "
                    "gymerodd ran yn aros i glywed."
                ),
                sms="Victim Voice: dywedwch beth wnaethoch ei newid oherwydd y canlyniadau erbyn {due}.",
            ),
            sample={
                "title": "How we explain a decision not to charge",
                "due": "14 July 2026",
                "link": "https://victimvoice.example.org/engagement/opportunities/12/what-changed/",
            },
        ),
        # The engagement register: selection (add this feature's templates just below this line).
        # engagement/services/selection.py: after the fair selection lottery (or when everyone
        # who said yes gets a place), to each person who said yes, by their safe channel. The
        # texts name no opportunity (a phone's screen can be seen by others) and keep to GSM-7.
        _template(
            "engagement_selected",
            en=MessageText(
                subject="You have a place: {title}",
                body=(
                    "Thank you for saying yes to this:\n\n"
                    "{title}\n\n"
                    "It is for {asked_by}.\n\n"
                    "You have a place. We will send you the details of what happens next.\n\n"
                    "If you can no longer take part, that is fine. You can withdraw at any "
                    "time by using the link in our invitation, and you do not have to give "
                    "a reason."
                ),
                sms="Victim Voice: you have a place in what you said yes to. We will send "
                "you the details.",
            ),
            cy=MessageText(
                subject="Mae gennych chi le: {title}",
                body=(
                    "Diolch am ddweud ie i hyn:\n\n"
                    "{title}\n\n"
                    "Mae ar gyfer {asked_by}.\n\n"
                    "Mae gennych chi le. Byddwn yn anfon manylion yr hyn sy'n digwydd nesaf "
                    "atoch chi.\n\n"
                    "Os na allwch chi gymryd rhan mwyach, mae hynny'n iawn. Gallwch dynnu'n ôl "
                    "ar unrhyw adeg drwy ddefnyddio'r ddolen yn ein gwahoddiad, a does dim "
                    "rhaid i chi roi rheswm."
                ),
                sms="Victim Voice: mae gennych chi le yn yr hyn y dywedoch ie iddo. Byddwn yn "
                "anfon y manylion.",
            ),
            sample={
                "title": "How we explain a decision not to charge",
                "asked_by": "Crown Prosecution Service",
            },
        ),
        _template(
            "engagement_not_selected",
            en=MessageText(
                subject="Thank you for saying yes: {title}",
                body=(
                    "Thank you for saying yes to this:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "More people said yes than there were places. So we gave out the places by a "
                    "fair draw. The draw keeps the group balanced, like the community it comes "
                    "from. You were not chosen this time.\n"
                    "\n"
                    "That is only how the draw fell. Nothing is held against you. We will keep "
                    "asking you about other ways to take part, as before."
                ),
                sms=(
                    "Victim Voice: thank you for saying yes. There were more people than places "
                    "and you were not chosen this time. Nothing is held against you."
                ),
            ),
            cy=MessageText(
                subject="Diolch am ddweud ie: {title}",
                body=(
                    "Diolch am ddweud ie i hyn:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "Dywedodd mwy o bobl ie nag oedd o leoedd. Felly rhoddon ni'r lleoedd drwy "
                    "dynnu enwau mewn ffordd deg. Mae hyn yn cadw'r grŵp yn gytbwys, fel y "
                    "gymuned y mae'n dod ohoni. Chawsoch chi mo'ch dewis y tro hwn.\n"
                    "\n"
                    "Dim ond fel yna y digwyddodd y tynnu enwau. Does dim yn cael ei ddal yn "
                    "eich erbyn. Byddwn ni'n dal i ofyn i chi am ffyrdd eraill o gymryd rhan, "
                    "fel o'r blaen."
                ),
                sms=(
                    "Victim Voice: diolch am ddweud ie. Roedd mwy o bobl na lleoedd a chawsoch "
                    "chi mo'ch dewis y tro hwn. Does dim yn cael ei ddal yn eich erbyn."
                ),
            ),
            sample={"title": "How we explain a decision not to charge"},
        ),
        _template(
            "engagement_reserve",
            en=MessageText(
                subject="You are a reserve: {title}",
                body=(
                    "Thank you for saying yes to this:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "More people said yes than there were places. So we gave out the places by a "
                    "fair draw. You do not have a place this time, but you are a reserve. This "
                    "means that if someone with a place cannot take part, we may offer it to "
                    "you. We will tell you if that happens.\n"
                    "\n"
                    "You do not need to do anything. If you would rather not be a reserve, you "
                    "can withdraw at any time. Use the link in our invitation. You do not have "
                    "to give a reason."
                ),
                sms=(
                    "Victim Voice: thank you for saying yes. You are a reserve: if a place comes "
                    "up we will tell you. You do not need to do anything."
                ),
            ),
            cy=MessageText(
                subject="Rydych chi wrth gefn: {title}",
                body=(
                    "Diolch am ddweud ie i hyn:\n"
                    "\n"
                    "{title}\n"
                    "\n"
                    "Dywedodd mwy o bobl ie nag oedd o leoedd. Felly rhoddon ni'r lleoedd drwy "
                    "dynnu enwau mewn ffordd deg. Does gennych chi ddim lle y tro hwn, ond "
                    "rydych chi wrth gefn. Mae hyn yn golygu os na all rhywun sydd â lle gymryd "
                    "rhan, efallai y byddwn ni'n ei gynnig i chi. Byddwn ni'n dweud wrthych chi "
                    "os bydd hynny'n digwydd.\n"
                    "\n"
                    "Does dim angen i chi wneud dim. Os byddai'n well gennych chi beidio â bod "
                    "wrth gefn, gallwch chi dynnu'n ôl unrhyw bryd. Defnyddiwch y ddolen yn ein "
                    "gwahoddiad. Does dim rhaid i chi roi rheswm."
                ),
                sms=(
                    "Victim Voice: diolch am ddweud ie. Rydych chi wrth gefn: os daw lle, byddwn "
                    "yn dweud wrthych chi. Does dim angen i chi wneud dim."
                ),
            ),
            sample={"title": "How we explain a decision not to charge"},
        ),
        # The engagement register: material and bookings (add this feature's templates just below this line).
        _template(
            "engagement_booking_confirmed",
            en=MessageText(
                subject="Your place is booked: {title}",
                body=(
                    "Thank you. Your place is booked.\n"
                    "\n"
                    "What: {title}\n"
                    "When: {when}\n"
                    "How: {how}\n"
                    "\n"
                    "Open the link in your invitation to tell us what you need for the day. For "
                    "example, a number to ring you on, or help with access. You can also cancel "
                    "there at any time. You do not have to give a reason.\n"
                    "\n"
                    "Keep this message private. It says where to go or how to join."
                ),
                sms=(
                    "Victim Voice: your place is booked. It is on {when}. {how}. Use the link in your "
                    "invitation to give details or cancel."
                ),
            ),
            cy=MessageText(
                subject="Mae eich lle wedi'i archebu: {title}",
                body=(
                    "Diolch. Mae eich lle wedi'i archebu.\n"
                    "\n"
                    "Beth: {title}\n"
                    "Pryd: {when}\n"
                    "Sut: {how}\n"
                    "\n"
                    "Agorwch y ddolen yn eich gwahoddiad i ddweud wrthym beth sydd ei angen "
                    "arnoch chi ar gyfer y diwrnod. Er enghraifft, rhif i'ch ffonio arno, neu "
                    "help gyda mynediad. Gallwch chi hefyd ganslo yno unrhyw bryd. Does dim "
                    "rhaid i chi roi rheswm.\n"
                    "\n"
                    "Cadwch y neges hon yn breifat. Mae'n dweud ble i fynd neu sut i ymuno."
                ),
                sms=(
                    "Victim Voice: mae eich lle wedi'i archebu. Mae ar {when}. {how}. "
                    "Defnyddiwch y ddolen yn eich gwahoddiad i roi manylion neu ganslo."
                ),
            ),
            sample={
                "title": "Testing our new way of answering 101 calls",
                "when": "Tuesday 3 March 2026, 18:00-19:00",
                "how": "Online: https://meet.example.org/abc-defg-hij",
            },
            one_fragment=False,
        ),
        _template(
            "engagement_place_offered",
            en=MessageText(
                subject="A place has come up for you: {title}",
                body=(
                    "A place has come up and it is yours. You were first on the waiting list.\n"
                    "\n"
                    "What: {title}\n"
                    "When: {when}\n"
                    "How: {how}\n"
                    "\n"
                    "Open the link in your invitation to tell us what you need for the day. For "
                    "example, a number to ring you on, or help with access.\n"
                    "\n"
                    "If you can no longer take part, you can cancel there. You do not have to "
                    "give a reason. The place will go to the next person.\n"
                    "\n"
                    "Keep this message private. It says where to go or how to join."
                ),
                sms=(
                    "Victim Voice: a place has come up for you. It is on {when}. {how}. Use the link in "
                    "your invitation to give details or cancel."
                ),
            ),
            cy=MessageText(
                subject="Mae lle wedi dod ar gael i chi: {title}",
                body=(
                    "Mae lle wedi dod ar gael, ac mae i chi. Chi oedd gyntaf ar y rhestr aros.\n"
                    "\n"
                    "Beth: {title}\n"
                    "Pryd: {when}\n"
                    "Sut: {how}\n"
                    "\n"
                    "Agorwch y ddolen yn eich gwahoddiad i ddweud wrthym beth sydd ei angen "
                    "arnoch chi ar gyfer y diwrnod. Er enghraifft, rhif i'ch ffonio arno, neu "
                    "help gyda mynediad.\n"
                    "\n"
                    "Os na allwch chi gymryd rhan mwyach, gallwch chi ganslo yno. Does dim rhaid "
                    "i chi roi rheswm. Bydd y lle'n mynd i'r person nesaf.\n"
                    "\n"
                    "Cadwch y neges hon yn breifat. Mae'n dweud ble i fynd neu sut i ymuno."
                ),
                sms=(
                    "Victim Voice: mae lle wedi dod ar gael i chi. Mae ar {when}. {how}. Defnyddiwch "
                    "y ddolen yn eich gwahoddiad i roi manylion neu ganslo."
                ),
            ),
            sample={
                "title": "A group discussion about our letters to victims",
                "when": "Thursday 5 March 2026, 14:00-15:30",
                "how": "In person: Carmarthen Library, St Peter's Street, Carmarthen",
            },
            one_fragment=False,
        ),
        _template(
            "engagement_booking_reminder",
            en=MessageText(
                subject="Reminder: {title}",
                body=(
                    "A reminder that you are booked to take part.\n"
                    "\n"
                    "What: {title}\n"
                    "When: {when}\n"
                    "How: {how}\n"
                    "\n"
                    "If you can no longer take part, that is fine. Cancel using the link in your "
                    "invitation. You do not have to give a reason.\n"
                    "\n"
                    "If taking part brings anything up for you, you can get support."
                ),
                sms="Victim Voice: a reminder. {title}. {when}. {how}.",
            ),
            cy=MessageText(
                subject="Nodyn atgoffa: {title}",
                body=(
                    "Nodyn i'ch atgoffa eich bod wedi archebu lle i gymryd rhan.\n"
                    "\n"
                    "Beth: {title}\n"
                    "Pryd: {when}\n"
                    "Sut: {how}\n"
                    "\n"
                    "Os na allwch chi gymryd rhan mwyach, mae hynny'n iawn. Canslwch gyda'r "
                    "ddolen yn eich gwahoddiad. Does dim rhaid i chi roi rheswm.\n"
                    "\n"
                    "Os bydd cymryd rhan yn codi unrhyw beth i chi, gallwch chi gael cymorth."
                ),
                sms="Victim Voice: nodyn atgoffa. {title}. {when}. {how}.",
            ),
            sample={
                "title": "Testing our new way of answering 101 calls",
                "when": "Tuesday 3 March 2026, 18:00-19:00",
                "how": "By phone: we will ring you on the number you give us",
            },
            one_fragment=False,
        ),
        # The engagement register: asking inactive participants whether to stay
        # (engagement/services/housekeeping.py). The link holds a token only.
        _template(
            "engagement_stay_question",
            en=MessageText(
                subject="Do you want to stay on the victims' engagement register?",
                body=(
                    "We have not heard from you for 2 years. You are on a list of people who are "
                    "happy to help. We ask them to take part in work to make things better for "
                    "victims of crime.\n"
                    "\n"
                    "Tell us if you want to stay:\n"
                    "\n"
                    "{link}\n"
                    "\n"
                    "If we do not hear from you within 60 days, we will take you off the "
                    "register. We will delete your details."
                ),
                sms=(
                    "Victim Voice: do you want to stay on the engagement register? Tell us: {link}"
                ),
            ),
            cy=MessageText(
                subject="Ydych chi eisiau aros ar gofrestr ymgysylltu dioddefwyr?",
                body=(
                    "Dydyn ni ddim wedi clywed gennych chi ers 2 flynedd. Rydych chi ar restr o "
                    "bobl sy'n hapus i helpu. Rydyn ni'n gofyn iddyn nhw gymryd rhan mewn gwaith "
                    "i wneud pethau'n well i ddioddefwyr trosedd.\n"
                    "\n"
                    "Dywedwch wrthym a ydych chi eisiau aros:\n"
                    "\n"
                    "{link}\n"
                    "\n"
                    "Os na fyddwn ni'n clywed gennych chi o fewn 60 diwrnod, byddwn ni'n eich "
                    "tynnu oddi ar y gofrestr. Byddwn ni'n dileu eich manylion."
                ),
                sms=(
                    "Victim Voice: ydych chi eisiau aros ar y gofrestr ymgysylltu? Dywedwch: {link}"
                ),
            ),
            sample={"link": "https://victimvoice.example.org/register/stay/Xq3vT0p9LmN4vB7wQk8s/"},
        ),
    ]
}


# What each message is, for people reading the outbox (never the template's key). Every
# entry of CATALOGUE has one (tests/notify/test_outbox_page.py).
TITLES: dict[str, Promise] = {
    "sign_in_code": _("Sign-in code"),
    "password_reset": _("Password reset link"),
    "staff_invitation": _("Invitation to set up a staff account"),
    "application_received": _("Application received"),
    "application_onboarding_invitation": _("Invitation to an onboarding conversation"),
    "application_vetting_started": _("Police check started"),
    "application_deferred": _("Application paused for now"),
    "application_not_suitable_now": _("Application not suitable now"),
    "application_accepted": _("Application accepted"),
    "application_not_accepted": _("Application not accepted"),
    "application_withdrawn": _("Application withdrawn"),
    "membership_welcome": _("Welcome to the forum"),
    "meeting_invitation": _("Meeting invitation"),
    "meeting_reminder": _("Meeting reminder"),
    "meeting_agenda": _("Meeting agenda"),
    "meeting_cancelled": _("Meeting cancelled"),
    "generic": _("Message written by staff"),
    "you_said_we_did_digest": _("News about what the forum told the police"),
    "recommendations_overdue_summary": _("Recommendations overdue a police response"),
    "feedback_invitation": _("Invitation to give feedback"),
    "desk_referral": _("Referral to a support service"),
    # The engagement register: joining (titles just below this line).
    "engagement_join_code": _("Code to join the engagement register"),
    "engagement_join_already": _("Already on the engagement register"),
    # The engagement register: requests (titles just below this line).
    "engagement_request_decided": _("Decision on a partner request"),
    # The engagement register: invitations (titles just below this line).
    "engagement_invitation": _("Invitation to take part (engagement register)"),
    "engagement_invitation_reminder": _("Reminder of an invitation to take part"),
    # The engagement register: surveys and results (titles just below this line).
    "engagement_results_released": _("Engagement register: results ready for the partner"),
    "engagement_what_changed_reminder": _("Reminder to say what changed (engagement register)"),
    # The engagement register: selection (titles just below this line).
    "engagement_selected": _("Engagement register: a place after saying yes"),
    "engagement_not_selected": _("Engagement register: not chosen this time"),
    "engagement_reserve": _("Engagement register: a reserve place"),
    # The engagement register: material and bookings (titles just below this line).
    "engagement_booking_confirmed": _("Engagement register: place booked"),
    "engagement_place_offered": _("Engagement register: place from the waiting list"),
    "engagement_booking_reminder": _("Engagement register: booking reminder"),
    "engagement_stay_question": _("Asking whether to stay on the engagement register"),
}


def message_title(template: str) -> str:
    """The outbox's name for a kind of message: "Meeting invitation", not "meeting_invitation"."""
    title = TITLES.get(template)
    return str(title) if title is not None else template.replace("_", " ").capitalize()


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
