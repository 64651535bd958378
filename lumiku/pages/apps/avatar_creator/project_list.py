"""The project list: create, open and delete projects of personas."""

from __future__ import annotations

import reflex as rx

from lumiku.components.layout import signed_in_page
from lumiku.components.projects import project_list
from lumiku.components.text import t
from lumiku.state.avatar_creator import APP
from lumiku.state.avatar_creator import ProjectListState as S


@signed_in_page(APP.route, APP.name, on_load=S.load_list)
def avatar_creator() -> rx.Component:
    empty = rx.callout(t("avatar_creator_no_projects"), icon="info", width="100%", id="ac-empty")
    return project_list(S, APP, css="ac", empty=empty)
