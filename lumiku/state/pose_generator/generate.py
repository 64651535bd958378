"""The form: the chosen poses, the model, quality, fashion (hijab, accessories, outfit), the
background, a profession theme and the seed; the price estimated live and shown in its parts
(base 5 + HD 3 + fashion 2 … per pose); generating after the user confirms it
(lumiku.state.projects.SpendMixin)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import reflex as rx

from lumiku.i18n import tr
from lumiku.services.errors import ServiceError
from lumiku.services.pose_generator import results, rules
from lumiku.state.avatar_batches import BatchFormMixin
from lumiku.state.base import Caller, call, with_user
from lumiku.state.pose_generator.common import (
    APP_ID,
    CAPABILITY,
    NONE,
    ChosenPose,
    PoseGeneratorState,
    choice,
    clean_id,
)
from lumiku.state.projects import SpendMixin

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
# the price's parts as results.price_parts names them, in the order the line shows them
EXTRAS = ("hd", "fashion", "background", "profession")


def _text(value: Any, most: int) -> str | None:
    """A text field as a client sends it, cut a little past its limit (the service names what
    is too long), or None when it is not text."""
    return value[: most + 50] if isinstance(value, str) else None


class GenerateState(SpendMixin, BatchFormMixin, PoseGeneratorState):
    _key_prefix: ClassVar = "pg"
    _messages: ClassVar = "pose_generator"
    chosen: list[ChosenPose] = []  # the poses to make, in the order they were picked
    quality: str = "sd"
    hijab_style: str = NONE
    hijab_color: str = NONE  # a rules.COLORS key or "#rrggbb"
    accessories: list[str] = []
    outfit: str = ""
    background: str = "auto"
    scene: str = next(iter(rules.SCENES))
    custom_prompt: str = ""
    profession: str = NONE
    price_rule: str = ""  # "Per pose: 5 credits; HD +3, fashion +2, …"
    _parts: dict[str, int] = {}

    @rx.var
    def chosen_ids(self) -> list[str]:
        return [pose.id for pose in self.chosen]

    @rx.var
    def chosen_count(self) -> int:
        return len(self.chosen)

    @rx.var
    def hijab_swatch(self) -> str:
        """The colour input's value: the chosen colour as #rrggbb."""
        if _HEX.fullmatch(self.hijab_color):
            return self.hijab_color
        rgb = rules.COLORS.get(self.hijab_color)
        return "#{:02x}{:02x}{:02x}".format(*rgb) if rgb else "#000000"

    # ---------------------------------------------------------------- the request

    def _options(self) -> dict[str, Any]:
        """The form as rules.parse_options reads it (it checks every value)."""
        styled = self.hijab_style != NONE
        return {
            "quality": self.quality,
            "hijab": {
                "style": self.hijab_style,
                "color": self.hijab_color if self.hijab_color != NONE else None,
            }
            if styled
            else None,
            "accessories": list(self.accessories),
            "outfit": self.outfit,
            "background": {
                "type": self.background,
                "scene": self.scene if self.background == "scene" else None,
                "custom_prompt": self.custom_prompt if self.background == "custom" else None,
            },
            "profession": self.profession if self.profession != NONE else None,
        }

    def _raw(self) -> dict[str, Any]:
        return {
            "avatar_id": self.project_id,
            "template_ids": [pose.id for pose in self.chosen],
            "model_key": self.model_key,
            "options": self._options(),
            "seed": self._seed(),
        }

    async def _start(self, user_id: int) -> None:
        """A fresh form for the avatar just opened: no poses chosen yet, and the models this
        user may pick from (the options stay as they were: the same outfit for another
        avatar is likely)."""
        self.confirming = self.busy = False
        self.started_generation = self._generate_key = ""
        self.chosen, self.seed_text = [], ""
        await self._load_models(user_id, APP_ID, CAPABILITY)
        await self._choose_model(user_id)

    async def _choose_model(self, user_id: int) -> None:
        parts = await call(results.price_parts, self.model_key)
        self._parts = (
            {
                name: int(getattr(parts, name, 0) or 0)
                for name in ("base", *EXTRAS, "batch", "quota")
            }
            if parts
            else {}
        )
        await self._estimate(user_id)

    # ---------------------------------------------------------------- the chosen poses

    async def _toggle(self, user_id: int, pose_id: str, name: str) -> None:
        """Adds the pose, or takes it out when it is chosen already (the library's grid)."""
        if any(pose.id == pose_id for pose in self.chosen):
            self.chosen = [pose for pose in self.chosen if pose.id != pose_id]
        elif len(self.chosen) >= rules.MAX_POSES:
            self.error = tr("pose_generator_pick_at_most", await self._lang(), most=rules.MAX_POSES)
            return
        else:
            self.chosen = [*self.chosen, ChosenPose(pose_id, name)]
        await self._estimate(user_id)

    async def _add(self, user_id: int, poses: list[ChosenPose]) -> None:
        """Chooses poses that were just made from photos (kept within the limit)."""
        known = {pose.id for pose in self.chosen}
        fresh = [pose for pose in poses if pose.id not in known]
        self.chosen = [*self.chosen, *fresh][: rules.MAX_POSES]
        await self._estimate(user_id)

    async def _forget(self, user_id: int, pose_id: str) -> None:
        """A deleted template is no longer chosen."""
        if any(pose.id == pose_id for pose in self.chosen):
            self.chosen = [pose for pose in self.chosen if pose.id != pose_id]
            await self._estimate(user_id)

    @rx.event
    @with_user
    async def remove_pose(self, me: Caller, pose_id: str):
        pose_id = clean_id(pose_id)
        if pose_id:
            await self._forget(me.user.id, pose_id)

    @rx.event
    @with_user
    async def clear_poses(self, me: Caller):
        self.chosen = []
        await self._estimate(me.user.id)

    # ---------------------------------------------------------------- the estimate

    def _per_item(self, unit: str, lang: str) -> str:
        parts = self._parts
        if not parts:
            return ""
        if unit != "credits":
            return tr("pose_generator_per_item_quota", lang, quota=parts["quota"])
        options = self._options()
        used = {
            "hd": self.quality == "hd",
            "fashion": bool(options["hijab"] or self.accessories or self.outfit.strip()),
            "background": self.background != "auto",
            "profession": options["profession"] is not None,
        }
        shown = [tr("pose_generator_part_base", lang, credits=parts["base"])]
        total = parts["base"]
        for name in EXTRAS:
            if used[name]:
                shown.append(tr(f"pose_generator_part_{name}", lang, credits=parts[name]))
                total += parts[name]
        return tr("pose_generator_per_item", lang, parts=" + ".join(shown), credits=total)

    def _rule(self, lang: str) -> str:
        """The chosen model's price per pose, and its fee for several poses when it has one."""
        if not self._parts:
            return ""
        rule = tr("pose_generator_price_rule", lang, **self._parts)
        if self._parts["batch"]:
            rule += " " + tr("pose_generator_price_batch", lang, credits=self._parts["batch"])
        return rule

    async def _estimate(self, user_id: int) -> None:
        lang = await self._lang()
        self.est_ready = False
        if not self.project_id:
            return
        if not self.chosen:
            self.form_error = tr("pose_generator_pick_poses", lang)
            self.est_price, self.est_per_item, self.price_rule = "", "", self._rule(lang)
            return
        try:
            quote = await call(results.estimate, user_id, self._raw())
        except ServiceError as exc:
            self._show_refusal(exc, lang)
            self.price_rule = self._rule(lang)  # the chosen model's, though this has no price
            return
        self._show_quote(quote, lang, self._per_item(quote.unit, lang))
        self.price_rule = self._rule(lang) if quote.unit == "credits" else ""
        self.est_ready = True

    async def _submit(self, user_id: int, key: str) -> str:
        return await call(results.generate, user_id, self._raw(), key)

    # ---------------------------------------------------------------- the form's handlers

    @rx.event
    @with_user
    async def set_model(self, me: Caller, key: str):
        if isinstance(key, str) and any(m.value == key and not m.disabled for m in self.models):
            self.model_key = key
            await self._choose_model(me.user.id)

    @rx.event
    @with_user
    async def set_quality(self, me: Caller, value: str):
        if choice(value, rules.QUALITIES):
            self.quality = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_hijab_style(self, me: Caller, value: str):
        if value == NONE or choice(value, rules.HIJAB_STYLES):
            self.hijab_style = value
            if value == NONE:
                self.hijab_color = NONE
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_hijab_color(self, me: Caller, value: str):
        """A named colour from the list, or any colour from the picker (#rrggbb)."""
        if value == NONE or choice(value, rules.COLORS):
            self.hijab_color = value
        elif isinstance(value, str) and _HEX.fullmatch(value):
            self.hijab_color = value.lower()
        else:
            return
        await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def toggle_accessory(self, me: Caller, key: str):
        if not choice(key, rules.ACCESSORIES):
            return
        if key in self.accessories:
            self.accessories = [a for a in self.accessories if a != key]
        else:
            self.accessories = [*self.accessories, key]
        await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_outfit(self, me: Caller, text: str):
        value = _text(text, rules.OUTFIT_MAX)
        if value is not None:
            self.outfit = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_background(self, me: Caller, value: str):
        if choice(value, rules.BACKGROUND_TYPES):
            self.background = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_scene(self, me: Caller, value: str):
        if choice(value, rules.SCENES):
            self.scene, self.background = value, "scene"
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_custom_prompt(self, me: Caller, text: str):
        value = _text(text, rules.CUSTOM_PROMPT_MAX)
        if value is not None:
            self.custom_prompt = value
            await self._estimate(me.user.id)

    @rx.event
    @with_user
    async def set_profession(self, me: Caller, value: str):
        if value == NONE or choice(value, rules.PROFESSIONS):
            self.profession = value
            await self._estimate(me.user.id)
