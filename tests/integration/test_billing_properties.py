"""Random sequences of grants, holds, captures, settles and replays keep every ledger invariant."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlmodel import select

import lumiku.services.video_mixer.rules  # noqa: F401  (registers its formula, set aside below)
from lumiku import plugins
from lumiku.db import session_scope
from lumiku.models import CreditEntry, User
from lumiku.services import auth, billing, seed
from lumiku.services.errors import ServiceError
from tests.factories import verify_email

COUNTER = itertools.count()
KEYS = st.sampled_from([f"k{n}" for n in range(6)])  # small pools, so replays happen often


class Ledger(RuleBasedStateMachine):
    """The model: what the balance must be after each operation, and each hold's state."""

    @initialize()
    def new_account(self):
        n = next(COUNTER)
        signed = auth.register(
            f"prop{n}@example.com",
            "rahasia-123",
            "P",
            ip=f"10.200.{n // 250}.{n % 250}",
            user_agent="hypothesis",
        )
        verify_email(signed.user.id)  # the welcome bonus comes with a verified address
        self.user_id, self.tag = signed.user.id, f"u{signed.user.id}"
        self.balance = billing.WELCOME_BONUS
        self.grants: dict[str, int] = {}
        self.charges: dict[str, tuple[int, str]] = {}  # key → (quantity, hold id)
        self.holds: dict[str, dict] = {}  # id → amount, captured, open
        self.captures: dict[str, tuple[str, int]] = {}

    def expect_error(self, code: str, fn, *args, **kwargs) -> None:
        with pytest.raises(ServiceError) as err:
            fn(*args, **kwargs)
        assert err.value.code == code

    @rule(amount=st.integers(1, 60), key=KEYS)
    def grant(self, amount, key):
        key = f"{self.tag}-grant-{key}"
        if key in self.grants and self.grants[key] != amount:
            self.expect_error(
                "idempotency_conflict",
                billing.add_credits,
                self.user_id,
                amount,
                "grant",
                key,
                "test",
            )
            return
        billing.add_credits(self.user_id, amount, "grant", key, "test")
        if key not in self.grants:
            self.grants[key] = amount
            self.balance += amount

    @rule(quantity=st.integers(1, 12), key=KEYS)
    def charge(self, quantity, key):
        key = f"{self.tag}-charge-{key}"
        cost = 2 * quantity
        call = (self.user_id, "video-mixer", "video-mixer:ffmpeg-standard", {})
        if key in self.charges:
            if self.charges[key][0] != quantity:
                self.expect_error(
                    "idempotency_conflict",
                    billing.charge,
                    *call,
                    quantity=quantity,
                    key=key,
                    description="p",
                )
            else:
                again = billing.charge(*call, quantity=quantity, key=key, description="p")
                assert again.hold_id == self.charges[key][1]
            return
        if cost > self.balance:
            self.expect_error(
                "insufficient_credits",
                billing.charge,
                *call,
                quantity=quantity,
                key=key,
                description="p",
            )
            return
        reservation = billing.charge(*call, quantity=quantity, key=key, description="p")
        self.charges[key] = (quantity, reservation.hold_id)
        self.holds[reservation.hold_id] = {"amount": cost, "captured": 0, "open": True}
        self.balance -= cost

    @precondition(lambda self: self.holds)
    @rule(data=st.data(), amount=st.integers(0, 8), key=KEYS)
    def capture(self, data, amount, key):
        hold_id = data.draw(st.sampled_from(sorted(self.holds)))
        hold, key = self.holds[hold_id], f"{self.tag}-capture-{key}"
        if key in self.captures:
            if self.captures[key] != (hold_id, amount):
                self.expect_error("idempotency_conflict", billing.capture, hold_id, amount, key)
            else:
                billing.capture(hold_id, amount, key)
        elif not hold["open"]:
            self.expect_error("hold_settled", billing.capture, hold_id, amount, key)
        elif hold["captured"] + amount > hold["amount"]:
            self.expect_error("capture_exceeds_hold", billing.capture, hold_id, amount, key)
        else:
            assert billing.capture(hold_id, amount, key) == hold["captured"] + amount
            hold["captured"] += amount
            self.captures[key] = (hold_id, amount)

    @precondition(lambda self: self.holds)
    @rule(data=st.data(), outcome=st.sampled_from(billing.OUTCOMES))
    def settle(self, data, outcome):
        hold_id = data.draw(st.sampled_from(sorted(self.holds)))
        hold = self.holds[hold_id]
        assert billing.settle(hold_id, outcome) is hold["open"]
        if hold["open"]:
            self.balance += hold["amount"] - hold["captured"]
            hold["open"] = False

    @invariant()
    def books_balance(self):
        if not hasattr(self, "user_id"):
            return
        with session_scope() as db:
            cached = db.get(User, self.user_id).credit_balance
            entries = db.exec(
                select(CreditEntry.amount, CreditEntry.balance_after)
                .where(CreditEntry.user_id == self.user_id)
                .order_by(CreditEntry.id)
            ).all()
        assert cached == self.balance >= 0
        running = 0
        for amount, balance_after in entries:
            running += amount
            assert balance_after == running >= 0
        assert running == cached


@pytest.fixture
def open_mixer(db, rds, monkeypatch):
    seed.run_all()
    monkeypatch.setitem(  # priced by its model here
        plugins.BY_ID,
        "video-mixer",
        dataclasses.replace(plugins.BY_ID["video-mixer"], coming_soon=False, price_rule=""),
    )


def test_random_operation_sequences_keep_the_books(open_mixer):
    Ledger.TestCase.settings = settings(
        max_examples=40,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Ledger.TestCase().runTest()
