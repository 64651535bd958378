"""Every built app is wired into every layer through its one registry row (lumiku/plugins.py).
Each check fails with the app's id and the missing piece, so adding an app half-way shows
exactly what is left (CONTRIBUTING.md, "Adding an app")."""

from __future__ import annotations

import ast
import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy
from sqlmodel import SQLModel, select

from lumiku import plugins
from lumiku.db import get_engine, session_scope
from lumiku.models import AIModel
from lumiku.settings import PROJECT_ROOT

BUILT = [app for app in plugins.APPS if not app.coming_soon]


@pytest.fixture(params=BUILT, ids=lambda app: app.id)
def app(request) -> plugins.AppPlugin:
    return request.param


def app_sources(app: plugins.AppPlugin) -> list[Path]:
    """The app's code above the models: services, state, pages and jobs, by its one name."""
    found = []
    for layer in ("lumiku/services", "lumiku/state", "lumiku/pages/apps", "jobs"):
        base = PROJECT_ROOT / layer
        found += [base / f"{app.module}.py"] if (base / f"{app.module}.py").is_file() else []
        found += sorted((base / app.module).rglob("*.py")) if (base / app.module).is_dir() else []
    return found


def test_it_is_declared_with_every_part(app):
    missing = [part for part in ("runner", "pages", "messages") if not getattr(app, part)]
    assert not missing, f"{app.id}: its registry row declares no {', '.join(missing)}"
    assert app.queue in plugins.QUEUES, f"{app.id}: queue {app.queue!r}"


def test_its_runner_price_rule_and_periodic_jobs_resolve(app):
    plugins.check([app])  # raises WiringError naming the app and the piece


def test_its_pages_are_registered(app):
    import lumiku.pages  # noqa: F401 - records every page
    from lumiku.components.layout import PAGES

    routes = {page["route"] for page in PAGES}
    assert app.route in routes, f"{app.id}: no page at {app.route} (its pages {app.pages!r})"
    own = [r for r in routes if r.startswith(app.route + "/")]
    assert all(r.startswith(app.route) for r in own)


def test_its_messages_exist_in_both_languages(app):
    from lumiku.i18n import MESSAGES

    module = plugins.resolve(app.messages)
    prefix = f"{app.module}_"
    strays = [key for key in module.MESSAGES if not key.startswith(prefix)]
    assert not strays, f"{app.id}: {app.messages} holds keys without {prefix!r}: {strays}"
    for lang in ("id", "en"):
        assert app.description_key in MESSAGES[lang], f"{app.id}: {app.description_key} ({lang})"
    used = set()
    for path in app_sources(app):
        tree = ast.parse(path.read_text())
        in_fstrings = {
            id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in f.values
        }
        used |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith(prefix)
            and id(node) not in in_fstrings
        }
    for lang in ("id", "en"):
        keys = set(MESSAGES[lang])
        # a literal that starts keys (a family such as "video_mixer_fit" + "_crop") is no key
        unknown = sorted(u for u in used - keys if not any(k.startswith(u + "_") for k in keys))
        assert not unknown, f"{app.id}: message keys used but not defined in {lang!r}: {unknown}"


def test_its_tables_have_a_migration(app, migrated):
    if not app.tables:
        return
    module = plugins.resolve(app.tables)
    tables = [
        value.__table__
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, SQLModel) and hasattr(value, "__table__")
    ]
    assert tables, f"{app.id}: {app.tables} defines no table"
    known = set(SQLModel.metadata.tables)
    existing = set(sqlalchemy.inspect(get_engine()).get_table_names())
    for table in tables:
        assert table.name in known, f"{app.id}: {table.name} is not imported by lumiku.models"
        assert table.name in existing, f"{app.id}: {table.name} has no migration (alembic/)"


def test_its_registry_models_are_seeded(app, db):
    from lumiku.services import seed

    seed.run_all()
    with session_scope() as session:
        for key in app.registry_models:
            model = session.exec(select(AIModel).where(AIModel.key == key)).first()
            assert model is not None, f"{app.id}: registry model {key!r} is not seeded"
            assert model.app_id == app.id, f"{app.id}: {key!r} is seeded for {model.app_id}"


def test_a_missing_runner_is_named():
    unwired = dataclasses.replace(plugins.get("video-mixer"), runner="")
    with pytest.raises(plugins.WiringError, match="app video-mixer: no runner is declared"):
        plugins.check([unwired])
    typo = dataclasses.replace(unwired, runner="jobs.video_mixer:rnu")
    with pytest.raises(
        plugins.WiringError, match=r"video-mixer: its runner 'jobs.video_mixer:rnu'"
    ):
        plugins.check([typo])


def test_what_an_app_needs_on_the_machine_is_checked_at_start(monkeypatch, tmp_path):
    """Carousel Mix needs its fonts: a machine without them is named at start, not mid-render."""
    from lumiku.services.carousel_mix import fonts

    plugins.check([plugins.get("carousel-mix")])  # this machine has them (bootstrap.sh)
    monkeypatch.setattr(fonts, "search_dirs", lambda: [tmp_path])  # an empty machine
    fonts.refresh()
    try:
        with pytest.raises(plugins.WiringError, match=r"carousel-mix: this machine lacks inter"):
            plugins.check([plugins.get("carousel-mix")])
    finally:
        monkeypatch.undo()
        fonts.refresh()
    assert fonts.missing() == []


def test_a_worker_with_a_half_wired_app_does_not_start(migrated, tmp_path):
    """A row whose runner cannot be found stops the worker at start with one line naming it."""
    (tmp_path / "half_wired.py").write_text(
        "from lumiku.plugins import AppPlugin\n"
        "APP = AppPlugin(id='half-wired', name='Half', icon='x', color='gray', order=1,\n"
        "                coming_soon=False, runner='jobs.half_wired:run')\n"
    )
    env = {**os.environ, "EXTRA_APPS": "half_wired:APP", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "lumiku.cli", "worker", "--burst"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("lumiku: app half-wired: its runner 'jobs.half_wired:run'"), last
