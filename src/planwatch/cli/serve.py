"""``planwatch serve``: the web app and its API on this machine, with no configuration needed."""

from __future__ import annotations

import argparse
import socket
import sys

HELP = "启动网页与接口服务（空库时载入示例） / serve the web app and REST API (loads the demo into an empty database)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default 8000, or a free one if busy)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads of the server (default 8)")
    parser.add_argument("--no-demo", action="store_true", help="do not load the example into an empty database")


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def pick_port(host: str, wanted: int | None) -> int:
    if wanted is not None:
        return wanted
    if _port_free(host, 8000):
        return 8000
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def run(args: argparse.Namespace) -> int:
    from planwatch.web.bootstrap import bootstrap

    started = bootstrap(load_demo=not args.no_demo)
    from django.conf import settings

    out = sys.stdout
    print(f"数据目录 data directory: {started.data_dir}", file=out)
    db = settings.DATABASES["default"]
    print(f"数据库 database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME', '')}", file=out)
    if started.demo_loaded:
        print("已载入示例 loaded the example chaoyang-2021; demo accounts: planoffice, viewer, "
              "head-<部门代码>, reporter-<部门代码>", file=out)
    if started.password:
        print(f"演示账号密码 demo password (stored in {started.data_dir / 'demo_password'}): {started.password}",
              file=out)
    port = pick_port(args.host, args.port)
    from waitress import serve

    from planwatch.web.wsgi import application

    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"正在服务 serving on http://{shown}:{port}/  (API: /api/, schema: /api/schema/)", file=out, flush=True)
    serve(application, host=args.host, port=port, threads=args.threads, ident="planwatch",
          clear_untrusted_proxy_headers=True)
    return 0
