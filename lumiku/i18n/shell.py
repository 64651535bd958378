"""The page shell: navigation, the menu and other words of the layout."""

MESSAGES: dict[str, dict[str, str]] = {
    "language_switch": {"id": "Bahasa", "en": "Language"},
    # the banner for an unconfirmed email address
    "unverified_banner": {
        "id": (
            "Alamat email Anda belum dikonfirmasi. Buka tautan yang kami kirim untuk menerima "
            "kredit sambutan."
        ),
        "en": "Your email address is not confirmed yet. Open the link we sent to get your "
        "welcome credits.",
    },
    "unverified_send_again": {"id": "Kirim ulang tautan", "en": "Send the link again"},
    "verify_mail_sent": {
        "id": "Tautan konfirmasi baru sudah dikirim ke {email}.",
        "en": "A new confirmation link was sent to {email}.",
    },
    # navigation
    "nav_dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "nav_profile": {"id": "Profil", "en": "Profile"},
    "nav_devices": {"id": "Perangkat", "en": "Devices"},
    "nav_admin": {"id": "Admin", "en": "Admin"},
    "nav_sign_out": {"id": "Keluar", "en": "Sign out"},
    "nav_sign_in": {"id": "Masuk", "en": "Sign in"},
    "nav_sign_up": {"id": "Buat akun", "en": "Create account"},
    "nav_menu": {"id": "Menu", "en": "Menu"},
    "nav_credits": {"id": "Kredit", "en": "Credits"},
    "nav_plans": {"id": "Paket", "en": "Plans"},
    "nav_admin_models": {"id": "Model AI", "en": "AI models"},
    "nav_payments": {"id": "Pembayaran", "en": "Payments"},
    "nav_my_work": {"id": "Karya Saya", "en": "My Work"},
    # layout
    "loading": {"id": "Memuat…", "en": "Loading…"},
    "back_to_dashboard": {"id": "Kembali ke dasbor", "en": "Back to dashboard"},
}
