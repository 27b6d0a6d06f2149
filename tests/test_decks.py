"""Card decks: the shipped decks, every kind of problem `load_deck` reports, and finding decks."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from kiosk.decks import (
    DEFAULT_DECK,
    Card,
    Deck,
    DeckError,
    Family,
    check_decks,
    contrast_with_white,
    count_sentences,
    find_deck,
    list_decks,
    load_deck,
)

DECKS_DIR = Path(__file__).resolve().parent.parent / "decks"
FR = DECKS_DIR / "pratiques-collaboratives.fr.toml"
EN = DECKS_DIR / "collaborative-practices.en.toml"

LINE = re.compile(r"^(?P<file>.+?): (?P<where>[^:]+): (?P<what>.+)$")


# --- Helpers: small decks written to tmp_path -------------------------------------------------


def valid_data() -> dict:
    return {
        "id": "petit-jeu",
        "title": "Petit jeu",
        "lang": "fr",
        "families": [
            {
                "id": "jardins",
                "name": "Jardins",
                "color": "#2e7d32",
                "description": "Cultiver ensemble.",
            },
            {
                "id": "mobilite",
                "name": "Mobilité",
                "color": "#1565c0",
                "description": "Se déplacer ensemble. Partager les trajets.",
            },
        ],
        "cards": [
            {
                "id": "jardin-partage",
                "family": "jardins",
                "title": "Jardin partagé",
                "description": "Un terrain cultivé par des voisins. Chacun vient à son rythme.",
                "examples": ["un jardin en pied d'immeuble"],
                "keywords": ["jardin", "voisinage"],
            },
            {
                "id": "autopartage",
                "family": "mobilite",
                "title": "Autopartage",
                "description": "Des foyers partagent une voiture. Les frais sont répartis.",
                "examples": ["trois familles, une voiture"],
                "keywords": ["voiture"],
            },
        ],
    }


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def to_toml(data: dict) -> str:
    lines = [f"{k} = {toml_value(v)}" for k, v in data.items() if k not in ("families", "cards")]
    for key in ("families", "cards"):
        if key not in data:
            continue
        if not isinstance(data[key], list) or not all(isinstance(b, dict) for b in data[key]):
            lines.append(f"{key} = {toml_value(data[key])}")
            continue
        for block in data[key]:
            lines.append(f"\n[[{key}]]")
            lines.extend(f"{k} = {toml_value(v)}" for k, v in block.items())
    return "\n".join(lines) + "\n"


@pytest.fixture
def write(tmp_path):
    """write(data or text, name) -> path of a deck file in tmp_path."""

    def write(content, name="deck.toml") -> Path:
        path = tmp_path / name
        path.write_text(content if isinstance(content, str) else to_toml(content), encoding="utf-8")
        return path

    return write


def problems_of(path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert caught.value.problems, "a DeckError always lists its problems"
    return caught.value.problems


def places(problems: list[str]) -> list[str]:
    return [LINE.match(p).group("where") for p in problems]


def broken(mutate) -> dict:
    data = copy.deepcopy(valid_data())
    mutate(data)
    return data


# --- The shipped decks ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_shipped_deck_loads_with_no_problem(path):
    assert check_decks([path]) == []


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_shipped_deck_has_ten_families_of_at_least_five_cards(path):
    deck = load_deck(path)
    assert len(deck.families) == 10
    for family in deck.families:
        assert len(deck.cards_of(family.id)) >= 5, family.id


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_shipped_cards_have_two_or_three_examples_and_three_to_five_keywords(path):
    for card in load_deck(path).cards:
        assert 2 <= len(card.examples) <= 3, card.id
        assert 3 <= len(card.keywords) <= 5, card.id


@pytest.mark.parametrize("path", [FR, EN], ids=["fr", "en"])
def test_shipped_family_colours_are_distinct_and_readable_with_white_text(path):
    colors = [family.color for family in load_deck(path).families]
    assert len(set(colors)) == len(colors)
    assert all(contrast_with_white(color) >= 4.5 for color in colors)


def test_french_deck_is_the_default_deck():
    deck = load_deck(FR)
    assert (deck.id, deck.lang) == (DEFAULT_DECK, "fr")
    assert find_deck(DEFAULT_DECK, DECKS_DIR) == FR


def test_english_deck_has_the_same_family_and_card_ids_in_the_same_order():
    fr, en = load_deck(FR), load_deck(EN)
    assert (en.id, en.lang) == ("collaborative-practices", "en")
    assert [f.id for f in en.families] == [f.id for f in fr.families]
    assert [(c.id, c.family) for c in en.cards] == [(c.id, c.family) for c in fr.cards]
    assert [f.color for f in en.families] == [f.color for f in fr.families]
    for card in en.cards:
        assert len(card.examples) == len(fr.card(card.id).examples), card.id


def test_english_deck_is_translated_not_copied():
    fr, en = load_deck(FR), load_deck(EN)
    same = [c.id for c in en.cards if c.description == fr.card(c.id).description]
    assert same == []


def test_list_decks_finds_both_shipped_decks():
    assert {deck.id for deck in list_decks(DECKS_DIR)} == {DEFAULT_DECK, "collaborative-practices"}


# --- A valid deck and its helpers -------------------------------------------------------------


def test_valid_deck_loads_into_dataclasses(write):
    path = write(valid_data())
    deck = load_deck(path)
    assert isinstance(deck, Deck) and deck.path == path
    assert deck.family("jardins") == Family("jardins", "Jardins", "#2e7d32", "Cultiver ensemble.")
    assert deck.card("autopartage") == Card(
        "autopartage",
        "mobilite",
        "Autopartage",
        "Des foyers partagent une voiture. Les frais sont répartis.",
        ("trois familles, une voiture",),
        ("voiture",),
    )
    assert [c.id for c in deck.cards_of("jardins")] == ["jardin-partage"]


def test_unknown_ids_give_none_or_no_cards(write):
    deck = load_deck(write(valid_data()))
    assert deck.card("nope") is None
    assert deck.family("nope") is None
    assert deck.cards_of("nope") == ()


def test_public_form_holds_exactly_card_titles_under_their_family(write):
    public = load_deck(write(valid_data())).public()
    assert set(public) == {"id", "title", "lang", "families"}
    assert public["families"][0] == {
        "id": "jardins",
        "name": "Jardins",
        "color": "#2e7d32",
        "description": "Cultiver ensemble.",
        "cards": [{"id": "jardin-partage", "title": "Jardin partagé"}],
    }
    json.dumps(public)


def test_full_form_holds_every_card_field_as_plain_data(write):
    full = load_deck(write(valid_data())).full()
    card = full["families"][1]["cards"][0]
    assert card == {
        "id": "autopartage",
        "family": "mobilite",
        "title": "Autopartage",
        "description": "Des foyers partagent une voiture. Les frais sont répartis.",
        "examples": ["trois familles, une voiture"],
        "keywords": ["voiture"],
    }
    assert json.loads(json.dumps(full)) == full


def test_multiline_text_is_joined_into_one_line(write):
    text = to_toml(valid_data()).replace(
        '"Cultiver ensemble."', '"""\nCultiver\n   ensemble."""'
    )
    assert load_deck(write(text)).family("jardins").description == "Cultiver ensemble."


def test_colour_is_stored_in_lowercase(write):
    deck = load_deck(write(broken(lambda d: d["families"][0].update(color="#2E7D32"))))
    assert deck.family("jardins").color == "#2e7d32"


def test_file_saved_with_a_byte_order_mark_still_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + to_toml(valid_data()).encode("utf-8"))
    assert load_deck(path).id == "petit-jeu"


# --- One test per kind of problem -------------------------------------------------------------


def test_missing_file_is_reported(tmp_path):
    path = tmp_path / "absent.toml"
    assert problems_of(path) == [f"{path}: file: no such file"]


def test_file_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(to_toml(valid_data()).replace("Mobilité", "Mobilit\xe9").encode("latin-1"))
    [problem] = problems_of(path)
    assert re.fullmatch(rf"{re.escape(str(path))}: line \d+: .*UTF-8.*", problem)


def test_toml_syntax_error_is_reported_with_its_line(write):
    text = to_toml(valid_data()).splitlines()
    text.insert(2, "title = oops")
    path = write("\n".join(text))
    [problem] = problems_of(path)
    assert re.fullmatch(rf"{re.escape(str(path))}: line 3: TOML syntax error: .+ \(column \d+\)", problem)


def test_missing_required_field_is_reported_with_its_place(write):
    data = broken(lambda d: d["cards"][1].pop("title"))
    assert problems_of(write(data)) == [
        f"{write(data)}: cards[2] (autopartage).title: missing; add title = \"…\""
    ]


def test_empty_field_is_reported(write):
    data = broken(lambda d: d["families"][0].update(name="   "))
    assert places(problems_of(write(data))) == ["families[1] (jardins).name"]
    assert problems_of(write(data))[0].endswith("is empty")


def test_missing_deck_fields_are_reported_at_the_top_level(write):
    data = broken(lambda d: (d.pop("title"), d.pop("lang")))
    assert places(problems_of(write(data))) == ["title", "lang"]


def test_text_of_wrong_type_is_reported(write):
    data = broken(lambda d: d["cards"][0].update(title=3))
    [problem] = problems_of(write(data))
    assert problem.endswith("cards[1] (jardin-partage).title: must be a text in quotes, "
                            'like title = "…", not a number')


def test_examples_written_as_a_text_instead_of_a_list_are_reported(write):
    data = broken(lambda d: d["cards"][0].update(examples="un jardin"))
    [problem] = problems_of(write(data))
    assert "cards[1] (jardin-partage).examples: must be a list of texts" in problem


def test_non_text_item_in_a_list_is_reported_with_its_position(write):
    data = broken(lambda d: d["cards"][0].update(keywords=["jardin", 3, ""]))
    assert places(problems_of(write(data))) == [
        "cards[1] (jardin-partage).keywords[2]",
        "cards[1] (jardin-partage).keywords[3]",
    ]


def test_empty_examples_or_keywords_are_reported(write):
    data = broken(lambda d: d["cards"][0].update(examples=[], keywords=[]))
    problems = problems_of(write(data))
    assert places(problems) == [
        "cards[1] (jardin-partage).examples",
        "cards[1] (jardin-partage).keywords",
    ]
    assert all("give at least one" in p for p in problems)


def test_bad_slug_id_is_reported_for_deck_family_and_card(write):
    def mutate(d):
        d["id"] = "Petit Jeu"
        d["families"][0]["id"] = "jardins_"
        d["cards"][0]["id"] = "jardin--partage"
        d["cards"][0]["family"] = "jardins_"  # keeps the card attached to its (misspelt) family

    problems = problems_of(write(broken(mutate)))
    assert places(problems) == ["id", "families[1] (jardins_).id", "cards[1] (jardin--partage).id"]
    assert all("is not a valid id" in p for p in problems)


def test_duplicate_family_id_is_reported(write):
    def mutate(d):
        d["families"][1]["id"] = "jardins"
        d["cards"][1]["family"] = "jardins"

    [problem] = problems_of(write(broken(mutate)))
    assert problem.endswith(
        "families[2] (jardins).id: duplicate family id 'jardins' (already used by families[1] (jardins))"
    )


def test_duplicate_card_id_is_reported(write):
    data = broken(lambda d: d["cards"][1].update(id="jardin-partage"))
    [problem] = problems_of(write(data))
    assert "cards[2] (jardin-partage).id: duplicate card id 'jardin-partage'" in problem


def test_card_with_unknown_family_is_reported_with_its_place(write):
    def mutate(d):
        d["cards"].append({**d["cards"][1], "id": "covoiturage", "family": "mobilites"})

    [problem] = problems_of(write(broken(mutate)))
    assert problem.endswith(
        "cards[3] (covoiturage).family: unknown family 'mobilites' (families are: jardins, mobilite)"
    )


def test_bad_colour_is_reported(write):
    data = broken(lambda d: d["families"][1].update(color="blue"))
    [problem] = problems_of(write(data))
    assert problem.endswith("families[2] (mobilite).color: 'blue' is not a colour: "
                            "write it as #rrggbb, e.g. #2e7d32")


def test_colour_too_light_for_white_text_is_reported(write):
    data = broken(lambda d: d["families"][1].update(color="#ffeb3b"))
    [problem] = problems_of(write(data))
    assert "families[2] (mobilite).color: #ffeb3b is too light for white text" in problem


def test_two_families_with_the_same_colour_are_reported(write):
    data = broken(lambda d: d["families"][1].update(color="#2E7D32"))
    [problem] = problems_of(write(data))
    assert "families[2] (mobilite).color: #2e7d32 is already the colour of families[1]" in problem


def test_lang_other_than_fr_or_en_is_reported(write):
    [problem] = problems_of(write(broken(lambda d: d.update(lang="de"))))
    assert problem.endswith("lang: 'de' is not a supported language: use \"fr\" or \"en\"")


def test_card_description_of_one_sentence_is_reported(write):
    data = broken(lambda d: d["cards"][0].update(description="Un terrain cultivé."))
    [problem] = problems_of(write(data))
    assert problem.endswith(
        "cards[1] (jardin-partage).description: must have 2 to 4 sentences, found 1"
    )


def test_card_description_of_five_sentences_is_reported(write):
    data = broken(lambda d: d["cards"][0].update(description="Un. Deux. Trois. Quatre. Cinq."))
    [problem] = problems_of(write(data))
    assert problem.endswith("must have 2 to 4 sentences, found 5")


def test_family_description_of_three_sentences_is_reported(write):
    data = broken(lambda d: d["families"][0].update(description="Un. Deux. Trois."))
    [problem] = problems_of(write(data))
    assert problem.endswith("families[1] (jardins).description: must have 1 or 2 sentences, found 3")


def test_family_without_cards_is_reported(write):
    data = broken(lambda d: d["cards"].pop())
    [problem] = problems_of(write(data))
    assert problem.endswith(
        'families[2] (mobilite): no card belongs to this family; '
        'add a [[cards]] block with family = "mobilite"'
    )


def test_deck_without_families_is_reported(write):
    data = broken(lambda d: (d.pop("families"), d.pop("cards")))
    [problem] = problems_of(write(data))
    assert problem.endswith("families: the deck has no family; add at least one [[families]] block")


def test_single_bracket_families_table_is_reported(write):
    text = to_toml({"id": "x", "title": "X", "lang": "fr"}) + '\n[families]\nid = "a"\n'
    [problem] = problems_of(write(text))
    assert problem.endswith("families: must be a list of blocks: write [[families]] with double brackets")


@pytest.mark.parametrize(
    "mutate, where, hint",
    [
        (lambda d: d.update(titel="X"), "titel", "did you mean 'title'?"),
        (lambda d: d["families"][0].update(colour="#2e7d32"), "families[1] (jardins).colour",
         "did you mean 'color'?"),
        (lambda d: d["cards"][1].update(exemples=["x"]), "cards[2] (autopartage).exemples",
         "did you mean 'examples'?"),
        (lambda d: d.update(author="Ana"), "author", "expected one of: id, title, lang, families, cards"),
    ],
    ids=["deck", "family", "card", "no-close-match"],
)
def test_unknown_key_is_reported_as_a_likely_typo(write, mutate, where, hint):
    [problem] = problems_of(write(broken(mutate)))
    assert problem.endswith(f"{where}: unknown key ({hint})")


def test_every_problem_is_reported_not_only_the_first(write):
    def mutate(d):
        d["lang"] = "es"
        d["families"][0]["color"] = "#123"
        d["cards"][0]["description"] = "Une phrase."
        d["cards"][1]["family"] = "velo"

    problems = problems_of(write(broken(mutate)))
    assert places(problems) == [
        "lang",
        "families[1] (jardins).color",
        "cards[1] (jardin-partage).description",
        "cards[2] (autopartage).family",
        "families[2] (mobilite)",  # left without a card by the misspelt family above
    ]


def test_block_without_readable_id_is_located_by_its_index_alone(write):
    data = broken(lambda d: d["cards"][1].pop("id"))
    assert places(problems_of(write(data))) == ["cards[2].id"]


# --- check_decks ------------------------------------------------------------------------------


def test_check_decks_returns_file_where_what_lines_for_every_file(write, tmp_path):
    good = write(valid_data(), "good.toml")
    bad = write(broken(lambda d: d.update(lang="de")), "bad.toml")
    worse = write("id = \n", "worse.toml")
    missing = tmp_path / "missing.toml"
    problems = check_decks([good, bad, str(worse), missing])
    assert [LINE.match(p).group("file") for p in problems] == [str(bad), str(worse), str(missing)]
    assert all(LINE.match(p) for p in problems)
    assert places(problems) == ["lang", "line 1", "file"]


def test_check_decks_of_valid_files_is_empty(write):
    assert check_decks([write(valid_data())]) == []


# --- find_deck and list_decks -----------------------------------------------------------------


@pytest.fixture
def decks_dir(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "petit-jeu.fr.toml").write_text(to_toml(valid_data()), encoding="utf-8")
    other = broken(lambda d: d.update(id="small-deck", lang="en"))
    (folder / "small.en.toml").write_text(to_toml(other), encoding="utf-8")
    return folder


def test_find_deck_by_id(decks_dir):
    assert find_deck("small-deck", decks_dir) == decks_dir / "small.en.toml"


def test_find_deck_by_file_stem(decks_dir):
    assert find_deck("small.en", decks_dir) == decks_dir / "small.en.toml"


def test_find_deck_by_file_stem_without_language(decks_dir):
    assert find_deck("small", decks_dir) == decks_dir / "small.en.toml"


def test_find_deck_by_path(decks_dir, tmp_path):
    path = decks_dir / "petit-jeu.fr.toml"
    assert find_deck(str(path), tmp_path / "elsewhere") == path
    assert find_deck(path, tmp_path / "elsewhere") == path


def test_find_deck_reports_an_unknown_name_with_the_available_decks(decks_dir):
    with pytest.raises(DeckError) as caught:
        find_deck("grand-jeu", decks_dir)
    assert caught.value.problems == [
        f"grand-jeu: deck: no deck with this id or file name in {decks_dir} "
        "(available: petit-jeu, small-deck)"
    ]


def test_find_deck_reports_a_missing_file_path(tmp_path):
    with pytest.raises(DeckError) as caught:
        find_deck(str(tmp_path / "absent.toml"), tmp_path)
    assert caught.value.problems == [f"{tmp_path / 'absent.toml'}: file: no such deck file"]


def test_find_deck_reports_an_ambiguous_stem(decks_dir):
    other = broken(lambda d: d.update(id="small-deck-fr"))
    (decks_dir / "small.fr.toml").write_text(to_toml(other), encoding="utf-8")
    with pytest.raises(DeckError, match="several decks match"):
        find_deck("small", decks_dir)


def test_list_decks_skips_invalid_decks(decks_dir):
    (decks_dir / "broken.toml").write_text("id = ", encoding="utf-8")
    assert [deck.id for deck in list_decks(decks_dir)] == ["petit-jeu", "small-deck"]


def test_list_decks_of_a_missing_folder_is_empty(tmp_path):
    assert list_decks(tmp_path / "nowhere") == []


# --- The sentence rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Un jardin. Des voisins.", 2),
        ("Vraiment ? Oui ! Bien sûr…", 3),
        ("Sans point final. Voilà une phrase", 2),
        ("Il coûte 3.5 euros par mois. Voilà.", 2),
        ("Des outils, des jeux, etc. et des livres. Fin.", 2),
        ("Des outils, des jeux, etc. Les adhérents empruntent.", 2),
        ("M. Dupont et Mme Martin arrivent. Ils jardinent.", 2),
        ("Voir p. ex. le jardin. Ensuite, cf. Annexe.", 2),
        ("Le principe « une personne, une voix ». C'est tout.", 2),
        ("Il dit « Bonjour. » Puis il part.", 2),
        ("Quoi ?! Encore.", 2),
        ("Contact : J. Durand, au village. Merci.", 2),
        ("", 0),
    ],
)
def test_sentence_count_rule(text, expected):
    assert count_sentences(text) == expected


def test_contrast_with_white_matches_wcag_extremes():
    assert contrast_with_white("#000000") == pytest.approx(21)
    assert contrast_with_white("#ffffff") == pytest.approx(1)


@pytest.mark.parametrize("lang, deck_id, first_step", [
    ("fr", "pratiques-collaboratives", "Objectifs"),
    ("en", "collaborative-practices", "Objectives"),
])
def test_a_box_without_a_deck_setting_takes_the_deck_and_programme_of_its_language(tmp_path, lang, deck_id, first_step):
    from kiosk import create_app

    app = create_app({"data": str(tmp_path), "lang": lang, "async_mode": "threading", "tally_interval": 0})
    box = app.extensions["kiosk_box"]
    assert (box.deck.id, box.deck.lang) == (deck_id, lang)
    assert box.programme.lang == lang and box.programme.steps[0].title.startswith(first_step)


def test_a_deck_set_by_hand_wins_over_the_language(tmp_path):
    from kiosk import create_app
    from kiosk.decks import deck_setting

    assert deck_setting("pratiques-collaboratives", "en") == "pratiques-collaboratives"
    app = create_app({"data": str(tmp_path), "lang": "en", "deck": "pratiques-collaboratives",
                      "async_mode": "threading", "tally_interval": 0})
    assert app.extensions["kiosk_box"].deck.lang == "fr"
