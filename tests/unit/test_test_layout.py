"""The test suite's own layout: test modules share helpers through tests/factories.py (and
tests/e2e/browser.py for Playwright), never by importing one another."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def is_test_module(name: str) -> bool:
    return name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) for every module that `source` (the module named `module`) imports,
    including `from package import submodule` and relative imports, anywhere in the file."""
    package = module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            if is_test_module(base):
                found.append((node.lineno, base))
            else:  # `from package import module` names modules too
                found += [(node.lineno, f"{base}.{alias.name}".lstrip(".")) for alias in node.names]
    return found


def cross_imports(source: str, module: str) -> list[str]:
    return [
        f"line {line}: imports {name}"
        for line, name in imported_modules(source, module)
        if is_test_module(name) and name != module
    ]


def test_no_test_module_imports_another():
    offences = []
    for path in sorted(TESTS.rglob("*.py")):
        module = module_name(path)
        offences += [
            f"{path.relative_to(ROOT)} {problem}"
            for problem in cross_imports(path.read_text(encoding="utf-8"), module)
        ]
    assert not offences, (
        "test modules must not import each other; move shared helpers to tests/factories.py "
        "(or tests/e2e/browser.py for Playwright):\n" + "\n".join(offences)
    )


def test_the_check_sees_every_form_of_import():
    module = "tests.integration.test_here"
    source = "\n".join(
        [
            "import tests.integration.test_other",
            "from tests.integration.test_other import helper",
            "from tests.integration import test_other",
            "from .test_other import helper",
            "from . import test_other",
            "from ..e2e import test_browser",
            "def f():",
            "    from tests.unit.test_x import y",
        ]
    )
    found = cross_imports(source, module)
    assert [p.split(": ")[0] for p in found] == [f"line {n}" for n in range(1, 7)] + ["line 8"]
    assert "imports tests.e2e.test_browser" in found[5]
    allowed = "\n".join(
        [
            "from tests import engine_app, factories",
            "from tests.factories import new_user",
            "from tests.e2e.browser import signed_in",
            "import pytest",
            "from . import conftest",
        ]
    )
    assert cross_imports(allowed, module) == []
