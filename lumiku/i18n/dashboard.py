"""The dashboard: greeting, balance and recent-work cards, and the app grid."""

MESSAGES: dict[str, dict[str, str]] = {
    "hello": {"id": "Halo", "en": "Hello"},
    "dashboard_subtitle": {"id": "Mau membuat apa hari ini?", "en": "What will you make today?"},
    "card_balance": {"id": "Kredit", "en": "Credits"},
    "card_recent_work": {"id": "Karya terbaru", "en": "Recent work"},
    "card_recent_work_empty": {
        "id": "Belum ada. Pilih aplikasi di bawah untuk membuat batch pertama.",
        "en": "Nothing yet. Pick an app below to make your first batch.",
    },
    "apps_title": {"id": "Aplikasi", "en": "Apps"},
    "badge_beta": {"id": "Beta", "en": "Beta"},
    "badge_coming_soon": {"id": "Segera hadir", "en": "Coming soon"},
    "coming_soon_body": {
        "id": (
            "Aplikasi ini sedang kami bangun. Aplikasi akan muncul di sini, siap dipakai, begitu "
            "selesai."
        ),
        "en": (
            "We are building this app now. It will appear here, ready to use, as soon as it is "
            "finished."
        ),
    },
}
