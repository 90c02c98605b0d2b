"""Structured identifiers written the many ways people write them: dates of birth in words
and figures, officer numbers with station codes, police references of several forces, NI
numbers with administrative prefixes, addresses without a house number, Welsh addresses
and international phone numbers (redaction/patterns.py, redaction/engine.py).

Every value here is fictional and written for these tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redaction.engine import TYPES, redact


def found(text: str) -> list[tuple[str, str]]:
    return [(s.type, s.text) for s in redact(text).spans]


def kinds(text: str) -> set[str]:
    return {kind for kind, _ in found(text)}


def assert_finds(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text), found(text)


# --- Dates of birth -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mr Pellow was born on the ninth of October 1972.", "ninth of October 1972"),
        ("She was born on the twenty-second of July 1994 in Rhyl.", "twenty-second of July 1994"),
        ("d.o.b 17.08.93 on the form", "17.08.93"),
        ("DOB:9-OCT-1972 (checked)", "9-OCT-1972"),
        ("His date of birth is 21st of november 68.", "21st of november 68"),
        ("The lad was born 3 Feb 01, I think.", "3 Feb 01"),
        ("She was born in 1958 and has lived here since.", "1958"),
        ("aged 61 (born 1963) and lives alone", "1963"),
        ("dob 170893 per the custody record", "170893"),
        ("DOB 17081993 per the custody record", "17081993"),
        ("He was born in Swansea on 2 April 1981.", "2 April 1981"),
        ("born Sept. 30th 1966 at home", "Sept. 30th 1966"),
        ("Year of birth: 1977.", "1977"),
        ("DOB: the first of May nineteen seventy-nine", "first of May nineteen seventy-nine"),
        ("date of birth 1969/11/25", "1969/11/25"),
        ("Her birthday is 14th June.", "14th June"),
    ],
)
def test_it_finds_dates_of_birth_in_words_and_figures(text: str, date: str) -> None:
    assert_finds(text, "DOB", date)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Dyddiad geni: 19 Tachwedd 1983", "19 Tachwedd 1983"),
        ("Ganwyd ar 7 Gorffennaf 1990 yn Aberystwyth.", "7 Gorffennaf 1990"),
        ("ganwyd hi ar 2il o Fedi 1975", "2il o Fedi 1975"),
        ("Ganwyd yn 1962.", "1962"),
    ],
)
def test_it_finds_dates_of_birth_written_in_welsh(text: str, date: str) -> None:
    assert_finds(text, "DOB", date)


@pytest.mark.parametrize(
    "text",
    [
        "The next meeting is on the ninth of October 2026 at 14:30.",
        "April's figures were better than March's.",
        "She is aged 34 and has two children.",
        "The hearing was moved from 17.08.25 to 02/09/2025.",
        "It was my birthday on 9 October 2024 when he turned up.",
        "The scheme was born out of the 2019 review.",
        "Most of them were born in the 1990s.",
        "He came back after 2 weeks, on 3 May.",
    ],
)
def test_it_leaves_dates_that_are_not_dates_of_birth(text: str) -> None:
    assert "DOB" not in kinds(text), found(text)


def test_a_two_digit_year_that_is_a_count_stays_out_of_the_date() -> None:
    assert found("He said she was born on 9 October 30 years ago.") == [("DOB", "9 October")]


def test_a_full_stop_after_the_month_is_not_part_of_the_date() -> None:
    assert found("My birthday is 9 October.") == [("DOB", "9 October")]


def test_a_date_of_birth_beats_a_month_taken_for_a_name() -> None:
    # "Jan" alone may be a first name; here it is a month in a date of birth.
    assert found("He was born 14 Jan 88.") == [("DOB", "14 Jan 88")]


# --- Officer numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PC 3307KX took the report.", "3307KX"),
        ("PC 3307 KX took the report.", "3307 KX"),
        ("DS KX3307 rang me.", "KX3307"),
        ("PCSO 2719 came to the door.", "2719"),
        ("SC 8804 was with him.", "8804"),
        ("Sgt. 612 signed it off.", "612"),
        ("Her collar no. 3307 was on the form.", "3307"),
        ("collar 5186 was all I saw", "5186"),
        ("His badge #7730 was visible.", "7730"),
        ("Shoulder number 4082 rang back.", "4082"),
        ("warrant no 230917 on the letter", "230917"),
        ("PC Trelawney 3307 attended.", "3307"),
        ("DC Mair Pritchard (collar 5186) took the statement.", "5186"),
        ("PC TRELAWNEY 3307 ATTENDED", "3307"),
        ("pc 3307 came round again", "3307"),
        ("PC 3307 AT THE DOOR", "3307"),
    ],
)
def test_it_finds_officer_numbers_with_station_codes_and_names(text: str, number: str) -> None:
    assert_finds(text, "OFFICER_ID", number)


def test_a_name_between_rank_and_number_is_a_name_and_the_number_an_officer_id() -> None:
    assert found("PC Trelawney 3307 attended.") == [("NAME", "Trelawney"), ("OFFICER_ID", "3307")]


@pytest.mark.parametrize(
    "text",
    [
        "We need more PC training for the volunteers.",
        "He grabbed my collar 2 times and I hurt my shoulder 2 weeks ago.",
        "PC Trelawney 2 days later said nothing.",
        "DC Pritchard at 14:30 rang.",
        "The PC 2nd visit never happened.",
        "She won a badge 3 years running.",
    ],
)
def test_it_leaves_counts_and_times_after_ranks_alone(text: str) -> None:
    assert "OFFICER_ID" not in kinds(text), found(text)


# --- Police references ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Logged under CAD 2291/14NOV.", "2291/14NOV"),
        ("See CAD518-27Feb for that night.", "518-27Feb"),
        ("it was cad 63/9aug i think", "63/9aug"),
        ("Action Fraud gave me NFRC250318765432.", "NFRC250318765432"),
        ("The reference is 47/918273/25.", "47/918273/25"),
        ("CRN 47/556677/24 is on the letter.", "47/556677/24"),
        ("Quote WMP/CID/2026/0048213 when you ring.", "WMP/CID/2026/0048213"),
        ("The CPS file is 47KX1029326.", "47KX1029326"),
        ("URN 47 KX 10293 26 at the hearing", "47 KX 10293 26"),
        ("URN 5522190 was given.", "5522190"),
    ],
)
def test_it_finds_cad_action_fraud_slashed_and_cps_references(text: str, ref: str) -> None:
    assert_finds(text, "POLICE_REF", ref)


@pytest.mark.parametrize(
    "text",
    [
        "The 2024/25 figures are out.",
        "We met in Room 12 at 14:30.",
        "See page 12 of 40 and section 3.2.",
        "Call 999 in an emergency.",
        "It was on BBC/ITV/2024 coverage.",
        "Arrived at 14:30, left at 15:05.",
    ],
)
def test_it_leaves_figures_rooms_pages_and_times_alone(text: str) -> None:
    assert found(text) == []


# --- National Insurance numbers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ni"),
    [
        ("Her number is QQ 55 83 12 B on the form.", "QQ 55 83 12 B"),
        ("qq 55 83 12 b was written down", "qq 55 83 12 b"),
        ("He gave OO482913D.", "OO482913D"),
        ("NI number QQ 55 83 12 (no letter)", "QQ 55 83 12"),
        ("NINO: GB482913A", "GB482913A"),
        ("national insurance no. FA 48 29 13 C", "FA 48 29 13 C"),
    ],
)
def test_it_finds_ni_numbers_with_administrative_prefixes_or_after_a_cue(
    text: str, ni: str
) -> None:
    assert_finds(text, "NI_NUMBER", ni)


@pytest.mark.parametrize(
    "text", ["Code GB482913A here.", "Code FA482913C here.", "Box QQ558312 here."]
)
def test_it_still_refuses_unissued_ni_shapes_without_a_cue(text: str) -> None:
    assert "NI_NUMBER" not in kinds(text), found(text)


# --- Addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("She lives on the Larkfield Estate with her mum.", "Larkfield Estate"),
        ("He lives at Thornbury estate now.", "Thornbury estate"),
        ("The lads from the Ashgrove estate were there.", "Ashgrove estate"),
        ("Post it to Flat 7, Heron House, 41 Quarry Lane.", "Flat 7, Heron House, 41 Quarry Lane"),
        (
            "It is Flat 3c Linden Court 18 Ash Grove, second floor.",
            "Flat 3c Linden Court 18 Ash Grove",
        ),
        ("Apartment 9, 2 Canal Wharf was searched.", "Apartment 9, 2 Canal Wharf"),
        ("Block D, Heron House, 41 Quarry Lane", "Block D, Heron House, 41 Quarry Lane"),
        ("Heron House, 41 Quarry Lane is the hostel.", "Heron House, 41 Quarry Lane"),
        ("Flat 2, St Anne's Court, 6 Elm Walk", "Flat 2, St Anne's Court, 6 Elm Walk"),
        ("FLAT 7, HERON HOUSE, 41 QUARRY LANE", "FLAT 7, HERON HOUSE, 41 QUARRY LANE"),
        ("He lives at 41 QUARRY LANE, BRADFORD.", "41 QUARRY LANE"),
        ("They live at Bramble Cottage near the church.", "Bramble Cottage"),
        ("My address is The Old Forge Cottage.", "Old Forge Cottage"),
        ("She moved to Holly Tree Farm last spring.", "Holly Tree Farm"),
    ],
)
def test_it_finds_estates_buildings_house_names_and_capital_addresses(
    text: str, address: str
) -> None:
    assert_finds(text, "ADDRESS", address)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mae hi'n byw yn 27 Heol y Bont, Caerfyrddin.", "27 Heol y Bont"),
        ("He lives at 8 Stryd Fawr.", "8 Stryd Fawr"),
        ("Fflat 4, 15 Ffordd y Môr", "Fflat 4, 15 Ffordd y Môr"),
        ("Send it to 2 Lôn Las please.", "2 Lôn Las"),
        ("She moved to 11 Heol yr Ysgol.", "11 Heol yr Ysgol"),
        ("The flat at 5 Rhodfa'r Castell was empty.", "5 Rhodfa'r Castell"),
    ],
)
def test_it_finds_welsh_addresses_with_the_street_word_first(text: str, address: str) -> None:
    assert_finds(text, "ADDRESS", address)


@pytest.mark.parametrize(
    "text",
    [
        "He drove off in the Volvo estate.",
        "The Crown Estate owns the land.",
        "She works for an estate agent in town.",
        "It happened outside the shops on Quarry Lane.",
        "The meeting was in Room 12 upstairs.",
        "We live in a housing estate.",
    ],
)
def test_it_leaves_estate_cars_organisations_and_streets_named_alone(text: str) -> None:
    assert "ADDRESS" not in kinds(text), found(text)


def test_an_address_beats_the_names_inside_it() -> None:
    assert found("They live at Bramble Cottage.") == [("ADDRESS", "Bramble Cottage")]
    assert found("She lives on the Larkfield Estate.") == [("ADDRESS", "Larkfield Estate")]
    assert found("He lives at 27 Heol y Frenhines.") == [("ADDRESS", "27 Heol y Frenhines")]


# --- International phone numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "+61 491 570 156",
        "+61 2 5550 1234",
        "+1 202 555 0143",
        "+1 (202) 555-0143",
        "+33 1 99 00 12 34",
        "0061 491 570 156",
        "+61491570156",
    ],
)
def test_it_finds_international_phone_numbers(phone: str) -> None:
    assert_finds(f"His cousin's number is {phone}, call after six.", "PHONE", phone)


def test_an_international_number_stops_before_a_count_after_it() -> None:
    assert_finds("I rang +61 491 570 156 12 times.", "PHONE", "+61 491 570 156")


def test_an_international_phone_beats_the_nhs_number_shape_in_it() -> None:
    # The last ten digits pass the NHS check; the "+1" makes it a phone.
    assert found("Ring +1 202 555 0103 after six.") == [("PHONE", "+1 202 555 0103")]


@pytest.mark.parametrize(
    "text",
    [
        "The score was +3 after 90 minutes.",
        "Costs rose by +12.5% in 2024.",
        "The account 0012345678 was closed.",
        "Call 999, or 101 if it is not urgent.",
    ],
)
def test_it_leaves_signed_figures_and_short_numbers_alone(text: str) -> None:
    assert "PHONE" not in kinds(text), found(text)


def test_the_uk_phone_forms_are_unchanged() -> None:
    assert found("Ring 07700 900456 or +44 20 7946 0321.") == [
        ("PHONE", "07700 900456"),
        ("PHONE", "+44 20 7946 0321"),
    ]


# --- Properties with the new forms ----------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "born on the ninth of October 1972",
        "dob 170893",
        "PC 3307 KX",
        "PC Trelawney 3307",
        "CAD 2291/14NOV",
        "NFRC250318765432",
        "47KX1029326",
        "QQ 55 83 12 B",
        "lives on the Larkfield Estate",
        "Flat 7, Heron House, 41 Quarry Lane",
        "27 Heol y Bont",
        "lives at Bramble Cottage",
        "+61 491 570 156",
        "aged 34",
        "Room 12",
        "the 2024/25 figures",
        "at 14:30",
    ]
)
_TEXT = st.lists(
    st.one_of(_PIECES, st.text(alphabet=" ,.;:()-'abcXYZ0123456789+\n", max_size=12)), max_size=6
).map(" and ".join)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Rhif y digwyddiad oedd 0417/23NOV.", "0417/23NOV"),
        ("INCIDENT LOG 1712-250126 CLOSED.", "1712-250126"),
        ("Our reference is 2026/004471, please quote it.", "2026/004471"),
        ("Rhoddwyd cyfeirnod 2026/009912 i'r gŵyn.", "2026/009912"),
    ],
)
def test_it_finds_day_month_logs_dated_logs_and_labelled_references(text: str, ref: str) -> None:
    assert_finds(text, "POLICE_REF", ref)


def test_an_officer_number_before_a_colon_is_found_but_not_a_time() -> None:
    assert_finds("From collar number 3381: the log is linked.", "OFFICER_ID", "3381")
    assert "OFFICER_ID" not in kinds("PS 14:30 briefing.")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address: The Old Smithy, Chapel Lane Town: Ross", "Old Smithy, Chapel Lane"),
        ("Cyfeiriad: Tan y Bryn, Heol Fawr, Bala", "Tan y Bryn, Heol Fawr"),
        ("She lives at Gwynfa, Ffordd y Castell now.", "Gwynfa, Ffordd y Castell"),
        ("Now living on Pitch 4, Hollybank Traveller Site.", "Pitch 4, Hollybank Traveller Site"),
        ("RESIDES PLOT 2, MEADOWSIDE CARAVAN PARK.", "PLOT 2, MEADOWSIDE CARAVAN PARK"),
    ],
)
def test_it_finds_house_names_with_a_street_and_traveller_sites(text: str, address: str) -> None:
    assert_finds(text, "ADDRESS", address)


def test_a_town_in_a_form_field_is_not_a_name() -> None:
    assert "NAME" not in kinds("Address: The Old Smithy, Chapel Lane Town: Ross")


def test_it_finds_a_log_number_with_its_date_after_is() -> None:
    assert_finds("The police log is 0733 14/09/25, nobody rang.", "POLICE_REF", "0733 14/09/25")


def test_it_finds_registrations_spaced_between_letters_and_figures() -> None:
    assert_finds("Vehicle registration: KP 19 WXT", "VEHICLE_REG", "KP 19 WXT")


def test_a_warrant_number_may_have_seven_digits() -> None:
    assert_finds("Warrant number 0456123, DS Pryce.", "OFFICER_ID", "0456123")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("REPORTED FROM 27 ST AIDAN'S CLOSE LAST NIGHT.", "27 ST AIDAN'S CLOSE"),
        ("my address is 19c kestrel st LS9 8QT", "19c kestrel st"),
        ("STAYING WITH FAMILY ON THE BRACKEN ESTATE.", "BRACKEN ESTATE"),
    ],
)
def test_it_finds_addresses_in_capitals_abbreviated_and_estates_in_capitals(
    text: str, address: str
) -> None:
    assert_finds(text, "ADDRESS", address)


@pytest.mark.parametrize(
    "text",
    [
        "The fare was £6.40 each way from Llanelli.",
        "VICTIM AGED 81 HANDED BANK CARD TO MALE AT DOOR.",
        "THE CROWN ESTATE OWNS THE LAND.",
    ],
)
def test_prices_ages_and_named_bodies_are_not_addresses(text: str) -> None:
    assert "ADDRESS" not in kinds(text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_spans_stay_sorted_and_apart_and_redacting_twice_changes_nothing(text: str) -> None:
    result = redact(text)
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.type in TYPES
        previous_end = span.end
    assert redact(result.redacted).spans == []
