# shellcheck shell=bash
# Sourced by scripts/serve and scripts/test: make .venv hold this checkout's kiosk.
#
# `pip install` runs only when pyproject.toml changed since the last install (a sha256 stamp kept
# in .venv), so a second start is fast and works with no network: the box has no internet.

# kiosk_venv EXTRA ("" for none): create .venv when missing or broken, then install `.` (or `.[EXTRA]`).
kiosk_venv() {
  local extra="${1:-}" spec="." stamp=".venv/.kiosk-installed" digest
  if [[ -n "$extra" ]]; then
    spec=".[$extra]"
    stamp=".venv/.kiosk-installed-$extra"
  fi
  if [[ ! -x .venv/bin/python ]]; then
    echo "kiosk: creating .venv with $(command -v python3)" >&2
    rm -rf .venv
    python3 -m venv .venv
  fi
  digest="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]]; then
    return 0
  fi
  echo "kiosk: installing $spec into .venv (pyproject.toml changed)" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  printf '%s\n' "$digest" > "$stamp"
  # The extras include the base install: a later `scripts/serve` has nothing to install.
  if [[ -n "$extra" ]]; then
    printf '%s\n' "$digest" > .venv/.kiosk-installed
  fi
}
