"""Person names, found offline: a gazetteer plus context cues.

The gazetteer is built once, on first use, from the first-name and surname lists that Faker
(a runtime dependency) ships for the English-speaking locales and the communities most
often met in UK casework. No model is downloaded. A capitalised sequence is a name when:

- a title or rank comes before it ("Mrs Okafor", "DC Hughes", "Detective Sergeant Khan");
- a cue comes before it ("my name is", "called", "named", "my neighbour", "the suspect");
- it starts with a known first name ("Gary", "Gary Mitchell"), unless that first name is
  also an ordinary word or a place ("Will", "May", "Victoria") and nothing else supports it;
- it is two or three capitalised words ending in a known surname ("Zeynep Yilmaz").

It is not a name when it is a day, month, place or organisation word, or is followed by
one ("Victoria station", "Leeds Crown Court").
"""

import importlib
import re
from functools import cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GAZETTEER_LOCALES = (
    "en_GB",
    "en_US",
    "en_IE",
    "ga_IE",
    "en_IN",
    "en_PK",
    "en_NZ",
    "en_NG",
    "yo_NG",
    "ig_NG",
    "pl_PL",
    "ro_RO",
)

TITLES = _words(
    """mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend father
    pc dc ps ds di dci dsu dcs supt superintendent sgt sergeant insp inspector constable
    detective officer pcso cllr councillor nurse judge chief"""
)
# Words before a name that make a capitalised word a name even if it is not in the gazetteer.
_CUE = re.compile(
    r"(?:\bmy name is|\bname is|\bname's|\bnamed|\bcalled|\bknown as|\baka|\bsigned|"
    r"\bhi|\bhiya|\bhello|\bdear|\bsorry|\bcheers|\bbye|\bmorning|\bevening|\bi am|\bi'm|\bi’m|\bthis is|\bit's|\bit’s|\bit is|\bits|\bask for|\basked for|\basking for|"
    r"\bvictim (?:was|is)|\bwitness (?:was|is)|\bsuspect (?:was|is)|\bspoke to|\bspoken to|\bspeak to|\bspeaking to|\btalked to|"
    r"\bmet with|\bcontact|\bthanks to|\bthank you to|\bthanks|\bthank you|\bcc|\bfrom|"
    r"\b(?:my|his|her|their|our|the|a)\s+(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|"
    r"son|daughter|brother|sister|mum|mother|dad|father|friend|boyfriend|girlfriend|colleague|"
    r"landlord|landlady|carer|uncle|aunt|auntie|cousin|nephew|niece|child|grandson|granddaughter|"
    r"neighbour|neighbours|stepdad|stepmum|stepson|stepdaughter|flatmate|housemate|manager|boss|"
    r"suspect|offender|perpetrator|witness|victim|caseworker|case worker|support worker|advocate|"
    r"isva|idva|facilitator|officer|oic|investigating officer|liaison officer|solicitor|"
    r"social worker|key worker|teacher|doctor|gp|employer|attacker|abuser)"
    r"(?:,?\s+(?:called|named|is|was))?|"
    r"\b(?:victim|witness|suspect|offender|attendees|present|apologies|facilitator|officer|chair|action|actions|owner|lead|"
    r"minutes|notes by|reviewer|author|name|names|contact|details|from|to|cc|bcc|re)\s*:|"
    r"\b(?:suspect|victim|witness|offender|complainant|defendant|perpetrator|accused|"
    r"facilitator|caller|reporter|informant|oic|chair))"
    r"[\s,]*$",
    re.IGNORECASE,
)

# Capitalised words that are not names on their own: days, months, places, organisations.
_NOT_NAMES = _words(
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
    primary secondary high infant junior nursery"""
)
# First names that are also months, places, brands or titles: they need a cue or a
# following surname wherever they stand ("Victoria station", "in May", "Sky broadband").
_PLACE_LIKE_FIRST = _words(
    """may june april august victoria chelsea paris florence sydney jordan lincoln preston
    chester kingston austin carlisle clifton mercedes christian sky king prince princess
    major earl duke baron royal noble unique precious destiny star storm rain river"""
)
# First names that are also ordinary English words: at the start of a sentence they need a
# cue or a following surname ("Will you call me", "Mark my words", "Grace period").
_WORDLIKE_FIRST = _words(
    """will bill mark summer autumn winter dawn faith hope joy grace rose ruby amber crystal
    holly ivy daisy poppy heather jasmine iris violet frank guy don ray gene dean pat sue
    rob jack bob art kerry brook brooke angel page hunter porter cook miller taylor baker
    carter mason parker cooper ward young long white brown black green gray grey wood hill
    hall moore lee west north rich penny buck chase chip clay cliff dale drew gale glen
    grant heath herb jay jewel lane lance laurel max miles misty olive pearl rusty sandy
    stone wade woody sonny"""
)
# A run starting with one of these is a place ("South Shields", "New Malden").
_PLACE_PREFIX = _words(
    "north south east west upper lower great little new old st saint port fort mount lake"
)

_FUNCTION_WORDS = _words(
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
    officer officers detective constable sergeant inspector"""
)

# A verb of speaking or contact right after an unknown capitalised word makes it a name
# ("as Nico asked", "Marieluise rang from ...").
_VERB_AFTER = re.compile(
    r"^['’]?s?\s+(?:rang|said|says|asked|asks|told|called|texted|emailed|phoned|messaged|agreed|"
    r"explained|confirmed|replied|promised|wrote|spoke|shouted|threatened|apologised|admitted|"
    r"raised|reported|mentioned|noted|shared|wants|wanted|felt|feels|charged|arrested)\b"
)
# Place words that are also common surnames ("Joyce Hall", "Vanessa Hill").
_SURNAME_PLACE_WORDS = _words(
    "hall hill green wood woods field fields bridge bank heath moor church marsh"
)
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[A-Za-z]?,?\s+$")
# Between two names: "Liam and Alberto", "Kate Cox, Annette Tucker", "Ian Ali (chair), Jo Cox".
_JOINER = re.compile(r"^\s*(?:\([^()]{0,30}\))?\s*(?:,|&|and|or)\s*$")
_PARTICLES = frozenset(
    ("de", "van", "von", "da", "di", "del", "der", "den", "bin", "al", "el", "ibn", "le", "la")
)
# Before these even two unknown capitalised words are more often a place.
_PLACE_PREPOSITIONS = _words(
    """in at to from near into onto via outside inside towards toward around through across
    past behind opposite beside the a an of"""
)
# Endings of ordinary English nouns and adjectives, rare in names not in the lists.
_WORD_ENDING = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ence|ency|ancy|ship|hoods?|ism|ists?|ers|ings?|ive|ous|"
    r"ful|less|able|ible|ual|ial|sal|ary|ery|ory|ics|age|ure|sis|ger|ice)$"
)
# "a silver Focus", "the white Transit": a colour before a proper noun makes it a thing.
_COLOURS = _words(
    "white black red blue silver grey gray green yellow orange purple pink brown gold dark light"
)
# Before these an unknown capitalised word is more often a place or a thing than a person.
_PREPOSITIONS = _words(
    """in at to from near the a an on into onto of via outside inside towards toward around
    through across past behind opposite beside between over under up down off about this
    that these those our their his her my your its with per against"""
)
_RELATION = (
    r"(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|son|daughter|brother|sister|"
    r"mum|mother|dad|father|friend|boyfriend|girlfriend|colleague|landlord|landlady|carer|uncle|"
    r"aunt|auntie|cousin|nephew|niece|child|grandson|granddaughter|neighbour|stepdad|stepmum|"
    r"stepson|stepdaughter|flatmate|housemate|mate|manager|boss)"
)
_RELATION_BEFORE = re.compile(
    r"\b(?:my|his|her|their|our)\s+" + _RELATION + r"(?:,?\s+(?:called|named|is|was))?[\s,]*$",
    re.IGNORECASE,
)


def _lower_case_name(
    text: str, token: tuple[int, int, str], first: frozenset[str], common: frozenset[str]
) -> bool:
    """A first name written in lower case right after a relation ("my sister jade")."""
    word = token[2]
    if not word.islower() or word not in first or word in common:
        return False
    if word in _WORDLIKE_FIRST or word in _PLACE_LIKE_FIRST:
        return False
    return bool(_RELATION_BEFORE.search(text, max(0, token[0] - 40), token[0]))


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“(•*\-–]\s*|\n\s*)$")


@cache
def gazetteer() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames, common English words), all lower case."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in _GAZETTEER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:  # pragma: no cover - a Faker release without this locale
            continue
        for attr in dir(provider):
            if attr.startswith(("first_name", "last_name")) and not attr.endswith("s_"):
                value = getattr(provider, attr)
                if isinstance(value, (tuple, list, dict)):
                    target = first if attr.startswith("first") else last
                    target.update(
                        str(n).lower() for n in value if isinstance(n, str) and " " not in n
                    )
    from faker.providers.lorem.en_US import Provider as Lorem

    common = {w.lower() for w in Lorem.word_list} | _FUNCTION_WORDS
    last.discard("doe")
    # "Forum" and "Kent" are in some locales' lists; here they are not names on their own.
    first -= (_NOT_NAMES | PLACE_SUFFIX) - _PLACE_LIKE_FIRST
    return frozenset(first), frozenset(last), frozenset(common)


def _is_capitalised(token: str) -> bool:
    return len(token) > 1 and token[0].isupper() and not token.isupper()


def _caps_surname(token: str, last: frozenset[str], common: frozenset[str]) -> bool:
    """A surname in capitals, as police notes write them ("Jane SMITH", "Mr KOWALSKI")."""
    if not (token.isupper() and len(token) >= 3):
        return False
    lower = token.lower()
    return lower in last or (len(token) >= 5 and lower not in common and lower not in _NOT_NAMES)


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, confidence) of person names in text (titles left out of the span).
    Confidence is "high" after a title or cue, "medium" from the name lists, "low" for an
    unknown proper noun taken from its capitals and position alone."""
    first, last, common = gazetteer()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[tuple[int, int, str]] = []
    i = 0
    n = len(tokens)
    while i < n:
        start, end, word = tokens[i]
        # A run of titles ("Detective Sergeant", "Mr.").
        titled = False
        j = i
        while j < n and tokens[j][2].lower().rstrip(".") in TITLES:
            gap = text[tokens[j][1] : tokens[j + 1][0]] if j + 1 < n else ""
            if j + 1 < n and gap in (" ", ". ", ".\u00a0", "\u00a0", "  "):
                titled = True
                j += 1
            else:
                break
        if (
            titled
            and j < n
            and not _is_capitalised(tokens[j][2])
            and not _caps_surname(tokens[j][2], last, common)
            and not (tokens[j][2] in _PARTICLES and j + 1 < n and _is_capitalised(tokens[j + 1][2]))
        ):
            # "PC 1234", "Mr and Mrs": no name after the title.
            i = j
            continue
        if (
            not titled
            and not _is_capitalised(word)
            and _lower_case_name(text, tokens[i], first, common)
        ):
            found.append((start, end, "medium"))
            i += 1
            continue
        if not titled and (not _is_capitalised(word) or word.lower().rstrip(".") in TITLES):
            # A lower-case word, or a rank with no name after it ("Sgt 4984").
            i += 1
            continue
        # The run of capitalised words from j, joined by single spaces (or a particle).
        run = [j]
        k = j + 1
        while k < n and len(run) < 4:
            gap = text[tokens[k - 1][1] : tokens[k][0]]
            if gap != " " or tokens[k][2].lower().rstrip(".") in TITLES:
                break
            if (
                _is_capitalised(tokens[k][2])
                or (_caps_surname(tokens[k][2], last, common) and _is_capitalised(tokens[k - 1][2]))
            ) or (tokens[k][2] in _PARTICLES and k + 1 < n and _is_capitalised(tokens[k + 1][2])):
                run.append(k)
                k += 1
            else:
                break
        words = [_strip_possessive(tokens[r][2]) for r in run]
        lowers = [w.lower() for w in words]
        run_end = k
        # A place or organisation: the run ends with, or is followed by, a place word, or
        # starts with a compass word ("South Shields").
        following = tokens[run_end][2].lower() if run_end < n else ""
        follow_gap = text[tokens[run_end - 1][1] : tokens[run_end][0]] if run_end < n else ""
        # "Joyce Hall" is a person: a first name and a surname that is also a place word.
        person_like = (
            len(words) == 2
            and lowers[0] in first
            and lowers[0] not in _PLACE_LIKE_FIRST
            and lowers[1] in last
            and lowers[1] in _SURNAME_PLACE_WORDS
            and not _HOUSE_NUMBER_BEFORE.search(text, 0, tokens[run[0]][0])
        )
        is_place = (
            (len(words) > 1 and lowers[-1] in PLACE_SUFFIX and not person_like)
            or (follow_gap == " " and following in PLACE_SUFFIX)
            or (not titled and len(words) > 1 and lowers[0] in _PLACE_PREFIX)
        )
        if titled:
            is_place = len(words) > 1 and lowers[-1] in PLACE_SUFFIX
        # Drop leading ordinary words ("Yesterday Gary") unless they are titled names. After a
        # dropped place or organisation word the rest is part of it ("Victims' Code").
        after_org = False
        while (
            not titled
            and words
            and (lowers[0] in common or lowers[0] in _NOT_NAMES)
            and lowers[0] not in first
        ):
            after_org = after_org or lowers[0] in _NOT_NAMES
            run, words, lowers = run[1:], words[1:], lowers[1:]
        # Drop trailing ordinary words, places and organisations.
        while words and not (len(words) == 1 and titled):
            tail = lowers[-1]
            if (
                (tail in _NOT_NAMES or tail in PLACE_SUFFIX or tail in common)
                and tail not in last
                and not (len(words) == 1 and tail in first)
            ):
                run, words, lowers = run[:-1], words[:-1], lowers[:-1]
            else:
                break
        if not words or is_place:
            i = max(k, i + 1)
            continue
        first_tok = tokens[run[0]]
        before = text[max(0, first_tok[0] - 40) : first_tok[0]]
        sentence_start = first_tok[0] == 0 or bool(_SENTENCE_END.search(before))
        head = lowers[0]
        after = text[first_tok[0] + len(" ".join(words)) : first_tok[0] + len(" ".join(words)) + 30]
        gap_before = text[found[-1][1] : first_tok[0]] if found else ""
        joined = bool(_JOINER.match(gap_before)) and (
            "," not in gap_before or head in first or len(words) > 1
        )
        surname_follows = len(words) >= 2 and (lowers[1] in last or lowers[1] not in common)
        level = "medium"
        if titled:
            is_name, level = True, "high"
        elif head in _NOT_NAMES and head not in first:
            is_name = False
        elif joined or _CUE.search(before) or _VERB_AFTER.match(after):
            is_name, level = head not in common or head in first, "high"
        elif head in first:
            if head in _PLACE_LIKE_FIRST:
                is_name = len(words) >= 2 and lowers[1] in last
            elif sentence_start and (head in _WORDLIKE_FIRST or head in common):
                is_name = surname_follows
            else:
                is_name = True
        elif len(words) >= 2 and lowers[-1] in last and head not in common:
            is_name = True
        elif (
            after_org
            or any(w in common or w in _NOT_NAMES or w in PLACE_SUFFIX for w in lowers)
            or any(_WORD_ENDING.search(w) for w in lowers)
        ):
            # Unknown words from here on: not after an organisation word, and not shaped
            # like ordinary English words ("Universal Credit", "Safer Neighbourhoods").
            is_name = False
        elif any(not ch.isascii() for w in words for ch in w):
            # "István", "Pavlína Vítková": letters with diacritics in a capitalised word.
            is_name, level = True, "low"
        else:
            # An unknown proper noun mid-sentence, not after a preposition ("I want Lucie
            # to know", "agreed Jonas will"); after one it is more often a place.
            previous = tokens[run[0] - 1][2].lower() if run[0] > 0 else ""
            gap = text[tokens[run[0] - 1][1] : first_tok[0]] if run[0] > 0 else ""
            blocked = _PLACE_PREPOSITIONS if len(words) > 1 else _PREPOSITIONS
            level = "low"
            is_name = (
                not sentence_start
                and gap.strip() == ""
                and previous not in blocked
                and previous not in _COLOURS
                and not tokens[run[0] - 1][2][0].isupper()
            )
        if is_name:
            s = tokens[run[0]][0]
            e = tokens[run[-1]][0] + len(words[-1])
            found.append((s, e, level))
        i = max(k, i + 1)
    return found
