"""The field kit: every configuration file `scripts/install-pi` puts on a Raspberry Pi, from one place.

Each file is the text returned by one function below, computed from an `Install` (the box's
parameters) and nothing else: the same parameters give byte-identical files, which is what makes
running the installer twice change nothing. `python -m kiosk.fieldkit render --out DIR …` writes
them under DIR at their paths on the box (DIR/etc/systemd/system/kiosk.service, …) with a
`MANIFEST` saying, per file, its role, mode, owner and path; the installer compares each one with
what the box has and installs only what differs. `python -m kiosk.fieldkit paths` lists every path
the installer may ever have written (for `--uninstall` and for switching network modes).

The standard library only: the installer runs this module with the system's python3, before
Kiosk's virtual environment exists.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .settings import BY_NAME

MODES = ("hotspot", "join", "none")
# NetworkManager's own address for a shared (hotspot) connection: phones get 10.42.0.x.
HOTSPOT_ADDRESS = "10.42.0.1"
HOTSPOT_ID = "kiosk-hotspot"
WIFI_ID = "kiosk-wifi"
SERVICE = "kiosk.service"
ENV_FILE = "/etc/kiosk/kiosk.env"
UNIT_FILE = "/etc/systemd/system/kiosk.service"
NM_CONNECTIONS = "/etc/NetworkManager/system-connections"
DNSMASQ_SNIPPET = "/etc/NetworkManager/dnsmasq-shared.d/kiosk.conf"
DISPATCHER = "/etc/NetworkManager/dispatcher.d/90-kiosk"
AVAHI_SERVICE = "/etc/avahi/services/kiosk.service"
UDISKS_OPTIONS = "/etc/udisks2/mount_options.conf"
CLI_WRAPPER = "/usr/local/bin/kiosk"
WALL_LAUNCHER = "/usr/local/bin/kiosk-wall"
AUTOSTART = ".config/autostart/kiosk-wall.desktop"  # under the desktop user's home
# Settings the installer writes into the env file; any other KIOSK_* line found there is kept.
MANAGED = ("data", "host", "port", "network_mode", "public_url", "wifi_ssid", "wifi_password")
CHROMIUM_FLAGS = ("--kiosk", "--incognito", "--noerrdialogs", "--disable-infobars", "--no-first-run",
                  "--disable-features=Translate", "--check-for-update-interval=31536000",
                  "--password-store=basic")
# Every file says where it comes from: the installer changes or removes only the files that say so.
MARK = "kiosk/fieldkit.py"
HEADER = f"Written by scripts/install-pi ({MARK}): run it again rather than editing this file."
_NAMESPACE = uuid.UUID("6b1f3c52-4d0e-5a8e-9a53-6b696f736b21")


class FieldKitError(ValueError):
    """A parameter the box cannot be set up with, as one sentence for the person installing it."""


@dataclass(frozen=True)
class Install:
    """Everything the configuration files depend on."""

    mode: str = "none"
    ssid: str | None = None
    password: str | None = None
    address: str = HOTSPOT_ADDRESS
    hostname: str = "kiosk"
    port: int = 80
    prefix: str = "/opt/kiosk"
    data: str = "/var/lib/kiosk"
    user: str = "kiosk"
    interface: str = "wlan0"
    desktop_user: str | None = None
    desktop_home: str | None = None
    browser: str | None = None
    # Other KIOSK_* settings found in the previous env file (KIOSK_PORTAL, KIOSK_DECK…): kept.
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def venv(self) -> str:
        return f"{self.prefix}/venv"

    @property
    def public_url(self) -> str | None:
        """The join URL in the QR codes: on the hotspot the box's address is fixed, so it is written
        down; on a joined network it is whatever the router gave, read at each start."""
        if self.mode != "hotspot":
            return None
        return f"http://{self.address}/" if self.port == 80 else f"http://{self.address}:{self.port}/"

    @property
    def local_url(self) -> str:
        return "http://localhost/" if self.port == 80 else f"http://localhost:{self.port}/"

    @property
    def desktop(self) -> bool:
        """The projector's autostart is set up only with a desktop user and a browser."""
        return bool(self.desktop_user and self.desktop_home and self.browser)


@dataclass(frozen=True)
class File:
    """One configuration file: where it goes, its text, and who may read it."""

    path: str
    text: str
    mode: str = "0644"
    owner: str = "root"
    group: str = "root"  # "-": the owner's own group
    role: str = "service"  # service, network, mdns, desktop or storage: what to reload when it changes


# --- Checks ----------------------------------------------------------------------------------------

def _printable_ascii(text: str) -> bool:
    return all(32 <= ord(ch) < 127 for ch in text)


def check(install: Install) -> Install:
    """The install, or a FieldKitError naming what is wrong with it."""
    if install.mode not in MODES:
        raise FieldKitError(f"unknown network mode {install.mode!r}: choose {', '.join(MODES)}")
    if not re.fullmatch(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", install.hostname):
        raise FieldKitError(f"the name {install.hostname!r} cannot be a host name: "
                            "use lower-case letters, digits and hyphens")
    if not 1 <= install.port <= 65535:
        raise FieldKitError(f"port {install.port} is not a TCP port")
    for name in ("prefix", "data", "desktop_home", "browser"):
        value = getattr(install, name)
        if value is not None and not re.fullmatch(r"/[A-Za-z0-9._/+-]*", value):
            raise FieldKitError(f"{name} must be an absolute path of plain characters, not {value!r}")
    for name in ("user", "desktop_user"):
        value = getattr(install, name)
        if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", value):
            raise FieldKitError(f"{value!r} is not a user name")
    if not re.fullmatch(r"[a-z0-9]{1,15}", install.interface):
        raise FieldKitError(f"{install.interface!r} is not a network interface's name")
    if install.ssid is not None:
        if not install.ssid or len(install.ssid.encode("utf-8")) > 32:
            raise FieldKitError("a Wi-Fi name (SSID) has 1 to 32 bytes")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in install.ssid):
            raise FieldKitError("a Wi-Fi name (SSID) cannot hold control characters")
    if install.password:
        hex_key = len(install.password) == 64 and re.fullmatch(r"[0-9a-fA-F]+", install.password)
        if not hex_key and not (8 <= len(install.password) <= 63 and _printable_ascii(install.password)):
            raise FieldKitError("a WPA2 Wi-Fi password has 8 to 63 characters: letters, digits, "
                                "punctuation, spaces (no accented letters)")
    if install.mode in ("hotspot", "join") and not install.ssid:
        raise FieldKitError(f"the {install.mode} mode needs the Wi-Fi's name and password")
    if install.mode == "hotspot" and not install.password:
        raise FieldKitError("the box's own Wi-Fi needs a password of 8 to 63 characters")
    if install.mode == "hotspot":
        parts = install.address.split(".")
        if len(parts) != 4 or not all(p.isdigit() and 0 <= int(p) <= 255 for p in parts):
            raise FieldKitError(f"{install.address!r} is not an IPv4 address")
    return install


# --- Quoting ----------------------------------------------------------------------------------------

def env_quote(value: str) -> str:
    """A value for an env file that systemd's EnvironmentFile= and bash's `source` read alike."""
    return "'" + value.replace("'", "'\\''") + "'"


def parse_env(text: str) -> dict[str, str]:
    """The KEY=value lines of an env file (as written by `env_file`, or edited by hand)."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        try:
            words = shlex.split(line, comments=False, posix=True)
        except ValueError:
            continue
        if len(words) == 1 and "=" in words[0]:
            key, value = words[0].split("=", 1)
            values[key.strip()] = value
    return values


def keyfile_string(value: str) -> str:
    """A string value for a GKeyFile (NetworkManager's keyfiles): backslashes doubled, and the
    spaces at either end kept as \\s (GKeyFile strips them otherwise)."""
    text = value.replace("\\", "\\\\")
    head = len(text) - len(text.lstrip(" "))
    text = "\\s" * head + text[head:]
    tail = len(text) - len(text.rstrip(" "))
    return text[:len(text) - tail] + "\\s" * tail if tail else text


def keyfile_ssid(ssid: str) -> str:
    """An SSID as NetworkManager's keyfile writer stores it: plain when it is printable ASCII, else
    (accents, `;`, backslash, spaces at either end) the list of its bytes, which reads back exactly."""
    if _printable_ascii(ssid) and ";" not in ssid and "\\" not in ssid and ssid == ssid.strip():
        return ssid
    return "".join(f"{byte};" for byte in ssid.encode("utf-8"))


def _uuid(name: str) -> str:
    """A stable UUID per profile: NetworkManager needs one, and a random one would change each run."""
    return str(uuid.uuid5(_NAMESPACE, name))


# --- The files ----------------------------------------------------------------------------------------

def systemd_unit(install: Install) -> str:
    """kiosk.service: starts at boot, restarts on failure, logs to the journal, port 80 without root."""
    state = ""
    if install.data.startswith("/var/lib/") and install.data.count("/") == 3:
        state = f"StateDirectory={install.data.rsplit('/', 1)[1]}\nStateDirectoryMode=0750\n"
    return f"""# Kiosk, the workshop box. {HEADER}
# Its settings are in {ENV_FILE}. Logs: journalctl -u kiosk
[Unit]
Description=Kiosk workshop box
Documentation=file://{install.prefix}/src/README.md
Wants=network-online.target
After=network-online.target NetworkManager.service

[Service]
Type=simple
User={install.user}
Group={install.user}
EnvironmentFile={ENV_FILE}
Environment=PYTHONUNBUFFERED=1
WorkingDirectory={install.data}
ExecStart={install.venv}/bin/kiosk serve
# Port {install.port} without root: the one capability that binds a port below 1024, nothing else.
AmbientCapabilities=CAP_NET_BIND_SERVICE
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
NoNewPrivileges=yes
# Every phone holds a WebSocket and a few requests: far more than the default 1,024 open files.
LimitNOFILE=65536
{state}ProtectSystem=full
ProtectHome=yes
PrivateTmp=yes
# SIGTERM: kiosk serve finishes the write under way and stops; nothing acknowledged is lost.
KillSignal=SIGTERM
TimeoutStopSec=20
Restart=on-failure
RestartSec=2
StandardOutput=journal
StandardError=journal
SyslogIdentifier=kiosk

[Install]
WantedBy=multi-user.target
"""


def env_values(install: Install) -> list[tuple[str, str]]:
    """The settings kiosk.service starts with, in the env file's order."""
    env = BY_NAME
    values = [(env["data"].env, install.data), (env["host"].env, "0.0.0.0"), (env["port"].env, str(install.port)),
              (env["network_mode"].env, install.mode)]
    if install.public_url:
        values.append((env["public_url"].env, install.public_url))
    if install.ssid:
        values.append((env["wifi_ssid"].env, install.ssid))
        if install.password:
            values.append((env["wifi_password"].env, install.password))
    return values + sorted(install.extra)


def env_file(install: Install) -> str:
    """/etc/kiosk/kiosk.env: the KIOSK_* settings of the installed box (see README's Settings)."""
    lines = [f"# Kiosk's settings for kiosk.service (README.md, \"Settings\"). {HEADER}",
             "# Or edit a line and run `sudo systemctl restart kiosk`; lines of your own are kept."]
    lines += [f"{key}={env_quote(value)}" for key, value in env_values(install)]
    return "\n".join(lines) + "\n"


def _wifi_security(install: Install) -> str:
    if not install.password:
        return ""
    # WPA2 (RSN, CCMP) only, protected management frames off: what every phone and the Pi's
    # Broadcom radio agree on, as an access point too.
    return f"""
[wifi-security]
key-mgmt=wpa-psk
proto=rsn
pairwise=ccmp
group=ccmp
pmf=1
psk={keyfile_string(install.password)}
"""


def hotspot_profile(install: Install) -> str:
    """kiosk-hotspot.nmconnection: the Pi's own Wi-Fi (what `nmcli device wifi hotspot` makes),
    shared mode: NetworkManager's dnsmasq gives phones an address and answers their DNS."""
    return f"""# Kiosk: the box's own Wi-Fi. {HEADER}
[connection]
id={HOTSPOT_ID}
uuid={_uuid(HOTSPOT_ID)}
type=wifi
interface-name={install.interface}
autoconnect=true
autoconnect-priority=100

[wifi]
mode=ap
band=bg
ssid={keyfile_ssid(install.ssid or '')}
{_wifi_security(install)}
[ipv4]
method=shared
address1={install.address}/24

[ipv6]
method=disabled
"""


def wifi_profile(install: Install) -> str:
    """kiosk-wifi.nmconnection: the box joins a travel router or the venue's Wi-Fi (what
    `nmcli device wifi connect` makes), and connects again by itself at every boot."""
    return f"""# Kiosk: the room's Wi-Fi that the box joins. {HEADER}
[connection]
id={WIFI_ID}
uuid={_uuid(WIFI_ID)}
type=wifi
interface-name={install.interface}
autoconnect=true
autoconnect-priority=100

[wifi]
mode=infrastructure
ssid={keyfile_ssid(install.ssid or '')}
{_wifi_security(install)}
[ipv4]
method=auto

[ipv6]
method=auto
"""


def dnsmasq_snippet(install: Install) -> str:
    """Every name asked on the hotspot leads to the box, so the phones' captive-portal probes reach
    Kiosk (README, "Captive-portal probes") and any address typed by hand opens it."""
    return f"""# Kiosk: on the box's own Wi-Fi, every name is the box. {HEADER}
address=/#/{install.address}
"""


def dispatcher_script(install: Install) -> str:
    """When the box joins the room's Wi-Fi, Kiosk restarts so that its join URL and QR codes carry
    the address the router just gave it (a router switched on after the box, a new lease)."""
    return f"""#!/usr/bin/env bash
# Kiosk: restart on joining the room's Wi-Fi, so the QR codes carry the new address. {HEADER}
# NetworkManager runs it as root: $1 the interface, $2 the action, CONNECTION_ID the profile.
if [[ "${{2:-}}" == up && "${{CONNECTION_ID:-}}" == {WIFI_ID} ]]; then
  systemctl try-restart {SERVICE}
fi
"""


def avahi_service(install: Install) -> str:
    """Announces the box's web page over mDNS (the host name itself, kiosk.local, is avahi's own)."""
    return f"""<?xml version="1.0" standalone='no'?>
<!DOCTYPE service-group SYSTEM "avahi-service.dtd">
<!-- Kiosk: the workshop box's web page, http://{install.hostname}.local/. {HEADER} -->
<service-group>
  <name replace-wildcards="yes">Kiosk on %h</name>
  <service>
    <type>_http._tcp</type>
    <port>{install.port}</port>
  </service>
</service-group>
"""


def udisks_options(install: Install) -> str:
    """USB sticks mounted by the desktop are writable by the `kiosk` user too, for the console's
    Export button (udisks mounts FAT and exFAT sticks for the desktop user alone by default)."""
    return f"""# Kiosk: USB sticks writable by every user of the box (the kiosk service exports results onto
# them). {HEADER}
[defaults]
vfat_defaults=uid=$UID,gid=$GID,shortname=mixed,utf8=1,showexec,flush,dmask=0000,fmask=0111
exfat_defaults=uid=$UID,gid=$GID,iocharset=utf8,errors=remount-ro,dmask=0000,fmask=0111
"""


def cli_wrapper(install: Install) -> str:
    """`kiosk` on the box: the installed Kiosk with the service's settings (`sudo kiosk tents`)."""
    return f"""#!/usr/bin/env bash
# `kiosk` on the box: the installed Kiosk with the box's settings, e.g. `sudo kiosk tents --to
# tents.pdf` or `sudo kiosk export`. {HEADER}
set -euo pipefail
if [[ -r {ENV_FILE} ]]; then
  set -a
  # shellcheck source=/dev/null
  source {ENV_FILE}
  set +a
fi
exec {install.venv}/bin/kiosk "$@"
"""


def wall_launcher(install: Install) -> str:
    """Run by the desktop's autostart: waits for the box, keeps the screen on, then opens the wall."""
    return f"""#!/usr/bin/env bash
# Kiosk's projector: `kiosk-wall BROWSER ARGS…` (see kiosk-wall.desktop). {HEADER}
# At boot the desktop may be up before the box listens: wait for it (2 minutes at most), so the
# browser never shows an error page; then no screen saver, no power saving, and the browser.
set -u
for _ in {{1..120}}; do
  if (exec 3<>/dev/tcp/127.0.0.1/{install.port}) 2>/dev/null; then
    break
  fi
  sleep 1
done
# X11 desktops only: on Wayland, raspi-config turned screen blanking off.
if [[ -n "${{DISPLAY:-}}" && -z "${{WAYLAND_DISPLAY:-}}" ]] && command -v xset >/dev/null; then
  xset s off || true
  xset s noblank || true
  xset -dpms || true
fi
exec "$@"
"""


def autostart_entry(install: Install) -> str:
    """~/.config/autostart/kiosk-wall.desktop: Chromium in kiosk mode on the wall, at each login
    (Raspberry Pi OS's desktops, Wayfire, labwc and X11, run these entries)."""
    command = " ".join([WALL_LAUNCHER, install.browser or "chromium", *CHROMIUM_FLAGS, install.local_url + "wall"])
    return f"""[Desktop Entry]
# Kiosk: the wall on the projector, full screen, at every login. {HEADER}
Type=Application
Name=Kiosk wall
Comment=The workshop's wall, full screen on the projector
Exec={command}
Terminal=false
X-GNOME-Autostart-enabled=true
"""


def files(install: Install) -> list[File]:
    """Every file this install needs, in installing order."""
    install = check(install)
    found = [
        File(ENV_FILE, env_file(install), "0640", "root", install.user),
        File(UNIT_FILE, systemd_unit(install)),
        File(CLI_WRAPPER, cli_wrapper(install), "0755"),
        File(AVAHI_SERVICE, avahi_service(install), role="mdns"),
        File(UDISKS_OPTIONS, udisks_options(install), role="storage"),
    ]
    if install.mode == "hotspot":
        found += [File(f"{NM_CONNECTIONS}/{HOTSPOT_ID}.nmconnection", hotspot_profile(install), "0600", role="network"),
                  File(DNSMASQ_SNIPPET, dnsmasq_snippet(install), role="network")]
    if install.mode == "join":
        found += [File(f"{NM_CONNECTIONS}/{WIFI_ID}.nmconnection", wifi_profile(install), "0600", role="network"),
                  File(DISPATCHER, dispatcher_script(install), "0755", role="network")]
    if install.desktop:
        found += [File(WALL_LAUNCHER, wall_launcher(install), "0755", role="desktop"),
                  File(f"{install.desktop_home}/{AUTOSTART}", autostart_entry(install), "0644",
                       install.desktop_user or "root", "-", role="desktop")]
    return found


def all_paths(desktop_homes: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(role, path) of every file the installer may have written, whatever the mode: what
    `--uninstall` removes, and what a change of network mode takes away."""
    paths = [("service", ENV_FILE), ("service", UNIT_FILE), ("service", CLI_WRAPPER), ("mdns", AVAHI_SERVICE),
             ("storage", UDISKS_OPTIONS), ("network", f"{NM_CONNECTIONS}/{HOTSPOT_ID}.nmconnection"),
             ("network", DNSMASQ_SNIPPET), ("network", f"{NM_CONNECTIONS}/{WIFI_ID}.nmconnection"),
             ("network", DISPATCHER), ("desktop", WALL_LAUNCHER)]
    paths += [("desktop", f"{home}/{AUTOSTART}") for home in desktop_homes]
    return paths


# --- From the command line and the previous install ------------------------------------------------

def with_previous(install: Install, previous: dict[str, str], mode_given: bool) -> Install:
    """The install, completed by the box's previous env file.

    Without a network option the box keeps its network (mode, Wi-Fi name, password, hotspot
    address); with one, that option decides. KIOSK_* settings the installer does not manage
    (KIOSK_PORTAL, KIOSK_DECK…) are kept either way, and so is a KIOSK_PUBLIC_URL set by hand on a
    joined network, as long as the mode stays the same.
    """
    env = {name: BY_NAME[name].env for name in MANAGED}
    changes: dict = {}
    old_mode = previous.get(env["network_mode"], "none")
    if not mode_given:
        changes["mode"] = old_mode if old_mode in MODES else "none"
        changes["ssid"] = previous.get(env["wifi_ssid"]) or None
        changes["password"] = previous.get(env["wifi_password"]) or None
        host = urlsplit(previous.get(env["public_url"], "")).hostname
        if changes["mode"] == "hotspot" and host and install.address == HOTSPOT_ADDRESS:
            changes["address"] = host
    mode = changes.get("mode", install.mode)
    extra = {key: value for key, value in previous.items()
             if key.startswith("KIOSK_") and key not in env.values()}
    if mode != "hotspot" and old_mode == mode and previous.get(env["public_url"]):
        extra[env["public_url"]] = previous[env["public_url"]]
    changes["extra"] = tuple(sorted(extra.items()))
    return replace(install, **changes)


def manifest(found: list[File]) -> str:
    """One line per file: role, mode, owner, group, path (paths hold no spaces: `check` sees to it)."""
    return "".join(f"{f.role} {f.mode} {f.owner} {f.group} {f.path}\n" for f in found)


def render(install: Install, out: Path) -> list[File]:
    """Write every file of the install under `out`, at its path on the box, and the MANIFEST."""
    found = files(install)
    for item in found:
        target = out / item.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")
    (out / "MANIFEST").write_text(manifest(found), encoding="utf-8")
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk.fieldkit",
                                     description="The field kit's configuration files (used by scripts/install-pi).")
    commands = parser.add_subparsers(dest="command", required=True)
    render_cmd = commands.add_parser("render", help="write the configuration files under a folder")
    render_cmd.add_argument("--out", required=True, type=Path, metavar="DIR")
    render_cmd.add_argument("--mode", choices=MODES, default=None,
                            help="network: hotspot, join or none (default: the previous install's, else none)")
    render_cmd.add_argument("--ssid", default=None)
    render_cmd.add_argument("--password", default=None)
    render_cmd.add_argument("--previous", type=Path, default=None, metavar="ENV_FILE",
                            help="the box's current env file: its network and settings of your own are kept")
    defaults = Install()
    for name in ("address", "hostname", "prefix", "data", "user", "interface"):
        render_cmd.add_argument(f"--{name}", default=getattr(defaults, name))
    render_cmd.add_argument("--port", type=int, default=defaults.port)
    render_cmd.add_argument("--desktop-user", default=None)
    render_cmd.add_argument("--desktop-home", default=None)
    render_cmd.add_argument("--browser", default=None, help="the browser for the projector (its path)")
    paths_cmd = commands.add_parser("paths", help="every path the installer may have written")
    paths_cmd.add_argument("--desktop-home", action="append", default=[], help="a home whose autostart entry counts")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "paths":
        print("".join(f"{role} {path}\n" for role, path in all_paths(args.desktop_home)), end="")
        return 0
    install = Install(mode=args.mode or "none", ssid=args.ssid or None, password=args.password or None,
                      address=args.address, hostname=args.hostname, port=args.port, prefix=args.prefix,
                      data=args.data, user=args.user, interface=args.interface, desktop_user=args.desktop_user,
                      desktop_home=args.desktop_home, browser=args.browser)
    previous = {}
    if args.previous is not None and args.previous.is_file():
        try:
            previous = parse_env(args.previous.read_text(encoding="utf-8"))
        except OSError as error:  # a dry run without root: the box's settings are not readable
            print(f"install-pi: cannot read {args.previous} ({error.strerror}): its settings are left out",
                  file=sys.stderr)
    install = with_previous(install, previous, mode_given=args.mode is not None)
    try:
        render(install, args.out)
    except FieldKitError as error:
        print(f"install-pi: {error}", file=sys.stderr)
        return 2
    # What the installer tells the person at the end (one KEY=VALUE a line; values hold no newline).
    print(f"mode={install.mode}")
    print(f"ssid={install.ssid or ''}")
    print(f"public_url={install.public_url or ''}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
