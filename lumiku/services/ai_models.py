"""The AI model registry: which models serve each app, at which tier, and who may use them."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from sqlmodel import Session, select

from lumiku import plugins
from lumiku.db import session_scope
from lumiku.models import AIModel, User
from lumiku.services import ai, audit
from lumiku.services.errors import NotFound, ServiceError

TIERS = plugins.TIERS  # free < basic < pro < enterprise
# Models an app calls on the way to an output (writing a persona, scoring a likeness, picking an
# object to edit), never what a plan's quota is counted in.
HELPER_CAPABILITIES = ("text", "face-embedding", "segmentation")


def tier_rank(tier: str) -> int:
    return TIERS.index(tier) if tier in TIERS else -1


def tier_allows(user_tier: str, model_tier: str) -> bool:
    return tier_rank(model_tier) <= tier_rank(user_tier)


def access_tier(user: User) -> str:
    """Subscribers reach models up to their plan's tier. Pay-as-you-go users pay each model's
    own credit price, so every tier is open to them."""
    return user.subscription_tier if user.account_type == "subscription" else TIERS[-1]


def spec_for(model: AIModel) -> ai.ModelSpec:
    """The row in the provider's terms; a `timeout` among its parameters (seconds for one
    request) is the client's, not sent to the model."""
    parameters = dict(model.parameters or {})
    timeout = parameters.pop("timeout", None)
    valid = isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0
    return ai.ModelSpec(
        key=model.key,
        provider=model.provider,
        provider_model=model.provider_model,
        capability=model.capability,
        parameters=parameters,
        **({"timeout": float(timeout)} if valid else {}),
    )


def unavailable_reason(model: AIModel) -> str:
    """Why this model cannot serve a request now, as a message key; "" when it can. A model
    the platform runs itself (an app's FFmpeg pipeline) needs no provider."""
    if not model.enabled:
        return "model_disabled"
    return setup_problem(model)


def setup_problem(model: AIModel) -> str:
    """What the model's provider lacks on this server, switched on or not: no model id or
    endpoint, no key, a provider nobody knows ("" when nothing)."""
    if not model.capability:
        return ""
    if model.provider != "local" and not model.provider_model:
        return "ai_model_not_configured"
    return ai.missing_configuration(model.provider) or ""


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
    accessible: bool  # enabled, configured and within the user's tier
    provider_model: str = ""
    capability: str = ""
    parameters: dict = field(default_factory=dict)
    fallback_key: str = ""
    reason: str = ""  # unavailable_reason: a message key, "" when it can serve


def _view(model: AIModel, user_tier: str) -> ModelView:
    reason = unavailable_reason(model)
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
        accessible=not reason and tier_allows(user_tier, model.tier),
        provider_model=model.provider_model,
        capability=model.capability,
        parameters=dict(model.parameters or {}),
        fallback_key=model.fallback_key,
        reason=reason,
    )


def models_for(user_id: int, app_id: str, capability: str) -> list[ModelView]:
    """An app's models of one capability as this user sees them: each with whether it can be
    used and, if not, why (a missing key, the plan's tier)."""
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            return []
        tier = access_tier(user)
        models = db.exec(
            select(AIModel)
            .where(AIModel.app_id == app_id, AIModel.capability == capability)
            .order_by(AIModel.display_order)
        ).all()
        return [_view(m, tier) for m in models]


def enabled_models(db: Session) -> list[AIModel]:
    return list(
        db.exec(
            select(AIModel).where(AIModel.enabled).order_by(AIModel.app_id, AIModel.display_order)
        ).all()
    )


def visible_app_ids(user_id: int) -> list[str]:
    """Apps with at least one enabled model the user may use (the original's dashboard rule);
    a helper (a prompt writer) makes nothing on its own, so it does not count."""
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            return []
        tier = access_tier(user)
        usable = {
            m.app_id
            for m in enabled_models(db)
            if tier_allows(tier, m.tier) and m.capability not in HELPER_CAPABILITIES
        }
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
                m.quota_cost
                for m in models
                if m.app_id == app.id
                and tier_allows(tier, m.tier)
                and m.capability not in HELPER_CAPABILITIES
            ]
            rows.append(AppAllowance(app.id, app.name, app.coming_soon, min(costs, default=None)))
        result[tier] = rows
    return result


def helper_reason(key: str) -> str:
    """Why the helper model `key` (a writer, a segmenter: free to the user, called outside the
    engine) cannot serve now, as a message key; "" when it can."""
    with session_scope() as db:
        model = db.get(AIModel, key)
        return "model_unavailable" if model is None else unavailable_reason(model)


def helper_spec(key: str) -> ai.ModelSpec:
    """The helper model `key` in the provider's terms; ServiceError with its reason when it
    cannot serve."""
    with session_scope() as db:
        model = db.get(AIModel, key)
        reason = "model_unavailable" if model is None else unavailable_reason(model)
        if reason:
            raise ServiceError(reason)
        return spec_for(model)


def usable_model(db: Session, user: User, app_id: str, model_key: str) -> AIModel:
    model = db.get(AIModel, model_key) if isinstance(model_key, str) else None
    if model is None or model.app_id != app_id or not model.enabled:
        raise ServiceError("model_unavailable")
    if reason := unavailable_reason(model):
        raise ServiceError(reason)
    if not tier_allows(access_tier(user), model.tier):
        raise ServiceError("model_tier_locked", tier=model.tier)
    return model


def list_all() -> list[ModelView]:
    with session_scope() as db:
        models = db.exec(select(AIModel).order_by(AIModel.app_id, AIModel.display_order)).all()
        return [_view(m, TIERS[-1]) for m in models]


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


def _provider_changes(
    db: Session,
    model: AIModel,
    provider: str | None,
    provider_model: str | None,
    parameters: str | None,
    fallback_key: str | None,
) -> dict[str, object]:
    """The admin's provider fields, checked: a known provider, a model id or an http(s) URL,
    parameters as a JSON object, a fallback of the same capability (never itself)."""
    changes: dict[str, object] = {}
    if provider is not None:
        if provider not in ai.PROVIDERS:
            raise ServiceError("parameter_invalid", name="provider")
        changes["provider"] = provider
    if provider_model is not None:
        text = provider_model.strip() if isinstance(provider_model, str) else None
        url_like = text is not None and "://" in text
        if (
            text is None
            or len(text) > 300
            or any(c.isspace() for c in text)
            or (url_like and not text.startswith(("http://", "https://")))
        ):
            raise ServiceError("parameter_invalid", name="provider_model")
        changes["provider_model"] = text
    if parameters is not None:
        try:
            # NaN and Infinity are not JSON: PostgreSQL's json type would refuse the row
            value = (
                json.loads(parameters, parse_constant=_not_json)
                if isinstance(parameters, str)
                else None
            )
        except ValueError:
            value = None
        if not isinstance(value, dict) or len(parameters) > 4000:
            raise ServiceError("admin_model_parameters_invalid")
        changes["parameters"] = value
    if fallback_key is not None:
        other = db.get(AIModel, fallback_key) if isinstance(fallback_key, str) else None
        if fallback_key and (
            other is None
            or other.key == model.key
            or other.capability != model.capability
            or not model.capability  # what runs here has no provider to fall back from
        ):
            raise ServiceError("admin_model_fallback_invalid")
        changes["fallback_key"] = fallback_key
    return changes


def update(
    key: str,
    *,
    enabled: bool | None = None,
    credit_cost: int | None = None,
    quota_cost: int | None = None,
    provider: str | None = None,
    provider_model: str | None = None,
    parameters: str | None = None,
    fallback_key: str | None = None,
    admin_id: int | None = None,
) -> None:
    """Admin edit (the caller checks the role): switch a model on or off and re-price it. Only
    the fields given change, so two admins editing different fields never undo each other.
    With `admin_id`, the fields' values before and after go to the audit log in the same
    transaction."""
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
        changes = {
            "enabled": enabled,
            "credit_cost": credit_cost,
            "quota_cost": quota_cost,
            **_provider_changes(db, model, provider, provider_model, parameters, fallback_key),
        }
        changes = {name: value for name, value in changes.items() if value is not None}
        before = {name: getattr(model, name) for name in changes}
        for name, value in changes.items():
            setattr(model, name, value)
        if admin_id is not None:
            audit.record(db, admin_id, "update_model", "ai_model", model.key, before, changes)


def test_connection(key: str) -> str:
    """Admin "test connection" (the caller checks the role): a cheap real call to the model's
    provider. Returns what answered; raises ServiceError with the provider's reason."""
    with session_scope() as db:
        model = db.get(AIModel, key) if isinstance(key, str) else None
        if model is None:
            raise NotFound()
        if not model.capability:
            raise ServiceError("admin_model_runs_here")
        spec = spec_for(model)
        reason = setup_problem(model)  # a switched-off model may be tried before it goes on
    if reason:
        raise ServiceError(reason)
    started = time.monotonic()
    try:
        what = ai.test_connection(spec)
    except ai.AIError as exc:
        raise ServiceError(exc.code) from exc
    return what or f"{time.monotonic() - started:.1f} s"
