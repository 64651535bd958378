"""Buying credits and plans through Duitku: checkout, payment pages and their errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # buying
    "buy_title": {"id": "Beli kredit", "en": "Buy credits"},
    "buy_button": {"id": "Beli", "en": "Buy"},
    "subscribe_button": {"id": "Berlangganan", "en": "Subscribe"},
    "buy_confirm_title": {"id": "Lanjut ke pembayaran?", "en": "Continue to payment?"},
    "buy_extends_plan": {
        "id": "Paket {plan} Anda berlaku sampai {until}; ini menambah satu periode.",
        "en": "Your {plan} plan runs until {until}; this adds one more period.",
    },
    "buy_replaces_plan": {
        "id": (
            "Paket {plan} Anda (sampai {until}) berakhir begitu paket ini mulai; sisa harinya "
            "tidak dipindahkan."
        ),
        "en": (
            "Your {plan} plan (until {until}) ends as soon as this one starts; its remaining days "
            "are not carried over."
        ),
    },
    "buy_confirm_body": {
        "id": (
            "Anda akan membayar di halaman Duitku. Kredit atau paket Anda aktif segera setelah "
            "Duitku mengonfirmasi pembayaran."
        ),
        "en": (
            "You will pay on Duitku's page. Credits or your plan start as soon as Duitku confirms "
            "the payment."
        ),
    },
    "buy_continue": {"id": "Bayar dengan Duitku", "en": "Pay with Duitku"},
    "payments_off": {
        "id": "Pembayaran belum dikonfigurasi. Admin tetap dapat memberikan kredit.",
        "en": "Payments are not configured yet. An admin can still grant credits.",
    },
    # payment pages
    "payments_title": {"id": "Pembayaran", "en": "Payments"},
    "payments_empty": {"id": "Belum ada pembayaran.", "en": "No payments yet."},
    "payment_title": {"id": "Pembayaran", "en": "Payment"},
    "payment_status_pending": {"id": "Menunggu pembayaran", "en": "Waiting for payment"},
    "payment_status_paid": {"id": "Lunas", "en": "Paid"},
    "payment_status_failed": {"id": "Gagal", "en": "Failed"},
    "payment_status_expired": {"id": "Kedaluwarsa", "en": "Expired"},
    "payment_pending_body": {
        "id": "Halaman ini diperbarui otomatis begitu Duitku mengonfirmasi.",
        "en": "This page updates by itself as soon as Duitku confirms.",
    },
    "payment_paid_body": {
        "id": "Terima kasih! Pembelian Anda siap dipakai.",
        "en": "Thank you! Your purchase is ready to use.",
    },
    "payment_failed_body": {
        "id": "Pembayaran tidak berhasil. Lumiku tidak menagih apa pun.",
        "en": "The payment did not go through. Nothing was charged by Lumiku.",
    },
    "payment_expired_body": {
        "id": "Waktu pembayaran habis. Anda dapat memulai pembelian baru.",
        "en": "The time to pay has run out. You can start a new purchase.",
    },
    "payment_order": {"id": "Nomor pesanan", "en": "Order number"},
    "payment_item": {"id": "Item", "en": "Item"},
    "payment_amount": {"id": "Jumlah", "en": "Amount"},
    "payment_created": {"id": "Dibuat", "en": "Created"},
    "payment_paid_at": {"id": "Dibayar", "en": "Paid"},
    "payment_reference": {"id": "Referensi Duitku", "en": "Duitku reference"},
    "payment_method": {"id": "Metode", "en": "Method"},
    "payment_continue": {"id": "Lanjutkan pembayaran", "en": "Continue paying"},
    "payment_print": {"id": "Cetak kuitansi", "en": "Print receipt"},
    "payment_not_found": {
        "id": "Pembayaran ini tidak ditemukan di akun Anda.",
        "en": "We could not find this payment in your account.",
    },
    # errors
    "payments_not_configured": {
        "id": "Pembayaran belum dikonfigurasi.",
        "en": "Payments are not configured yet.",
    },
    "item_unknown": {"id": "Item ini tidak dapat dibeli.", "en": "This item cannot be bought."},
    "payment_gateway_error": {
        "id": "Duitku tidak dapat memulai pembayaran. Silakan coba lagi nanti.",
        "en": "Duitku could not start the payment. Please try again shortly.",
    },
    "amount_mismatch": {
        "id": "Jumlah yang dibayar tidak sama dengan pesanan.",
        "en": "The paid amount does not match the order.",
    },
    "rate_limited_checkout": {
        "id": "Terlalu banyak percobaan pembayaran. Coba lagi dalam {minutes} menit.",
        "en": "Too many payment attempts. Try again in {minutes} minutes.",
    },
}
