"""Carousel Mix (`/apps/carousel-mix`): every key has the app's prefix `carousel_mix_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "carousel_mix_too_few_combinations": {
        "id": (
            "Gambar dan teks yang ada hanya cukup untuk {possible} carousel yang berbeda. "
            "Kurangi jumlahnya, atau tambah gambar atau teks."
        ),
        "en": (
            "These pictures and texts make only {possible} different carousels. Lower the number, "
            "or add pictures or texts."
        ),
    },
    "carousel_mix_position_empty": {
        "id": "Slide {position} belum punya gambar. Unggah minimal satu dulu.",
        "en": "Slide {position} has no picture yet. Upload at least one first.",
    },
    "carousel_mix_too_many_pictures": {
        "id": "Satu slide menampung paling banyak {max} gambar atau video.",
        "en": "A slide holds at most {max} pictures or videos.",
    },
    "carousel_mix_too_many_texts": {
        "id": "Satu slide menampung paling banyak {max} variasi teks.",
        "en": "A slide holds at most {max} text variations.",
    },
    "carousel_mix_text_too_long": {
        "id": "Teks terlalu panjang: paling banyak {max} karakter.",
        "en": "Text is too long: {max} characters at most.",
    },
    "carousel_mix_too_many_presets": {
        "id": "Anda bisa menyimpan paling banyak {max} gaya teks.",
        "en": "You can save at most {max} text styles.",
    },
    "carousel_mix_picture_missing": {
        "id": "Gambar yang dipakai set ini sudah dihapus.",
        "en": "A picture this set needs has been deleted.",
    },
    "carousel_mix_image_animated": {
        "id": "Gambar bergerak (GIF animasi) tidak didukung. Unggah sebagai video MP4.",
        "en": "Animated images are not supported. Upload it as an MP4 video instead.",
    },
    "carousel_mix_image_too_big": {
        "id": "Gambar ini {megapixels} MP; paling besar {max} MP. Perkecil dulu lalu unggah lagi.",
        "en": "This image is {megapixels} MP; the limit is {max} MP. Resize it and upload again.",
    },
    "carousel_mix_style_invalid": {
        "id": "Gaya teks ini tidak bisa dibaca. Pilih gaya siap pakai lalu atur lagi.",
        "en": "This text style cannot be read. Pick a ready-made style and adjust it again.",
    },
    # parameter and option labels (also the style editor's labels)
    "carousel_mix_opt_position": {"id": "Slide", "en": "Slide"},
    "carousel_mix_opt_text": {"id": "Teks", "en": "Text"},
    "carousel_mix_opt_canvas": {"id": "Ukuran kanvas", "en": "Canvas size"},
    "carousel_mix_opt_slides": {"id": "Jumlah slide", "en": "Number of slides"},
    "carousel_mix_opt_focal_x": {"id": "Titik fokus (horizontal)", "en": "Focal point (across)"},
    "carousel_mix_opt_focal_y": {"id": "Titik fokus (vertikal)", "en": "Focal point (down)"},
    "carousel_mix_opt_format": {"id": "Format gambar", "en": "Image format"},
    "carousel_mix_opt_quality": {"id": "Kualitas JPG", "en": "JPG quality"},
    "carousel_mix_opt_pdf": {"id": "Sertakan PDF per set", "en": "Include a PDF per set"},
    "carousel_mix_opt_order": {"id": "Cara memilih", "en": "How picks are made"},
    "carousel_mix_opt_font": {"id": "Jenis huruf", "en": "Font"},
    "carousel_mix_opt_weight": {"id": "Ketebalan", "en": "Weight"},
    "carousel_mix_opt_size": {"id": "Ukuran huruf (% lebar)", "en": "Text size (% of width)"},
    "carousel_mix_opt_color": {"id": "Warna teks", "en": "Text colour"},
    "carousel_mix_opt_align": {"id": "Perataan", "en": "Alignment"},
    "carousel_mix_opt_x": {"id": "Posisi horizontal (%)", "en": "Across (%)"},
    "carousel_mix_opt_y": {"id": "Posisi vertikal (%)", "en": "Down (%)"},
    "carousel_mix_opt_max_width": {"id": "Lebar teks maksimal (%)", "en": "Max text width (%)"},
    "carousel_mix_opt_line_spacing": {"id": "Jarak baris", "en": "Line spacing"},
    "carousel_mix_opt_box_color": {"id": "Warna latar teks", "en": "Box colour"},
    "carousel_mix_opt_box_opacity": {"id": "Kepekatan latar (%)", "en": "Box opacity (%)"},
    "carousel_mix_opt_box_padding": {"id": "Jarak tepi latar", "en": "Box padding"},
    "carousel_mix_opt_box_radius": {"id": "Sudut latar", "en": "Box corner radius"},
    "carousel_mix_opt_outline_width": {"id": "Tebal garis tepi", "en": "Outline width"},
    "carousel_mix_opt_outline_color": {"id": "Warna garis tepi", "en": "Outline colour"},
    "carousel_mix_opt_shadow_x": {"id": "Geser bayangan ke samping", "en": "Shadow across"},
    "carousel_mix_opt_shadow_y": {"id": "Geser bayangan ke bawah", "en": "Shadow down"},
    "carousel_mix_opt_shadow_blur": {"id": "Kelembutan bayangan", "en": "Shadow blur"},
    "carousel_mix_opt_shadow_color": {"id": "Warna bayangan", "en": "Shadow colour"},
    "carousel_mix_opt_shadow_opacity": {"id": "Kepekatan bayangan (%)", "en": "Shadow opacity (%)"},
    # the project list
    "carousel_mix_all_projects": {"id": "Semua proyek", "en": "All projects"},
    "carousel_mix_new_project": {"id": "Proyek baru", "en": "New project"},
    "carousel_mix_project_name": {"id": "Nama proyek", "en": "Project name"},
    "carousel_mix_project_description": {
        "id": "Keterangan (tidak wajib)",
        "en": "Description (optional)",
    },
    "carousel_mix_name_required": {
        "id": "Beri nama proyeknya dulu.",
        "en": "Name the project first.",
    },
    "carousel_mix_project_counts": {
        "id": "{slides} slide · {canvas} · {pictures} gambar · {texts} teks",
        "en": "{slides} slides · {canvas} · {pictures} pictures · {texts} texts",
    },
    "carousel_mix_no_projects": {
        "id": (
            "Belum ada proyek. Beri nama di atas, lalu isi tiap slide dengan beberapa foto dan "
            "beberapa teks: Lumiku menyusun banyak carousel berbeda darinya."
        ),
        "en": (
            "No projects yet. Name one above, then give each slide a few photos and a few texts: "
            "Lumiku builds many different carousels from them."
        ),
    },
    "carousel_mix_how_title": {"id": "Cara kerjanya", "en": "How it works"},
    "carousel_mix_how_1": {
        "id": "Tentukan jumlah slide dan ukurannya (1:1, 4:5 atau 9:16).",
        "en": "Choose how many slides and their shape (1:1, 4:5 or 9:16).",
    },
    "carousel_mix_how_2": {
        "id": "Isi tiap slide dengan foto (atau video pendek) dan variasi teks, lalu atur gayanya.",
        "en": "Give each slide photos (or short videos) and text variations, then style the text.",
    },
    "carousel_mix_how_3": {
        "id": "Pilih jumlah set: tiap set carousel berbeda, siap diunggah satu per satu atau ZIP.",
        "en": "Pick how many sets: each is a different carousel, ready one by one or as a ZIP.",
    },
    "carousel_mix_project_deleted": {
        "id": "Proyek dan semua berkasnya sudah dihapus.",
        "en": "The project and all its files were deleted.",
    },
    "carousel_mix_delete_project": {"id": "Hapus proyek", "en": "Delete project"},
    "carousel_mix_delete_project_title": {"id": "Hapus proyek ini?", "en": "Delete this project?"},
    "carousel_mix_delete_project_body": {
        "id": (
            "Semua gambar, teks dan carousel yang sudah jadi dari proyek ini dihapus permanen, "
            "dan ruang penyimpanannya kembali."
        ),
        "en": (
            "Every picture, text and finished carousel of this project is deleted for good, and "
            "its storage space comes back."
        ),
    },
    "carousel_mix_rename": {"id": "Ganti nama", "en": "Rename"},
    # layout and positions
    "carousel_mix_canvas_1_1": {"id": "1:1 persegi (1080×1080)", "en": "1:1 square (1080×1080)"},
    "carousel_mix_canvas_4_5": {"id": "4:5 potret (1080×1350)", "en": "4:5 portrait (1080×1350)"},
    "carousel_mix_canvas_9_16": {"id": "9:16 penuh (1080×1920)", "en": "9:16 full (1080×1920)"},
    "carousel_mix_layout_hint": {
        "id": "Mengurangi slide hanya menyembunyikan slide terakhir; isinya kembali bila ditambah.",
        "en": "Fewer slides only hides the last ones; their content comes back with more.",
    },
    "carousel_mix_positions_hint": {
        "id": "Pilih slide yang mau diisi. Angka di sampingnya: jumlah gambarnya.",
        "en": "Pick the slide to fill. The number beside it: how many pictures it has.",
    },
    # pictures
    "carousel_mix_pictures": {"id": "Gambar slide ini", "en": "This slide's pictures"},
    "carousel_mix_drop_pictures": {
        "id": "Seret foto atau video ke sini, atau ketuk untuk memilih",
        "en": "Drop photos or videos here, or tap to choose",
    },
    "carousel_mix_drop_hint": {
        "id": (
            "JPG, PNG, WebP atau MP4 (paling lama {seconds} detik) · paling banyak {max} per slide"
        ),
        "en": "JPG, PNG, WebP or MP4 (up to {seconds} seconds) · up to {max} per slide",
    },
    "carousel_mix_pictures_empty": {
        "id": "Belum ada gambar di slide ini. Tiap set memakai salah satunya.",
        "en": "No pictures on this slide yet. Each set uses one of them.",
    },
    "carousel_mix_upload_position_full": {
        "id": "tidak ikut: slide ini sudah berisi {max} gambar. Hapus yang lain dulu.",
        "en": "left out: this slide already holds {max} pictures. Delete another first.",
    },
    "carousel_mix_move_earlier": {"id": "Geser ke kiri", "en": "Move earlier"},
    "carousel_mix_move_later": {"id": "Geser ke kanan", "en": "Move later"},
    "carousel_mix_delete_picture": {"id": "Hapus gambar", "en": "Delete picture"},
    "carousel_mix_delete_picture_title": {"id": "Hapus gambar ini?", "en": "Delete this picture?"},
    "carousel_mix_delete_picture_body": {
        "id": (
            "Gambar dihapus dari slide dan berkasnya dihapus permanen. Set yang sudah jadi tetap "
            "ada."
        ),
        "en": "The picture leaves the slide and its file is deleted for good. Finished sets stay.",
    },
    "carousel_mix_picture_deleted": {"id": "Gambar sudah dihapus.", "en": "Picture deleted."},
    # texts
    "carousel_mix_texts": {"id": "Variasi teks slide ini", "en": "This slide's text variations"},
    "carousel_mix_text_placeholder": {
        "id": "Tulis teks, misalnya: {Diskon|Promo} 50% hari ini 🔥",
        "en": "Write a text, e.g. {Sale|Deal} 50% off today 🔥",
    },
    "carousel_mix_add_text": {"id": "Tambah teks", "en": "Add text"},
    "carousel_mix_paste_texts": {"id": "Tempel banyak baris", "en": "Paste many lines"},
    "carousel_mix_paste_placeholder": {
        "id": "Satu teks per baris",
        "en": "One text per line",
    },
    "carousel_mix_paste_add": {"id": "Tambahkan semua", "en": "Add them all"},
    "carousel_mix_spintax_hint": {
        "id": "Tulis {a|b} untuk pilihan kata: «{Diskon|Promo} {50%|besar}» jadi 4 teks berbeda.",
        "en": "Write {a|b} for word choices: «{Sale|Deal} {50%|today}» becomes 4 different texts.",
    },
    "carousel_mix_text_variants": {"id": "{count} variasi", "en": "{count} variations"},
    "carousel_mix_texts_empty": {
        "id": "Belum ada teks: slide ini tampil tanpa tulisan.",
        "en": "No texts yet: this slide shows no writing.",
    },
    "carousel_mix_edit_text": {"id": "Ubah teks", "en": "Edit text"},
    "carousel_mix_delete_text": {"id": "Hapus teks", "en": "Delete text"},
    "carousel_mix_texts_do_not_fit": {
        "id": (
            "{count} teks tidak muat walau sudah di ukuran terkecil. Perpendek teksnya, kecilkan "
            "hurufnya, atau lebarkan area teks."
        ),
        "en": (
            "{count} texts do not fit even at the smallest size. Shorten them, use a smaller "
            "font, or widen the text area."
        ),
    },
    # style
    "carousel_mix_style": {"id": "Gaya teks slide ini", "en": "This slide's text style"},
    "carousel_mix_style_text": {"id": "Teks", "en": "Text"},
    "carousel_mix_style_box": {"id": "Latar", "en": "Box"},
    "carousel_mix_style_effects": {"id": "Garis & bayangan", "en": "Outline & shadow"},
    "carousel_mix_presets": {"id": "Gaya siap pakai", "en": "Ready-made styles"},
    "carousel_mix_preset_modern_tebal": {"id": "Modern Tebal", "en": "Modern Bold"},
    "carousel_mix_preset_tiktok_outline": {"id": "TikTok Outline", "en": "TikTok Outline"},
    "carousel_mix_preset_instagram_latar": {"id": "Instagram Latar", "en": "Instagram Box"},
    "carousel_mix_preset_minimalis": {"id": "Minimalis", "en": "Minimal"},
    "carousel_mix_preset_neon_glow": {"id": "Neon Glow", "en": "Neon Glow"},
    "carousel_mix_preset_elegant": {"id": "Elegan", "en": "Elegant"},
    "carousel_mix_preset_playful": {"id": "Ceria", "en": "Playful"},
    "carousel_mix_preset_retro": {"id": "Retro", "en": "Retro"},
    "carousel_mix_style_name": {"id": "Nama gaya", "en": "Style name"},
    "carousel_mix_save_style": {"id": "Simpan gaya ini", "en": "Save this style"},
    "carousel_mix_delete_style": {"id": "Hapus gaya", "en": "Delete style"},
    "carousel_mix_preset_saved": {"id": "Gaya «{name}» disimpan.", "en": "Style «{name}» saved."},
    "carousel_mix_font_inter": {"id": "Inter", "en": "Inter"},
    "carousel_mix_font_roboto": {"id": "Roboto", "en": "Roboto"},
    "carousel_mix_font_open_sans": {"id": "Open Sans", "en": "Open Sans"},
    "carousel_mix_font_lato": {"id": "Lato", "en": "Lato"},
    "carousel_mix_font_montserrat": {"id": "Montserrat", "en": "Montserrat"},
    "carousel_mix_font_poppins": {"id": "Poppins", "en": "Poppins"},
    "carousel_mix_font_bebas_neue": {"id": "Bebas Neue", "en": "Bebas Neue"},
    "carousel_mix_font_playfair": {
        "id": "Playfair Display (serif)",
        "en": "Playfair Display (serif)",
    },
    "carousel_mix_weight_300": {"id": "Tipis", "en": "Light"},
    "carousel_mix_weight_400": {"id": "Biasa", "en": "Regular"},
    "carousel_mix_weight_500": {"id": "Sedang", "en": "Medium"},
    "carousel_mix_weight_600": {"id": "Agak tebal", "en": "Semibold"},
    "carousel_mix_weight_700": {"id": "Tebal", "en": "Bold"},
    "carousel_mix_weight_800": {"id": "Lebih tebal", "en": "Extra bold"},
    "carousel_mix_weight_900": {"id": "Paling tebal", "en": "Black"},
    "carousel_mix_align_left": {"id": "Kiri", "en": "Left"},
    "carousel_mix_align_center": {"id": "Tengah", "en": "Centre"},
    "carousel_mix_align_right": {"id": "Kanan", "en": "Right"},
    "carousel_mix_preview": {"id": "Pratinjau slide", "en": "Slide preview"},
    "carousel_mix_preview_empty": {
        "id": "Unggah gambar untuk melihat pratinjau.",
        "en": "Upload a picture to see a preview.",
    },
    "carousel_mix_preview_does_not_fit": {
        "id": "Teks ini tidak muat walau di ukuran terkecil; teksnya tetap dijaga di dalam slide.",
        "en": "This text does not fit even at the smallest size; it is kept inside the slide.",
    },
    "carousel_mix_preview_text": {"id": "Teks di pratinjau", "en": "Text in the preview"},
    "carousel_mix_focal_hint": {
        "id": "Titik fokus: bagian foto yang selalu terlihat saat dipotong ke ukuran slide.",
        "en": "Focal point: the part of the photo kept in view when it is cropped to the slide.",
    },
    # generating
    "carousel_mix_generate_title": {"id": "Buat carousel", "en": "Make carousels"},
    "carousel_mix_order_random": {"id": "Acak (tanpa set kembar)", "en": "Random (no twin sets)"},
    "carousel_mix_order_sequential": {"id": "Berurutan", "en": "In order"},
    "carousel_mix_combinations": {
        "id": "Kombinasi (gambar × teks per slide)",
        "en": "Combinations (pictures × texts per slide)",
    },
    "carousel_mix_count": {"id": "Jumlah set", "en": "Sets"},
    "carousel_mix_cost_per_set": {"id": "{cost} kredit per set", "en": "{cost} credits per set"},
    "carousel_mix_generate": {"id": "Buat", "en": "Make"},
    "carousel_mix_positions_empty": {
        "id": "Slide {slides} belum punya gambar.",
        "en": "Slide {slides} has no picture yet.",
    },
    "carousel_mix_confirm_title": {"id": "Buat carousel sekarang?", "en": "Make these carousels?"},
    "carousel_mix_confirm_count": {"id": "Jumlah set:", "en": "Sets:"},
    "carousel_mix_confirm_price": {"id": "Harga:", "en": "Price:"},
    "carousel_mix_confirm_available": {"id": "Saldo Anda:", "en": "You have:"},
    "carousel_mix_confirm_go": {"id": "Ya, buat", "en": "Yes, make them"},
    "carousel_mix_not_enough": {
        "id": "Saldo tidak cukup untuk ini.",
        "en": "You do not have enough for this.",
    },
    "carousel_mix_being_made": {
        "id": "Carousel Anda sedang dibuat. Pantau kemajuannya di Hasil di bawah.",
        "en": "Your carousels are being made. Follow them under Results below.",
    },
    "carousel_mix_results": {"id": "Hasil", "en": "Results"},
}
