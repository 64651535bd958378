"""The layers stay one-way (CONTRIBUTING.md, "Layers"): every import in the tree, lazy ones inside
functions included, is checked against what its layer may import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# (layer: modules under this prefix, the imports they must not make). Prefixes match whole dotted
# names: "lumiku.state" forbids lumiku.state and lumiku.state.x, not lumiku.statehood.
ABOVE_SERVICES = (
    "jobs",
    "reflex",
    "lumiku.state",
    "lumiku.pages",
    "lumiku.components",
    "lumiku.api",
    "lumiku.lumiku",
    "lumiku.cli",
    "lumiku.supervisor",
)
RULES: list[tuple[str, tuple[str, ...]]] = [
    ("lumiku", ("jobs",)),  # jobs/ is the only package that sees both sides
    ("lumiku.services", (*ABOVE_SERVICES, "lumiku.i18n")),
    ("lumiku.plugins", ("lumiku.models", "lumiku.services", "lumiku.i18n", *ABOVE_SERVICES)),
    ("jobs", ("reflex", "lumiku.state", "lumiku.pages", "lumiku.components", "lumiku.lumiku")),
]
# The models are the bottom layer: of Lumiku they may import only these.
MODELS_MAY_IMPORT = ("lumiku.models", "lumiku.db", "lumiku.settings")


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def modules(root: Path, top: str) -> dict[str, Path]:
    found = {}
    for path in sorted((root / top).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> list[tuple[str, int]]:
    """Every module `name` imports, with the line: `from a import b` counts as `a.b`, so that
    importing a submodule by its package is seen too."""
    found = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*parent, base]))
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def violations(root: Path) -> list[str]:
    found = []
    tree = {**modules(root, "lumiku"), **modules(root, "jobs")}
    for name, path in tree.items():
        shown = path.relative_to(root).as_posix()
        for imported, line in imports(name, path):
            broken = [
                layer
                for layer, forbidden in RULES
                if _within(name, layer) and any(_within(imported, f) for f in forbidden)
            ]
            if broken:
                found.append(f"{shown}:{line} imports {imported} ({broken[-1]} must not)")
            elif (
                _within(name, "lumiku.models")
                and (_within(imported, "lumiku") or _within(imported, "jobs"))
                and not any(_within(imported, m) for m in MODELS_MAY_IMPORT)
            ):
                found.append(f"{shown}:{line} imports {imported} (models are the bottom layer)")
    return found


def test_the_layers_are_one_way():
    assert violations(ROOT) == []


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("lumiku/services/x.py", "def f():\n    from jobs.worker import queue\n", "jobs.worker"),
        ("lumiku/services/x.py", "import reflex as rx\n", "reflex"),
        ("lumiku/services/x.py", "from lumiku.state import auth\n", "lumiku.state.auth"),
        ("lumiku/models/x.py", "from lumiku.services import billing\n", "lumiku.services"),
        ("lumiku/models/x.py", "from lumiku import plugins\n", "lumiku.plugins"),
        ("lumiku/cli.py", "from jobs.worker import run_worker\n", "jobs.worker"),
        ("jobs/x.py", "from lumiku.state.auth import AuthState\n", "lumiku.state.auth"),
    ],
)
def test_a_backward_import_is_named(tmp_path, path, source, expected):
    for package in ("lumiku", "lumiku/services", "lumiku/models", "jobs"):
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").touch()
    (tmp_path / path).write_text(source)
    found = violations(tmp_path)
    assert len(found) == 1 and found[0].startswith(f"{path}:") and expected in found[0]


def test_allowed_imports_pass(tmp_path):
    for package in ("lumiku", "lumiku/services", "lumiku/models", "jobs"):
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").touch()
    (tmp_path / "lumiku/models/x.py").write_text("from lumiku.db import utcnow\nimport sqlmodel\n")
    (tmp_path / "lumiku/services/x.py").write_text("from lumiku import plugins\nimport rq\n")
    (tmp_path / "jobs/x.py").write_text("from lumiku.services import generations\n")
    assert violations(tmp_path) == []
