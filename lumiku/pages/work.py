"""My Work: every generation across apps, live, with downloads, retries and deletes."""

from __future__ import annotations

import reflex as rx

from lumiku import plugins, routes
from lumiku.components.layout import signed_in_page
from lumiku.components.text import t
from lumiku.components.work import work_list
from lumiku.state.work import STATUSES, WorkState


def _filters() -> rx.Component:
    def select(name: str, value: rx.Var, options: list[tuple[str, rx.Var | str]], sid: str):
        return rx.select.root(
            rx.select.trigger(id=sid),
            rx.select.content(*[rx.select.item(label, value=v) for v, label in options]),
            value=value,
            on_change=lambda choice: WorkState.set_filter(name, choice),
        )

    apps = [("all", t("work_all_apps"))] + [(a.id, a.name) for a in plugins.APPS]
    statuses = [("all", t("work_all_statuses"))] + [(s, t(f"work_status_{s}")) for s in STATUSES]
    sorts = [("newest", t("work_newest")), ("oldest", t("work_oldest"))]
    return rx.flex(
        select("app_filter", WorkState.app_filter, apps, "work-app"),
        select("status_filter", WorkState.status_filter, statuses, "work-status"),
        select("sort", WorkState.sort, sorts, "work-sort"),
        spacing="3",
        wrap="wrap",
    )


@signed_in_page(routes.MY_WORK, "My Work", on_load=WorkState.load)
def my_work() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.heading(t("work_title"), size="7", as_="h1"),
            rx.text(t("work_subtitle"), color_scheme="gray"),
            spacing="1",
        ),
        _filters(),
        work_list(),
        spacing="4",
        width="100%",
    )
