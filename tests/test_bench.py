"""`kiosk bench` keeps working: a small room and a small store run end to end, and their JSON
holds every figure. Speed is the benchmark's business, not asserted here: only what must hold
at any speed (nothing lost, nothing duplicated, every command answered)."""

from __future__ import annotations

import json

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
    server = result["server"]
    assert server["peak_rss_mb"] > 0 and server["cpu_s"] > 0
    assert server["changes"] >= 100 and 1 <= server["flushes"] <= server["changes"]
    assert result["durable_writes_per_s"] > 0
    assert [target["name"] for target in result["targets"]] == [
        "p99 acknowledgement (ms)", "p99 wall update (ms)", "commands not acknowledged", "lost", "duplicated",
        "server peak RSS (MB)"]
    assert all(set(target) == {"name", "target", "value", "ok"} for target in result["targets"])
    assert code == (0 if result["ok"] else 1)

    table = capsys.readouterr().out
    assert "p99 ≤ 300 ms" in table and "≤ 150 MB" in table  # each target beside its figure


def test_the_store_bench_compares_durable_inserts_with_stock_tinydb(tmp_path, capsys):
    out = tmp_path / "store.json"
    code = bench.run_cli(json_path=str(out), store=True, store_sizes=(100, 300), store_seconds=0.5)
    result = json.loads(out.read_text(encoding="utf-8"))

    assert result["kind"] == "store"
    assert [row["records"] for row in result["sizes"]] == [100, 300]
    for row in result["sizes"]:
        assert row["ours_per_s"] > 0 and row["stock_per_s"] > 0 and row["ours_flushes"] >= 1
        assert row["ratio"] == round(row["ours_per_s"] / row["stock_per_s"], 1)
    assert result["targets"][0]["name"] == "ours / stock at 300 records"
    assert code == (0 if result["ok"] else 1)
    assert "×" in capsys.readouterr().out


def test_the_command_line_passes_its_options_to_the_bench(monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "run_cli", lambda *args: calls.append(args) or 0)
    assert cli.main(["bench", "--phones", "7", "--json", "out.json", "--store"]) == 0
    assert cli.main(["bench"]) == 0
    assert calls == [(7, "out.json", True), (200, None, False)]


def test_the_command_line_passes_the_export_options_to_the_bench(monkeypatch):
    calls = []
    monkeypatch.setattr(bench, "run_cli", lambda *args, **options: calls.append((args, options)) or 0)
    assert cli.main(["bench", "--phones", "50", "--export"]) == 0
    assert cli.main(["bench", "--export-size", "500"]) == 0
    assert cli.main(["bench", "--export-size", "1"]) == 2
    assert calls == [((50, None, False), {"export": True}), ((200, None, False), {"export_size": 500})]


def test_percentiles_are_nearest_rank():
    figures = bench.percentiles([float(n) for n in range(1, 101)])
    assert figures == {"count": 100, "p50": 50.0, "p95": 95.0, "p99": 99.0, "max": 100.0}
    assert bench.percentiles([])["p99"] is None
