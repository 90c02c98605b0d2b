"""Printable leaflets (PDF, WeasyPrint): a team's QR code to give feedback, the Victims' Code
rights in short and the support services of the team's borough, in one of the leaflet
languages. English and Welsh words come from the gettext catalogue; the other languages'
words are below, machine-made and marked for review (docs/directory.md)."""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory import selectors
from feedback.models import FeedbackCode, Language, Team
from feedback.qr import code_url, qr_png

GETTEXT_LANGUAGES = {"en", "cy"}
# As many services as fit on one A4 page beside the rights, the borough's own first.
LEAFLET_SERVICES = 8

WORDS_EN_CY: dict[str, Any] = {
    "heading": _("Your rights and where to get support"),
    "rights": _("Your rights under the Victims' Code"),
    "support": _("Support services near you"),
    "feedback_heading": _("Tell us how we dealt with you"),
    "feedback_text": _(
        "Scan the QR code to give feedback about the police. It takes two minutes and you do "
        "not have to give your name."
    ),
    "danger": _("If you are in danger now, call 999."),
    "not_complaint": _("Feedback is not the way to report a crime or make a complaint."),
    "more": _("All your rights and more support services:"),
    "machine": "",
    "london_wide": _("All of London"),
    "qr_alt": _("QR code to give feedback"),
}

# Machine-made, for review by a speaker of each language before print runs.
WORDS: dict[str, dict[str, str]] = {
    "pl": {
        "heading": "Twoje prawa i gdzie szukać wsparcia",
        "rights": "Twoje prawa wynikające z Kodeksu Ofiar (Victims' Code)",
        "support": "Organizacje wsparcia w Twojej okolicy",
        "feedback_heading": "Powiedz nam, jak Cię potraktowaliśmy",
        "feedback_text": "Zeskanuj kod QR, aby przekazać opinię o policji. Zajmie to dwie "
        "minuty i nie musisz podawać swojego imienia i nazwiska.",
        "danger": "Jeśli jesteś w niebezpieczeństwie, zadzwoń pod numer 999.",
        "not_complaint": "Opinia nie jest sposobem na zgłoszenie przestępstwa ani złożenie skargi.",
        "more": "Wszystkie Twoje prawa i więcej organizacji wsparcia:",
        "machine": "To tłumaczenie zostało wykonane maszynowo i jest sprawdzane.",
        "london_wide": "Cały Londyn",
        "qr_alt": "Kod QR do przekazania opinii",
    },
    "ro": {
        "heading": "Drepturile dumneavoastră și unde puteți primi sprijin",
        "rights": "Drepturile dumneavoastră conform Codului Victimelor (Victims' Code)",
        "support": "Servicii de sprijin în apropiere",
        "feedback_heading": "Spuneți-ne cum v-am tratat",
        "feedback_text": "Scanați codul QR pentru a vă spune părerea despre poliție. Durează "
        "două minute și nu trebuie să vă spuneți numele.",
        "danger": "Dacă sunteți în pericol acum, sunați la 999.",
        "not_complaint": "Părerea dumneavoastră nu este o modalitate de a raporta o "
        "infracțiune sau de a face o plângere.",
        "more": "Toate drepturile dumneavoastră și mai multe servicii de sprijin:",
        "machine": "Această traducere a fost făcută automat și este în curs de verificare.",
        "london_wide": "Tot Londra",
        "qr_alt": "Cod QR pentru a vă spune părerea",
    },
    "bn": {
        "heading": "আপনার অধিকার এবং কোথায় সহায়তা পাবেন",
        "rights": "ভুক্তভোগী বিধি (Victims' Code) অনুযায়ী আপনার অধিকার",
        "support": "আপনার কাছাকাছি সহায়তা সেবা",
        "feedback_heading": "আমরা আপনার সাথে কেমন আচরণ করেছি তা আমাদের জানান",
        "feedback_text": "পুলিশ সম্পর্কে মতামত দিতে QR কোডটি স্ক্যান করুন। এতে দুই মিনিট "
        "লাগে এবং আপনার নাম দিতে হবে না।",
        "danger": "আপনি এখন বিপদে থাকলে 999 নম্বরে কল করুন।",
        "not_complaint": "মতামত দেওয়া অপরাধের খবর দেওয়া বা অভিযোগ করার উপায় নয়।",
        "more": "আপনার সব অধিকার এবং আরও সহায়তা সেবা:",
        "machine": "এই অনুবাদটি যন্ত্রের মাধ্যমে করা হয়েছে এবং যাচাই করা হচ্ছে।",
        "london_wide": "সমগ্র লন্ডন",
        "qr_alt": "মতামত দেওয়ার QR কোড",
    },
    "pt": {
        "heading": "Os seus direitos e onde obter apoio",
        "rights": "Os seus direitos segundo o Código das Vítimas (Victims' Code)",
        "support": "Serviços de apoio perto de si",
        "feedback_heading": "Diga-nos como o tratámos",
        "feedback_text": "Leia o código QR para dar a sua opinião sobre a polícia. Demora "
        "dois minutos e não precisa de dar o seu nome.",
        "danger": "Se estiver em perigo agora, ligue 999.",
        "not_complaint": "Dar a sua opinião não é a forma de denunciar um crime ou "
        "apresentar queixa.",
        "more": "Todos os seus direitos e mais serviços de apoio:",
        "machine": "Esta tradução foi feita automaticamente e está a ser verificada.",
        "london_wide": "Toda a Londres",
        "qr_alt": "Código QR para dar a sua opinião",
    },
    "es": {
        "heading": "Sus derechos y dónde encontrar apoyo",
        "rights": "Sus derechos según el Código de las Víctimas (Victims' Code)",
        "support": "Servicios de apoyo cerca de usted",
        "feedback_heading": "Díganos cómo le tratamos",
        "feedback_text": "Escanee el código QR para dar su opinión sobre la policía. Se tarda "
        "dos minutos y no tiene que dar su nombre.",
        "danger": "Si está en peligro ahora, llame al 999.",
        "not_complaint": "Dar su opinión no es la forma de denunciar un delito ni de "
        "presentar una queja.",
        "more": "Todos sus derechos y más servicios de apoyo:",
        "machine": "Esta traducción se hizo automáticamente y se está revisando.",
        "london_wide": "Todo Londres",
        "qr_alt": "Código QR para dar su opinión",
    },
    "ar": {
        "heading": "حقوقك وأين تجد الدعم",
        "rights": "حقوقك بموجب مدونة الضحايا (Victims' Code)",
        "support": "خدمات الدعم القريبة منك",
        "feedback_heading": "أخبرنا كيف تعاملنا معك",
        "feedback_text": "امسح رمز QR لإبداء رأيك في الشرطة. يستغرق ذلك دقيقتين ولا داعي "
        "لذكر اسمك.",
        "danger": "إذا كنت في خطر الآن، اتصل بالرقم 999.",
        "not_complaint": "إبداء الرأي ليس وسيلة للإبلاغ عن جريمة أو تقديم شكوى.",
        "more": "جميع حقوقك والمزيد من خدمات الدعم:",
        "machine": "هذه الترجمة آلية وتجري مراجعتها.",
        "london_wide": "لندن بأكملها",
        "qr_alt": "رمز QR لإبداء الرأي",
    },
}


def leaflet_languages() -> list[Language]:
    """The languages a leaflet can be printed in: active form languages with rights."""
    codes = GETTEXT_LANGUAGES | set(WORDS)
    return [lang for lang in Language.objects.filter(active=True) if lang.code in codes]


def team_code(team: Team) -> FeedbackCode:
    """The team's own feedback code (officer null), made if it has none."""
    code = FeedbackCode.objects.filter(team=team, officer__isnull=True, active=True).first()
    if code is None:
        from feedback.services import team_code_ensure

        code = team_code_ensure(team=team)
    return code


def _words(language: Language) -> dict[str, str]:
    if language.code in GETTEXT_LANGUAGES:
        with translation.override(language.code):
            return {key: str(value) for key, value in WORDS_EN_CY.items()}
    return WORDS[language.code]


def leaflet_context(*, team: Team, language: Language, site_url: str) -> dict[str, Any]:
    code = team_code(team)
    link = code_url(code.code)
    png = base64.b64encode(qr_png(link, scale=8)).decode()
    return {
        "team": team,
        "borough": team.borough,
        "language": language,
        "words": _words(language),
        "rights": selectors.right_summaries(language=language),
        "services": selectors.local_services(borough=team.borough, limit=LEAFLET_SERVICES),
        "qr_data_uri": f"data:image/png;base64,{png}",
        "feedback_link": link,
        "rights_link": site_url.rstrip("/") + reverse("directory:rights"),
    }


def leaflet_pdf(*, team: Team, language: Language, site_url: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    context = leaflet_context(team=team, language=language, site_url=site_url)
    override = language.code if language.code in GETTEXT_LANGUAGES else "en"
    with translation.override(override):
        document = render_to_string("directory/leaflet_pdf.html", context)
    # Leaflets fetch nothing from outside: only the inline data: image of the QR code.
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    return bytes(HTML(string=document, url_fetcher=fetcher, base_url=".").write_pdf())
