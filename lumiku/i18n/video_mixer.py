"""Video Mixer (`/apps/video-mixer`): every key has the app's prefix `video_mixer_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "video_mixer_video_too_long": {
        "id": (
            "Video hasilnya akan lebih dari {minutes} menit. Pakai panjang video yang ditentukan, "
            "atau kurangi klipnya."
        ),
        "en": "Videos would run over {minutes} minutes. Use a fixed length or fewer clips.",
    },
    "video_mixer_no_clips": {
        "id": "Unggah minimal satu klip dulu.",
        "en": "Add at least one clip first.",
    },
    "video_mixer_no_grouped_clips": {
        "id": (
            "Campur per grup hanya memakai klip yang ada di dalam grup. Masukkan klip ke grup dulu."
        ),
        "en": "Mixing by group uses clips inside groups: put clips in a group first.",
    },
    "video_mixer_clip_missing": {
        "id": "Klip yang dipakai video ini sudah dihapus.",
        "en": "A clip this video needs has been deleted.",
    },
    "video_mixer_too_few_combinations": {
        "id": (
            "Dengan klip dan pengaturan ini hanya bisa dibuat {possible} video yang berbeda. "
            "Kurangi jumlahnya, atau nyalakan variasi kecepatan atau variasi tampilan."
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
        "id": "Anda bisa menyimpan paling banyak {max} preset. Hapus salah satu dulu.",
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
        "id": (
            "Belum ada proyek. Tulis nama proyek di atas lalu unggah klip dari HP Anda, atau coba "
            "dulu dengan klip contoh."
        ),
        "en": (
            "No projects yet. Name one above and upload clips from your phone, or try it first "
            "with sample clips."
        ),
    },
    "video_mixer_project_counts": {
        "id": "{clips} klip · {groups} grup",
        "en": "{clips} clips · {groups} groups",
    },
    "video_mixer_project_deleted": {
        "id": "Proyek dihapus. Berkasnya ikut terhapus dan ruang penyimpanannya kosong lagi.",
        "en": "Project deleted; its files are gone and their space is free.",
    },
    "video_mixer_delete_project": {"id": "Hapus proyek", "en": "Delete project"},
    "video_mixer_delete_project_title": {"id": "Hapus proyek ini?", "en": "Delete this project?"},
    "video_mixer_delete_project_body": {
        "id": (
            "Klip di dalamnya dan semua video yang dibuat darinya dihapus permanen, dan ruang "
            "penyimpanannya dibebaskan."
        ),
        "en": (
            "Its clips and the videos made from them are removed for good and their space is freed."
        ),
    },
    "video_mixer_rename": {"id": "Ganti nama", "en": "Rename"},
    # clips and groups
    "video_mixer_clips": {"id": "Klip", "en": "Clips"},
    "video_mixer_drop_clips": {
        "id": "Tarik klip video ke sini, atau klik untuk memilih",
        "en": "Drop video clips here, or click to choose",
    },
    "video_mixer_drop_hint": {
        "id": (
            "MP4, MOV atau WebM · sampai {max} berkas sekaligus, masing-masing paling besar {mb} MB"
        ),
        "en": "MP4, MOV or WebM · up to {max} files at once, {mb} MB each at most",
    },
    "video_mixer_clips_empty": {
        "id": (
            "Belum ada klip. Unggah 2 atau lebih video pendek dari HP Anda: MP4, MOV atau WebM, "
            "masing-masing paling besar {mb} MB dan paling lama {minutes} menit. Satu proyek bisa "
            "berisi {max} klip."
        ),
        "en": (
            "No clips yet. Upload 2 or more short videos from your phone: MP4, MOV or WebM, each "
            "up to {mb} MB and {minutes} minutes. A project holds up to {max} clips."
        ),
    },
    "video_mixer_add_group": {"id": "Tambah grup", "en": "Add group"},
    "video_mixer_group_name": {"id": "Nama grup, mis. Pembuka", "en": "Group name, e.g. Hook"},
    "video_mixer_group_empty": {
        "id": "Grup ini masih kosong. Pindahkan klip ke sini lewat pilihan grup di tiap klip.",
        "en": "This group is empty. Move clips here with the group choice on each clip.",
    },
    "video_mixer_group_deleted": {
        "id": "Grup dihapus. Klip-klipnya tetap ada, kini di luar grup.",
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
    "video_mixer_section_mixing": {"id": "Cara mencampur", "en": "Mixing"},
    "video_mixer_section_output": {"id": "Hasil video", "en": "Output"},
    "video_mixer_section_duration": {"id": "Durasi", "en": "Duration"},
    "video_mixer_opt_order_mixing": {"id": "Acak urutan klip", "en": "Shuffle clip order"},
    "video_mixer_opt_different_start": {"id": "Awal video berbeda-beda", "en": "Vary the start"},
    "video_mixer_opt_fixed_first_clip": {
        "id": "Selalu mulai dengan klip",
        "en": "Always open with",
    },
    "video_mixer_opt_group_mixing": {"id": "Campur per grup", "en": "Mix by group"},
    "video_mixer_opt_group_mode": {
        "id": "Cara mengambil dari tiap grup",
        "en": "Pick from each group",
    },
    "video_mixer_opt_speed_variations": {"id": "Variasi kecepatan", "en": "Speed variations"},
    "video_mixer_opt_speed_min": {"id": "Kecepatan paling lambat", "en": "Slowest speed"},
    "video_mixer_opt_speed_max": {"id": "Kecepatan paling cepat", "en": "Fastest speed"},
    "video_mixer_opt_visual_variation": {
        "id": "Variasi tampilan (zoom, dibalik, warna)",
        "en": "Visual variation (zoom, mirror, colour)",
    },
    "video_mixer_opt_metadata": {
        "id": "Label di dalam berkas (metadata)",
        "en": "Labels inside the file (metadata)",
    },
    "video_mixer_opt_resolution": {"id": "Resolusi", "en": "Resolution"},
    "video_mixer_opt_bitrate": {"id": "Kualitas", "en": "Quality"},
    "video_mixer_opt_fps": {"id": "FPS (gambar per detik)", "en": "Frames per second"},
    "video_mixer_opt_aspect": {"id": "Rasio layar", "en": "Aspect ratio"},
    "video_mixer_opt_fit": {"id": "Jika bentuk klip berbeda", "en": "When a clip's shape differs"},
    "video_mixer_opt_duration_type": {"id": "Panjang video", "en": "Video length"},
    "video_mixer_opt_fixed_duration": {"id": "Panjang (detik)", "en": "Length (seconds)"},
    "video_mixer_opt_distribution": {"id": "Cara menyesuaikan panjang", "en": "Fit the length by"},
    "video_mixer_opt_aspect_auto": {
        "id": "Rasio mengikuti klip",
        "en": "Aspect follows the clips",
    },
    "video_mixer_opt_audio": {"id": "Suara", "en": "Sound"},
    # option values
    "video_mixer_group_mode_sequential": {"id": "Bergiliran", "en": "In turn"},
    "video_mixer_group_mode_random": {"id": "Acak", "en": "At random"},
    "video_mixer_fit_bars": {"id": "Utuh, dengan bingkai hitam", "en": "Whole, with black bars"},
    "video_mixer_fit_crop": {
        "id": "Penuhi layar, tepinya dipotong",
        "en": "Fill the screen, trim the edges",
    },
    "video_mixer_bitrate_low": {"id": "Rendah (1 Mbps)", "en": "Low (1 Mbps)"},
    "video_mixer_bitrate_medium": {"id": "Sedang (2,5 Mbps)", "en": "Medium (2.5 Mbps)"},
    "video_mixer_bitrate_high": {"id": "Tinggi (5 Mbps)", "en": "High (5 Mbps)"},
    "video_mixer_metadata_capcut": {"id": "CapCut", "en": "CapCut"},
    "video_mixer_metadata_tiktok": {"id": "TikTok", "en": "TikTok"},
    "video_mixer_metadata_instagram": {"id": "Instagram", "en": "Instagram"},
    "video_mixer_metadata_youtube": {"id": "YouTube", "en": "YouTube"},
    "video_mixer_metadata_clean": {"id": "Bersih (tanpa label)", "en": "Clean (no labels)"},
    "video_mixer_audio_keep": {"id": "Pakai suara asli", "en": "Keep the sound"},
    "video_mixer_audio_mute": {"id": "Tanpa suara", "en": "Mute"},
    "video_mixer_duration_original": {"id": "Sesuai panjang klip", "en": "As long as the clips"},
    "video_mixer_duration_fixed": {"id": "Ditentukan", "en": "Fixed"},
    "video_mixer_distribution_speed": {"id": "Ubah kecepatan", "en": "Change the speed"},
    "video_mixer_distribution_equal": {"id": "Potong sama rata", "en": "Equal cuts"},
    "video_mixer_distribution_proportional": {
        "id": "Potong sesuai panjang klip",
        "en": "Proportional cuts",
    },
    "video_mixer_distribution_weighted": {
        "id": "Utamakan klip yang panjang",
        "en": "Favour the longer clips",
    },
    # estimate and generation
    "video_mixer_estimate": {"id": "Perkiraan", "en": "Estimate"},
    "video_mixer_combinations": {"id": "Urutan klip yang berbeda", "en": "Different clip orders"},
    "video_mixer_strength": {
        "id": "Seberapa beda video satu dengan lainnya",
        "en": "How different the videos are from each other",
    },
    "video_mixer_strength_none": {"id": "Sama semua", "en": "All the same"},
    "video_mixer_strength_weak": {"id": "Sedikit beda", "en": "Slightly"},
    "video_mixer_strength_fair": {"id": "Cukup beda", "en": "Somewhat"},
    "video_mixer_strength_good": {"id": "Jelas beda", "en": "Clearly"},
    "video_mixer_strength_strong": {"id": "Sangat beda", "en": "Very"},
    "video_mixer_strength_excellent": {"id": "Paling beda", "en": "As different as it gets"},
    "video_mixer_duration_per_video": {"id": "Panjang tiap video", "en": "Length of each video"},
    "video_mixer_count": {"id": "Jumlah video", "en": "Number of videos"},
    "video_mixer_cost_per_video": {
        "id": "{cost} kredit per video",
        "en": "{cost} credits per video",
    },
    "video_mixer_sequences_repeat": {
        "id": (
            "Hanya ada {possible} urutan klip; video lainnya dibedakan lewat kecepatan dan "
            "tampilannya."
        ),
        "en": (
            "Only {possible} clip orders exist; the other videos differ by their speeds and looks."
        ),
    },
    "video_mixer_generate": {"id": "Buat", "en": "Generate"},
    "video_mixer_confirm_title": {"id": "Buat video sekarang?", "en": "Make these videos now?"},
    "video_mixer_confirm_count": {"id": "Jumlah video:", "en": "Videos:"},
    "video_mixer_confirm_price": {"id": "Harga:", "en": "Price:"},
    "video_mixer_confirm_available": {"id": "Saldo Anda:", "en": "You have:"},
    "video_mixer_confirm_go": {"id": "Ya, buat", "en": "Yes, make them"},
    "video_mixer_not_enough": {
        "id": "Saldo tidak cukup untuk ini.",
        "en": "Not enough for this batch.",
    },
    "video_mixer_results": {"id": "Hasil", "en": "Results"},
    # first run
    "video_mixer_name_required": {
        "id": "Beri nama proyeknya dulu, mis. «Promo Lebaran».",
        "en": "Give the project a name first, e.g. “Eid promo”.",
    },
    "video_mixer_try_samples": {"id": "Coba dengan klip contoh", "en": "Try with sample clips"},
    "video_mixer_samples_hint": {
        "id": (
            "Kami buatkan proyek berisi 3 klip vertikal pendek, jadi Anda bisa mencoba semuanya "
            "tanpa video sendiri. Klipnya memakai sedikit ruang penyimpanan Anda."
        ),
        "en": (
            "We make a project with 3 short vertical clips, so you can try everything without "
            "your own footage. They use a little of your storage."
        ),
    },
    "video_mixer_sample_project": {"id": "Contoh: klip percobaan", "en": "Sample: trial clips"},
    "video_mixer_sample_project_description": {
        "id": "Tiga klip buatan Lumiku untuk mencoba. Hapus kapan saja.",
        "en": "Three clips made by Lumiku to try things out. Delete it any time.",
    },
    "video_mixer_samples_failed": {
        "id": "Klip contoh tidak dapat dibuat sekarang. Coba lagi sebentar lagi.",
        "en": "The sample clips could not be made just now. Try again in a moment.",
    },
    "video_mixer_how_title": {"id": "Cara kerjanya", "en": "How it works"},
    "video_mixer_how_1": {
        "id": (
            "Unggah klip: potongan video pendek dari HP Anda, mis. pembuka, demo produk, ajakan "
            "beli."
        ),
        "en": (
            "Upload clips: short pieces of video from your phone, e.g. a hook, a demo, a call to "
            "buy."
        ),
    },
    "video_mixer_how_2": {
        "id": (
            "Atur campurannya: acak urutan, kelompokkan per grup, pilih rasio dan kualitas. "
            "Harganya langsung terlihat."
        ),
        "en": (
            "Set up the mix: shuffle the order, group clips, pick the aspect and quality. The "
            "price shows at once."
        ),
    },
    "video_mixer_how_3": {
        "id": (
            "Buat dan unduh: Lumiku menyusun banyak versi berbeda sekaligus. Unduh satu per satu "
            "atau semuanya dalam ZIP."
        ),
        "en": (
            "Make and download: Lumiku builds many different versions at once. Download them one "
            "by one or all as a ZIP."
        ),
    },
    # uploads: what was left out
    "video_mixer_upload_project_full": {
        "id": "tidak ikut: proyek sudah mencapai batas {max} klip. Hapus klip lain dulu.",
        "en": "left out: the project is at its limit of {max} clips. Delete another clip first.",
    },
    # confirmations
    "video_mixer_delete_clip_title": {"id": "Hapus klip ini?", "en": "Delete this clip?"},
    "video_mixer_delete_clip_body": {
        "id": (
            "«{name}» dihapus dari proyek dan berkasnya dihapus permanen. Video yang sudah jadi "
            "tetap ada."
        ),
        "en": (
            "“{name}” is removed from the project and its file deleted for good. Videos already "
            "made stay."
        ),
    },
    "video_mixer_delete_group_title": {"id": "Hapus grup ini?", "en": "Delete this group?"},
    "video_mixer_delete_group_body": {
        "id": "Grup «{name}» dihapus. {clips} klip di dalamnya tetap ada di proyek, di luar grup.",
        "en": (
            "The group “{name}” is deleted. Its {clips} clips stay in the project, outside any "
            "group."
        ),
    },
    # settings explained
    "video_mixer_aspect_auto": {
        "id": "Mengikuti bentuk klip Anda sampai Anda memilih sendiri.",
        "en": "Follows the shape of your clips until you pick one.",
    },
    "video_mixer_metadata_help_capcut": {
        "id": (
            "Menulis «CapCut» sebagai pembuat dan «Made with CapCut» sebagai keterangan di dalam "
            "berkas."
        ),
        "en": "Writes “CapCut” as the maker and “Made with CapCut” as the comment inside the file.",
    },
    "video_mixer_metadata_help_tiktok": {
        "id": (
            "Menulis «TikTok» sebagai pembuat dan «TikTok Video» sebagai keterangan di dalam "
            "berkas."
        ),
        "en": "Writes “TikTok” as the maker and “TikTok Video” as the comment inside the file.",
    },
    "video_mixer_metadata_help_instagram": {
        "id": (
            "Menulis «Instagram» sebagai pembuat dan «Instagram Reels» sebagai keterangan, dengan "
            "label format ala iPhone."
        ),
        "en": (
            "Writes “Instagram” as the maker and “Instagram Reels” as the comment, with iPhone-"
            "style format labels."
        ),
    },
    "video_mixer_metadata_help_youtube": {
        "id": (
            "Menulis «YouTube» sebagai pembuat dan «YouTube Video» sebagai keterangan, dengan "
            "label format ala Google."
        ),
        "en": (
            "Writes “YouTube” as the maker and “YouTube Video” as the comment, with Google-style "
            "format labels."
        ),
    },
    "video_mixer_metadata_help_clean": {
        "id": (
            "Tidak menulis label apa pun: nama pembuat dan keterangan di dalam berkas dikosongkan."
        ),
        "en": "Writes no labels: the maker and comment inside the file are left empty.",
    },
    "video_mixer_metadata_note": {
        "id": (
            "Ini hanya label teks di dalam berkas. Gambar dan suara videonya tidak berubah, dan "
            "label ini tidak membuat video tak terdeteksi oleh platform mana pun."
        ),
        "en": (
            "These are only text labels inside the file. The picture and sound do not change, "
            "and no label makes a video undetectable by any platform."
        ),
    },
    "video_mixer_being_made": {
        "id": "Video Anda sedang dibuat. Pantau kemajuannya di Hasil di bawah.",
        "en": "Your videos are being made. Follow them under Results below.",
    },
    # labels for screen readers
    "video_mixer_move_up": {"id": "Naikkan", "en": "Move up"},
    "video_mixer_move_down": {"id": "Turunkan", "en": "Move down"},
    "video_mixer_delete_clip": {"id": "Hapus klip", "en": "Delete clip"},
    "video_mixer_delete_group": {"id": "Hapus grup", "en": "Delete group"},
    "video_mixer_clip_group": {"id": "Grup klip", "en": "Clip's group"},
    "video_mixer_group_name_label": {"id": "Nama grup", "en": "Group name"},
}
