"""Credits, holds, quotas and plans on the real database: exact under concurrency."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

import lumiku.services.video_mixer.rules  # noqa: F401  (registers its formula, set aside below)
from lumiku import plugins
from lumiku.db import session_scope, utcnow
from lumiku.models import AIModel, AppUsage, CreditEntry, Hold, QuotaUsage, User
from lumiku.services import (
    ai_models,
    billing,
    events,
    quotas,
    seed,
    subscriptions,
)
from lumiku.services.accounts import lock_account
from lumiku.services.errors import ServiceError
from lumiku.settings import get_settings
from tests.factories import new_user

MIXER, MIXER_MODEL = "video-mixer", "video-mixer:ffmpeg-standard"  # 2 credits, 1 quota each


@pytest.fixture(autouse=True)
def billing_world(db, rds, monkeypatch):
    """Seeded plans and models, and apps open for business, each priced by the registry alone
    (their own formulas set aside). A Hugging Face token is configured, so the provider-served
    rows can be charged for (nothing here calls a provider)."""
    monkeypatch.setenv("HF_TOKEN", "hf_billing_tests")
    get_settings.cache_clear()
    seed.run_all()
    monkeypatch.setattr(
        plugins,
        "BY_ID",
        {
            app.id: dataclasses.replace(app, coming_soon=False, price_rule="")
            for app in plugins.APPS
        },
    )


def hold(
    user_id: int,
    quantity: int = 5,
    key: str = "k1",
    app: str = MIXER,
    model: str = MIXER_MODEL,
    **kw,
) -> billing.Reservation:
    return billing.charge(
        user_id, app, model, {}, quantity=quantity, key=key, description=f"{quantity} videos", **kw
    )


def code_of(fn, *args, **kwargs) -> ServiceError:
    with pytest.raises(ServiceError) as err:
        fn(*args, **kwargs)
    return err.value


def assert_ledger_consistent(user_id: int) -> None:
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user.credit_balance >= 0
        assert billing.ledger_sum(db, user_id) == user.credit_balance
        entries = db.exec(
            select(CreditEntry).where(CreditEntry.user_id == user_id).order_by(CreditEntry.id)
        ).all()
        running = 0
        for entry in entries:
            running += entry.amount
            assert entry.balance_after == running


# ------------------------------------------------------------------ ledger


def test_registration_gives_one_welcome_bonus():
    user_id = new_user()
    assert billing.balance(user_id) == 100
    page = billing.history(user_id)
    assert [(r.kind, r.amount, r.balance_after) for r in page.rows] == [("welcome_bonus", 100, 100)]
    with session_scope() as db:  # replaying it inside another transaction changes nothing
        billing.welcome_bonus(db, lock_account(db, user_id))
    assert billing.balance(user_id) == 100


def test_replays_return_the_first_result_and_conflicts_are_refused():
    user_id = new_user()
    first = billing.add_credits(user_id, 50, "grant", "g-1", "Promo")
    again = billing.add_credits(user_id, 50, "grant", "g-1", "Promo")
    assert first.id == again.id and billing.balance(user_id) == 150
    assert (
        code_of(billing.add_credits, user_id, 60, "grant", "g-1", "Promo").code
        == "idempotency_conflict"
    )
    assert billing.balance(user_id) == 150


def test_deductions_never_overdraw():
    user_id = new_user()
    err = code_of(billing.add_credits, user_id, -101, "adjustment", "a-1", "Correction")
    assert err.code == "insufficient_credits" and err.params == {"required": 101, "balance": 100}
    billing.add_credits(user_id, -100, "adjustment", "a-2", "Correction")
    assert billing.balance(user_id) == 0
    assert_ledger_consistent(user_id)


@pytest.mark.parametrize("amount", [0, 1.5, True, "10", 10**9])
def test_odd_amounts_are_refused(amount):
    user_id = new_user()
    assert code_of(billing.add_credits, user_id, amount, "grant", "x", "x").code == "amount_invalid"


# ------------------------------------------------------------------ holds


def test_fifty_concurrent_holds_against_a_balance_for_ten(services):
    user_id = new_user()  # 100 credits; each hold is 5 videos × 2 credits = 10

    def attempt(n: int) -> str:
        try:
            hold(user_id, key=f"concurrent-{n}")
            return "held"
        except ServiceError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(attempt, range(50)))
    assert results.count("held") == 10, sorted(set(results))
    assert results.count("insufficient_credits") == 40
    assert billing.balance(user_id) == 0
    assert_ledger_consistent(user_id)


def test_capture_then_settle_charges_what_was_produced():
    user_id = new_user()
    reservation = hold(user_id)  # 10 credits held
    assert (reservation.unit, reservation.amount, billing.balance(user_id)) == ("credits", 10, 90)
    assert billing.capture(reservation.hold_id, 2, "item-1") == 2
    assert billing.capture(reservation.hold_id, 2, "item-1") == 2  # a rerun job: no double charge
    assert billing.capture(reservation.hold_id, 2, "item-2") == 4
    assert code_of(billing.capture, reservation.hold_id, 7, "item-3").code == "capture_exceeds_hold"
    assert billing.settle(reservation.hold_id, "succeeded") is True
    assert billing.settle(reservation.hold_id, "failed") is False  # resolves once
    assert billing.balance(user_id) == 96
    kinds = [(r.kind, r.amount, r.charged) for r in billing.history(user_id).rows]
    assert kinds[:2] == [("capture", 6, 4), ("hold", -10, 0)]  # 4 charged, 6 came back
    assert code_of(billing.capture, reservation.hold_id, 1, "item-4").code == "hold_settled"
    with session_scope() as db:
        usage = db.exec(select(AppUsage).where(AppUsage.user_id == user_id)).one()
    assert (usage.app_id, usage.credits_used) == (MIXER, 4)
    assert_ledger_consistent(user_id)


def test_failed_work_shows_a_refund_line():
    user_id = new_user()
    reservation = hold(user_id)
    billing.settle(reservation.hold_id, "failed")
    newest = billing.history(user_id).rows[0]
    assert (newest.kind, newest.amount, newest.balance_after) == ("release", 10, 100)
    assert newest.description == "Video Mixer · 5 videos"
    with session_scope() as db:
        assert db.get(Hold, reservation.hold_id).outcome == "failed"
    assert billing.history(user_id, kind="release").total == 1


def test_concurrent_settles_release_exactly_once():
    user_id = new_user()
    reservation = hold(user_id)
    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(
            pool.map(lambda _: billing.settle(reservation.hold_id, "cancelled"), range(10))
        )
    assert outcomes.count(True) == 1
    assert billing.balance(user_id) == 100
    assert_ledger_consistent(user_id)


def test_a_crash_between_hold_and_capture_is_swept_exactly_once():
    user_id = new_user()
    reservation = hold(user_id, ttl=timedelta(seconds=-1))  # the worker died; the hold timed out
    survivor = hold(user_id, key="still-running")
    with ThreadPoolExecutor(max_workers=4) as pool:
        released = sum(pool.map(lambda _: billing.sweep_holds(), range(4)))
    assert released == 1
    assert billing.balance(user_id) == 90  # only the live hold remains
    with session_scope() as db:
        assert db.get(Hold, reservation.hold_id).status == "settled"
        assert db.get(Hold, survivor.hold_id).status == "open"
    assert billing.history(user_id, kind="release").total == 1


def test_holds_whose_work_is_gone_are_released():
    user_id = new_user()
    gone = hold(user_id, reference=("generation", "41"))
    alive = hold(user_id, key="k2", reference=("generation", "42"))

    def work_state(reference_type: str, reference_id: str) -> str:
        assert reference_type == "generation"
        return billing.WORKING if reference_id == "42" else billing.GONE

    assert billing.sweep_holds(work_state) == 1
    with session_scope() as db:
        assert db.get(Hold, gone.hold_id).status == "settled"
        assert db.get(Hold, alive.hold_id).status == "open"


def test_charge_replays_and_refuses_a_changed_request():
    user_id = new_user()
    first = hold(user_id, key="submit-1")
    assert hold(user_id, key="submit-1") == first  # a double click holds once
    assert code_of(hold, user_id, quantity=6, key="submit-1").code == "idempotency_conflict"
    assert billing.balance(user_id) == 90


def test_prices_come_from_the_server():
    user_id = new_user()
    reservation = billing.charge(
        user_id,
        MIXER,
        MIXER_MODEL,
        {"credits": 0, "price": -5},
        quantity=3,
        key="p",
        description="x",
    )
    assert reservation.amount == 6
    with session_scope() as db:
        db.execute(update(AIModel).where(AIModel.key == MIXER_MODEL).values(credit_cost=7))
    assert hold(user_id, quantity=1, key="p2").amount == 7  # the registry price, re-read


@pytest.mark.parametrize(
    ("quantity", "code"),
    [(0, "quantity_invalid"), (101, "quantity_invalid"), ("5", "quantity_invalid")],
)
def test_bad_quantities(quantity, code):
    assert code_of(hold, new_user(), quantity=quantity).code == code


def test_dynamic_prices_per_second_and_megapixel():
    """The registry's generic per-second and per-megapixel prices (Video Generator has its own
    formula now; its row stands in for any app priced by the registry)."""
    user_id = new_user()
    billing.add_credits(user_id, 1000, "grant", "g", "g")
    with session_scope() as db:
        db.execute(
            update(AIModel)
            .where(AIModel.key == "video-generator:wan2.2")
            .values(credit_cost=5, credit_per_second=1.0)
        )
    video = billing.charge(
        user_id,
        "video-generator",
        "video-generator:wan2.2",
        {"duration": 6},
        quantity=1,
        key="v",
        description="t2v",
    )
    assert video.amount == 6  # ceil(1.0/s × 6 s), at least the flat 5
    with session_scope() as db:  # the original's row, seeded switched off (no provider serves it)
        db.execute(
            update(AIModel).where(AIModel.key == "poster-editor:inpaint-pro").values(enabled=True)
        )
    poster = billing.charge(
        user_id,
        "poster-editor",
        "poster-editor:inpaint-pro",
        {"width": 4000, "height": 3000},
        quantity=2,
        key="i",
        description="i",
    )
    assert poster.amount == 2 * 36  # ceil(3.0/MP × 12 MP) per output
    assert (
        code_of(
            billing.charge,
            user_id,
            "video-generator",
            "video-generator:wan2.2",
            {"duration": "long"},
            quantity=1,
            key="bad",
            description="x",
        ).code
        == "parameter_invalid"
    )


def test_unknown_disabled_and_unbuilt_apps_and_models(monkeypatch):
    user_id = new_user()
    assert code_of(hold, user_id, model="video-mixer:nope").code == "model_unavailable"
    assert (
        code_of(hold, user_id, model="carousel-mix:canvas-standard").code == "model_unavailable"
    )  # another app's model
    assert code_of(hold, user_id, app="not-an-app").code == "app_unavailable"
    unbuilt = dataclasses.replace(plugins.BY_ID[MIXER], coming_soon=True)
    monkeypatch.setitem(plugins.BY_ID, MIXER, unbuilt)
    assert code_of(hold, user_id).code == "app_unavailable"


# ------------------------------------------------------------------ tiers and quotas


def test_tier_gating_for_subscribers_not_for_pay_as_you_go():
    payg, subscriber = new_user(1), new_user(2)
    billing.add_credits(payg, 5_000, "grant", "g", "g")
    billing.charge(
        payg, "video-generator", "video-generator:veo3", {}, quantity=1, key="a", description="x"
    )  # pay-as-you-go pays its price, any tier
    subscriptions.set_plan(subscriber, "basic-monthly", "test")
    err = code_of(
        billing.charge,
        subscriber,
        "video-generator",
        "video-generator:kling-2.5",
        {},
        quantity=1,
        key="b",
        description="x",
    )
    assert err.code == "model_tier_locked" and err.params == {"tier": "pro"}
    ok = billing.charge(
        subscriber,
        "video-generator",
        "video-generator:veo2",
        {},
        quantity=1,
        key="c",
        description="x",
    )
    assert (ok.unit, ok.amount) == ("quota", 1)
    assert billing.balance(subscriber) == 100  # quota, not credits


def test_daily_quota_is_enforced_with_its_reset_time():
    user_id = new_user()
    subscriptions.set_plan(user_id, "free-forever", "test")  # 10 a day, 300 a month
    hold(user_id, quantity=6, key="q1")
    hold(user_id, quantity=4, key="q2")
    err = code_of(hold, user_id, quantity=1, key="q3")
    assert err.code == "quota_daily_exhausted" and err.params["left"] == 0
    assert err.params["resets_at"] == quotas.periods().daily_resets_at
    assert billing.wallet(user_id).quota_left == 0


def test_monthly_quota_is_enforced_too():
    user_id = new_user()
    subscriptions.set_plan(user_id, "free-forever", "test")
    with session_scope() as db:
        db.add(
            QuotaUsage(
                user_id=user_id, period_type="monthly", period=quotas.periods().monthly, used=299
            )
        )
    hold(user_id, quantity=1, key="m1")
    err = code_of(hold, user_id, quantity=1, key="m2")
    assert err.code == "quota_monthly_exhausted"
    assert err.params["resets_at"] == quotas.periods().monthly_resets_at


def test_failed_work_gives_quota_back():
    user_id = new_user()
    subscriptions.set_plan(user_id, "free-forever", "test")
    reservation = hold(user_id, quantity=10, key="all")
    billing.capture(reservation.hold_id, 3, "done-3")
    billing.settle(reservation.hold_id, "failed")
    with session_scope() as db:
        status = quotas.status(db, user_id, subscriptions._plan(db, "free-forever"))
    assert (status.daily_used, status.monthly_used) == (3, 3)


def test_quota_periods_follow_the_configured_time_zone():
    # 23:30 UTC is already the next morning in Jakarta (UTC+7).
    late = quotas.periods(datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    assert (late.daily, late.monthly) == ("2026-12-01", "2026-12")
    assert late.daily_resets_at.isoformat() == "2026-12-02T00:00:00+07:00"
    assert late.monthly_resets_at.isoformat() == "2027-01-01T00:00:00+07:00"


def test_quota_rolls_over_with_the_day():
    user_id = new_user()
    subscriptions.set_plan(user_id, "free-forever", "test")
    today, tomorrow = utcnow(), utcnow() + timedelta(days=1)
    with session_scope() as db:
        plan = subscriptions._plan(db, "free-forever")
        lock_account(db, user_id)
        quotas.consume(db, user_id, plan, 10, MIXER_MODEL, now=today)
        with pytest.raises(ServiceError):
            quotas.consume(db, user_id, plan, 1, MIXER_MODEL, now=today)
        quotas.consume(db, user_id, plan, 10, MIXER_MODEL, now=tomorrow)  # a new day


def test_enterprise_unlimited_keeps_its_meaning():
    user_id = new_user()
    with session_scope() as db:
        db.execute(update(User).where(User.id == user_id).values(user_tags=[billing.UNLIMITED_TAG]))
    free = hold(user_id, quantity=50)
    assert free.amount == 0 and billing.balance(user_id) == 100
    billing.settle(free.hold_id, "succeeded")
    paid = billing.charge(
        user_id,
        "looping-flow",
        "looping-flow:ffmpeg-loop",
        {},
        quantity=1,
        key="loop",
        description="x",
    )
    assert paid.amount == 2 and billing.balance(user_id) == 98
    with session_scope() as db:
        assert db.exec(select(AppUsage).where(AppUsage.app_id == MIXER)).one().credits_used == 0


# ------------------------------------------------------------------ subscriptions


def test_subscription_lifecycle_ends_in_pay_as_you_go():
    user_id = new_user()
    subscriptions.set_plan(user_id, "pro-monthly", "admin:1")
    current = subscriptions.current(user_id)
    assert (current.tier, current.status) == ("pro", "active")
    subscriptions.cancel(user_id)
    assert subscriptions.current(user_id).status == "cancelled"  # runs to its end
    assert billing.wallet(user_id).account_type == "subscription"
    assert subscriptions.expire_due(current.ends_at + timedelta(seconds=1)) == 1
    with session_scope() as db:
        user = db.get(User, user_id)
        assert (user.account_type, user.subscription_tier) == ("payg", "free")
    assert subscriptions.current(user_id) is None


def test_an_ended_subscription_charges_credits_even_before_the_expiry_job():
    user_id = new_user()
    subscriptions.set_plan(user_id, "basic-monthly", "test")
    with session_scope() as db:
        from lumiku.models import Subscription

        db.execute(update(Subscription).values(ends_at=utcnow() - timedelta(seconds=1)))
    assert hold(user_id).unit == "credits"


def test_renewing_extends_and_changing_plan_replaces():
    user_id = new_user()
    subscriptions.set_plan(user_id, "basic-monthly", "p1")
    first_end = subscriptions.current(user_id).ends_at
    subscriptions.set_plan(user_id, "basic-monthly", "p2")
    assert subscriptions.current(user_id).ends_at == first_end + timedelta(days=30)
    subscriptions.set_plan(user_id, "pro-yearly", "p3")
    current = subscriptions.current(user_id)
    assert (current.plan_id, current.tier) == ("pro-yearly", "pro")
    assert current.ends_at > utcnow() + timedelta(days=360)


def test_the_free_plan_renews_itself_and_ends_at_once_when_cancelled():
    user_id = new_user()
    subscriptions.choose_free_plan(user_id)
    ends = subscriptions.current(user_id).ends_at
    assert subscriptions.expire_due(ends + timedelta(seconds=1)) == 0
    assert subscriptions.current(user_id).ends_at > ends
    subscriptions.cancel(user_id)
    assert subscriptions.current(user_id) is None and billing.wallet(user_id).account_type == "payg"


def test_users_cannot_downgrade_a_paid_plan_to_free_themselves():
    user_id = new_user()
    subscriptions.set_plan(user_id, "pro-monthly", "test")
    assert code_of(subscriptions.choose_free_plan, user_id).code == "plan_paid_active"
    assert code_of(subscriptions.set_plan, user_id, "gold-plan", "x").code == "plan_unknown"


# ------------------------------------------------------------------ registry and live updates


def test_dashboard_shows_apps_with_a_usable_model():
    payg, subscriber = new_user(1), new_user(2)
    subscriptions.set_plan(subscriber, "free-forever", "test")
    assert len(ai_models.visible_app_ids(subscriber)) == 8
    with session_scope() as db:
        db.execute(
            update(AIModel).where(AIModel.key == "video-generator:wan2.2").values(enabled=False)
        )
    assert "video-generator" not in ai_models.visible_app_ids(subscriber)
    assert "video-generator" in ai_models.visible_app_ids(payg)


def test_every_balance_change_is_announced_after_commit(rds):
    user_id = new_user()
    before = rds.xlen(events.STREAM)
    reservation = hold(user_id)
    billing.settle(reservation.hold_id, "failed")
    entries = rds.xrange(events.STREAM)[before:]
    assert [(e[1][b"user_id"], e[1][b"topic"]) for e in entries] == [
        (str(user_id).encode(), b"billing")
    ] * 2


# ---------------------------------------------------------------- the history as a seller reads it


def test_the_history_says_what_each_settlement_did_in_words():
    """No "Ditagih 0": a settlement line says what happened to the credits held, and a generic
    description (the welcome bonus's, stored in English) gives way to the kind's own label."""
    from lumiku.state.billing import entry_row

    user_id = new_user()
    nothing = hold(user_id, 5, key="nothing")  # 10 held, nothing produced
    billing.settle(nothing.hold_id, "failed")
    everything = hold(user_id, 2, key="everything")  # 4 held, all produced
    billing.capture(everything.hold_id, 4, "all")
    billing.settle(everything.hold_id, "succeeded")
    part = hold(user_id, 3, key="part")  # 6 held, one of three produced
    billing.capture(part.hold_id, 2, "one")
    billing.settle(part.hold_id, "succeeded")
    rows = {r.id: r for r in billing.history(user_id).rows}
    shown = {
        lang: [
            (row.kind, row.amount, row.note, row.description)
            for row in map(lambda r: entry_row(r, lang), rows.values())
        ]
        for lang in ("id", "en")
    }
    assert shown["id"][:6] == [
        (
            "Ditagih sebagian",
            "+4",
            "2 kredit terpakai, sisa 4 kredit kembali ke saldo",
            "Video Mixer · 3 videos",
        ),
        ("Dicadangkan", "-6", "", "Video Mixer · 3 videos"),
        (
            "Ditagih penuh",
            "–",
            "4 kredit yang dicadangkan terpakai semua",
            "Video Mixer · 2 videos",
        ),
        ("Dicadangkan", "-4", "", "Video Mixer · 2 videos"),
        (
            "Tidak ditagih",
            "+10",
            "10 kredit yang dicadangkan kembali utuh ke saldo",
            "Video Mixer · 5 videos",
        ),
        ("Dicadangkan", "-10", "", "Video Mixer · 5 videos"),
    ]
    assert shown["id"][6] == ("Bonus selamat datang", "+100", "", "")
    assert shown["en"][6] == ("Welcome bonus", "+100", "", "")
    assert shown["en"][2][:3] == ("Charged in full", "–", "All 4 reserved credits were used")
    for lang in ("id", "en"):  # no line says a kind and then 0 credits
        assert not [row for row in shown[lang] if row[1] in ("0", "+0")]
    assert_ledger_consistent(user_id)


def test_every_ledger_kind_and_settlement_has_a_label_in_both_languages():
    from lumiku.i18n import MESSAGES

    keys = [f"kind_{kind}" for kind in billing.KINDS]
    keys += ["ledger_not_charged", "ledger_charged_in_full", "ledger_charged_in_part"]
    for lang in ("id", "en"):
        assert all(MESSAGES[lang].get(key) for key in keys)
    # the kind filter never offers two kinds under one name
    assert len({MESSAGES["id"][f"kind_{k}"] for k in billing.KINDS}) == len(billing.KINDS)


def test_plan_cards_say_what_each_plan_gives_per_app_in_plain_words():
    """Quotas with their unit, and per app what a plan allows, from the plans and the model
    registry: not AI model names a Video Mixer user cannot place."""
    from lumiku.state.billing import plan_apps

    allowances = ai_models.allowances_by_tier()
    free = plan_apps(10, allowances["free"], "id")
    assert "Video Mixer: hingga 10 video per hari" in free
    assert "Video Generator: hingga 10 video per hari" in free  # 1 quota per video at free
    assert "Video Mixer: up to 100 videos a day" in plan_apps(100, allowances["pro"], "en")
    with session_scope() as db:  # Kling takes 2 quota a video; Wan is switched off
        db.get(AIModel, "video-generator:wan2.2").enabled = False
        db.get(AIModel, "video-generator:veo2").enabled = False
    allowances = ai_models.allowances_by_tier()
    assert "Video Generator: tidak termasuk paket ini" in plan_apps(10, allowances["free"], "id")
    assert "Video Generator: hingga 50 video per hari" in plan_apps(100, allowances["pro"], "id")
    with session_scope() as db:
        db.get(AIModel, MIXER_MODEL).quota_cost = 0
    assert "Video Mixer: tanpa batas" in plan_apps(10, ai_models.allowances_by_tier()["free"], "id")


def test_plan_cards_name_every_app_and_those_still_to_come():
    from lumiku.state.billing import plan_apps

    free = ai_models.allowances_by_tier()["free"]
    lines = plan_apps(10, free, "id")
    assert lines == [
        "Avatar Creator: hingga 10 avatar per hari",  # the persona writer is not counted
        "Avatar Generator: hingga 10 variasi avatar per hari",
        "Pose Generator: hingga 10 pose per hari",
        "Video Generator: hingga 10 video per hari",
        "Video Mixer: hingga 10 video per hari",
        "Poster Editor: hingga 10 suntingan poster per hari",  # segmentation is not counted
        "Carousel Mix: hingga 10 set carousel per hari",
        "Looping Flow: hingga 10 loop per hari",
    ]
    unbuilt = [dataclasses.replace(a, coming_soon=a.app_id == "looping-flow") for a in free]
    assert plan_apps(10, unbuilt, "id")[-1] == "Segera hadir: Looping Flow"
