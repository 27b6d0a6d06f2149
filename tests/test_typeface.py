"""Emoji and every character people type print as themselves in the exports: "Chloé 🌱" is not "Chloé"."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from kiosk import typeface
from kiosk.export import pictures as paint
from kiosk.export.pdf import Report
from kiosk.export.view import View


def test_the_emoji_font_of_debian_is_installed():
    # scripts/test and scripts/serve install fonts-noto-color-emoji; the Pi installer too.
    assert typeface.emoji_font() is not None


def test_text_is_cut_into_plain_and_emoji_runs():
    assert paint.runs("Chloé 🌱") == [(False, "Chloé "), (True, "🌱")]
    assert paint.runs("👩‍🌾 et ça") == [(True, "👩\u200d🌾"), (False, " et ça")]


def _colours(image) -> set:
    return {image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)
            if len(set(image.getpixel((x, y)))) > 1}


def test_a_picture_draws_the_emoji_in_colour_and_measures_it():
    pen = paint.Pen(Image.new("RGB", (400, 60), "white"))
    font = paint.font(30)
    assert pen.length("Chloé 🌱", font) > pen.length("Chloé ", font) + 20
    pen.text((5, 5), "Chloé 🌱", font, "#111111")
    assert len(_colours(pen.image)) > 20  # the sprout is green, the name black on white


def test_the_report_embeds_the_emoji_and_writes_dates_in_long_form():
    view = View({"workshop": {"title": "Atelier 🌍", "date": "2026-11-30", "lang": "fr"}, "participants": []})
    import datetime

    report = Report(view, datetime.datetime(2026, 11, 30, 14, 5))
    report.cover(view)
    report.paragraph("Chloé 🌱 et Chloé")
    pdf = PdfReader(io.BytesIO(report.output_bytes()))
    fonts = {str(font.get_object().get("/BaseFont") or font.get_object().get("/Name")) for page in pdf.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("NotoColorEmoji" in name for name in fonts), fonts  # a Type3 font of its colour glyphs
    text = pdf.pages[0].extract_text()
    assert "30 novembre 2026" in text and "2026-11-30" not in text
    assert View({"workshop": {"lang": "en"}}).date("2026-11-30") == "November 30, 2026"
    assert view.date("bientôt") == "bientôt"
