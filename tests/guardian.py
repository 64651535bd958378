"""Kills what a test run started when the run ends, however it ends (SIGKILL included).

The test process starts one guardian (tests/factories.py `spawn`) in a session of its own and
writes `+ PID` for each process it starts and `- PID` once it has stopped it. The guardian's
input ends when the test process dies, for whatever reason; then every process still listed is
killed with all its descendants (web servers' workers, RQ work horses, FFmpeg).
"""

from __future__ import annotations

import sys

from lumiku.supervisor import kill_tree


def main() -> None:
    alive: set[int] = set()
    for line in sys.stdin:
        sign, _, pid = line.strip().partition(" ")
        if pid.isdecimal():
            (alive.add if sign == "+" else alive.discard)(int(pid))
    for pid in alive:
        kill_tree(pid)


if __name__ == "__main__":
    main()
