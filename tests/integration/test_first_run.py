"""A new user's first screen says what to do; it goes once they have made something."""

from __future__ import annotations

import pytest

from lumiku.services import seed
from lumiku.state.billing import DashboardState
from tests import engine_app
from tests.factories import call, signed_in

pytestmark = pytest.mark.usefixtures("db", "rds")


def test_the_dashboard_guides_a_new_user_until_their_first_work(monkeypatch):
    seed.run_all()
    signed, _, get = signed_in(1)
    dashboard = get(DashboardState)
    assert dashboard.has_work  # nothing is shown before the list arrives
    call(dashboard, "load")
    assert dashboard.loaded and not dashboard.has_work  # the guide shows

    engine_app.install(monkeypatch)

    engine_app.submit(signed.user.id, 1, "first")
    call(dashboard, "load")
    assert dashboard.has_work  # and goes once there is work
    assert len(dashboard.recent) == 1


def test_the_guide_names_the_first_built_app_and_links_to_it():
    import lumiku.pages.dashboard as page
    from lumiku import plugins

    first = next(a for a in plugins.dashboard_apps() if not a.coming_soon)
    rendered = str(page._get_started())
    assert first.route in rendered and "get-started-go" in rendered
    assert f"Start with {first.name}" in rendered and f"Mulai dengan {first.name}" in rendered
