"""The avatar's variations: a grid that fills in as the batch's items finish (it follows the
user's generation events), each with its seed, style and likeness, saved as a new avatar on
request."""

from __future__ import annotations

import reflex as rx

from lumiku.i18n import format_percent, tr
from lumiku.services import files
from lumiku.services.avatar_creator import avatars
from lumiku.services.avatar_generator import rules, variations
from lumiku.services.errors import ServiceError
from lumiku.state import live
from lumiku.state.avatar_batches import BatchGridMixin
from lumiku.state.avatar_generator.common import (
    APP,
    CREATOR,
    LINK_SECONDS,
    AvatarGeneratorState,
    VariationTile,
)
from lumiku.state.base import Caller, call, error_text, with_user


def style_name(style: str, lang: str) -> str:
    return tr(f"avatar_generator_style_{style}", lang) if style in rules.STYLES else style


@live.follows("generation", APP.route)
class VariationsState(BatchGridMixin, AvatarGeneratorState):
    tiles: list[VariationTile] = []
    saving: str = ""  # the variation being saved, its button busy meanwhile
    _creator_url: str = ""  # the source avatar's project in Avatar Creator

    async def _load(self, user_id: int) -> None:
        lang = await self._lang()
        source = await call(avatars.get, user_id, self.project_id)
        self._creator_url = CREATOR.path(source.project_id)
        rows = await call(variations.list_variations, user_id, self.project_id)
        self.tiles = [
            VariationTile(
                id=v.id,
                image_url=files.signed_file_link(user_id, v.file_id, True, LINK_SECONDS),
                download_url=files.signed_file_link(user_id, v.file_id, False, LINK_SECONDS),
                seed=str(v.seed) if v.seed is not None else "",
                style=style_name(v.style, lang),
                likeness=format_percent(v.likeness),
                low_likeness=v.low_likeness,
                saved=bool(v.saved_avatar_id),
                saved_url=self._creator_url if v.saved_avatar_id else "",
            )
            for v in rows
        ]
        self.loaded = True

    @rx.event
    @with_user
    async def save_variation(self, me: Caller, variation_id: str):
        """The variation becomes an avatar of the same persona in Avatar Creator (once: a
        second click finds the first's avatar)."""
        if not isinstance(variation_id, str) or self.saving:
            return
        if not any(tile.id == variation_id for tile in self.tiles):
            return
        self.saving = variation_id
        try:
            await call(variations.save_as_avatar, me.user.id, variation_id)
            self.notice = tr("avatar_generator_saved_notice", me.lang)
        except Exception as exc:  # noqa: BLE001 - shown, and the grid is redrawn all the same
            self.error = error_text(exc, me.lang)
        finally:
            self.saving = ""
        try:
            await self._load(me.user.id)
        except ServiceError:
            self.tiles = []
