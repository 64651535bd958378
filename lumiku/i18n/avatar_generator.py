"""Avatar Generator (`/apps/avatar-generator`): every key has the prefix `avatar_generator_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "avatar_generator_no_picture": {
        "id": "Avatar ini belum punya foto wajah. Tambahkan fotonya di Avatar Creator dulu.",
        "en": "This avatar has no face picture yet. Add one in Avatar Creator first.",
    },
    "avatar_generator_variation_gone": {
        "id": "Gambar variasi ini sudah tidak ada: masa simpannya habis atau sudah dihapus.",
        "en": "This variation's picture is gone: it expired or was deleted.",
    },
    # parameters, as errors name them
    "avatar_generator_opt_model": {"id": "Model AI", "en": "AI model"},
    "avatar_generator_opt_priority": {"id": "Prioritas", "en": "Priority"},
    "avatar_generator_opt_strength": {"id": "Kekuatan perubahan", "en": "Strength of change"},
    "avatar_generator_opt_prompt": {"id": "Deskripsi tambahan", "en": "Extra description"},
    # the picker
    "avatar_generator_pick_title": {"id": "Pilih avatar", "en": "Pick an avatar"},
    "avatar_generator_pick_hint": {
        "id": (
            "Variasi dibuat dari wajah avatar yang Anda pilih, dengan gaya baru. Persona-nya "
            "tetap sama."
        ),
        "en": (
            "Variations are made from the face of the avatar you pick, in new styles. The "
            "persona stays the same."
        ),
    },
    "avatar_generator_no_avatars": {
        "id": "Anda belum punya avatar. Buat atau unggah avatar di Avatar Creator dulu.",
        "en": "You have no avatar yet. Create or upload one in Avatar Creator first.",
    },
    "avatar_generator_open_creator": {"id": "Buka Avatar Creator", "en": "Open Avatar Creator"},
    "avatar_generator_all_avatars": {"id": "Semua avatar", "en": "All avatars"},
    "avatar_generator_no_photo": {"id": "Belum ada foto", "en": "No picture yet"},
    # the source avatar
    "avatar_generator_source": {"id": "Avatar sumber", "en": "Source avatar"},
    "avatar_generator_no_persona": {"id": "Belum ada persona", "en": "No persona yet"},
    "avatar_generator_open_in_creator": {
        "id": "Lihat di Avatar Creator",
        "en": "See it in Avatar Creator",
    },
    "avatar_generator_history": {"id": "Riwayat pemakaian", "en": "Usage history"},
    "avatar_generator_used_times": {
        "id": "Sudah dipakai {count} kali ({apps})",
        "en": "Uses so far: {count} ({apps})",
    },
    "avatar_generator_history_empty": {
        "id": "Avatar ini belum pernah dipakai.",
        "en": "This avatar has not been used yet.",
    },
    # the form
    "avatar_generator_form_title": {"id": "Buat variasi", "en": "Make variations"},
    "avatar_generator_quality_label": {"id": "Kualitas", "en": "Quality"},
    "avatar_generator_quality_sd": {"id": "SD ({px} px)", "en": "SD ({px} px)"},
    "avatar_generator_quality_hd": {"id": "HD ({px} px)", "en": "HD ({px} px)"},
    "avatar_generator_priority_hint": {
        "id": "Didahulukan di antrean AI.",
        "en": "Goes ahead in the AI queue.",
    },
    "avatar_generator_style_label": {"id": "Gaya", "en": "Style"},
    "avatar_generator_style_natural": {"id": "Natural", "en": "Natural"},
    "avatar_generator_style_studio": {"id": "Studio", "en": "Studio"},
    "avatar_generator_style_business": {"id": "Bisnis", "en": "Business"},
    "avatar_generator_style_casual": {"id": "Santai", "en": "Casual"},
    "avatar_generator_style_outdoor": {"id": "Luar ruangan", "en": "Outdoors"},
    "avatar_generator_style_cinematic": {"id": "Sinematik", "en": "Cinematic"},
    "avatar_generator_style_traditional": {"id": "Tradisional", "en": "Traditional"},
    "avatar_generator_style_vintage": {"id": "Vintage", "en": "Vintage"},
    "avatar_generator_strength_hint": {
        "id": "Kecil: mirip sekali dengan aslinya. Besar: lebih banyak berubah.",
        "en": "Low: close to the original. High: more changes.",
    },
    "avatar_generator_prompt_placeholder": {
        "id": "Misalnya: memakai kacamata, tersenyum",
        "en": "For example: wearing glasses, smiling",
    },
    "avatar_generator_seed_placeholder": {"id": "Acak", "en": "Random"},
    "avatar_generator_seed_hint": {
        "id": "Isi seed untuk mengulang hasil yang sama; kosongkan untuk hasil baru.",
        "en": "Fill in a seed to repeat a result; leave it empty for new ones.",
    },
    "avatar_generator_price_rule": {
        "id": "Harga per variasi: SD {base} kredit, HD +{hd}, prioritas +{priority}.",
        "en": "Price per variation: SD {base} credits, HD +{hd}, priority +{priority}.",
    },
    "avatar_generator_part_sd": {"id": "SD {credits}", "en": "SD {credits}"},
    "avatar_generator_part_hd": {"id": "HD {credits}", "en": "HD {credits}"},
    "avatar_generator_part_priority": {"id": "prioritas {credits}", "en": "priority {credits}"},
    "avatar_generator_per_item": {
        "id": "{parts} = {credits} kredit per variasi",
        "en": "{parts} = {credits} credits per variation",
    },
    "avatar_generator_per_item_quota": {
        "id": "{quota} kuota per variasi",
        "en": "{quota} quota per variation",
    },
    "avatar_generator_count": {"id": "Jumlah variasi", "en": "Variations"},
    "avatar_generator_generate": {"id": "Buat", "en": "Generate"},
    "avatar_generator_confirm_title": {"id": "Buat variasi ini?", "en": "Make these variations?"},
    "avatar_generator_confirm_count": {"id": "Jumlah variasi:", "en": "Variations:"},
    "avatar_generator_confirm_price": {"id": "Harga:", "en": "Price:"},
    "avatar_generator_confirm_available": {"id": "Saldo Anda:", "en": "Your balance:"},
    "avatar_generator_confirm_go": {"id": "Ya, buat", "en": "Yes, generate"},
    "avatar_generator_not_enough": {
        "id": "Saldo Anda tidak cukup.",
        "en": "Your balance is not enough.",
    },
    "avatar_generator_being_made": {
        "id": "Variasi sedang dibuat. Hasilnya muncul di bawah satu per satu.",
        "en": "The variations are being made. They appear below one by one.",
    },
    "avatar_generator_results": {"id": "Proses pembuatan", "en": "Batches"},
    # the variations
    "avatar_generator_variations": {"id": "Variasi", "en": "Variations"},
    "avatar_generator_variations_empty": {
        "id": "Belum ada variasi. Atur formulir di atas lalu tekan Buat.",
        "en": "No variations yet. Set up the form above, then press Generate.",
    },
    "avatar_generator_variation_alt": {"id": "Variasi avatar", "en": "Avatar variation"},
    "avatar_generator_likeness": {"id": "Kemiripan", "en": "Likeness"},
    "avatar_generator_low_likeness": {
        "id": "Wajah mungkin berbeda — buat ulang",
        "en": "Face may differ — regenerate",
    },
    "avatar_generator_save": {"id": "Simpan sebagai avatar", "en": "Save as avatar"},
    "avatar_generator_saved": {"id": "Tersimpan ✓", "en": "Saved ✓"},
    "avatar_generator_saved_notice": {
        "id": "Tersimpan sebagai avatar baru di Avatar Creator.",
        "en": "Saved as a new avatar in Avatar Creator.",
    },
    "avatar_generator_download": {"id": "Unduh", "en": "Download"},
    "avatar_generator_use_seed": {"id": "Pakai seed ini", "en": "Use this seed"},
    "avatar_generator_seed_used": {
        "id": "Seed {seed} dipakai di formulir.",
        "en": "Seed {seed} is now in the form.",
    },
}
