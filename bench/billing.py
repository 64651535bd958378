"""Billing throughput on PostgreSQL: hold → capture → settle cycles per second with 1, 4 and 16
concurrent clients, each on its own account and all on one shared account. Prints ratios against
the 1-client run of this same process, and checks the ledger invariants after every run.

    .venv/bin/python -m bench.billing

BENCH_DATABASE_URL (default: database lumiku_bench on 127.0.0.1:5432, recreated) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13) choose the services.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

CYCLES_PER_CLIENT = 40
CLIENTS = (1, 4, 16)


def configure() -> None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from tests.services import recreate_pg_database

    url = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/lumiku_bench"
    )
    recreate_pg_database(url)
    os.environ.update(
        DATABASE_URL=url,
        BCRYPT_ROUNDS="4",
        SECRET_KEY="bench-" + "x" * 40,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
    )


def main() -> None:
    configure()
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import func
    from sqlmodel import select

    from lumiku import plugins
    from lumiku.db import get_engine, session_scope
    from lumiku.models import Hold, User
    from lumiku.services import auth, billing, seed
    from lumiku.settings import PROJECT_ROOT

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    seed.run_all()
    plugins.BY_ID["video-mixer"] = dataclasses.replace(
        plugins.BY_ID["video-mixer"], coming_soon=False
    )
    get_engine().pool.dispose()
    users = [
        auth.register(
            f"bench{n}@example.com",
            "bench-password",
            "Bench",
            ip=f"10.250.{n}.1",
            user_agent="bench",
        ).user.id
        for n in range(16)
    ]
    for user_id in users:
        billing.add_credits(user_id, 1_000_000, "grant", f"bench-grant-{user_id}", "bench")

    def cycle(user_id: int, tag: str) -> None:
        reservation = billing.charge(
            user_id,
            "video-mixer",
            "video-mixer:ffmpeg-standard",
            {},
            quantity=3,
            key=tag,
            description="bench",
        )
        billing.capture(reservation.hold_id, 4, f"{tag}-c")
        billing.settle(reservation.hold_id, "succeeded")

    def run(clients: int, shared: bool, label: str) -> float:
        def client(n: int) -> None:
            user_id = users[0] if shared else users[n]
            for i in range(CYCLES_PER_CLIENT):
                cycle(user_id, f"{label}-{clients}-{n}-{i}")

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(client, range(clients)))
        elapsed = time.perf_counter() - start
        check_invariants()
        return clients * CYCLES_PER_CLIENT / elapsed

    def check_invariants() -> None:
        with session_scope() as db:
            for user_id in users:
                cached = db.get(User, user_id).credit_balance
                assert cached >= 0 and billing.ledger_sum(db, user_id) == cached, user_id
            open_holds = db.exec(
                select(func.count()).select_from(Hold).where(Hold.status == "open")
            ).one()
            assert open_holds == 0, open_holds

    print(f"billing cycles (hold + capture + settle) on {get_engine().url.render_as_string()}")
    print(f"{'clients':>8} {'accounts':>10} {'cycles/s':>10} {'× 1 client':>11}  invariants")
    for shared in (False, True):
        baseline = None
        for clients in CLIENTS:
            rate = run(clients, shared, "shared" if shared else "own")
            baseline = baseline or rate
            accounts = "1 shared" if shared else "own"
            print(f"{clients:>8} {accounts:>10} {rate:>10.1f} {rate / baseline:>10.2f}×  ok")
    with session_scope() as db:
        total = db.exec(select(func.count()).select_from(Hold)).one()
    print(f"{total} holds settled; every balance equals its ledger and none is negative")


if __name__ == "__main__":
    main()
