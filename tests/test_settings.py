"""Settings: defaults, then the data dir's settings.toml, then KIOSK_* variables, then overrides."""

from __future__ import annotations

import pytest

from kiosk.settings import load_settings


def test_defaults_apply_when_nothing_is_set(tmp_path):
    values = load_settings({"data": str(tmp_path)}, environ={})
    assert values["port"] == 8000 and values["lang"] == "fr" and values["pin"] is None


def test_each_layer_overrides_the_one_before(tmp_path):
    (tmp_path / "settings.toml").write_text('port = 8100\nlang = "en"\nwifi_ssid = "Salle"\n')
    values = load_settings({"data": str(tmp_path)}, environ={"KIOSK_PORT": "8200"})
    assert values["port"] == 8200 and values["lang"] == "en" and values["wifi_ssid"] == "Salle"
    values = load_settings({"data": str(tmp_path), "port": 8300}, environ={"KIOSK_PORT": "8200"})
    assert values["port"] == 8300


def test_the_data_dir_can_come_from_the_environment(tmp_path):
    assert load_settings(environ={"KIOSK_DATA": str(tmp_path)})["data"] == str(tmp_path)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr or en"):
        load_settings(environ={"KIOSK_LANG": "de"})


def test_an_empty_variable_counts_as_unset(tmp_path):
    assert load_settings({"data": str(tmp_path)}, environ={"KIOSK_PIN": ""})["pin"] is None
