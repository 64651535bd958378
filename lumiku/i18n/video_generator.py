"""Video Generator (`/apps/video-generator`): every key has the app's prefix `video_generator_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # ---- errors (services and the runner)
    "video_generator_timeout": {
        "id": "Penyedia model terlalu lama membuat video ini, jadi kami hentikan. "
        "Kreditmu sudah dikembalikan.",
        "en": "The provider took too long to make this video, so we stopped it. "
        "Your credits are back.",
    },
    "video_generator_broken_video": {
        "id": "Video dari penyedia model rusak atau kosong. Kreditmu sudah dikembalikan.",
        "en": "The provider sent back a broken or empty video. Your credits are back.",
    },
    "video_generator_failed": {
        "id": "Penyedia model gagal membuat video ini. Kreditmu sudah dikembalikan; "
        "coba ubah deskripsinya atau pilih model lain.",
        "en": "The provider could not make this video. Your credits are back; "
        "try another description or another model.",
    },
    "video_generator_not_supported": {
        "id": "{name}: pilihan ini tidak tersedia untuk model yang dipilih.",
        "en": "{name}: this choice is not available with the chosen model.",
    },
    "video_generator_end_needs_start": {
        "id": "Gambar akhir hanya bisa dipakai bersama gambar awal.",
        "en": "An end image can only be used together with a start image.",
    },
    "video_generator_not_a_picture": {
        "id": "Gambar awal dan akhir harus berupa foto atau gambar (JPG, PNG, WebP).",
        "en": "Start and end images must be pictures (JPG, PNG, WebP).",
    },
    "video_generator_avatar_no_picture": {
        "id": "Avatar ini belum punya foto. Tambahkan fotonya di Avatar Creator dulu.",
        "en": "This avatar has no picture yet. Add one in Avatar Creator first.",
    },
    "video_generator_image_gone": {
        "id": "Gambar awal atau akhir sudah dihapus sebelum video dibuat. "
        "Kreditmu sudah dikembalikan.",
        "en": "The start or end image was deleted before the video was made. "
        "Your credits are back.",
    },
    # ---- parameters, named in errors (lumiku.state.base.param_label)
    "video_generator_opt_video_prompt": {"id": "Deskripsi video", "en": "Video description"},
    "video_generator_opt_negative_prompt": {
        "id": "Yang tidak diinginkan",
        "en": "What to avoid",
    },
    "video_generator_opt_improved_prompt": {
        "id": "Deskripsi yang disempurnakan",
        "en": "Improved description",
    },
    "video_generator_opt_resolution": {"id": "Resolusi", "en": "Resolution"},
    "video_generator_opt_aspect": {"id": "Rasio aspek", "en": "Aspect ratio"},
    "video_generator_opt_audio": {"id": "Suara", "en": "Sound"},
    "video_generator_opt_start_image": {"id": "Gambar awal", "en": "Start image"},
    "video_generator_opt_end_image": {"id": "Gambar akhir", "en": "End image"},
    "video_generator_opt_enhanced": {"id": "Deskripsi disempurnakan", "en": "Improved description"},
    # ---- the price, line by line (rules.breakdown)
    "video_generator_price_base": {"id": "Harga model", "en": "Model price"},
    "video_generator_price_resolution": {"id": "Resolusi lebih tinggi", "en": "Higher resolution"},
    "video_generator_price_duration": {"id": "Durasi lebih panjang", "en": "Longer video"},
    "video_generator_price_images": {"id": "Gambar awal/akhir", "en": "Start/end image"},
    "video_generator_price_enhance": {
        "id": "Deskripsi disempurnakan AI",
        "en": "AI-improved description",
    },
    "video_generator_price_audio": {"id": "Suara", "en": "Sound"},
    # ---- the page (lumiku/pages/apps/video_generator)
    "video_generator_form_title": {"id": "Buat video", "en": "Make a video"},
    "video_generator_label_model": {"id": "Model", "en": "Model"},
    "video_generator_model_from": {"id": "mulai {credits} kredit", "en": "from {credits} credits"},
    "video_generator_no_models": {
        "id": "Belum ada model video yang aktif. Coba lagi nanti.",
        "en": "No video model is switched on yet. Try again later.",
    },
    "video_generator_typical_seconds": {
        "id": "biasanya sekitar {seconds} detik",
        "en": "usually about {seconds} seconds",
    },
    "video_generator_typical_minutes": {
        "id": "biasanya sekitar {minutes} menit",
        "en": "usually about {minutes} minutes",
    },
    "video_generator_label_prompt": {"id": "Deskripsi video", "en": "Describe the video"},
    "video_generator_prompt_placeholder": {
        "id": "Contoh: kucing oranye melompat ke jendela saat matahari terbenam, kamera pelan "
        "mendekat",
        "en": "For example: an orange cat jumps onto a window sill at sunset, the camera slowly "
        "moves in",
    },
    "video_generator_prompt_hint": {
        "id": "Tulis minimal 3 karakter.",
        "en": "Write at least 3 characters.",
    },
    "video_generator_label_negative": {
        "id": "Yang tidak diinginkan (opsional)",
        "en": "What to avoid (optional)",
    },
    "video_generator_negative_placeholder": {
        "id": "Contoh: teks, buram, tangan aneh",
        "en": "For example: text, blur, odd hands",
    },
    "video_generator_label_resolution": {"id": "Resolusi", "en": "Resolution"},
    "video_generator_label_duration": {"id": "Durasi (detik)", "en": "Length (seconds)"},
    "video_generator_label_aspect": {"id": "Rasio aspek", "en": "Aspect ratio"},
    "video_generator_label_audio": {"id": "Buat suaranya juga", "en": "Make its sound too"},
    "video_generator_improve": {"id": "Sempurnakan deskripsiku", "en": "Improve my prompt"},
    "video_generator_improve_off": {
        "id": "Penyempurna deskripsi sedang tidak bisa dipakai:",
        "en": "The prompt improver cannot be used now:",
    },
    "video_generator_improve_needs_words": {
        "id": "Tulis deskripsinya dulu (minimal 3 karakter), lalu minta disempurnakan.",
        "en": "Write the description first (at least 3 characters), then ask to improve it.",
    },
    "video_generator_suggestion_title": {
        "id": "Usulan deskripsi yang disempurnakan",
        "en": "Suggested improved prompt",
    },
    "video_generator_suggestion_cost": {
        "id": "Kalau kamu memakainya, harganya ditambah sedikit (lihat rincian harga). Kalau "
        "tidak, deskripsimu sendiri yang dipakai.",
        "en": "Using it adds a little to the price (see the price's lines). If you do not, "
        "your own words are used.",
    },
    "video_generator_accept_suggestion": {"id": "Pakai usulan ini", "en": "Use this"},
    "video_generator_reject_suggestion": {"id": "Tidak, terima kasih", "en": "No, thanks"},
    "video_generator_improved_title": {
        "id": "Deskripsi yang dikirim ke model:",
        "en": "The prompt sent to the model:",
    },
    "video_generator_stop_improved": {
        "id": "Pakai deskripsiku sendiri",
        "en": "Use my own words",
    },
    "video_generator_improved_accepted": {
        "id": "Deskripsi yang disempurnakan akan dipakai untuk video berikutnya.",
        "en": "The improved prompt will be used for the next video.",
    },
    "video_generator_improved_dropped": {
        "id": "Deskripsimu berubah, jadi usulan yang disempurnakan tidak dipakai lagi.",
        "en": "Your description changed, so the improved prompt is no longer used.",
    },
    "video_generator_start_image": {"id": "Gambar awal", "en": "Start picture"},
    "video_generator_end_image": {"id": "Gambar akhir", "en": "End picture"},
    "video_generator_start_hint": {
        "id": "Video dimulai dari gambar ini (opsional).",
        "en": "The video starts from this picture (optional).",
    },
    "video_generator_end_hint": {
        "id": "Video berakhir di gambar ini; hanya bersama gambar awal (opsional).",
        "en": "The video ends on this picture; only together with a start picture (optional).",
    },
    "video_generator_no_pictures": {
        "id": "Model ini hanya membuat video dari deskripsi, tanpa gambar awal atau akhir.",
        "en": "This model makes videos from the description only, without start or end pictures.",
    },
    "video_generator_drop_picture": {
        "id": "Tarik gambar ke sini, atau klik untuk memilih",
        "en": "Drop a picture here, or click to choose one",
    },
    "video_generator_drop_picture_hint": {
        "id": "JPG, PNG atau WebP, satu gambar",
        "en": "JPG, PNG or WebP, one picture",
    },
    "video_generator_one_picture": {
        "id": "Hanya {max} gambar di sini; gambar pertama yang dipakai.",
        "en": "Only {max} picture here; the first one is used.",
    },
    "video_generator_pick_avatar": {
        "id": "Pilih avatar dari Avatar Creator",
        "en": "Pick an avatar from Avatar Creator",
    },
    "video_generator_pick_avatar_title": {"id": "Pilih avatar", "en": "Pick an avatar"},
    "video_generator_no_avatars": {
        "id": "Kamu belum punya avatar. Buat dulu di Avatar Creator.",
        "en": "You have no avatars yet. Make one in Avatar Creator first.",
    },
    "video_generator_open_creator": {"id": "Buka Avatar Creator", "en": "Open Avatar Creator"},
    "video_generator_from_avatar": {"id": "Avatar", "en": "Avatar"},
    "video_generator_from_upload": {"id": "Gambar unggahan", "en": "Uploaded picture"},
    "video_generator_remove_image": {"id": "Hapus gambar", "en": "Remove picture"},
    "video_generator_price_title": {"id": "Harga", "en": "Price"},
    "video_generator_total": {"id": "Total", "en": "Total"},
    "video_generator_generate": {"id": "Buat video", "en": "Make the video"},
    "video_generator_confirm_title": {"id": "Buat video ini?", "en": "Make this video?"},
    "video_generator_confirm_body": {
        "id": "Harganya ditahan sekarang dan dikembalikan kalau videonya gagal dibuat.",
        "en": "The price is held now and given back if the video cannot be made.",
    },
    "video_generator_confirm_price": {"id": "Total:", "en": "Total:"},
    "video_generator_confirm_available": {"id": "Saldomu:", "en": "You have:"},
    "video_generator_not_enough": {
        "id": "Saldomu tidak cukup untuk video ini.",
        "en": "You do not have enough for this video.",
    },
    "video_generator_confirm_go": {"id": "Ya, buat videonya", "en": "Yes, make it"},
    "video_generator_started": {
        "id": "Videonya sedang dibuat. Kamu bisa meninggalkan halaman ini; hasilnya muncul di "
        "galeri.",
        "en": "Your video is being made. You can leave this page; it will appear in the gallery.",
    },
    "video_generator_being_made": {
        "id": "Videomu sedang dibuat…",
        "en": "Your video is being made…",
    },
    "video_generator_making_title": {"id": "Sedang dibuat", "en": "Being made"},
    "video_generator_making_hint": {
        "id": "Penyedia model sedang mengerjakannya; biasanya butuh beberapa menit.",
        "en": "The provider is working on it; it usually takes a few minutes.",
    },
    "video_generator_stage_waiting": {
        "id": "Menunggu penyedia…",
        "en": "Waiting for the provider…",
    },
    "video_generator_stage_queue": {
        "id": "Antrean penyedia: urutan ke-{position}",
        "en": "In the provider's queue: position {position}",
    },
    "video_generator_stage_queued": {
        "id": "Dalam antrean penyedia",
        "en": "In the provider's queue",
    },
    "video_generator_stage_running": {
        "id": "Sedang dibuat oleh model",
        "en": "The model is making it",
    },
    "video_generator_stage_finishing": {
        "id": "Mengambil dan memeriksa videonya",
        "en": "Fetching and checking the video",
    },
    "video_generator_gallery_title": {"id": "Videomu", "en": "Your videos"},
    "video_generator_gallery_empty": {
        "id": "Belum ada video. Tulis deskripsi di atas dan buat video pertamamu.",
        "en": "No videos yet. Describe one above and make your first.",
    },
    "video_generator_seconds": {"id": "{seconds} dtk", "en": "{seconds} s"},
    "video_generator_length": {"id": "{seconds} dtk", "en": "{seconds} s"},
    "video_generator_with_start": {"id": "gambar awal", "en": "start picture"},
    "video_generator_with_end": {"id": "gambar akhir", "en": "end picture"},
    "video_generator_with_audio": {"id": "dengan suara", "en": "with sound"},
    "video_generator_download": {"id": "Unduh", "en": "Download"},
    "video_generator_reuse": {"id": "Pakai pengaturan ini lagi", "en": "Use these settings again"},
    "video_generator_settings_used": {
        "id": "Pengaturan video itu sudah diisi ke formulir. Ubah sesukamu, lalu buat lagi.",
        "en": "That video's settings are back in the form. Change what you like, then make it.",
    },
    "video_generator_delete_video": {"id": "Hapus video", "en": "Delete video"},
    "video_generator_delete_video_title": {"id": "Hapus video ini?", "en": "Delete this video?"},
    "video_generator_delete_video_body": {
        "id": "Video dan gambar sampulnya dihapus untuk selamanya.",
        "en": "The video and its poster frame are deleted for good.",
    },
    "video_generator_video_deleted": {"id": "Video dihapus.", "en": "Video deleted."},
    "video_generator_work_title": {
        "id": "Semua pekerjaan Video Generator",
        "en": "All Video Generator work",
    },
}
