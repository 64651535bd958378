"""Pose Generator (`/apps/pose-generator`): every key has the app's prefix `pose_generator_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "pose_generator_no_person": {
        "id": "Tidak ada orang yang terlihat jelas di foto ini. Pakai foto seluruh badan.",
        "en": "No person can be seen clearly in this photo. Use a full-body photo.",
    },
    "pose_generator_estimator_missing": {
        "id": "Membaca pose dari foto belum tersedia di server ini.",
        "en": "Reading a pose from a photo is not available on this server.",
    },
    # parameter labels, for errors that name them
    "pose_generator_opt_accessories": {"id": "Aksesori", "en": "Accessories"},
    "pose_generator_opt_custom_prompt": {"id": "Latar sendiri", "en": "Custom background"},
    "pose_generator_opt_hijab_style": {"id": "Gaya hijab", "en": "Hijab style"},
    "pose_generator_opt_options": {"id": "Pilihan", "en": "Options"},
    "pose_generator_opt_poses": {"id": "Pose", "en": "Poses"},
    "pose_generator_opt_scene": {"id": "Suasana latar", "en": "Scene"},
}
