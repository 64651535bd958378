"""Pages compose shared pieces; they do not borrow them from each other.

A page module (one under `lumiku/pages`) may import another page module only when
- it is a package's `__init__` importing its own direct children, which registers their pages
  (`lumiku/pages/__init__.py`, `lumiku/pages/apps/__init__.py`, an app package's `__init__`), or
- the imported module is a panel of the importer's page: a sibling in the same package that
  records no route itself and is imported by no other module (Video Mixer's project page
  composes `clips`, `settings` and `estimate` this way).
A piece wanted by a second page moves to `lumiku/components`, which never imports a page.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = "lumiku.pages"
ROUTE_CALLS = {"page", "signed_in_page"}  # lumiku.components.layout's page recorders


@dataclass(frozen=True)
class Module:
    name: str
    shown: str  # its path from the repository root
    is_package: bool
    tree: ast.Module

    @property
    def package(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]


def _modules(root: Path, package: str) -> dict[str, Module]:
    base = root.joinpath(*package.split("."))
    found = {}
    for path in sorted(base.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join(parts)
        shown = path.relative_to(root).as_posix()
        found[name] = Module(name, shown, is_package, ast.parse(path.read_text(), shown))
    return found


def _imports(module: Module, known: set[str]) -> list[tuple[str, int, str]]:
    """(imported module, line, the import as written) for each import in `module`; `from a import
    b` counts as importing `a.b` when that is a module in `known`, else `a`."""
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((alias.name, node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            written = f"from {'.' * node.level}{node.module or ''} import "
            for alias in node.names:
                child = f"{source}.{alias.name}"
                found.append(
                    (child if child in known else source, node.lineno, written + alias.name)
                )
    return found


def _records_routes(module: Module) -> bool:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ROUTE_CALLS:
                return True
    return False


def _is_page(name: str) -> bool:
    return name == PAGES or name.startswith(PAGES + ".")


def layout_problems(root: Path) -> list[str]:
    pages = _modules(root, PAGES)
    components = _modules(root, "lumiku.components")
    known = set(pages) | set(components)
    problems = []
    panel_users: dict[str, dict[str, str]] = {}  # panel -> importing module -> first import

    for module in pages.values():
        for target, line, written in _imports(module, known):
            if not _is_page(target) or target == module.name:
                continue
            where = f"{module.shown}:{line}: {written}"
            parent = target.rpartition(".")[0]
            if module.is_package and parent == module.name:
                continue  # a package registering its own pages
            if (
                target in pages
                and not module.is_package
                and parent == module.package
                and not _records_routes(pages[target])
            ):
                panel_users.setdefault(target, {}).setdefault(module.name, where)
                continue
            problems.append(
                f"{where}: a page module imports another page module ({target}); "
                "move the shared piece to lumiku/components"
            )

    for target, users in sorted(panel_users.items()):
        if len(users) > 1:
            problems.append(
                f"{pages[target].shown}: a page's panel is imported by several modules "
                f"({'; '.join(users.values())}); move it to lumiku/components"
            )

    for module in components.values():
        for target, line, written in _imports(module, known):
            if _is_page(target):
                problems.append(
                    f"{module.shown}:{line}: {written}: lumiku/components imports a page module"
                )
    return problems


def test_pages_import_shared_pieces_from_components_only():
    assert layout_problems(ROOT) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name in ["lumiku/__init__.py", "lumiku/components/__init__.py", *files]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files.get(name, ""))
    return tmp_path


ROUTE = (  # four lines
    "from lumiku.components.layout import signed_in_page\n\n"
    "@signed_in_page('/x', 'X')\ndef x(): ...\n"
)


def test_the_check_allows_registration_and_one_page_panels(tmp_path):
    root = _tree(
        tmp_path,
        {
            "lumiku/pages/__init__.py": "from lumiku.pages import apps, work  # noqa\n",
            "lumiku/pages/work.py": ROUTE + "from lumiku.components import work\n",
            "lumiku/pages/apps/__init__.py": "from lumiku.pages.apps import mixer  # noqa\n",
            "lumiku/pages/apps/mixer/__init__.py": "from . import project, project_list  # noqa\n",
            "lumiku/pages/apps/mixer/project.py": ROUTE
            + "from lumiku.pages.apps.mixer.clips import clips_panel\n"
            + "from .settings import panel\n",
            "lumiku/pages/apps/mixer/project_list.py": ROUTE,
            "lumiku/pages/apps/mixer/clips.py": "def clips_panel(): ...\n",
            "lumiku/pages/apps/mixer/settings.py": "def panel(): ...\n",
        },
    )
    assert layout_problems(root) == []


def test_the_check_names_each_file_and_import(tmp_path):
    root = _tree(
        tmp_path,
        {
            "lumiku/pages/__init__.py": "",
            "lumiku/pages/dashboard.py": ROUTE + "from lumiku.pages.work import app_icon\n",
            "lumiku/pages/work.py": ROUTE,
            "lumiku/pages/apps/__init__.py": "from lumiku.pages import dashboard\n",
            "lumiku/pages/apps/mixer/__init__.py": "",
            "lumiku/pages/apps/mixer/project.py": ROUTE
            + "from .project_list import back_link\nfrom .clips import panel\n",
            "lumiku/pages/apps/mixer/project_list.py": ROUTE + "from .clips import panel\n",
            "lumiku/pages/apps/mixer/clips.py": "def panel(): ...\n",
            "lumiku/components/work.py": "import lumiku.pages.work\n",
            "lumiku/components/apps.py": "from lumiku import pages\n",
        },
    )
    problems = layout_problems(root)
    expected = [
        "lumiku/pages/dashboard.py:5: from lumiku.pages.work import app_icon",
        "lumiku/pages/apps/__init__.py:1: from lumiku.pages import dashboard",
        "lumiku/pages/apps/mixer/project.py:5: from .project_list import back_link",
        "lumiku/pages/apps/mixer/clips.py: a page's panel is imported by several modules",
        "lumiku/components/work.py:1: import lumiku.pages.work",
        "lumiku/components/apps.py:1: from lumiku import pages",
    ]
    for text in expected:
        assert any(problem.startswith(text) for problem in problems), (text, problems)
    assert len(problems) == len(expected), problems
