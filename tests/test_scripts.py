"""The shell scripts a checkout is driven by (scripts/, .ci/run) stay shellcheck-clean and runnable."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shell_scripts() -> list[Path]:
    found = [ROOT / ".ci" / "run"]
    for path in sorted((ROOT / "scripts").iterdir()):
        if path.is_file() and (path.suffix == ".sh" or path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")):
            found.append(path)
    return found


def test_shell_scripts_pass_shellcheck():
    scripts = shell_scripts()
    assert {"serve", "test", "run"} <= {p.name for p in scripts}
    # shellcheck is installed by scripts/test, like Chromium and zbarimg.
    result = subprocess.run(["shellcheck", "-x", *map(str, scripts)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_entry_point_scripts_are_executable():
    for path in (ROOT / "scripts" / "serve", ROOT / "scripts" / "test", ROOT / ".ci" / "run"):
        assert os.access(path, os.X_OK), f"{path.relative_to(ROOT)} is not executable"
