"""Calling a registry model from an item's job: its provider, then its fallback, with the
provider's errors turned into the engine's (retry later, or fail this item and refund it); and
the likeness score the avatar apps give a made picture."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from lumiku.db import session_scope
from lumiku.models import AIModel
from lumiku.services import ai, ai_models
from lumiku.services.avatar_generator import rules as avatar_rules
from lumiku.services.avatar_generator.variations import LIKENESS_MODEL
from lumiku.services.generations import ItemFailed, TransientError

T = TypeVar("T")
log = logging.getLogger(__name__)


def _candidates(model_key: str) -> list[ai.ModelSpec]:
    """The model, then its fallback if that one can serve the same capability now."""
    with session_scope() as db:
        model = db.get(AIModel, model_key)
        if model is None:
            raise ItemFailed("model_unavailable")
        if reason := ai_models.unavailable_reason(model):
            raise ItemFailed(reason)
        specs = [ai_models.spec_for(model)]
        fallback = db.get(AIModel, model.fallback_key) if model.fallback_key else None
        if (
            fallback is not None
            and fallback.capability == model.capability
            and not ai_models.unavailable_reason(fallback)
        ):
            specs.append(ai_models.spec_for(fallback))
        return specs


def serve(model_key: str, call: Callable[[ai.ModelSpec], T]) -> tuple[T, str]:
    """`call(spec)` on the model, else on its fallback; returns the result and the key of the
    model that served it. A model still busy after its retries is a TransientError (the job is
    tried again later); any other failure fails the item with the provider's reason."""
    error: ai.AIError | None = None
    for spec in _candidates(model_key):
        try:
            return call(spec), spec.key
        except ai.AIError as exc:
            log.warning("model %s failed: %s (%s)", spec.key, exc.code, exc)
            error = exc
    if isinstance(error, ai.TransientAIError):
        raise TransientError(error.code)
    raise ItemFailed(error.code if error else "item_failed")


def likeness(source: bytes, picture: bytes) -> float | None:
    """How alike the faces in two pictures are (cosine similarity of their embeddings, 0–1)
    through the registry's face-embedding model; None when it cannot be measured (no model
    configured, a refusal, a face not found): a score is a hint, never a reason to fail."""
    try:
        (reference, made), _ = serve(
            LIKENESS_MODEL, lambda spec: (ai.embed_face(spec, source), ai.embed_face(spec, picture))
        )
    except (ItemFailed, TransientError) as exc:
        log.info("no likeness score: %s", exc)
        return None
    return avatar_rules.likeness(reference, made)
