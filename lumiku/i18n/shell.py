"""The page shell: navigation, the menu and other words of the layout."""

MESSAGES: dict[str, dict[str, str]] = {
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
