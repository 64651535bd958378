"""Housekeeping jobs, enqueued periodically by every worker's `Periodic` loop (once per interval
across all workers, thanks to a Redis lock)."""

from __future__ import annotations

from lumiku.services import billing, files, generations, payments, subscriptions


def sweep_holds() -> int:
    return billing.sweep_holds()


def expire_subscriptions() -> int:
    return subscriptions.expire_due()


def reconcile_payments() -> int:
    return payments.reconcile()


def reconcile_generations() -> int:
    return generations.reconcile()


def remove_expired_outputs() -> int:
    return files.remove_expired_outputs()
