"""`kiosk bench`: what a full room does to the box, in figures, each beside its target.

The room: a box started as its own process on loopback (`kiosk serve`, temporary data dir), one
wall (no token), one facilitator and N phones, all lean Socket.IO clients over WebSocket
(kiosk/leanclient.py: the phones must cost the machine little beside the box they measure).
The burst a workshop makes: every phone joins (HTTP, then its socket), proposes an issue; the
facilitator opens a dots vote; every phone casts its three dots (two on one issue, one on
another); every phone posts a commitment. Within each step every phone acts at a random moment
of a `spread`-second window, as people in a room do, and a few phones send a command a second
time under the same key, as a phone's outbox does after a reconnection.

Measured: connect time; acknowledgement latency; wall-update latency (from a phone's command to
the wall's matching event); commands lost or duplicated (the final `GET /api/state` and the
facilitator's snapshot against every acknowledgement); the server's peak RSS and CPU seconds
(/proc); durable writes per second and the store's flushes (the box's `KIOSK STOPPED` line).

`--store` measures the store alone against TinyDB's stock JSONStorage: durable single-record
inserts per second at 1k, 5k and 10k records, ours with concurrent writers (group commit), the
stock one sequentially (it rewrites the whole file at each insert).

The clients run on aiohttp, which comes with the `bench` and `test` extras; it is imported only
when a bench runs.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import platform
import random
import resource
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from .boxprocess import BoxProcess, start_box

PIN = "135790"
DEFAULT_PHONES = 200
DEFAULT_SPREAD_S = 10.0
CALL_TIMEOUT_S = 30.0
RUN_TIMEOUT_S = 600.0
REPLAY_SHARE = 0.05  # phones that send their commitment twice under one key (an outbox after a reconnection)
STORE_SIZES = (1000, 5000, 10000)
STORE_WRITERS = 50


# What phones type: a room's issues and commitments repeat themes (and so link to each other on
# the console), each text made unique by a number (numbers are no key words).
ISSUES = (
    "Mobilité des jeunes vers les emplois de la zone", "Logement des saisonniers", "Accès aux soins en milieu rural",
    "Commerces de proximité qui ferment", "Transition agricole et circuits courts", "Isolement des personnes âgées",
    "Tiers-lieux et vie associative", "Rénovation énergétique des logements anciens", "Garde des jeunes enfants",
    "Fracture numérique des habitants", "Eau et sécheresse des cultures", "Tourisme durable dans la vallée",
)
COMMITMENTS = (
    "Je réunis trois voisins autour d'un jardin partagé", "J'organise un covoiturage pour aller au marché",
    "Je propose un atelier numérique à la médiathèque", "Je contacte la mairie pour un local associatif",
    "J'invite les producteurs locaux à la cantine", "Je rends visite chaque semaine à une voisine âgée",
    "Je monte une bourse aux vélos avec le club", "Je partage mes outils de bricolage dans la rue",
    "Je lance une soirée d'accueil des nouveaux habitants", "J'anime une réunion sur l'isolation des maisons",
    "Je relaie les offres d'emploi auprès des jeunes", "Je crée une liste de baby-sitters du village",
)


def run_async(make_coroutine):
    """Run a coroutine to its end from plain code, even where an event loop already runs in this
    thread (a caller inside pytest with Playwright's loop, say): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=target, name="kiosk-bench")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --- Figures ------------------------------------------------------------------------------------


def percentiles(values: list[float]) -> dict:
    """p50, p95, p99 and max (nearest rank) of `values`, in the values' unit, rounded to 0.1."""
    if not values:
        return {"count": 0, "p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, int(-(-p * len(ordered) // 100)) - 1))], 1)

    return {"count": len(ordered), "p50": rank(50), "p95": rank(95), "p99": rank(99), "max": round(ordered[-1], 1)}


@dataclass
class Target:
    """One target of the issue, and whether the figure meets it."""

    name: str
    target: str
    value: float | int | None
    ok: bool

    def as_dict(self) -> dict:
        return {"name": self.name, "target": self.target, "value": self.value, "ok": self.ok}


def room_targets(phones: int, result: dict) -> list[Target]:
    """The issue's targets for a room of `phones`: 300 ms up to 500 phones, 1 s beyond, and 1 s
    under a CPU quota (a stand-in for a slower box)."""
    limit = 300 if phones <= 500 and not result.get("cpu_quota") else 1000
    ack, wall = result["ack_ms"]["p99"], result["wall_ms"]["p99"]
    checks = result["checks"]
    return [
        Target("p99 acknowledgement (ms)", f"≤ {limit}", ack, ack is not None and ack <= limit),
        Target("p99 wall update (ms)", f"≤ {limit}", wall, wall is not None and wall <= limit),
        Target("commands not acknowledged", "0", result["commands"]["failed"], result["commands"]["failed"] == 0),
        Target("lost", "0", checks["lost"], checks["lost"] == 0),
        Target("duplicated", "0", checks["duplicated"], checks["duplicated"] == 0),
        Target("server peak RSS (MB)", "≤ 150", result["server"]["peak_rss_mb"],
               result["server"]["peak_rss_mb"] is not None and result["server"]["peak_rss_mb"] <= 150),
    ]


# --- The server's process, seen from /proc ------------------------------------------------------

class ProcessSampler:
    """Samples a process's resident memory while it runs; reads its CPU time on demand."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid = pid
        self.interval = interval
        self.peak_rss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _status(self) -> dict[str, int]:
        figures = {}
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        name, value = line.split(":", 1)
                        figures[name] = int(value.split()[0])
        except OSError:
            pass
        return figures

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        figures = self._status()
        self.peak_rss_kb = max(self.peak_rss_kb, figures.get("VmRSS", 0), figures.get("VmHWM", 0))

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the process has used so far (all its threads)."""
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def start(self) -> None:
        self.sample()
        self._thread.start()

    def stop(self) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()


# --- The box under a CPU quota ------------------------------------------------------------------

CGROUP_ROOT = Path("/sys/fs/cgroup")
CGROUP_ROOT_ENV = "KIOSK_BENCH_CGROUP_ROOT"  # another root for the cgroups (a test's fake one)
CGROUP_PERIOD_US = 100_000


class CpuQuotaError(Exception):
    """No CPU quota can be set on this machine: the message names what was tried and why not."""


@dataclass
class CpuQuota:
    """A cgroup of its own for the box, its CPU time held to `fraction` of one core."""

    path: Path
    setting: str  # what was written, as the table shows it

    def add(self, pid: int) -> None:
        """Move process `pid` (all its threads) into the cgroup."""
        (self.path / "cgroup.procs").write_text(f"{pid}\n", encoding="ascii")

    def remove(self) -> None:
        try:
            self.path.rmdir()  # a real cgroup, empty once the box stopped
        except OSError:
            pass  # a fake root's directory, or a box still exiting: left for the machine to clean


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def quota_cgroup(fraction: float, root: str | os.PathLike | None = None) -> CpuQuota:
    """A cgroup under `root` (default: $KIOSK_BENCH_CGROUP_ROOT, else /sys/fs/cgroup) with a quota of
    `fraction` of one core: cgroup v2's `cpu.max` where the cpu controller can be enabled, else
    cgroup v1's `cpu.cfs_quota_us`. Raises CpuQuotaError, naming every place tried, when neither
    is writable (not root, a container without its cgroups…)."""
    root = Path(root or os.environ.get(CGROUP_ROOT_ENV) or CGROUP_ROOT)
    quota = max(1000, round(fraction * CGROUP_PERIOD_US))
    name = f"kiosk-bench-{os.getpid()}"
    tried = []
    for base in (root, root / "unified"):
        try:
            controllers = (base / "cgroup.controllers").read_text(encoding="ascii").split()
            if "cpu" not in controllers:
                raise OSError(0, "the cpu controller is not available there")
            subtree = base / "cgroup.subtree_control"
            if "cpu" not in subtree.read_text(encoding="ascii").split():
                subtree.write_text("+cpu\n", encoding="ascii")
            group = base / name
            group.mkdir(exist_ok=True)
            (group / "cpu.max").write_text(f"{quota} {CGROUP_PERIOD_US}\n", encoding="ascii")
            return CpuQuota(group, f"cgroup v2 cpu.max = {quota} {CGROUP_PERIOD_US}")
        except OSError as error:
            tried.append(f"{base / name / 'cpu.max'} (cgroup v2): {_reason(error)}")
    for base in (root / "cpu", root / "cpu,cpuacct"):
        try:
            if not (base / "cpu.cfs_quota_us").is_file():
                raise OSError(0, "no such file")
            group = base / name
            group.mkdir(exist_ok=True)
            (group / "cpu.cfs_period_us").write_text(f"{CGROUP_PERIOD_US}\n", encoding="ascii")
            (group / "cpu.cfs_quota_us").write_text(f"{quota}\n", encoding="ascii")
            return CpuQuota(group, f"cgroup v1 cpu.cfs_quota_us = {quota} per {CGROUP_PERIOD_US} µs")
        except OSError as error:
            tried.append(f"{base / name / 'cpu.cfs_quota_us'} (cgroup v1): {_reason(error)}")
    raise CpuQuotaError("kiosk bench: --cpu-quota needs a writable cgroup, and none is here. Tried: "
                        + "; ".join(tried) + f". Run it as root on a machine with cgroups (or set {CGROUP_ROOT_ENV} "
                        "to a writable cgroup mount), or run it without --cpu-quota.")


def _raise_open_files_limit() -> None:
    """A room of phones needs a socket each, on both sides: lift the soft limit to the hard one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _stopped_line(box: BoxProcess) -> dict[str, int]:
    """`KIOSK STOPPED changes=N flushes=M`, printed by the box when it stops, as numbers."""
    for line in reversed(box.output):
        if line.startswith("KIOSK STOPPED"):
            return {k: int(v) for k, v in (part.split("=") for part in line.split()[2:])}
    return {}


# --- The room -----------------------------------------------------------------------------------

@dataclass
class Room:
    """What the clients saw, all on one clock (time.perf_counter, seconds)."""

    base_url: str
    spread: float
    rng: random.Random
    http: object = None  # the aiohttp session every client shares
    acks_ms: list[float] = field(default_factory=list)
    acks_by_command: dict[str, list[float]] = field(default_factory=dict)
    step: str = "join"  # the step under way: what the phones receive is counted under it
    received: dict[tuple[str, str], int] = field(default_factory=dict)  # (step, event) -> bytes, every phone
    connect_ms: list[float] = field(default_factory=list)
    sent: int = 0
    acknowledged: int = 0
    refused: list[dict] = field(default_factory=list)
    timed_out: int = 0
    unanswered: int = 0
    dropped: int = 0  # connections the server or the network closed during the burst
    closing: bool = False  # the bench closes its connections: not counted as dropped
    lag_ms: list[float] = field(default_factory=list)
    replays: int = 0
    replay_mismatches: int = 0
    wall_issue: dict[int, float] = field(default_factory=dict)
    wall_post: dict[int, float] = field(default_factory=dict)
    wall_tally: list[tuple[int, float]] = field(default_factory=list)
    waits: list[tuple[str, int, float]] = field(default_factory=list)  # (kind, id or seq, sent at)
    issues: dict[int, str] = field(default_factory=dict)  # acknowledged issue id -> text
    posts: dict[int, str] = field(default_factory=dict)
    dots: dict[tuple[int, int], int] = field(default_factory=dict)  # (participant, issue) -> dots

    def client(self, phone: bool = False):
        """A Socket.IO client (kiosk.leanclient); a phone's counts the bytes it receives, by step
        and by event."""
        from .leanclient import LeanClient

        return LeanClient(self.http, self.base_url, on_packet=self.count_received if phone else None,
                          on_disconnect=self._dropped)

    def count_received(self, text, name: str | None = None) -> None:
        """One Socket.IO packet as it came over the wire (its text; `name`, its event's): its bytes
        go under its event's name; acknowledgements of the phone's own commands under
        `(acknowledgements)`, anything else (the connection's acceptance) under `(connection)`."""
        if isinstance(text, str):
            size = len(text) if text.isascii() else len(text.encode("utf-8"))
            if name is None:
                name = "(acknowledgements)" if text.startswith("3") else "(connection)"
        else:
            size, name = len(text), "(connection)"
        key = (self.step, name)
        self.received[key] = self.received.get(key, 0) + size

    def _dropped(self) -> None:
        if not self.closing:
            self.dropped += 1

    async def connect(self, client, token: str | None) -> None:
        """Connect a client; return once its first `state` arrived."""
        got_state = asyncio.Event()
        client.on("state", lambda _state: got_state.set(), parse=False)
        await client.connect({"token": token} if token else None, timeout=CALL_TIMEOUT_S)
        await asyncio.wait_for(got_state.wait(), CALL_TIMEOUT_S)

    async def post_json(self, path: str, body: dict) -> dict:
        async with self.http.post(self.base_url + path, json=body) as response:
            return await response.json()

    async def command(self, client, name: str, payload: dict, key: str) -> dict:
        """Send a command as a phone's outbox does: with its key, again under the same key when no
        acknowledgement comes in time. Records the latency of the acknowledgement."""
        for _attempt in range(3):
            started = time.perf_counter()
            self.sent += 1
            try:
                answer = await client.call(name, {**payload, "key": key}, timeout=CALL_TIMEOUT_S)
            except Exception:  # noqa: BLE001 - a timeout or a dropped socket: the outbox sends again
                self.timed_out += 1
                continue
            latency = (time.perf_counter() - started) * 1000
            self.acks_ms.append(latency)
            self.acks_by_command.setdefault(name, []).append(latency)
            if answer.get("ok"):
                self.acknowledged += 1
            else:
                self.refused.append({"command": name, **answer})
            answer["_sent_at"] = started
            return answer
        self.unanswered += 1
        return {"ok": False, "code": "timeout"}

    def on_wall(self, wall) -> None:
        def issue_proposed(event):
            self.wall_issue.setdefault(event["issue"]["id"], time.perf_counter())

        def wall_posted(event):
            self.wall_post.setdefault(event["post"]["id"], time.perf_counter())

        def tally_updated(event):
            self.wall_tally.append((event["seq"], time.perf_counter()))

        wall.on("issue.proposed", issue_proposed)
        wall.on("wall.posted", wall_posted)
        wall.on("tally.updated", tally_updated)

    def wall_latencies(self) -> tuple[dict[str, list[float]], int]:
        """Milliseconds from each command to the wall's matching event, by kind of event; and how
        many never came. A cast is matched by the first `tally.updated` whose seq is ≥ its ack's."""
        found: dict[str, list[float]] = {"issue": [], "tally": [], "post": []}
        missing = 0
        tally = sorted(self.wall_tally)
        seqs = [seq for seq, _ in tally]
        for kind, ref, sent_at in self.waits:
            if kind == "tally":
                at = bisect_left(seqs, ref)
                seen = tally[at][1] if at < len(tally) else None
            else:
                seen = (self.wall_issue if kind == "issue" else self.wall_post).get(ref)
            if seen is None:
                missing += 1
            else:
                found[kind].append(max(0.0, seen - sent_at) * 1000)
        return found, missing

    async def watch_lag(self, every: float = 0.05) -> None:
        """How late this process's own event loop runs: when the phones' side is saturated, every
        latency measured here is late by as much, whatever the box does."""
        while True:
            started = time.perf_counter()
            await asyncio.sleep(every)
            self.lag_ms.append(max(0.0, time.perf_counter() - started - every) * 1000)

    async def pause(self, low: float = 0.0, high: float | None = None) -> None:
        await asyncio.sleep(self.rng.uniform(low, self.spread if high is None else high))


@functools.lru_cache(maxsize=64)
def _issue_ids(packet: str) -> frozenset[int]:
    """The ids of the issues an `issues.proposed` packet (its JSON text) carries. Every phone
    receives the same text of a gathered batch: it is decoded once for all of them."""
    return frozenset(issue["id"] for issue in json.loads(packet)[1]["issues"])


class Phone:
    """One simulated phone: joins, proposes, casts its dots, posts a commitment."""

    def __init__(self, room: Room, index: int):
        self.room = room
        self.index = index
        self.name = f"Phone {index:04d}"
        self.client = room.client(phone=True)
        self.participant_id: int | None = None
        self.vote_opened = asyncio.Event()
        self.client.on("vote.opened", lambda _event: self.vote_opened.set(), parse=False)
        self.issue_ids: set[int] = set()  # what this phone's list of issues holds, from its events
        self.issue_messages = 0
        self.client.on("issues.proposed", self._issues_proposed, parse=_issue_ids)
        self._keys = 0

    def _issues_proposed(self, ids: frozenset[int]) -> None:
        self.issue_messages += 1
        self.issue_ids.update(ids)

    def key(self) -> str:
        self._keys += 1
        return f"bench-{self.index}-{self._keys}"

    async def join(self) -> None:
        await self.room.pause()
        started = time.perf_counter()
        try:
            answer = await self.room.post_json("/api/join", {"name": self.name})
            if not answer.get("ok"):
                self.room.refused.append({"command": "participant.join", **answer})
                return
            await self.room.connect(self.client, answer["token"])
        except Exception as error:  # noqa: BLE001 - counted, shown in the JSON
            self.room.refused.append({"command": "participant.join", "ok": False, "code": type(error).__name__,
                                      "error": str(error)[:200]})
            return
        self.participant_id = answer["participant"]["id"]
        self.room.connect_ms.append((time.perf_counter() - started) * 1000)

    async def propose(self) -> None:
        await self.room.pause()
        text = f"{self.room.rng.choice(ISSUES)} (n° {self.index})"
        answer = await self.room.command(self.client, "issue.propose", {"text": text}, self.key())
        if answer.get("ok"):
            self.room.issues[answer["issue"]["id"]] = text
            self.room.waits.append(("issue", answer["issue"]["id"], answer["_sent_at"]))

    async def vote(self, issue_ids: list[int]) -> None:
        try:
            await asyncio.wait_for(self.vote_opened.wait(), CALL_TIMEOUT_S)
        except asyncio.TimeoutError:  # its connection dropped (counted apart): the room goes on without it
            self.room.refused.append({"command": "vote.cast", "ok": False, "code": "no_vote_opened",
                                      "error": f"no vote.opened within {CALL_TIMEOUT_S:g} s"})
            return
        first, second = self.room.rng.sample(issue_ids, 2)
        await self.room.pause()
        for issue_id, dots in ((first, 2), (second, 1)):
            answer = await self.room.command(self.client, "vote.cast", {"issue_id": issue_id, "dots": dots}, self.key())
            if answer.get("ok"):
                self.room.dots[(self.participant_id, issue_id)] = dots
                self.room.waits.append(("tally", answer["seq"], answer["_sent_at"]))
            await self.room.pause(0.2, 1.5)

    async def post(self) -> None:
        await self.room.pause()
        text = f"{self.room.rng.choice(COMMITMENTS)} (n° {self.index})"
        key = self.key()
        answer = await self.room.command(self.client, "wall.post", {"text": text}, key)
        if not answer.get("ok"):
            return
        self.room.posts[answer["post"]["id"]] = text
        self.room.waits.append(("post", answer["post"]["id"], answer["_sent_at"]))
        if self.room.rng.random() < REPLAY_SHARE:
            again = await self.room.command(self.client, "wall.post", {"text": text}, key)
            self.room.replays += 1
            self.room.acknowledged -= 1  # the same command, answered again: not a second write
            if again.get("post", {}).get("id") != answer["post"]["id"]:
                self.room.replay_mismatches += 1


def _check(expected: dict[int, str], listed: list[dict], what: str) -> dict:
    """Every acknowledged item listed exactly once (by id and by text); nothing of ours added."""
    ours = set(expected.values())
    by_text: dict[str, int] = {}
    ids = [item["id"] for item in listed if item["text"] in ours]
    for item in listed:
        if item["text"] in ours:
            by_text[item["text"]] = by_text.get(item["text"], 0) + 1
    lost = sum(1 for item_id, text in expected.items() if item_id not in ids or text not in by_text)
    duplicated = sum(n - 1 for n in by_text.values() if n > 1) + (len(ids) - len(set(ids)))
    return {"what": what, "acknowledged": len(expected), "found": len(set(ids)), "lost": lost, "duplicated": duplicated}


def check_final_state(room: Room, public: dict, console: dict, participants: dict[int, str],
                      phones_lists: list[set[int]] | None = None) -> dict:
    """Compare the final snapshots with every acknowledgement the phones got (and, given the
    issues each phone's list received live, check that every phone got every issue)."""
    results = [
        _check(participants, [{"id": p["id"], "text": p["name"]} for p in public["participants"]], "participants"),
        _check(room.issues, public["issues"], "issues (public)"),
        _check(room.issues, console["issues"], "issues (console)"),
        _check(room.posts, public["wall"], "posts (wall)"),
        _check(room.posts, console["posts"], "posts (console)"),
    ]
    expected_dots: dict[int, int] = {}
    for (_, issue_id), dots in room.dots.items():
        expected_dots[issue_id] = expected_dots.get(issue_id, 0) + dots
    counted = {r["issue_id"]: r["dots"] for r in (public.get("vote") or {}).get("results", [])}
    dots_lost = sum(max(0, n - counted.get(i, 0)) for i, n in expected_dots.items())
    dots_extra = sum(max(0, counted.get(i, 0) - expected_dots.get(i, 0)) for i in counted)
    results.append({"what": "dots", "acknowledged": sum(expected_dots.values()), "found": sum(counted.values()),
                    "lost": dots_lost, "duplicated": dots_extra})
    if phones_lists is not None:
        expected = set(room.issues)
        seen = sum(len(expected & ids) for ids in phones_lists)
        results.append({"what": "issues on every phone (live)", "acknowledged": len(expected) * len(phones_lists),
                        "found": seen, "lost": len(expected) * len(phones_lists) - seen, "duplicated": 0})
    return {"lost": sum(r["lost"] for r in results),
            "duplicated": sum(r["duplicated"] for r in results) + room.replay_mismatches,
            "details": results}


async def _play(room: Room, count: int, sampler: ProcessSampler, progress) -> dict:
    import aiohttp

    marks: dict[str, float] = {}

    def mark(step: str, what: str, following: str) -> None:
        marks[step] = time.perf_counter()
        room.step = following
        progress(f"  {what} at {marks[step] - marks['start']:.1f} s "
                 f"(server CPU {sampler.cpu_seconds() - cpu_before:.1f} s so far, {room.dropped} connections dropped, "
                 f"phones' loop lag up to {max(room.lag_ms, default=0):.0f} ms)")

    # One HTTP session for every client, without cookies: each phone is its own participant.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar(),
                                     connector=aiohttp.TCPConnector(limit=0)) as http:
        room.http = http
        phones = [Phone(room, index) for index in range(count)]
        wall = room.client()
        room.on_wall(wall)
        await room.connect(wall, None)
        login = await room.post_json("/api/facilitator", {"pin": PIN})
        console = room.client()
        await room.connect(console, login["token"])

        async def connected_console():
            nonlocal console
            if not console.connected:  # the console's laptop reconnects, as the page does
                console = room.client()
                await room.connect(console, login["token"])
            return console

        async def facilitate(name: str, payload: dict) -> dict:
            answer = await (await connected_console()).call(name, payload, timeout=CALL_TIMEOUT_S)
            if not answer.get("ok"):
                raise RuntimeError(f"the facilitator's {name} was refused: {answer}")
            return answer

        lag = asyncio.ensure_future(room.watch_lag())
        cpu_before = sampler.cpu_seconds()
        own_before = time.process_time()
        marks["start"] = time.perf_counter()
        await facilitate("phase.set", {"phase": "issues"})
        await asyncio.gather(*(phone.join() for phone in phones))
        mark("joined", f"{sum(1 for p in phones if p.participant_id)} phones joined", "propose")
        await asyncio.gather(*(phone.propose() for phone in phones if phone.participant_id))
        mark("proposed", f"{len(room.issues)} issues proposed", "vote")
        await facilitate("phase.set", {"phase": "vote"})
        vote = await facilitate("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})
        issue_ids = vote["vote"]["issue_ids"]
        await asyncio.gather(*(phone.vote(issue_ids) for phone in phones if phone.participant_id))
        mark("voted", f"{len(room.dots)} ballots cast", "post")
        await facilitate("phase.set", {"phase": "wall"})
        await asyncio.gather(*(phone.post() for phone in phones if phone.participant_id))
        mark("posted", f"{len(room.posts)} commitments posted", "end")
        lag.cancel()
        burst_s = marks["posted"] - marks["start"]
        cpu_s = sampler.cpu_seconds() - cpu_before
        own_cpu_s = time.process_time() - own_before
        await asyncio.sleep(1.0)  # the last coalesced tally and the last wall events
        got: dict = {}
        (await connected_console()).on("state", lambda state: got.setdefault("console", state))
        await facilitate("state.get", {})
        for _ in range(100):
            if "console" in got:
                break
            await asyncio.sleep(0.05)
        async with http.get(room.base_url + "/api/state") as response:
            public = await response.json()
        room.closing = True
        await asyncio.gather(*(client.disconnect() for client in (*[p.client for p in phones], wall, console)))
    return {"marks": marks, "burst_s": burst_s, "cpu_s": cpu_s, "own_cpu_s": own_cpu_s,
            "participants": {p.participant_id: p.name for p in phones if p.participant_id},
            "phones_lists": [p.issue_ids for p in phones if p.participant_id],
            "issue_messages": [p.issue_messages for p in phones if p.participant_id],
            "public": public, "console": got.get("console") or {"issues": [], "posts": []}}


def run_room(phones: int = DEFAULT_PHONES, spread: float = DEFAULT_SPREAD_S, seed: int = 8,
             progress=lambda line: None, quota: CpuQuota | None = None, then=None) -> dict:
    """Start a box (in the cgroup of `quota`, when given), play the burst with `phones` phones,
    stop the box; return every figure.

    `progress(line)` hears how the burst goes, step by step; `then(data_dir)`, given, runs on the
    workshop just played once the box stopped (`--export`: benchexport.measure_all), its result under
    the key "then"."""
    _raise_open_files_limit()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        box = start_box(Path(tmp) / "data", env={"KIOSK_PIN": PIN, "KIOSK_PUBLIC_URL": "http://127.0.0.1/"})
        if quota is not None:
            try:
                quota.add(box.pid)
            except OSError as error:
                box.stop()
                raise CpuQuotaError(f"kiosk bench: the box could not join {quota.path}: {_reason(error)}") from error
        sampler = ProcessSampler(box.pid)
        sampler.start()
        try:
            room = Room(box.base_url, spread, random.Random(seed))
            played = run_async(lambda: asyncio.wait_for(_play(room, phones, sampler, progress), RUN_TIMEOUT_S))
        finally:
            sampler.stop()
            box.stop()
        stopped = _stopped_line(box)
        after = then(Path(tmp) / "data") if then is not None else None
    wall_ms, wall_missing = room.wall_latencies()
    checks = check_final_state(room, played["public"], played["console"], played["participants"],
                               played["phones_lists"])
    batches = played["issue_messages"]
    marks = played["marks"]
    joins = len(played["participants"])
    writes = room.acknowledged + joins
    burst = played["burst_s"]
    commands = room.sent + joins  # every command the box answered, a join counting as one
    result = {
        "kind": "room",
        "phones": phones,
        "spread_s": spread,
        "cpu_quota": quota.setting if quota is not None else None,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "burst_s": round(burst, 2),
        "steps_s": {step: round(marks[step] - marks[before], 2) for before, step in
                    (("start", "joined"), ("joined", "proposed"), ("proposed", "voted"), ("voted", "posted"))},
        "connect_ms": percentiles(room.connect_ms),
        "ack_ms": percentiles(room.acks_ms),
        "ack_ms_by_command": {name: percentiles(values) for name, values in sorted(room.acks_by_command.items())},
        "wall_ms": {**percentiles([ms for kind in wall_ms.values() for ms in kind]), "missing": wall_missing,
                    "by_event": {name: percentiles(wall_ms[kind]) for kind, name in
                                 (("issue", "issue.proposed"), ("tally", "tally.updated"), ("post", "wall.posted"))}},
        "commands": {"sent": room.sent, "acknowledged": room.acknowledged, "replayed": room.replays,
                     "refused": len(room.refused), "timed_out": room.timed_out,
                     "unanswered": room.unanswered, "failed": len(room.refused) + room.unanswered,
                     "refusals": room.refused[:5]},
        "dropped_connections": room.dropped,
        "lost": checks["lost"],
        "duplicated": checks["duplicated"],
        "checks": checks,
        "issue_messages_per_phone": round(sum(batches) / len(batches), 1) if batches else None,
        "server": {"peak_rss_mb": round(sampler.peak_rss_kb / 1024, 1), "cpu_s": round(played["cpu_s"], 2),
                   "cpu_ms_per_command": round(played["cpu_s"] * 1000 / commands, 2) if commands else None,
                   "commands": commands, "flushes": stopped.get("flushes"), "changes": stopped.get("changes")},
        "received_kb_per_phone": _received_per_phone(room.received, joins),
        "bench_cpu_s": round(played["own_cpu_s"], 2),
        "bench_lag_ms": percentiles(room.lag_ms),
        "durable_writes_per_s": round(writes / burst, 1) if burst else None,
        "flushes_per_s": round(stopped["flushes"] / burst, 1) if burst and "flushes" in stopped else None,
    }
    targets = room_targets(phones, result)
    result["targets"] = [t.as_dict() for t in targets]
    result["ok"] = all(t.ok for t in targets)
    if after is not None:
        result["then"] = after
    return result


def _received_per_phone(received: dict[tuple[str, str], int], phones: int) -> dict:
    """What each phone received, on average, in kB: in all, by event type, by step (and by event
    type within each step)."""
    def kb(total: int) -> float:
        return round(total / 1024 / phones, 2) if phones else 0.0

    by_event: dict[str, int] = {}
    by_step: dict[str, dict[str, int]] = {}
    for (step, event), size in received.items():
        by_event[event] = by_event.get(event, 0) + size
        by_step.setdefault(step, {})[event] = size
    return {"total": kb(sum(by_event.values())),
            "by_event": {event: kb(size) for event, size in sorted(by_event.items(), key=lambda item: -item[1])},
            "by_step": {step: {"total": kb(sum(events.values())),
                               "by_event": {event: kb(size) for event, size in sorted(events.items())}}
                        for step, events in by_step.items()}}


# --- The store alone ----------------------------------------------------------------------------

def _record(n: int) -> dict:
    """A record the size of a commitment on the wall."""
    return {"text": f"Je m'engage à réunir les acteurs du quartier, étape {n}.", "author": n % 500,
            "group_id": None, "family_id": "mobilite", "share_contact": False, "status": "shown",
            "pinned": False, "created": 1767225600.0 + n}


def _ours_per_s(path: Path, size: int, inserts: int, seconds: float, writers: int) -> tuple[float, int]:
    from .store import Store

    store = Store(path)
    store.write(lambda db: (db.table("posts").insert_multiple(_record(n) for n in range(size)), []))
    done = [0] * writers
    deadline = time.perf_counter() + seconds
    per_writer = max(1, inserts // writers)

    def writer(slot: int) -> None:
        for n in range(per_writer):
            if time.perf_counter() > deadline:
                return
            store.write(lambda db, n=n: (db.table("posts").insert(_record(size + slot * per_writer + n)), []))
            done[slot] += 1

    flushes = store.flushes
    started = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(slot,)) for slot in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(done) / elapsed, store.flushes - flushes


def _stock_per_s(path: Path, size: int, inserts: int, seconds: float) -> float:
    from tinydb import TinyDB

    with TinyDB(path) as db:  # the default: JSONStorage, which rewrites the whole file at each insert
        db.table("posts").insert_multiple(_record(n) for n in range(size))
        table = db.table("posts")
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        done = 0
        while done < inserts and time.perf_counter() < deadline:
            table.insert(_record(size + done))
            done += 1
        return done / (time.perf_counter() - started)


def run_store(sizes=STORE_SIZES, ours_inserts: int = 5000, stock_inserts: int = 300, seconds: float = 5.0,
              writers: int = STORE_WRITERS) -> dict:
    """Durable single-record inserts per second, ours against stock TinyDB, at each size."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-store-") as tmp:
        for size in sizes:
            ours, flushes = _ours_per_s(Path(tmp) / f"ours-{size}.json", size, ours_inserts, seconds, writers)
            stock = _stock_per_s(Path(tmp) / f"stock-{size}.json", size, stock_inserts, seconds)
            rows.append({"records": size, "ours_per_s": round(ours, 1), "stock_per_s": round(stock, 1),
                         "ratio": round(ours / stock, 1) if stock else None, "ours_flushes": flushes})
    largest = rows[-1]
    targets = [Target(f"ours / stock at {largest['records']} records", "≥ 20", largest["ratio"],
                      largest["ratio"] is not None and largest["ratio"] >= 20)]
    return {"kind": "store", "writers": writers, "cpus": os.cpu_count(), "sizes": rows,
            "targets": [t.as_dict() for t in targets], "ok": all(t.ok for t in targets)}


# --- Report -------------------------------------------------------------------------------------

def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("✓ pass" if ok else "✗ MISS")


def _table(rows: list[tuple[str, str, str, bool | None]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + _mark(row[3]))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _trio(figures: dict) -> str:
    return " / ".join("–" if figures[p] is None else f"{figures[p]:g}" for p in ("p50", "p95", "p99")) + " ms"


def format_room(result: dict) -> str:
    targets = {t["name"]: t for t in result["targets"]}
    commands, server, checks = result["commands"], result["server"], result["checks"]
    received = result["received_kb_per_phone"]

    def target(name: str) -> tuple[str, bool]:
        return targets[name]["target"], targets[name]["ok"]

    ack_target, ack_ok = target("p99 acknowledgement (ms)")
    wall_target, wall_ok = target("p99 wall update (ms)")
    flushes = server["flushes"]
    per_flush = f", {server['changes'] / flushes:.1f} changes per flush" if flushes else ""
    rows = [
        ("measure", "figure", "target", None),
        ("connect (join + socket + state) p50/p95/p99", _trio(result["connect_ms"]), "", None),
        ("acknowledgement p50/p95/p99", _trio(result["ack_ms"]), f"p99 {ack_target} ms", ack_ok),
        *((f"  {name} p50/p95/p99", _trio(figures), "", None)
          for name, figures in result["ack_ms_by_command"].items() if name == "vote.cast"),
        ("wall update p50/p95/p99", _trio(result["wall_ms"]) +
         (f" ({result['wall_ms']['missing']} never seen)" if result["wall_ms"]["missing"] else ""),
         f"p99 {wall_target} ms", wall_ok),
        *((f"  {name} p50/p95/p99", _trio(figures), "", None)
          for name, figures in result["wall_ms"]["by_event"].items()),
        ("commands acknowledged", f"{commands['acknowledged']} (+{commands['replayed']} replayed)", "", None),
        ("messages carrying new issues, per phone", f"{result['issue_messages_per_phone']:g} for "
         f"{checks['details'][1]['acknowledged']} issues", "", None),
        ("connections dropped during the burst", str(result["dropped_connections"]), "", None),
        ("commands not acknowledged", str(commands["failed"]), "0", commands["failed"] == 0),
        ("lost", str(checks["lost"]), "0", checks["lost"] == 0),
        ("duplicated", str(checks["duplicated"]), "0", checks["duplicated"] == 0),
        ("server peak RSS", f"{server['peak_rss_mb']:g} MB", "≤ 150 MB", targets["server peak RSS (MB)"]["ok"]),
        ("server CPU", f"{server['cpu_s']:g} s in a {result['burst_s']:g} s burst", "", None),
        ("server CPU per command", f"{server['cpu_ms_per_command']:g} ms ({server['commands']} commands)", "", None),
        ("received per phone", f"{received['total']:g} kB", "", None),
        *((f"  {event}", f"{kb:g} kB", "", None) for event, kb in received["by_event"].items()),
        *((f"  step {step}", f"{figures['total']:g} kB", "", None) for step, figures in received["by_step"].items()),
        ("durable writes", f"{result['durable_writes_per_s']:g}/s, {flushes} flushes{per_flush}", "", None),
        ("the phones' side: CPU, loop lag p50/p95/p99",
         f"{result['bench_cpu_s']:g} s; " + _trio(result["bench_lag_ms"]), "", None),
    ]
    head = (f"kiosk bench: {result['phones']} phones, 1 wall, 1 facilitator; each step spread over "
            f"{result['spread_s']:g} s; {result['cpus']} CPUs"
            + (f"; the box under a CPU quota ({result['cpu_quota']})" if result["cpu_quota"] else ""))
    return head + "\n\n" + _table(rows) + "\n\n" + ("every target met" if result["ok"] else "TARGET MISSED")


def format_store(result: dict) -> str:
    rows = [("records", "ours (durable inserts/s)", "stock TinyDB (inserts/s)", None)]
    target = result["targets"][0]
    for row in result["sizes"]:
        last = row is result["sizes"][-1]
        ratio = f"{row['stock_per_s']:g}  → {row['ratio']:g}×" + (f"  (target {target['target']}×)" if last else "")
        rows.append((str(row["records"]), f"{row['ours_per_s']:g}  ({row['ours_flushes']} flushes)", ratio,
                     target["ok"] if last else None))
    head = f"kiosk bench --store: {result['writers']} concurrent writers against sequential stock inserts"
    return head + "\n\n" + _table(rows)


def run_cli(phones: int = DEFAULT_PHONES, json_path: str | None = None, store: bool = False, *,
            spread: float = DEFAULT_SPREAD_S, cpu_quota: float | None = None, cgroup_root: str | None = None,
            store_sizes=STORE_SIZES, store_seconds: float = 5.0,
            export: bool = False, export_size: int | None = None) -> int:
    """`kiosk bench`: run, print the table, write the JSON; exit 1 when a target was missed, 2 when
    it cannot run (no bench extra, too few phones, no writable cgroup for `cpu_quota`).

    `cpu_quota`: the box's share of one core (see `quota_cgroup`, whose root `cgroup_root` names);
    `store_sizes` and `store_seconds` let a test run it small. `export` times `kiosk export` of the
    workshop played; `export_size` that of a generated one instead of a room."""
    if export_size is not None:
        from . import benchexport

        result = benchexport.generated(export_size)
        print(benchexport.format_export(result))
        result["ok"] = all(t["ok"] for t in result["targets"])
    elif store:
        result = run_store(store_sizes, seconds=store_seconds)
        print(format_store(result))
    else:
        try:
            import aiohttp  # noqa: F401
        except ImportError:
            print("kiosk bench: the simulated phones need the bench extra: pip install -e '.[bench]'", file=sys.stderr)
            return 2
        if phones < 2:
            print("kiosk bench: --phones must be at least 2", file=sys.stderr)
            return 2
        quota = None
        if cpu_quota is not None:
            try:
                quota = quota_cgroup(cpu_quota, cgroup_root)
            except CpuQuotaError as error:
                print(error, file=sys.stderr)
                return 2
        print(f"kiosk bench: starting a box and {phones} phones…", flush=True)
        then = None
        if export:
            from . import benchexport

            then = benchexport.measure_all
        try:
            result = run_room(phones, spread, progress=lambda line: print(line, flush=True), quota=quota, then=then)
        except CpuQuotaError as error:
            print(error, file=sys.stderr)
            return 2
        finally:
            if quota is not None:
                quota.remove()
        print(format_room(result))
        if export:
            print("\n" + benchexport.format_export(result["then"]))
            result["ok"] = result["ok"] and all(t["ok"] for t in result["then"]["targets"])
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1
