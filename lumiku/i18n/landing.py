"""The landing page a signed-out visitor sees at `/`."""

MESSAGES: dict[str, dict[str, str]] = {
    "landing_title": {
        "id": "Konten untuk setiap feed, jadi dalam hitungan menit",
        "en": "Content for every feed, made in minutes",
    },
    "landing_subtitle": {
        "id": (
            "Lumiku mengubah video dan foto Anda menjadi banyak variasi unik yang siap diposting "
            "di TikTok, Instagram, Shopee, dan YouTube. Bayar per pemakaian dengan kredit, atau "
            "berlangganan."
        ),
        "en": (
            "Lumiku turns your videos and photos into many unique, ready-to-post variants for "
            "TikTok, Instagram, Shopee and YouTube. Pay per use with credits, or subscribe."
        ),
    },
    "landing_cta": {"id": "Buat akun gratis", "en": "Create a free account"},
    "landing_apps_title": {"id": "Delapan aplikasi, satu akun", "en": "Eight apps, one account"},
    "landing_have_account": {"id": "Sudah punya akun?", "en": "Already have an account?"},
}
