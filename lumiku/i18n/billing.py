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
    "kind_grant": {"id": "Kredit dari Lumiku", "en": "Credits from Lumiku"},
    "kind_hold": {"id": "Dicadangkan", "en": "Reserved"},
    "kind_capture": {"id": "Ditagih", "en": "Charged"},
    "kind_release": {"id": "Tidak ditagih", "en": "Not charged"},
    "kind_refund": {"id": "Dana dikembalikan", "en": "Refund"},
    "kind_adjustment": {"id": "Koreksi saldo", "en": "Balance correction"},
    # a settled reservation, said as what happened to the credits held for the work
    "ledger_not_charged": {"id": "Tidak ditagih", "en": "Not charged"},
    "ledger_charged_in_full": {"id": "Ditagih penuh", "en": "Charged in full"},
    "ledger_charged_in_part": {"id": "Ditagih sebagian", "en": "Partly charged"},
    "ledger_note_all_returned": {
        "id": "{returned} kredit yang dicadangkan kembali utuh ke saldo",
        "en": "All {returned} reserved credits came back to your balance",
    },
    "ledger_note_all_used": {
        "id": "{charged} kredit yang dicadangkan terpakai semua",
        "en": "All {charged} reserved credits were used",
    },
    "ledger_note_part_returned": {
        "id": "{charged} kredit terpakai, sisa {returned} kredit kembali ke saldo",
        "en": "{charged} credits used, the other {returned} came back to your balance",
    },
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
        "id": "Anda membayar kredit untuk setiap hasil, dan semua model bisa Anda pakai.",
        "en": "You pay credits for each result. Every model is open to you.",
    },
    "plans_current": {"id": "Paket Anda", "en": "Your plan"},
    "plans_quota_today": {"id": "Hari ini", "en": "Today"},
    "plans_quota_month": {"id": "Bulan ini", "en": "This month"},
    "plans_quota_used": {
        "id": "{used} dari {limit} kali pakai · diisi ulang {resets_at}",
        "en": "{used} of {limit} uses · refills {resets_at}",
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
    "plans_daily": {"id": "Kuota {n} kali pakai per hari", "en": "A quota of {n} uses a day"},
    "plans_monthly": {"id": "maksimal {n} per bulan", "en": "at most {n} a month"},
    "plans_apps": {"id": "Yang Anda dapat", "en": "What you get"},
    "plans_app_per_day": {
        "id": "{app}: hingga {n} {unit} per hari",
        "en": "{app}: up to {n} {unit} a day",
    },
    "plans_app_unlimited": {"id": "{app}: tanpa batas", "en": "{app}: unlimited"},
    "plans_app_not_included": {
        "id": "{app}: tidak termasuk paket ini",
        "en": "{app}: not in this plan",
    },
    "plans_apps_coming": {"id": "Segera hadir: {apps}", "en": "Coming soon: {apps}"},
    "plans_changed": {"id": "Paket Anda sudah diganti.", "en": "Your plan has changed."},
    "plans_this": {"id": "Saat ini", "en": "Current"},
    # errors
    "insufficient_credits": {
        "id": "Kredit tidak cukup: butuh {required}, saldo Anda {balance}.",
        "en": "Not enough credits: this needs {required} and you have {balance}.",
    },
    "idempotency_conflict": {
        "id": "Permintaan ini sudah terkirim dengan isi yang berbeda. Silakan mulai lagi.",
        "en": "This request was already sent with different details. Please start it again.",
    },
    "idempotency_key_invalid": {
        "id": "Permintaan tidak valid. Silakan muat ulang halaman.",
        "en": "The request is not valid. Please reload the page.",
    },
    "quota_daily_exhausted": {
        "id": "Kuota hari ini ({limit} kali pakai) sudah habis. Terisi lagi {resets_at}.",
        "en": "Today's quota ({limit}) is used up. It resets at {resets_at}.",
    },
    "quota_monthly_exhausted": {
        "id": "Kuota bulan ini ({limit} kali pakai) sudah habis. Terisi lagi {resets_at}.",
        "en": "This month's quota ({limit}) is used up. It resets on {resets_at}.",
    },
    "model_tier_locked": {
        "id": "Model ini hanya untuk paket {tier} ke atas.",
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
        "id": "Tagihan pekerjaan ini sudah diselesaikan.",
        "en": "This work has already been paid for or refunded.",
    },
    "capture_exceeds_hold": {
        "id": "Tagihan ini melebihi yang dicadangkan.",
        "en": "This would charge more than was reserved.",
    },
    "outcome_invalid": {"id": "Hasil tidak dikenal.", "en": "Unknown outcome."},
}
