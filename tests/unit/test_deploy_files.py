"""deploy/ describes what `lumiku topology` runs: the same commands, queues and settings, so the
README's deployment section cannot drift from what the topology tests prove."""

from __future__ import annotations

import re
from pathlib import Path

from lumiku.settings import PROJECT_ROOT, Settings
from lumiku.topology import Topology

DEPLOY = PROJECT_ROOT / "deploy"


def _exec_start(unit: str) -> list[str]:
    text = (DEPLOY / "systemd" / unit).read_text()
    [line] = re.findall(r"^ExecStart=(.*)$", text, re.M)
    return line.split()[1:]  # without the venv's path to `lumiku`


def test_the_units_run_what_the_topology_runs(tmp_path: Path):
    topology = Topology(tmp_path, 30000)
    started = {name: part.argv[3:] for name, part in topology.parts.items()}  # after -m lumiku.cli
    assert _exec_start("lumiku-web@.service") == started["web-1"] == started["web-2"]
    assert _exec_start("lumiku-worker@.service") == started["worker-1"] == started["worker-2"]
    assert _exec_start("lumiku-ai-worker@.service") == started["ai-1"] == started["ai-2"]


def test_the_example_environment_names_real_settings_and_what_the_topology_sets(tmp_path: Path):
    example = dict(
        line.split("=", 1)
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    known = {name.upper() for name in Settings.model_fields}
    assert set(example) <= known
    local_only = {"DATA_DIR", "PYTHONUNBUFFERED"}  # a deployment keeps the defaults
    assert set(Topology(tmp_path, 30000).env) - local_only <= set(example)
