"""`python -m jobs [--burst]`: one RQ worker (what `lumiku worker` runs)."""

import argparse
import sys

from jobs.worker import run_worker

parser = argparse.ArgumentParser(prog="lumiku worker")
parser.add_argument("--burst", action="store_true", help="stop when the queues are empty")
sys.exit(run_worker(burst=parser.parse_args().burst))
