"""The `kiosk` command: serve the box, export the results, check decks.

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
    for name in ("host", "port", "data", "deck"):
        setting = BY_NAME[name]
        serve.add_argument(f"--{name}", type=setting.parse, default=None,
                           help=f"{setting.help} [{setting.env}, default {setting.default}]")
    serve.add_argument("--demo", action="store_true", help="fill an empty workshop with a sample one to explore")

    export = commands.add_parser("export", help="write every result onto a USB stick or into a folder")
    export.add_argument("--data", type=BY_NAME["data"].parse, default=None,
                        help=f"{BY_NAME['data'].help} [{BY_NAME['data'].env}, default {BY_NAME['data'].default}]")
    export.add_argument("--to", default=None, metavar="DIR",
                        help="folder to write the bundle into (default: the USB stick, when exactly one is mounted)")

    deck = commands.add_parser("deck", help="card decks")
    deck_commands = deck.add_subparsers(dest="deck_command", required=True)
    check = deck_commands.add_parser("check", help="validate deck files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        from . import server

        return server.serve(args)
    if args.command == "export":
        from . import export

        return export.run_cli(args.data, args.to)
    if args.command == "deck":
        from . import decks

        problems = decks.check_decks(args.paths)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
