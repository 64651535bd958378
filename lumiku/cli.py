"""The `lumiku` command: run the product, its parts, and the operator's chores."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from lumiku.settings import PROJECT_ROOT, Settings, SettingsError, get_settings


def cmd_migrate(_: argparse.Namespace) -> int:
    from alembic import command
    from alembic.config import Config

    command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")
    return 0


def cmd_seed(_: argparse.Namespace) -> int:
    from lumiku.services import seed

    for line in seed.run_all():
        print(f"seed: {line}")
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    """The Reflex server in production mode: frontend, websocket and our routes on one port; or,
    with --backend-only, the websocket and our routes alone, behind a proxy that serves the
    exported frontend (several web processes, none building the frontend at start)."""
    from lumiku.supervisor import executable, reflex_environment

    settings = get_settings()
    env = reflex_environment(settings)
    port = str(settings.port)
    argv = [executable("reflex"), "run", "--env", "prod"]
    if getattr(args, "backend_only", False):
        argv += ["--backend-only"]
    else:
        argv += ["--frontend-port", port]
    argv += ["--backend-port", port, "--backend-host", settings.host, "--loglevel", "warning"]
    os.chdir(PROJECT_ROOT)
    os.execvpe(argv[0], argv, env)


def parse_queues(text: str) -> list[str]:
    """`--queues default,media` → the queues a worker listens on, in the queues' priority order
    (services.queues.QUEUE_NAMES) whatever the order given. ValueError, in one line naming the
    queues there are, for an unknown name (an empty one included)."""
    from lumiku.services.queues import QUEUE_NAMES

    names = [n.strip() for n in text.split(",")]
    unknown = [n for n in names if n not in QUEUE_NAMES]
    if unknown:
        shown = ", ".join(repr(n) for n in unknown)
        raise ValueError(f"unknown queue {shown} (the queues are {', '.join(QUEUE_NAMES)})")
    return [n for n in QUEUE_NAMES if n in names]


def cmd_worker(args: argparse.Namespace) -> int:
    """The RQ worker is its own program (`python -m jobs`): lumiku/ never imports jobs/, which
    is the one package that sees both the services and the apps' runners."""
    argv = [sys.executable, "-m", "jobs", *(["--burst"] if args.burst else [])]
    if args.queues is not None:
        try:
            argv += ["--queues", ",".join(parse_queues(args.queues))]
        except ValueError as exc:
            print(f"lumiku worker: {exc}", file=sys.stderr)
            return 2
    os.chdir(PROJECT_ROOT)
    os.execv(argv[0], argv)


# The two pools of `lumiku run`. Media workers (FFmpeg, Pillow) keep the cores busy, one per core;
# AI workers mostly wait on a remote model, so there are many more of them than cores. Neither
# listens on the other's queue: an AI item never waits behind a render, nor a render behind one.
# Both take housekeeping and payments (`default`) first.
MEDIA_QUEUES = "default,media"
AI_QUEUES = "default,ai"


def worker_plan(settings: Settings) -> list[tuple[str, list[str]]]:
    """The workers `lumiku run` starts, as (name, argv): WORKERS media workers, then AI_WORKERS
    AI workers."""
    from lumiku.supervisor import python_command

    media = [
        (f"worker {n + 1}", python_command("worker", "--queues", MEDIA_QUEUES))
        for n in range(settings.effective_workers)
    ]
    ai = [
        (f"ai worker {n + 1}", python_command("worker", "--queues", AI_QUEUES))
        for n in range(settings.ai_workers)
    ]
    return media + ai


def cmd_run(_: argparse.Namespace) -> int:
    """Everything, with the embedded defaults: migrations, seeds, Redis, workers, web."""
    from lumiku import plugins
    from lumiku.supervisor import (
        Supervisor,
        python_command,
        reflex_environment,
        start_embedded_redis,
        web_answers,
    )

    settings = get_settings()
    plugins.check_at_start()  # a half-wired app stops everything before it starts
    cmd_migrate(_)
    cmd_seed(_)
    supervisor = Supervisor()
    if settings.uses_embedded_redis:
        start_embedded_redis(supervisor, settings)  # stopped last: workers flush to it
    for name, argv in worker_plan(settings):
        supervisor.spawn(name, argv, restart=True)
    supervisor.spawn("web", python_command("web"), env=reflex_environment(settings))
    print(
        "Lumiku is starting: the frontend is built at each start; Ctrl-C stops everything.",
        flush=True,
    )
    return supervisor.watch(
        ready=lambda: web_answers(settings),
        ready_message=f"\nLumiku is running at {settings.effective_public_url}\n",
    )


def cmd_topology(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lumiku.topology import main

    return main(PROJECT_ROOT / Path(args.dir), args.port)


def cmd_create_admin(args: argparse.Namespace) -> int:
    from lumiku.services import users

    password = os.environ.get("LUMIKU_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    user = users.create_admin(args.email, password, args.name)
    print(f"{user.email} is an admin")
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from lumiku.db import session_scope
    from lumiku.models import User

    with session_scope() as db:
        statement = select(User).order_by(User.id)
        if args.query:
            statement = statement.where(User.email.contains(args.query.lower()))
        for user in db.exec(statement):
            print(
                f"{user.id:>6}  {user.role:<6} {user.account_type:<13} {user.email}  ({user.name})"
            )
    return 0


def cmd_users_set_role(args: argparse.Namespace) -> int:
    from lumiku.services import users

    user = users.find_by_email(args.email)
    if user is None:
        print(f"no user with email {args.email}", file=sys.stderr)
        return 1
    users.assign_role(user.id, args.role)
    print(f"{user.email} is now {args.role}")
    return 0


def cmd_health(_: argparse.Namespace) -> int:
    import json

    from lumiku.services.health import report

    result = report()
    print(json.dumps(result))
    return 0 if result["status"] == "ok" else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lumiku", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="migrate, seed, start Redis, workers and web").set_defaults(
        func=cmd_run
    )
    web = sub.add_parser("web", help="start the web server only")
    web.add_argument(
        "--backend-only",
        action="store_true",
        help="serve the websocket and the HTTP routes only (the frontend is exported and served "
        "by a proxy, as in `lumiku topology`)",
    )
    web.set_defaults(func=cmd_web)
    topology = sub.add_parser(
        "topology",
        help="the production layout on this machine: PostgreSQL, Redis, S3 (SeaweedFS), two "
        "web processes, media and AI workers, nginx in front",
    )
    topology.add_argument("--dir", default="data/topology", help="where its servers keep data")
    topology.add_argument("--port", type=int, default=8080, help="the proxy's port")
    topology.set_defaults(func=cmd_topology)
    worker = sub.add_parser("worker", help="start one background worker")
    worker.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    worker.add_argument(
        "--queues",
        metavar="NAMES",
        help="comma-separated queues to listen on, of default, ai, media (default: all); "
        "`lumiku run` starts media workers on default,media and AI workers on default,ai",
    )
    worker.set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("seed", help="insert reference data (idempotent)").set_defaults(func=cmd_seed)
    sub.add_parser("health", help="check database, Redis and workers").set_defaults(func=cmd_health)
    admin = sub.add_parser("create-admin", help="create an admin, or promote an existing user")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", default="Admin")
    admin.set_defaults(func=cmd_create_admin)
    users = sub.add_parser("users", help="list users or change a role")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    listing = users_sub.add_parser("list")
    listing.add_argument("--query", default="")
    listing.set_defaults(func=cmd_users_list)
    role = users_sub.add_parser("set-role")
    role.add_argument("email")
    role.add_argument("role", choices=["user", "admin"])
    role.set_defaults(func=cmd_users_set_role)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        get_settings()
    except SettingsError as exc:
        print(f"lumiku: {exc}", file=sys.stderr)
        return 2
    from lumiku.services.errors import ServiceError

    try:
        return args.func(args) or 0
    except ServiceError as exc:
        from lumiku.i18n import tr

        print(f"lumiku: {tr(exc.code, 'en', **exc.params)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
