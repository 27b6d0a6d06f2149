"""The box's address on the room's network, for the join URL and its QR code.

Read from the network interfaces themselves (no packet is sent): a wireless or wired interface is
preferred over anything else; with none, loopback.
"""

from __future__ import annotations

import fcntl
import socket
import struct

SIOCGIFADDR = 0x8915


def _ipv4(interface: str) -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, struct.pack("256s", interface.encode()[:15]))
        except OSError:
            return None
    return socket.inet_ntoa(packed[20:24])


def lan_address() -> str:
    found = []
    for _, name in socket.if_nameindex():
        if name == "lo":
            continue
        address = _ipv4(name)
        if address and not address.startswith("127."):
            preferred = name.startswith(("wl", "eth", "en", "ap", "br"))
            found.append((not preferred, name, address))
    return sorted(found)[0][2] if found else "127.0.0.1"


def join_url(public_url: str | None, port: int) -> str:
    if public_url:
        return public_url if public_url.endswith("/") else public_url + "/"
    host = lan_address()
    return f"http://{host}/" if port == 80 else f"http://{host}:{port}/"
