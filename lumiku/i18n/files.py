"""Uploaded and generated files: storage quota and the checks of an upload."""

MESSAGES: dict[str, dict[str, str]] = {
    "storage_full": {
        "id": "Penyimpanan Anda penuh: hapus karya lama atau minta ruang tambahan.",
        "en": "Your storage is full: delete old work or ask for more space.",
    },
    "storage_quota_exceeded": {
        "id": "Penyimpanan Anda penuh ({used_mb} dari {quota_mb} MB).",
        "en": "Your storage is full ({used_mb} of {quota_mb} MB).",
    },
    "file_empty": {
        "id": "File kosong atau tidak berdurasi.",
        "en": "The file is empty or has no length.",
    },
    "file_unreadable": {
        "id": "File tidak dapat dibaca sebagai gambar, video, atau suara.",
        "en": "The file could not be read as a picture, video or sound.",
    },
    "file_type_not_allowed": {
        "id": "Jenis file ini tidak diterima di sini (boleh: {kinds}).",
        "en": "This kind of file is not accepted here (allowed: {kinds}).",
    },
    "file_too_large": {
        "id": "File lebih besar dari {limit_mb} MB.",
        "en": "The file is larger than {limit_mb} MB.",
    },
    "file_incomplete": {
        "id": "File tidak lengkap atau rusak (unduhannya mungkin belum selesai). "
        "Unggah file yang utuh.",
        "en": "The file is incomplete or damaged (perhaps its download did not finish). "
        "Upload the whole file.",
    },
    "file_too_long": {
        "id": "Video lebih panjang dari {limit_minutes} menit.",
        "en": "The video is longer than {limit_minutes} minutes.",
    },
    # dropping many files into a project (lumiku.state.uploads)
    "upload_sending": {"id": "Mengunggah", "en": "Uploading"},
    "upload_checking": {"id": "sedang diperiksa…", "en": "checking…"},
    "upload_added": {"id": "berhasil ditambahkan", "en": "added"},
    "upload_too_many": {
        "id": (
            "tidak ikut: paling banyak {max} berkas sekali unggah. Unggah yang ini lagi setelahnya."
        ),
        "en": "left out: at most {max} files go up at once. Add this one again afterwards.",
    },
    "upload_left_out": {
        "id": "{left} dari {total} berkas tidak ikut. Alasannya tertulis di daftar di bawah.",
        "en": "{left} of {total} files were left out. The list below says why.",
    },
}
