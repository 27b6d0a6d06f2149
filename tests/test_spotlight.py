"""The wall's spotlight (`wall.spotlight`): one item of one activity shown large, for every activity with items."""

from __future__ import annotations

import pytest

from kiosk import payloads, spotlight
from kiosk.activities import ACTIVITIES

from conftest import events

LONG = ("Un covoiturage solidaire entre les hameaux et la gare, le matin et le soir, pour les jeunes "
        "sans permis et les anciens sans voiture, partout")  # 140 characters, as long as an issue gets


def ok(sock, name, payload=None):
    answer = sock.emit(name, payload or {}, callback=True)
    assert answer["ok"], answer
    return answer


def snapshot(sock):
    sock.emit("state.get", {}, callback=True)
    return events(sock, "state")[-1]


def shown(sock):
    """The spotlight events a client received since last asked."""
    return [e["spotlight"] for e in events(sock, "spotlight.changed")]


def test_every_activity_with_items_can_show_one_large():
    assert set(spotlight.hooks()) == {
        "issues", "vote", "review", "seeds", "board", "wall", "debate", "criteria", "recommendations", "examples",
        "statements", "forces", "grid", "census", "surprises"}
    # Those with nothing to show large: a word cloud's words, an address book, a round, groups and
    # families (names), the report-back (it shows the boards), the buddies (pairs).
    assert {a.name for a in ACTIVITIES if a.spotlight is None} == {
        "wordcloud", "addressbook", "roundtable", "groups", "families", "report", "buddies"}


def test_an_item_id_of_two_kinds_is_read_whole_or_not_at_all():
    assert payloads.kind_id("argument:12", ("statement", "argument")) == ("argument", 12)
    for wrong in ("argument:", "argument:-1", "argument:1.5", "argument:١", "row:2", "12", 12, None):
        assert payloads.kind_id(wrong, ("statement", "argument")) is None, wrong


def test_the_wall_and_every_console_see_an_issue_shown_large_and_taken_off_the_phones_do_not(actions):
    console, other_console, wall = actions.facilitator(), actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    assert len(LONG) == 140
    issue = ok(ana, "issue.propose", {"text": LONG})["issue"]["id"]
    for sock in (console, other_console, wall, ana, bruno):
        sock.get_received()

    answer = ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    expected = {"activity": "issues", "id": issue, "item": {"text": LONG}}
    assert answer["spotlight"] == expected
    assert shown(wall) == [expected] and shown(other_console) == [expected] and shown(console) == [expected]
    assert shown(ana) == [] and shown(bruno) == []
    assert snapshot(wall)["spotlight"] == expected and snapshot(bruno)["spotlight"] == expected
    assert "author" not in str(snapshot(wall)["spotlight"])  # the wall never names who proposed an issue

    ok(console, "wall.spotlight", {"activity": None})
    assert shown(wall) == [None] and shown(other_console) == [None]
    assert snapshot(console)["spotlight"] is None
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    ok(console, "wall.spotlight", {})
    assert shown(wall) == [expected, None]
    ok(console, "wall.spotlight", {})  # nothing shown: nothing changes
    assert shown(wall) == []


def test_another_phase_takes_the_item_off_the_wall_but_a_change_elsewhere_does_not(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    ok(console, "phase.set", {"phase": "issues"})
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})
    wall.get_received()
    ok(ana, "issue.propose", {"text": "Un tiers-lieu"})
    ok(console, "phase.set", {"phase": "issues"})  # the same phase again
    assert shown(wall) == [] and snapshot(wall)["spotlight"]["id"] == issue
    ok(console, "phase.set", {"phase": "vote"})
    assert shown(wall) == [None]
    assert snapshot(wall)["spotlight"] is None


@pytest.mark.parametrize("payload, code, words", [
    ({"activity": "wordcloud", "id": 1}, "bad_input", "wordcloud"),
    ({"activity": "nothing", "id": 1}, "bad_input", "nothing"),
    ({"activity": "issues", "id": 999}, "not_found", "enjeu"),
    ({"activity": "issues"}, "bad_input", "id"),
    ({"activity": "issues", "id": True}, "bad_input", "id"),
    ({"activity": "issues", "id": "x" * 101}, "bad_input", "id"),
    ({"activity": "board", "id": "1:nope"}, "not_found", "carte"),
    ({"activity": "wall", "id": 999}, "not_found", "engagement"),
    ({"activity": "vote", "id": 1}, "not_found", "vote"),
    ({"activity": "review", "id": 1}, "not_found", "note"),
    ({"activity": "seeds", "id": 1}, "not_found", "graine"),
])
def test_an_unknown_activity_or_item_is_refused_and_changes_nothing(actions, payload, code, words):
    console, wall = actions.facilitator(), actions.wall()
    before = snapshot(console)
    wall.get_received()
    answer = console.emit("wall.spotlight", payload, callback=True)
    assert answer["code"] == code and words in answer["error"], answer  # in French, the box's language
    assert shown(wall) == [] and snapshot(console)["seq"] == before["seq"]


def test_refusals_are_in_the_callers_language_and_a_phone_may_not_spotlight(actions, app):
    french = actions.facilitator()
    answer = french.emit("wall.spotlight", {"activity": "issues", "id": 999}, callback=True)
    assert answer["error"] == "Cet enjeu n’est pas à l’écran.", answer
    token = app.test_client().post("/api/facilitator", json={"pin": "246810"}).json["token"]
    english = actions.socketio.test_client(app, auth={"token": token}, headers={"Accept-Language": "en"})
    answer = english.emit("wall.spotlight", {"activity": "issues", "id": 999}, callback=True)
    assert answer["error"] == "This issue is not on the wall.", answer
    ana = actions.phone("Ana")
    assert ana.emit("wall.spotlight", {}, callback=True)["code"] == "forbidden"


def test_a_hidden_issue_or_post_leaves_the_wall_and_cannot_be_shown(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "phase.set", {"phase": "wall"})
    post = ok(ana, "wall.post", {"text": "Je viens au prochain chantier\navec deux amis"})["post"]["id"]
    ok(console, "wall.spotlight", {"activity": "wall", "id": post})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Je viens au prochain chantier\navec deux amis",
                                                   "author": "Ana"}
    wall.get_received()
    ok(console, "wall.hide", {"post_id": post})
    assert shown(wall) == [None]
    assert console.emit("wall.spotlight", {"activity": "wall", "id": post}, callback=True)["code"] == "not_found"
    ok(console, "issue.hide", {"issue_id": issue})
    assert console.emit("wall.spotlight", {"activity": "issues", "id": issue}, callback=True)["code"] == "not_found"


def test_a_review_note_shows_its_bucket_and_its_plus_ones_as_they_come(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ok(console, "phase.set", {"phase": "review"})
    ok(console, "review.open", {"prompt": "État des lieux", "buckets": ["Freins", "Besoins"]})
    note = ok(ana, "review.post", {"bucket": "Besoins", "text": "Un local partagé"})["note"]["id"]
    ok(console, "wall.spotlight", {"activity": "review", "id": note})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Un local partagé", "context": "Besoins"}
    wall.get_received()
    ok(bruno, "review.plus", {"note_id": note})
    assert [s["item"]["figures"] for s in shown(wall)] == [["+1"]]
    ok(console, "review.fix", {"note_id": note, "text": "Un local partagé au village"})
    assert shown(wall)[-1]["item"]["text"] == "Un local partagé au village"
    ok(console, "review.close")  # still on the wall: closing changes no note
    assert shown(wall) == []


def test_a_vote_row_shows_its_rank_and_dots_and_a_commitment_its_author(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    garden = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    bus = ok(ana, "issue.propose", {"text": "Un bus le soir"})["issue"]["id"]
    ok(console, "workshop.update", {"lang": "en"})
    ok(console, "phase.set", {"phase": "vote"})
    ok(console, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
    ok(ana, "vote.cast", {"issue_id": bus, "dots": 2})
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 1})
    ok(console, "wall.spotlight", {"activity": "vote", "id": garden})
    assert snapshot(wall)["spotlight"]["item"] == {"text": "Un jardin partagé", "figures": ["Rank 2", "1 dot"]}
    wall.get_received()
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 2})
    assert shown(wall)[-1]["item"]["figures"] == ["Rank 1", "2 dots"]
    ok(console, "workshop.update", {"lang": "fr"})
    ok(bruno, "vote.cast", {"issue_id": garden, "dots": 1})
    assert shown(wall)[-1]["item"]["figures"] == ["Rang 2", "1 gommette"]
    ok(console, "phase.set", {"phase": "wall"})
    post = ok(ana, "wall.post", {"text": "Je viens au chantier"})["post"]["id"]
    ok(console, "wall.spotlight", {"activity": "wall", "id": post})
    assert shown(wall)[-1]["item"] == {"text": "Je viens au chantier", "author": "Ana"}


def test_a_board_card_and_a_seed_show_their_notes_and_fields(actions, deck):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(console, "issue.propose", {"text": "Se déplacer sans voiture"})["issue"]["id"]
    ok(console, "vote.open", {"method": "dots", "dots": 1, "max_per_issue": 1})
    ok(ana, "vote.cast", {"issue_id": issue, "dots": 1})
    ok(console, "vote.close")
    ok(console, "phase.set", {"phase": "groups"})
    group = ok(console, "groups.form", {"count": 1})["groups"][0]
    ok(ana, "group.join", {"group_id": group["id"]})
    card = deck.cards[0]
    ok(console, "phase.set", {"phase": "board"})
    ok(ana, "board.place", {"group_id": group["id"], "card_id": card.id})
    ok(ana, "board.note", {"group_id": group["id"], "card_id": card.id, "field": "partners", "text": "La mairie"})
    ok(console, "wall.spotlight", {"activity": "board", "id": f"{group['id']}:{card.id}"})
    assert snapshot(wall)["spotlight"]["item"] == {
        "text": card.title, "context": group["name"], "figures": ["Priorité 1 sur 1"],
        "parts": [{"label": "Partenaires à associer", "text": "La mairie"}]}
    ok(console, "phase.set", {"phase": "seeds"})
    seed = snapshot(console)["seeds"][0]["id"]
    ok(ana, "seed.edit", {"seed_id": seed, "field": "title", "value": "Covoiturage solidaire", "version": 0})
    ok(ana, "seed.edit", {"seed_id": seed, "field": "meeting_date", "value": "2026-12-14", "version": 0})
    ok(ana, "seed.join", {"seed_id": seed})
    ok(console, "wall.spotlight", {"activity": "seeds", "id": seed})
    item = snapshot(wall)["spotlight"]["item"]
    assert item["text"] == "Covoiturage solidaire" and item["context"] == group["name"]
    assert item["parts"] == [{"label": "Besoin", "text": "Se déplacer sans voiture"},  # the need: the group's issue
                             {"label": "Prochaine réunion", "text": "14 décembre 2026"}]
    assert item["figures"] == ["1 dans le groupe-action"]


def test_a_broken_hook_takes_the_item_off_the_wall_and_never_stops_a_change(actions, monkeypatch):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    issue = ok(ana, "issue.propose", {"text": "Un jardin partagé"})["issue"]["id"]
    ok(console, "wall.spotlight", {"activity": "issues", "id": issue})

    def broken(*args):
        raise ValueError("a bug in an activity's hook")

    monkeypatch.setattr(spotlight, "_item", broken)
    wall.get_received()
    ok(ana, "issue.propose", {"text": "Un tiers-lieu au village"})  # saved all the same
    assert shown(wall) == [None]
    assert [i["text"] for i in snapshot(wall)["issues"]] == ["Un jardin partagé", "Un tiers-lieu au village"]


# --- The activities of the DOMINO and société contributive formats ------------------------------------

STATEMENT = "Le covoiturage est une pratique collaborative durable, même quand il ne reste qu’une voiture au hameau."
ARGUMENT = ("Sans covoiturage, les jeunes des hameaux ne vont ni au lycée ni au travail : c’est la première liberté "
            "qu’on leur doit.")
RECOMMENDATION = ("Ouvrons un garage solidaire dans l’ancienne gare, avec des bénévoles qui réparent les vélos et les "
                  "voitures des voisins le samedi, des outils prêtés, et une cagnotte pour les pièces détachées, enfin !")
WHO = "L’association Roues libres, la mairie, les bénévoles du samedi et le lycée pro"
WHEN = "À l’été 2027, après le vote du budget"
WHAT = ("Un atelier où chacun apporte ce qui est cassé (grille-pain, vélo, pull troué) et repart avec l’objet réparé "
        "et le savoir-faire : des bénévoles montrent comment, on boit un café, on se rencontre, et rien ne part à la "
        "benne. Un samedi par mois, à la salle des fêtes, ouvert à tous !")  # as long as the field gets
SURPRISE = ("Nous pensions que personne ne prêtait ses outils, et la moitié de la table le fait déjà sans même le dire"
            " : perceuses, échelles, remorques circulent entre voisins depuis des années,"
            " sans application ni association. Ce qui manque, c’est de le savoir hors du village, et de l’oser !")


def large(console, wall, activity, item_id):
    """Show the item large from the console: what the wall then holds."""
    ok(console, "wall.spotlight", {"activity": activity, "id": item_id})
    return snapshot(wall)["spotlight"]["item"]


def refused(console, activity, item_id, code="not_found"):
    answer = console.emit("wall.spotlight", {"activity": activity, "id": item_id}, callback=True)
    assert answer["code"] == code, answer
    return answer


def test_a_debate_statement_shows_its_line_and_an_argument_its_side_and_statement(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ok(console, "phase.set", {"phase": "debate"})
    statement = ok(console, "debate.open", {"statement": STATEMENT})["debate"]["id"]
    ok(ana, "debate.take", {"side": "agree"})
    ok(bruno, "debate.take", {"side": "disagree"})
    argument = ok(console, "debate.argument", {"side": "disagree", "text": ARGUMENT})["argument"]["id"]
    assert large(console, wall, "debate", f"statement:{statement}") == {
        "text": STATEMENT, "figures": ["D’accord 1", "Je doute 0", "Pas d’accord 1"]}
    wall.get_received()
    ok(bruno, "debate.take", {"side": "doubt"})  # the line moves: the wall's figures with it
    assert shown(wall)[-1]["item"]["figures"] == ["D’accord 1", "Je doute 1", "Pas d’accord 0"]
    assert large(console, wall, "debate", f"argument:{argument}") == {
        "text": ARGUMENT, "context": "Pas d’accord", "parts": [{"label": "Affirmation", "text": STATEMENT}]}
    wall.get_received()
    ok(console, "debate.unargue", {"argument_id": argument})  # a slip removed: it leaves the wall
    assert shown(wall) == [None]
    refused(console, "debate", f"argument:{argument}")
    for wrong in (f"statement:{statement + 1}", str(statement), statement, "vote:1"):
        refused(console, "debate", wrong)
    ok(console, "wall.spotlight", {"activity": "debate", "id": f"statement:{statement}"})
    wall.get_received()
    ok(console, "debate.open", {"statement": "Le vélo suffit pour tous les trajets du quotidien."})
    assert shown(wall) == [None]  # another statement read: the earlier one is no longer on the wall
    assert refused(console, "debate", f"statement:{statement}")["error"] == "Cette affirmation ou cet argument n’est pas à l’écran."


def test_a_criterion_shows_its_indicator_its_median_and_band_and_the_dont_knows(actions):
    console, wall = actions.facilitator(), actions.wall()
    people = [actions.phone(name) for name in ("Ana", "Bruno", "Chloé", "Dan")]
    ok(console, "phase.set", {"phase": "criteria"})
    indicator = "Nombre de rencontres par mois entre des personnes qui ne se connaissaient pas avant " \
                "l’atelier, comptées par les animateurs"
    ids = [ok(console, "criteria.add", {"name": name, "indicator": text})["criterion"]["id"]
           for name, text in (("Lien social", indicator), ("Coût", ""), ("Durabilité", "Kilomètres évités"))]
    assert large(console, wall, "criteria", ids[1]) == {"text": "Coût", "figures": ["pas encore de note"]}
    ok(console, "criteria.open")
    for person, value in zip(people, (1, 2, 4, None)):
        ok(person, "criteria.rate", {"criterion_id": ids[0], "value": value})
    assert large(console, wall, "criteria", ids[0]) == {
        "text": "Lien social", "figures": ["médiane 2", "1.5–3", "1 ne sait pas"],
        "parts": [{"label": "Indicateur", "text": indicator}]}
    refused(console, "criteria", 999)


def test_a_recommendation_shows_its_quadrant_medians_and_roadmap(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ok(console, "phase.set", {"phase": "recommendations"})
    assert len(RECOMMENDATION) == 200 and len(WHO) <= 80 and len(WHEN) <= 40
    rec = ok(ana, "recommendations.propose", {"text": RECOMMENDATION})["recommendation"]["id"]
    assert large(console, wall, "recommendations", rec) == {"text": RECOMMENDATION}  # not rated: no quadrant yet
    ok(ana, "recommendations.rate", {"recommendation_id": rec, "impact": 4, "effort": 1})
    ok(bruno, "recommendations.rate", {"recommendation_id": rec, "impact": 3, "effort": 2})
    ok(console, "recommendations.plan", {"recommendation_id": rec, "who": WHO, "when": WHEN})
    assert snapshot(wall)["spotlight"]["item"] == {
        "text": RECOMMENDATION, "context": "Gains rapides", "figures": ["impact 3.5 · effort 1.5", "2 notes"],
        "parts": [{"label": "Qui", "text": WHO}, {"label": "Quand", "text": WHEN}]}
    wall.get_received()
    ok(console, "recommendations.remove", {"recommendation_id": rec})
    assert shown(wall) == [None]
    refused(console, "recommendations", rec)


def test_an_example_shows_its_table_category_and_every_field(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    tables = ok(console, "groups.form", {"count": 2, "from": "tables"})["groups"]
    ok(ana, "group.join", {"group_id": tables[1]["id"]})
    ok(console, "phase.set", {"phase": "examples"})
    ok(console, "examples.open", {"prompt": "Quels fonctionnements contributifs connaissez-vous ?"})
    assert len(WHAT) == 280
    fields = {"title": "Repair café de la vallée", "what": WHAT, "where": "Salle des fêtes de Die",
              "who": "Le collectif Répare-tout", "link": "https://reparetout.example.org/agenda"}
    example = ok(ana, "examples.add", fields)["example"]["id"]
    category = ok(console, "examples.category", {"label": "Réemploi"})["category"]["id"]
    ok(console, "examples.sort", {"example_id": example, "category_id": category})
    assert large(console, wall, "examples", example) == {
        "text": "Repair café de la vallée", "context": tables[1]["name"], "figures": ["Réemploi"],
        "parts": [{"label": "Ce que c’est", "text": WHAT}, {"label": "Où", "text": "Salle des fêtes de Die"},
                  {"label": "Qui le porte", "text": "Le collectif Répare-tout"},
                  {"label": "Un lien ou un contact public du projet", "text": "https://reparetout.example.org/agenda"}]}
    wall.get_received()
    ok(ana, "examples.remove", {"example_id": example})
    assert shown(wall) == [None]
    refused(console, "examples", example)


def test_a_statement_shows_its_counts_only_once_the_results_are_on_the_wall(actions):
    console, wall = actions.facilitator(), actions.wall()
    ana, bruno, chloe = actions.phone("Ana"), actions.phone("Bruno"), actions.phone("Chloé")
    ok(console, "phase.set", {"phase": "statements"})
    live = ok(console, "statements.seed", {"text": "Le local doit rester ouvert le soir."})["statement"]["id"]
    waiting = ok(ana, "statements.propose", {"text": "Il faut un composteur dans chaque rue."})["statement"]["id"]
    for person, vote in ((ana, 1), (bruno, 1), (chloe, -1)):
        ok(person, "statements.answer", {"id": live, "vote": vote})
    assert large(console, wall, "statements", live) == {"text": "Le local doit rester ouvert le soir."}
    wall.get_received()
    ok(console, "statements.show", {"shown": True})
    item = shown(wall)[-1]["item"]
    assert item["text"] == "Le local doit rester ouvert le soir."
    assert item["figures"] == ["2 d’accord · 1 pas d’accord · 0 passent"]
    refused(console, "statements", waiting)  # waiting for moderation: not on the wall
    ok(console, "statements.reject", {"id": waiting})
    refused(console, "statements", waiting)


def test_a_blocker_shows_its_kind_strength_and_actionability_and_leaves_when_hidden(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    ok(console, "phase.set", {"phase": "forces"})
    ok(console, "forces.open", {"prompt": "Qu’est-ce qui freine, qu’est-ce qui déclenche ?"})
    text = "Les horaires des cars ne collent à aucun emploi du temps : ni celui du lycée, ni celui des usines du bas"
    item = ok(ana, "forces.add", {"kind": "blocker", "text": text, "strength": 4, "actionable": 2})["item"]["id"]
    assert large(console, wall, "forces", item) == {
        "text": text, "context": "Blocage", "figures": ["Force 4/5", "Capacité d’agir\u00a0: 2/5"]}
    wall.get_received()
    ok(console, "forces.hide", {"item_id": item})
    assert shown(wall) == [None]
    refused(console, "forces", item)


def grid_axis(console, ana):
    """Two axes voted from a situation review; the first one's id."""
    ok(console, "review.open", {"prompt": "Quels axes ?", "buckets": ["Axes"]})
    notes = [ok(ana, "review.post", {"bucket": "Axes", "text": text})["note"]["id"] for text in ("Se déplacer", "Se loger")]
    ok(console, "review.close")
    ok(console, "vote.open", {"method": "dots", "dots": 3, "max_per_issue": 3, "source": "review", "bucket": "Axes"})
    ok(ana, "vote.cast", {"issue_id": notes[0], "dots": 2})
    ok(console, "vote.close")
    return ok(console, "grid.validate", {"count": 2})["grid"]["axes"][0]["id"]


def test_a_grid_practice_shows_its_five_columns_and_an_entry_its_place_and_flag(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    axis = grid_axis(console, ana)
    ok(console, "phase.set", {"phase": "grid"})
    row = ok(console, "grid.row", {"axis_id": axis, "practice": "Covoiturage entre voisins"})["row"]["id"]
    long_entry = ("Les trajets vers la gare le matin partagés par une liste affichée à la boulangerie et au café, tenue "
                  "par deux bénévoles, avec une place gardée pour qui n’a pas de téléphone et les horaires du car")
    entry = ok(console, "grid.add", {"row_id": row, "column": "examples", "text": long_entry, "flag": "pepite"})["entry"]["id"]
    ok(console, "grid.add", {"row_id": row, "column": "examples", "text": "Rezo Pouce"})
    ok(console, "grid.add", {"row_id": row, "column": "regulatory", "text": "L’assurance du conducteur"})
    assert large(console, wall, "grid", f"row:{row}") == {
        "text": "Covoiturage entre voisins", "context": "Se déplacer",
        "parts": [{"label": "Exemples emblématiques", "text": f"★ {long_entry}\nRezo Pouce"},
                  {"label": "Limites réglementaires", "text": "L’assurance du conducteur"}]}
    assert large(console, wall, "grid", f"entry:{entry}") == {
        "text": long_entry, "context": "Se déplacer · Covoiturage entre voisins",
        "figures": ["Exemples emblématiques", "★ Pépite"]}
    wall.get_received()
    ok(console, "grid.remove", {"entry_id": entry})
    assert shown(wall) == [None]
    for wrong in (f"entry:{entry}", f"row:{row + 1}", row, f"axis:{axis}"):
        refused(console, "grid", wrong)
    ok(console, "wall.spotlight", {"activity": "grid", "id": f"row:{row}"})
    wall.get_received()
    ok(console, "grid.row_remove", {"row_id": row})
    assert shown(wall) == [None]


def test_a_census_entry_shows_its_name_commune_and_theme_never_its_contact(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    ok(console, "phase.set", {"phase": "census"})
    ok(console, "census.open")
    values = {"name": "Repair café de Redon", "commune": "Redon", "theme": "Réemploi et réparation",
              "description": "Un samedi par mois, on répare ensemble.",
              "contact": {"address": "ana@exemple.fr", "consent": True}}
    entry = ok(ana, "census.add", {"values": values})["entry"]["id"]
    item = large(console, wall, "census", entry)
    assert item == {"text": "Repair café de Redon",
                    "parts": [{"label": "Commune", "text": "Redon"}, {"label": "Thème", "text": "Réemploi et réparation"}]}
    assert "ana@exemple.fr" not in str(snapshot(wall)) and "ana@exemple.fr" not in str(snapshot(console)["spotlight"])
    refused(console, "census", 999)


def test_a_surprise_shows_its_table_and_leaves_when_hidden_or_taken_back(actions):
    console, wall, ana = actions.facilitator(), actions.wall(), actions.phone("Ana")
    tables = ok(console, "groups.form", {"count": 2, "from": "tables"})["groups"]
    ok(ana, "group.join", {"group_id": tables[0]["id"]})
    ok(console, "phase.set", {"phase": "surprises"})
    ok(console, "surprises.open")
    assert len(SURPRISE) == 280
    surprise = ok(ana, "surprises.post", {"text": SURPRISE})["surprise"]["id"]
    assert large(console, wall, "surprises", surprise) == {"text": SURPRISE, "context": tables[0]["name"]}
    wall.get_received()
    ok(console, "surprises.hide", {"surprise_id": surprise})
    assert shown(wall) == [None]
    refused(console, "surprises", surprise)
    ok(console, "surprises.restore", {"surprise_id": surprise})
    ok(console, "wall.spotlight", {"activity": "surprises", "id": surprise})
    wall.get_received()
    ok(ana, "surprises.withdraw", {"surprise_id": surprise})
    assert shown(wall) == [None]
