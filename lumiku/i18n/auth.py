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
    "sign_in_required": {
        "id": "Masuk dulu untuk membuka halaman itu.",
        "en": "Sign in first to open that page.",
    },
    "session_ended": {
        "id": "Sesi Anda sudah berakhir. Silakan masuk lagi.",
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
    "rate_limited_sign-in-ip": {
        "id": (
            "Terlalu banyak percobaan masuk yang gagal dari jaringan Anda. Coba lagi dalam "
            "{minutes} menit."
        ),
        "en": "Too many failed sign-ins from your network. Try again in {minutes} minutes.",
    },
    "rate_limited_sign-in-account": {
        "id": "Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.",
        "en": "Too many sign-in attempts. Try again in {minutes} minutes.",
    },
    "rate_limited_reset-ip": {
        "id": "Terlalu banyak permintaan dari jaringan Anda. Coba lagi dalam {minutes} menit.",
        "en": "Too many requests from your network. Try again in {minutes} minutes.",
    },
    "rate_limited_reset-email": {
        "id": "Terlalu banyak permintaan. Coba lagi dalam {minutes} menit.",
        "en": "Too many requests. Try again in {minutes} minutes.",
    },
    "rate_limited_verify-mail": {
        "id": "Tautan sudah beberapa kali dikirim. Coba lagi dalam {minutes} menit.",
        "en": "The link was sent several times already. Try again in {minutes} minutes.",
    },
    "password_too_common": {
        "id": (
            "Kata sandi ini terlalu umum atau mudah ditebak (misalnya nama email Anda). "
            "Pilih yang lain."
        ),
        "en": (
            "This password is too common or easy to guess (such as your email's name). "
            "Choose another one."
        ),
    },
    "mail_failed": {
        "id": "Email belum bisa dikirim sekarang. Coba kirim ulang sebentar lagi.",
        "en": "The email could not be sent right now. Try sending it again in a moment.",
    },
    # mailed links
    "link_invalid": {
        "id": "Tautan ini tidak valid. Minta tautan baru.",
        "en": "This link is not valid. Ask for a new one.",
    },
    "link_used": {
        "id": "Tautan ini sudah dipakai. Setiap tautan hanya berlaku sekali.",
        "en": "This link has been used already. Each link works once.",
    },
    "link_expired": {
        "id": "Tautan ini sudah kedaluwarsa. Minta tautan baru.",
        "en": "This link has expired. Ask for a new one.",
    },
    "forgot_password_link": {"id": "Lupa kata sandi?", "en": "Forgot password?"},
    "forgot_title": {"id": "Lupa kata sandi", "en": "Forgot your password"},
    "forgot_intro": {
        "id": "Masukkan email akun Anda. Kami akan mengirim tautan untuk membuat kata sandi baru.",
        "en": "Enter your account's email. We will send you a link to choose a new password.",
    },
    "submit_send_link": {"id": "Kirim tautan", "en": "Send link"},
    "forgot_sent": {
        "id": (
            "Jika ada akun dengan email itu, kami sudah mengirim tautan untuk mengatur ulang "
            "kata sandi. Periksa kotak masuk (dan folder spam) Anda."
        ),
        "en": (
            "If an account exists for that email, we have sent it a link to reset the password. "
            "Check your inbox (and spam folder)."
        ),
    },
    "reset_title": {"id": "Buat kata sandi baru", "en": "Choose a new password"},
    "submit_reset": {"id": "Simpan kata sandi", "en": "Save password"},
    "reset_done": {
        "id": "Kata sandi baru tersimpan dan semua perangkat sudah dikeluarkan. Silakan masuk.",
        "en": "Your new password is saved and every device was signed out. Please sign in.",
    },
    "back_to_sign_in": {"id": "Kembali ke halaman masuk", "en": "Back to sign in"},
    "verify_title": {"id": "Konfirmasi email", "en": "Email confirmation"},
    "verify_checking": {"id": "Memeriksa tautan…", "en": "Checking the link…"},
    "verify_ok": {
        "id": "Alamat email Anda sudah dikonfirmasi. Terima kasih, selamat berkarya!",
        "en": "Your email address is confirmed. Thank you, and enjoy Lumiku!",
    },
    "verify_already": {
        "id": "Alamat email ini sudah dikonfirmasi sebelumnya.",
        "en": "This email address was already confirmed.",
    },
    "verify_continue": {"id": "Lanjut ke Lumiku", "en": "Continue to Lumiku"},
    "outbox_title": {"id": "Kotak keluar pengembangan", "en": "Development outbox"},
    "outbox_intro": {
        "id": (
            "SMTP_HOST belum diatur, jadi email tidak dikirim: email yang terbaru muncul di "
            "sini. Halaman ini hanya ada di mode pengembangan."
        ),
        "en": (
            "SMTP_HOST is not set, so mail is not sent: the newest messages appear here. "
            "This page exists in development only."
        ),
    },
    "outbox_empty": {"id": "Belum ada email.", "en": "No mail yet."},
    "outbox_unavailable": {
        "id": "Kotak keluar hanya ada di mode pengembangan tanpa SMTP.",
        "en": "The outbox exists only in development without SMTP.",
    },
    "current_password_wrong": {
        "id": "Kata sandi saat ini salah.",
        "en": "Your current password is wrong.",
    },
}
