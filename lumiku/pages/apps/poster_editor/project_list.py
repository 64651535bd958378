"""The project list: create, open and delete projects."""

from __future__ import annotations

import reflex as rx

from lumiku.components.layout import signed_in_page
from lumiku.components.projects import project_list
from lumiku.components.text import t
from lumiku.state.poster_editor import APP
from lumiku.state.poster_editor import ProjectListState as S


@signed_in_page(APP.route, APP.name, on_load=S.load_list)
def poster_editor() -> rx.Component:
    empty = rx.callout(t("poster_editor_no_projects"), icon="info", width="100%", id="pe-empty")
    return project_list(S, APP, css="pe", empty=empty)
