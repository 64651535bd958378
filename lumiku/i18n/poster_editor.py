"""Poster Editor (`/apps/poster-editor`): every key has the app's prefix `poster_editor_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "poster_editor_ocr_missing": {
        "id": "Pembaca teks (Tesseract) belum terpasang di server ini.",
        "en": "The text reader (Tesseract) is not installed on this server.",
    },
    "poster_editor_ocr_failed": {
        "id": "Teks di poster ini tidak bisa dibaca. Coba lagi, atau tandai teksnya sendiri.",
        "en": "The text on this poster could not be read. Try again, or mark the text yourself.",
    },
    "poster_editor_marks_invalid": {
        "id": "Klik di dalam poster untuk menandai bagian yang dipilih (paling banyak 20 klik).",
        "en": "Click inside the poster to mark what to select (20 clicks at most).",
    },
    # UI: the project list and a project's posters
    "poster_editor_all_projects": {"id": "Semua proyek", "en": "All projects"},
    "poster_editor_new_project": {"id": "Proyek baru", "en": "New project"},
    "poster_editor_project_name": {"id": "Nama proyek", "en": "Project name"},
    "poster_editor_project_description": {
        "id": "Keterangan (tidak wajib)",
        "en": "Description (optional)",
    },
    "poster_editor_name_required": {
        "id": "Beri nama proyeknya dulu.",
        "en": "Give the project a name first.",
    },
    "poster_editor_project_counts": {"id": "{posters} poster", "en": "{posters} poster(s)"},
    "poster_editor_no_projects": {
        "id": "Belum ada proyek. Buat satu, lalu unggah poster untuk disunting.",
        "en": "No projects yet. Create one, then upload posters to edit.",
    },
    "poster_editor_how_title": {"id": "Cara kerjanya", "en": "How it works"},
    "poster_editor_how_1": {
        "id": "Buat proyek dan unggah posternya (JPG, PNG atau WebP).",
        "en": "Create a project and upload its posters (JPG, PNG or WebP).",
    },
    "poster_editor_how_2": {
        "id": "Klik bagian yang mau dihapus atau diganti, atau cari teksnya; lihat harganya dulu.",
        "en": "Click what to remove or replace, or find the text; see the price first.",
    },
    "poster_editor_how_3": {
        "id": "Ekspor ke ukuran media sosial dan cetak, satu per satu atau sekaligus dalam ZIP.",
        "en": "Export to social and print sizes, one by one or all at once in a ZIP.",
    },
    "poster_editor_project_deleted": {"id": "Proyek dihapus.", "en": "Project deleted."},
    "poster_editor_delete_project": {"id": "Hapus proyek", "en": "Delete project"},
    "poster_editor_delete_project_title": {
        "id": "Hapus proyek ini?",
        "en": "Delete this project?",
    },
    "poster_editor_delete_project_body": {
        "id": (
            "Semua poster, versinya dan hasil ekspornya ikut terhapus. Ini tidak bisa dibatalkan."
        ),
        "en": "Every poster, its versions and its exports go with it. This cannot be undone.",
    },
    "poster_editor_rename": {"id": "Ganti nama", "en": "Rename"},
    "poster_editor_posters": {"id": "Poster", "en": "Posters"},
    "poster_editor_drop_posters": {
        "id": "Tarik poster ke sini, atau klik untuk memilih",
        "en": "Drop posters here, or click to choose",
    },
    "poster_editor_drop_posters_hint": {
        "id": "JPG, PNG atau WebP; paling banyak {max} poster per proyek.",
        "en": "JPG, PNG or WebP; at most {max} posters a project.",
    },
    "poster_editor_upload_full": {
        "id": "Proyek ini sudah berisi {max} poster, batasnya.",
        "en": "This project already holds {max} posters, the most it takes.",
    },
    "poster_editor_no_posters": {
        "id": "Belum ada poster. Unggah satu untuk mulai menyunting.",
        "en": "No posters yet. Upload one to start editing.",
    },
    "poster_editor_poster_details": {
        "id": "{width}×{height} · {versions} versi",
        "en": "{width}×{height} · {versions} version(s)",
    },
    "poster_editor_delete_poster": {"id": "Hapus poster", "en": "Delete poster"},
    "poster_editor_delete_poster_title": {"id": "Hapus poster ini?", "en": "Delete this poster?"},
    "poster_editor_delete_poster_body": {
        "id": "Semua versinya dan hasil ekspornya ikut terhapus. Ini tidak bisa dibatalkan.",
        "en": "All its versions and exports go with it. This cannot be undone.",
    },
    "poster_editor_poster_deleted": {"id": "Poster dihapus.", "en": "Poster deleted."},
    # UI: the editor
    "poster_editor_back_to_project": {"id": "Kembali ke proyek", "en": "Back to the project"},
    "poster_editor_download": {"id": "Unduh versi ini", "en": "Download this version"},
    "poster_editor_version_label": {"id": "versi", "en": "version"},
    "poster_editor_mode_quick": {"id": "Cepat", "en": "Quick"},
    "poster_editor_mode_advanced": {"id": "Lanjutan", "en": "Advanced"},
    "poster_editor_mode_text": {"id": "Teks", "en": "Text"},
    "poster_editor_mode_quick_hint": {
        "id": "Cepat: dikerjakan di server ini, tanpa layanan AI luar; paling murah.",
        "en": "Quick: done on this server, no outside AI service; the cheapest.",
    },
    "poster_editor_mode_advanced_hint": {
        "id": "Lanjutan: model AI penyedia memilih dan mengisi ulang dengan lebih rapi.",
        "en": "Advanced: the provider's AI models select and fill in more neatly.",
    },
    "poster_editor_tool_positive": {"id": "Pilih ini", "en": "Select this"},
    "poster_editor_tool_negative": {"id": "Kecuali ini", "en": "Not this"},
    "poster_editor_tool_box": {"id": "Kotak", "en": "Box"},
    "poster_editor_tool_positive_hint": {
        "id": "Klik bagian poster yang mau diubah.",
        "en": "Click the part of the poster to change.",
    },
    "poster_editor_tool_negative_hint": {
        "id": "Klik bagian yang harus tetap, agar tidak ikut terpilih.",
        "en": "Click what must stay, so that it is left out.",
    },
    "poster_editor_tool_box_hint": {
        "id": "Tarik kotak di sekeliling bagiannya, atau klik dua sudutnya.",
        "en": "Drag a box around it, or click two of its corners.",
    },
    "poster_editor_poster_keys": {
        "id": (
            "Poster. Tombol panah menggeser penanda, Enter menandai, "
            "Backspace membatalkan klik terakhir, Escape menghapus semua tanda."
        ),
        "en": (
            "Poster. Arrow keys move the marker, Enter marks, Backspace "
            "takes back the last click, Escape clears the marks."
        ),
    },
    "poster_editor_undo_click": {"id": "Batalkan klik terakhir", "en": "Take back the last click"},
    "poster_editor_clear_marks": {"id": "Hapus semua tanda", "en": "Clear the marks"},
    "poster_editor_marking": {"id": "Mencari bagiannya…", "en": "Finding the area…"},
    "poster_editor_area_made": {
        "id": "Terpilih {share} dari poster · mode {mode}",
        "en": "{share} of the poster selected · {mode} mode",
    },
    "poster_editor_area_label": {"id": "Bagian {n} · {share}", "en": "Area {n} · {share}"},
    "poster_editor_area_title": {"id": "Bagian yang dipilih", "en": "The selected area"},
    "poster_editor_prompt_placeholder": {
        "id": "Untuk Ganti: apa yang mengisi bagian itu?",
        "en": "For Replace: what goes in its place?",
    },
    "poster_editor_remove": {"id": "Hapus", "en": "Remove"},
    "poster_editor_replace": {"id": "Ganti", "en": "Replace"},
    "poster_editor_keep": {"id": "Simpan, pilih lagi", "en": "Keep, select another"},
    "poster_editor_replace_advanced": {
        "id": "Mengganti dengan teks perintah hanya ada di mode Lanjutan.",
        "en": "Replacing from a prompt is in Advanced mode only.",
    },
    "poster_editor_batch": {"id": "Disunting bersama", "en": "Edited together"},
    "poster_editor_batch_hint": {
        "id": "Hapus atau Ganti menyunting semua bagian ini sekaligus, dalam satu versi baru.",
        "en": "Remove or Replace edits all these areas at once, into one new version.",
    },
    "poster_editor_clear_batch": {"id": "Kosongkan", "en": "Clear"},
    "poster_editor_drop_area": {"id": "Keluarkan bagian ini", "en": "Leave this area out"},
    "poster_editor_no_area_yet": {
        "id": "Belum ada bagian dipilih: klik di poster.",
        "en": "Nothing selected yet: click on the poster.",
    },
    "poster_editor_keep_hint": {
        "id": (
            "Hapus atau Ganti sekarang, atau Simpan lalu pilih bagian lain untuk disunting bersama."
        ),
        "en": "Remove or Replace it now, or Keep it and select another to edit them together.",
    },
    "poster_editor_area_kept": {
        "id": "Bagian {n} disimpan. Pilih bagian berikutnya.",
        "en": "Area {n} kept. Select the next one.",
    },
    "poster_editor_batch_full": {
        "id": "Paling banyak {max} bagian sekali sunting.",
        "en": "At most {max} areas in one edit.",
    },
    "poster_editor_too_many_marks": {
        "id": "Paling banyak {max} klik dari tiap jenis.",
        "en": "At most {max} clicks of each kind.",
    },
    "poster_editor_no_area": {
        "id": "Pilih dulu bagian poster yang mau disunting.",
        "en": "Select the part of the poster to edit first.",
    },
    "poster_editor_text_title": {"id": "Teks di poster", "en": "Text on the poster"},
    "poster_editor_text_hint": {
        "id": (
            "Temukan teksnya, pilih yang mau dihapus, dan tulis teks baru di tempatnya bila perlu."
        ),
        "en": "Find the text, choose what to remove, and write new words in its place if you like.",
    },
    "poster_editor_find_text": {"id": "Cari teks", "en": "Find text"},
    "poster_editor_no_text_found": {
        "id": "Tidak ada teks yang terbaca di poster ini.",
        "en": "No text could be read on this poster.",
    },
    "poster_editor_choose_all": {"id": "Pilih semua", "en": "Choose all"},
    "poster_editor_choose_none": {"id": "Batal pilih", "en": "Choose none"},
    "poster_editor_new_text": {
        "id": "Teks baru di tempatnya (tidak wajib)",
        "en": "New text in its place (optional)",
    },
    "poster_editor_remove_text": {"id": "Hapus teks terpilih", "en": "Remove the chosen text"},
    "poster_editor_no_text_chosen": {
        "id": "Pilih dulu teks yang mau dihapus.",
        "en": "Choose the text to remove first.",
    },
    "poster_editor_upscale_title": {"id": "Perbesar", "en": "Upscale"},
    "poster_editor_upscale_hint": {
        "id": "Membuat poster 2, 3 atau 4 kali lebih besar dan tajam (model AI penyedia).",
        "en": "Makes the poster 2, 3 or 4 times larger and sharp (the provider's AI model).",
    },
    "poster_editor_upscale": {"id": "Perbesar", "en": "Upscale"},
    "poster_editor_history": {"id": "Riwayat versi", "en": "Version history"},
    "poster_editor_current": {"id": "Sekarang", "en": "Current"},
    "poster_editor_use_version": {"id": "Pakai versi ini", "en": "Use this version"},
    "poster_editor_undone": {
        "id": "Poster kembali ke versi {n}.",
        "en": "The poster is back at version {n}.",
    },
    "poster_editor_new_version": {
        "id": "Versi {n} sudah jadi.",
        "en": "Version {n} is ready.",
    },
    "poster_editor_made_quick": {
        "id": "Mode Cepat (server ini)",
        "en": "Quick mode (this server)",
    },
    "poster_editor_made_advanced": {
        "id": "Mode Lanjutan ({model})",
        "en": "Advanced mode ({model})",
    },
    "poster_editor_action_upload": {"id": "Diunggah", "en": "Uploaded"},
    "poster_editor_action_remove": {"id": "Bagian dihapus", "en": "Area removed"},
    "poster_editor_action_quick_remove": {"id": "Bagian dihapus", "en": "Area removed"},
    "poster_editor_action_replace": {"id": "Bagian diganti", "en": "Area replaced"},
    "poster_editor_action_remove_text": {"id": "Teks dihapus", "en": "Text removed"},
    "poster_editor_action_quick_remove_text": {"id": "Teks dihapus", "en": "Text removed"},
    "poster_editor_action_upscale": {"id": "Diperbesar", "en": "Upscaled"},
    "poster_editor_action_export_format": {"id": "Diekspor", "en": "Exported"},
    "poster_editor_action_export": {"id": "Diekspor", "en": "Exported"},
    "poster_editor_export_title": {"id": "Ekspor", "en": "Export"},
    "poster_editor_export_hint": {
        "id": "Pilih paket atau formatnya. Gratis, kecuali format yang lebih besar dari poster.",
        "en": "Choose a pack or the formats. Free, except formats larger than the poster.",
    },
    "poster_editor_pack_social_pack": {"id": "Media sosial", "en": "Social"},
    "poster_editor_pack_print_pack": {"id": "Cetak", "en": "Print"},
    "poster_editor_pack_restaurant_pack": {"id": "Restoran", "en": "Restaurant"},
    "poster_editor_pack_complete_pack": {"id": "Lengkap", "en": "Complete"},
    "poster_editor_pack_custom": {"id": "Pilih sendiri", "en": "Choose formats"},
    "poster_editor_group_social": {"id": "Media sosial", "en": "Social media"},
    "poster_editor_group_print": {"id": "Cetak", "en": "Print"},
    "poster_editor_method": {"id": "Cara menyesuaikan", "en": "How to fit"},
    "poster_editor_method_smart_crop": {"id": "Potong pintar", "en": "Smart crop"},
    "poster_editor_method_fit": {"id": "Muat utuh", "en": "Fit"},
    "poster_editor_method_fill": {"id": "Penuhi", "en": "Fill"},
    "poster_editor_method_stretch": {"id": "Regangkan", "en": "Stretch"},
    "poster_editor_export": {"id": "Ekspor", "en": "Export"},
    "poster_editor_no_format": {
        "id": "Pilih paling sedikit satu format.",
        "en": "Choose at least one format.",
    },
    "poster_editor_export_started": {
        "id": "Ekspor sedang dibuat; unduhannya muncul di bawah.",
        "en": "The export is being made; its download appears below.",
    },
    "poster_editor_started": {
        "id": "Suntingan sedang dibuat; versi barunya muncul begitu selesai.",
        "en": "The edit is being made; its new version appears when it is done.",
    },
    "poster_editor_work": {"id": "Suntingan dan ekspor", "en": "Edits and exports"},
    "poster_editor_being_made": {
        "id": "Sedang dibuat. Kemajuan tiap bagian ada di bawah.",
        "en": "Being made. Each item's progress is below.",
    },
    "poster_editor_what_remove": {
        "id": "Hapus {count} bagian · mode {mode}",
        "en": "Remove {count} area(s) · {mode} mode",
    },
    "poster_editor_what_replace": {
        "id": "Ganti {count} bagian · mode {mode}",
        "en": "Replace {count} area(s) · {mode} mode",
    },
    "poster_editor_what_text": {
        "id": "Hapus {count} teks · mode {mode}",
        "en": "Remove {count} text block(s) · {mode} mode",
    },
    "poster_editor_what_upscale": {"id": "Perbesar {scale}×", "en": "Upscale {scale}×"},
    "poster_editor_what_export": {
        "id": "{count} format · {method}",
        "en": "{count} format(s) · {method}",
    },
    "poster_editor_confirm_title": {"id": "Lanjutkan?", "en": "Go ahead?"},
    "poster_editor_confirm_count": {"id": "Yang dibuat:", "en": "What is made:"},
    "poster_editor_confirm_price": {"id": "Harga:", "en": "Price:"},
    "poster_editor_confirm_available": {"id": "Saldo Anda:", "en": "You have:"},
    "poster_editor_not_enough": {
        "id": "Saldo Anda tidak cukup.",
        "en": "You do not have enough.",
    },
    "poster_editor_confirm_go": {"id": "Ya, buat", "en": "Yes, make it"},
    # parameter labels, for errors that name them
    "poster_editor_opt_action": {"id": "Tindakan", "en": "Action"},
    "poster_editor_opt_scale": {"id": "Pembesaran", "en": "Upscale factor"},
    "poster_editor_opt_formats_upscaled": {
        "id": "Format yang diperbesar",
        "en": "Upscaled formats",
    },
    # backend: parameter labels of posters, areas and edits
    "poster_editor_opt_areas": {"id": "Area yang ditandai", "en": "Marked areas"},
    "poster_editor_opt_box": {"id": "Kotak teks", "en": "Text box"},
    "poster_editor_opt_formats": {"id": "Format ekspor", "en": "Export formats"},
    "poster_editor_opt_indexes": {"id": "Blok teks", "en": "Text blocks"},
    "poster_editor_opt_limit": {"id": "Jumlah", "en": "Number"},
    "poster_editor_opt_method": {"id": "Cara ubah ukuran", "en": "Resize method"},
    "poster_editor_opt_mode": {"id": "Mode", "en": "Mode"},
    "poster_editor_opt_pack": {"id": "Paket format", "en": "Format pack"},
    "poster_editor_opt_texts": {"id": "Teks baru", "en": "New texts"},
    # backend: errors of posters, areas and edits
    "poster_editor_version_gone": {
        "id": "Versi poster ini sudah tidak ada. Pilih versi lain dari riwayat.",
        "en": "This version of the poster is gone. Choose another one from the history.",
    },
    "poster_editor_poster_too_large": {
        "id": "Gambar ini terlalu besar untuk disunting (paling banyak {max_mp} megapiksel).",
        "en": "This picture is too large to edit ({max_mp} megapixels at most).",
    },
    "poster_editor_poster_too_small": {
        "id": "Gambar ini terlalu kecil (sisi terpendek paling sedikit {min} piksel).",
        "en": "This picture is too small (its short side must be at least {min} pixels).",
    },
    "poster_editor_project_full": {
        "id": "Proyek ini sudah berisi {max} poster. Hapus satu atau buat proyek baru.",
        "en": "This project already holds {max} posters. Delete one or start a new project.",
    },
    "poster_editor_history_full": {
        "id": "Poster ini sudah punya {max} versi. Unggah ulang hasilnya sebagai poster baru.",
        "en": "This poster already has {max} versions. Upload the result again as a new poster.",
    },
    "poster_editor_area_empty": {
        "id": "Tidak ada yang terpilih di situ. Klik tepat pada benda yang ingin dipilih.",
        "en": "Nothing was selected there. Click right on the thing to select.",
    },
    "poster_editor_too_many_clicks": {
        "id": "Mode lanjutan menerima paling banyak {max} klik sekaligus.",
        "en": "Advanced mode takes {max} clicks at most at once.",
    },
    "poster_editor_mask_invalid": {
        "id": "Area yang ditandai tidak cocok dengan poster ini. Tandai lagi.",
        "en": "The marked area does not fit this poster. Mark it again.",
    },
    "poster_editor_mask_empty": {
        "id": "Area yang ditandai kosong. Tandai dulu bagian yang ingin disunting.",
        "en": "The marked area is empty. Mark what to edit first.",
    },
    "poster_editor_mask_everything": {
        "id": "Area yang ditandai mencakup seluruh poster. Tandai bagian yang lebih kecil.",
        "en": "The marked area covers the whole poster. Mark a smaller part.",
    },
    "poster_editor_too_large_to_upscale": {
        "id": "Poster ini sudah terlalu besar untuk diperbesar (hasil paling besar {max_mp} MP).",
        "en": "This poster is already too large to upscale (results of {max_mp} MP at most).",
    },
}
