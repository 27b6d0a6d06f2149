"""USB sticks: the mounted removable drives the export can write to.

A stick counts when it is mounted under one of `ROOTS` (where desktop automounters and people put
them) and the kernel says its disk is removable or hot-plugged. `lsblk` knows both flags; without
it, the mount table (`/proc/self/mounts`) and `/sys/class/block/<dev>/…/removable` are read.
Everything is injectable so tests use temporary directories instead of real drives.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOTS = ("/media", "/run/media", "/mnt")
MOUNTS = "/proc/self/mounts"
SYS_BLOCK = "/sys/class/block"
BY_LABEL = "/dev/disk/by-label"


@dataclass(frozen=True)
class Drive:
    """A mounted stick: its label (or folder name), mount point and free bytes."""

    label: str
    path: str
    free: int

    def public(self) -> dict:
        return {"label": self.label, "path": self.path, "free": self.free}


def free_bytes(path: str | os.PathLike) -> int:
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


def _under(path: str, roots) -> bool:
    path = os.path.normpath(path)
    return any(path != os.path.normpath(root) and path.startswith(os.path.normpath(root).rstrip("/") + "/")
               for root in roots)


def _unescape(field: str) -> str:
    """The mount table writes a space as \\040, a tab as \\011…"""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """`(device, mount point, filesystem type)` for each line of a mount table."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape(fields[0]), _unescape(fields[1]), fields[2]))
    return mounts


def sysfs_removable(device: str, sys_block: str = SYS_BLOCK) -> bool | None:
    """Whether the disk holding `device` (/dev/sda1) is removable; None when sysfs cannot tell."""
    name = os.path.basename(os.path.realpath(device))
    node = Path(sys_block) / name
    if not node.exists():
        return None
    node = node.resolve()
    for candidate in (node, node.parent):  # a partition's flag is on its disk
        flag = candidate / "removable"
        if flag.exists():
            try:
                if flag.read_text().strip() == "1":
                    return True
            except OSError:
                return None
    # A USB disk that says it is fixed (some sticks and SSDs) is still hot-plugged.
    return "/usb" in str(node)


def _labels(by_label: str = BY_LABEL) -> dict[str, str]:
    """Device path → label, from /dev/disk/by-label (labels escape spaces as \\x20)."""
    labels = {}
    try:
        for entry in os.scandir(by_label):
            label = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), entry.name)
            labels[os.path.realpath(entry.path)] = label
    except OSError:
        pass
    return labels


def _from_mount_table(text: str, roots, removable: Callable[[str], bool | None]) -> list[tuple[str, str]]:
    found = []
    labels = _labels()
    for device, mount_point, _fstype in parse_mounts(text):
        if not _under(mount_point, roots):
            continue
        flag = removable(device) if device.startswith("/dev/") else None
        # Where sysfs cannot tell, /media and /run/media hold what automounters mounted: sticks.
        if flag is False or (flag is None and not _under(mount_point, [r for r in roots if "media" in r])):
            continue
        found.append((labels.get(os.path.realpath(device)) or "", mount_point))
    return found


def _walk(devices):
    for device in devices or []:
        yield device
        yield from _walk(device.get("children"))


def parse_lsblk(text: str, roots) -> list[tuple[str, str]]:
    """`(label, mount point)` of the removable or hot-plugged devices mounted under `roots`."""
    found = []
    for device in _walk(json.loads(text).get("blockdevices")):
        points = device.get("mountpoints") or [device.get("mountpoint")]
        for point in points:
            if point and _under(point, roots) and (_flag(device.get("rm")) or _flag(device.get("hotplug"))):
                found.append((device.get("label") or "", point))
    return found


def _flag(value) -> bool:
    return value is True or str(value).lower() in {"1", "true"}


def _lsblk(roots) -> list[tuple[str, str]] | None:
    if shutil.which("lsblk") is None:
        return None
    try:
        run = subprocess.run(["lsblk", "-J", "-o", "NAME,RM,HOTPLUG,MOUNTPOINT,LABEL,SIZE,FSAVAIL"],
                             capture_output=True, text=True, timeout=5, check=True)
        return parse_lsblk(run.stdout, roots)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def find_drives(roots=ROOTS, mounts: str | None = None, use_lsblk: bool = True,
                removable: Callable[[str], bool | None] = sysfs_removable) -> list[Drive]:
    """The mounted sticks, sorted by mount point.

    `mounts` is the text of a mount table (default: read /proc/self/mounts); `use_lsblk=False`
    reads only that table. A mount point that cannot be reached any more is left out.
    """
    found = _lsblk(roots) if use_lsblk and mounts is None else None
    if found is None:
        if mounts is None:
            try:
                mounts = Path(MOUNTS).read_text(encoding="utf-8", errors="replace")
            except OSError:
                mounts = ""
        found = _from_mount_table(mounts, roots, removable)
    drives = {}
    for label, path in found:
        try:
            free = free_bytes(path)
        except OSError:
            continue
        drives[path] = Drive(label or os.path.basename(path.rstrip("/")) or path, path, free)
    return [drives[path] for path in sorted(drives)]
