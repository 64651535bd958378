"""Words every area shares: buttons, pagers, table columns and generic errors."""

MESSAGES: dict[str, dict[str, str]] = {
    # buttons and pagers
    "save": {"id": "Simpan", "en": "Save"},
    "cancel": {"id": "Batal", "en": "Cancel"},
    "confirm": {"id": "Ya, lanjutkan", "en": "Confirm"},
    "prev": {"id": "Sebelumnya", "en": "Previous"},
    "next": {"id": "Berikutnya", "en": "Next"},
    # table columns
    "col_date": {"id": "Tanggal", "en": "Date"},
    "col_description": {"id": "Keterangan", "en": "Description"},
    "col_amount": {"id": "Jumlah", "en": "Amount"},
    "col_balance": {"id": "Saldo setelahnya", "en": "Balance after"},
    "col_status": {"id": "Status", "en": "Status"},
    # errors
    "not_found": {"id": "Tidak ditemukan.", "en": "Not found."},
    "forbidden": {"id": "Anda tidak punya akses ke sini.", "en": "You do not have access to this."},
    "storage_unavailable": {
        "id": "Tempat penyimpanan file kami sedang tidak bisa menerima file baru. Tidak ada "
        "kredit yang terpakai untuk ini; silakan coba lagi nanti.",
        "en": "Our file storage cannot take new files right now. Nothing was charged for "
        "this; please try again later.",
    },
    "service_interrupted": {
        "id": "Layanan kami terputus sebentar saat membuat hasil ini. Kreditnya sudah "
        "dikembalikan; silakan coba lagi.",
        "en": "Our service was interrupted while making this result. Its credits were "
        "returned; please try again.",
    },
    "unexpected_error": {
        "id": "Terjadi kesalahan di sisi kami. Silakan coba lagi.",
        "en": "Something went wrong on our side. Please try again.",
    },
    "parameter_invalid": {
        "id": "{name}: nilainya tidak valid.",
        "en": "{name}: this value is not valid.",
    },
    "parameter_out_of_range": {
        "id": "{name} harus antara {low} dan {high}.",
        "en": "{name} must be between {low} and {high}.",
    },
    "quantity_invalid": {
        "id": "Pilih antara 1 dan {max} hasil.",
        "en": "Choose between 1 and {max} results.",
    },
    "field_required": {"id": "Isi {name}.", "en": "Fill in the {name}."},
    # what an error calls a parameter (`field_<name>`; an app's settings use `<app>_opt_<name>`)
    "field_mb": {"id": "Kuota penyimpanan (MB)", "en": "Storage quota (MB)"},
    "field_duration": {"id": "Durasi", "en": "Duration"},
    "field_count": {"id": "Jumlah", "en": "How many"},
    "field_seed": {"id": "Seed", "en": "Seed"},
    "field_request": {"id": "Permintaan", "en": "Request"},
    "field_width": {"id": "Lebar", "en": "Width"},
    "field_height": {"id": "Tinggi", "en": "Height"},
    "field_params": {"id": "Parameter", "en": "Parameters"},
    "field_settings": {"id": "Pengaturan", "en": "Settings"},
    "field_status": {"id": "Status", "en": "Status"},
    "field_enabled": {"id": "Aktif", "en": "Enabled"},
    "field_credit_cost": {"id": "Harga (kredit)", "en": "Price (credits)"},
    "field_quota_cost": {"id": "Harga (kuota)", "en": "Price (quota)"},
    "field_step": {"id": "Arah pindah", "en": "Move direction"},
}
