"""Table tents: the PDF's pages rasterised (pdftoppm) and their QR codes read back by zbarimg, as a
phone's camera would; the text, the fold, the CLI and the console's route."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import PIN
from PIL import Image
from pypdf import PdfReader

from kiosk import auth, qr, tents
from kiosk.errors import KioskError

ROOT = Path(__file__).resolve().parent.parent
FACILITATOR = auth.Actor(auth.FACILITATOR)
TITLE = "Inventer votre territoire collaboratif — l’été à Briançon"
SSID = 'Atelier "Sud";1'
PASSWORD = "p@ss:word\\;x"
WIFI = 'WIFI:T:WPA;S:Atelier \\"Sud\\"\\;1;P:p@ss\\:word\\\\\\;x;;'  # special characters escaped
JOIN = "http://10.42.0.1/"
DPI = 150


@pytest.fixture(autouse=True)
def no_kiosk_env(monkeypatch):
    """The shell running the tests may set these: each test sets what it needs."""
    for name in ("KIOSK_PUBLIC_URL", "KIOSK_WIFI_SSID", "KIOSK_WIFI_PASSWORD", "KIOSK_DATA", "KIOSK_PORT"):
        monkeypatch.delenv(name, raising=False)


def rasterise(pdf: bytes, tmp_path: Path) -> list[Path]:
    """Every page of the PDF as a PNG, as pdftoppm (poppler-utils, installed by scripts/test) draws it."""
    source = tmp_path / "tents.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(source), str(tmp_path / "page")], check=True, timeout=60)
    return sorted(tmp_path.glob("page*.png"))


def decode(image: Path, xml: bool = False) -> str:
    result = subprocess.run(["zbarimg", "--xml" if xml else "--raw", "-q", str(image)], capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, f"zbarimg found no code in {image.name}: {result.stderr}"
    return result.stdout


def codes(image: Path) -> Counter:
    """The QR codes zbarimg reads on an image, counted."""
    return Counter(decode(image).splitlines())


def faces(page: Path, per_page: int, tmp_path: Path) -> list[tuple[int, Path]]:
    """Each face of each tent cut out of a rasterised page, with its row (0 the page's top quarter)."""
    image = Image.open(page)
    width, height = image.size
    columns = 1 if per_page == 2 else 2
    found = []
    for row in range(4):
        for column in range(columns):
            box = (column * width // columns, row * height // 4, (column + 1) * width // columns, (row + 1) * height // 4)
            path = tmp_path / f"face-{row}-{column}.png"
            image.crop(box).save(path)
            found.append((row, path))
    return found


def wifi_tent(**changes) -> tents.Tent:
    return tents.Tent(**{"join_url": JOIN, "title": TITLE, "wifi_ssid": SSID, "wifi_password": PASSWORD, **changes})


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


# --- The codes, read back --------------------------------------------------------------------------

@pytest.mark.parametrize("per_page", [2, 4])
def test_every_tent_gives_back_the_wifi_payload_with_special_characters_escaped_and_the_join_url(per_page, tmp_path):
    assert qr.wifi_payload(SSID, PASSWORD) == WIFI
    pages = rasterise(tents.render(wifi_tent(), per_page), tmp_path)
    assert len(pages) == 1
    # Each tent shows both codes on each of its two faces.
    assert codes(pages[0]) == Counter({WIFI: 2 * per_page, JOIN: 2 * per_page})


@pytest.mark.parametrize("per_page", [2, 4])
def test_the_upper_face_of_each_tent_is_upside_down_so_the_folded_tent_reads_from_both_sides(per_page, tmp_path):
    page = rasterise(tents.render(wifi_tent(), per_page), tmp_path)[0]
    for row, face in faces(page, per_page, tmp_path):
        report = decode(face, xml=True)
        assert report.count("<symbol") == 2, (row, report)
        assert WIFI in report and JOIN in report
        expected = "DOWN" if row % 2 == 0 else "UP"
        assert report.count(f"orientation='{expected}'") == 2, (row, report)


def test_an_open_network_gives_a_nopass_code(tmp_path):
    page = rasterise(tents.render(wifi_tent(wifi_ssid="Atelier", wifi_password=None), 4), tmp_path)[0]
    assert codes(page) == Counter({"WIFI:T:nopass;S:Atelier;;": 8, JOIN: 8})


def test_without_a_wifi_name_a_tent_carries_only_the_join_code(tmp_path):
    pdf = tents.render(tents.Tent("http://192.168.1.20:8000/", "Atelier"), 2)
    assert codes(rasterise(pdf, tmp_path)[0]) == Counter({"http://192.168.1.20:8000/": 4})
    text = text_of(pdf, tmp_path)
    assert "appareil photo" in text and "phone’s camera" in text
    assert "Wi-Fi" not in text


# --- What a participant reads ------------------------------------------------------------------------

@pytest.mark.parametrize("per_page", [2, 4])
def test_a_tent_shows_the_title_the_url_the_wifi_and_one_line_in_french_and_one_in_english(per_page, tmp_path):
    pdf = tents.render(wifi_tent(), per_page)
    reader = PdfReader(_write(tmp_path / "t.pdf", pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4, in points
    text = text_of(pdf, tmp_path)
    for expected in ("http://10.42.0.1/", "Inventer votre territoire", "Briançon", 'Atelier "Sud";1',
                     "p@ss:word\\;x", "Scannez le code Wi-Fi", "Scan the Wi-Fi code, then the workshop code"):
        assert expected in text, expected


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_title_too_long_for_two_lines_is_cut_with_an_ellipsis_not_spilled(tmp_path):
    pdf = tents.render(wifi_tent(title="Atelier " * 30), 4)
    assert "…" in text_of(pdf, tmp_path)


def test_a_number_of_tents_per_page_other_than_2_or_4_is_refused():
    with pytest.raises(KioskError) as refused:
        tents.render(wifi_tent(), 3)
    assert refused.value.code == "bad_input"


# --- `kiosk tents` -------------------------------------------------------------------------------------

def test_kiosk_tents_reads_the_title_from_the_data_dir_and_the_urls_from_the_settings(app, box, tmp_path, monkeypatch):
    assert box.execute(FACILITATOR, "workshop.update", {"title": TITLE})["ok"]
    monkeypatch.setenv("KIOSK_PUBLIC_URL", "http://10.42.0.1/")
    monkeypatch.setenv("KIOSK_WIFI_SSID", SSID)
    monkeypatch.setenv("KIOSK_WIFI_PASSWORD", PASSWORD)
    target = tmp_path / "out" / "chevalets.pdf"
    target.parent.mkdir()
    out = tmp_path / "stdout.txt"
    with open(out, "w") as stdout:
        assert tents.run_cli(app.config["KIOSK"]["data"], str(target), 4, out=stdout) == 0
    assert out.read_text().strip() == str(target)
    assert "l’été à Briançon" in text_of(target.read_bytes(), tmp_path)
    assert codes(rasterise(target.read_bytes(), tmp_path)[0]) == Counter({WIFI: 8, JOIN: 8})


def test_kiosk_tents_runs_from_the_command_line_before_the_first_start(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "KIOSK_PUBLIC_URL": "http://10.42.0.1/", "KIOSK_WIFI_SSID": "Atelier",
           "KIOSK_WIFI_PASSWORD": "motdepasse"}
    result = subprocess.run([sys.executable, "-m", "kiosk", "tents", "--data", str(tmp_path / "none"), "--to",
                             str(tmp_path / "t.pdf"), "--per-page", "2"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "t.pdf")
    found = codes(rasterise((tmp_path / "t.pdf").read_bytes(), tmp_path)[0])
    assert found == Counter({"WIFI:T:WPA;S:Atelier;P:motdepasse;;": 4, JOIN: 4})


def test_kiosk_tents_says_in_one_line_why_it_could_not_write(tmp_path):
    err = tmp_path / "stderr.txt"
    with open(err, "w") as stderr:
        code = tents.run_cli(str(tmp_path / "data"), str(tmp_path / "missing" / "t.pdf"), 2, err=stderr)
    assert code == 1
    lines = err.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("kiosk tents: ") and "missing" in lines[0]


# --- The console's route -----------------------------------------------------------------------------

def test_tents_pdf_is_for_the_facilitator_only(app):
    participant = app.test_client().post("/api/join", json={"name": "Ana"}).json["token"]
    for headers in ({}, {"Authorization": f"Bearer {participant}"}, {"Authorization": "Bearer nope"}):
        response = app.test_client().get("/api/tents.pdf", headers=headers)
        assert response.status_code == 403
        assert response.json["code"] == "forbidden"


def test_tents_pdf_downloads_the_box_tents_with_its_title_and_join_url(app, box, tmp_path):
    assert box.execute(FACILITATOR, "workshop.update", {"title": "Atelier du jeudi"})["ok"]
    client = app.test_client()
    token = client.post("/api/facilitator", json={"pin": PIN}).json["token"]
    response = app.test_client().get("/api/tents.pdf?per_page=4", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert "Atelier du jeudi" in text_of(response.data, tmp_path)
    assert codes(rasterise(response.data, tmp_path)[0]) == Counter({"http://kiosk.test:8000/": 8})
    # The login cookie works too; another number per page is refused in one sentence.
    refused = client.get("/api/tents.pdf?per_page=3")
    assert refused.status_code == 400
    assert refused.json["code"] == "bad_input" and refused.json["error"]
