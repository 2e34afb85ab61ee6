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
    parser.add_argument("--allow-demo", action="store_true",
                        help="serve the demo accounts (one shared password) on a non-loopback address anyway")


def is_loopback(host: str) -> bool:
    """Is ``host`` reachable from this machine only (127.0.0.0/8, ::1, localhost)?"""
    import ipaddress

    if host.strip().lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


DEMO_REFUSED = (
    "拒绝启动 refusing to start: {n} demo accounts (planoffice, viewer, head-…, reporter-…) share one password "
    "and anyone who can reach {host} could log in with it.\n"
    "  - serve on this machine only: planwatch serve (127.0.0.1), or\n"
    "  - deactivate the demo accounts on the people page, or use a database without them, or\n"
    "  - if this is really a demonstration on a closed network: planwatch serve --host {host} --allow-demo")


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
    from planwatch.web.bootstrap import active_demo_accounts, bootstrap

    public = not is_loopback(args.host)
    demo_ok = not public or args.allow_demo
    started = bootstrap(load_demo=not args.no_demo and demo_ok)
    from django.conf import settings

    out = sys.stdout
    if not demo_ok:
        n = active_demo_accounts()
        if n:
            print(DEMO_REFUSED.format(n=n, host=args.host), file=sys.stderr)
            return 2
        if not args.no_demo:
            print(f"未载入示例 the example was not loaded: demo accounts share one password, and {args.host} is "
                  "reachable from other machines (--allow-demo loads it anyway)", file=out)
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
    from planwatch.web.uploads import largest_upload

    serve(application, host=args.host, port=port, threads=args.threads, ident="planwatch",
          clear_untrusted_proxy_headers=True, max_request_body_size=largest_upload() + 1024 * 1024)
    return 0
