"""The AI model registry: which models serve each app, at which tier, and who may use them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from lumiku import plugins
from lumiku.db import session_scope
from lumiku.models import AIModel, User
from lumiku.services.errors import NotFound, ServiceError

TIERS = plugins.TIERS  # free < basic < pro < enterprise


def tier_rank(tier: str) -> int:
    return TIERS.index(tier) if tier in TIERS else -1


def tier_allows(user_tier: str, model_tier: str) -> bool:
    return tier_rank(model_tier) <= tier_rank(user_tier)


def access_tier(user: User) -> str:
    """Subscribers reach models up to their plan's tier. Pay-as-you-go users pay each model's
    own credit price, so every tier is open to them."""
    return user.subscription_tier if user.account_type == "subscription" else TIERS[-1]


@dataclass(frozen=True)
class ModelView:
    key: str
    app_id: str
    name: str
    provider: str
    tier: str
    credit_cost: int
    quota_cost: int
    enabled: bool
    beta: bool
    accessible: bool


def _view(model: AIModel, user_tier: str) -> ModelView:
    return ModelView(
        key=model.key,
        app_id=model.app_id,
        name=model.name,
        provider=model.provider,
        tier=model.tier,
        credit_cost=model.credit_cost,
        quota_cost=model.quota_cost,
        enabled=model.enabled,
        beta=model.beta,
        accessible=model.enabled and tier_allows(user_tier, model.tier),
    )


def enabled_models(db: Session) -> list[AIModel]:
    return list(
        db.exec(
            select(AIModel).where(AIModel.enabled).order_by(AIModel.app_id, AIModel.display_order)
        ).all()
    )


def visible_app_ids(user_id: int) -> list[str]:
    """Apps with at least one enabled model the user may use (the original's dashboard rule)."""
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            return []
        tier = access_tier(user)
        usable = {m.app_id for m in enabled_models(db) if tier_allows(tier, m.tier)}
    return [app.id for app in plugins.dashboard_apps(user.role) if app.id in usable]


@dataclass(frozen=True)
class AppAllowance:
    """What a plan's tier gives in one app, for the plans page: the quota one output takes with
    the cheapest enabled model the tier unlocks (None: no model of the app at this tier)."""

    app_id: str
    name: str
    coming_soon: bool
    quota_per_output: int | None


def allowances_by_tier() -> dict[str, list[AppAllowance]]:
    """For every tier, each dashboard app in order with what the tier unlocks in it."""
    with session_scope() as db:
        models = enabled_models(db)
    apps = [plugins.BY_ID.get(app.id, app) for app in plugins.dashboard_apps()]
    result: dict[str, list[AppAllowance]] = {}
    for tier in TIERS:
        rows = []
        for app in apps:
            costs = [
                m.quota_cost for m in models if m.app_id == app.id and tier_allows(tier, m.tier)
            ]
            rows.append(AppAllowance(app.id, app.name, app.coming_soon, min(costs, default=None)))
        result[tier] = rows
    return result


def usable_model(db: Session, user: User, app_id: str, model_key: str) -> AIModel:
    model = db.get(AIModel, model_key)
    if model is None or model.app_id != app_id or not model.enabled:
        raise ServiceError("model_unavailable")
    if not tier_allows(access_tier(user), model.tier):
        raise ServiceError("model_tier_locked", tier=model.tier)
    return model


def list_all() -> list[ModelView]:
    with session_scope() as db:
        models = db.exec(select(AIModel).order_by(AIModel.app_id, AIModel.display_order)).all()
        return [_view(m, TIERS[-1]) for m in models]


def update(
    key: str,
    *,
    enabled: bool | None = None,
    credit_cost: int | None = None,
    quota_cost: int | None = None,
) -> None:
    """Admin edit (the caller checks the role): switch a model on or off and re-price it. Only
    the fields given change, so two admins editing different fields never undo each other."""
    if enabled is not None and not isinstance(enabled, bool):
        raise ServiceError("parameter_invalid", name="enabled")
    limits = (("credit_cost", credit_cost, 100_000), ("quota_cost", quota_cost, 100))
    for name, value, high in limits:
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
            raise ServiceError("parameter_out_of_range", name=name, low=0, high=high)
    with session_scope() as db:
        model = db.get(AIModel, key) if isinstance(key, str) else None
        if model is None:
            raise NotFound()
        changes = {"enabled": enabled, "credit_cost": credit_cost, "quota_cost": quota_cost}
        for name, value in changes.items():
            if value is not None:
                setattr(model, name, value)
