"""`kiosk bench` keeps working: a small room and a small store run end to end, and their JSON
holds every figure. Speed is the benchmark's business, not asserted here: only what must hold
at any speed (nothing lost, nothing duplicated, every command answered)."""

from __future__ import annotations

import json
import os

import pytest

from kiosk import bench, cli

PERCENTILES = {"count", "p50", "p95", "p99", "max"}


def test_a_small_room_loses_nothing_and_duplicates_nothing(tmp_path, capsys):
    out = tmp_path / "room.json"
    code = bench.run_cli(20, str(out), spread=1.5)
    result = json.loads(out.read_text(encoding="utf-8"))

    assert result["kind"] == "room" and result["phones"] == 20
    assert result["lost"] == result["duplicated"] == 0
    assert result["checks"]["lost"] == result["checks"]["duplicated"] == 0
    assert {check["what"] for check in result["checks"]["details"]} >= {
        "participants", "issues (public)", "issues (console)", "posts (wall)", "posts (console)", "dots",
        "issues on every phone (live)"}
    assert result["commands"]["failed"] == 0
    # 20 phones: a proposal, two casts and a commitment each, every one acknowledged.
    assert result["commands"]["acknowledged"] == 80
    for figures in (result["connect_ms"], result["ack_ms"], result["wall_ms"]):
        assert set(figures) >= PERCENTILES
    assert set(result["wall_ms"]["by_event"]) == {"issue.proposed", "tally.updated", "wall.posted"}
    assert result["wall_ms"]["missing"] == 0 and result["wall_ms"]["count"] == 80
    assert result["ack_ms_by_command"]["vote.cast"]["count"] == 40
    server = result["server"]
    assert server["peak_rss_mb"] > 0 and server["cpu_s"] > 0
    assert server["commands"] == 100 and server["cpu_ms_per_command"] == round(server["cpu_s"] * 1000 / 100, 2)
    received = result["received_kb_per_phone"]
    assert {"state", "issues.proposed", "vote.opened", "ballot.updated", "(acknowledgements)"} <= set(received["by_event"])
    assert {"join", "propose", "vote", "post"} <= set(received["by_step"])
    assert received["total"] == pytest.approx(sum(received["by_event"].values()), abs=0.1)
    assert "tally.updated" not in received["by_event"]  # the live tally goes to the screens, not the phones
    assert server["changes"] >= 100 and 1 <= server["flushes"] <= server["changes"]
    assert result["durable_writes_per_s"] > 0
    assert [target["name"] for target in result["targets"]] == [
        "p99 acknowledgement (ms)", "p99 wall update (ms)", "commands not acknowledged", "lost", "duplicated",
        "server peak RSS (MB)"]
    assert all(set(target) == {"name", "target", "value", "ok"} for target in result["targets"])
    assert code == (0 if result["ok"] else 1)

    table = capsys.readouterr().out
    assert "p99 ≤ 300 ms" in table and "≤ 150 MB" in table  # each target beside its figure
    assert "vote.cast p50/p95/p99" in table and "server CPU per command" in table and "received per phone" in table


def test_the_store_bench_compares_durable_inserts_with_stock_tinydb(tmp_path, capsys):
    out = tmp_path / "store.json"
    code = bench.run_cli(json_path=str(out), store=True, store_sizes=(100, 300), store_seconds=0.5)
    result = json.loads(out.read_text(encoding="utf-8"))

    assert result["kind"] == "store"
    assert [row["records"] for row in result["sizes"]] == [100, 300]
    for row in result["sizes"]:
        assert row["ours_per_s"] > 0 and row["stock_per_s"] > 0 and row["ours_flushes"] >= 1
        # The rates are kept rounded to 0.1 and the ratio is taken before rounding them (a stock
        # rate of 45.7 may have been 45.66): read back from them, it is right within 1 %.
        assert row["ratio"] == pytest.approx(row["ours_per_s"] / row["stock_per_s"], rel=0.01, abs=0.05)
    assert result["targets"][0]["name"] == "ours / stock at 300 records"
    assert code == (0 if result["ok"] else 1)
    assert "×" in capsys.readouterr().out


def test_the_command_line_passes_its_options_to_the_bench(monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "run_cli", lambda *args, **options: calls.append((args, options)) or 0)
    assert cli.main(["bench", "--phones", "7", "--json", "out.json", "--store"]) == 0
    assert cli.main(["bench"]) == 0
    assert cli.main(["bench", "--spread", "2", "--cpu-quota", "0.25"]) == 0
    assert calls == [((7, "out.json", True), {"spread": 10.0, "cpu_quota": None}),
                     ((200, None, False), {"spread": 10.0, "cpu_quota": None}),
                     ((200, None, False), {"spread": 2.0, "cpu_quota": 0.25})]


@pytest.mark.parametrize("option, value, message", [
    ("--spread", "soon", "--spread takes a number"), ("--spread", "0", "--spread must be from 0.1 to 600"),
    ("--spread", "nan", "--spread must be from"), ("--cpu-quota", "-1", "--cpu-quota must be from 0.01 to 64"),
    ("--cpu-quota", "a quarter", "--cpu-quota takes a number")])
def test_the_command_line_refuses_a_bad_spread_or_quota(option, value, message, capsys, monkeypatch):
    monkeypatch.setattr(bench, "run_cli", lambda *args, **options: pytest.fail("the bench ran"))
    with pytest.raises(SystemExit) as exit_:
        cli.main(["bench", option, value])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_a_cpu_quota_is_written_to_cgroup_v2_then_v1(tmp_path):
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cgroup.controllers").write_text("cpuset cpu io memory\n")
    (v2 / "cgroup.subtree_control").write_text("\n")
    quota = bench.quota_cgroup(0.25, v2)
    assert quota.path.parent == v2 and (quota.path / "cpu.max").read_text() == "25000 100000\n"
    assert (v2 / "cgroup.subtree_control").read_text() == "+cpu\n"
    quota.add(4242)
    assert (quota.path / "cgroup.procs").read_text() == "4242\n"
    assert quota.setting == "cgroup v2 cpu.max = 25000 100000"

    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    quota = bench.quota_cgroup(1.5, v1)
    assert quota.path.parent == v1 / "cpu"
    assert (quota.path / "cpu.cfs_quota_us").read_text() == "150000\n"
    assert (quota.path / "cpu.cfs_period_us").read_text() == "100000\n"


def test_without_a_writable_cgroup_the_quota_says_what_it_tried(tmp_path, capsys, monkeypatch):
    root = tmp_path / "cgroup"
    root.mkdir()
    (root / "cgroup.controllers").write_text("memory io\n")  # cgroup v2 without its cpu controller
    (root / "cpu").write_text("not a folder\n")  # no cgroup v1 cpu hierarchy either
    monkeypatch.setenv(bench.CGROUP_ROOT_ENV, str(root))
    code = bench.run_cli(3, cpu_quota=0.25)
    err = capsys.readouterr().err
    assert code == 2
    assert "--cpu-quota needs a writable cgroup" in err
    assert f"{root}/kiosk-bench-{os.getpid()}/cpu.max (cgroup v2): the cpu controller is not available there" in err
    assert f"{root}/cpu/kiosk-bench-{os.getpid()}/cpu.cfs_quota_us (cgroup v1): no such file" in err
    assert "run it without --cpu-quota" in err
def test_the_command_line_passes_the_export_options_to_the_bench(monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "run_cli", lambda *args, **options: calls.append((args, options)) or 0)
    assert cli.main(["bench", "--phones", "50", "--export"]) == 0
    assert cli.main(["bench", "--export-size", "500"]) == 0
    assert cli.main(["bench", "--export-size", "1"]) == 2
    defaults = {"spread": 10.0, "cpu_quota": None}
    assert calls == [((50, None, False), {**defaults, "export": True}), ((200, None, False), {**defaults, "export_size": 500})]


def test_percentiles_are_nearest_rank():
    figures = bench.percentiles([float(n) for n in range(1, 101)])
    assert figures == {"count": 100, "p50": 50.0, "p95": 95.0, "p99": 99.0, "max": 100.0}
    assert bench.percentiles([])["p99"] is None
