"""Every string a user reads, in Bahasa Indonesia (default) and English.

Components use `lumiku.components.text.t(key)`; server-side messages (errors from services,
formatted values) use `tr(key, lang, **params)`. A test checks both languages have the same keys.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from lumiku.settings import get_settings

DEFAULT_LANGUAGE = "id"

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # shell
        "nav_dashboard": "Dashboard",
        "nav_profile": "Profile",
        "nav_devices": "Devices",
        "nav_admin": "Admin",
        "nav_sign_out": "Sign out",
        "nav_sign_in": "Sign in",
        "nav_sign_up": "Create account",
        "nav_menu": "Menu",
        "loading": "Loading…",
        "back_to_dashboard": "Back to dashboard",
        # landing
        "landing_title": "Content for every feed, made in minutes",
        "landing_subtitle": (
            "Lumiku turns your videos and photos into many unique, ready-to-post variants for "
            "TikTok, Instagram, Shopee and YouTube. Pay per use with credits, or subscribe."
        ),
        "landing_cta": "Create a free account",
        "landing_apps_title": "Eight apps, one account",
        "landing_have_account": "Already have an account?",
        # auth forms
        "sign_in_title": "Sign in to Lumiku",
        "sign_up_title": "Create your Lumiku account",
        "field_email": "Email",
        "field_password": "Password",
        "field_name": "Name",
        "field_new_password": "New password",
        "field_confirm_password": "Repeat new password",
        "field_current_password": "Current password",
        "field_new_email": "New email",
        "password_hint": "8 to 72 characters.",
        "submit_sign_in": "Sign in",
        "submit_sign_up": "Create account",
        "no_account": "New to Lumiku?",
        "show_password": "Show password",
        "session_ended": "Your session has ended. Please sign in again.",
        "signed_out": "You are signed out.",
        # dashboard
        "hello": "Hello",
        "dashboard_subtitle": "What will you make today?",
        "card_balance": "Credits",
        "card_balance_empty": "Credits and plans arrive soon. Your balance will show here.",
        "card_recent_work": "Recent work",
        "card_recent_work_empty": "Nothing yet. Pick an app below to make your first batch.",
        "apps_title": "Apps",
        "badge_beta": "Beta",
        "badge_coming_soon": "Coming soon",
        "coming_soon_body": (
            "We are building this app now. It will appear here, ready to use, as soon as it is "
            "finished."
        ),
        # apps
        "app_avatar_creator_desc": "Create AI avatars with a full persona for your brand.",
        "app_avatar_generator_desc": "Generate variations of an avatar in new styles and poses.",
        "app_pose_generator_desc": "Put your avatar or product model into ready-made poses.",
        "app_video_generator_desc": "Turn a prompt or a picture into a short video.",
        "app_video_mixer_desc": "Mix short clips into many unique videos at once.",
        "app_poster_editor_desc": "Edit posters with AI: remove text, inpaint, enhance, resize.",
        "app_carousel_mix_desc": "Build many Instagram carousels from your images and texts.",
        "app_looping_flow_desc": "Make seamless video loops with layered audio.",
        # profile
        "profile_title": "Profile",
        "profile_name_section": "Your name",
        "profile_email_section": "Email address",
        "profile_password_section": "Password",
        "profile_password_note": "Changing your password signs out all your other devices.",
        "profile_language_section": "Language",
        "save": "Save",
        "saved_name": "Name saved.",
        "saved_email": "Email changed.",
        "saved_password": "Password changed. Other devices signed out: {count}.",
        "passwords_differ": "The two new passwords are not the same.",
        # devices
        "devices_title": "Devices",
        "devices_subtitle": (
            "Browsers signed in to your account. Sign out any you do not recognise."
        ),
        "devices_this": "This device",
        "devices_last_active": "Last active",
        "devices_signed_in": "Signed in",
        "devices_ip": "IP address",
        "devices_revoke": "Sign out",
        "devices_revoke_others": "Sign out all other devices",
        "devices_confirm_title": "Sign out all other devices?",
        "devices_confirm_body": "Every other browser will need to sign in again.",
        "devices_none_other": "No other devices are signed in.",
        "devices_revoked": "Device signed out.",
        "devices_revoked_many": "Other devices signed out: {count}.",
        "cancel": "Cancel",
        "confirm": "Confirm",
        # admin
        "admin_users_title": "Users",
        "admin_search": "Search by email or name",
        "admin_col_email": "Email",
        "admin_col_name": "Name",
        "admin_col_role": "Role",
        "admin_col_account": "Account",
        "admin_col_joined": "Joined",
        "admin_role_saved": "Role saved.",
        "admin_no_users": "No users match.",
        "prev": "Previous",
        "next": "Next",
        # errors
        "email_invalid": "Enter a valid email address.",
        "email_taken": "An account with this email already exists.",
        "password_too_short": "The password needs at least {min} characters.",
        "password_too_long": "The password can have at most {max} bytes.",
        "name_required": "Enter your name.",
        "name_too_long": "The name can have at most {max} characters.",
        "language_invalid": "Choose Bahasa Indonesia or English.",
        "invalid_credentials": "Wrong email or password.",
        "account_locked": (
            "Too many failed sign-ins. This account is locked; try again in {minutes} minutes."
        ),
        "rate_limited_sign-in": "Too many sign-in attempts. Try again in {minutes} minutes.",
        "rate_limited_register": "Too many new accounts from your network. Try again in "
        "{minutes} minutes.",
        "current_password_wrong": "Your current password is wrong.",
        "not_found": "Not found.",
        "forbidden": "You do not have access to this.",
        "role_invalid": "Unknown role.",
        "last_admin": "This is the last admin; make someone else admin first.",
        "unexpected_error": "Something went wrong on our side. Please try again.",
        # billing
        "nav_credits": "Credits",
        "nav_plans": "Plans",
        "nav_admin_models": "AI models",
        "unit_credits": "credits",
        "unit_quota_today": "quota left today",
        "credits_title": "Credits",
        "credits_balance": "Balance",
        "credits_history": "History",
        "credits_filter_all": "All",
        "credits_empty": "No transactions match.",
        "col_date": "Date",
        "col_description": "Description",
        "col_amount": "Amount",
        "col_balance": "Balance after",
        "col_status": "Status",
        "kind_welcome_bonus": "Welcome bonus",
        "kind_purchase": "Purchase",
        "kind_grant": "Grant",
        "kind_hold": "Reserved",
        "kind_capture": "Charged",
        "kind_release": "Refund",
        "kind_refund": "Refund",
        "kind_adjustment": "Adjustment",
        "usage_title": "Usage in the last 30 days",
        "usage_empty": "No usage in the last 30 days.",
        "usage_credits": "Credits",
        "usage_quota": "Quota",
        "plans_title": "Plans",
        "plans_subtitle": "Pay per use with credits, or subscribe for a daily quota.",
        "plans_payg": "Pay as you go",
        "plans_payg_body": "You pay credits for each result. Every model is open to you.",
        "plans_current": "Your plan",
        "plans_quota_today": "Today",
        "plans_quota_month": "This month",
        "plans_quota_used": "{used} of {limit} used · resets {resets_at}",
        "plans_active_until": "Active until {ends_at}",
        "plans_cancelled_until": "Cancelled: it stays active until {ends_at}",
        "plans_choose_free": "Use the free plan",
        "plans_cancel": "Cancel plan",
        "plans_cancel_confirm_title": "Cancel your plan?",
        "plans_cancel_confirm_body": (
            "A paid plan stays active until its end date; then you pay per use with credits."
        ),
        "plans_payments_soon": "Paying for a plan online is not available yet.",
        "plans_per_monthly": "/ month",
        "plans_per_yearly": "/ year",
        "plans_daily": "{n} a day",
        "plans_monthly": "{n} a month",
        "plans_models": "Models unlocked",
        "plans_models_none": "No extra models",
        "plans_changed": "Your plan has changed.",
        "plans_this": "Current",
        "admin_credits": "Credits",
        "admin_adjust_title": "Grant or deduct credits",
        "admin_amount": "Amount (negative to deduct)",
        "admin_reason": "Reason",
        "admin_adjusted": "Credits adjusted.",
        "admin_plan": "Plan",
        "admin_plan_saved": "Plan saved.",
        "admin_models_title": "AI models",
        "admin_col_model": "Model",
        "admin_col_app": "App",
        "admin_col_tier": "Tier",
        "admin_col_credits": "Credits",
        "admin_col_quota": "Quota",
        "admin_col_enabled": "Enabled",
        "admin_model_saved": "Model saved.",
        "insufficient_credits": "Not enough credits: this needs {required} and you have {balance}.",
        "idempotency_conflict": (
            "This request was already sent with different details. Please start it again."
        ),
        "idempotency_key_invalid": "The request is not valid. Please reload the page.",
        "quota_daily_exhausted": "Today's quota ({limit}) is used up. It resets at {resets_at}.",
        "quota_monthly_exhausted": (
            "This month's quota ({limit}) is used up. It resets on {resets_at}."
        ),
        "model_tier_locked": "This model needs the {tier} plan or higher.",
        "model_unavailable": "This model is not available right now.",
        "app_unavailable": "This app is not available yet.",
        "plan_unknown": "Unknown plan.",
        "plan_paid_active": "Your paid plan is still running; cancel it and it ends on its date.",
        "reason_required": "Write the reason.",
        "amount_invalid": "Enter a whole number of credits other than zero.",
        "kind_invalid": "Unknown kind of transaction.",
        "parameter_invalid": "The value of {name} is not valid.",
        "parameter_out_of_range": "{name} must be between {low} and {high}.",
        "quantity_invalid": "Choose between 1 and {max} results.",
        "hold_settled": "This work has already been paid for or refunded.",
        "capture_exceeds_hold": "This would charge more than was reserved.",
        "outcome_invalid": "Unknown outcome.",
        # payments
        "nav_payments": "Payments",
        "buy_title": "Buy credits",
        "buy_button": "Buy",
        "subscribe_button": "Subscribe",
        "buy_confirm_title": "Continue to payment?",
        "buy_confirm_body": "You will pay on Duitku's page. Credits or your plan start as soon "
        "as Duitku confirms the payment.",
        "buy_continue": "Pay with Duitku",
        "payments_off": "Payments are not configured yet. An admin can still grant credits.",
        "payments_title": "Payments",
        "payments_empty": "No payments yet.",
        "payment_title": "Payment",
        "payment_status_pending": "Waiting for payment",
        "payment_status_paid": "Paid",
        "payment_status_failed": "Failed",
        "payment_status_expired": "Expired",
        "payment_pending_body": "This page updates by itself as soon as Duitku confirms.",
        "payment_paid_body": "Thank you! Your purchase is ready to use.",
        "payment_failed_body": "The payment did not go through. Nothing was charged by Lumiku.",
        "payment_expired_body": "The time to pay has run out. You can start a new purchase.",
        "payment_order": "Order number",
        "payment_item": "Item",
        "payment_amount": "Amount",
        "payment_created": "Created",
        "payment_paid_at": "Paid",
        "payment_reference": "Duitku reference",
        "payment_method": "Method",
        "payment_continue": "Continue paying",
        "payment_print": "Print receipt",
        "payment_not_found": "We could not find this payment in your account.",
        "admin_payments_title": "Payments",
        "admin_search_payments": "Order number or email",
        "admin_status_all": "All statuses",
        "admin_from": "From",
        "admin_to": "To",
        "payments_not_configured": "Payments are not configured yet.",
        "item_unknown": "This item cannot be bought.",
        "payment_gateway_error": "Duitku could not start the payment. Please try again shortly.",
        "amount_mismatch": "The paid amount does not match the order.",
        "rate_limited_checkout": "Too many payment attempts. Try again in {minutes} minutes.",
    },
    "id": {
        "nav_dashboard": "Dasbor",
        "nav_profile": "Profil",
        "nav_devices": "Perangkat",
        "nav_admin": "Admin",
        "nav_sign_out": "Keluar",
        "nav_sign_in": "Masuk",
        "nav_sign_up": "Buat akun",
        "nav_menu": "Menu",
        "loading": "Memuat…",
        "back_to_dashboard": "Kembali ke dasbor",
        "landing_title": "Konten untuk setiap feed, jadi dalam hitungan menit",
        "landing_subtitle": (
            "Lumiku mengubah video dan foto Anda menjadi banyak variasi unik yang siap diposting "
            "di TikTok, Instagram, Shopee, dan YouTube. Bayar per pemakaian dengan kredit, atau "
            "berlangganan."
        ),
        "landing_cta": "Buat akun gratis",
        "landing_apps_title": "Delapan aplikasi, satu akun",
        "landing_have_account": "Sudah punya akun?",
        "sign_in_title": "Masuk ke Lumiku",
        "sign_up_title": "Buat akun Lumiku Anda",
        "field_email": "Email",
        "field_password": "Kata sandi",
        "field_name": "Nama",
        "field_new_password": "Kata sandi baru",
        "field_confirm_password": "Ulangi kata sandi baru",
        "field_current_password": "Kata sandi saat ini",
        "field_new_email": "Email baru",
        "password_hint": "8 sampai 72 karakter.",
        "submit_sign_in": "Masuk",
        "submit_sign_up": "Buat akun",
        "no_account": "Baru di Lumiku?",
        "show_password": "Tampilkan kata sandi",
        "session_ended": "Sesi Anda telah berakhir. Silakan masuk lagi.",
        "signed_out": "Anda sudah keluar.",
        "hello": "Halo",
        "dashboard_subtitle": "Mau membuat apa hari ini?",
        "card_balance": "Kredit",
        "card_balance_empty": "Kredit dan paket segera hadir. Saldo Anda akan tampil di sini.",
        "card_recent_work": "Karya terbaru",
        "card_recent_work_empty": "Belum ada. Pilih aplikasi di bawah untuk membuat batch pertama.",
        "apps_title": "Aplikasi",
        "badge_beta": "Beta",
        "badge_coming_soon": "Segera hadir",
        "coming_soon_body": (
            "Aplikasi ini sedang kami bangun. Aplikasi akan muncul di sini, siap dipakai, begitu "
            "selesai."
        ),
        "app_avatar_creator_desc": "Buat avatar AI lengkap dengan persona untuk brand Anda.",
        "app_avatar_generator_desc": "Hasilkan variasi avatar dengan gaya dan pose baru.",
        "app_pose_generator_desc": "Tempatkan avatar atau model produk Anda ke pose siap pakai.",
        "app_video_generator_desc": "Ubah prompt atau gambar menjadi video pendek.",
        "app_video_mixer_desc": "Campur klip pendek menjadi banyak video unik sekaligus.",
        "app_poster_editor_desc": (
            "Edit poster dengan AI: hapus teks, inpainting, pertajam, ubah ukuran."
        ),
        "app_carousel_mix_desc": "Susun banyak carousel Instagram dari gambar dan teks Anda.",
        "app_looping_flow_desc": "Buat video loop mulus dengan audio berlapis.",
        "profile_title": "Profil",
        "profile_name_section": "Nama Anda",
        "profile_email_section": "Alamat email",
        "profile_password_section": "Kata sandi",
        "profile_password_note": (
            "Mengganti kata sandi akan mengeluarkan akun Anda dari semua perangkat lain."
        ),
        "profile_language_section": "Bahasa",
        "save": "Simpan",
        "saved_name": "Nama disimpan.",
        "saved_email": "Email diganti.",
        "saved_password": "Kata sandi diganti. Perangkat lain yang dikeluarkan: {count}.",
        "passwords_differ": "Kedua kata sandi baru tidak sama.",
        "devices_title": "Perangkat",
        "devices_subtitle": ("Browser yang masuk ke akun Anda. Keluarkan yang tidak Anda kenali."),
        "devices_this": "Perangkat ini",
        "devices_last_active": "Terakhir aktif",
        "devices_signed_in": "Masuk sejak",
        "devices_ip": "Alamat IP",
        "devices_revoke": "Keluarkan",
        "devices_revoke_others": "Keluarkan semua perangkat lain",
        "devices_confirm_title": "Keluarkan semua perangkat lain?",
        "devices_confirm_body": "Setiap browser lain harus masuk lagi.",
        "devices_none_other": "Tidak ada perangkat lain yang masuk.",
        "devices_revoked": "Perangkat dikeluarkan.",
        "devices_revoked_many": "Perangkat lain yang dikeluarkan: {count}.",
        "cancel": "Batal",
        "confirm": "Ya, lanjutkan",
        "admin_users_title": "Pengguna",
        "admin_search": "Cari berdasarkan email atau nama",
        "admin_col_email": "Email",
        "admin_col_name": "Nama",
        "admin_col_role": "Peran",
        "admin_col_account": "Akun",
        "admin_col_joined": "Bergabung",
        "admin_role_saved": "Peran disimpan.",
        "admin_no_users": "Tidak ada pengguna yang cocok.",
        "prev": "Sebelumnya",
        "next": "Berikutnya",
        "email_invalid": "Masukkan alamat email yang valid.",
        "email_taken": "Akun dengan email ini sudah ada.",
        "password_too_short": "Kata sandi minimal {min} karakter.",
        "password_too_long": "Kata sandi maksimal {max} byte.",
        "name_required": "Masukkan nama Anda.",
        "name_too_long": "Nama maksimal {max} karakter.",
        "language_invalid": "Pilih Bahasa Indonesia atau English.",
        "invalid_credentials": "Email atau kata sandi salah.",
        "account_locked": (
            "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci; coba lagi dalam "
            "{minutes} menit."
        ),
        "rate_limited_sign-in": "Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.",
        "rate_limited_register": (
            "Terlalu banyak akun baru dari jaringan Anda. Coba lagi dalam {minutes} menit."
        ),
        "current_password_wrong": "Kata sandi saat ini salah.",
        "not_found": "Tidak ditemukan.",
        "forbidden": "Anda tidak punya akses ke sini.",
        "role_invalid": "Peran tidak dikenal.",
        "last_admin": "Ini admin terakhir; jadikan orang lain admin terlebih dahulu.",
        "unexpected_error": "Terjadi kesalahan di sisi kami. Silakan coba lagi.",
        "nav_credits": "Kredit",
        "nav_plans": "Paket",
        "nav_admin_models": "Model AI",
        "unit_credits": "kredit",
        "unit_quota_today": "sisa kuota hari ini",
        "credits_title": "Kredit",
        "credits_balance": "Saldo",
        "credits_history": "Riwayat",
        "credits_filter_all": "Semua",
        "credits_empty": "Tidak ada transaksi yang cocok.",
        "col_date": "Tanggal",
        "col_description": "Keterangan",
        "col_amount": "Jumlah",
        "col_balance": "Saldo setelahnya",
        "col_status": "Status",
        "kind_welcome_bonus": "Bonus selamat datang",
        "kind_purchase": "Pembelian",
        "kind_grant": "Pemberian",
        "kind_hold": "Dicadangkan",
        "kind_capture": "Ditagih",
        "kind_release": "Pengembalian",
        "kind_refund": "Pengembalian",
        "kind_adjustment": "Penyesuaian",
        "usage_title": "Pemakaian 30 hari terakhir",
        "usage_empty": "Belum ada pemakaian dalam 30 hari terakhir.",
        "usage_credits": "Kredit",
        "usage_quota": "Kuota",
        "plans_title": "Paket",
        "plans_subtitle": (
            "Bayar per pemakaian dengan kredit, atau berlangganan untuk kuota harian."
        ),
        "plans_payg": "Bayar per pemakaian",
        "plans_payg_body": (
            "Anda membayar kredit untuk setiap hasil. Semua model terbuka untuk Anda."
        ),
        "plans_current": "Paket Anda",
        "plans_quota_today": "Hari ini",
        "plans_quota_month": "Bulan ini",
        "plans_quota_used": "{used} dari {limit} terpakai · reset {resets_at}",
        "plans_active_until": "Aktif sampai {ends_at}",
        "plans_cancelled_until": "Dibatalkan: tetap aktif sampai {ends_at}",
        "plans_choose_free": "Pakai paket gratis",
        "plans_cancel": "Batalkan paket",
        "plans_cancel_confirm_title": "Batalkan paket Anda?",
        "plans_cancel_confirm_body": (
            "Paket berbayar tetap aktif sampai tanggal berakhirnya; setelah itu Anda membayar "
            "per pemakaian dengan kredit."
        ),
        "plans_payments_soon": "Pembayaran paket secara online belum tersedia.",
        "plans_per_monthly": "/ bulan",
        "plans_per_yearly": "/ tahun",
        "plans_daily": "{n} per hari",
        "plans_monthly": "{n} per bulan",
        "plans_models": "Model yang terbuka",
        "plans_models_none": "Tidak ada model tambahan",
        "plans_changed": "Paket Anda telah berubah.",
        "plans_this": "Saat ini",
        "admin_credits": "Kredit",
        "admin_adjust_title": "Tambah atau kurangi kredit",
        "admin_amount": "Jumlah (negatif untuk mengurangi)",
        "admin_reason": "Alasan",
        "admin_adjusted": "Kredit disesuaikan.",
        "admin_plan": "Paket",
        "admin_plan_saved": "Paket disimpan.",
        "admin_models_title": "Model AI",
        "admin_col_model": "Model",
        "admin_col_app": "Aplikasi",
        "admin_col_tier": "Tingkat",
        "admin_col_credits": "Kredit",
        "admin_col_quota": "Kuota",
        "admin_col_enabled": "Aktif",
        "admin_model_saved": "Model disimpan.",
        "insufficient_credits": "Kredit tidak cukup: butuh {required}, saldo Anda {balance}.",
        "idempotency_conflict": (
            "Permintaan ini sudah dikirim dengan rincian berbeda. Silakan mulai lagi."
        ),
        "idempotency_key_invalid": "Permintaan tidak valid. Silakan muat ulang halaman.",
        "quota_daily_exhausted": "Kuota hari ini ({limit}) sudah habis. Reset pada {resets_at}.",
        "quota_monthly_exhausted": (
            "Kuota bulan ini ({limit}) sudah habis. Reset pada {resets_at}."
        ),
        "model_tier_locked": "Model ini membutuhkan paket {tier} atau lebih tinggi.",
        "model_unavailable": "Model ini sedang tidak tersedia.",
        "app_unavailable": "Aplikasi ini belum tersedia.",
        "plan_unknown": "Paket tidak dikenal.",
        "plan_paid_active": (
            "Paket berbayar Anda masih berjalan; batalkan dan paket berakhir pada tanggalnya."
        ),
        "reason_required": "Tulis alasannya.",
        "amount_invalid": "Masukkan jumlah kredit bulat selain nol.",
        "kind_invalid": "Jenis transaksi tidak dikenal.",
        "parameter_invalid": "Nilai {name} tidak valid.",
        "parameter_out_of_range": "{name} harus antara {low} dan {high}.",
        "quantity_invalid": "Pilih antara 1 dan {max} hasil.",
        "hold_settled": "Pekerjaan ini sudah dibayar atau dikembalikan.",
        "capture_exceeds_hold": "Tagihan ini melebihi yang dicadangkan.",
        "outcome_invalid": "Hasil tidak dikenal.",
        "nav_payments": "Pembayaran",
        "buy_title": "Beli kredit",
        "buy_button": "Beli",
        "subscribe_button": "Berlangganan",
        "buy_confirm_title": "Lanjut ke pembayaran?",
        "buy_confirm_body": "Anda akan membayar di halaman Duitku. Kredit atau paket Anda aktif "
        "segera setelah Duitku mengonfirmasi pembayaran.",
        "buy_continue": "Bayar dengan Duitku",
        "payments_off": "Pembayaran belum dikonfigurasi. Admin tetap dapat memberikan kredit.",
        "payments_title": "Pembayaran",
        "payments_empty": "Belum ada pembayaran.",
        "payment_title": "Pembayaran",
        "payment_status_pending": "Menunggu pembayaran",
        "payment_status_paid": "Lunas",
        "payment_status_failed": "Gagal",
        "payment_status_expired": "Kedaluwarsa",
        "payment_pending_body": "Halaman ini diperbarui otomatis begitu Duitku mengonfirmasi.",
        "payment_paid_body": "Terima kasih! Pembelian Anda siap dipakai.",
        "payment_failed_body": "Pembayaran tidak berhasil. Lumiku tidak menagih apa pun.",
        "payment_expired_body": "Waktu pembayaran habis. Anda dapat memulai pembelian baru.",
        "payment_order": "Nomor pesanan",
        "payment_item": "Item",
        "payment_amount": "Jumlah",
        "payment_created": "Dibuat",
        "payment_paid_at": "Dibayar",
        "payment_reference": "Referensi Duitku",
        "payment_method": "Metode",
        "payment_continue": "Lanjutkan pembayaran",
        "payment_print": "Cetak kuitansi",
        "payment_not_found": "Pembayaran ini tidak ditemukan di akun Anda.",
        "admin_payments_title": "Pembayaran",
        "admin_search_payments": "Nomor pesanan atau email",
        "admin_status_all": "Semua status",
        "admin_from": "Dari",
        "admin_to": "Sampai",
        "payments_not_configured": "Pembayaran belum dikonfigurasi.",
        "item_unknown": "Item ini tidak dapat dibeli.",
        "payment_gateway_error": "Duitku tidak dapat memulai pembayaran. Silakan coba lagi nanti.",
        "amount_mismatch": "Jumlah yang dibayar tidak sama dengan pesanan.",
        "rate_limited_checkout": "Terlalu banyak percobaan pembayaran. Coba lagi dalam "
        "{minutes} menit.",
    },
}

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def tr(key: str, lang: str, **params: object) -> str:
    """A message with its values filled in; times are shown in TIMEZONE, numbers grouped."""
    table = MESSAGES.get(lang) or MESSAGES[DEFAULT_LANGUAGE]
    shown = {name: _show(value, lang) for name, value in params.items()}
    return table.get(key, key).format(**shown) if params else table.get(key, key)


def _show(value: object, lang: str) -> object:
    if isinstance(value, datetime):
        return format_datetime(value, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, lang)
    return value


def format_number(value: int, lang: str) -> str:
    """1.500 in Indonesian, 1,500 in English."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang == "id" else grouped


def format_rupiah(value: int) -> str:
    """Rupiah always as `Rp 99.000`."""
    return "Rp " + f"{value:,}".replace(",", ".")


def format_datetime(value: datetime, lang: str) -> str:
    """Local time in the configured zone, e.g. `24 Nov 2026 18:05` (month names per language)."""
    local = value.astimezone(ZoneInfo(get_settings().timezone))
    months = MONTHS.get(lang, MONTHS[DEFAULT_LANGUAGE])
    return f"{local.day} {months[local.month - 1]} {local.year} {local:%H:%M}"


MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
}
