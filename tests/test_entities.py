"""entities.py: names, their titles and qualifiers, appositives, and one key per person."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Claim, Entity
from checker.rules import load_rules
from conftest import describe_sentences

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")


def describe_all(sentences: list[str]) -> tuple[Claim, ...]:
    return describe_sentences(RULES, sentences, one_line=True)


def entities(sentence: str) -> list[Entity]:
    return list(describe_all([sentence])[0].entities)


def titled(sentence: str) -> dict[str, str | None]:
    return {e.name: e.title for e in entities(sentence)}


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Former governor Lena Brandt said the levy would rise.", "former governor"),
        ("Acting Governor Lena Brandt said the levy would rise.", "acting Governor"),
        ("Interim chief executive Lena Brandt said the levy would rise.", "interim chief executive"),
        ("Deputy Mayor Lena Brandt said the levy would rise.", "deputy Mayor"),
        ("Outgoing premier Lena Brandt said the levy would rise.", "outgoing premier"),
        ("Sitting senator Lena Brandt said the levy would rise.", "sitting senator"),
        ("Ex-Minister Lena Brandt said the levy would rise.", "ex-Minister"),
        ("Former health minister Lena Brandt said the levy would rise.", "former health minister"),
        ("Former harbour councillor Lena Brandt said the levy would rise.", "former councillor"),
    ],
)
def test_qualified_and_lower_case_titles_go_to_the_name(sentence: str, title: str) -> None:
    assert titled(sentence)["Lena Brandt"] == title


def test_a_title_in_an_appositive_after_the_name_is_its_title() -> None:
    assert titled("Lena Brandt, the port authority's chief executive, said the levy would rise.")["Lena Brandt"] == "chief executive"
    assert titled("Lena Brandt, a former mayor of Tolsby, said the levy would rise.")["Lena Brandt"] == "former mayor"


def test_an_office_of_a_place_before_the_name_wins_over_a_style() -> None:
    found = titled("The Mayor of Tolsby, Councillor Lena Brandt, said the levy would rise.")
    assert found["Lena Brandt"] == "Mayor"
    assert "Councillor" not in found


def test_an_appositive_without_a_title_gives_none() -> None:
    assert titled("Lena Brandt, who ran the port for a decade, said the levy would rise.")["Lena Brandt"] is None
    assert titled("Lena Brandt, the woman who ran the port, said the levy would rise.")["Lena Brandt"] is None


def test_a_verb_before_a_title_is_not_part_of_it() -> None:
    found = titled("Okafor said chief executive Lena Brandt resigned.")
    assert found == {"Okafor": None, "Lena Brandt": "chief executive"}


def test_a_number_word_opening_a_sentence_is_no_name() -> None:
    assert entities("Nineteen sailors were rescued off Tolsby.")[0].name == "Tolsby"
    assert [e.name for e in entities("Forty-two flights left Tolsby.")] == ["Tolsby"]


def test_a_name_alone_and_with_a_title_share_one_key() -> None:
    first, second = describe_all(["Lena Park opened the dock.", "Mayor Lena Park said it cost too much."])
    assert first.entities[0].key == second.entities[0].key == "park"
    alone, = describe_all(["Lena Park opened the dock."])
    assert alone.entities[0].key == "lena park"  # alone, "Park" marks a place


def test_a_currency_prefix_is_not_a_name() -> None:
    assert entities("The buyer paid US$3 million for the site.") == []


def test_a_run_of_particles_joins_a_name() -> None:
    assert [e.name for e in entities("The march went along the Rambla de la Luz.")] == ["Rambla de la Luz"]


def test_a_dateline_names_nothing_in_the_claim() -> None:
    (claim,) = describe_all(["TOLSBY, Norway (Nordic Wire) - Harbour police closed the quay."])
    assert [e.name for e in claim.entities] == []


def test_utilities_and_places_are_keyed_by_their_whole_name() -> None:
    keys = [e.key for e in entities("Tolsby Water and Mill Lane were flooded.")]
    assert keys == ["tolsby water", "mill lane"]


def test_a_currency_name_is_not_a_name() -> None:
    assert entities("The buyer paid 3 million US dollars, or 4 million Hong Kong dollars.") == []
    assert [e.name for e in entities("The US economy grew.")] == ["US"]


def test_a_manager_is_a_title() -> None:
    assert titled("Depot manager Lena Brandt said the depot was closed.")["Lena Brandt"] == "manager"


def test_a_common_noun_opening_a_sentence_is_no_name_when_the_article_writes_it_lower_case() -> None:
    first, second = describe_all(["Inspectors said the crane was unsafe.", "The inspectors closed the site."])
    assert first.entities == () and second.entities == ()
    (alone,) = describe_all(["Inspectors said the crane was unsafe."])
    assert [e.name for e in alone.entities] == ["Inspectors"]  # nothing shows it is a common noun
    named, _ = describe_all(["Okafor said the crane was unsafe.", "Inspector Ruth Okafor closed the site."])
    assert [e.name for e in named.entities] == ["Okafor"]


def test_an_office_of_a_department_runs_into_the_name_without_a_comma() -> None:
    assert titled("Vice-Minister of Fisheries Pedro Alvarado toured the port.")["Pedro Alvarado"] == "vice-Minister"
    assert titled("Minister of Fisheries Pedro Alvarado toured the port.")["Pedro Alvarado"] == "Minister"
    # A single word after "of" is the place itself, not a name.
    assert "Alvarado" not in {e.key for e in entities("The Minister of Fisheries toured the port.")}


def test_an_office_of_something_opens_an_appositive_without_a_determiner() -> None:
    assert titled("Rosa Lind, chair of the dockers' union, said the port was unsafe.")["Rosa Lind"] == "chair"
    assert titled("Rosa Lind, former chair of the union, said so.")["Rosa Lind"] == "former chair"
    # A title followed by a name lists people; it gives the first name no title.
    assert titled("Rosa Lind, Mayor Okafor and Ben Tal met.")["Rosa Lind"] is None


def test_a_title_before_or_after_the_name_gives_one_key_and_its_own_qualifier() -> None:
    before, after = describe_all(
        ["Former union chair Rosa Lind criticised the plan.", "Rosa Lind, chair of the union, spoke."]
    )
    [first] = [e for e in before.entities if e.name == "Rosa Lind"]
    [second] = [e for e in after.entities if e.name == "Rosa Lind"]
    assert first.key == second.key == "lind"
    assert (first.title, second.title) == ("former chair", "chair")


@pytest.mark.parametrize("written, plain", [("Inés Ibáñez", "Ines Ibanez"), ("Zoë Brontë", "Zoe Bronte")])
def test_a_name_with_and_without_accents_has_one_key(written: str, plain: str) -> None:
    [accented] = entities(f"{written} said the port was closed.")
    [unaccented] = entities(f"{plain} said the port was closed.")
    assert accented.key == unaccented.key
    assert accented.name == written  # the name stays as written


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Former Deputy Minister of Transport Ivo Marsh opened the bridge.", "former deputy Minister"),
        ("Ex-acting mayor Ivo Marsh opened the bridge.", "ex-acting mayor"),
        ("Former mayor Ivo Marsh opened the bridge.", "former mayor"),
    ],
)
def test_qualifiers_written_together_are_all_kept(sentence: str, title: str) -> None:
    assert titled(sentence)["Ivo Marsh"] == title


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Chief Inspector Ivo Marsh closed the bridge.", "Chief Inspector"),
        ("Detective Sergeant Ivo Marsh closed the bridge.", "Detective Sergeant"),
        ("Harbour safety chief Ivo Marsh closed the bridge.", "chief"),
    ],
)
def test_police_ranks_and_a_chief_are_titles(sentence: str, title: str) -> None:
    assert titled(sentence)["Ivo Marsh"] == title
    # A rank alone before a plain noun names nobody.
    assert entities("The chief inspector closed the bridge.") == []


@pytest.mark.parametrize(
    "sentence, name, key",
    [
        ("Bellmoor Mining said the shaft was safe.", "Bellmoor Mining", "bellmoor mining"),
        ("Tarvo Chemicals said the tank was safe.", "Tarvo Chemicals", "tarvo chemicals"),
        ("The spill reached Otter Creek on Monday.", "Otter Creek", "otter creek"),
    ],
)
def test_a_firm_named_after_its_industry_or_a_place_after_its_land_is_keyed_whole(
    sentence: str, name: str, key: str
) -> None:
    assert (name, key) in {(e.name, e.key) for e in entities(sentence)}
    # A person's key is still the surname.
    assert [e.key for e in entities("Lena Tarvo said the tank was safe.")] == ["tarvo"]


@pytest.mark.parametrize("text", ["The talks were chaired by the President of", "Minister of", "She met the Mayor of "])
def test_a_title_cut_off_before_its_place_names_no_one(text: str) -> None:
    """A claim may end on "... President of" (a cut line, a lost tail): nothing is read past its last word."""
    assert [e for e in entities(text) if e.title] == []


@pytest.mark.parametrize(
    "sentence, name, key",
    [
        ("Mayor Lena Brandt Jr. opened the pier.", "Lena Brandt Jr.", "brandt"),
        ("Mayor Anna van der Berg opened the pier.", "Anna van der Berg", "van der berg"),
        ("Crews from 3M arrived.", "3M", "3m"),
    ],
)
def test_a_person_is_keyed_by_the_surname_with_its_particles_and_without_a_suffix(sentence: str, name: str, key: str) -> None:
    assert [(e.name, e.key) for e in entities(sentence)] == [(name, key)]


def test_a_place_joined_to_a_lower_case_word_is_an_adjective_not_a_name() -> None:
    assert entities("The Oslo-based firm opened the pier.") == []


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Newly appointed mayor Ivo Marsh opened the bridge.", "newly appointed mayor"),
        ("De facto leader Ivo Marsh opened the bridge.", "de facto leader"),
        ("Former de facto leader Ivo Marsh opened the bridge.", "former de facto leader"),
        ("The bridge was opened by Newly Appointed Mayor Ivo Marsh.", "newly appointed Mayor"),
        ("The bridge was opened by Acting Mayor Ivo Marsh.", "acting Mayor"),
    ],
)
def test_a_qualifier_of_two_words_is_kept_whole_and_named_by_no_one(sentence: str, title: str) -> None:
    # Written in capitals mid-sentence, the qualifier's words are still no name of their own.
    assert [(e.name, e.title) for e in entities(sentence)] == [("Ivo Marsh", title)]


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Appointed mayor Ivo Marsh said the pier was newly", "mayor"),
        ("Mayor Ivo Marsh said the new plan was better than the former", "Mayor"),
    ],
)
def test_a_qualifier_is_not_read_from_the_end_of_a_cut_claim(sentence: str, title: str) -> None:
    """A line cut after "newly" or "former" qualifies nothing at the start of the claim."""
    assert titled(sentence)["Ivo Marsh"] == title


def test_a_qualifier_on_the_line_before_qualifies_nothing() -> None:
    assert titled("Newly\nappointed mayor Ivo Marsh opened the bridge.")["Ivo Marsh"] == "mayor"


def test_a_qualifier_is_found_past_two_capitalised_words_and_no_more() -> None:
    assert titled("Former Tolsby Harbour chair Ivo Marsh opened the bridge.")["Ivo Marsh"] == "former chair"
    # A third is a name: the place the board belongs to is still named.
    found = titled("The pier was opened by Tolsby Harbour Board chair Ivo Marsh.")
    assert found == {"Tolsby": None, "Ivo Marsh": "chair"}


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Former port safety councillor Ivo Marsh opened the bridge.", "former councillor"),
        # "late" three lower-case words back describes the delays, not the chair.
        ("The late delays angered harbour chair Ivo Marsh.", "chair"),
        # A comma or a function word ends the words that say what the office is for.
        ("Unlike the former, harbour councillor Ivo Marsh voted for the plan.", "councillor"),
        ("Lena Brandt was acting as harbour councillor Ivo Marsh's deputy.", "councillor"),
    ],
)
def test_a_qualifier_is_found_past_two_lower_case_words_and_no_more(sentence: str, title: str) -> None:
    assert titled(sentence)["Ivo Marsh"] == title


def test_an_office_of_a_body_with_no_name_after_it_titles_no_one() -> None:
    found = entities("The President of the Tolsby Harbour Board said the pier was safe.")
    assert [(e.name, e.title) for e in found] == [("Tolsby Harbour Board", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Strike ends, says Minister of Fisheries Pedro Alvarado",
        "Minister of Fisheries Dr. Pedro Alvarado toured the port.",
        "Minister of North Tolsby Harbour Fisheries Dr Pedro Alvarado toured the port.",
        "Minister of North Tolsby Harbour Fisheries Pedro Alvarado toured the port.",
        "Strike ends, says Minister of Tolsby Harbour Fisheries Pedro Alvarado",
    ],
)
def test_the_name_after_an_office_of_a_department_ends_the_claim_or_follows_an_honorific(sentence: str) -> None:
    """A headline ends on the name; an honorific opens it however long the department's name is."""
    assert titled(sentence)["Pedro Alvarado"] == "Minister"


@pytest.mark.parametrize(
    "sentence",
    [
        "Minister of Fisheries\nPedro Alvarado toured the port.",
        "Minister of North Tolsby Harbour\nPedro Alvarado toured the port.",
        "Minister of Fisheries Pedro\nAlvarado toured the port.",
        # The chair is of the department, not the doctor.
        "The chair of Dr Pedro Alvarado's department resigned.",
        # Too few words, or a comma after them: the department is not followed by a name.
        "The Minister of Harbour Affairs toured the port.",
        "The Minister of North Tolsby Harbour Fisheries Board, Pedro Alvarado, toured the port.",
    ],
)
def test_an_office_of_a_department_titles_no_name_across_a_line_or_before_a_comma(sentence: str) -> None:
    assert [e.name for e in entities(sentence) if e.title] == []


def test_six_words_after_an_office_of_a_department_end_on_the_name() -> None:
    found = titled("Minister of North Tolsby Harbour Fisheries Pedro Alvarado toured the port.")
    assert found["Pedro Alvarado"] == "Minister"


def test_a_particle_before_a_lower_case_word_ends_the_name() -> None:
    assert titled("Ivo Marsh de facto runs the port.") == {"Ivo Marsh": None}


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("Lena Brandt joined Jones and Vining Inc. last year.", ["Lena Brandt", "Jones and Vining Inc."]),
        ("Prize shared by Lena Brandt and Okafor", ["Lena Brandt", "Okafor"]),
        # One "and" joins a firm's name; the one before it lists a person.
        ("Ruth Okafor and Ivo Marsh and Sons Ltd signed the deal.", ["Ruth Okafor", "Ivo Marsh and Sons Ltd"]),
    ],
)
def test_and_joins_names_only_into_a_firm_or_body(sentence: str, names: list[str]) -> None:
    assert [e.name for e in entities(sentence)] == names


def test_a_word_shouted_in_capitals_is_no_name_but_an_acronym_is() -> None:
    assert [e.name for e in entities("The ferry levy will make Harlow LESS attractive to visitors.")] == ["Harlow"]
    assert [e.name for e in entities("Auditors EXPOSED the secret deal of the Harlow mayor.")] == ["Harlow"]
    assert [e.name for e in entities("NATO and UNESCO met in Harlow.")] == ["NATO", "UNESCO", "Harlow"]


def test_a_saints_name_with_its_possessive_is_one_name_of_a_place() -> None:
    found = entities("The injured were taken to St Mary's Hospital in Harwick.")
    assert [(e.name, e.key) for e in found] == [("St Mary's Hospital", "st mary's hospital"), ("Harwick", "harwick")]
    assert [e.name for e in entities("Crowds filled Saint Peter's Square on Sunday.")] == ["Saint Peter's Square"]
    # Any other possessive ends a name: the owner and the thing owned are two.
    assert [e.name for e in entities("On Monday Harwick's Ferry Board met.")] == ["Harwick", "Ferry Board"]


@pytest.mark.parametrize("place", ["Grand Hotel", "Kestrel Works", "Tolsby Showground", "Harwick Infirmary", "Kelvedon Shelter", "Marrow Camp"])
def test_a_facility_word_makes_a_name_a_place_keyed_whole(place: str) -> None:
    (entity,) = entities(f"The fire started at the {place} on Monday.")
    assert (entity.name, entity.key) == (place, place.lower())


def test_a_name_closing_a_sentence_on_an_abbreviation_keeps_its_key() -> None:
    (closing,) = entities("The contract went to Kestrel Ltd.")
    (inside,) = entities("The contract went to Kestrel Ltd on Monday.")
    assert (closing.name, closing.key) == ("Kestrel Ltd.", inside.key)


@pytest.mark.parametrize(
    "sentence, name, key",
    [
        ("President Bashar al-Assad said the talks would resume.", "Bashar al-Assad", "assad"),
        ("Abdel Fattah el-Sisi met the delegation.", "Abdel Fattah el-Sisi", "sisi"),
        ("The talks were hosted by Sheikh Tamim bin Hamad al-Thani.", "Tamim bin Hamad al-Thani", "thani"),
        ("Assad said the talks would resume.", "Assad", "assad"),
    ],
)
def test_a_particle_joined_by_a_hyphen_stays_in_the_name_and_leaves_the_key(sentence: str, name: str, key: str) -> None:
    assert [(e.name, e.key) for e in entities(sentence)] == [(name, key)]


def test_a_prefix_joined_by_a_hyphen_is_no_particle() -> None:
    # "pro-" and "mid-" are no particles of names, and "de-escalation" opens no name.
    assert [e.name for e in entities("Pro-Russian rebels met Lena Brandt in mid-March.")] == ["Lena Brandt"]
    assert [e.name for e in entities("Lena Brandt called for de-escalation in Tolsby.")] == ["Lena Brandt", "Tolsby"]


def test_a_figure_joined_to_its_unit_is_no_name() -> None:
    assert [e.name for e in entities("Temperatures in Tolsby reached 40C on Tuesday.")] == ["Tolsby"]
