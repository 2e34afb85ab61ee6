"""The ``planwatch`` command. Each subcommand lives in its own module of this package.

A module listed in ``COMMANDS`` exposes ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Modules import heavy dependencies (Django, WeasyPrint) inside ``run`` so that
``planwatch --help`` and the pure-core commands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS: dict[str, str] = {
    "demo": "planwatch.cli.demo",
    "init": "planwatch.cli.init",
    "validate": "planwatch.cli.validate",
    "report": "planwatch.cli.report",
    "check": "planwatch.cli.check",
    "extract": "planwatch.cli.extract",
    "serve": "planwatch.cli.serve",
    "admin": "planwatch.cli.admin",
    "hotline": "planwatch.cli.hotline",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planwatch",
        description="计划执行监测 planwatch: follow a development plan and write its execution report.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # a command not built yet
            raise
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    try:
        return int(args._module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
