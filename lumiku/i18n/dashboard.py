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
        "id": ("Aplikasi ini sedang kami siapkan dan akan muncul di sini begitu siap dipakai."),
        "en": (
            "We are building this app now. It will appear here, ready to use, as soon as it is "
            "finished."
        ),
    },
    "get_started_title": {"id": "Mulai di sini", "en": "Start here"},
    "get_started_step_open": {
        "id": "Buka {app} dan buat proyek.",
        "en": "Open {app} and create a project.",
    },
    "get_started_step_clips": {
        "id": "Unggah beberapa klip pendek, atau coba dengan klip contoh dari kami.",
        "en": "Upload a few short clips, or try it with our sample clips.",
    },
    "get_started_step_results": {
        "id": "Pilih jumlah video, lihat harganya, lalu buat. Hasilnya muncul di Karya Saya.",
        "en": "Choose how many videos, see the price, then make them. They appear in My Work.",
    },
    "get_started_go": {"id": "Mulai dengan {app}", "en": "Start with {app}"},
}
