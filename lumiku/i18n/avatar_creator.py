"""Avatar Creator (`/apps/avatar-creator`): every key has the app's prefix `avatar_creator_`."""

MESSAGES: dict[str, dict[str, str]] = {
    "avatar_creator_project_counts": {
        "id": "{avatars} avatar",
        "en": "{avatars} avatars",
    },
    "avatar_creator_no_projects": {
        "id": "Belum ada proyek. Buat satu untuk menyimpan persona dan wajahnya.",
        "en": "No projects yet. Make one to keep personas and their faces.",
    },
    "avatar_creator_new_project": {
        "id": "Proyek baru",
        "en": "New project",
    },
    "avatar_creator_project_name": {
        "id": "Nama proyek",
        "en": "Project name",
    },
    "avatar_creator_project_description": {
        "id": "Keterangan (tidak wajib)",
        "en": "Description (optional)",
    },
    "avatar_creator_name_required": {
        "id": "Beri nama proyeknya.",
        "en": "Give the project a name.",
    },
    "avatar_creator_project_deleted": {
        "id": "Proyek dihapus.",
        "en": "Project deleted.",
    },
    "avatar_creator_rename": {
        "id": "Ganti nama",
        "en": "Rename",
    },
    "avatar_creator_delete_project": {
        "id": "Hapus proyek",
        "en": "Delete project",
    },
    "avatar_creator_delete_project_title": {
        "id": "Hapus proyek ini?",
        "en": "Delete this project?",
    },
    "avatar_creator_delete_project_body": {
        "id": "Semua avatar di dalamnya dan gambarnya ikut terhapus. Ini tidak bisa dibatalkan.",
        "en": "Every avatar in it and their pictures are deleted too. This cannot be undone.",
    },
    "avatar_creator_how_title": {
        "id": "Cara kerjanya",
        "en": "How it works",
    },
    "avatar_creator_how_1": {
        "id": "Buat persona: nama, usia, kepribadian dan penampilan, atau mulai dari preset.",
        "en": "Make a persona: name, age, personality and look, or start from a preset.",
    },
    "avatar_creator_how_2": {
        "id": "Buat wajahnya dengan AI (pilih model dan jumlahnya), atau unggah foto wajah.",
        "en": "Generate its face with AI (choose the model and how many), or upload a face photo.",
    },
    "avatar_creator_how_3": {
        "id": (
            "Pakai avatarnya di Avatar Generator dan aplikasi lain; riwayat pemakaiannya tercatat."
        ),
        "en": "Use the avatar in Avatar Generator and other apps; every use is recorded.",
    },
    "avatar_creator_all_projects": {
        "id": "Semua proyek",
        "en": "All projects",
    },
    "avatar_creator_avatar_deleted": {
        "id": "Avatar dihapus.",
        "en": "Avatar deleted.",
    },
    "avatar_creator_avatar_saved": {
        "id": "Avatar disimpan.",
        "en": "Avatar saved.",
    },
    "avatar_creator_avatars": {
        "id": "Avatar",
        "en": "Avatars",
    },
    "avatar_creator_category_all": {
        "id": "Semua kategori",
        "en": "All categories",
    },
    "avatar_creator_category_professional": {
        "id": "Profesional",
        "en": "Professional",
    },
    "avatar_creator_category_casual": {
        "id": "Santai",
        "en": "Casual",
    },
    "avatar_creator_category_sports": {
        "id": "Olahraga",
        "en": "Sports",
    },
    "avatar_creator_category_fashion": {
        "id": "Fesyen",
        "en": "Fashion",
    },
    "avatar_creator_category_traditional": {
        "id": "Tradisional",
        "en": "Traditional",
    },
    "avatar_creator_delete_avatar": {
        "id": "Hapus avatar",
        "en": "Delete avatar",
    },
    "avatar_creator_delete_avatar_title": {
        "id": "Hapus avatar ini?",
        "en": "Delete this avatar?",
    },
    "avatar_creator_delete_avatar_body": {
        "id": "Gambarnya, persona-nya dan riwayat pemakaiannya ikut terhapus.",
        "en": "Its picture, persona and usage history are deleted too.",
    },
    "avatar_creator_drop_photos": {
        "id": "Seret foto wajah ke sini, atau klik untuk memilih",
        "en": "Drop face photos here, or click to choose",
    },
    "avatar_creator_drop_photos_hint": {
        "id": "JPG, PNG atau WebP sampai 10 MB. Thumbnail dipusatkan pada wajah.",
        "en": "JPG, PNG or WebP up to 10 MB. The thumbnail is centred on the face.",
    },
    "avatar_creator_upload_full": {
        "id": "Satu proyek berisi paling banyak {max} avatar.",
        "en": "A project holds at most {max} avatars.",
    },
    "avatar_creator_too_many_avatars": {
        "id": "Satu proyek berisi paling banyak {max} avatar. Hapus beberapa dulu.",
        "en": "A project holds at most {max} avatars. Delete some first.",
    },
    "avatar_creator_photo_too_big": {
        "id": "Foto wajah paling besar {max_mb} MB.",
        "en": "A face photo is at most {max_mb} MB.",
    },
    "avatar_creator_prompt_invalid": {
        "id": "Tulis deskripsi wajahnya: {low} sampai {high} karakter.",
        "en": "Describe the face: {low} to {high} characters.",
    },
    "avatar_creator_field_prompt": {
        "id": "Deskripsi",
        "en": "Description",
    },
    "avatar_creator_prompt_placeholder": {
        "id": "misalnya: wanita muda tersenyum, latar studio putih",
        "en": "e.g. a young woman smiling, white studio backdrop",
    },
    "avatar_creator_field_seed": {
        "id": "Seed (tidak wajib)",
        "en": "Seed (optional)",
    },
    "avatar_creator_seed_hint": {
        "id": "acak",
        "en": "random",
    },
    "avatar_creator_field_name": {
        "id": "Nama avatar",
        "en": "Avatar name",
    },
    "avatar_creator_field_persona_name": {
        "id": "Nama persona",
        "en": "Persona's name",
    },
    "avatar_creator_field_persona_age": {
        "id": "Usia",
        "en": "Age",
    },
    "avatar_creator_field_personality": {
        "id": "Kepribadian (pisahkan dengan koma)",
        "en": "Personality (comma separated)",
    },
    "avatar_creator_field_background": {
        "id": "Latar belakang",
        "en": "Background",
    },
    "avatar_creator_history": {
        "id": "Riwayat pemakaian",
        "en": "Usage history",
    },
    "avatar_creator_never_used": {
        "id": "Belum dipakai di aplikasi mana pun.",
        "en": "Not used in any app yet.",
    },
    "avatar_creator_uses_count": {
        "id": "{count} kali dipakai",
        "en": "used {count} times",
    },
    "avatar_creator_use_variations": {
        "id": "{count} variasi ({quality}, {style})",
        "en": "{count} variations ({quality}, {style})",
    },
    "avatar_creator_use_poses": {
        "id": "{count} pose",
        "en": "{count} poses",
    },
    "avatar_creator_use_videos": {
        "id": "{count} video",
        "en": "{count} videos",
    },
    "avatar_creator_likeness": {
        "id": "Kemiripan wajah:",
        "en": "Face likeness:",
    },
    "avatar_creator_seed": {
        "id": "Seed:",
        "en": "Seed:",
    },
    "avatar_creator_look": {
        "id": "Penampilan",
        "en": "Look",
    },
    "avatar_creator_make_variations": {
        "id": "Buat variasi",
        "en": "Make variations",
    },
    "avatar_creator_make_poses": {
        "id": "Buat pose",
        "en": "Make poses",
    },
    "avatar_creator_mode_describe": {
        "id": "Deskripsikan sendiri",
        "en": "Describe it yourself",
    },
    "avatar_creator_mode_preset": {
        "id": "Mulai dari preset",
        "en": "Start from a preset",
    },
    "avatar_creator_model": {
        "id": "Model",
        "en": "Model",
    },
    "avatar_creator_model_cost": {
        "id": "{credits} kredit per avatar",
        "en": "{credits} credits per avatar",
    },
    "avatar_creator_no_model": {
        "id": (
            "Belum ada model yang bisa dipakai untuk membuat avatar. Minta admin "
            "mengaktifkannya, atau unggah foto wajah."
        ),
        "en": (
            "No model can make avatars right now. Ask an admin to switch one on, or upload a "
            "face photo."
        ),
    },
    "avatar_creator_new_avatar": {
        "id": "Avatar baru",
        "en": "New avatar",
    },
    "avatar_creator_per_avatar": {
        "id": "harga",
        "en": "price",
    },
    "avatar_creator_persona_written": {
        "id": "Persona sudah ditulis. Periksa dan ubah sesukamu sebelum membuat.",
        "en": "The persona is written. Check and change it as you like before generating.",
    },
    "avatar_creator_results": {
        "id": "Hasil",
        "en": "Results",
    },
    "avatar_creator_source_uploaded": {
        "id": "Diunggah",
        "en": "Uploaded",
    },
    "avatar_creator_source_text_to_image": {
        "id": "Dibuat AI",
        "en": "AI generated",
    },
    "avatar_creator_source_from_preset": {
        "id": "Dari preset",
        "en": "From a preset",
    },
    "avatar_creator_source_variation": {
        "id": "Variasi",
        "en": "Variation",
    },
    "avatar_creator_started": {
        "id": "Avatar sedang dibuat. Hasilnya muncul di sini.",
        "en": "The avatars are being made. They appear here.",
    },
    "avatar_creator_unset": {
        "id": "Tidak diatur",
        "en": "Not set",
    },
    "avatar_creator_writer_title": {
        "id": "Tulis persona untukku",
        "en": "Write this persona for me",
    },
    "avatar_creator_writer_placeholder": {
        "id": "beberapa kata, misalnya: penjual batik muda dari Solo",
        "en": "a few words, e.g. a young batik seller from Solo",
    },
    "avatar_creator_writer_go": {
        "id": "Tulis",
        "en": "Write",
    },
    "avatar_creator_no_avatars": {
        "id": "Belum ada avatar. Buat dengan AI di sebelah kiri, atau seret foto wajah ke sini.",
        "en": "No avatars yet. Make one with AI, or drop a face photo here.",
    },
    "avatar_creator_count": {
        "id": "Jumlah",
        "en": "How many",
    },
    "avatar_creator_generate": {
        "id": "Buat avatar",
        "en": "Generate avatars",
    },
    "avatar_creator_confirm_title": {
        "id": "Buat avatar?",
        "en": "Generate avatars?",
    },
    "avatar_creator_confirm_count": {
        "id": "Jumlah avatar:",
        "en": "Avatars:",
    },
    "avatar_creator_confirm_price": {
        "id": "Harga:",
        "en": "Price:",
    },
    "avatar_creator_confirm_available": {
        "id": "Tersedia:",
        "en": "Available:",
    },
    "avatar_creator_confirm_go": {
        "id": "Ya, buat",
        "en": "Yes, generate",
    },
    "avatar_creator_not_enough": {
        "id": "Saldo tidak cukup.",
        "en": "Not enough balance.",
    },
    "avatar_creator_being_made": {
        "id": "Avatar sedang dibuat. Progresnya ada di daftar hasil di bawah.",
        "en": "The avatars are being made. Progress is in the results below.",
    },
    "avatar_creator_attribute_invalid": {
        "id": "Pilihan {name} ini tidak dikenal. Pilih dari daftar.",
        "en": "This {name} is not one of the choices. Pick one from the list.",
    },
    "avatar_creator_persona_age_invalid": {
        "id": "Usia persona antara {low} dan {high} tahun.",
        "en": "The persona's age is between {low} and {high}.",
    },
    "avatar_creator_persona_background_too_long": {
        "id": "Latar belakang paling panjang {max} karakter.",
        "en": "The background is at most {max} characters.",
    },
    "avatar_creator_persona_name_too_long": {
        "id": "Nama persona paling panjang {max} karakter.",
        "en": "The persona's name is at most {max} characters.",
    },
    "avatar_creator_persona_traits_invalid": {
        "id": (
            "Kepribadian: paling banyak {most} sifat, masing-masing paling panjang {length} "
            "karakter."
        ),
        "en": "Personality: at most {most} traits of at most {length} characters each.",
    },
    "avatar_creator_persona_words_invalid": {
        "id": "Tulis {low} sampai {high} karakter tentang persona-nya.",
        "en": "Write {low} to {high} characters about the persona.",
    },
    "avatar_creator_opt_attr_gender": {
        "id": "gender",
        "en": "Gender",
    },
    "avatar_creator_opt_attr_age_range": {
        "id": "rentang usia",
        "en": "age range",
    },
    "avatar_creator_opt_attr_ethnicity": {
        "id": "etnis",
        "en": "ethnicity",
    },
    "avatar_creator_opt_attr_body_type": {
        "id": "bentuk tubuh",
        "en": "body type",
    },
    "avatar_creator_opt_attr_hair_style": {
        "id": "gaya rambut",
        "en": "hair style",
    },
    "avatar_creator_opt_attr_hair_color": {
        "id": "warna rambut",
        "en": "hair colour",
    },
    "avatar_creator_opt_attr_eye_color": {
        "id": "warna mata",
        "en": "eye colour",
    },
    "avatar_creator_opt_attr_skin_tone": {
        "id": "warna kulit",
        "en": "skin tone",
    },
    "avatar_creator_opt_attr_style": {
        "id": "gaya busana",
        "en": "clothing style",
    },
    "avatar_creator_preset_professional_business_woman": {
        "id": "Eksekutif pemasaran yang percaya diri untuk konten korporat dan gaya LinkedIn.",
        "en": "A confident marketing executive for corporate and LinkedIn-style content.",
    },
    "avatar_creator_preset_professional_business_man": {
        "id": "Pendiri perusahaan berjas yang karismatik untuk konten bisnis dan kepemimpinan.",
        "en": "A charismatic founder in a suit for business and leadership content.",
    },
    "avatar_creator_preset_professional_hijabi_woman": {
        "id": "Pemasar Indonesia yang ramah dengan hijab modern untuk konten profesional.",
        "en": "A friendly Indonesian marketer in a modern hijab for professional content.",
    },
    "avatar_creator_preset_young_professional_developer": {
        "id": "Pengembang perangkat lunak muda untuk konten teknologi, startup dan karier.",
        "en": "A young software developer for tech, startup and career content.",
    },
    "avatar_creator_preset_senior_executive_woman": {
        "id": "Pemimpin senior yang tenang untuk konten ruang rapat dan kepemimpinan.",
        "en": "A composed senior leader for boardroom and thought-leadership content.",
    },
    "avatar_creator_preset_creative_professional": {
        "id": "Desainer ekspresif untuk konten industri kreatif dan desain.",
        "en": "An expressive designer for creative-industry and design content.",
    },
    "avatar_creator_preset_healthcare_professional": {
        "id": "Dokter keluarga yang penuh perhatian untuk konten kesehatan dan kebugaran.",
        "en": "A caring family doctor for health and wellness content.",
    },
    "avatar_creator_preset_financial_professional": {
        "id": "Penasihat keuangan tepercaya untuk konten uang, perbankan dan investasi.",
        "en": "A trustworthy financial advisor for money, banking and investment content.",
    },
    "avatar_creator_preset_casual_young_man": {
        "id": "Pria muda santai untuk konten gaya hidup dan produk sehari-hari.",
        "en": "A relaxed young man for lifestyle and everyday product content.",
    },
    "avatar_creator_preset_casual_young_woman": {
        "id": "Mahasiswi ceria untuk konten gaya hidup, kafe dan kampus.",
        "en": "A cheerful student for lifestyle, cafe and campus content.",
    },
    "avatar_creator_preset_casual_hijabi_student": {
        "id": "Mahasiswi Indonesia ceria berhijab warna-warni untuk konten kampus dan anak muda.",
        "en": "A cheerful Indonesian student in a colourful hijab for campus and youth content.",
    },
    "avatar_creator_preset_casual_middle_aged_man": {
        "id": "Pemilik usaha kecil yang hangat untuk konten bisnis lokal dan keluarga.",
        "en": "A warm small-business owner for local business and family content.",
    },
    "avatar_creator_preset_casual_artist": {
        "id": "Ilustrator berjiwa bebas untuk konten seni, kerajinan dan hobi.",
        "en": "A free-spirited illustrator for art, craft and hobby content.",
    },
    "avatar_creator_preset_casual_retiree": {
        "id": "Pensiunan yang aktif dan hangat untuk konten keluarga, kesehatan dan komunitas.",
        "en": "An active, warm retiree for family, health and community content.",
    },
    "avatar_creator_preset_athletic_runner": {
        "id": "Pelari maraton yang gigih untuk konten olahraga dan kebugaran.",
        "en": "A determined marathon runner for sports and fitness content.",
    },
    "avatar_creator_preset_fitness_instructor": {
        "id": "Pelatih yang kuat dan memotivasi untuk konten gym dan latihan.",
        "en": "A strong, motivating trainer for gym and workout content.",
    },
    "avatar_creator_preset_yoga_instructor": {
        "id": "Guru yoga yang tenang untuk konten kesejahteraan dan kesadaran diri.",
        "en": "A calm yoga teacher for wellness and mindfulness content.",
    },
    "avatar_creator_preset_athletic_coach": {
        "id": "Pelatih bulu tangkis yang menyemangati untuk konten olahraga, latihan dan tim.",
        "en": "An encouraging badminton coach for sports, training and team content.",
    },
    "avatar_creator_preset_fashion_model": {
        "id": "Model yang anggun untuk kampanye fesyen, kecantikan dan brand.",
        "en": "A poised model for fashion, beauty and brand campaigns.",
    },
    "avatar_creator_preset_street_fashion": {
        "id": "Influencer gaya yang trendi untuk konten streetwear dan fesyen urban.",
        "en": "A trendy style influencer for streetwear and urban fashion content.",
    },
    "avatar_creator_preset_modest_fashion": {
        "id": "Desainer busana muslim yang elegan untuk konten hijab dan busana santun.",
        "en": "An elegant modest-fashion designer for hijab and modest-wear content.",
    },
    "avatar_creator_preset_vintage_fashion": {
        "id": "Penata gaya retro yang menawan untuk konten fesyen vintage dan thrift.",
        "en": "A charming retro stylist for vintage and thrift fashion content.",
    },
    "avatar_creator_preset_traditional_indonesian": {
        "id": "Guru tari Jawa berkebaya dan batik untuk konten budaya.",
        "en": "A Javanese dance teacher in kebaya and batik for cultural content.",
    },
    "avatar_creator_preset_traditional_indian": {
        "id": "Penari klasik bersari sutra untuk konten budaya dan perayaan.",
        "en": "A classical dancer in a silk saree for cultural and festive content.",
    },
    "avatar_creator_preset_traditional_japanese": {
        "id": "Guru upacara minum teh berkimono untuk konten budaya dan kerajinan.",
        "en": "A tea ceremony teacher in kimono for cultural and craft content.",
    },
    "avatar_creator_attr_gender": {
        "id": "Gender",
        "en": "Gender",
    },
    "avatar_creator_attr_age_range": {
        "id": "Rentang usia",
        "en": "Age range",
    },
    "avatar_creator_attr_ethnicity": {
        "id": "Etnis",
        "en": "Ethnicity",
    },
    "avatar_creator_attr_body_type": {
        "id": "Bentuk tubuh",
        "en": "Body type",
    },
    "avatar_creator_attr_hair_style": {
        "id": "Gaya rambut",
        "en": "Hair style",
    },
    "avatar_creator_attr_hair_color": {
        "id": "Warna rambut",
        "en": "Hair colour",
    },
    "avatar_creator_attr_eye_color": {
        "id": "Warna mata",
        "en": "Eye colour",
    },
    "avatar_creator_attr_skin_tone": {
        "id": "Warna kulit",
        "en": "Skin tone",
    },
    "avatar_creator_attr_style": {
        "id": "Gaya busana",
        "en": "Clothing style",
    },
    "avatar_creator_value_female": {
        "id": "Perempuan",
        "en": "Female",
    },
    "avatar_creator_value_male": {
        "id": "Laki-laki",
        "en": "Male",
    },
    "avatar_creator_value_unisex": {
        "id": "Uniseks",
        "en": "Unisex",
    },
    "avatar_creator_value_young": {
        "id": "Muda (20–30)",
        "en": "Young (20–30)",
    },
    "avatar_creator_value_adult": {
        "id": "Dewasa (30–50)",
        "en": "Adult (30–50)",
    },
    "avatar_creator_value_mature": {
        "id": "Matang (50+)",
        "en": "Mature (50+)",
    },
    "avatar_creator_value_southeast_asian": {
        "id": "Asia Tenggara",
        "en": "Southeast Asian",
    },
    "avatar_creator_value_east_asian": {
        "id": "Asia Timur",
        "en": "East Asian",
    },
    "avatar_creator_value_south_asian": {
        "id": "Asia Selatan",
        "en": "South Asian",
    },
    "avatar_creator_value_middle_eastern": {
        "id": "Timur Tengah",
        "en": "Middle Eastern",
    },
    "avatar_creator_value_african": {
        "id": "Afrika",
        "en": "African",
    },
    "avatar_creator_value_caucasian": {
        "id": "Kaukasia",
        "en": "Caucasian",
    },
    "avatar_creator_value_hispanic": {
        "id": "Hispanik",
        "en": "Hispanic",
    },
    "avatar_creator_value_pacific_islander": {
        "id": "Kepulauan Pasifik",
        "en": "Pacific Islander",
    },
    "avatar_creator_value_mixed": {
        "id": "Campuran",
        "en": "Mixed",
    },
    "avatar_creator_value_slim": {
        "id": "Langsing",
        "en": "Slim",
    },
    "avatar_creator_value_average": {
        "id": "Sedang",
        "en": "Average",
    },
    "avatar_creator_value_athletic": {
        "id": "Atletis",
        "en": "Athletic",
    },
    "avatar_creator_value_curvy": {
        "id": "Berisi",
        "en": "Curvy",
    },
    "avatar_creator_value_plus_size": {
        "id": "Plus size",
        "en": "Plus size",
    },
    "avatar_creator_value_short": {
        "id": "Pendek",
        "en": "Short",
    },
    "avatar_creator_value_medium": {
        "id": "Sedang",
        "en": "Medium",
    },
    "avatar_creator_value_long": {
        "id": "Panjang",
        "en": "Long",
    },
    "avatar_creator_value_curly": {
        "id": "Keriting",
        "en": "Curly",
    },
    "avatar_creator_value_wavy": {
        "id": "Bergelombang",
        "en": "Wavy",
    },
    "avatar_creator_value_straight": {
        "id": "Lurus",
        "en": "Straight",
    },
    "avatar_creator_value_braided": {
        "id": "Dikepang",
        "en": "Braided",
    },
    "avatar_creator_value_bun": {
        "id": "Dicepol",
        "en": "Bun",
    },
    "avatar_creator_value_ponytail": {
        "id": "Kuncir kuda",
        "en": "Ponytail",
    },
    "avatar_creator_value_afro": {
        "id": "Afro",
        "en": "Afro",
    },
    "avatar_creator_value_bald": {
        "id": "Botak",
        "en": "Bald",
    },
    "avatar_creator_value_hijab": {
        "id": "Berhijab",
        "en": "Hijab",
    },
    "avatar_creator_value_black": {
        "id": "Hitam",
        "en": "Black",
    },
    "avatar_creator_value_dark_brown": {
        "id": "Cokelat tua",
        "en": "Dark brown",
    },
    "avatar_creator_value_brown": {
        "id": "Cokelat",
        "en": "Brown",
    },
    "avatar_creator_value_blonde": {
        "id": "Pirang",
        "en": "Blonde",
    },
    "avatar_creator_value_red": {
        "id": "Merah",
        "en": "Red",
    },
    "avatar_creator_value_grey": {
        "id": "Abu-abu",
        "en": "Grey",
    },
    "avatar_creator_value_white": {
        "id": "Putih",
        "en": "White",
    },
    "avatar_creator_value_dyed": {
        "id": "Diwarnai",
        "en": "Dyed",
    },
    "avatar_creator_value_hazel": {
        "id": "Hazel",
        "en": "Hazel",
    },
    "avatar_creator_value_green": {
        "id": "Hijau",
        "en": "Green",
    },
    "avatar_creator_value_blue": {
        "id": "Biru",
        "en": "Blue",
    },
    "avatar_creator_value_fair": {
        "id": "Putih",
        "en": "Fair",
    },
    "avatar_creator_value_light": {
        "id": "Terang",
        "en": "Light",
    },
    "avatar_creator_value_olive": {
        "id": "Zaitun",
        "en": "Olive",
    },
    "avatar_creator_value_tan": {
        "id": "Sawo matang",
        "en": "Tan",
    },
    "avatar_creator_value_dark": {
        "id": "Gelap",
        "en": "Dark",
    },
    "avatar_creator_value_professional": {
        "id": "Profesional",
        "en": "Professional",
    },
    "avatar_creator_value_casual": {
        "id": "Santai",
        "en": "Casual",
    },
    "avatar_creator_value_smart_casual": {
        "id": "Smart casual",
        "en": "Smart casual",
    },
    "avatar_creator_value_formal": {
        "id": "Formal",
        "en": "Formal",
    },
    "avatar_creator_value_traditional": {
        "id": "Tradisional",
        "en": "Traditional",
    },
    "avatar_creator_value_sporty": {
        "id": "Sporty",
        "en": "Sporty",
    },
    "avatar_creator_value_creative": {
        "id": "Kreatif",
        "en": "Creative",
    },
    "avatar_creator_value_modest": {
        "id": "Busana muslim",
        "en": "Modest",
    },
    "avatar_creator_value_streetwear": {
        "id": "Streetwear",
        "en": "Streetwear",
    },
    "avatar_creator_value_elegant": {
        "id": "Elegan",
        "en": "Elegant",
    },
    "avatar_creator_value_vintage": {
        "id": "Vintage",
        "en": "Vintage",
    },
    "avatar_creator_value_bohemian": {
        "id": "Bohemian",
        "en": "Bohemian",
    },
}
