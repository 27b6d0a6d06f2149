"""The `kiosk` command: serve the box, export the results, check decks and programmes, benchmark.

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

    tents = commands.add_parser("tents", help="the printable A4 table tents: Wi-Fi and join QR codes, URL, title")
    tents.add_argument("--data", type=BY_NAME["data"].parse, default=None,
                       help=f"{BY_NAME['data'].help} [{BY_NAME['data'].env}, default {BY_NAME['data'].default}]")
    tents.add_argument("--to", default=None, metavar="FILE.pdf", help="the PDF to write (default: kiosk-tents.pdf)")
    tents.add_argument("--per-page", type=int, choices=(2, 4), default=2, help="tents per A4 page (default: 2)")

    deck = commands.add_parser("deck", help="card decks")
    deck_commands = deck.add_subparsers(dest="deck_command", required=True)
    check = deck_commands.add_parser("check", help="validate deck files")
    check.add_argument("paths", nargs="+", metavar="PATH")

    bench = commands.add_parser("bench", help="the load benchmark: a box on loopback and a room of simulated phones")
    bench.add_argument("--phones", type=int, default=200, metavar="N", help="how many phones (default: 200)")
    bench.add_argument("--json", default=None, metavar="FILE", help="also write every figure to FILE as JSON")
    bench.add_argument("--store", action="store_true",
                       help="benchmark the store alone against stock TinyDB at 1k, 5k and 10k records")
    bench.add_argument("--export", action="store_true",
                       help="then time `kiosk export` of the workshop played: seconds, peak RSS, each file's size")
    bench.add_argument("--export-size", type=int, default=None, metavar="N",
                       help="instead of a room, time `kiosk export` of a generated workshop of N participants")

    programme = commands.add_parser("programme", help="programmes: the timed agendas of decks/programmes/")
    programme_commands = programme.add_subparsers(dest="programme_command", required=True)
    check = programme_commands.add_parser("check", help="validate programme files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    programme_commands.add_parser("phases", help="every phase, its activity, and the step options it reads")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        from . import server

        return server.serve(args)
    if args.command == "export":
        from . import export

        return export.run_cli(args.data, args.to)
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
        return bench.run_cli(args.phones, args.json, args.store, **export)
    if args.command == "deck":
        from . import decks

        problems = decks.check_decks(args.paths)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    if args.command == "programme":
        from . import programmes

        if args.programme_command == "phases":
            print(programmes.phases_help())
            return 0
        problems = programmes.check_programmes(args.paths)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
