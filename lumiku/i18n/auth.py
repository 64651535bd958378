"""Signing in and creating an account: the forms and the errors of the auth service."""

MESSAGES: dict[str, dict[str, str]] = {
    # forms
    "sign_in_title": {"id": "Masuk ke Lumiku", "en": "Sign in to Lumiku"},
    "sign_up_title": {"id": "Buat akun Lumiku Anda", "en": "Create your Lumiku account"},
    "field_email": {"id": "Email", "en": "Email"},
    "field_password": {"id": "Kata sandi", "en": "Password"},
    "field_name": {"id": "Nama", "en": "Name"},
    "field_new_password": {"id": "Kata sandi baru", "en": "New password"},
    "field_confirm_password": {"id": "Ulangi kata sandi baru", "en": "Repeat new password"},
    "field_current_password": {"id": "Kata sandi saat ini", "en": "Current password"},
    "field_new_email": {"id": "Email baru", "en": "New email"},
    "password_hint": {"id": "8 sampai 72 karakter.", "en": "8 to 72 characters."},
    "submit_sign_in": {"id": "Masuk", "en": "Sign in"},
    "submit_sign_up": {"id": "Buat akun", "en": "Create account"},
    "no_account": {"id": "Baru di Lumiku?", "en": "New to Lumiku?"},
    "show_password": {"id": "Tampilkan kata sandi", "en": "Show password"},
    "session_ended": {
        "id": "Sesi Anda telah berakhir. Silakan masuk lagi.",
        "en": "Your session has ended. Please sign in again.",
    },
    "signed_out": {"id": "Anda sudah keluar.", "en": "You are signed out."},
    # errors
    "email_invalid": {
        "id": "Masukkan alamat email yang valid.",
        "en": "Enter a valid email address.",
    },
    "email_taken": {
        "id": "Akun dengan email ini sudah ada.",
        "en": "An account with this email already exists.",
    },
    "password_too_short": {
        "id": "Kata sandi minimal {min} karakter.",
        "en": "The password needs at least {min} characters.",
    },
    "password_too_long": {
        "id": "Kata sandi maksimal {max} byte.",
        "en": "The password can have at most {max} bytes.",
    },
    "name_required": {"id": "Masukkan nama Anda.", "en": "Enter your name."},
    "name_too_long": {
        "id": "Nama maksimal {max} karakter.",
        "en": "The name can have at most {max} characters.",
    },
    "language_invalid": {
        "id": "Pilih Bahasa Indonesia atau English.",
        "en": "Choose Bahasa Indonesia or English.",
    },
    "invalid_credentials": {"id": "Email atau kata sandi salah.", "en": "Wrong email or password."},
    "account_locked": {
        "id": (
            "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci; coba lagi dalam "
            "{minutes} menit."
        ),
        "en": "Too many failed sign-ins. This account is locked; try again in {minutes} minutes.",
    },
    "rate_limited_sign-in": {
        "id": "Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.",
        "en": "Too many sign-in attempts. Try again in {minutes} minutes.",
    },
    "rate_limited_current-password": {
        "id": "Terlalu banyak pemeriksaan kata sandi. Coba lagi dalam {minutes} menit.",
        "en": "Too many password checks. Try again in {minutes} minutes.",
    },
    "rate_limited_register": {
        "id": "Terlalu banyak akun baru dari jaringan Anda. Coba lagi dalam {minutes} menit.",
        "en": "Too many new accounts from your network. Try again in {minutes} minutes.",
    },
    "current_password_wrong": {
        "id": "Kata sandi saat ini salah.",
        "en": "Your current password is wrong.",
    },
}
