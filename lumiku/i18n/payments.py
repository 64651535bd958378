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
        "id": "Pembayaran online belum aktif. Untuk sementara, admin bisa menambahkan kredit.",
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
        "id": "Pembayaran tidak berhasil. Anda tidak ditagih apa pun.",
        "en": "The payment did not go through. Nothing was charged by Lumiku.",
    },
    "payment_expired_body": {
        "id": "Waktu pembayaran habis. Anda dapat memulai pembelian baru.",
        "en": "The time to pay has run out. You can start a new purchase.",
    },
    "payment_order": {"id": "Nomor pesanan", "en": "Order number"},
    "payment_item": {"id": "Yang dibeli", "en": "Item"},
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
        "id": "Pembayaran online belum aktif.",
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
    # payment methods by Duitku's code (lumiku.services.duitku.PAYMENT_METHODS)
    "payment_method_VC": {
        "id": "Kartu kredit (Visa / Mastercard / JCB)",
        "en": "Credit card (Visa / Mastercard / JCB)",
    },
    "payment_method_BC": {"id": "BCA Virtual Account", "en": "BCA Virtual Account"},
    "payment_method_M2": {"id": "Mandiri Virtual Account", "en": "Mandiri Virtual Account"},
    "payment_method_VA": {"id": "Maybank Virtual Account", "en": "Maybank Virtual Account"},
    "payment_method_I1": {"id": "BNI Virtual Account", "en": "BNI Virtual Account"},
    "payment_method_B1": {"id": "CIMB Niaga Virtual Account", "en": "CIMB Niaga Virtual Account"},
    "payment_method_BT": {
        "id": "Permata Bank Virtual Account",
        "en": "Permata Bank Virtual Account",
    },
    "payment_method_A1": {"id": "ATM Bersama", "en": "ATM Bersama"},
    "payment_method_AG": {"id": "Bank Artha Graha", "en": "Bank Artha Graha"},
    "payment_method_NC": {"id": "Bank Neo Commerce", "en": "Bank Neo Commerce"},
    "payment_method_BR": {"id": "BRIVA (BRI)", "en": "BRIVA (BRI)"},
    "payment_method_S1": {"id": "Bank Sahabat Sampoerna", "en": "Bank Sahabat Sampoerna"},
    "payment_method_DM": {"id": "Danamon Virtual Account", "en": "Danamon Virtual Account"},
    "payment_method_BV": {"id": "BSI Virtual Account", "en": "BSI Virtual Account"},
    "payment_method_FT": {
        "id": "Alfamart / Pegadaian / Pos Indonesia",
        "en": "Alfamart / Pegadaian / Pos Indonesia",
    },
    "payment_method_IR": {"id": "Indomaret", "en": "Indomaret"},
    "payment_method_OV": {"id": "OVO", "en": "OVO"},
    "payment_method_SA": {"id": "ShopeePay", "en": "ShopeePay"},
    "payment_method_LF": {"id": "LinkAja", "en": "LinkAja"},
    "payment_method_LA": {"id": "LinkAja", "en": "LinkAja"},
    "payment_method_DA": {"id": "DANA", "en": "DANA"},
    "payment_method_SL": {"id": "ShopeePay (akun tertaut)", "en": "ShopeePay (linked account)"},
    "payment_method_OL": {"id": "OVO (akun tertaut)", "en": "OVO (linked account)"},
    "payment_method_SP": {"id": "QRIS (ShopeePay)", "en": "QRIS (ShopeePay)"},
    "payment_method_NQ": {"id": "QRIS (Nobu)", "en": "QRIS (Nobu)"},
    "payment_method_GQ": {"id": "QRIS (Gudang Voucher)", "en": "QRIS (Gudang Voucher)"},
    "payment_method_SQ": {"id": "QRIS (Nusapay)", "en": "QRIS (Nusapay)"},
    "payment_method_DN": {"id": "Indodana PayLater", "en": "Indodana PayLater"},
    "payment_method_AT": {"id": "Atome", "en": "Atome"},
    "payment_method_JP": {"id": "Jenius Pay", "en": "Jenius Pay"},
    "payment_method_T1": {"id": "Kartu Tokopedia", "en": "Tokopedia card"},
    "payment_method_T2": {"id": "Tokopedia e-wallet", "en": "Tokopedia e-wallet"},
    "payment_method_T3": {"id": "Tokopedia (lainnya)", "en": "Tokopedia (other)"},
    "payment_method_BK": {"id": "BCA KlikPay", "en": "BCA KlikPay"},
    "payment_method_MG": {"id": "Kartu kredit", "en": "Credit card"},
    "payment_method_A2": {"id": "PosPay", "en": "PosPay"},
    "payment_method_LQ": {"id": "QRIS (LinkAja)", "en": "QRIS (LinkAja)"},
    "payment_method_DQ": {"id": "QRIS (DANA)", "en": "QRIS (DANA)"},
    "payment_method_M1": {"id": "Mandiri Virtual Account", "en": "Mandiri Virtual Account"},
}
