"""`python -m jobs [--burst] [--queues default,ai]`: one RQ worker (what `lumiku worker` runs)."""

import argparse
import sys

from jobs.worker import run_worker
from lumiku import logs
from lumiku.cli import parse_queues

parser = argparse.ArgumentParser(prog="lumiku worker")
parser.add_argument("--burst", action="store_true", help="stop when the queues are empty")
parser.add_argument("--queues", metavar="NAMES", help="comma-separated queues (default: all)")
args = parser.parse_args()
try:
    queues = parse_queues(args.queues) if args.queues is not None else None
except ValueError as exc:
    print(f"lumiku worker: {exc}", file=sys.stderr)
    sys.exit(2)
logs.configure("worker")  # before RQ's own setup, which then logs through our handler
sys.exit(run_worker(burst=args.burst, queues=queues))
