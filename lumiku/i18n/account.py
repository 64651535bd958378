"""The account pages: profile (name, email, password, language) and signed-in devices."""

MESSAGES: dict[str, dict[str, str]] = {
    # profile
    "profile_title": {"id": "Profil", "en": "Profile"},
    "profile_name_section": {"id": "Nama Anda", "en": "Your name"},
    "profile_email_section": {"id": "Alamat email", "en": "Email address"},
    "profile_password_section": {"id": "Kata sandi", "en": "Password"},
    "profile_password_note": {
        "id": "Mengganti kata sandi akan mengeluarkan akun Anda dari semua perangkat lain.",
        "en": "Changing your password signs out all your other devices.",
    },
    "profile_language_section": {"id": "Bahasa", "en": "Language"},
    "saved_name": {"id": "Nama disimpan.", "en": "Name saved."},
    "saved_email": {"id": "Email diganti.", "en": "Email changed."},
    "saved_email_verify": {
        "id": "Email diganti. Kami mengirim tautan konfirmasi ke alamat baru.",
        "en": "Email changed. We sent a confirmation link to the new address.",
    },
    "saved_password": {
        "id": "Kata sandi diganti. Perangkat lain yang dikeluarkan: {count}.",
        "en": "Password changed. Other devices signed out: {count}.",
    },
    "passwords_differ": {
        "id": "Kedua kata sandi baru tidak sama.",
        "en": "The two new passwords are not the same.",
    },
    # devices
    "devices_title": {"id": "Perangkat", "en": "Devices"},
    "devices_subtitle": {
        "id": "Browser yang masuk ke akun Anda. Keluarkan yang tidak Anda kenali.",
        "en": "Browsers signed in to your account. Sign out any you do not recognise.",
    },
    "devices_this": {"id": "Perangkat ini", "en": "This device"},
    "devices_last_active": {"id": "Terakhir aktif", "en": "Last active"},
    "devices_signed_in": {"id": "Masuk sejak", "en": "Signed in"},
    "devices_ip": {"id": "Alamat IP", "en": "IP address"},
    "devices_revoke": {"id": "Keluarkan", "en": "Sign out"},
    "devices_revoke_others": {
        "id": "Keluarkan semua perangkat lain",
        "en": "Sign out all other devices",
    },
    "devices_confirm_title": {
        "id": "Keluarkan semua perangkat lain?",
        "en": "Sign out all other devices?",
    },
    "devices_confirm_body": {
        "id": "Setiap browser lain harus masuk lagi.",
        "en": "Every other browser will need to sign in again.",
    },
    "devices_none_other": {
        "id": "Tidak ada perangkat lain yang masuk.",
        "en": "No other devices are signed in.",
    },
    "devices_revoked": {"id": "Perangkat dikeluarkan.", "en": "Device signed out."},
    "devices_revoked_many": {
        "id": "Perangkat lain yang dikeluarkan: {count}.",
        "en": "Other devices signed out: {count}.",
    },
}
