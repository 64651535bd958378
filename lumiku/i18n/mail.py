"""The mail Lumiku sends: email verification and password reset (plain text and simple HTML)."""

MESSAGES: dict[str, dict[str, str]] = {
    "mail_greeting": {"id": "Halo {name},", "en": "Hi {name},"},
    "mail_signature": {"id": "Salam,\nTim Lumiku", "en": "Best regards,\nThe Lumiku team"},
    "mail_verify_subject": {
        "id": "Konfirmasi alamat email Lumiku Anda",
        "en": "Confirm your Lumiku email address",
    },
    "mail_verify_body": {
        "id": (
            "Terima kasih sudah mendaftar di Lumiku. Buka tautan di bawah untuk mengonfirmasi "
            "alamat email ini; setelah itu kredit sambutan Anda langsung masuk. Tautan ini "
            "berlaku 48 jam dan hanya bisa dipakai sekali."
        ),
        "en": (
            "Thank you for joining Lumiku. Open the link below to confirm this email address; "
            "your welcome credits arrive right after. The link works for 48 hours, once."
        ),
    },
    "mail_verify_button": {"id": "Konfirmasi email", "en": "Confirm email"},
    "mail_verify_ignore": {
        "id": "Tidak merasa mendaftar? Abaikan saja email ini.",
        "en": "Didn't sign up? Just ignore this email.",
    },
    "mail_reset_subject": {
        "id": "Atur ulang kata sandi Lumiku Anda",
        "en": "Reset your Lumiku password",
    },
    "mail_reset_body": {
        "id": (
            "Kami menerima permintaan untuk mengatur ulang kata sandi akun Lumiku Anda. Buka "
            "tautan di bawah untuk membuat kata sandi baru. Tautan ini berlaku 1 jam dan hanya "
            "bisa dipakai sekali; semua perangkat lain akan dikeluarkan."
        ),
        "en": (
            "We received a request to reset the password of your Lumiku account. Open the link "
            "below to choose a new one. The link works for 1 hour, once; every other device "
            "will be signed out."
        ),
    },
    "mail_reset_button": {"id": "Buat kata sandi baru", "en": "Choose a new password"},
    "mail_reset_ignore": {
        "id": "Tidak meminta ini? Abaikan email ini; kata sandi Anda tetap sama.",
        "en": "Didn't ask for this? Ignore this email; your password stays the same.",
    },
}
