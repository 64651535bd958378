"""Credits, the ledger, usage and plans, and the errors of billing and pricing."""

MESSAGES: dict[str, dict[str, str]] = {
    # credits and the ledger
    "unit_credits": {"id": "kredit", "en": "credits"},
    "unit_quota_today": {"id": "sisa kuota hari ini", "en": "quota left today"},
    "credits_title": {"id": "Kredit", "en": "Credits"},
    "credits_balance": {"id": "Saldo", "en": "Balance"},
    "credits_history": {"id": "Riwayat", "en": "History"},
    "credits_filter_all": {"id": "Semua", "en": "All"},
    "credits_empty": {"id": "Tidak ada transaksi yang cocok.", "en": "No transactions match."},
    "kind_welcome_bonus": {"id": "Bonus selamat datang", "en": "Welcome bonus"},
    "kind_purchase": {"id": "Pembelian", "en": "Purchase"},
    "kind_grant": {"id": "Pemberian", "en": "Grant"},
    "kind_hold": {"id": "Dicadangkan", "en": "Reserved"},
    "kind_capture": {"id": "Ditagih", "en": "Charged"},
    "kind_release": {"id": "Pengembalian", "en": "Refund"},
    "kind_refund": {"id": "Pengembalian", "en": "Refund"},
    "kind_adjustment": {"id": "Penyesuaian", "en": "Adjustment"},
    # usage
    "usage_title": {"id": "Pemakaian 30 hari terakhir", "en": "Usage in the last 30 days"},
    "usage_empty": {
        "id": "Belum ada pemakaian dalam 30 hari terakhir.",
        "en": "No usage in the last 30 days.",
    },
    "usage_credits": {"id": "Kredit", "en": "Credits"},
    "usage_quota": {"id": "Kuota", "en": "Quota"},
    # plans
    "plans_title": {"id": "Paket", "en": "Plans"},
    "plans_subtitle": {
        "id": "Bayar per pemakaian dengan kredit, atau berlangganan untuk kuota harian.",
        "en": "Pay per use with credits, or subscribe for a daily quota.",
    },
    "plans_payg": {"id": "Bayar per pemakaian", "en": "Pay as you go"},
    "plans_payg_body": {
        "id": "Anda membayar kredit untuk setiap hasil. Semua model terbuka untuk Anda.",
        "en": "You pay credits for each result. Every model is open to you.",
    },
    "plans_current": {"id": "Paket Anda", "en": "Your plan"},
    "plans_quota_today": {"id": "Hari ini", "en": "Today"},
    "plans_quota_month": {"id": "Bulan ini", "en": "This month"},
    "plans_quota_used": {
        "id": "{used} dari {limit} terpakai · reset {resets_at}",
        "en": "{used} of {limit} used · resets {resets_at}",
    },
    "plans_active_until": {"id": "Aktif sampai {ends_at}", "en": "Active until {ends_at}"},
    "plans_cancelled_until": {
        "id": "Dibatalkan: tetap aktif sampai {ends_at}",
        "en": "Cancelled: it stays active until {ends_at}",
    },
    "plans_choose_free": {"id": "Pakai paket gratis", "en": "Use the free plan"},
    "plans_cancel": {"id": "Batalkan paket", "en": "Cancel plan"},
    "plans_cancel_confirm_title": {"id": "Batalkan paket Anda?", "en": "Cancel your plan?"},
    "plans_cancel_confirm_body": {
        "id": (
            "Paket berbayar tetap aktif sampai tanggal berakhirnya; setelah itu Anda membayar per "
            "pemakaian dengan kredit."
        ),
        "en": "A paid plan stays active until its end date; then you pay per use with credits.",
    },
    "plans_per_monthly": {"id": "/ bulan", "en": "/ month"},
    "plans_per_yearly": {"id": "/ tahun", "en": "/ year"},
    "plans_daily": {"id": "{n} per hari", "en": "{n} a day"},
    "plans_monthly": {"id": "{n} per bulan", "en": "{n} a month"},
    "plans_models": {"id": "Model yang terbuka", "en": "Models unlocked"},
    "plans_models_none": {"id": "Tidak ada model tambahan", "en": "No extra models"},
    "plans_changed": {"id": "Paket Anda telah berubah.", "en": "Your plan has changed."},
    "plans_this": {"id": "Saat ini", "en": "Current"},
    # errors
    "insufficient_credits": {
        "id": "Kredit tidak cukup: butuh {required}, saldo Anda {balance}.",
        "en": "Not enough credits: this needs {required} and you have {balance}.",
    },
    "idempotency_conflict": {
        "id": "Permintaan ini sudah dikirim dengan rincian berbeda. Silakan mulai lagi.",
        "en": "This request was already sent with different details. Please start it again.",
    },
    "idempotency_key_invalid": {
        "id": "Permintaan tidak valid. Silakan muat ulang halaman.",
        "en": "The request is not valid. Please reload the page.",
    },
    "quota_daily_exhausted": {
        "id": "Kuota hari ini ({limit}) sudah habis. Reset pada {resets_at}.",
        "en": "Today's quota ({limit}) is used up. It resets at {resets_at}.",
    },
    "quota_monthly_exhausted": {
        "id": "Kuota bulan ini ({limit}) sudah habis. Reset pada {resets_at}.",
        "en": "This month's quota ({limit}) is used up. It resets on {resets_at}.",
    },
    "model_tier_locked": {
        "id": "Model ini membutuhkan paket {tier} atau lebih tinggi.",
        "en": "This model needs the {tier} plan or higher.",
    },
    "model_unavailable": {
        "id": "Model ini sedang tidak tersedia.",
        "en": "This model is not available right now.",
    },
    "app_unavailable": {
        "id": "Aplikasi ini belum tersedia.",
        "en": "This app is not available yet.",
    },
    "plan_unknown": {"id": "Paket tidak dikenal.", "en": "Unknown plan."},
    "plan_paid_active": {
        "id": "Paket berbayar Anda masih berjalan; batalkan dan paket berakhir pada tanggalnya.",
        "en": "Your paid plan is still running; cancel it and it ends on its date.",
    },
    "reason_required": {"id": "Tulis alasannya.", "en": "Write the reason."},
    "amount_invalid": {
        "id": "Masukkan jumlah kredit bulat selain nol.",
        "en": "Enter a whole number of credits other than zero.",
    },
    "kind_invalid": {"id": "Jenis transaksi tidak dikenal.", "en": "Unknown kind of transaction."},
    "hold_settled": {
        "id": "Pekerjaan ini sudah dibayar atau dikembalikan.",
        "en": "This work has already been paid for or refunded.",
    },
    "capture_exceeds_hold": {
        "id": "Tagihan ini melebihi yang dicadangkan.",
        "en": "This would charge more than was reserved.",
    },
    "outcome_invalid": {"id": "Hasil tidak dikenal.", "en": "Unknown outcome."},
    "ledger_charged": {
        "id": "{charged} ditagih dari yang dicadangkan, {returned} dikembalikan",
        "en": "{charged} charged from what was held, {returned} returned",
    },
}
