"""The words around a word that say whether it is a person's name: cues before it ("my
name is", "spoke to", "Surname:"), what follows it ("rang", "'s number", "from the victim
care team"), and the Welsh forms. Regular expressions only; redaction/names.py uses them.
"""

import re

# An adverb a person's verb may carry: "Rukhsana even remembered", "Dawn then rang".
ADVERB = r"(?:(?:even|also|then|still|just|never|always|really|finally|kindly)\s+)?"

# Words before a name that make a capitalised word a name even if it is not in the gazetteer.
CUE = re.compile(
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
    r"minutes|notes by|reviewer|author|name|names|contact|details|from|to|cc|bcc|re|"
    r"surname|forenames?|forename\(s\)|first name|given names?|family name|full name|"
    r"last name|middle names?|maiden name|known as|enw|cyfenw)\s*:|"
    r"\b(?:suspect|victim|witness|offender|complainant|defendant|perpetrator|accused|"
    r"facilitator|caller|reporter|informant|oic|chair|viw|ip))"
    r"[\s,]*$",
    re.IGNORECASE,
)
# A verb of speaking or contact right after an unknown capitalised word makes it a name
# ("as Nico asked", "Marieluise rang from ...").
VERB_AFTER = re.compile(
    # Someone from a team or service ("Dawit from the victim care team"), spoken to
    # ("Llinos, can you ...", "Rojda is bringing food"), or a family ("Kowalska family").
    r"^,?\s+(?:from\s+(?:the|victim|witness|police|housing|social|refuge)\b|"
    r"(?:can|could|would|will)\s+you\b|please\b|(?:is|was|are)\s+(?:bringing|coming|going|"
    r"doing|taking|making|helping|looking|staying|living|working|feeling|struggling|waiting|"
    r"hoping|asking|saying|trying)\b|family\b|household\b)|"
    r"^['’]?s?\s+"
    + ADVERB
    + r"(?:rang|said|says|asked|asks|told|called|texted|emailed|phoned|messaged|agreed|"
    r"explained|confirmed|replied|promised|wrote|spoke|shouted|threatened|apologised|admitted|"
    r"raised|reported|mentioned|noted|shared|wants|wanted|felt|feels|charged|arrested|"
    r"came|went|got|left|attended|arrived|gave|took|lives|lived|works|worked|stated|states|"
    r"disclosed|denied|needs|needed|attends|visited|received|declined|missed|answered|"
    r"returned|called|knows|thinks|thought|worries|worried|understands|understood)\b"
)
# A person's family, contact details or case after a possessive: "Sandeep's number",
# "Hodan's daughter".
RELATIVE_AFTER = re.compile(
    r"^['’]s\s+(?:(?:new|old|mobile|phone|home|email)\s+)?(?:number|phone|mobile|address|"
    r"email|mum|mother|dad|father|son|sons|daughter|daughters|wife|husband|partner|ex|brother|"
    r"sister|family|children|kids|baby|friend|boyfriend|girlfriend|carer|case|statement|"
    r"details|flat|house|car|phone)\b",
    re.IGNORECASE,
)
# "From" is a cue, but a weak one before a word that is also a place ("from Brent").
FROM_BEFORE = re.compile(r"\bfrom[\s,]*$", re.IGNORECASE)
# An auxiliary verb after two or more words: "Tesfaye Berhane did not attend", "Kwabena
# Asante is the victim's brother" (after one unknown word it is as often a thing:
# "Postcode is ...").
AUX_AFTER = re.compile(
    r"^['’]?s?\s+(?:was|is|has|had|did|didn't|does|doesn't|would|could|will|won't|can't|"
    r"cannot)\b"
)
# For a first name that is also a word ("Grace", "Dawn") at the start of a sentence, a
# past-tense verb after it: "Grace was upset", "Dawn sounded low" (not "Hope is ...").
PAST_AFTER = re.compile(
    r"^['’]?s?\s+"
    + ADVERB
    + r"(?:was|had|did|didn't|wasn't|hadn't|rang|said|asked|told|called|came|went|"
    r"got|left|felt|says|asks|wants|needs|thinks|feels|lives|works|[a-z]{3,}ed)\b"
)
# Welsh puts the verb first; a capitalised word after a past-tense verb ("Dywedodd Siân",
# "Nododd Iolo") or after "diolch i", "gyda", "â" is a person.
# A name and an age: "Kai, 17, said ...", "Joy (34)".
AGE_AFTER = re.compile(r"^\s*(?:,\s*|\(\s*)(?:aged\s+)?\d{1,2}\s*[,)]")
WELSH_VERB = re.compile(r"[a-zâêîôûŵŷ]{3,}odd$")
WELSH_CUE = re.compile(
    r"(?:\b[a-zâêîôûŵŷ]+odd|\bdiolch i|\bdiolch|\bgyda|\bâ|\bfy enw (?:i )?yw|\benw|\bmae|"
    r"\broedd|\bbydd|\bffonio)[\s,]*$",
    re.IGNORECASE,
)
HOUSE_NUMBER_BEFORE = re.compile(r"\d[A-Za-z]?,?\s+$")
# Between two names: "Liam and Alberto", "Kate Cox, Annette Tucker", "Ian Ali (chair), Jo Cox".
# A nickname in brackets after a name is one too: "Yonatan Haile (Yoni)".
INNER_CAPITAL = re.compile(r"^(?:Mac|Mc|O['’]|D['’]|Di|De|Fitz)[A-Z]")
# A past-tense verb with a person's object after an unknown word starting a sentence:
# "Rukhsana even remembered my children's names" (not "Callback requested on Monday").
ED_AFTER = re.compile(
    r"^\s+" + ADVERB + r"[a-z]{3,}ed"
    r"\s+(?:me|my|us|our|him|his|her|them|their|everything|everyone)\b"
)
PLACE_LABEL = re.compile(
    r"\b(?:town|city|county|borough|area|district|village|tref|sir)\s*:\s*$", re.IGNORECASE
)
AND_AFTER = re.compile(r"\s*(?:and|&)\s*$")
LIST_NEXT = re.compile(r"^\s*(?:,|\(|and\b|&)")
JOINER = re.compile(r"^\s*(?:\([^()]{0,30}\))?\s*(?:,|&|and|or)\s*$|^\s*\(\s*$")
# Endings of ordinary English nouns and adjectives, rare in names not in the lists.
WORD_ENDING = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ence|ency|ancy|ship|hoods?|ism|ists?|ers|ings?|ive|ous|"
    r"ful|less|able|ible|ual|ial|sal|ary|ery|ory|ics|age|ure|sis|ger|ice)$"
)
RELATION = (
    r"(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|son|daughter|brother|sister|"
    r"mum|mother|dad|father|friend|boyfriend|girlfriend|colleague|landlord|landlady|carer|uncle|"
    r"aunt|auntie|cousin|nephew|niece|child|grandson|granddaughter|neighbour|stepdad|stepmum|"
    r"stepson|stepdaughter|flatmate|housemate|mate|manager|boss)"
)
RELATION_BEFORE = re.compile(
    r"\b(?:my|his|her|their|our)\s+" + RELATION + r"(?:,?\s+(?:called|named|is|was))?[\s,]*$",
    re.IGNORECASE,
)
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“(•*\-–]\s*|\n\s*)$")
# A form's name field, before a value written in capitals.
FORM_LABEL = re.compile(
    r"\b(?:surname|forenames?|forename\(s\)|first name|given names?|family name|full name|"
    r"last name|middle names?|name|enw|cyfenw)\s*:\s*$",
    re.IGNORECASE,
)
