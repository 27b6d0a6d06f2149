"""The field kit: every configuration file scripts/install-pi puts on a Raspberry Pi, against what it
must say, read back the way systemd, NetworkManager, bash and the desktop read it; the same
parameters give byte-identical files; `scripts/install-pi --dry-run` shows every step."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk import fieldkit
from kiosk.fieldkit import FieldKitError, Install
from kiosk.settings import SETTINGS, load_settings

ROOT = Path(__file__).resolve().parent.parent
INSTALL_PI = ROOT / "scripts" / "install-pi"
HOTSPOT = Install(mode="hotspot", ssid="Atelier", password="motdepasse", desktop_user="pi",
                  desktop_home="/home/pi", browser="/usr/bin/chromium-browser")
JOIN = Install(mode="join", ssid="RouteurVoyage", password="voyage-2024", desktop_user="pi", desktop_home="/home/pi",
               browser="/usr/bin/chromium-browser")


def ini(text: str) -> configparser.ConfigParser:
    """An INI file as GKeyFile and systemd read it: case kept, no interpolation, no duplicate key."""
    parser = configparser.ConfigParser(interpolation=None, strict=True, comment_prefixes=("#",),
                                       delimiters=("=",))
    parser.optionxform = str
    parser.read_string(text)
    return parser


def keyfile_unescape(value: str) -> str:
    """What GKeyFile's g_key_file_get_string() gives back for a stored value."""
    out, chars = [], iter(value)
    for ch in chars:
        if ch == "\\":
            ch = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[next(chars)]
        out.append(ch)
    return "".join(out)


def keyfile_ssid(value: str) -> bytes:
    """An SSID as NetworkManager's keyfile reader takes it: a list of bytes, or a plain string."""
    if value.endswith(";") and all(part.isdigit() for part in value[:-1].split(";")):
        return bytes(int(part) for part in value[:-1].split(";"))
    return keyfile_unescape(value).encode("utf-8")


def by_path(install: Install) -> dict[str, fieldkit.File]:
    return {f.path: f for f in fieldkit.files(install)}


# --- systemd -----------------------------------------------------------------------------------------

def test_the_unit_starts_kiosk_at_boot_as_the_kiosk_user_on_port_80_through_one_capability():
    unit = ini(fieldkit.systemd_unit(HOTSPOT))
    service = unit["Service"]
    assert service["User"] == "kiosk" and service["Group"] == "kiosk"
    assert service["ExecStart"] == "/opt/kiosk/venv/bin/kiosk serve"
    assert service["AmbientCapabilities"] == "CAP_NET_BIND_SERVICE"
    assert service["CapabilityBoundingSet"] == "CAP_NET_BIND_SERVICE"
    assert service["NoNewPrivileges"] == "yes"
    assert service["Restart"] == "on-failure"
    assert service["StandardOutput"] == "journal" and service["StandardError"] == "journal"
    assert service["EnvironmentFile"] == "/etc/kiosk/kiosk.env"
    assert service["WorkingDirectory"] == "/var/lib/kiosk"
    assert service["StateDirectory"] == "kiosk"
    assert service["KillSignal"] == "SIGTERM"  # kiosk serve stops cleanly on it
    assert int(service["LimitNOFILE"]) >= 16384  # a WebSocket per phone, far beyond the default 1,024
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert "network-online.target" in unit["Unit"]["After"] and "network-online.target" in unit["Unit"]["Wants"]


def test_the_env_file_sets_the_data_dir_port_80_and_on_the_hotspot_the_ip_address_as_join_url():
    values = fieldkit.parse_env(fieldkit.env_file(HOTSPOT))
    assert values == {"KIOSK_DATA": "/var/lib/kiosk", "KIOSK_HOST": "0.0.0.0", "KIOSK_PORT": "80",
                      "KIOSK_NETWORK_MODE": "hotspot", "KIOSK_PUBLIC_URL": "http://10.42.0.1/",
                      "KIOSK_WIFI_SSID": "Atelier", "KIOSK_WIFI_PASSWORD": "motdepasse"}
    # Every line is a setting Kiosk knows, with a value it accepts.
    assert set(values) <= {s.env for s in SETTINGS}
    settings = load_settings(environ=values)
    assert settings["port"] == 80 and settings["network_mode"] == "hotspot"


def test_on_a_joined_network_the_join_url_is_left_to_the_address_the_router_gives():
    values = fieldkit.parse_env(fieldkit.env_file(JOIN))
    assert "KIOSK_PUBLIC_URL" not in values
    assert values["KIOSK_NETWORK_MODE"] == "join" and values["KIOSK_WIFI_SSID"] == "RouteurVoyage"


def test_systemd_and_bash_read_the_env_file_alike_whatever_the_password_holds(tmp_path):
    password = "it's $HOME `x` \"q\" \\ ;#"
    path = tmp_path / "kiosk.env"
    path.write_text(fieldkit.env_file(Install(mode="hotspot", ssid="L'atelier d'été", password=password)))
    sourced = subprocess.run(["bash", "-c", 'set -a; source "$1"; printf "%s\\0%s" "$KIOSK_WIFI_SSID" '
                              '"$KIOSK_WIFI_PASSWORD"', "-", str(path)], capture_output=True, text=True, check=True)
    assert sourced.stdout.split("\0") == ["L'atelier d'été", password]
    values = fieldkit.parse_env(path.read_text())
    assert (values["KIOSK_WIFI_SSID"], values["KIOSK_WIFI_PASSWORD"]) == ("L'atelier d'été", password)
    # systemd's EnvironmentFile= takes single quotes literally and joins adjacent quoted parts, as
    # bash does: the file holds nothing else (no $, no backslash outside quotes but the \').
    for line in path.read_text().splitlines():
        if not line.startswith("#"):
            key, value = line.split("=", 1)
            assert value.startswith("'") and value.endswith("'")


# --- NetworkManager and dnsmasq ----------------------------------------------------------------------

def test_the_hotspot_profile_is_an_access_point_in_shared_mode_with_wpa2():
    profile = ini(fieldkit.hotspot_profile(HOTSPOT))
    assert profile["connection"]["id"] == "kiosk-hotspot"
    assert profile["connection"]["type"] == "wifi"
    assert profile["connection"]["interface-name"] == "wlan0"
    assert profile["connection"]["autoconnect"] == "true"
    assert profile["wifi"]["mode"] == "ap"
    assert keyfile_ssid(profile["wifi"]["ssid"]) == b"Atelier"
    assert profile["wifi-security"]["key-mgmt"] == "wpa-psk"
    assert keyfile_unescape(profile["wifi-security"]["psk"]) == "motdepasse"
    assert profile["ipv4"]["method"] == "shared"
    assert profile["ipv4"]["address1"] == "10.42.0.1/24"


def test_the_profile_keeps_any_ssid_and_password_exactly():
    ssid, password = " Atelier été;\\1", " p@ss\\word "
    profile = ini(fieldkit.hotspot_profile(Install(mode="hotspot", ssid=ssid, password=password)))
    assert keyfile_ssid(profile["wifi"]["ssid"]) == ssid.encode("utf-8")
    assert profile["wifi"]["ssid"] == "".join(f"{b};" for b in ssid.encode("utf-8"))  # NetworkManager's byte list
    assert keyfile_unescape(profile["wifi-security"]["psk"]) == password
    assert profile["wifi-security"]["psk"] == "\\sp@ss\\\\word\\s"


def test_the_uuid_of_a_profile_is_the_same_at_every_run():
    assert ini(fieldkit.hotspot_profile(HOTSPOT))["connection"]["uuid"] == \
        ini(fieldkit.hotspot_profile(Install(mode="hotspot", ssid="Autre", password="12345678")))["connection"]["uuid"]


def test_the_joined_wifi_profile_connects_as_a_client_by_itself():
    profile = ini(fieldkit.wifi_profile(JOIN))
    assert profile["connection"]["id"] == "kiosk-wifi"
    assert profile["connection"]["autoconnect"] == "true"
    assert profile["wifi"]["mode"] == "infrastructure"
    assert keyfile_ssid(profile["wifi"]["ssid"]) == b"RouteurVoyage"
    assert keyfile_unescape(profile["wifi-security"]["psk"]) == "voyage-2024"
    assert profile["ipv4"]["method"] == "auto"
    open_network = ini(fieldkit.wifi_profile(Install(mode="join", ssid="Salle des fêtes")))
    assert not open_network.has_section("wifi-security")


def test_dnsmasq_answers_every_name_with_the_box_on_the_hotspot():
    lines = [line for line in fieldkit.dnsmasq_snippet(HOTSPOT).splitlines() if not line.startswith("#")]
    assert lines == ["address=/#/10.42.0.1"]
    other = Install(mode="hotspot", ssid="A", password="12345678", address="10.10.0.1")
    assert "address=/#/10.10.0.1" in fieldkit.dnsmasq_snippet(other)
    assert fieldkit.parse_env(fieldkit.env_file(other))["KIOSK_PUBLIC_URL"] == "http://10.10.0.1/"


def test_the_dispatcher_restarts_kiosk_when_the_box_joins_the_rooms_wifi(tmp_path):
    script = tmp_path / "90-kiosk"
    script.write_text(fieldkit.dispatcher_script(JOIN))
    calls = tmp_path / "calls"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (fake / "systemctl").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    for connection, action in (("kiosk-wifi", "up"), ("kiosk-wifi", "down"), ("other", "up")):
        subprocess.run(["bash", str(script), "wlan0", action], env={**env, "CONNECTION_ID": connection}, check=True)
    assert calls.read_text().splitlines() == ["try-restart kiosk.service"]


# --- mDNS, USB sticks, the projector -------------------------------------------------------------------

def test_avahi_announces_the_web_page_on_port_80():
    service = ET.fromstring(fieldkit.avahi_service(HOTSPOT))
    assert service.find("service/type").text == "_http._tcp"
    assert service.find("service/port").text == "80"


def test_usb_sticks_are_mounted_writable_for_the_kiosk_service():
    options = ini(fieldkit.udisks_options(HOTSPOT))["defaults"]
    assert "dmask=0000" in options["vfat_defaults"] and "uid=$UID" in options["vfat_defaults"]
    assert "dmask=0000" in options["exfat_defaults"]


def test_the_autostart_entry_opens_chromium_in_kiosk_mode_on_the_wall():
    entry = ini(fieldkit.autostart_entry(HOTSPOT))["Desktop Entry"]
    assert entry["Type"] == "Application"
    command = entry["Exec"].split()
    assert command[:2] == ["/usr/local/bin/kiosk-wall", "/usr/bin/chromium-browser"]
    assert "--kiosk" in command and "--noerrdialogs" in command
    assert command[-1] == "http://localhost/wall"
    # Nothing the Desktop Entry spec reserves in Exec: no quoting needed.
    assert not set(entry["Exec"]) & set("\"'\\><~|&;$*?#`()")


def test_the_wall_launcher_waits_for_the_box_then_runs_the_browser_it_is_given(tmp_path):
    launcher = tmp_path / "kiosk-wall"
    launcher.write_text(fieldkit.wall_launcher(Install(port=1)).replace("{1..120}", "{1..2}").replace("sleep 1", ":"))
    result = subprocess.run(["bash", str(launcher), "echo", "--kiosk", "http://localhost:1/wall"],
                            env={"PATH": os.environ["PATH"]}, capture_output=True, text=True, timeout=30)
    assert result.stdout == "--kiosk http://localhost:1/wall\n"


def test_the_generated_scripts_pass_shellcheck(tmp_path):
    scripts = []
    for install in (HOTSPOT, JOIN):
        for item in fieldkit.files(install):
            if item.text.startswith("#!"):
                path = tmp_path / f"{len(scripts)}-{Path(item.path).name}"
                path.write_text(item.text)
                scripts.append(path)
    assert {p.name.split("-", 1)[1] for p in scripts} == {"kiosk", "kiosk-wall", "90-kiosk"}
    result = subprocess.run(["shellcheck", *map(str, scripts)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- The set of files ------------------------------------------------------------------------------------

def test_each_mode_installs_its_own_network_files_and_the_rest_is_common():
    common = {"/etc/kiosk/kiosk.env", "/etc/systemd/system/kiosk.service", "/usr/local/bin/kiosk",
              "/etc/avahi/services/kiosk.service", "/etc/udisks2/mount_options.conf", "/usr/local/bin/kiosk-wall",
              "/home/pi/.config/autostart/kiosk-wall.desktop"}
    nm = "/etc/NetworkManager"
    assert set(by_path(HOTSPOT)) == common | {f"{nm}/system-connections/kiosk-hotspot.nmconnection",
                                              f"{nm}/dnsmasq-shared.d/kiosk.conf"}
    assert set(by_path(JOIN)) == common | {f"{nm}/system-connections/kiosk-wifi.nmconnection",
                                           f"{nm}/dispatcher.d/90-kiosk"}
    assert set(by_path(Install(desktop_user="pi", desktop_home="/home/pi", browser="/usr/bin/chromium"))) == common
    # No desktop or no browser: no projector autostart.
    assert set(by_path(Install(mode="none"))) == common - {"/usr/local/bin/kiosk-wall",
                                                           "/home/pi/.config/autostart/kiosk-wall.desktop"}
    every = {path for _, path in fieldkit.all_paths(["/home/pi"])}
    assert set(by_path(HOTSPOT)) | set(by_path(JOIN)) == every


def test_secrets_are_readable_by_root_and_the_service_only():
    files = by_path(HOTSPOT)
    assert (files["/etc/kiosk/kiosk.env"].mode, files["/etc/kiosk/kiosk.env"].group) == ("0640", "kiosk")
    assert files["/etc/NetworkManager/system-connections/kiosk-hotspot.nmconnection"].mode == "0600"
    autostart = files["/home/pi/.config/autostart/kiosk-wall.desktop"]
    assert (autostart.owner, autostart.group) == ("pi", "-")
    assert all(fieldkit.MARK in f.text for f in files.values())


@pytest.mark.parametrize("install, reason", [
    (Install(mode="hotspot", ssid="Atelier", password="court"), "8 to 63"),
    (Install(mode="hotspot", ssid="Atelier", password="mot de passe accentué"), "8 to 63"),
    (Install(mode="hotspot", ssid="Atelier"), "password"),
    (Install(mode="join", password="12345678"), "name and password"),
    (Install(mode="hotspot", ssid="x" * 33, password="12345678"), "1 to 32 bytes"),
    (Install(mode="hotspot", ssid="two\nlines", password="12345678"), "control"),
    (Install(hostname="Kiosk_1"), "host name"),
    (Install(mode="mesh"), "unknown network mode"),
])
def test_a_box_that_cannot_work_is_refused_with_a_sentence_saying_why(install, reason):
    with pytest.raises(FieldKitError, match=reason):
        fieldkit.files(install)


# --- Rendering, again and again ------------------------------------------------------------------------

def render_cli(out: Path, *args: str) -> subprocess.CompletedProcess:
    # The installer runs it with the system's python3 and PYTHONPATH: the standard library only.
    return subprocess.run([sys.executable, "-B", "-m", "kiosk.fieldkit", "render", "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_parameters_give_byte_identical_files(tmp_path):
    args = ("--mode", "hotspot", "--ssid", "Atelier été", "--password", "motdepasse", "--desktop-user", "pi",
            "--desktop-home", "/home/pi", "--browser", "/usr/bin/chromium-browser")
    first, second = render_cli(tmp_path / "a", *args), render_cli(tmp_path / "b", *args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout == "mode=hotspot\nssid=Atelier été\npublic_url=http://10.42.0.1/\n"
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a")["etc/NetworkManager/dnsmasq-shared.d/kiosk.conf"].endswith(b"address=/#/10.42.0.1\n")
    manifest = (tmp_path / "a" / "MANIFEST").read_text().splitlines()
    assert "network 0600 root root /etc/NetworkManager/system-connections/kiosk-hotspot.nmconnection" in manifest
    assert "desktop 0644 pi - /home/pi/.config/autostart/kiosk-wall.desktop" in manifest
    assert {line.split()[-1].lstrip("/") for line in manifest} == set(tree(tmp_path / "a")) - {"MANIFEST"}


def test_rendering_again_from_the_installed_env_file_gives_the_same_files(tmp_path):
    render_cli(tmp_path / "a", "--mode", "join", "--ssid", "Routeur", "--password", "voyage-2024")
    installed = tmp_path / "kiosk.env"
    installed.write_bytes((tmp_path / "a" / "etc/kiosk/kiosk.env").read_bytes())
    again = render_cli(tmp_path / "b", "--previous", str(installed))  # no network option: keep the box's
    assert again.returncode == 0, again.stderr
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_a_wrong_option_stops_the_render_with_one_line_and_writes_nothing(tmp_path):
    result = render_cli(tmp_path / "out", "--mode", "hotspot", "--ssid", "Atelier", "--password", "court")
    assert result.returncode == 2
    assert result.stderr.startswith("install-pi: ") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_without_a_network_option_the_box_keeps_its_network_and_the_settings_added_by_hand():
    previous = fieldkit.parse_env(fieldkit.env_file(Install(mode="hotspot", ssid="Atelier", password="motdepasse",
                                                            address="10.10.0.1")) + "KIOSK_PORTAL='portal'\n")
    kept = fieldkit.with_previous(Install(), previous, mode_given=False)
    assert (kept.mode, kept.ssid, kept.password, kept.address) == ("hotspot", "Atelier", "motdepasse", "10.10.0.1")
    assert dict(kept.extra) == {"KIOSK_PORTAL": "portal"}
    # An option decides: the hotspot's join URL does not follow the box onto a router's network.
    moved = fieldkit.with_previous(Install(mode="join", ssid="Routeur", password="voyage-2024"), previous, True)
    values = fieldkit.parse_env(fieldkit.env_file(moved))
    assert "KIOSK_PUBLIC_URL" not in values and values["KIOSK_PORTAL"] == "portal"
    # On a joined network, a join URL set by hand stays.
    by_hand = fieldkit.parse_env(fieldkit.env_file(moved)) | {"KIOSK_PUBLIC_URL": "http://192.168.8.10/"}
    again = fieldkit.with_previous(Install(), by_hand, mode_given=False)
    assert fieldkit.parse_env(fieldkit.env_file(again))["KIOSK_PUBLIC_URL"] == "http://192.168.8.10/"


# --- scripts/install-pi --------------------------------------------------------------------------------

def install_pi(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SUDO_USER"}
    return subprocess.run([str(INSTALL_PI), *args], cwd="/", env=env, capture_output=True, text=True, timeout=120)


def test_install_pi_is_executable_and_explains_itself():
    assert os.access(INSTALL_PI, os.X_OK)
    result = install_pi("--help")
    assert result.returncode == 0
    for option in ("--hotspot", "--join", "--no-network", "--dry-run", "--uninstall"):
        assert option in result.stdout


def test_install_pi_dry_run_shows_every_step_of_a_hotspot_install_and_changes_nothing(tmp_path):
    if os.path.exists("/etc/kiosk/kiosk.env"):
        pytest.skip("Kiosk is installed on this machine: a dry run finds most steps already done")
    before = {path: os.path.exists(path) for path in ("/opt/kiosk", "/etc/kiosk", "/var/lib/kiosk")}
    result = install_pi("--dry-run", "--hotspot", "Atelier", "motdepasse", "--desktop-user", "root",
                        "--browser", "/usr/bin/chromium")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    home = os.path.expanduser("~root")
    for step in ("useradd --system", "python3 -m venv /opt/kiosk/venv", "pip install", "-e /opt/kiosk/src",
                 "write /etc/systemd/system/kiosk.service (0644 root:root)",
                 "write /etc/kiosk/kiosk.env (0640 root:kiosk)",
                 "write /etc/NetworkManager/system-connections/kiosk-hotspot.nmconnection (0600 root:root)",
                 "write /etc/NetworkManager/dnsmasq-shared.d/kiosk.conf", "address=/#/10.42.0.1",
                 "AmbientCapabilities=CAP_NET_BIND_SERVICE", "KIOSK_PUBLIC_URL='http://10.42.0.1/'",
                 f"write {home}/.config/autostart/kiosk-wall.desktop", "--kiosk", "http://localhost/wall",
                 "systemctl enable kiosk.service", "nmcli connection up kiosk-hotspot", "Phones:       http://10.42.0.1/"):
        assert step in out, step
    assert "kiosk-wifi" not in out
    assert {path: os.path.exists(path) for path in before} == before


def test_install_pi_dry_run_of_a_joined_network(tmp_path):
    result = install_pi("--dry-run", "--join", "Routeur", "voyage-2024")
    assert result.returncode == 0, result.stderr
    assert "write /etc/NetworkManager/system-connections/kiosk-wifi.nmconnection" in result.stdout
    assert "write /etc/NetworkManager/dispatcher.d/90-kiosk" in result.stdout
    assert "nmcli connection up kiosk-wifi" in result.stdout
    assert "KIOSK_PUBLIC_URL" not in result.stdout and "kiosk-hotspot" not in result.stdout


def test_install_pi_refuses_a_short_password_before_changing_anything():
    result = install_pi("--dry-run", "--hotspot", "Atelier", "court")
    assert result.returncode != 0
    assert "8 to 63" in result.stderr
    assert "+ " not in result.stdout


def test_install_pi_dry_run_uninstall_says_what_it_would_remove():
    result = install_pi("--dry-run", "--uninstall")
    assert result.returncode == 0, result.stderr
    assert "Kiosk is uninstalled" in result.stdout
