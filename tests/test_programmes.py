"""Programme files: the shipped Sharitories hour, and one clear `FILE: where: what` line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli, create_app, programmes
from kiosk.activities import PHASES
from kiosk.programmes import ProgrammeError

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "decks" / "programmes"
FR, EN = DIR / "sharitories.fr.toml", DIR / "sharitories.en.toml"

GOOD_STEP = '[[steps]]\ntitle = "Objectifs"\nminutes = 5\nphase = "welcome"\n'


def write(tmp_path, text: str, name: str = "atelier.fr.toml", raw: bytes | None = None) -> Path:
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path, text: str, **kwargs) -> list[str]:
    path = write(tmp_path, text, **kwargs)
    with pytest.raises(ProgrammeError) as error:
        programmes.load_programme(path)
    assert all(line.startswith(f"{path}: ") for line in error.value.problems)
    return [line[len(f"{path}: "):] for line in error.value.problems]


def programme_text(head: str = 'title = "Atelier"\nlang = "fr"\n', steps: str = GOOD_STEP) -> str:
    return head + "\n" + steps


# --- The shipped programmes ---------------------------------------------------------------------

def test_the_shipped_programmes_are_valid():
    assert programmes.check_programmes(sorted(DIR.glob("*.toml"))) == []
    assert cli.main(["programme", "check", str(FR), str(EN)]) == 0


def test_the_default_programme_is_the_sharitories_hour_with_its_timings():
    programme = programmes.load_programme(FR)
    assert programme.lang == "fr" and "Sharitories" in programme.title
    assert [(s.phase, s.duration_s // 60) for s in programme.steps] == [
        ("welcome", 5), ("issues", 5), ("vote", 5), ("groups", 2), ("families", 5), ("board", 20), ("board", 10),
        ("report", 15), ("wall", 5), ("closing", 5)]
    report = programme.steps[7]
    assert (report.options["present_s"], report.options["react_s"]) == (120, 120)
    assert all(step.phone and step.wall for step in programme.steps)


def test_the_english_programme_follows_the_french_one_step_by_step():
    french, english = programmes.load_programme(FR), programmes.load_programme(EN)
    assert english.lang == "en"
    assert [(s.phase, s.duration_s, s.options.get("present_s"), s.options.get("react_s")) for s in english.steps] == \
        [(s.phase, s.duration_s, s.options.get("present_s"), s.options.get("react_s")) for s in french.steps]
    assert [s.title for s in english.steps] != [s.title for s in french.steps]


ATELIERS_FR, ATELIERS_EN = DIR / "ateliers-participatifs.fr.toml", DIR / "ateliers-participatifs.en.toml"


def test_the_ateliers_participatifs_day_is_a_morning_a_lunch_and_an_afternoon_of_three_hours():
    assert cli.main(["programme", "check", str(ATELIERS_FR), str(ATELIERS_EN)]) == 0
    day = programmes.load_programme(ATELIERS_FR)
    assert day.lang == "fr"
    phases = [s.phase for s in day.steps]
    assert phases == ["welcome", "wordcloud", "addressbook", "roundtable", "review", "review", "welcome",
                      "vote", "groups", "seeds", "seeds", "report", "closing"]
    lunch = phases.index("welcome", 1)
    minutes = [s.duration_s // 60 for s in day.steps]
    assert (sum(minutes[:lunch]), minutes[lunch], sum(minutes[lunch + 1:])) == (180, 60, 180)
    assert "Déjeuner" in day.steps[lunch].title
    assert day.steps[1].options["prompt"] == "En un mot, ce qui vous amène"
    review = day.steps[4].options
    assert review["buckets"] == ["Freins", "Leviers", "Moyens", "Besoins", "Attentes"]
    vote = day.steps[7].options
    assert (vote["source"], vote["bucket"]) == ("review", "Besoins")
    assert all(step.phone and step.wall for step in day.steps)


def test_the_english_day_follows_the_french_one_step_by_step():
    french, english = programmes.load_programme(ATELIERS_FR), programmes.load_programme(ATELIERS_EN)
    assert english.lang == "en"
    assert [(s.phase, s.duration_s) for s in english.steps] == [(s.phase, s.duration_s) for s in french.steps]
    assert [sorted(s.options) for s in english.steps] == [sorted(s.options) for s in french.steps]
    # The vote's bucket is one of the review's buckets, in each language.
    for day in (french, english):
        assert day.steps[7].options["bucket"] == day.steps[4].options["buckets"][3]


def test_minutes_may_be_decimal_and_report_timings_are_read(tmp_path):
    path = write(tmp_path, programme_text(steps=GOOD_STEP + '[[steps]]\ntitle = "Restitution"\nminutes = 1.5\n'
                                          'phase = "report"\npresent_minutes = 3\nreact_minutes = 0.5\n'))
    steps = programmes.load_programme(path).steps
    assert steps[1].duration_s == 90 and (steps[1].options["present_s"], steps[1].options["react_s"]) == (180, 30)
    assert steps[0].phone == "" and steps[0].wall == ""


# --- One problem of each kind ---------------------------------------------------------------------

def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "absent.toml"
    with pytest.raises(ProgrammeError) as error:
        programmes.load_programme(path)
    assert error.value.problems == [f"{path}: file: no such file"]


def test_a_file_that_is_not_utf8_says_which_line(tmp_path):
    raw = programme_text().replace("Objectifs", "Objectifs \xe9t\xe9").encode("latin-1")
    assert problems(tmp_path, "", raw=raw) == ["line 5: the file is not UTF-8 text; save it with the UTF-8 encoding"]


def test_a_toml_syntax_error_gives_its_line(tmp_path):
    found = problems(tmp_path, programme_text(steps='[[steps]]\ntitle = "Vote\nminutes = 5\n'))
    assert len(found) == 1 and found[0].startswith("line 5: TOML syntax error")


def test_an_unknown_key_suggests_the_right_one(tmp_path):
    found = problems(tmp_path, programme_text(head='titel = "Atelier"\ntitle = "Atelier"\nlang = "fr"\n',
                                              steps=GOOD_STEP + "minute = 3\n"))
    assert "titel: unknown key (did you mean 'title'?)" in found
    assert "steps[1].minute: unknown key (did you mean 'minutes'?)" in found


def test_a_missing_title_is_reported(tmp_path):
    assert problems(tmp_path, programme_text(head='lang = "fr"\n')) == ['title: missing; add title = "…"']


def test_a_title_too_long_is_reported(tmp_path):
    found = problems(tmp_path, programme_text(head=f'title = "{"a" * 121}"\nlang = "fr"\n'))
    assert found == ["title: is 121 characters long; keep it to 120 at most"]


def test_an_unsupported_language_is_reported(tmp_path):
    found = problems(tmp_path, programme_text(head='title = "Atelier"\nlang = "de"\n'))
    assert found == ["lang: 'de' is not a supported language: use \"fr\" or \"en\""]


def test_a_programme_without_steps_is_refused(tmp_path):
    assert problems(tmp_path, programme_text(steps="")) == [
        "steps: the programme has no step; add at least one [[steps]] block"]


def test_steps_written_with_single_brackets_are_explained(tmp_path):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP.replace("[[steps]]", "[steps]")))
    assert found == ["steps: must be a list of blocks: write [[steps]] with double brackets"]


def test_a_step_without_a_duration_is_reported(tmp_path):
    found = problems(tmp_path, programme_text(steps='[[steps]]\ntitle = "Vote"\nphase = "vote"\n'))
    assert found == ["steps[1].minutes: missing; add minutes = 5 (the step's duration in minutes)"]


def test_a_duration_written_as_text_is_refused(tmp_path):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP.replace("minutes = 5", 'minutes = "5 min"')))
    assert found == ["steps[1].minutes: must be a number of minutes, like minutes = 5, not a text"]


@pytest.mark.parametrize("minutes", ["0", "-5", "241", "0.001"])
def test_a_duration_out_of_bounds_is_refused(tmp_path, minutes):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP.replace("minutes = 5", f"minutes = {minutes}")))
    assert found == [f"steps[1].minutes: {float(minutes) if '.' in minutes else int(minutes)} is not a duration: "
                     "give more than 0 and at most 240 minutes"]


def test_an_unknown_phase_is_refused_with_a_suggestion(tmp_path):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP.replace('"welcome"', '"votes"')))
    # Every phase, in the registry's order: the welcome first, the closing last.
    assert found == ["steps[1].phase: 'votes' is not a phase; did you mean 'vote'? phases are: " + ", ".join(PHASES)]
    assert PHASES[0] == "welcome" and PHASES[-1] == "closing" and {"review", "vote", "seeds", "wordcloud", "roundtable"} <= set(PHASES)


def test_a_text_for_the_phones_too_long_is_refused(tmp_path):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP + f'phone = "{"é" * 201}"\n'))
    assert found == ["steps[1].phone: is 201 characters long; keep it to 200 at most"]


def test_an_empty_text_for_the_wall_is_refused(tmp_path):
    assert problems(tmp_path, programme_text(steps=GOOD_STEP + 'wall = "  "\n')) == ["steps[1].wall: is empty"]


def test_report_timings_belong_to_a_report_step_only(tmp_path):
    found = problems(tmp_path, programme_text(steps=GOOD_STEP + "present_minutes = 2\n"))
    assert found == ['steps[1].present_minutes: only a step of the report phase has present_minutes; remove it '
                     'or set phase = "report"']


def test_a_step_that_is_not_a_table_is_refused(tmp_path):
    found = problems(tmp_path, 'title = "Atelier"\nlang = "fr"\nsteps = ["Objectifs"]\n')
    assert found == ["steps[1]: must be a [[steps]] block, not a text"]


def test_every_problem_is_reported_at_once_with_its_step(tmp_path):
    found = problems(tmp_path, programme_text(head='title = "Atelier"\n', steps=GOOD_STEP + (
        '[[steps]]\ntitle = "Vote"\nminutes = 0\nphase = "vot"\n')))
    assert found[0] == 'lang: missing; add lang = "…"'
    assert [line.split(":")[0] for line in found[1:]] == ["steps[2].minutes", "steps[2].phase"]


def test_programme_check_prints_one_line_per_problem_and_exits_1(tmp_path, capsys):
    bad = write(tmp_path, programme_text(steps=GOOD_STEP.replace("minutes = 5", "minutes = 0")))
    assert cli.main(["programme", "check", str(FR), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}: steps[1].minutes: 0 is not a duration: give more than 0 and at most 240 minutes"]


# --- Choosing the programme -----------------------------------------------------------------------

def test_a_programme_name_takes_the_file_in_the_decks_language():
    assert programmes.find_programme("sharitories", DIR, "fr") == FR
    assert programmes.find_programme("sharitories", DIR, "en") == EN
    assert programmes.find_programme("sharitories.en", DIR, "fr") == EN
    assert programmes.find_programme(str(FR), DIR, "en") == FR


def test_an_unknown_programme_name_lists_those_available():
    with pytest.raises(ProgrammeError) as error:
        programmes.find_programme("domino", DIR, "fr")
    assert ("available: ateliers-participatifs.en, ateliers-participatifs.fr, domino-lancement.en, domino-lancement.fr, "
            "domino-methode.en, domino-methode.fr, sharitories.en, sharitories.fr") in error.value.problems[0]


def test_the_box_takes_the_programme_of_its_decks_language(tmp_path):
    french = create_app({"data": str(tmp_path / "fr"), "pin": "1234", "async_mode": "threading"})
    english = create_app({"data": str(tmp_path / "en"), "pin": "1234", "async_mode": "threading",
                          "deck": "collaborative-practices"})
    assert french.extensions["kiosk_box"].programme.lang == "fr"
    assert english.extensions["kiosk_box"].programme.lang == "en"


def test_the_programme_setting_chooses_another_file(tmp_path):
    own = write(tmp_path, programme_text(), name="court.toml")
    app = create_app({"data": str(tmp_path / "data"), "pin": "1234", "async_mode": "threading",
                      "programme": str(own)})
    assert app.extensions["kiosk_box"].programme.title == "Atelier"


def test_a_box_with_an_invalid_programme_does_not_start(tmp_path):
    bad = write(tmp_path, programme_text(head='title = "Atelier"\n'), name="bad.toml")
    with pytest.raises(ProgrammeError):
        create_app({"data": str(tmp_path / "data"), "pin": "1234", "async_mode": "threading", "programme": str(bad)})
