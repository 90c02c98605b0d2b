"""The redaction engine: each kind of personal data in several forms, things that must be
left alone, and properties that hold for any text (redaction/engine.py)."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from redaction.engine import TYPES, redact
from redaction.patterns import luhn_valid, nhs_number_valid


def found(text: str, **kwargs: str) -> list[tuple[str, str]]:
    return [(s.type, s.text) for s in redact(text, **kwargs).spans]


def assert_finds(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text), found(text)


# --- Each type, several forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "07700.900.123",
        "+44 7700 900123",
        "+44 (0)7700 900123",
        "+447700900123",
        "0044 7700 900123",
        "020 7946 0018",
        "(020) 7946 0018",
        "0161 496 0000",
        "(0161) 496 0000",
        "0113-496-0000",
        "+44 121 496 0073",
        "01632 960123",
    ],
)
def test_it_finds_uk_phone_numbers_in_every_common_form(phone: str) -> None:
    assert_finds(f"Ring me on {phone} after six.", "PHONE", phone)


def test_it_does_not_take_emergency_and_short_numbers_for_phones() -> None:
    assert found("Call 999 in an emergency or 101 if not. I waited 2 hours.") == []


@pytest.mark.parametrize(
    "email",
    ["gary.mitchell@example.com", "s_okafor+police@mail.example.co.uk", "J.Doe99@example.org"],
)
def test_it_finds_email_addresses(email: str) -> None:
    assert_finds(f"Email me at {email}, thanks.", "EMAIL", email)


@pytest.mark.parametrize(
    "postcode",
    [
        "LS1 4AB",
        "ls1 4ab",
        "LS14AB",
        "M1 1AE",
        "B33 8TH",
        "CR2 6XH",
        "DN55 1PT",
        "EC1A 1BB",
        "W1A 0AX",
    ],
)
def test_it_finds_postcodes_in_all_formats_and_cases(postcode: str) -> None:
    assert_finds(f"The postcode is {postcode} I think.", "POSTCODE", postcode)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("We live at 12 High Street, Leeds.", "12 High Street"),
        ("Send it to Flat 3, 12 High Street please.", "Flat 3, 12 High Street"),
        ("It was outside 4a Queen's Road.", "4a Queen's Road"),
        ("The house at 221 Windsor Gardens was empty.", "221 Windsor Gardens"),
        ("We moved from 10a manor way last year.", "10a manor way"),
        ("He lives at 91 O'Connor Avenue.", "91 O'Connor Avenue"),
    ],
)
def test_it_finds_street_addresses_with_flats_and_house_numbers(text: str, address: str) -> None:
    assert_finds(text, "ADDRESS", address)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB 12/03/1985.", "12/03/1985"),
        ("D.O.B.: 1.2.85", "1.2.85"),
        ("Her date of birth is 3rd March 1990.", "3rd March 1990"),
        ("I was born on 14 February 2001 in Hull.", "14 February 2001"),
        ("Born March 12, 1985.", "March 12, 1985"),
        ("She gave her DOB as 1985-03-12.", "1985-03-12"),
    ],
)
def test_it_finds_dates_of_birth_after_a_birth_cue(text: str, date: str) -> None:
    assert_finds(text, "DOB", date)


def test_it_leaves_dates_that_are_not_birth_dates() -> None:
    assert found("On 12 May the case was adjourned until 03/06/2025.") == []


@pytest.mark.parametrize("ni", ["AB123456C", "AB 12 34 56 C", "ab123456c", "JG 103759 A"])
def test_it_finds_national_insurance_numbers(ni: str) -> None:
    assert_finds(f"My NI number is {ni}.", "NI_NUMBER", ni)


@pytest.mark.parametrize("ni", ["GB123456A", "BG123456A", "DA123456A", "AB123456E"])
def test_it_refuses_national_insurance_numbers_with_invalid_prefixes_or_suffixes(ni: str) -> None:
    assert ("NI_NUMBER", ni) not in found(f"Number {ni} here.")


@pytest.mark.parametrize("nhs", ["943 476 5919", "9434765919", "943-476-5919"])
def test_it_finds_nhs_numbers_that_pass_the_modulus_11_check(nhs: str) -> None:
    assert_finds(f"NHS number {nhs}.", "NHS_NUMBER", nhs)


def test_it_ignores_ten_digit_numbers_that_fail_the_nhs_check() -> None:
    assert not nhs_number_valid("9434765918")
    assert "NHS_NUMBER" not in {kind for kind, _ in found("Meeting ID 943 476 5918.")}


@pytest.mark.parametrize(
    ("text", "reg"),
    [
        ("Silver Focus, AB12 CDE, parked up.", "AB12 CDE"),
        ("It was LH52RWH again.", "LH52RWH"),
        ("His car reg is ab12 cde.", "ab12 cde"),
        ("An old van, registration P123 ABC.", "P123 ABC"),
        ("The plate was ABC 123D on the car.", "ABC 123D"),
    ],
)
def test_it_finds_vehicle_registrations(text: str, reg: str) -> None:
    assert_finds(text, "VEHICLE_REG", reg)


def test_it_needs_a_vehicle_word_for_old_style_registrations() -> None:
    assert found("See page A123 BCD of the bundle.") == []


@pytest.mark.parametrize(
    "card", ["4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "3400 000000 00009"]
)
def test_it_finds_card_numbers_that_pass_the_luhn_check(card: str) -> None:
    assert_finds(f"They used my card {card} online.", "CARD_NUMBER", card)


def test_it_ignores_card_shaped_numbers_that_fail_luhn() -> None:
    assert not luhn_valid("4111111111111112")
    assert "CARD_NUMBER" not in {kind for kind, _ in found("Card 4111 1111 1111 1112.")}


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Crime ref 1234567/24.", "1234567/24"),
        ("CRIS 5012345/23 was closed.", "5012345/23"),
        ("Logged as CAD 1234/21JAN24.", "1234/21JAN24"),
        ("CAD1234-21Jan24 refers.", "1234-21Jan24"),
        ("Occurrence number 44240123456.", "44240123456"),
        ("Occurrence 202400123456 is open.", "202400123456"),
        ("The log 287 of 7/11/2025 shows it.", "287 of 7/11/2025"),
        ("Ref 43/123456/24 please.", "43/123456/24"),
    ],
)
def test_it_finds_police_references_in_the_default_forms(text: str, ref: str) -> None:
    assert_finds(text, "POLICE_REF", ref)


def test_a_force_adds_its_own_reference_patterns_in_settings(settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDACTION_FORCE_REFERENCE_PATTERNS = {"wyp": [r"\b(?P<ref>13\d{2}[A-Z]{2}\d{6})\b"]}
    text = "The letter quoted 1324AB123456 at the top."
    assert ("POLICE_REF", "1324AB123456") in found(text, force="wyp")
    assert ("POLICE_REF", "1324AB123456") not in found(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PC 1234 attended.", "1234"),
        ("DC 567AB took the statement.", "567AB"),
        ("PS 12 was on duty.", "12"),
        ("Sgt 4521 rang back.", "4521"),
        ("His collar number 1234 was on the vest.", "1234"),
        ("Warrant number 123456.", "123456"),
        ("PCSO 7781 was kind.", "7781"),
    ],
)
def test_it_finds_officer_shoulder_and_warrant_numbers(text: str, number: str) -> None:
    assert_finds(text, "OFFICER_ID", number)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("He messaged me from @jess_m99 again.", "@jess_m99"),
        ("Follow @DarrenK.", "@DarrenK"),
        ("He is on Snapchat as jess.m_99 now.", "jess.m_99"),
    ],
)
def test_it_finds_social_media_handles_but_not_emails(text: str, handle: str) -> None:
    assert_finds(text, "SOCIAL_HANDLE", handle)
    assert "SOCIAL_HANDLE" not in {k for k, _ in found("Write to jess@example.com.")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My name is Sarah Okafor.", "Sarah Okafor"),
        ("Mrs Okafor rang me.", "Okafor"),
        ("Detective Sergeant Khan was great.", "Khan"),
        ("PC Hughes came round.", "Hughes"),
        ("Yesterday Gary Mitchell came round.", "Gary Mitchell"),
        ("I spoke to Gary about it.", "Gary"),
        ("My neighbour Zeynep Yılmaz saw it.", "Zeynep Yılmaz"),
        ("Victim Jane SMITH states she was followed.", "Jane SMITH"),
        ("Sorry Nada, I missed your call.", "Nada"),
        ("Liam and Alberto will meet the family.", "Alberto"),
        ("my sister jade came with me", "jade"),
        ("The suspect, Joyce Hall, was bailed.", "Joyce Hall"),
    ],
)
def test_it_finds_person_names_from_the_gazetteer_and_context(text: str, name: str) -> None:
    assert_finds(text, "NAME", name)


@pytest.mark.parametrize(
    "text",
    [
        "I waited 2 hours at Victoria station on 12 May.",
        "Will you call me back? May I ask why?",
        "Mark my words. Grace period ends in June.",
        "Leeds Crown Court adjourned until Monday.",
        "Victim Support were great, the police not so much.",
        "He drove off in a white Transit towards the ring road.",
        "Christmas is always hard since it happened.",
        "Nobody told me the case had been dropped.",
        "We ran 6 listening sessions with 48 victims between May and July.",
        "The Victims' Code says I should get updates every 28 days.",
        "I claim Universal Credit and I rang Crimestoppers.",
        "The officer from Safer Neighbourhoods came round.",
    ],
)
def test_it_leaves_text_with_no_personal_data_alone(text: str) -> None:
    result = redact(text)
    assert result.spans == []
    assert result.redacted == text


def test_it_replaces_each_span_with_a_typed_placeholder() -> None:
    result = redact("Call Gary on 07700 900123 or email gary@example.com.")
    assert result.redacted == "Call [NAME] on [PHONE] or email [EMAIL]."


def test_the_higher_priority_type_wins_an_overlap() -> None:
    # The last ten digits pass the NHS check, but it is a phone number.
    assert found("Ring +44 121 496 0073.") == [("PHONE", "+44 121 496 0073")]
    # A street name that is a surname is part of the address, not a name.
    assert found("She lives at 4 Mitchell Road.") == [("ADDRESS", "4 Mitchell Road")]


# --- Properties -----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "Gary Mitchell",
        "Mrs Okafor",
        "07700 900123",
        "+44 (0)161 496 0000",
        "gary@example.com",
        "LS1 4AB",
        "12 High Street",
        "DOB 12/03/1985",
        "AB123456C",
        "943 476 5919",
        "AB12 CDE",
        "4111 1111 1111 1111",
        "1234567/24",
        "CAD 1234/21JAN24",
        "PC 1234",
        "@jess_m99",
        "on 12 May",
        "call 999",
        "I waited 2 hours",
        "at Victoria station",
    ]
)
# Pieces of personal data and of ordinary text, joined by a word so that two numbers never
# run into one (two numbers side by side are ambiguous: "PC 1234 4111 1111 1111 1111").
_TEXT = st.lists(
    st.one_of(_PIECES, st.text(alphabet=" ,.;:()-'abcXYZ0123456789\n", max_size=12)), max_size=8
).map(" and ".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_spans_are_sorted_non_overlapping_and_typed(text: str) -> None:
    result = redact(text)
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.type in TYPES
        assert text[span.start : span.end] == span.text
        previous_end = span.end


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_redacted_text_never_contains_a_redacted_span_and_has_one_placeholder_each(
    text: str,
) -> None:
    result = redact(text)
    for span in result.spans:
        assert span.placeholder == f"[{span.type}]"
        if len(span.text) >= 4:
            assert span.text not in result.redacted
    placeholders = sum(result.redacted.count(f"[{kind}]") for kind in TYPES)
    assert placeholders == len(result.spans) + sum(text.count(f"[{kind}]") for kind in TYPES)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
@example("Gary Mitchell and 0X and 000000000000 and AB12 CDE")  # a placeholder is no vehicle
def test_redacting_twice_changes_nothing_more(text: str) -> None:
    once = redact(text).redacted
    assert redact(once).spans == []
