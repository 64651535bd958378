"""What the apps that make batches of pictures of an avatar (Avatar Generator, Pose Generator)
share on the server: the seed a client may send, the app's registry model, the avatar's
batches still being made, and the guard before an output becomes the app's row."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from lumiku.models import AIModel, AvatarCreatorAvatar
from lumiku.services.errors import ServiceError
from lumiku.services.generations import ItemContext

MAX_SEED = 2**31 - 1


def check_seed(value: Any) -> int | None:
    """A seed as a client sends it: None (a new one each time) or 0 to MAX_SEED."""
    if value is not None and (
        not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_SEED
    ):
        raise ServiceError("parameter_out_of_range", name="seed", low=0, high=MAX_SEED)
    return value


def app_model(db: Session, app_id: str, model_key: Any) -> AIModel | None:
    """The registry model `model_key` names, when it is one of the app's."""
    model = db.get(AIModel, model_key) if isinstance(model_key, str) else None
    return model if model is not None and model.app_id == app_id else None


def can_deliver(db: Session, row_type: type, ctx: ItemContext) -> bool:
    """Whether the item's output is still to become the app's row: not made already (the
    item ran twice), and its avatar not deleted meanwhile (the output stays in My work)."""
    if db.get(row_type, ctx.item_id) is not None:
        return False
    return db.get(AvatarCreatorAvatar, ctx.settings["avatar_id"]) is not None
