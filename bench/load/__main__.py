"""`python -m bench.load`: set up the target and its people, run the stages, print the table."""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--sessions", default="10,50,100", help="the stages' session counts")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per stage")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between changes")
    parser.add_argument(
        "--submit-share", type=float, default=0.1, help="share of sessions that generate once"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="an running target; the environment must be its services'")
    where.add_argument("--plain", action="store_true", help="one web process and one worker")
    parser.add_argument("--no-fairness", action="store_true", help="skip the fairness run")
    args = parser.parse_args()
    args.stages = [int(n) for n in args.sessions.split(",") if n.strip()]
    return args


def ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}"


def print_table(rows: list[dict]) -> None:
    head = (
        f"{'sessions':>8} {'events':>7} {'ev/s':>6} "
        f"{'all p50/p95/p99 ms':>19} {'estimate p50/p95/p99 ms':>24} {'hydrate p95':>11} "
        f"{'errors':>6} {'progress lag p50/p95 ms':>23} {'bench CPU':>9}"
    )
    print(head)
    for r in rows:
        lag = "/".join(ms(v) for v in r["lag"]) + f" ({r['outputs']} videos)"
        print(
            f"{r['sessions']:>8} {r['events']:>7} {r['per_second']:>6.1f} "
            f"{'/'.join(ms(v) for v in r['all']):>19} "
            f"{'/'.join(ms(v) for v in r['estimate']):>24} {ms(r['hydrate_p95']):>11} "
            f"{r['errors']:>6} "
            f"{lag:>23} {r['client_cpu']:>9.2f}"
        )


def main() -> None:
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    sys.stdout.reconfigure(line_buffering=True)
    os.environ.setdefault("BCRYPT_ROUNDS", "4")
    from bench.load import target

    if args.url:
        chosen = target.given(args.url)
    elif args.plain:
        chosen = target.plain()
    else:
        chosen = target.topology()
    with chosen as (url, description, workers):
        run(args, url, description, workers)


def run(args: argparse.Namespace, url: str, description: str, workers: int) -> None:
    from bench.load import fairness, scenario, users

    started = time.perf_counter()
    stamp = f"load{int(time.time()) % 100000}-"
    people = users.make_people(max(args.stages) + (0 if args.no_fairness else 2), stamp)
    crowd, pair = people[: max(args.stages)], people[max(args.stages) :]
    print(
        f"{description}; {os.cpu_count()} cores; {len(people)} users with a Video Mixer project "
        f"made in {time.perf_counter() - started:.0f} s"
    )
    print(
        f"each stage: {args.duration:.0f} s, a settings change every {args.think:.1f} s on "
        f"average per session, {args.submit_share:.0%} of sessions generate 1-2 videos once"
    )
    rows = []
    for n, count in enumerate(args.stages):
        result = asyncio.run(
            scenario.run_stage(
                crowd[:count],
                url,
                duration=args.duration,
                think=args.think,
                submit_share=args.submit_share,
                seed=n + 1,
            )
        )
        rows.append(scenario.summary(result))
        for error in sorted(set(result.errors))[:5]:
            print(f"  error ({result.errors.count(error)}×): {error[:200]}")
    print_table(rows)
    base = rows[0]
    for r in rows[1:]:
        print(
            f"{r['sessions']} sessions ÷ {base['sessions']}: estimate p95 "
            f"{r['estimate'][1] / base['estimate'][1]:.2f}×, events/s "
            f"{r['per_second'] / base['per_second']:.2f}×"
        )
    if not args.no_fairness:
        fair = fairness.measure(*pair)
        print(
            f"fairness ({workers} media workers): A queued {fairness.A_TOTAL} heavy videos "
            f"({fair.a_queued} of them waiting or running, {fair.renders_done_before} done), "
            f"then B asked for one"
        )
        print(
            f"B waited {fair.b_wait:.1f} s = {fair.renders:.2f} renders "
            f"(median render {fair.render:.1f} s)"
        )


if __name__ == "__main__":
    main()
