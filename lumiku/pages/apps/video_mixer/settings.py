"""Every option of the original, plus visual variation, and presets."""

from __future__ import annotations

import reflex as rx

from lumiku.components.forms import card, choice_select
from lumiku.components.text import t
from lumiku.services.video_mixer import rules
from lumiku.state.video_mixer import ProjectState
from lumiku.state.video_mixer import SettingsState as S

# ------------------------------------------------------------------ one project: settings


def _switch(name: str, value: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.switch(
                checked=value,
                on_change=lambda on: S.set_option(name, on),
                id=f"vm-{name}",
            ),
            rx.text(t(f"video_mixer_opt_{name}"), size="2"),
            spacing="2",
            align="center",
        ),
    )


def _select(name: str, value: rx.Var, options: list[tuple[str, str]]) -> rx.Component:
    return rx.vstack(
        rx.text(t(f"video_mixer_opt_{name}"), size="1", weight="medium"),
        rx.select.root(
            rx.select.trigger(id=f"vm-{name}", width="100%"),
            rx.select.content(*[rx.select.item(label, value=v) for v, label in options]),
            value=value,
            on_change=lambda v: S.set_option(name, v),
        ),
        spacing="1",
        min_width="8rem",
        flex="1",
    )


def _number(name: str, value: rx.Var, low: float, high: float, step: float) -> rx.Component:
    return rx.vstack(
        rx.text(t(f"video_mixer_opt_{name}"), size="1", weight="medium"),
        rx.input(
            value=value,
            type="number",
            min=low,
            max=high,
            step=step,
            on_change=lambda v: S.set_option(name, v),
            id=f"vm-{name}",
            width="100%",
        ),
        spacing="1",
        min_width="6rem",
        flex="1",
    )


def _same(values) -> list[tuple[str, str]]:
    return [(str(v), str(v)) for v in values]


def _labelled(prefix: str, values) -> list[tuple[str, str]]:
    return [(v, t(f"{prefix}_{v}")) for v in values]


def _row(*children: rx.Component) -> rx.Component:
    return rx.flex(*children, spacing="3", wrap="wrap", width="100%", align="end")


def _presets() -> rx.Component:
    return rx.flex(
        rx.menu.root(
            rx.menu.trigger(
                rx.button(
                    rx.icon("bookmark", size=14), t("video_mixer_presets"), variant="soft", size="2"
                ),
                id="vm-presets",
            ),
            rx.menu.content(
                rx.cond(
                    S.presets.length() == 0,
                    rx.menu.item(t("video_mixer_no_presets"), disabled=True),
                ),
                rx.foreach(
                    S.presets,
                    lambda p: rx.menu.sub(
                        rx.menu.sub_trigger(p.label),
                        rx.menu.sub_content(
                            rx.menu.item(
                                t("video_mixer_preset_load"), on_click=S.load_preset(p.value)
                            ),
                            rx.menu.item(
                                t("work_delete"),
                                color="red",
                                on_click=S.delete_preset(p.value),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        rx.input(
            value=S.preset_name,
            on_change=S.set_preset_name,
            placeholder=t("video_mixer_preset_name"),
            max_length=60,
            size="2",
            id="vm-preset-name",
        ),
        rx.button(
            t("video_mixer_preset_save"),
            size="2",
            variant="outline",
            on_click=S.save_preset,
            disabled=S.preset_name == "",
        ),
        spacing="2",
        wrap="wrap",
        align="center",
    )


def _metadata_help() -> rx.Component:
    """What the chosen look writes into the file, and what no look does."""
    return rx.vstack(
        rx.text(
            rx.match(
                S.metadata,
                *[(look, t(f"video_mixer_metadata_help_{look}")) for look in rules.METADATA],
                "",
            ),
            size="1",
            id="vm-metadata-help",
        ),
        rx.text(t("video_mixer_metadata_note"), size="1", color_scheme="gray"),
        spacing="1",
        width="100%",
    )


def settings_panel() -> rx.Component:
    return card(
        rx.flex(
            rx.heading(t("video_mixer_settings"), size="4", as_="h2"),
            _presets(),
            justify="between",
            wrap="wrap",
            spacing="2",
            width="100%",
        ),
        rx.text(t("video_mixer_section_mixing"), weight="bold", size="2"),
        rx.grid(
            _switch("order_mixing", S.order_mixing),
            _switch("different_start", S.different_start),
            _switch("group_mixing", S.group_mixing),
            _switch("speed_variations", S.speed_variations),
            _switch("visual_variation", S.visual_variation),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="2",
            width="100%",
        ),
        _row(
            rx.vstack(
                rx.text(t("video_mixer_opt_fixed_first_clip"), size="1", weight="medium"),
                choice_select(
                    ProjectState.clip_choices,
                    S.fixed_first_clip,
                    lambda v: S.set_option("fixed_first_clip", v),
                    id="vm-fixed_first_clip",
                    width="100%",
                ),
                spacing="1",
                flex="1",
                min_width="10rem",
            ),
            rx.cond(
                S.group_mixing,
                _select(
                    "group_mode",
                    S.group_mode,
                    _labelled("video_mixer_group_mode", ("sequential", "random")),
                ),
            ),
        ),
        rx.cond(
            S.speed_variations,
            _row(
                _number("speed_min", S.speed_min, rules.MIN_SPEED, rules.MAX_SPEED, 0.05),
                _number("speed_max", S.speed_max, rules.MIN_SPEED, rules.MAX_SPEED, 0.05),
            ),
        ),
        rx.text(t("video_mixer_section_output"), weight="bold", size="2"),
        _row(
            _select(
                "resolution",
                S.resolution,
                [(v, v.upper() if v == "4k" else v) for v in rules.RESOLUTIONS],
            ),
            _select("aspect", S.aspect, _same(rules.ASPECTS)),
            _select("fit", S.fit, _labelled("video_mixer_fit", ("bars", "crop"))),
            _select("fps", S.fps, _same(rules.FRAME_RATES)),
            _select("bitrate", S.bitrate, _labelled("video_mixer_bitrate", tuple(rules.BITRATES))),
        ),
        rx.cond(
            S.aspect_auto,
            rx.text(
                t("video_mixer_aspect_auto"), size="1", color_scheme="gray", id="vm-aspect-auto"
            ),
        ),
        _row(
            _select(
                "metadata", S.metadata, _labelled("video_mixer_metadata", tuple(rules.METADATA))
            ),
            _select("audio", S.audio, _labelled("video_mixer_audio", ("keep", "mute"))),
        ),
        _metadata_help(),
        rx.text(t("video_mixer_section_duration"), weight="bold", size="2"),
        _row(
            _select(
                "duration_type",
                S.duration_type,
                _labelled("video_mixer_duration", ("original", "fixed")),
            ),
            rx.cond(
                S.duration_type == "fixed",
                rx.fragment(
                    _number("fixed_duration", S.fixed_duration, 1, 600, 1),
                    _select(
                        "distribution",
                        S.distribution,
                        _labelled(
                            "video_mixer_distribution",
                            ("speed", "equal", "proportional", "weighted"),
                        ),
                    ),
                ),
            ),
        ),
    )
