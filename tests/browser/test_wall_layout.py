"""The wall is read from the back of a room: at every phase, with a heavy room, on every projector size,
nothing scrolls, nothing covers the join corner, no text is below the floor, every item shows.

One box serves a heavy workshop (tests/browser/heavy_room.py); the facilitator moves it from scene
to scene; three walls (1920×1080, 1280×720 and 1024×768) watch each scene. A phase without a scene
in SCENES fails `test_every_phase_has_a_heavy_scene`: a new activity adds its heavy contents here.

`KIOSK_SCREENSHOTS=DIR` saves each scene's wall (1920×1080 and 1024×768) and phone (390×844) as
PNG in DIR: the README's pictures (docs/room/) come from `scripts/screenshots`. `KIOSK_SCENES=a,b`
plays only those scenes (by name), to look at a view being changed.
"""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from kiosk.activities import PHASES
from kiosk.boxprocess import free_port, start_box

from .conftest import CHROMIUM_ARGS, HOST, PIN, KioskServer, QuickClient, command
from .heavy_room import build

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
SHOT_SIZES = {(1920, 1080), (1024, 768)}
PHONE = {"width": 390, "height": 844}
WIFI = "Atelier du Val 📶"


@dataclass
class Scene:
    """A phase as the facilitator sets it, the wall's items to find on some page, and how many; `full`:
    its small boxes' pages are checked full (a page ends only where its next item would not fit, and
    some column holds several cards)."""

    name: str
    phase: str
    setup: Callable  # (facilitator, room) -> None
    items: str = ""
    count: int | Callable = 0  # or (server state) -> count
    full: bool = False


def _phase(phase):
    return lambda boss, room: command(boss, "phase.set", {"phase": phase})


def _issues(boss, room):
    for issue_id in room["issues"][len(room["ranked"]):]:
        command(boss, "issue.restore", {"issue_id": issue_id})
    command(boss, "phase.set", {"phase": "issues"})


def _majority(boss, room):
    """Down to 12 issues, a majority-judgment vote graded by six phones, closed."""
    for issue_id in room["issues"][12:]:
        command(boss, "issue.hide", {"issue_id": issue_id})
    command(boss, "vote.open", {"method": "majority", "replace": True})
    grades = ["excellent", "tres_bien", "bien", "assez_bien", "passable", "insuffisant", "a_rejeter"]
    for n, token in enumerate(room["tokens"]):
        phone = QuickClient()
        phone.connect(room["url"], auth={"token": token}, transports=["websocket"], wait_timeout=10)
        try:
            for k, issue_id in enumerate(room["issues"][:12]):
                command(phone, "vote.cast", {"issue_id": issue_id, "grade": grades[(n + k) % len(grades)]})
        finally:
            phone.disconnect()
    command(boss, "vote.close", {})


def _roundtable(boss, room):
    """The round table in the join order, its first speaker (the longest card) at the floor."""
    command(boss, "phase.set", {"phase": "roundtable"})
    command(boss, "roundtable.start", {"order": "join"})
    command(boss, "roundtable.next", {})


def _seed_large(boss, room):
    command(boss, "seeds.show", {"seed_id": room["seeds"][0]})


def _grid(view):
    def setup(boss, room):
        command(boss, "phase.set", {"phase": "grid"})
        command(boss, "grid.show", {"view": view, **({"axis_id": room["axes"][0]} if view == "axis" else {})})
    return setup


def _report(boss, room):
    command(boss, "report.start", {"group_id": room["first_group"]})


def _wall(mode):
    def setup(boss, room):
        command(boss, "report.stop", {}) if room.get("reporting") else None
        room["reporting"] = False
        command(boss, "wall.mode", {"mode": mode})
        command(boss, "phase.set", {"phase": "wall"})
    return setup


def _report_on(boss, room):
    _report(boss, room)
    room["reporting"] = True


def _closing(boss, room):
    command(boss, "wall.mode", {"mode": "grid"})
    command(boss, "phase.set", {"phase": "closing"})


# In the workshop's order; the vote twice (a 40-issue dots ranking, a 12-issue majority judgment).
SCENES = [
    Scene("welcome", "welcome", _phase("welcome"), "#names > li", lambda state: len(state["participants"])),
    Scene("wordcloud", "wordcloud", _phase("wordcloud"), "#wordcloud-words > li",
          lambda state: len(state["wordcloud"]["words"])),
    Scene("addressbook", "addressbook", _phase("addressbook"), "#addressbook-wall-cards > li",
          lambda state: len([card for card in state["addressbook"]["cards"] if card["kind"] == "participant"])),
    Scene("roundtable", "roundtable", _roundtable, "#roundtable-order > li", lambda state: len(state["roundtable"]["order"])),
    # Each bucket pages through its own notes.
    Scene("review", "review", _phase("review"), "#review-columns li", lambda state: len(state["review"]["notes"]), full=True),
    Scene("debate", "debate", _phase("debate"), "#debate-arguments > li", lambda state: len(state["debate"]["arguments"])),
    Scene("criteria", "criteria", _phase("criteria"), "#criteria-legend > li", lambda state: len(state["criteria"]["items"])),
    Scene("recommendations", "recommendations", _phase("recommendations"), ".recommendations-list > li",
          lambda state: sum(1 for item in state["recommendations"]["items"] if item["quadrant"]), full=True),
    # The société contributive: the tables' pads side by side, then the typology, each column paging.
    Scene("examples", "examples", _phase("examples"), "#examples-columns li",
          lambda state: len(state["examples"]["examples"]), full=True),
    Scene("typology", "typology", _phase("typology"), "#examples-columns li",
          lambda state: len(state["examples"]["examples"]), full=True),
    # The results shown: every consensus and divisive statement a card.
    Scene("statements", "statements", _phase("statements"), "#statements-results > li",
          lambda state: len(state["statements"]["consensus"]) + len(state["statements"]["divisive"])),
    Scene("issues", "issues", _issues, "#issue-list > li", 60),
    Scene("vote", "vote", _phase("vote"), "#results > li", 40),
    Scene("vote-majority", "vote", _majority, "#results > li", 12),
    Scene("forces", "forces", _phase("forces"), ".forces-field li", lambda state: len(state["forces"]["items"])),
    Scene("groups", "groups", _phase("groups"), "#group-list > li", 8),
    Scene("axes", "axes", _phase("axes"), "#grid-axes-wall > li", 6),
    # The grid: the axes' matrix during the work, one axis's eight practices for the report-back, the
    # flagged entries of every axis at the end (each flag's column pages through its own).
    Scene("grid", "grid", _grid("matrix"), "#grid-matrix-rows > tr", 6),
    Scene("grid-axis", "grid", _grid("axis"), "#grid-single-rows > tr", 8),
    Scene("grid-flags", "grid", _grid("flags"), "#grid-flags li",
          lambda state: len([e for e in state["grid"]["entries"] if e["flag"]])),
    Scene("seeds", "seeds", _phase("seeds"), "#seeds-wall > li", 8),
    # The presented seed, part by part: title and need, pitch, first step, who does what, who and when.
    Scene("seeds-large", "seeds", _seed_large, "#seeds-wall > li", 5),
    Scene("census", "census", _phase("census"), "#census-communes > li",
          lambda state: len(state["census"]["counts"]["commune"])),
    Scene("families", "families", _phase("families"), "#family-tiles > li", 10),
    Scene("board", "board", _phase("board"), "#board-list > li", 8),
    Scene("surprises", "surprises", _phase("surprises"), "#surprises-columns li",
          lambda state: len(state["surprises"]["items"]), full=True),
    Scene("report", "report", _report_on, "#board-rows > tr", 12),
    Scene("wall", "wall", _wall("grid"), "#note-list > li", 100),
    # The slideshow's two parts are always in the page: wait for the wall to have switched to it.
    Scene("wall-slideshow", "wall", _wall("slideshow"), "#slideshow:not([hidden]) [data-fit] > *", 2),
    Scene("closing", "closing", _closing, "#pledges > li", lambda state: len({id for pair in state["buddies"] for id in pair} | {post["author"] for post in state["wall"]})),
]


def test_every_phase_has_a_heavy_scene():
    missing = [phase for phase in PHASES if phase not in {scene.phase for scene in SCENES}]
    assert not missing, f"add a heavy scene to SCENES for the phase(s) {missing}"


# Everything the issue asks of one screen, measured in the page: a list of problems (empty: fine).
CHECK = """() => {
  const W = innerWidth, H = innerHeight, floor = H / 36, problems = [];
  const root = document.documentElement;
  if (root.scrollHeight > H || root.scrollWidth > W) problems.push(`scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const corner = document.getElementById('join-corner').getBoundingClientRect();
  const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const cornerNode = document.getElementById('join-corner');
  for (const e of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE'].includes(e.tagName) || !e.checkVisibility({visibilityProperty: true})) continue;
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // visually hidden, for screen readers
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) problems.push(`outside the screen: ${name(e)}`);
    if (!cornerNode.contains(e) && !e.contains(cornerNode) && meets(r, corner)) problems.push(`over the join corner: ${name(e)}`);
    const text = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text) continue;
    const style = getComputedStyle(e);
    if (!e.closest('figcaption') && parseFloat(style.fontSize) < floor - 0.5) problems.push(`text below the floor: ${name(e)} ${style.fontSize}`);
    const clamped = style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '99';
    if (e.scrollHeight > e.clientHeight + 2 && style.overflowY !== 'visible' && !clamped) problems.push(`text cut without an ellipsis: ${name(e)}`);
    if (e.scrollWidth > e.clientWidth + 2 && style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis') problems.push(`text cut sideways without an ellipsis: ${name(e)}`);
  }
  for (const box of document.querySelectorAll('[data-fit]')) {
    if (!box.checkVisibility()) continue;
    const b = box.getBoundingClientRect();
    for (const item of box.children) {
      if (!item.checkVisibility()) continue;
      const r = item.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) problems.push(`item cut by its box: ${name(item)}`);
    }
  }
  const qr = document.getElementById('join-qr').getBoundingClientRect();
  const url = document.getElementById('join-url');
  return {problems, qr: [Math.round(qr.width), Math.round(qr.height)], url: url.textContent.trim(),
          urlWhole: url.scrollWidth <= url.clientWidth + 1};
}"""

# The items of a scene, page by page: which are shown on each page of their boxes (by their place).
# Every box turns at once; as many turns as the box with the most pages shows every page of each.
# `boxes`: each paged box's pages as it showed them, each item's box (left, top, bottom) and its
# vertical margins, for `_not_full`.
PAGES = """async (selector) => {
  const src = document.querySelector('script[type=module]').src;
  const fit = await import(src.replace(/wall\\.js$/, 'wall/fit.js'));
  const items = [...document.querySelectorAll(selector)];
  const boxes = [...new Set(items.map((item) => item.closest('[data-fit]')).filter(Boolean))];
  const pages = Math.max(1, ...boxes.map((box) => Number(box.dataset.pages || '1')));
  const seen = [];
  const layout = boxes.map((box) => ({name: box.id || box.parentElement.getAttribute('aria-label') || '', pages: Number(box.dataset.pages || '1'),
                                     cols: Number(box.style.getPropertyValue('--fit-cols') || '1'), bottom: box.getBoundingClientRect().bottom, shown: {}}));
  for (let p = 0; p < pages; p += 1) {
    seen.push(items.map((item, n) => item.checkVisibility() ? n : -1).filter((n) => n >= 0));
    boxes.forEach((box, b) => {
      const page = box.dataset.page || '1';
      if (layout[b].shown[page]) return;
      layout[b].shown[page] = items.filter((item) => item.closest('[data-fit]') === box && item.checkVisibility()).map((item) => {
        const r = item.getBoundingClientRect(), style = getComputedStyle(item);
        return {left: r.left, top: r.top, bottom: r.bottom, before: parseFloat(style.marginTop), after: parseFloat(style.marginBottom)};
      });
    });
    if (pages > 1) fit.turn();
  }
  return {count: items.length, pages, seen, seconds: fit.PAGE_SECONDS, boxes: layout};
}"""


def _not_full(boxes: list[dict]) -> list[str]:
    """Pages that end before they are full: the next page's first card would have fitted under the
    last one (or in a column left empty); and none when no column ever holds two cards."""
    problems, several = [], False
    for box in boxes:
        for number in range(1, box["pages"] + 1):
            shown = box["shown"].get(str(number), [])
            columns: dict[int, list] = {}
            for item in shown:
                columns.setdefault(round(item["left"]), []).append(item)
            several = several or any(len(column) > 1 for column in columns.values())
            following = box["shown"].get(str(number + 1))
            if not shown or not following:
                continue
            last, after = max(shown, key=lambda item: (round(item["left"]), item["bottom"])), following[0]
            need = after["bottom"] - after["top"] + max(last["after"], after["before"]) + after["after"]
            if len(columns) < box["cols"] or last["bottom"] + need <= box["bottom"] - 1:
                problems.append(f"page {number}/{box['pages']} of {box['name']!r} ends with "
                                f"{box['bottom'] - last['bottom']:.0f} px free, its next card needs {need:.0f} px")
    if not several:
        problems.append("no column of any page holds two cards")
    return problems


def _settled(page) -> None:
    """Two animation frames: the render's fit has run."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _decode(png: bytes) -> str:
    answer = subprocess.run(["zbarimg", "--quiet", "--raw", "-"], input=png, capture_output=True, check=False)
    return answer.stdout.decode().strip()


def _picture(png: bytes, path: Path) -> None:
    """A small PNG for the README: at most 1280 px wide, in 128 colours."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > 1280:
        image = image.resize((1280, round(image.height * 1280 / image.width)), Image.LANCZOS)
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, "PNG", optimize=True)


@pytest.fixture(scope="module")
def heavy(tmp_path_factory):
    data = tmp_path_factory.mktemp("heavy") / "data"
    port = free_port()
    url = f"http://{HOST}:{port}/"
    room = build(data, public_url=url)
    box = start_box(data, port=port, env=dict(KIOSK_PIN=PIN, KIOSK_PUBLIC_URL=url, KIOSK_WIFI_SSID=WIFI,
                                             KIOSK_WIFI_PASSWORD="un;mot:de,passe"))
    room["url"] = f"http://127.0.0.1:{port}"
    room["server"] = KioskServer(box.process, port, box.data, output=box.output)
    yield room
    box.stop()


@pytest.mark.slow
def test_every_phase_fits_every_projector_with_a_heavy_room(browser, heavy):
    server: KioskServer = heavy["server"]
    shots = os.environ.get("KIOSK_SCREENSHOTS")
    walls = {}
    for size in SIZES:
        context = browser.new_context(base_url=server.url, locale="fr-FR", viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        page.goto("/wall")
        expect(page.locator("#status")).to_have_attribute("data-kind", "ok")
        walls[size] = page
    phone = None
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        phone = browser.new_context(base_url=server.url, locale="fr-FR", viewport=PHONE, device_scale_factor=1).new_page()
        phone.goto("/")
        phone.locator("#name").fill("Chloé 🌱")
        phone.locator("#join-form button[type=submit]").click()
        expect(phone.locator("#status")).to_have_attribute("data-kind", "ok")
    boss = server.facilitator()
    problems: list[str] = []
    qr_sizes: dict[tuple, set] = {size: set() for size in SIZES}
    try:
        command(boss, "programme.next", {})  # a step and its countdown in the header from the start
        only = set(filter(None, os.environ.get("KIOSK_SCENES", "").split(",")))
        for scene in SCENES:
            if only and scene.name not in only:
                continue
            scene.setup(boss, heavy)
            state = server.state()
            assert state["phase"] == scene.phase, scene.name
            expected = scene.count(state) if callable(scene.count) else scene.count
            for size, page in walls.items():
                where = f"{scene.name} at {size[0]}×{size[1]}"
                try:
                    page.wait_for_function("(args) => document.querySelectorAll(args[0]).length === args[1]",
                                           arg=[scene.items, expected], timeout=60_000)
                except PlaywrightTimeout:
                    shown = page.evaluate("(selector) => document.querySelectorAll(selector).length", scene.items)
                    raise AssertionError(f"{where}: {shown} of {expected} items {scene.items} after 60 s") from None
                _settled(page)
                pages = page.evaluate(PAGES, scene.items)
                assert 5 <= pages["seconds"] <= 12, pages
                for number, shown in enumerate(pages["seen"], 1):
                    _settled(page)
                    found = page.evaluate(CHECK)
                    problems += [f"{where} ({pages['pages']} pages): {p}" for p in found["problems"]]
                    if shown == pages["seen"][0]:
                        qr_sizes[size].add(tuple(found["qr"]))
                        assert found["qr"][1] >= 0.18 * size[1], (where, found["qr"])
                        assert found["url"] == server.url.rstrip("/") and found["urlWhole"], (where, found)
                    if number == 1:
                        png = page.locator("#join-qr").screenshot()
                        assert _decode(png) == server.url, f"{where}: the join QR code does not read"
                        if shots and size in SHOT_SIZES:
                            _picture(page.screenshot(animations="disabled"), Path(shots) / f"wall-{scene.name}-{size[0]}x{size[1]}.png")
                missing = set(range(expected)) - {n for shown in pages["seen"] for n in shown}
                assert not missing, f"{where}: items {sorted(missing)} are on no page"
                if scene.full:
                    problems += [f"{where}: {p}" for p in _not_full(pages["boxes"])]
            if phone is not None:
                _settled(phone)
                _picture(phone.screenshot(animations="disabled"), Path(shots) / f"phone-{scene.name}.png")
    finally:
        boss.disconnect()
        for page in walls.values():
            page.context.close()
        if phone is not None:
            phone.context.close()
    assert not problems, "\n".join(dict.fromkeys(problems))
    assert all(len(found) == 1 for found in qr_sizes.values()), f"the join QR code changes size: {qr_sizes}"
