"""The `kiosk` command: serve the box, export and merge the results, check decks, forms and programmes, print,
benchmark.

Kept light at import: `serve` must monkey-patch with gevent before anything else is imported.
"""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    from .settings import BY_NAME

    parser = argparse.ArgumentParser(prog="kiosk", description="Kiosk: an offline-first box for participatory workshops.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the box")
    for name in ("host", "port", "data", "deck", "programme"):
        setting = BY_NAME[name]
        serve.add_argument(f"--{name}", type=setting.parse, default=None,
                           help=f"{setting.help} [{setting.env}, default {setting.default}]")
    serve.add_argument("--demo", action="store_true", help="fill an empty workshop with a sample one to explore")

    export = commands.add_parser("export", help="write every result onto a USB stick or into a folder")
    export.add_argument("--data", type=BY_NAME["data"].parse, default=None,
                        help=f"{BY_NAME['data'].help} [{BY_NAME['data'].env}, default {BY_NAME['data'].default}]")
    export.add_argument("--to", default=None, metavar="DIR",
                        help="folder to write the bundle into (default: the USB stick, when exactly one is mounted)")

    merge = commands.add_parser("merge", help="merge the export bundles of several territories' boxes into one bundle")
    merge.add_argument("bundles", nargs="+", metavar="BUNDLE",
                       help="a folder kiosk export wrote (kiosk-…-YYYYMMDD-HHMM), or the console's zip file; "
                            "one per territory")
    merge.add_argument("--to", default=None, metavar="DIR",
                       help="folder to write kiosk-merged-YYYYMMDD-HHMM/ into (default: the current folder)")

    tents = commands.add_parser("tents", help="the printable A4 table tents: Wi-Fi and join QR codes, URL, title")
    tents.add_argument("--data", type=BY_NAME["data"].parse, default=None,
                       help=f"{BY_NAME['data'].help} [{BY_NAME['data'].env}, default {BY_NAME['data'].default}]")
    tents.add_argument("--to", default=None, metavar="FILE.pdf", help="the PDF to write (default: kiosk-tents.pdf)")
    tents.add_argument("--per-page", type=int, choices=(2, 4), default=2, help="tents per A4 page (default: 2)")

    deck = commands.add_parser("deck", help="card decks")
    deck_commands = deck.add_subparsers(dest="deck_command", required=True)
    check = deck_commands.add_parser("check", help="validate deck files")
    check.add_argument("paths", nargs="+", metavar="PATH")

    form = commands.add_parser("form", help="census forms: the questions of decks/forms/")
    form_commands = form.add_subparsers(dest="form_command", required=True)
    check = form_commands.add_parser("check", help="validate census form files")
    check.add_argument("paths", nargs="+", metavar="PATH")

    census = commands.add_parser("census", help="the census: its paper forms")
    census_commands = census.add_subparsers(dest="census_command", required=True)
    forms = census_commands.add_parser("forms", help="the printable A4 paper forms, one a page, each with its code and QR code")
    forms.add_argument("--count", type=int, default=20, metavar="N", help="how many forms (default: 20, at most 500)")
    forms.add_argument("--form", default=None, metavar="NAME|FILE",
                       help="the form (default: the census's, else domino in the box's language)")
    forms.add_argument("--lang", choices=("fr", "en"), default=None, help="the form's language (default: the box's)")
    forms.add_argument("--data", type=BY_NAME["data"].parse, default=None,
                       help=f"{BY_NAME['data'].help} [{BY_NAME['data'].env}, default {BY_NAME['data'].default}]")
    forms.add_argument("--to", default=None, metavar="FILE.pdf", help="the PDF to write (default: kiosk-census-forms.pdf)")

    bench = commands.add_parser("bench", help="the load benchmark: a box on loopback and a room of simulated phones")
    bench.add_argument("--phones", type=int, default=200, metavar="N", help="how many phones (default: 200)")
    bench.add_argument("--json", default=None, metavar="FILE", help="also write every figure to FILE as JSON")
    bench.add_argument("--store", action="store_true",
                       help="benchmark the store alone against stock TinyDB at 1k, 5k and 10k records")
    bench.add_argument("--spread", type=_bench_number("spread", 0.1, 600), default=10.0, metavar="SECONDS",
                       help="each step's window: every phone acts at a random moment of it (default: 10; a room "
                            "that votes when the facilitator says go: 2)")
    bench.add_argument("--cpu-quota", type=_bench_number("cpu-quota", 0.01, 64), default=None, metavar="FRACTION",
                       help="run the box under a CPU quota of FRACTION of one core (a cgroup: cpu.max or "
                            "cpu.cfs_quota_us), a rough stand-in for a slower box: 0.25 for a Raspberry Pi 4")
    bench.add_argument("--export", action="store_true",
                       help="then time `kiosk export` of the workshop played (seconds, peak RSS, each file's size), "
                            "and the phones' acknowledgements and the box's memory while the console exports it")
    bench.add_argument("--export-size", type=int, default=None, metavar="N",
                       help="instead of a room, the same on a generated workshop of N participants")

    programme = commands.add_parser("programme", help="programmes: the timed agendas of decks/programmes/")
    programme_commands = programme.add_subparsers(dest="programme_command", required=True)
    check = programme_commands.add_parser("check", help="validate programme files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    programme_commands.add_parser("phases", help="every phase, its activity, and the step options it reads")
    return parser


def _bench_number(name: str, low: float, high: float):
    """An argparse type: a number from `low` to `high`, else a clear error naming the option."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"--{name} takes a number, like --{name} {low * 10:g}") from None
        if not low <= value <= high:  # NaN fails this too
            raise argparse.ArgumentTypeError(f"--{name} must be from {low:g} to {high:g}, not {text}")
        return value

    return parse


def _report(problems: list[str]) -> int:
    """A `check` command's end: one line per problem, exit 1 when there is any."""
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        from . import server

        return server.serve(args)
    if args.command == "export":
        from . import export

        return export.run_cli(args.data, args.to)
    if args.command == "merge":
        from . import merge

        return merge.run_cli(args.bundles, args.to)
    if args.command == "tents":
        from . import tents

        return tents.run_cli(args.data, args.to, args.per_page)
    if args.command == "bench":
        from . import bench

        if args.export_size is not None and args.export_size < 2:
            print("kiosk bench: --export-size must be at least 2", file=sys.stderr)
            return 2
        export = {"export": True} if args.export else {}
        if args.export_size is not None:
            export["export_size"] = args.export_size
        return bench.run_cli(args.phones, args.json, args.store, spread=args.spread, cpu_quota=args.cpu_quota, **export)
    if args.command == "deck":
        from . import decks

        return _report(decks.check_decks(args.paths))
    if args.command == "form":
        from .activities.census import forms

        return _report(forms.check_forms(args.paths))
    if args.command == "census":
        from .activities.census import paper

        return paper.run_cli(args.count, args.form, args.lang, args.data, args.to)
    if args.command == "programme":
        from . import programmes

        if args.programme_command == "phases":
            print(programmes.phases_help())
            return 0
        return _report(programmes.check_programmes(args.paths))
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
