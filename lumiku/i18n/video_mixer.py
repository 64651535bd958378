"""Video Mixer (`/apps/video-mixer`): every key has the app's prefix `video_mixer_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "video_mixer_video_too_long": {
        "id": "Video jadi lebih dari {minutes} menit. Pakai durasi tetap atau lebih sedikit klip.",
        "en": "Videos would run over {minutes} minutes. Use a fixed length or fewer clips.",
    },
    "video_mixer_no_clips": {
        "id": "Tambahkan minimal satu klip dulu.",
        "en": "Add at least one clip first.",
    },
    "video_mixer_no_grouped_clips": {
        "id": "Campur per grup memakai klip di dalam grup: masukkan klip ke grup dulu.",
        "en": "Mixing by group uses clips inside groups: put clips in a group first.",
    },
    "video_mixer_clip_missing": {
        "id": "Klip yang dibutuhkan video ini sudah dihapus.",
        "en": "A clip this video needs has been deleted.",
    },
    "video_mixer_too_few_combinations": {
        "id": (
            "Klip dan pengaturan ini hanya menghasilkan {possible} video berbeda. Kurangi "
            "jumlahnya, atau nyalakan variasi kecepatan atau visual."
        ),
        "en": (
            "These clips and settings make only {possible} different videos. Lower the number, or "
            "turn on speed or visual variations."
        ),
    },
    "video_mixer_too_many_clips": {
        "id": "Satu proyek berisi paling banyak {max} klip.",
        "en": "A project holds at most {max} clips.",
    },
    "video_mixer_too_many_groups": {
        "id": "Satu proyek berisi paling banyak {max} grup.",
        "en": "A project holds at most {max} groups.",
    },
    "video_mixer_too_many_presets": {
        "id": "Anda bisa menyimpan paling banyak {max} preset: hapus satu dulu.",
        "en": "You can keep at most {max} presets: delete one first.",
    },
    # projects
    "video_mixer_all_projects": {"id": "Semua proyek", "en": "All projects"},
    "video_mixer_new_project": {"id": "Proyek baru", "en": "New project"},
    "video_mixer_project_name": {"id": "Nama proyek", "en": "Project name"},
    "video_mixer_project_description": {
        "id": "Deskripsi (opsional)",
        "en": "Description (optional)",
    },
    "video_mixer_no_projects": {
        "id": "Belum ada proyek. Beri nama proyek pertama Anda di atas.",
        "en": "No projects yet. Name your first one above.",
    },
    "video_mixer_project_counts": {
        "id": "{clips} klip · {groups} grup",
        "en": "{clips} clips · {groups} groups",
    },
    "video_mixer_project_deleted": {
        "id": "Proyek dihapus; berkasnya hilang dan ruangnya kosong lagi.",
        "en": "Project deleted; its files are gone and their space is free.",
    },
    "video_mixer_delete_project": {"id": "Hapus proyek", "en": "Delete project"},
    "video_mixer_delete_project_title": {"id": "Hapus proyek ini?", "en": "Delete this project?"},
    "video_mixer_delete_project_body": {
        "id": "Klipnya dan video yang dibuat darinya dihapus permanen dan ruangnya dibebaskan.",
        "en": (
            "Its clips and the videos made from them are removed for good and their space is freed."
        ),
    },
    "video_mixer_rename": {"id": "Ganti nama", "en": "Rename"},
    # clips and groups
    "video_mixer_clips": {"id": "Klip", "en": "Clips"},
    "video_mixer_drop_clips": {
        "id": "Letakkan klip video di sini, atau klik untuk memilih",
        "en": "Drop video clips here, or click to choose",
    },
    "video_mixer_drop_hint": {
        "id": "MP4, MOV atau WebM · sampai 10 sekaligus",
        "en": "MP4, MOV or WebM · up to 10 at a time",
    },
    "video_mixer_upload_sending": {"id": "Mengirim", "en": "Sending"},
    "video_mixer_upload_checking": {"id": "memeriksa…", "en": "checking…"},
    "video_mixer_upload_added": {"id": "ditambahkan", "en": "added"},
    "video_mixer_upload_too_many": {
        "id": "hanya {max} berkas sekaligus: tambahkan yang ini lagi",
        "en": "only {max} files at a time: add this one again",
    },
    "video_mixer_clips_empty": {
        "id": "Belum ada klip: unggah beberapa video pendek untuk dicampur.",
        "en": "No clips yet: upload a few short videos to mix.",
    },
    "video_mixer_add_group": {"id": "Tambah grup", "en": "Add group"},
    "video_mixer_group_name": {"id": "Nama grup, mis. Hook", "en": "Group name, e.g. Hook"},
    "video_mixer_group_empty": {
        "id": "Belum ada klip di grup ini: pindahkan lewat menu grup klip.",
        "en": "No clips in this group: move some here with their group menu.",
    },
    "video_mixer_group_deleted": {
        "id": "Grup dihapus; klipnya kini di luar grup.",
        "en": "Group deleted; its clips are now outside any group.",
    },
    "video_mixer_clip_deleted": {"id": "Klip dihapus.", "en": "Clip deleted."},
    "video_mixer_ungrouped": {"id": "Di luar grup", "en": "Not in a group"},
    "video_mixer_no_group": {"id": "Tanpa grup", "en": "No group"},
    "video_mixer_no_fixed_clip": {"id": "Klip mana saja", "en": "Any clip"},
    # settings and presets
    "video_mixer_settings": {"id": "Pengaturan", "en": "Settings"},
    "video_mixer_presets": {"id": "Preset", "en": "Presets"},
    "video_mixer_no_presets": {"id": "Belum ada preset", "en": "No presets saved yet"},
    "video_mixer_preset_load": {"id": "Pakai", "en": "Use"},
    "video_mixer_preset_name": {"id": "Nama preset", "en": "Preset name"},
    "video_mixer_preset_save": {"id": "Simpan sebagai preset", "en": "Save as preset"},
    "video_mixer_preset_saved": {"id": "Preset disimpan.", "en": "Preset saved."},
    "video_mixer_preset_deleted": {"id": "Preset dihapus.", "en": "Preset deleted."},
    # options
    "video_mixer_section_mixing": {"id": "Pencampuran", "en": "Mixing"},
    "video_mixer_section_output": {"id": "Keluaran", "en": "Output"},
    "video_mixer_section_duration": {"id": "Durasi", "en": "Duration"},
    "video_mixer_opt_order_mixing": {"id": "Acak urutan klip", "en": "Shuffle clip order"},
    "video_mixer_opt_different_start": {"id": "Awal berbeda", "en": "Different start"},
    "video_mixer_opt_fixed_first_clip": {"id": "Selalu dibuka dengan", "en": "Always open with"},
    "video_mixer_opt_group_mixing": {"id": "Campur per grup", "en": "Mix by group"},
    "video_mixer_opt_group_mode": {"id": "Ambil dari tiap grup", "en": "Pick from each group"},
    "video_mixer_opt_speed_variations": {"id": "Variasi kecepatan", "en": "Speed variations"},
    "video_mixer_opt_speed_min": {"id": "Kecepatan terlambat", "en": "Slowest speed"},
    "video_mixer_opt_speed_max": {"id": "Kecepatan tercepat", "en": "Fastest speed"},
    "video_mixer_opt_visual_variation": {
        "id": "Variasi visual (zoom, cermin, warna)",
        "en": "Visual variation (zoom, mirror, colour)",
    },
    "video_mixer_opt_metadata": {"id": "Tampilan metadata", "en": "Metadata look"},
    "video_mixer_opt_resolution": {"id": "Resolusi", "en": "Resolution"},
    "video_mixer_opt_bitrate": {"id": "Kualitas", "en": "Quality"},
    "video_mixer_opt_fps": {"id": "Frame per detik", "en": "Frames per second"},
    "video_mixer_opt_aspect": {"id": "Rasio", "en": "Aspect"},
    "video_mixer_opt_fit": {"id": "Penyesuaian", "en": "Fit"},
    "video_mixer_opt_duration_type": {"id": "Panjang", "en": "Length"},
    "video_mixer_opt_fixed_duration": {"id": "Detik", "en": "Seconds"},
    "video_mixer_opt_distribution": {"id": "Sesuaikan panjang dengan", "en": "Fit the length by"},
    "video_mixer_opt_audio": {"id": "Audio", "en": "Audio"},
    # option values
    "video_mixer_group_mode_sequential": {"id": "Bergiliran", "en": "In turn"},
    "video_mixer_group_mode_random": {"id": "Acak", "en": "At random"},
    "video_mixer_fit_bars": {"id": "Pas dengan bingkai", "en": "Fit with bars"},
    "video_mixer_fit_crop": {"id": "Penuhi dan potong", "en": "Fill and crop"},
    "video_mixer_bitrate_low": {"id": "Rendah (1 Mbps)", "en": "Low (1 Mbps)"},
    "video_mixer_bitrate_medium": {"id": "Sedang (2,5 Mbps)", "en": "Medium (2.5 Mbps)"},
    "video_mixer_bitrate_high": {"id": "Tinggi (5 Mbps)", "en": "High (5 Mbps)"},
    "video_mixer_metadata_capcut": {"id": "CapCut", "en": "CapCut"},
    "video_mixer_metadata_tiktok": {"id": "TikTok", "en": "TikTok"},
    "video_mixer_metadata_instagram": {"id": "Instagram", "en": "Instagram"},
    "video_mixer_metadata_youtube": {"id": "YouTube", "en": "YouTube"},
    "video_mixer_metadata_clean": {"id": "Bersih (tanpa metadata)", "en": "Clean (no metadata)"},
    "video_mixer_audio_keep": {"id": "Pertahankan", "en": "Keep"},
    "video_mixer_audio_mute": {"id": "Bisukan", "en": "Mute"},
    "video_mixer_duration_original": {"id": "Asli", "en": "Original"},
    "video_mixer_duration_fixed": {"id": "Tetap", "en": "Fixed"},
    "video_mixer_distribution_speed": {"id": "Kecepatan", "en": "Speed"},
    "video_mixer_distribution_equal": {"id": "Potongan sama", "en": "Equal cuts"},
    "video_mixer_distribution_proportional": {
        "id": "Potongan proporsional",
        "en": "Proportional cuts",
    },
    "video_mixer_distribution_weighted": {"id": "Potongan berbobot", "en": "Weighted cuts"},
    # estimate and generation
    "video_mixer_estimate": {"id": "Perkiraan", "en": "Estimate"},
    "video_mixer_combinations": {"id": "Kombinasi unik", "en": "Unique combinations"},
    "video_mixer_strength": {"id": "Kekuatan anti-sidik jari", "en": "Anti-fingerprint strength"},
    "video_mixer_strength_none": {"id": "Tidak ada", "en": "None"},
    "video_mixer_strength_weak": {"id": "Lemah", "en": "Weak"},
    "video_mixer_strength_fair": {"id": "Cukup", "en": "Fair"},
    "video_mixer_strength_good": {"id": "Baik", "en": "Good"},
    "video_mixer_strength_strong": {"id": "Kuat", "en": "Strong"},
    "video_mixer_strength_excellent": {"id": "Sangat baik", "en": "Excellent"},
    "video_mixer_duration_per_video": {"id": "Panjang tiap video", "en": "Length of each video"},
    "video_mixer_count": {"id": "Video", "en": "Videos"},
    "video_mixer_cost_per_video": {
        "id": "{cost} kredit per video",
        "en": "{cost} credits per video",
    },
    "video_mixer_sequences_repeat": {
        "id": (
            "Hanya ada {possible} urutan klip; video lainnya berbeda pada kecepatan dan "
            "tampilannya."
        ),
        "en": (
            "Only {possible} clip orders exist; the other videos differ by their speeds and looks."
        ),
    },
    "video_mixer_generate": {"id": "Buat", "en": "Generate"},
    "video_mixer_confirm_title": {"id": "Buat video-video ini?", "en": "Generate these videos?"},
    "video_mixer_confirm_count": {"id": "Video:", "en": "Videos:"},
    "video_mixer_confirm_price": {"id": "Harga:", "en": "Price:"},
    "video_mixer_confirm_available": {"id": "Anda punya:", "en": "You have:"},
    "video_mixer_confirm_go": {"id": "Buat", "en": "Generate"},
    "video_mixer_not_enough": {
        "id": "Tidak cukup untuk batch ini.",
        "en": "Not enough for this batch.",
    },
    "video_mixer_generation_started": {
        "id": "{count} video sedang dibuat. Pantau di bawah.",
        "en": "{count} videos are on their way. Watch them below.",
    },
    "video_mixer_results": {"id": "Hasil", "en": "Results"},
}
