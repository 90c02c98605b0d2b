"""The form's questions and their wording.

English and Welsh (reviewed) come first; Polish, Romanian, Bengali, Portuguese, Spanish and
Arabic were written without a professional translator and are marked machine_translated=True,
reviewed=False until a fluent reviewer checks them (docs/feedback.md). FormText holds the
page's other words for those six languages (English and Welsh come from gettext).
"""

from django.db import migrations

RATING = ["yes", "partly", "no", "not_sure"]
SCALE = ["5", "4", "3", "2", "1"]
AGE = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "prefer_not"]
ETHNIC = ["asian", "black", "mixed", "white", "other", "prefer_not"]
SEX = ["female", "male", "prefer_not"]
DISABLED = ["yes", "no", "prefer_not"]

# key, order, kind, section, required, choices
QUESTIONS = [
    ("overall", 10, "scale5", "core", True, SCALE),
    ("respect", 20, "yes_no", "core", False, RATING),
    ("listened", 30, "yes_no", "core", False, RATING),
    ("kept_informed", 40, "yes_no", "core", False, RATING),
    ("told_support", 50, "yes_no", "core", False, RATING),
    ("comment", 60, "free_text", "core", False, []),
    ("age_band", 10, "choice", "equality", False, AGE),
    ("ethnic_group", 20, "choice", "equality", False, ETHNIC),
    ("sex", 30, "choice", "equality", False, SEX),
    ("disabled", 40, "choice", "equality", False, DISABLED),
]


def _ages(under, to, over, prefer):
    return {
        "under_18": under,
        "18_24": f"18 {to} 24",
        "25_34": f"25 {to} 34",
        "35_44": f"35 {to} 44",
        "45_54": f"45 {to} 54",
        "55_64": f"55 {to} 64",
        "65_plus": over,
        "prefer_not": prefer,
    }


# language -> question key -> (text, hint, choice labels)
TEXTS = {
    "en": {
        "overall": (
            "Overall, how good was the service you got from the police?",
            "Think about your most recent contact with the police.",
            dict(zip(SCALE, ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor"])),
        ),
        "respect": (
            "Did the police treat you with respect?",
            "",
            dict(zip(RATING, ["Yes", "Partly", "No", "Not sure"])),
        ),
        "listened": (
            "Did the police listen to you?",
            "",
            dict(zip(RATING, ["Yes", "Partly", "No", "Not sure"])),
        ),
        "kept_informed": (
            "Were you told what happens next?",
            "For example, what the police will do and when you will hear from them.",
            dict(zip(RATING, ["Yes", "Partly", "No", "Not sure"])),
        ),
        "told_support": (
            "Were you told about support services and your rights as a victim?",
            "",
            dict(zip(RATING, ["Yes", "Partly", "No", "Not sure"])),
        ),
        "comment": (
            "Is there anything else you want to tell us?",
            "Do not include names, addresses, phone numbers or crime reference numbers.",
            {},
        ),
        "age_band": (
            "What is your age?",
            "",
            _ages("Under 18", "to", "65 or over", "Prefer not to say"),
        ),
        "ethnic_group": (
            "What is your ethnic group?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Asian, Asian British or Asian Welsh",
                        "Black, Black British, Black Welsh, Caribbean or African",
                        "Mixed or multiple ethnic groups",
                        "White",
                        "Another ethnic group",
                        "Prefer not to say",
                    ],
                )
            ),
        ),
        "sex": (
            "What is your sex?",
            "",
            dict(zip(SEX, ["Female", "Male", "Prefer not to say"])),
        ),
        "disabled": (
            "Do you consider yourself to be disabled?",
            "For example, a physical or mental health condition lasting 12 months or more "
            "that affects your day-to-day life.",
            dict(zip(DISABLED, ["Yes", "No", "Prefer not to say"])),
        ),
    },
    "cy": {
        "overall": (
            "At ei gilydd, pa mor dda oedd y gwasanaeth a gawsoch gan yr heddlu?",
            "Meddyliwch am eich cyswllt diweddaraf â'r heddlu.",
            dict(
                zip(SCALE, ["Da iawn", "Da", "Ddim yn dda nac yn wael", "Gwael", "Gwael iawn"])
            ),
        ),
        "respect": (
            "A wnaeth yr heddlu eich trin â pharch?",
            "",
            dict(zip(RATING, ["Do", "Yn rhannol", "Naddo", "Ddim yn siŵr"])),
        ),
        "listened": (
            "A wnaeth yr heddlu wrando arnoch chi?",
            "",
            dict(zip(RATING, ["Do", "Yn rhannol", "Naddo", "Ddim yn siŵr"])),
        ),
        "kept_informed": (
            "A gawsoch chi wybod beth sy'n digwydd nesaf?",
            "Er enghraifft, beth fydd yr heddlu'n ei wneud a phryd y byddwch chi'n clywed "
            "ganddyn nhw.",
            dict(zip(RATING, ["Do", "Yn rhannol", "Naddo", "Ddim yn siŵr"])),
        ),
        "told_support": (
            "A gawsoch chi wybod am wasanaethau cymorth a'ch hawliau fel dioddefwr?",
            "",
            dict(zip(RATING, ["Do", "Yn rhannol", "Naddo", "Ddim yn siŵr"])),
        ),
        "comment": (
            "Oes unrhyw beth arall yr hoffech chi ei ddweud wrthym?",
            "Peidiwch â chynnwys enwau, cyfeiriadau, rhifau ffôn na chyfeirnodau trosedd.",
            {},
        ),
        "age_band": (
            "Beth yw eich oedran?",
            "",
            _ages("O dan 18", "i", "65 neu hŷn", "Mae'n well gen i beidio â dweud"),
        ),
        "ethnic_group": (
            "Beth yw eich grŵp ethnig?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig",
                        "Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd",
                        "Grwpiau ethnig cymysg neu luosog",
                        "Gwyn",
                        "Grŵp ethnig arall",
                        "Mae'n well gen i beidio â dweud",
                    ],
                )
            ),
        ),
        "sex": (
            "Beth yw eich rhyw?",
            "",
            dict(zip(SEX, ["Benyw", "Gwryw", "Mae'n well gen i beidio â dweud"])),
        ),
        "disabled": (
            "Ydych chi'n ystyried eich bod yn anabl?",
            "Er enghraifft, cyflwr iechyd corfforol neu feddyliol sy'n para 12 mis neu fwy "
            "ac sy'n effeithio ar eich bywyd bob dydd.",
            dict(zip(DISABLED, ["Ydw", "Nac ydw", "Mae'n well gen i beidio â dweud"])),
        ),
    },
    "pl": {
        "overall": (
            "Jak ogólnie oceniasz obsługę, którą otrzymałeś(-aś) od policji?",
            "Pomyśl o swoim ostatnim kontakcie z policją.",
            dict(zip(SCALE, ["Bardzo dobrze", "Dobrze", "Ani dobrze, ani źle", "Źle", "Bardzo źle"])),
        ),
        "respect": (
            "Czy policja traktowała Cię z szacunkiem?",
            "",
            dict(zip(RATING, ["Tak", "Częściowo", "Nie", "Nie wiem"])),
        ),
        "listened": (
            "Czy policja Cię wysłuchała?",
            "",
            dict(zip(RATING, ["Tak", "Częściowo", "Nie", "Nie wiem"])),
        ),
        "kept_informed": (
            "Czy powiedziano Ci, co będzie dalej?",
            "Na przykład, co zrobi policja i kiedy się z Tobą skontaktuje.",
            dict(zip(RATING, ["Tak", "Częściowo", "Nie", "Nie wiem"])),
        ),
        "told_support": (
            "Czy poinformowano Cię o usługach wsparcia i Twoich prawach jako ofiary?",
            "",
            dict(zip(RATING, ["Tak", "Częściowo", "Nie", "Nie wiem"])),
        ),
        "comment": (
            "Czy chcesz nam powiedzieć coś jeszcze?",
            "Nie podawaj imion, nazwisk, adresów, numerów telefonów ani numerów sprawy.",
            {},
        ),
        "age_band": (
            "Ile masz lat?",
            "",
            _ages("Poniżej 18", "do", "65 lub więcej", "Wolę nie podawać"),
        ),
        "ethnic_group": (
            "Jaka jest Twoja grupa etniczna?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Azjatycka lub brytyjska azjatycka",
                        "Czarnoskóra, brytyjska czarnoskóra, karaibska lub afrykańska",
                        "Mieszana lub kilka grup etnicznych",
                        "Biała",
                        "Inna grupa etniczna",
                        "Wolę nie podawać",
                    ],
                )
            ),
        ),
        "sex": (
            "Jaka jest Twoja płeć?",
            "",
            dict(zip(SEX, ["Kobieta", "Mężczyzna", "Wolę nie podawać"])),
        ),
        "disabled": (
            "Czy uważasz się za osobę z niepełnosprawnością?",
            "Na przykład stan zdrowia fizycznego lub psychicznego trwający 12 miesięcy lub "
            "dłużej, który wpływa na Twoje codzienne życie.",
            dict(zip(DISABLED, ["Tak", "Nie", "Wolę nie podawać"])),
        ),
    },
    "ro": {
        "overall": (
            "În general, cât de bun a fost serviciul primit de la poliție?",
            "Gândiți-vă la cel mai recent contact cu poliția.",
            dict(zip(SCALE, ["Foarte bun", "Bun", "Nici bun, nici slab", "Slab", "Foarte slab"])),
        ),
        "respect": (
            "V-a tratat poliția cu respect?",
            "",
            dict(zip(RATING, ["Da", "Parțial", "Nu", "Nu sunt sigur(ă)"])),
        ),
        "listened": (
            "V-a ascultat poliția?",
            "",
            dict(zip(RATING, ["Da", "Parțial", "Nu", "Nu sunt sigur(ă)"])),
        ),
        "kept_informed": (
            "Vi s-a spus ce urmează?",
            "De exemplu, ce va face poliția și când veți primi vești de la ea.",
            dict(zip(RATING, ["Da", "Parțial", "Nu", "Nu sunt sigur(ă)"])),
        ),
        "told_support": (
            "Ați fost informat(ă) despre serviciile de sprijin și drepturile dumneavoastră "
            "ca victimă?",
            "",
            dict(zip(RATING, ["Da", "Parțial", "Nu", "Nu sunt sigur(ă)"])),
        ),
        "comment": (
            "Mai doriți să ne spuneți ceva?",
            "Nu includeți nume, adrese, numere de telefon sau numere de referință ale "
            "infracțiunii.",
            {},
        ),
        "age_band": (
            "Ce vârstă aveți?",
            "",
            _ages("Sub 18", "–", "65 sau peste", "Prefer să nu spun"),
        ),
        "ethnic_group": (
            "Care este grupul dumneavoastră etnic?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Asiatic sau britanic asiatic",
                        "Negru, britanic negru, caraibian sau african",
                        "Mixt sau mai multe grupuri etnice",
                        "Alb",
                        "Alt grup etnic",
                        "Prefer să nu spun",
                    ],
                )
            ),
        ),
        "sex": (
            "Care este sexul dumneavoastră?",
            "",
            dict(zip(SEX, ["Feminin", "Masculin", "Prefer să nu spun"])),
        ),
        "disabled": (
            "Vă considerați o persoană cu dizabilități?",
            "De exemplu, o afecțiune fizică sau psihică ce durează 12 luni sau mai mult și "
            "vă afectează viața de zi cu zi.",
            dict(zip(DISABLED, ["Da", "Nu", "Prefer să nu spun"])),
        ),
    },
    "bn": {
        "overall": (
            "সব মিলিয়ে, পুলিশের কাছ থেকে আপনি যে সেবা পেয়েছেন তা কেমন ছিল?",
            "পুলিশের সাথে আপনার সবচেয়ে সাম্প্রতিক যোগাযোগের কথা ভাবুন।",
            dict(zip(SCALE, ["খুব ভালো", "ভালো", "ভালোও না, খারাপও না", "খারাপ", "খুব খারাপ"])),
        ),
        "respect": (
            "পুলিশ কি আপনার সাথে সম্মানের সাথে আচরণ করেছে?",
            "",
            dict(zip(RATING, ["হ্যাঁ", "আংশিক", "না", "নিশ্চিত নই"])),
        ),
        "listened": (
            "পুলিশ কি আপনার কথা শুনেছে?",
            "",
            dict(zip(RATING, ["হ্যাঁ", "আংশিক", "না", "নিশ্চিত নই"])),
        ),
        "kept_informed": (
            "এরপর কী হবে তা কি আপনাকে জানানো হয়েছে?",
            "যেমন, পুলিশ কী করবে এবং কখন আপনাকে জানাবে।",
            dict(zip(RATING, ["হ্যাঁ", "আংশিক", "না", "নিশ্চিত নই"])),
        ),
        "told_support": (
            "আপনাকে কি সহায়তা পরিষেবা এবং ভুক্তভোগী হিসেবে আপনার অধিকার সম্পর্কে জানানো হয়েছে?",
            "",
            dict(zip(RATING, ["হ্যাঁ", "আংশিক", "না", "নিশ্চিত নই"])),
        ),
        "comment": (
            "আপনি কি আমাদের আর কিছু বলতে চান?",
            "নাম, ঠিকানা, ফোন নম্বর বা অপরাধের রেফারেন্স নম্বর লিখবেন না।",
            {},
        ),
        "age_band": (
            "আপনার বয়স কত?",
            "",
            _ages("১৮ বছরের কম", "থেকে", "৬৫ বা তার বেশি", "বলতে চাই না"),
        ),
        "ethnic_group": (
            "আপনার জাতিগত গোষ্ঠী কী?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "এশীয় বা ব্রিটিশ এশীয়",
                        "কৃষ্ণাঙ্গ, ব্রিটিশ কৃষ্ণাঙ্গ, ক্যারিবীয় বা আফ্রিকান",
                        "মিশ্র বা একাধিক জাতিগত গোষ্ঠী",
                        "শ্বেতাঙ্গ",
                        "অন্য জাতিগত গোষ্ঠী",
                        "বলতে চাই না",
                    ],
                )
            ),
        ),
        "sex": (
            "আপনার লিঙ্গ কী?",
            "",
            dict(zip(SEX, ["নারী", "পুরুষ", "বলতে চাই না"])),
        ),
        "disabled": (
            "আপনি কি নিজেকে প্রতিবন্ধী মনে করেন?",
            "যেমন, ১২ মাস বা তার বেশি সময় ধরে থাকা শারীরিক বা মানসিক স্বাস্থ্যের অবস্থা যা "
            "আপনার দৈনন্দিন জীবনকে প্রভাবিত করে।",
            dict(zip(DISABLED, ["হ্যাঁ", "না", "বলতে চাই না"])),
        ),
    },
    "pt": {
        "overall": (
            "De forma geral, como foi o serviço que recebeu da polícia?",
            "Pense no seu contacto mais recente com a polícia.",
            dict(zip(SCALE, ["Muito bom", "Bom", "Nem bom nem mau", "Mau", "Muito mau"])),
        ),
        "respect": (
            "A polícia tratou-o(a) com respeito?",
            "",
            dict(zip(RATING, ["Sim", "Em parte", "Não", "Não tenho a certeza"])),
        ),
        "listened": (
            "A polícia ouviu-o(a)?",
            "",
            dict(zip(RATING, ["Sim", "Em parte", "Não", "Não tenho a certeza"])),
        ),
        "kept_informed": (
            "Disseram-lhe o que acontece a seguir?",
            "Por exemplo, o que a polícia vai fazer e quando terá notícias.",
            dict(zip(RATING, ["Sim", "Em parte", "Não", "Não tenho a certeza"])),
        ),
        "told_support": (
            "Foi informado(a) sobre os serviços de apoio e os seus direitos como vítima?",
            "",
            dict(zip(RATING, ["Sim", "Em parte", "Não", "Não tenho a certeza"])),
        ),
        "comment": (
            "Há mais alguma coisa que nos queira dizer?",
            "Não inclua nomes, moradas, números de telefone nem números de referência do crime.",
            {},
        ),
        "age_band": (
            "Qual é a sua idade?",
            "",
            _ages("Menos de 18", "a", "65 ou mais", "Prefiro não dizer"),
        ),
        "ethnic_group": (
            "Qual é o seu grupo étnico?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Asiático ou britânico asiático",
                        "Negro, britânico negro, caribenho ou africano",
                        "Misto ou vários grupos étnicos",
                        "Branco",
                        "Outro grupo étnico",
                        "Prefiro não dizer",
                    ],
                )
            ),
        ),
        "sex": (
            "Qual é o seu sexo?",
            "",
            dict(zip(SEX, ["Feminino", "Masculino", "Prefiro não dizer"])),
        ),
        "disabled": (
            "Considera-se uma pessoa com deficiência?",
            "Por exemplo, uma condição de saúde física ou mental que dura 12 meses ou mais e "
            "afeta o seu dia a dia.",
            dict(zip(DISABLED, ["Sim", "Não", "Prefiro não dizer"])),
        ),
    },
    "es": {
        "overall": (
            "En general, ¿qué tal fue el servicio que recibió de la policía?",
            "Piense en su contacto más reciente con la policía.",
            dict(zip(SCALE, ["Muy bueno", "Bueno", "Ni bueno ni malo", "Malo", "Muy malo"])),
        ),
        "respect": (
            "¿La policía le trató con respeto?",
            "",
            dict(zip(RATING, ["Sí", "En parte", "No", "No estoy seguro/a"])),
        ),
        "listened": (
            "¿La policía le escuchó?",
            "",
            dict(zip(RATING, ["Sí", "En parte", "No", "No estoy seguro/a"])),
        ),
        "kept_informed": (
            "¿Le explicaron qué pasará a continuación?",
            "Por ejemplo, qué hará la policía y cuándo tendrá noticias.",
            dict(zip(RATING, ["Sí", "En parte", "No", "No estoy seguro/a"])),
        ),
        "told_support": (
            "¿Le informaron sobre los servicios de apoyo y sus derechos como víctima?",
            "",
            dict(zip(RATING, ["Sí", "En parte", "No", "No estoy seguro/a"])),
        ),
        "comment": (
            "¿Hay algo más que quiera contarnos?",
            "No incluya nombres, direcciones, números de teléfono ni números de referencia "
            "del delito.",
            {},
        ),
        "age_band": (
            "¿Qué edad tiene?",
            "",
            _ages("Menos de 18", "a", "65 o más", "Prefiero no decirlo"),
        ),
        "ethnic_group": (
            "¿Cuál es su grupo étnico?",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "Asiático o británico asiático",
                        "Negro, británico negro, caribeño o africano",
                        "Mixto o de varios grupos étnicos",
                        "Blanco",
                        "Otro grupo étnico",
                        "Prefiero no decirlo",
                    ],
                )
            ),
        ),
        "sex": (
            "¿Cuál es su sexo?",
            "",
            dict(zip(SEX, ["Mujer", "Hombre", "Prefiero no decirlo"])),
        ),
        "disabled": (
            "¿Se considera una persona con discapacidad?",
            "Por ejemplo, una condición de salud física o mental que dura 12 meses o más y "
            "afecta a su vida diaria.",
            dict(zip(DISABLED, ["Sí", "No", "Prefiero no decirlo"])),
        ),
    },
    "ar": {
        "overall": (
            "بشكل عام، ما مدى جودة الخدمة التي تلقيتها من الشرطة؟",
            "فكّر في آخر تواصل لك مع الشرطة.",
            dict(zip(SCALE, ["جيدة جدًا", "جيدة", "لا جيدة ولا سيئة", "سيئة", "سيئة جدًا"])),
        ),
        "respect": (
            "هل عاملتك الشرطة باحترام؟",
            "",
            dict(zip(RATING, ["نعم", "جزئيًا", "لا", "لست متأكدًا"])),
        ),
        "listened": (
            "هل استمعت إليك الشرطة؟",
            "",
            dict(zip(RATING, ["نعم", "جزئيًا", "لا", "لست متأكدًا"])),
        ),
        "kept_informed": (
            "هل أُخبرت بما سيحدث بعد ذلك؟",
            "مثلًا، ما الذي ستفعله الشرطة ومتى ستتواصل معك.",
            dict(zip(RATING, ["نعم", "جزئيًا", "لا", "لست متأكدًا"])),
        ),
        "told_support": (
            "هل أُبلغت بخدمات الدعم وبحقوقك كضحية؟",
            "",
            dict(zip(RATING, ["نعم", "جزئيًا", "لا", "لست متأكدًا"])),
        ),
        "comment": (
            "هل هناك أي شيء آخر تود إخبارنا به؟",
            "لا تذكر أسماء أو عناوين أو أرقام هواتف أو أرقامًا مرجعية للجريمة.",
            {},
        ),
        "age_band": (
            "كم عمرك؟",
            "",
            _ages("أقل من 18", "إلى", "65 أو أكثر", "أفضّل عدم القول"),
        ),
        "ethnic_group": (
            "ما هي مجموعتك العرقية؟",
            "",
            dict(
                zip(
                    ETHNIC,
                    [
                        "آسيوي أو بريطاني آسيوي",
                        "أسود أو بريطاني أسود أو كاريبي أو أفريقي",
                        "مختلط أو متعدد الأعراق",
                        "أبيض",
                        "مجموعة عرقية أخرى",
                        "أفضّل عدم القول",
                    ],
                )
            ),
        ),
        "sex": (
            "ما جنسك؟",
            "",
            dict(zip(SEX, ["أنثى", "ذكر", "أفضّل عدم القول"])),
        ),
        "disabled": (
            "هل تعتبر نفسك من ذوي الإعاقة؟",
            "مثلًا، حالة صحية جسدية أو نفسية تستمر 12 شهرًا أو أكثر وتؤثر على حياتك اليومية.",
            dict(zip(DISABLED, ["نعم", "لا", "أفضّل عدم القول"])),
        ),
    },
}

# The page's other words for the languages gettext does not cover. English is in
# feedback/form_text.py (gettext); a key missing here falls back to English.
FORM_TEXTS = {
    "pl": {
        "start_title": "Oceń kontakt z policją",
        "intro": "To zajmie około 2 minut. Nie musisz podawać swojego imienia i nazwiska.",
        "not_report_heading": "To nie jest sposób na zgłoszenie przestępstwa ani złożenie skargi",
        "emergency": "W nagłych wypadkach dzwoń pod 999.",
        "report": "Zgłoś przestępstwo: zadzwoń pod 101 lub zgłoś je online",
        "complaint": "Złóż skargę na policję",
        "language": "Język",
        "continue": "Dalej",
        "equality_title": "O Tobie",
        "equality_intro": (
            "Te pytania nie są obowiązkowe. Pomagają nam sprawdzić, czy słyszymy głos "
            "wszystkich. Twoich odpowiedzi nie można użyć do ustalenia Twojej tożsamości."
        ),
        "submit": "Wyślij opinię",
        "skip": "Pomiń te pytania i wyślij",
        "error_summary": "Wystąpił problem",
        "error_overall": "Wybierz, jak oceniasz obsługę",
        "error_comment_long": "Odpowiedź może mieć najwyżej 2000 znaków",
        "thanks_title": "Dziękujemy za opinię",
        "thanks_body": (
            "Twoje odpowiedzi pomagają policji lepiej traktować ofiary przestępstw. "
            "Nie odpowiadamy na opinie."
        ),
        "rights_heading": "Twoje prawa jako ofiary przestępstwa",
        "rights_body": (
            "Kodeks ofiar (Victims' Code) daje Ci 12 praw, w tym prawo do informacji o "
            "sprawie i do skierowania do wsparcia."
        ),
        "rights_link": "Przeczytaj o swoich prawach",
        "support_heading": "Wsparcie w Twojej okolicy",
        "support_body": (
            "Bezpłatne i poufne wsparcie jest dostępne bez względu na to, czy zgłosiłeś(-aś) "
            "przestępstwo."
        ),
        "support_link": "Znajdź usługi wsparcia",
        "optional": "opcjonalnie",
        "exit_page": "Opuść tę stronę",
        "rate_limited": "Wysłano zbyt wiele opinii w krótkim czasie. Spróbuj ponownie za kilka minut.",
        "expired": "Formularz wygasł. Sprawdź swoje odpowiedzi i wyślij ponownie.",
    },
    "ro": {
        "start_title": "Spuneți-ne cum a fost contactul cu poliția",
        "intro": "Durează aproximativ 2 minute. Nu trebuie să vă spuneți numele.",
        "not_report_heading": "Acesta nu este modul de a raporta o infracțiune sau de a depune o plângere",
        "emergency": "În caz de urgență, sunați la 999.",
        "report": "Raportați o infracțiune: sunați la 101 sau raportați online",
        "complaint": "Depuneți o plângere împotriva poliției",
        "language": "Limba",
        "continue": "Continuați",
        "equality_title": "Despre dumneavoastră",
        "equality_intro": (
            "Aceste întrebări sunt opționale. Ne ajută să verificăm că auzim părerea "
            "tuturor. Răspunsurile nu pot fi folosite pentru a vă identifica."
        ),
        "submit": "Trimiteți părerea",
        "skip": "Săriți peste aceste întrebări și trimiteți",
        "error_summary": "Există o problemă",
        "error_overall": "Alegeți cât de bun a fost serviciul",
        "error_comment_long": "Răspunsul trebuie să aibă cel mult 2000 de caractere",
        "thanks_title": "Vă mulțumim pentru părere",
        "thanks_body": (
            "Răspunsurile dumneavoastră ajută poliția să trateze mai bine victimele "
            "infracțiunilor. Nu răspundem la păreri."
        ),
        "rights_heading": "Drepturile dumneavoastră ca victimă a unei infracțiuni",
        "rights_body": (
            "Codul victimelor (Victims' Code) vă oferă 12 drepturi, inclusiv dreptul de a fi "
            "informat(ă) și de a fi îndrumat(ă) către sprijin."
        ),
        "rights_link": "Citiți despre drepturile dumneavoastră",
        "support_heading": "Sprijin în apropiere",
        "support_body": (
            "Sprijin gratuit și confidențial este disponibil indiferent dacă ați raportat "
            "sau nu infracțiunea."
        ),
        "support_link": "Găsiți servicii de sprijin",
        "optional": "opțional",
        "exit_page": "Părăsiți această pagină",
        "rate_limited": (
            "Ați trimis multe păreri într-un timp scurt. Încercați din nou peste câteva minute."
        ),
        "expired": "Formularul a expirat. Verificați răspunsurile și trimiteți din nou.",
    },
    "bn": {
        "start_title": "পুলিশের সাথে আপনার যোগাযোগ সম্পর্কে আমাদের বলুন",
        "intro": "এতে প্রায় ২ মিনিট লাগবে। আপনাকে নাম দিতে হবে না।",
        "not_report_heading": "এটি অপরাধের রিপোর্ট বা অভিযোগ করার উপায় নয়",
        "emergency": "জরুরি অবস্থায় ৯৯৯ নম্বরে কল করুন।",
        "report": "অপরাধের রিপোর্ট করুন: ১০১ নম্বরে কল করুন বা অনলাইনে রিপোর্ট করুন",
        "complaint": "পুলিশের বিরুদ্ধে অভিযোগ করুন",
        "language": "ভাষা",
        "continue": "এগিয়ে যান",
        "equality_title": "আপনার সম্পর্কে",
        "equality_intro": (
            "এই প্রশ্নগুলো ঐচ্ছিক। এগুলো আমাদের সবার কথা শুনছি কিনা তা যাচাই করতে সাহায্য করে। "
            "আপনার উত্তর দিয়ে আপনাকে শনাক্ত করা যাবে না।"
        ),
        "submit": "মতামত পাঠান",
        "skip": "এই প্রশ্নগুলো বাদ দিয়ে পাঠান",
        "error_summary": "একটি সমস্যা হয়েছে",
        "error_overall": "সেবা কেমন ছিল তা বেছে নিন",
        "error_comment_long": "উত্তর ২০০০ অক্ষরের বেশি হতে পারবে না",
        "thanks_title": "আপনার মতামতের জন্য ধন্যবাদ",
        "thanks_body": (
            "আপনার উত্তর পুলিশকে অপরাধের শিকার মানুষের সাথে আরও ভালো আচরণ করতে সাহায্য করে। "
            "আমরা মতামতের উত্তর দিই না।"
        ),
        "rights_heading": "অপরাধের শিকার হিসেবে আপনার অধিকার",
        "rights_body": (
            "ভিক্টিমস কোড (Victims' Code) আপনাকে ১২টি অধিকার দেয়, যার মধ্যে তথ্য জানার এবং "
            "সহায়তার জন্য রেফার হওয়ার অধিকার রয়েছে।"
        ),
        "rights_link": "আপনার অধিকার সম্পর্কে পড়ুন",
        "support_heading": "আপনার কাছাকাছি সহায়তা",
        "support_body": "আপনি অপরাধের রিপোর্ট করুন বা না করুন, বিনামূল্যে গোপনীয় সহায়তা পাওয়া যায়।",
        "support_link": "সহায়তা পরিষেবা খুঁজুন",
        "optional": "ঐচ্ছিক",
        "exit_page": "এই পৃষ্ঠা থেকে বের হন",
        "rate_limited": "অল্প সময়ে অনেক মতামত পাঠানো হয়েছে। কয়েক মিনিট পরে আবার চেষ্টা করুন।",
        "expired": "ফর্মের মেয়াদ শেষ হয়েছে। আপনার উত্তর দেখে আবার পাঠান।",
    },
    "pt": {
        "start_title": "Conte-nos como foi o seu contacto com a polícia",
        "intro": "Demora cerca de 2 minutos. Não precisa de dar o seu nome.",
        "not_report_heading": "Esta não é a forma de denunciar um crime ou apresentar uma queixa",
        "emergency": "Em caso de emergência, ligue 999.",
        "report": "Denuncie um crime: ligue 101 ou faça a denúncia online",
        "complaint": "Apresente uma queixa sobre a polícia",
        "language": "Idioma",
        "continue": "Continuar",
        "equality_title": "Sobre si",
        "equality_intro": (
            "Estas perguntas são opcionais. Ajudam-nos a confirmar que ouvimos todas as "
            "pessoas. As suas respostas não podem ser usadas para o(a) identificar."
        ),
        "submit": "Enviar opinião",
        "skip": "Saltar estas perguntas e enviar",
        "error_summary": "Há um problema",
        "error_overall": "Escolha como foi o serviço",
        "error_comment_long": "A resposta deve ter no máximo 2000 caracteres",
        "thanks_title": "Obrigado pela sua opinião",
        "thanks_body": (
            "As suas respostas ajudam a polícia a tratar melhor as vítimas de crime. "
            "Não respondemos às opiniões."
        ),
        "rights_heading": "Os seus direitos como vítima de crime",
        "rights_body": (
            "O Código das Vítimas (Victims' Code) dá-lhe 12 direitos, incluindo o direito a ser "
            "informado(a) e a ser encaminhado(a) para apoio."
        ),
        "rights_link": "Leia os seus direitos",
        "support_heading": "Apoio perto de si",
        "support_body": (
            "Há apoio gratuito e confidencial, quer tenha denunciado o crime quer não."
        ),
        "support_link": "Encontrar serviços de apoio",
        "optional": "opcional",
        "exit_page": "Sair desta página",
        "rate_limited": (
            "Foram enviadas muitas opiniões em pouco tempo. Tente novamente daqui a alguns minutos."
        ),
        "expired": "O formulário expirou. Verifique as suas respostas e envie novamente.",
    },
    "es": {
        "start_title": "Cuéntenos cómo fue su contacto con la policía",
        "intro": "Tarda unos 2 minutos. No tiene que dar su nombre.",
        "not_report_heading": "Esta no es la forma de denunciar un delito ni de presentar una queja",
        "emergency": "En caso de emergencia, llame al 999.",
        "report": "Denuncie un delito: llame al 101 o hágalo en línea",
        "complaint": "Presente una queja sobre la policía",
        "language": "Idioma",
        "continue": "Continuar",
        "equality_title": "Sobre usted",
        "equality_intro": (
            "Estas preguntas son opcionales. Nos ayudan a comprobar que escuchamos a todas "
            "las personas. Sus respuestas no se pueden usar para identificarle."
        ),
        "submit": "Enviar opinión",
        "skip": "Saltar estas preguntas y enviar",
        "error_summary": "Hay un problema",
        "error_overall": "Elija qué tal fue el servicio",
        "error_comment_long": "La respuesta debe tener como máximo 2000 caracteres",
        "thanks_title": "Gracias por su opinión",
        "thanks_body": (
            "Sus respuestas ayudan a la policía a tratar mejor a las víctimas de delitos. "
            "No respondemos a las opiniones."
        ),
        "rights_heading": "Sus derechos como víctima de un delito",
        "rights_body": (
            "El Código de las Víctimas (Victims' Code) le da 12 derechos, entre ellos el "
            "derecho a estar informado/a y a ser derivado/a a servicios de apoyo."
        ),
        "rights_link": "Lea sus derechos",
        "support_heading": "Apoyo cerca de usted",
        "support_body": (
            "Hay apoyo gratuito y confidencial, haya denunciado el delito o no."
        ),
        "support_link": "Buscar servicios de apoyo",
        "optional": "opcional",
        "exit_page": "Salir de esta página",
        "rate_limited": (
            "Se han enviado muchas opiniones en poco tiempo. Inténtelo de nuevo en unos minutos."
        ),
        "expired": "El formulario ha caducado. Revise sus respuestas y envíelo de nuevo.",
    },
    "ar": {
        "start_title": "أخبرنا عن تواصلك مع الشرطة",
        "intro": "يستغرق ذلك حوالي دقيقتين. لا تحتاج إلى ذكر اسمك.",
        "not_report_heading": "هذه ليست الطريقة للإبلاغ عن جريمة أو تقديم شكوى",
        "emergency": "في حالات الطوارئ، اتصل بالرقم 999.",
        "report": "للإبلاغ عن جريمة: اتصل بالرقم 101 أو أبلغ عبر الإنترنت",
        "complaint": "قدّم شكوى بشأن الشرطة",
        "language": "اللغة",
        "continue": "متابعة",
        "equality_title": "معلومات عنك",
        "equality_intro": (
            "هذه الأسئلة اختيارية. تساعدنا على التأكد من أننا نسمع من الجميع. "
            "لا يمكن استخدام إجاباتك للتعرف على هويتك."
        ),
        "submit": "أرسل رأيك",
        "skip": "تخطَّ هذه الأسئلة وأرسل",
        "error_summary": "هناك مشكلة",
        "error_overall": "اختر مدى جودة الخدمة",
        "error_comment_long": "يجب ألا تزيد الإجابة على 2000 حرف",
        "thanks_title": "شكرًا لك على رأيك",
        "thanks_body": (
            "تساعد إجاباتك الشرطة على تحسين معاملة ضحايا الجرائم. لا نرد على الآراء."
        ),
        "rights_heading": "حقوقك كضحية لجريمة",
        "rights_body": (
            "يمنحك قانون الضحايا (Victims' Code) اثني عشر حقًا، منها الحق في أن تبقى على اطلاع "
            "والحق في الإحالة إلى خدمات الدعم."
        ),
        "rights_link": "اقرأ عن حقوقك",
        "support_heading": "الدعم بالقرب منك",
        "support_body": "يتوفر دعم مجاني وسري سواء أبلغت عن الجريمة أم لا.",
        "support_link": "ابحث عن خدمات الدعم",
        "optional": "اختياري",
        "exit_page": "اخرج من هذه الصفحة",
        "rate_limited": "أُرسلت آراء كثيرة في وقت قصير. حاول مرة أخرى بعد بضع دقائق.",
        "expired": "انتهت صلاحية النموذج. راجع إجاباتك وأرسلها مرة أخرى.",
    },
}


def seed(apps, schema_editor):
    Language = apps.get_model("feedback", "Language")
    Question = apps.get_model("feedback", "Question")
    QuestionText = apps.get_model("feedback", "QuestionText")
    FormText = apps.get_model("feedback", "FormText")
    languages = {language.code: language for language in Language.objects.all()}
    questions = {}
    for key, order, kind, section, required, choices in QUESTIONS:
        questions[key], _ = Question.objects.update_or_create(
            key=key,
            defaults={
                "order": order,
                "kind": kind,
                "section": section,
                "required": required,
                "choices": choices,
                "active": True,
            },
        )
    for code, texts in TEXTS.items():
        made_by_machine = code not in ("en", "cy")
        for key, (text, hint, labels) in texts.items():
            QuestionText.objects.update_or_create(
                question=questions[key],
                language=languages[code],
                defaults={
                    "text": text,
                    "hint": hint,
                    "choice_labels": labels,
                    "machine_translated": made_by_machine,
                    "reviewed": not made_by_machine,
                },
            )
    for code, texts in FORM_TEXTS.items():
        for key, text in texts.items():
            FormText.objects.update_or_create(
                key=key,
                language=languages[code],
                defaults={"text": text, "machine_translated": True, "reviewed": False},
            )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_seed_boroughs_languages_crime_types")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
