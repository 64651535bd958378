"""`lumiku run`'s supervisor: the embedded Redis and the workers start, and every process stops."""

from __future__ import annotations

import os

import redis

from lumiku.settings import Settings
from lumiku.supervisor import Supervisor, python_command, start_embedded_redis


def group_alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
        return True
    except ProcessLookupError:
        return False


def test_embedded_redis_and_a_worker_start_and_all_stop(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path)
    supervisor = Supervisor()
    start_embedded_redis(supervisor, settings)
    socket = str(settings.embedded_redis_socket)
    assert redis.Redis(unix_socket_path=socket).ping()

    env = {**os.environ, "REDIS_URL": settings.effective_redis_url, "DATA_DIR": str(tmp_path)}
    supervisor.spawn("worker", python_command("worker"), env=env)
    supervisor.stop_all()

    assert all(c.process.returncode is not None for c in supervisor.children)
    assert not any(group_alive(c.process.pid) for c in supervisor.children)
    assert not os.path.exists(socket)


def test_a_second_start_reuses_a_running_embedded_redis(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path)
    first, second = Supervisor(), Supervisor()
    start_embedded_redis(first, settings)
    start_embedded_redis(second, settings)
    assert len(first.children) == 1 and second.children == []
    first.stop_all()


def test_kill_tree_reaches_children_in_their_own_process_group():
    import subprocess
    import sys
    import time

    from lumiku.supervisor import descendants, kill_tree

    # A parent whose child moves to a process group of its own, as RQ's work horse does.
    child_code = "import os, time; os.setpgrp(); time.sleep(60)"
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import subprocess, sys, time\n"
                f"subprocess.Popen([sys.executable, '-c', {child_code!r}])\n"
                "time.sleep(60)"
            ),
        ],
        start_new_session=True,
    )
    for _ in range(50):
        if descendants(parent.pid):
            break
        time.sleep(0.1)
    [child] = descendants(parent.pid)
    kill_tree(parent.pid)
    parent.wait()
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the child outlived kill_tree")


def test_a_killed_worker_is_started_again_and_anything_else_stops_the_rest(monkeypatch):
    """`lumiku run` on the embedded default: a worker killed with SIGKILL comes back (the
    reconciler then recovers its item), within a budget; the web or Redis dying stops all."""
    import signal
    import sys

    from lumiku import supervisor as sup

    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    run = Supervisor()
    worker = run.spawn("worker 1", sleeper, restart=True)
    web = run.spawn("web", sleeper)
    try:
        first = worker.process.pid
        os.killpg(first, signal.SIGKILL)
        worker.process.wait()
        assert run.check_children() is None  # not the end of everything...
        assert worker.process.pid != first and worker.process.poll() is None  # ...it is back

        monkeypatch.setattr(sup, "RESTARTS_PER_WINDOW", 1)  # a crash loop is not hidden
        os.killpg(worker.process.pid, signal.SIGKILL)
        worker.process.wait()
        assert run.check_children() == -signal.SIGKILL

        worker.restarts.clear()
        worker.process = sup._start(sleeper, None)
        os.killpg(web.process.pid, signal.SIGKILL)
        web.process.wait()
        assert run.check_children() == -signal.SIGKILL  # the web is not restarted
    finally:
        run.stop_all()
    assert not any(group_alive(c.process.pid) for c in run.children)
