"""Looping Flow (`/apps/looping-flow`): every key has the app's prefix `looping_flow_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "looping_flow_no_clip": {
        "id": "Unggah klip video dulu, lalu pilih klip yang mau dibuat loop.",
        "en": "Upload a video clip first, then pick the clip to loop.",
    },
    "looping_flow_too_many_clips": {
        "id": "Satu proyek berisi paling banyak {max} klip.",
        "en": "A project holds at most {max} clips.",
    },
    "looping_flow_too_many_layers": {
        "id": "Paling banyak {max} lapisan suara.",
        "en": "At most {max} sound layers.",
    },
    "looping_flow_too_big_for_storage": {
        "id": (
            "Loop ini sekitar {need_mb} MB, sedangkan sisa penyimpanan Anda {free_mb} MB. "
            "Perpendek durasinya atau hapus karya lama dulu."
        ),
        "en": (
            "This loop is about {need_mb} MB and you have {free_mb} MB of storage left. Make it "
            "shorter or delete old work first."
        ),
    },
    "looping_flow_minutes_invalid": {
        "id": "Tulis durasinya dalam menit, misalnya 30 atau 0,5.",
        "en": "Write the length in minutes, such as 30 or 0.5.",
    },
    "looping_flow_clip_too_short": {
        "id": "Klip ini terlalu pendek untuk loop: minimal {seconds} detik.",
        "en": "This clip is too short to loop: {seconds} seconds at least.",
    },
    "looping_flow_boomerang_too_long": {
        "id": "Gaya bumerang memakai paling banyak {seconds} detik klip. Geser titik loop-nya.",
        "en": "Boomerang uses at most {seconds} seconds of the clip. Move the loop points.",
    },
    "looping_flow_settings_invalid": {
        "id": "Pengaturan loop ini tidak bisa dibaca. Atur ulang lalu coba lagi.",
        "en": "These loop settings cannot be read. Set them again and retry.",
    },
    "looping_flow_preview_failed": {
        "id": "Pratinjau gagal dibuat. Coba lagi, atau pilih klip lain.",
        "en": "The preview could not be made. Try again, or pick another clip.",
    },
    "looping_flow_source_missing": {
        "id": "Klip yang dipakai loop ini sudah dihapus.",
        "en": "The clip this loop needs has been deleted.",
    },
    "looping_flow_source_unreadable": {
        "id": "Klip ini tidak bisa dibaca sampai habis. Unggah ulang klipnya.",
        "en": "This clip cannot be read to its end. Upload it again.",
    },
    "looping_flow_layer_missing": {
        "id": "Lapisan suara yang dipakai loop ini sudah dihapus.",
        "en": "A sound layer this loop needs has been deleted.",
    },
    "looping_flow_layer_unreadable": {
        "id": "Salah satu lapisan suara tidak bisa dibaca. Unggah ulang suaranya.",
        "en": "A sound layer cannot be read. Upload the sound again.",
    },
    # the project list
    "looping_flow_all_projects": {"id": "Semua proyek", "en": "All projects"},
    "looping_flow_new_project": {"id": "Proyek baru", "en": "New project"},
    "looping_flow_project_name": {"id": "Nama proyek", "en": "Project name"},
    "looping_flow_project_description": {
        "id": "Keterangan (tidak wajib)",
        "en": "Description (optional)",
    },
    "looping_flow_name_required": {
        "id": "Beri nama proyeknya dulu.",
        "en": "Name the project first.",
    },
    "looping_flow_project_counts": {
        "id": "{clips} klip · {layers} lapisan suara",
        "en": "{clips} clips · {layers} sound layers",
    },
    "looping_flow_no_projects": {
        "id": (
            "Belum ada proyek. Beri nama di atas, unggah klip pendek (hujan di jendela, produk "
            "berputar), lalu jadikan loop mulus sepanjang yang Anda mau."
        ),
        "en": (
            "No projects yet. Name one above, upload a short clip (rain on a window, a turning "
            "product), then make it a seamless loop as long as you like."
        ),
    },
    "looping_flow_how_title": {"id": "Cara kerjanya", "en": "How it works"},
    "looping_flow_how_1": {
        "id": "Unggah klip pendek; Lumiku mencari titik loop yang paling mulus.",
        "en": "Upload a short clip; Lumiku finds the smoothest loop point.",
    },
    "looping_flow_how_2": {
        "id": (
            "Pilih gaya loop dan durasinya (10 detik sampai 12 jam), tambah suara hujan atau musik."
        ),
        "en": "Pick the loop style and length (10 seconds to 12 hours), add rain or music.",
    },
    "looping_flow_how_3": {
        "id": "Lihat pratinjau gratis, lalu buat: loop berjam-jam jadi dalam hitungan menit.",
        "en": "Watch the free preview, then make it: hours of loop in minutes.",
    },
    "looping_flow_project_deleted": {
        "id": "Proyek dan semua berkasnya sudah dihapus.",
        "en": "The project and all its files were deleted.",
    },
    "looping_flow_delete_project": {"id": "Hapus proyek", "en": "Delete project"},
    "looping_flow_delete_project_title": {"id": "Hapus proyek ini?", "en": "Delete this project?"},
    "looping_flow_delete_project_body": {
        "id": (
            "Semua klip, suara, pratinjau dan loop yang sudah jadi dari proyek ini dihapus "
            "permanen, dan ruang penyimpanannya kembali."
        ),
        "en": (
            "Every clip, sound, preview and finished loop of this project is deleted for good, "
            "and its storage space comes back."
        ),
    },
    "looping_flow_rename": {"id": "Ganti nama", "en": "Rename"},
    # clips and layers
    "looping_flow_clips": {"id": "Klip", "en": "Clips"},
    "looping_flow_drop_clips": {
        "id": "Seret video ke sini, atau ketuk untuk memilih",
        "en": "Drop videos here, or tap to choose",
    },
    "looping_flow_drop_clips_hint": {
        "id": "MP4, MOV atau WebM · paling lama {minutes} menit",
        "en": "MP4, MOV or WebM · up to {minutes} minutes",
    },
    "looping_flow_clips_empty": {
        "id": "Belum ada klip. Klip pendek yang tenang paling bagus untuk loop.",
        "en": "No clips yet. A short, calm clip loops best.",
    },
    "looping_flow_upload_clips_full": {
        "id": "tidak ikut: proyek sudah berisi {max} klip. Hapus klip lain dulu.",
        "en": "left out: the project already holds {max} clips. Delete another first.",
    },
    "looping_flow_looped": {"id": "Sedang dipakai", "en": "Looped"},
    "looping_flow_loop_this": {"id": "Pakai klip ini", "en": "Loop this one"},
    "looping_flow_delete_clip": {"id": "Hapus klip", "en": "Delete clip"},
    "looping_flow_delete_clip_title": {"id": "Hapus klip ini?", "en": "Delete this clip?"},
    "looping_flow_delete_clip_body": {
        "id": "Klip dihapus dan berkasnya dihapus permanen. Loop yang sudah jadi tetap ada.",
        "en": "The clip and its file are deleted for good. Finished loops stay.",
    },
    "looping_flow_clip_deleted": {"id": "Klip sudah dihapus.", "en": "Clip deleted."},
    "looping_flow_layers": {"id": "Lapisan suara", "en": "Sound layers"},
    "looping_flow_layers_hint": {
        "id": "Sampai {max} suara (hujan, musik, suara) diulang sepanjang loop tanpa bunyi klik.",
        "en": "Up to {max} sounds (rain, music, a voice), repeated over the loop without a click.",
    },
    "looping_flow_drop_layers": {
        "id": "Seret berkas suara ke sini, atau ketuk untuk memilih",
        "en": "Drop sound files here, or tap to choose",
    },
    "looping_flow_drop_layers_hint": {
        "id": "MP3, WAV, M4A, OGG atau FLAC",
        "en": "MP3, WAV, M4A, OGG or FLAC",
    },
    "looping_flow_upload_layers_full": {
        "id": "tidak ikut: sudah ada {max} lapisan suara. Hapus satu dulu.",
        "en": "left out: there are already {max} sound layers. Delete one first.",
    },
    "looping_flow_delete_layer": {"id": "Hapus lapisan suara", "en": "Delete sound layer"},
    # the loop
    "looping_flow_loop": {"id": "Loop", "en": "Loop"},
    "looping_flow_no_clip_yet": {
        "id": "Unggah klip dulu untuk mengatur loop-nya.",
        "en": "Upload a clip first to set up its loop.",
    },
    "looping_flow_style_simple": {"id": "Potong langsung", "en": "Hard cut"},
    "looping_flow_style_crossfade": {"id": "Transisi halus", "en": "Crossfade"},
    "looping_flow_style_boomerang": {"id": "Bumerang", "en": "Boomerang"},
    "looping_flow_style_hint": {
        "id": (
            "Transisi halus membaurkan akhir klip ke awalnya; bumerang memutar maju lalu mundur."
        ),
        "en": "Crossfade blends the clip's end into its start; boomerang plays forward then back.",
    },
    "looping_flow_minutes": {"id": "menit", "en": "minutes"},
    "looping_flow_quick_1": {"id": "1 menit", "en": "1 minute"},
    "looping_flow_quick_10": {"id": "10 menit", "en": "10 minutes"},
    "looping_flow_quick_60": {"id": "1 jam", "en": "1 hour"},
    "looping_flow_quick_180": {"id": "3 jam", "en": "3 hours"},
    "looping_flow_find_loop": {"id": "Cari titik loop terbaik", "en": "Find the best loop"},
    "looping_flow_score": {"id": "Kecocokan {score}/100", "en": "Match {score}/100"},
    "looping_flow_loop_points_hint": {
        "id": "Geser titik awal dan akhir loop bila perlu; 0 di akhir berarti sampai klip habis.",
        "en": "Nudge the loop's start and end if needed; an end of 0 means the clip's end.",
    },
    "looping_flow_sound": {"id": "Suara", "en": "Sound"},
    "looping_flow_original_keep": {"id": "Pakai suara asli", "en": "Keep the clip's sound"},
    "looping_flow_original_mute": {"id": "Bisukan suara asli", "en": "Mute the clip's sound"},
    "looping_flow_preview": {"id": "Pratinjau gratis", "en": "Free preview"},
    "looping_flow_preview_hint": {
        "id": "Dua putaran, ukuran kecil: lihat dan dengar sambungannya sebelum membayar.",
        "en": "Two loops, small: see and hear the seam before you pay.",
    },
    "looping_flow_make_preview": {"id": "Buat pratinjau", "en": "Make a preview"},
    "looping_flow_generate_title": {"id": "Buat loop", "en": "Make the loop"},
    "looping_flow_price": {"id": "Harga", "en": "Price"},
    "looping_flow_output_size": {"id": "Perkiraan ukuran", "en": "About this big"},
    "looping_flow_size": {
        "id": "{mb} MB (sisa penyimpanan {free} MB)",
        "en": "{mb} MB ({free} MB of storage left)",
    },
    "looping_flow_does_not_fit": {
        "id": "Loop ini tidak muat di sisa penyimpanan Anda. Perpendek durasinya dulu.",
        "en": "This loop does not fit in your storage left. Make it shorter first.",
    },
    "looping_flow_generate": {"id": "Buat loop", "en": "Make the loop"},
    "looping_flow_confirm_title": {"id": "Buat loop sekarang?", "en": "Make this loop?"},
    "looping_flow_confirm_count": {"id": "Durasi:", "en": "Length:"},
    "looping_flow_confirm_price": {"id": "Harga:", "en": "Price:"},
    "looping_flow_confirm_available": {"id": "Saldo Anda:", "en": "You have:"},
    "looping_flow_confirm_go": {"id": "Ya, buat", "en": "Yes, make it"},
    "looping_flow_not_enough": {
        "id": "Saldo tidak cukup untuk ini.",
        "en": "You do not have enough for this.",
    },
    "looping_flow_being_made": {
        "id": "Loop Anda sedang dibuat. Pantau kemajuannya di Hasil di bawah.",
        "en": "Your loop is being made. Follow it under Results below.",
    },
    "looping_flow_results": {"id": "Hasil", "en": "Results"},
    # parameter and option labels
    "looping_flow_opt_style": {"id": "Gaya loop", "en": "Loop style"},
    "looping_flow_opt_crossfade": {"id": "Lama transisi", "en": "Crossfade length"},
    "looping_flow_opt_target": {"id": "Durasi", "en": "Length"},
    "looping_flow_opt_loop_in": {"id": "Awal loop", "en": "Loop start"},
    "looping_flow_opt_loop_out": {"id": "Akhir loop", "en": "Loop end"},
    "looping_flow_opt_original": {"id": "Suara asli", "en": "Clip's sound"},
    "looping_flow_opt_original_volume": {"id": "Volume suara asli", "en": "Clip's volume"},
    "looping_flow_opt_master_volume": {"id": "Volume keseluruhan", "en": "Master volume"},
    "looping_flow_opt_fade_in": {"id": "Muncul perlahan (detik)", "en": "Fade in (s)"},
    "looping_flow_opt_fade_out": {"id": "Hilang perlahan (detik)", "en": "Fade out (s)"},
    "looping_flow_opt_volume": {"id": "Volume", "en": "Volume"},
    "looping_flow_opt_muted": {"id": "Bisu", "en": "Muted"},
    "looping_flow_opt_file_id": {"id": "Berkas suara", "en": "Sound file"},
}
