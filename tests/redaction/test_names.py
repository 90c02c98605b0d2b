"""Person names the engine finds, and the words it must leave alone (redaction/names.py,
redaction/lexicon.py). Every example is written for this test."""

import pytest

from redaction.engine import redact
from redaction.lexicon import lexicon


def hidden(text: str) -> str:
    return redact(text).redacted


def names(text: str) -> list[str]:
    return [s.text for s in redact(text).spans if s.type == "NAME"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Spoke with Faadumo Warsame about the hearing date.", "Faadumo Warsame"),
        ("Hodan Abdullahi rang back at 3pm, upset about the delay.", "Hodan Abdullahi"),
        ("Tesfaye Berhane did not attend court.", "Tesfaye Berhane"),
        ("Oluwaseun Adebayo reported the theft on Monday.", "Oluwaseun Adebayo"),
        ("Kwabena Asante is the victim's brother.", "Kwabena Asante"),
        ("Victim Mehmet Yildirim wants an update.", "Mehmet Yildirim"),
        ("Ms Agnieszka Nowak came in with the paperwork.", "Agnieszka Nowak"),
        ("Ionut Popescu left a voicemail.", "Ionut Popescu"),
    ],
)
def test_it_finds_names_from_many_communities(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Zhang Wei was spoken to at home.", "Zhang Wei"),
        ("Nguyen Thi Lan was the interpreter's client.", "Nguyen Thi Lan"),
        ("Statement taken from CHEN Xiaoming through an interpreter.", "CHEN Xiaoming"),
    ],
)
def test_it_finds_names_written_family_name_first(text: str, name: str) -> None:
    assert name in names(text)


def test_it_finds_names_in_records_written_in_capitals() -> None:
    text = "VICTIM AMINA HASSAN CALLED TO REPORT FURTHER MESSAGES FROM EX PARTNER KOFI MENSAH."
    assert hidden(text) == (
        "VICTIM [NAME] CALLED TO REPORT FURTHER MESSAGES FROM EX PARTNER [NAME]."
    )


def test_in_capitals_an_unlisted_name_after_a_cue_is_a_name() -> None:
    assert hidden("INFORMANT: FAADUMO WARSAME. VICTIM SPOKE TO PC AT SCENE.") == (
        "INFORMANT: [NAME]. VICTIM SPOKE TO PC AT SCENE."
    )


def test_in_capitals_a_surname_that_is_also_a_word_is_a_name_after_a_rank() -> None:
    assert "[NAME]" in hidden("ENTRY BY PC 5521 MORGAN: SPOKE WITH IP BY PHONE. NO FURTHER ACTION.")


def test_in_capitals_ordinary_words_codes_and_places_stay() -> None:
    text = "HATE CRIME MARKER APPLIED. VICTIMS CODE ENTITLEMENTS EXPLAINED IN LEEDS. CAD 77-12MAR."
    assert "[NAME]" not in hidden(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("spoke to amina today she is ok", "amina"),
        ("tell abdi i said thanks", "abdi"),
        ("hi its grace from the victim care unit, can u call me back", "grace"),
        ("this is tomasz, can u ring me", "tomasz"),
    ],
)
def test_it_finds_names_in_texts_written_in_lower_case(text: str, name: str) -> None:
    assert name in names(text)


def test_a_first_name_in_lower_case_that_is_no_english_word_is_a_name_anywhere() -> None:
    assert names("Can anyone give bogdan a lift on Thursday? He's in Leeds.") == ["bogdan"]


def test_in_lower_case_texts_ordinary_words_that_are_names_stay() -> None:
    assert hidden("sorry missed ur call im at work til 5 will ring after") == (
        "sorry missed ur call im at work til 5 will ring after"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Joy rang to say she had moved.", "Joy"),
        ("I spoke to Faith at the desk and she was kind.", "Faith"),
        ("Grace was upset that nobody had called.", "Grace"),
        ("Dawn sounded low on the phone.", "Dawn"),
        ("Bill Okoro was the officer in the case.", "Bill Okoro"),
        ("Will Turner came round with the leaflet.", "Will Turner"),
        ("Kai, 16, said he was searched twice.", "Kai"),
    ],
)
def test_first_names_that_are_ordinary_words_are_names_when_used_as_names(
    text: str, name: str
) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Will you call me after the hearing?",
        "Hope you are well.",
        "Grace period ends on Friday.",
        "Members said the new leaflet was clearer.",
        "Said she would call back but never did.",
        "Tea and coffee will be provided.",
        "Post is the best way to reach me.",
        "Co-chairs agreed the agenda.",
        "He'd already left by then.",
        "April's figures show fewer calls than March.",
        "May was a quieter month.",
        "The burglary happened in Chelsea near the river.",
        "Calls from Brent and Croydon doubled.",
        "The forum met in Wrexham and Aberystwyth.",
        "Dear Facilitator, please find my comments below.",
        "She speaks Tigrinya and some Arabic, and was born in Eritrea.",
        "Victim Support and Action Fraud were both mentioned.",
        "He explained how Clare's Law works.",
    ],
)
def test_ordinary_words_months_places_and_languages_stay(text: str) -> None:
    assert hidden(text) == text


def test_two_unknown_words_starting_a_sentence_are_a_name() -> None:
    assert names("Guled Jibriil and his sister came in on Tuesday.") == ["Guled Jibriil"]
    assert names("Safer Streets funding was agreed.") == []


@pytest.mark.parametrize(
    "text",
    [
        "She went to the hearing with Tsegereda.",
        "He was pushed by Odunayo outside the shop.",
        "I am worried about Ifeoluwa.",
    ],
)
def test_an_unknown_name_after_with_by_or_about_is_a_name(text: str) -> None:
    assert len(names(text)) == 1


def test_a_possessive_before_family_or_contact_details_marks_a_name() -> None:
    assert names("Tsegereda's number is on the form.") == ["Tsegereda"]
    assert names("Barnardo's leaflet is on the table.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Surname: N'DOYE First name: MARIAMA", "N'DOYE"),
        ("Family name: LI Given name: Wen", "LI"),
        ("Forename(s): Ayaan Surname: Hersi", "Hersi"),
        ("Tsegay from the victim care team rang back.", "Tsegay"),
        ("Ifrah, can you resend the link?", "Ifrah"),
        ("Rojhat is bringing the leaflets.", "Rojhat"),
        ("Nowakowska family still want the referral.", "Nowakowska"),
        ("Really kind. Ruqayyah even remembered my son's name.", "Ruqayyah"),
        ("My daughter Ailsa MacLeod gave her statement.", "Ailsa MacLeod"),
        ("Please call me back.\n\nCatriona MacAulay", "Catriona MacAulay"),
        ("VIW ADAEZE NWOSU ATTENDED FRONT COUNTER.", "ADAEZE NWOSU"),
        ("The OIC on Obi's case is DC Hart.", "Obi"),
        ("Faith and Bola on the desk were so kind.", "Faith"),
    ],
)
def test_it_finds_names_in_forms_salutations_and_plain_sentences(text: str, name: str) -> None:
    assert name in names(text)


def test_a_thing_before_a_past_tense_verb_is_not_a_name() -> None:
    assert hidden("Callback requested on Monday.") == "Callback requested on Monday."


def test_a_first_name_that_is_also_a_place_is_a_name_after_a_strong_cue() -> None:
    assert names("Please ask for Georgia at the front desk.") == ["Georgia"]
    assert names("We drove back from Georgia last spring.") == []


def test_after_a_single_unknown_word_an_auxiliary_verb_is_not_enough() -> None:
    assert hidden("Postcode is on the form.") == "Postcode is on the form."


def test_common_given_names_are_names_at_the_start_of_a_sentence() -> None:
    assert names("Follow-up: Peter and Jasmine to meet the family.")[0] == "Peter"


def test_a_name_found_in_full_is_hidden_again_as_a_first_name() -> None:
    assert hidden("Gareth Evans rang. Later Gareth said he was fine.") == (
        "[NAME] rang. Later [NAME] said he was fine."
    )


def test_welsh_particles_join_a_name() -> None:
    assert "Dafydd ap Rhys" in names("Thanks to Dafydd ap Rhys for the notes.")


def test_a_name_in_the_middle_of_a_list_of_names_is_a_name() -> None:
    text = "Present: Ada Obi, Nkechi, Tom Hart (chair)."
    assert names(text) == ["Ada Obi", "Nkechi", "Tom Hart"]


def test_a_nickname_in_brackets_after_a_name_is_a_name() -> None:
    assert names("Referral for Yonatan Haile (Yoni) accepted.") == ["Yonatan Haile", "Yoni"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dywedodd Cerys fod y swyddog yn garedig.", "Cerys"),
        ("Diolch i Gwenllian am y nodiadau.", "Gwenllian"),
        ("Mae Ffion wedi newid ei chyfeiriad.", "Ffion"),
        ("Roedd Rhodri Huws yn bresennol.", "Rhodri Huws"),
    ],
)
def test_it_finds_names_in_welsh_after_a_welsh_cue(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cytunodd yr aelodau i gwrdd eto ym mis Mai.",
        "Bydd y cadeirydd yn ysgrifennu at Gomisiynydd yr Heddlu a Throseddu.",
        "Trafodwyd adroddiad yr Arolygiaeth ar wasanaethau i ddioddefwyr.",
        "Cyfarfod nesaf yn Neuadd y Dref, Wrecsam.",
        "Roedden nhw'n siarad Cymraeg gyda fy mam.",
        "Mae'r heddlu wedi cael lluniau ond does dim wedi digwydd.",
    ],
)
def test_welsh_institutions_places_and_months_stay(text: str) -> None:
    assert hidden(text) == text


def test_confidence_is_high_after_a_title_medium_from_the_lists_low_from_capitals_alone() -> None:
    spans = {
        s.text: s.confidence
        for s in redact("Mrs Okafor rang. Gary met us. I want Ozrielle to know.").spans
    }
    assert spans == {"Okafor": "high", "Gary": "medium", "Ozrielle": "low"}


def test_the_lexicon_keeps_words_names_and_places_apart() -> None:
    lex = lexicon()
    assert {"amina", "mehmet", "zeynep", "kwame"} <= lex.first
    assert {"said", "hope", "tea"} <= lex.wordlike
    assert {"members", "co"} <= lex.common
    assert {"brent", "croydon", "wrexham", "caerdydd", "eritrea", "tigrinya"} <= lex.places
    assert not {"my", "the", "and"} & lex.first
