"""`kiosk merge`: four boxes, one per territory, each played by the demo (census, moving debate,
criteria, recommendations) and exported with `kiosk export`, then merged by `kiosk merge` run as a
program: the territory column in every CSV, the cross-territory duplicates flagged (never merged),
the overlaid radar, the report. Then every refusal: a sentence in the command line's language,
exit 1, nothing written.

No shipped programme plays a census and criteria together (domino-lancement plays neither), so each
box's demo plays a programme of a moving debate, criteria and recommendations written here, then its
census is typed through the protocol as the census's demo types one (phones, then paper forms, then
one initiative again spelled otherwise), with each territory's own initiatives: the census's demo
enters the same ones on every box. Two are planted across territories: one initiative by the same
name in the same commune in two territories, one spelled a little differently in two others.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from conftest import PIN
from kiosk import __version__, auth, cli, create_app, demo, export, merge
from kiosk.activities.census import codes
from kiosk.activities.criteria.export import COLORS
from kiosk.boxprocess import ROOT

PROGRAMME = '''title = "DOMINO : une année de territoire"
lang = "fr"

[[steps]]
title = "Débat mouvant"
minutes = 30
phase = "debate"
statements = ["Une pratique collaborative durable doit durer plus de trois ans."]

[[steps]]
title = "Critères et radar"
minutes = 20
phase = "criteria"
{criteria}
[[steps]]
title = "Préconisations"
minutes = 40
phase = "recommendations"
question = "Que faire pour soutenir les pratiques collaboratives durables ?"

[[steps]]
title = "Clôture"
minutes = 5
phase = "closing"
'''

KINDS = [("Repair café", "Réemploi et réparation"), ("Jardin partagé", "Alimentation"), ("Atelier vélo", "Mobilité"),
         ("Boîte à livres", "Culture et loisirs"), ("Épicerie solidaire", "Solidarité et entraide"),
         ("Centrale solaire citoyenne", "Énergie"), ("Habitat participatif", "Habitat et fabrique de la ville"),
         ("Tiers-lieu", "Emploi et économie"), ("AMAP", "Alimentation"), ("Troc de graines", "Alimentation")]
COVOITURAGE = ("Covoiturage Pipriac–Redon", "Mobilité", "Pipriac", "Plusieurs acteurs ensemble", "2021")
ACCORDERIE = ("Accorderie du Pays de Redon", "Solidarité et entraide", "Redon", "Une association", "2013")
ACORDERIE = ("Acorderie du pays de Redon",) + ACCORDERIE[1:]  # the same one, typed from a paper form elsewhere

#: territory: (its communes, the initiatives planted at some places of its list, an extra criterion)
TERRITORIES = {
    "Pays de Redon": (["Redon", "Saint-Nicolas-de-Redon", "Bains-sur-Oust", "Sainte-Marie"],
                      {0: ("Repair café de Redon", "Réemploi et réparation", "Redon", "Une association", "2016"),
                       1: COVOITURAGE, 2: ACCORDERIE}, None),
    "Pays d’Allaire": (["Allaire", "Béganne", "Rieux", "Saint-Jean-la-Poterie"], {},
                       ("Ancrage rural", "Communes de moins de 2 000 habitants touchées")),
    "Vallons de Vilaine": (["Pipriac", "Saint-Ganton", "Sixt-sur-Aff", "Renac", "Langon"], {4: COVOITURAGE}, None),
    "Pays de Guémené": (["Guémené-Penfao", "Plessé", "Fégréac", "Avessac", "Massérac"], {8: ACORDERIE}, None),
}


def initiatives(communes, planted) -> list[tuple]:
    """Ten initiatives of a territory's communes."""
    def of(commune):
        return f"d’{commune}" if commune[0] in "AEIOUÉ" else f"de {commune}"

    return [planted.get(n) or (f"{kind} {of(communes[n % len(communes)])}", theme, communes[n % len(communes)],
                               "Une association", str(2010 + n)) for n, (kind, theme) in enumerate(KINDS)]


def type_census(box, initiatives) -> None:
    """A territory's census through the protocol: seven phones add the first initiatives, the console
    types the others from paper forms, then the first one again, spelled otherwise (that box's review)."""
    console = auth.Actor(auth.FACILITATOR)

    def do(actor, name, payload):
        answer = box.execute(actor, name, payload)
        assert answer["ok"], answer

    do(console, "census.open", {})
    people = [p["id"] for p in box.state(console)["participants"]]
    twice = ("Le Repair Café de Rédon",) + initiatives[0][1:]
    for n, (code, (name, theme, commune, carried, started)) in enumerate(
            zip(codes.new_codes(len(initiatives) + 1), [*initiatives, twice])):
        values = {"name": name, "theme": theme, "commune": commune, "carried-by": carried, "started": started}
        if n < 7:
            do(auth.Actor(auth.PARTICIPANT, people[n]), "census.add", {"values": values})
        else:
            do(console, "census.add", {"values": values, "code": code})
    do(console, "census.close", {})


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def play_box(tmp: Path, number: int, territory: str) -> Path:
    """One territory's box: the demo plays the programme with that territory's initiatives, then
    `kiosk export` writes its bundle; returns the bundle's folder."""
    communes, planted, extra = TERRITORIES[territory]
    criteria = f'criteria = [["{extra[0]}", "{extra[1]}"]]\n' if extra else ""
    programme = tmp / f"programme-{number}.toml"
    programme.write_text(PROGRAMME.format(criteria=criteria), encoding="utf-8")
    data = tmp / f"box-{number}"
    app = create_app({"data": str(data), "pin": PIN, "public_url": "http://kiosk.test:8000/",
                      "async_mode": "threading", "tally_interval": 0, "programme": str(programme)})
    box = app.extensions["kiosk_box"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(demo.WORKSHOP, "territory", territory)
        # Each room rates the criteria its own way.
        patch.setattr(demo, "Room", functools.partial(demo.Room, rng=random.Random(number)))
        assert demo.fill(box) is True
    type_census(box, initiatives(communes, planted))
    out = tmp / f"stick-{number}"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli.main(["export", "--data", str(data), "--to", str(out)]) == 0
    return Path(printed.getvalue().strip())


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("territories")
    return [play_box(tmp, n, territory) for n, territory in enumerate(TERRITORIES)]


def kiosk_merge(*args, lang="fr") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", "merge", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "KIOSK_LANG": lang, "HOME": "/tmp"})


def test_the_version_every_bundle_records_is_the_packages():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        assert tomllib.load(handle)["project"]["version"] == __version__


@pytest.mark.slow
def test_four_territories_merge_into_one_bundle_with_their_column_flagged_duplicates_and_radars(bundles, tmp_path):
    recorded = json.loads((bundles[0] / "results.json").read_text("utf-8"))
    assert recorded["kiosk_version"] == __version__
    assert set(recorded["files"]) == {p.name for p in bundles[0].iterdir()} - {"results.json"}

    done = kiosk_merge(*bundles, "--to", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert path.parent == tmp_path / "out" and re.fullmatch(r"kiosk-merged-\d{8}-\d{4}", path.name)
    assert [p.name for p in (tmp_path / "out").iterdir()] == [path.name]  # no partial folder left
    names = list(TERRITORIES)

    # Every CSV of the bundles, the territory first, every territory's rows.
    for name in ("participants.csv", "census.csv", "debate.csv", "criteria.csv", "recommendations.csv", "contacts.csv"):
        merged = table(path / name)
        assert merged[0][0] == "Territoire", name
        own = [table(b / name) for b in bundles]
        assert merged[0][1:len(own[0][0]) + 1] == own[0][0]
        assert len(merged) - 1 == sum(len(rows) - 1 for rows in own), name
        assert [row[0] for row in merged[1:]] == [t for t, rows in zip(names, own) for _ in rows[1:]], name
    assert len(table(path / "participants.csv")) - 1 == 4 * len(demo.PEOPLE)

    # The census: the planted duplicates flagged across territories, nothing else, nothing merged away.
    census = table(path / "census.csv")
    header = census[0]
    assert header[-1] == "Doublon possible dans un autre territoire"
    name_at = header.index("Nom de l’initiative")
    flagged = {(row[0], row[name_at]): row[-1] for row in census[1:] if row[-1]}
    assert set(flagged) == {("Pays de Redon", COVOITURAGE[0]), ("Vallons de Vilaine", COVOITURAGE[0]),
                            ("Pays de Redon", ACCORDERIE[0]), ("Pays de Guémené", ACORDERIE[0])}
    assert flagged[("Pays de Redon", COVOITURAGE[0])].startswith("Vallons de Vilaine n°")
    assert flagged[("Pays de Redon", COVOITURAGE[0])].endswith(f"«\u00a0{COVOITURAGE[0]}\u00a0» (même nom)")
    assert flagged[("Pays de Guémené", ACORDERIE[0])].startswith("Pays de Redon n°")
    assert flagged[("Pays de Guémené", ACORDERIE[0])].endswith("(orthographe proche)")
    # The repair café typed twice in the Pays de Redon is that box's review (a pair waiting there), not a flag here.
    assert [p["status"] for p in recorded["census_entries"]["pairs"]] == ["pending"]
    assert [row[name_at] for row in census[1:] if row[0] == "Pays de Redon"].count("Le Repair Café de Rédon") == 1

    # The overlaid radar: the four territories' colours, a criterion only one territory rated on its axis.
    radar = Image.open(path / "radar.png").convert("RGB")
    assert radar.size == (1600, 1200)
    colours = {colour for _count, colour in radar.getcolors(1_000_000)}
    for hex_colour in COLORS[:4]:
        assert tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)) in colours, hex_colour
    side = Image.open(path / "radars.png")
    assert side.size[0] >= 1200 and side.size[0] > side.size[1] / 2

    results = json.loads((path / "results.json").read_text("utf-8"))
    assert results["kiosk_merge"] == 1 and [t["territory"] for t in results["territories"]] == names
    assert sorted(len(group["entries"]) for group in results["duplicates"]) == [2, 2]
    assert {i["name"] for i in results["territories"][1]["radar"]} - {i["name"] for i in
                                                                     results["territories"][0]["radar"]} == {"Ancrage rural"}

    book = load_workbook(path / "results.xlsx", read_only=True)
    assert "Recensement" in book.sheetnames and "Critères" in book.sheetnames
    assert next(book["Recensement"].iter_rows(max_row=1, values_only=True))[0] == "Territoire"

    text = "\n".join(page.extract_text() for page in PdfReader(path / "report.pdf").pages)
    flat = " ".join(text.split())
    for territory in names:
        assert territory in flat
    assert "Recensement par thème" in flat and "Doublons possibles entre territoires" in flat
    assert COVOITURAGE[0] in flat and "Ancrage rural" in flat and "Le radar de chaque territoire" in flat
    assert "Préconisations : les premières de chaque feuille de route" in flat
    assert "@exemple.fr" not in flat  # contacts stay in the CSV files their owners agreed to


def copies(bundles, tmp_path) -> list[Path]:
    """The four bundles copied, to spoil one of them."""
    out = []
    for bundle in bundles:
        shutil.copytree(bundle, tmp_path / "in" / bundle.parent.name / bundle.name)
        out.append(tmp_path / "in" / bundle.parent.name / bundle.name)
    return out


def edit_results(bundle: Path, change) -> None:
    path = bundle / "results.json"
    results = json.loads(path.read_text("utf-8"))
    change(results)
    path.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def run(paths, to) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = merge.run_cli([str(p) for p in paths], str(to), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv("KIOSK_LANG", "en")


def refused(paths, to, *expected) -> str:
    """`kiosk merge` refuses: exit 1, every expected text in its lines, nothing written in `to`."""
    code, printed, said = run(paths, to)
    assert code == 1 and printed == "", said
    assert all(line.startswith("kiosk merge: ") for line in said.splitlines()), said
    for text in expected:
        assert text in said, said
    assert not Path(to).exists() or list(Path(to).iterdir()) == []
    return said


def test_a_folder_without_results_json_is_not_a_kiosk_bundle(bundles, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.csv").write_text("x;y\n", encoding="utf-8")
    refused([bundles[0], tmp_path / "photos"], tmp_path / "out", f"{tmp_path / 'photos'} n’est pas un dossier d’export "
                                                                 "de Kiosk\u00a0: il n’a pas de results.json")


def test_a_path_that_does_not_exist_is_named(bundles, tmp_path, english):
    refused([bundles[0], tmp_path / "nowhere"], tmp_path / "out", f"{tmp_path / 'nowhere'}: there is no such folder")


def test_bundles_of_different_versions_are_refused_naming_each_version(bundles, tmp_path, english):
    paths = copies(bundles, tmp_path)
    edit_results(paths[1], lambda r: r.update(kiosk_version="0.0.9"))
    edit_results(paths[2], lambda r: r.pop("kiosk_version"))
    said = refused(paths, tmp_path / "out", "different versions of Kiosk", f"{paths[0]}: {__version__}",
                   f"{paths[1]}: 0.0.9", f"{paths[2]}: unknown")
    assert len(said.splitlines()) == 1


def test_a_bundle_of_a_newer_kiosk_is_refused(bundles, tmp_path):
    paths = copies(bundles, tmp_path)
    edit_results(paths[3], lambda r: r.update(kiosk_version="9.0.0"))
    refused(paths, tmp_path / "out", f"{paths[3]} a été fait par un Kiosk plus récent (9.0.0\u00a0; celui-ci est "
                                     f"{__version__})")


def test_a_bundle_missing_a_csv_its_results_list_is_refused_naming_file_and_bundle(bundles, tmp_path, english):
    paths = copies(bundles, tmp_path)
    (paths[2] / "criteria.csv").unlink()
    refused(paths, tmp_path / "out", f"{paths[2]} lacks criteria.csv, which its results.json lists")


def test_a_damaged_census_csv_is_refused(bundles, tmp_path):
    paths = copies(bundles, tmp_path)
    rows = table(paths[1] / "census.csv")
    (paths[1] / "census.csv").write_bytes(export.to_csv(export.Table("census.csv", "", rows[0], rows[1:-3])))
    refused(paths, tmp_path / "out", f"{paths[1]}\u00a0: le fichier census.csv est abîmé")


def test_a_damaged_results_json_is_refused(bundles, tmp_path, english):
    paths = copies(bundles, tmp_path)
    (paths[0] / "results.json").write_text('{"kiosk_export": 1, "workshop": ', encoding="utf-8")
    refused(paths, tmp_path / "out", f"{paths[0]}: the file results.json is damaged")


def test_a_bundle_without_territory_is_refused(bundles, tmp_path):
    paths = copies(bundles, tmp_path)
    edit_results(paths[1], lambda r: r["workshop"].update(territory="  "))
    refused(paths, tmp_path / "out", f"{paths[1]} n’a pas de territoire")


def test_two_bundles_of_one_territory_are_refused(bundles, tmp_path, english):
    paths = copies(bundles, tmp_path)
    edit_results(paths[3], lambda r: r["workshop"].update(territory="pays de REDON"))
    refused(paths, tmp_path / "out", f"{paths[0]} and {paths[3]} are both of the territory “pays de REDON”")


def test_bundles_in_two_languages_are_refused(bundles, tmp_path, english):
    paths = copies(bundles, tmp_path)
    edit_results(paths[2], lambda r: r["workshop"].update(lang="en"))
    refused(paths, tmp_path / "out", "different languages", f"{paths[2]}: en")


def test_a_merged_bundle_is_not_merged_again(bundles, tmp_path):
    paths = copies(bundles, tmp_path)
    edit_results(paths[0], lambda r: r.update(kiosk_merge=1))
    refused(paths, tmp_path / "out", f"{paths[0]} est déjà un dossier fusionné")


def test_one_bundle_alone_is_refused(bundles, tmp_path, english):
    refused([bundles[0]], tmp_path / "out", "Give at least two bundles")


def test_a_target_that_cannot_be_written_is_refused_before_anything(bundles, tmp_path, english):
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, _out, said = run(bundles[:2], tmp_path / "file" / "out")
    assert code == 1 and f"Cannot write into {tmp_path / 'file' / 'out'}" in said


def test_a_write_that_fails_midway_leaves_nothing(bundles, tmp_path, monkeypatch):
    real = export._write_file

    def failing(path, content):
        if path.name == "census.csv":
            raise OSError(errno.EROFS, "Read-only file system")
        real(path, content)

    monkeypatch.setattr(export, "_write_file", failing)
    (tmp_path / "out").mkdir()
    refused(bundles[:2], tmp_path / "out", f"Impossible d’écrire dans {tmp_path / 'out'}")


def test_a_csv_only_some_bundles_have_is_merged_from_those_and_a_zip_is_a_bundle(bundles, tmp_path):
    paths = copies(bundles, tmp_path)
    (paths[1] / "debate.csv").unlink()  # as if that box had no moving debate
    edit_results(paths[1], lambda r: r.update(files=[f for f in r["files"] if f != "debate.csv"]))
    archive = tmp_path / "in" / "redon.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in paths[0].iterdir():
            out.write(file, f"{paths[0].name}/{file.name}")
    code, printed, said = run([archive, *paths[1:3]], tmp_path / "out")
    assert code == 0, said
    debate = table(Path(printed.strip()) / "debate.csv")
    assert [row[0] for row in debate[1:]] == ["Pays de Redon", "Vallons de Vilaine"]
    census = table(Path(printed.strip()) / "census.csv")
    assert {row[0] for row in census[1:]} == {"Pays de Redon", "Pays d’Allaire", "Vallons de Vilaine"}


def test_a_cell_read_back_is_the_value_the_export_wrote():
    assert merge._cell("'=SOMME(A1)") == "=SOMME(A1)" and merge._cell("-1") == -1 and merge._cell("2.5") == 2.5
    assert merge._cell("0612345678") == "0612345678" and merge._cell("'bonjour") == "'bonjour"
    assert merge._cell("2.50") == "2.50" and merge._cell("-0") == "-0" and merge._cell("0") == 0
    cells = [merge._cell(c) for c in ("'=1+1", "-1", "texte")]
    assert export.to_csv(export.Table("t.csv", "t", ["a", "b", "c"], [cells])).decode("utf-8-sig").splitlines()[1] == \
        "'=1+1;-1;texte"
