"""Reference data for the directory: the groups served and accessibility features, a small
postcode district (outward code) to borough lookup, and the short version of each Victims'
Code right in the eight leaflet languages. English and Welsh are written for the product;
the other six are machine-made and marked for review (docs/directory.md)."""

from django.db import migrations

GROUPS = [
    "young-people",
    "older-people",
    "lgbtq",
    "disabled-people",
    "deaf-people",
    "faith-communities",
    "women",
    "men",
]
ACCESSIBILITY = ["step-free", "hearing-loop", "bsl", "easy-read", "text-relay", "home-visits"]

# Outward code -> the borough most of the district lies in (districts can cross borough
# boundaries; this is a guide for searching, not an address lookup).
_D = {
    "tower-hamlets": "E1 E1W E2 E3 E14",
    "waltham-forest": "E4 E10 E11 E17",
    "hackney": "E5 E8 E9 N16",
    "newham": "E6 E7 E12 E13 E15 E16 E20",
    "redbridge": "E18 IG1 IG2 IG3 IG4 IG5 IG6 IG8 RM6",
    "islington": "EC1 N1 N5 N7 N19",
    "city-of-london": "EC2 EC3 EC4",
    "barnet": "N2 N3 N12 N20 NW4 NW7 NW9 NW11 EN4 EN5 HA8",
    "haringey": "N4 N6 N8 N10 N15 N17 N22",
    "enfield": "N9 N11 N13 N14 N18 N21 EN1 EN2 EN3",
    "camden": "NW1 NW3 NW5 WC1",
    "brent": "NW2 NW6 NW10 HA0 HA9",
    "westminster": "NW8 SW1 W1 W2 W9 WC2",
    "southwark": "SE1 SE5 SE15 SE16 SE17 SE21 SE22",
    "bexley": "SE2 DA5 DA6 DA7 DA8 DA14 DA15 DA16 DA17 DA18",
    "greenwich": "SE3 SE7 SE9 SE10 SE18 SE28",
    "lewisham": "SE4 SE6 SE8 SE12 SE13 SE14 SE23 SE26",
    "lambeth": "SE11 SE24 SE27 SW2 SW4 SW8 SW9 SW16",
    "croydon": "SE19 SE25 CR0 CR2 CR5 CR7 CR8",
    "bromley": "SE20 BR1 BR2 BR3 BR4 BR5 BR6 BR7",
    "kensington-and-chelsea": "SW3 SW5 SW7 SW10 W8 W10 W11",
    "hammersmith-and-fulham": "SW6 W6 W12 W14",
    "wandsworth": "SW11 SW12 SW15 SW17 SW18",
    "richmond-upon-thames": "SW13 SW14 TW1 TW2 TW9 TW10 TW11 TW12",
    "merton": "SW19 SW20 CR4 SM4",
    "ealing": "W3 W5 W7 W13 UB1 UB2 UB5 UB6",
    "hounslow": "W4 TW3 TW4 TW5 TW7 TW8 TW13 TW14",
    "harrow": "HA1 HA2 HA3 HA5 HA7",
    "hillingdon": "HA4 UB3 UB4 UB7 UB8 UB10",
    "barking-and-dagenham": "IG11 RM8 RM9 RM10",
    "kingston-upon-thames": "KT1 KT2 KT3 KT5 KT6 KT9",
    "sutton": "KT4 SM1 SM2 SM3 SM5 SM6",
    "havering": "RM1 RM2 RM3 RM5 RM7 RM11 RM12 RM13 RM14",
}
DISTRICTS = {outward: slug for slug, codes in _D.items() for outward in codes.split()}

# language -> [(title, short text) for rights 1..12]
SUMMARIES = {
    "en": [
        ("To be able to understand and to be understood", "You can get help to understand and be understood, including a free interpreter."),
        ("To have the details of the crime recorded without unjustified delay", "The police must record the crime without unjustified delay and tell you they have."),
        ("To be given information when you report the crime", "When you report a crime you must be told what happens next and where to get help."),
        ("To be referred to support services and have support that meets your needs", "You can be referred to services that support victims, with support that fits you."),
        ("To be given information about compensation", "You must be told how you may be able to get compensation."),
        ("To be given information about the investigation and prosecution", "You must be kept up to date about the investigation and any prosecution."),
        ("To make a Victim Personal Statement", "You can say in a statement how the crime has affected you."),
        ("To be given information about the trial and your role as a witness", "You must be told about the trial, how it works and your role as a witness."),
        ("To be given information about the offender after a conviction", "You must be told about the offender's sentence and any appeal."),
        ("To be paid expenses and have your property returned", "You can claim some expenses as a witness and get your property back."),
        ("To be given information about the offender's release", "You may be told about the offender's release through the Victim Contact Scheme."),
        ("To make a complaint if your rights are not met", "You can complain if you do not get your rights."),
    ],
    "cy": [
        ("Cael deall a chael eich deall", "Gallwch gael help i ddeall ac i gael eich deall, gan gynnwys cyfieithydd am ddim."),
        ("Cael cofnodi manylion y drosedd heb oedi diangen", "Rhaid i'r heddlu gofnodi'r drosedd heb oedi diangen a dweud wrthych eu bod wedi gwneud hynny."),
        ("Cael gwybodaeth pan fyddwch yn rhoi gwybod am y drosedd", "Pan fyddwch yn rhoi gwybod am drosedd, rhaid dweud wrthych beth sy'n digwydd nesaf a ble i gael help."),
        ("Cael eich atgyfeirio at wasanaethau cymorth a chael cymorth sy'n diwallu eich anghenion", "Gallwch gael eich atgyfeirio at wasanaethau sy'n cefnogi dioddefwyr, gyda chymorth sy'n addas i chi."),
        ("Cael gwybodaeth am iawndal", "Rhaid dweud wrthych sut y gallech gael iawndal."),
        ("Cael gwybodaeth am yr ymchwiliad a'r erlyniad", "Rhaid rhoi'r wybodaeth ddiweddaraf i chi am yr ymchwiliad ac unrhyw erlyniad."),
        ("Gwneud Datganiad Personol Dioddefwr", "Gallwch ddweud mewn datganiad sut mae'r drosedd wedi effeithio arnoch."),
        ("Cael gwybodaeth am yr achos llys a'ch rôl fel tyst", "Rhaid dweud wrthych am yr achos llys, sut mae'n gweithio a'ch rôl fel tyst."),
        ("Cael gwybodaeth am y troseddwr ar ôl euogfarn", "Rhaid dweud wrthych am ddedfryd y troseddwr ac unrhyw apêl."),
        ("Cael treuliau a chael eich eiddo yn ôl", "Gallwch hawlio rhai treuliau fel tyst a chael eich eiddo yn ôl."),
        ("Cael gwybodaeth am ryddhau'r troseddwr", "Efallai y cewch wybod am ryddhau'r troseddwr drwy'r Cynllun Cyswllt â Dioddefwyr."),
        ("Gwneud cwyn os na chewch eich hawliau", "Gallwch gwyno os na chewch eich hawliau."),
    ],
    "pl": [
        ("Prawo do rozumienia i bycia rozumianym", "Możesz otrzymać pomoc, aby rozumieć i być rozumianym, w tym bezpłatnego tłumacza."),
        ("Prawo do zarejestrowania przestępstwa bez nieuzasadnionej zwłoki", "Policja musi zarejestrować przestępstwo bez nieuzasadnionej zwłoki i poinformować Cię o tym."),
        ("Prawo do informacji przy zgłoszeniu przestępstwa", "Przy zgłoszeniu przestępstwa musisz otrzymać informację, co będzie dalej i gdzie szukać pomocy."),
        ("Prawo do skierowania do służb wsparcia i pomocy dostosowanej do Twoich potrzeb", "Możesz zostać skierowany do organizacji wspierających ofiary, z pomocą dopasowaną do Ciebie."),
        ("Prawo do informacji o odszkodowaniu", "Musisz otrzymać informację, jak możesz uzyskać odszkodowanie."),
        ("Prawo do informacji o śledztwie i postępowaniu karnym", "Musisz być na bieżąco informowany o śledztwie i ewentualnym oskarżeniu."),
        ("Prawo do złożenia Osobistego Oświadczenia Ofiary", "Możesz opisać w oświadczeniu, jak przestępstwo na Ciebie wpłynęło."),
        ("Prawo do informacji o procesie i Twojej roli jako świadka", "Musisz otrzymać informacje o procesie, jego przebiegu i Twojej roli jako świadka."),
        ("Prawo do informacji o sprawcy po skazaniu", "Musisz zostać poinformowany o wyroku wobec sprawcy i o apelacji."),
        ("Prawo do zwrotu kosztów i zwrotu mienia", "Jako świadek możesz odzyskać niektóre koszty i odzyskać swoje mienie."),
        ("Prawo do informacji o zwolnieniu sprawcy", "Możesz otrzymać informację o zwolnieniu sprawcy w ramach Victim Contact Scheme."),
        ("Prawo do złożenia skargi, jeśli Twoje prawa nie są przestrzegane", "Możesz złożyć skargę, jeśli nie otrzymasz przysługujących Ci praw."),
    ],
    "ro": [
        ("Dreptul de a înțelege și de a fi înțeles", "Puteți primi ajutor pentru a înțelege și a fi înțeles, inclusiv un interpret gratuit."),
        ("Dreptul ca detaliile infracțiunii să fie înregistrate fără întârzieri nejustificate", "Poliția trebuie să înregistreze infracțiunea fără întârzieri nejustificate și să vă spună că a făcut-o."),
        ("Dreptul de a primi informații când raportați infracțiunea", "Când raportați o infracțiune, trebuie să vi se spună ce urmează și unde puteți primi ajutor."),
        ("Dreptul de a fi îndrumat către servicii de sprijin adaptate nevoilor dumneavoastră", "Puteți fi îndrumat către servicii care sprijină victimele, cu ajutor potrivit pentru dumneavoastră."),
        ("Dreptul de a primi informații despre despăgubiri", "Trebuie să vi se spună cum ați putea obține despăgubiri."),
        ("Dreptul de a primi informații despre anchetă și urmărirea penală", "Trebuie să fiți ținut la curent cu ancheta și cu orice urmărire penală."),
        ("Dreptul de a face o Declarație Personală a Victimei", "Puteți spune într-o declarație cum v-a afectat infracțiunea."),
        ("Dreptul de a primi informații despre proces și rolul dumneavoastră ca martor", "Trebuie să vi se spună despre proces, cum se desfășoară și rolul dumneavoastră ca martor."),
        ("Dreptul de a primi informații despre infractor după condamnare", "Trebuie să vi se spună care este pedeapsa infractorului și despre orice apel."),
        ("Dreptul de a vi se plăti cheltuielile și de a vă recupera bunurile", "Ca martor puteți cere decontarea unor cheltuieli și vă puteți recupera bunurile."),
        ("Dreptul de a primi informații despre eliberarea infractorului", "Puteți afla despre eliberarea infractorului prin Victim Contact Scheme."),
        ("Dreptul de a face o plângere dacă drepturile nu vă sunt respectate", "Puteți face o plângere dacă nu vă primiți drepturile."),
    ],
    "bn": [
        ("বোঝার এবং বোঝানোর অধিকার", "আপনি বুঝতে ও নিজেকে বোঝাতে সাহায্য পেতে পারেন, বিনামূল্যে দোভাষী সহ।"),
        ("অযথা দেরি ছাড়াই অপরাধের বিবরণ নথিভুক্ত করার অধিকার", "পুলিশকে অযথা দেরি না করে অপরাধটি নথিভুক্ত করতে হবে এবং আপনাকে জানাতে হবে।"),
        ("অপরাধের খবর দেওয়ার সময় তথ্য পাওয়ার অধিকার", "অপরাধের খবর দিলে আপনাকে জানাতে হবে এরপর কী হবে এবং কোথায় সাহায্য পাবেন।"),
        ("সহায়তা সেবায় পাঠানো এবং আপনার প্রয়োজন অনুযায়ী সহায়তা পাওয়ার অধিকার", "আপনাকে ভুক্তভোগীদের সহায়তাকারী সেবায় পাঠানো যেতে পারে, আপনার উপযোগী সহায়তা সহ।"),
        ("ক্ষতিপূরণ সম্পর্কে তথ্য পাওয়ার অধিকার", "আপনি কীভাবে ক্ষতিপূরণ পেতে পারেন তা আপনাকে জানাতে হবে।"),
        ("তদন্ত ও বিচার সম্পর্কে তথ্য পাওয়ার অধিকার", "তদন্ত ও যেকোনো মামলা সম্পর্কে আপনাকে নিয়মিত জানাতে হবে।"),
        ("ভুক্তভোগীর ব্যক্তিগত বিবৃতি দেওয়ার অধিকার", "অপরাধটি আপনার উপর কী প্রভাব ফেলেছে তা আপনি একটি বিবৃতিতে বলতে পারেন।"),
        ("বিচার এবং সাক্ষী হিসেবে আপনার ভূমিকা সম্পর্কে তথ্য পাওয়ার অধিকার", "বিচার, এর প্রক্রিয়া এবং সাক্ষী হিসেবে আপনার ভূমিকা সম্পর্কে আপনাকে জানাতে হবে।"),
        ("দোষী সাব্যস্ত হওয়ার পর অপরাধী সম্পর্কে তথ্য পাওয়ার অধিকার", "অপরাধীর সাজা এবং কোনো আপিল সম্পর্কে আপনাকে জানাতে হবে।"),
        ("খরচ পাওয়া এবং সম্পত্তি ফেরত পাওয়ার অধিকার", "সাক্ষী হিসেবে আপনি কিছু খরচ দাবি করতে এবং আপনার সম্পত্তি ফেরত পেতে পারেন।"),
        ("অপরাধীর মুক্তি সম্পর্কে তথ্য পাওয়ার অধিকার", "Victim Contact Scheme-এর মাধ্যমে আপনি অপরাধীর মুক্তির খবর পেতে পারেন।"),
        ("অধিকার না পেলে অভিযোগ করার অধিকার", "আপনার অধিকার না পেলে আপনি অভিযোগ করতে পারেন।"),
    ],
    "pt": [
        ("Direito a compreender e a ser compreendido", "Pode obter ajuda para compreender e ser compreendido, incluindo um intérprete gratuito."),
        ("Direito a que os detalhes do crime sejam registados sem atrasos injustificados", "A polícia tem de registar o crime sem atrasos injustificados e informá-lo de que o fez."),
        ("Direito a receber informação quando denuncia o crime", "Quando denuncia um crime, tem de ser informado do que acontece a seguir e onde pedir ajuda."),
        ("Direito a ser encaminhado para serviços de apoio adaptados às suas necessidades", "Pode ser encaminhado para serviços de apoio às vítimas, com apoio adequado a si."),
        ("Direito a receber informação sobre indemnização", "Tem de ser informado sobre como pode obter uma indemnização."),
        ("Direito a receber informação sobre a investigação e a acusação", "Tem de ser mantido informado sobre a investigação e qualquer acusação."),
        ("Direito a fazer uma Declaração Pessoal da Vítima", "Pode dizer numa declaração como o crime o afetou."),
        ("Direito a receber informação sobre o julgamento e o seu papel como testemunha", "Tem de ser informado sobre o julgamento, como funciona e o seu papel como testemunha."),
        ("Direito a receber informação sobre o autor do crime após a condenação", "Tem de ser informado sobre a pena do autor do crime e qualquer recurso."),
        ("Direito ao reembolso de despesas e à devolução dos seus bens", "Como testemunha pode pedir o reembolso de algumas despesas e recuperar os seus bens."),
        ("Direito a receber informação sobre a libertação do autor do crime", "Pode ser informado da libertação do autor do crime através do Victim Contact Scheme."),
        ("Direito a apresentar queixa se os seus direitos não forem respeitados", "Pode apresentar queixa se não receber os seus direitos."),
    ],
    "es": [
        ("Derecho a entender y a ser entendido", "Puede recibir ayuda para entender y ser entendido, incluido un intérprete gratuito."),
        ("Derecho a que los detalles del delito se registren sin demoras injustificadas", "La policía debe registrar el delito sin demoras injustificadas y decirle que lo ha hecho."),
        ("Derecho a recibir información al denunciar el delito", "Al denunciar un delito, deben decirle qué pasará después y dónde puede obtener ayuda."),
        ("Derecho a ser derivado a servicios de apoyo adaptados a sus necesidades", "Puede ser derivado a servicios de apoyo a víctimas, con una ayuda adecuada para usted."),
        ("Derecho a recibir información sobre indemnizaciones", "Deben decirle cómo podría obtener una indemnización."),
        ("Derecho a recibir información sobre la investigación y el procesamiento", "Deben mantenerle informado sobre la investigación y cualquier procesamiento."),
        ("Derecho a hacer una Declaración Personal de la Víctima", "Puede explicar en una declaración cómo le ha afectado el delito."),
        ("Derecho a recibir información sobre el juicio y su papel como testigo", "Deben informarle sobre el juicio, cómo funciona y su papel como testigo."),
        ("Derecho a recibir información sobre el autor del delito tras la condena", "Deben informarle de la condena del autor del delito y de cualquier recurso."),
        ("Derecho al pago de gastos y a la devolución de sus bienes", "Como testigo puede reclamar algunos gastos y recuperar sus bienes."),
        ("Derecho a recibir información sobre la puesta en libertad del autor del delito", "Puede ser informado de la puesta en libertad del autor del delito a través del Victim Contact Scheme."),
        ("Derecho a presentar una queja si no se respetan sus derechos", "Puede presentar una queja si no recibe sus derechos."),
    ],
    "ar": [
        ("الحق في أن تفهم وأن تُفهَم", "يمكنك الحصول على مساعدة لتفهم وتُفهَم، بما في ذلك مترجم فوري مجاني."),
        ("الحق في تسجيل تفاصيل الجريمة دون تأخير غير مبرر", "يجب على الشرطة تسجيل الجريمة دون تأخير غير مبرر وإبلاغك بذلك."),
        ("الحق في الحصول على معلومات عند الإبلاغ عن الجريمة", "عند الإبلاغ عن جريمة، يجب إخبارك بما سيحدث بعد ذلك وأين تجد المساعدة."),
        ("الحق في الإحالة إلى خدمات الدعم والحصول على دعم يلبي احتياجاتك", "يمكن إحالتك إلى خدمات تدعم الضحايا، مع دعم يناسبك."),
        ("الحق في الحصول على معلومات عن التعويض", "يجب إخبارك بكيفية الحصول على تعويض."),
        ("الحق في الحصول على معلومات عن التحقيق والملاحقة القضائية", "يجب إطلاعك باستمرار على التحقيق وأي ملاحقة قضائية."),
        ("الحق في تقديم بيان شخصي للضحية", "يمكنك أن تقول في بيان كيف أثرت الجريمة عليك."),
        ("الحق في الحصول على معلومات عن المحاكمة ودورك كشاهد", "يجب إخبارك عن المحاكمة وكيف تسير ودورك كشاهد."),
        ("الحق في الحصول على معلومات عن الجاني بعد الإدانة", "يجب إخبارك بالحكم الصادر على الجاني وبأي استئناف."),
        ("الحق في دفع النفقات واسترداد ممتلكاتك", "يمكنك كشاهد المطالبة ببعض النفقات واسترداد ممتلكاتك."),
        ("الحق في الحصول على معلومات عن إطلاق سراح الجاني", "قد تُبلَّغ بإطلاق سراح الجاني من خلال برنامج التواصل مع الضحايا (Victim Contact Scheme)."),
        ("الحق في تقديم شكوى إذا لم تحصل على حقوقك", "يمكنك تقديم شكوى إذا لم تحصل على حقوقك."),
    ],
}
WRITTEN_FOR_THE_PRODUCT = {"en", "cy"}


def seed(apps, schema_editor):
    GroupServed = apps.get_model("directory", "GroupServed")
    AccessibilityFeature = apps.get_model("directory", "AccessibilityFeature")
    PostcodeDistrict = apps.get_model("directory", "PostcodeDistrict")
    RightSummary = apps.get_model("directory", "RightSummary")
    Borough = apps.get_model("feedback", "Borough")
    Language = apps.get_model("feedback", "Language")
    for key in GROUPS:
        GroupServed.objects.get_or_create(key=key)
    for key in ACCESSIBILITY:
        AccessibilityFeature.objects.get_or_create(key=key)
    boroughs = {b.slug: b for b in Borough.objects.all()}
    for outward, slug in DISTRICTS.items():
        if slug in boroughs:
            PostcodeDistrict.objects.update_or_create(
                outward=outward, defaults={"borough": boroughs[slug]}
            )
    languages = {language.code: language for language in Language.objects.all()}
    for code, rows in SUMMARIES.items():
        if code not in languages:
            continue
        for number, (title, text) in enumerate(rows, start=1):
            RightSummary.objects.update_or_create(
                number=number,
                language=languages[code],
                defaults={
                    "title": title,
                    "text": text,
                    "machine_translated": code not in WRITTEN_FOR_THE_PRODUCT,
                    "reviewed": code == "en",
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_support_directory"),
        ("feedback", "0002_seed_boroughs_languages_crime_types"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
