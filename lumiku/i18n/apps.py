"""The dashboard's one-line description of each of the eight apps (`app_<name>_desc`), and what
an app's outputs are called where the plans page counts them (`app_<name>_outputs`)."""

MESSAGES: dict[str, dict[str, str]] = {
    "app_outputs": {"id": "hasil", "en": "results"},  # an app without its own word
    "app_video_mixer_outputs": {"id": "video", "en": "videos"},
    "app_carousel_mix_outputs": {"id": "set carousel", "en": "carousel sets"},
    "app_looping_flow_outputs": {"id": "loop", "en": "loops"},
    "app_avatar_creator_outputs": {"id": "avatar", "en": "avatars"},
    "app_avatar_generator_outputs": {"id": "variasi avatar", "en": "avatar variations"},
    "app_pose_generator_outputs": {"id": "pose", "en": "poses"},
    "app_video_generator_outputs": {"id": "video", "en": "videos"},
    "app_poster_editor_outputs": {"id": "suntingan poster", "en": "poster edits"},
    "app_avatar_creator_desc": {
        "id": "Buat avatar AI lengkap dengan persona untuk brand Anda.",
        "en": "Create AI avatars with a full persona for your brand.",
    },
    "app_avatar_generator_desc": {
        "id": "Hasilkan variasi avatar dengan gaya dan pose baru.",
        "en": "Generate variations of an avatar in new styles and poses.",
    },
    "app_pose_generator_desc": {
        "id": "Tempatkan avatar atau model produk Anda ke pose siap pakai.",
        "en": "Put your avatar or product model into ready-made poses.",
    },
    "app_video_generator_desc": {
        "id": "Ubah prompt atau gambar menjadi video pendek.",
        "en": "Turn a prompt or a picture into a short video.",
    },
    "app_video_mixer_desc": {
        "id": "Campur klip pendek menjadi banyak video unik sekaligus.",
        "en": "Mix short clips into many unique videos at once.",
    },
    "app_poster_editor_desc": {
        "id": "Edit poster dengan AI: hapus teks, inpainting, pertajam, ubah ukuran.",
        "en": "Edit posters with AI: remove text, inpaint, enhance, resize.",
    },
    "app_carousel_mix_desc": {
        "id": "Susun banyak carousel Instagram dari gambar dan teks Anda.",
        "en": "Build many Instagram carousels from your images and texts.",
    },
    "app_looping_flow_desc": {
        "id": "Buat video loop mulus dengan audio berlapis.",
        "en": "Make seamless video loops with layered audio.",
    },
}
