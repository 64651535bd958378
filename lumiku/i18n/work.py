"""My Work: the generations of every app, their statuses and actions."""

MESSAGES: dict[str, dict[str, str]] = {
    "work_title": {"id": "Karya Saya", "en": "My Work"},
    "work_subtitle": {
        "id": "Semua yang Anda buat, di setiap aplikasi.",
        "en": "Everything you have made, in every app.",
    },
    "work_empty": {
        "id": "Belum ada apa-apa. Hasil dari setiap aplikasi muncul di sini.",
        "en": "Nothing here yet. Results from every app appear here.",
    },
    "work_all_apps": {"id": "Semua aplikasi", "en": "All apps"},
    "work_all_statuses": {"id": "Semua status", "en": "All statuses"},
    "work_newest": {"id": "Terbaru dulu", "en": "Newest first"},
    "work_oldest": {"id": "Terlama dulu", "en": "Oldest first"},
    "work_status_queued": {"id": "Antre", "en": "Queued"},
    "work_status_running": {"id": "Berjalan", "en": "Running"},
    "work_status_succeeded": {"id": "Selesai", "en": "Done"},
    "work_status_partly_succeeded": {"id": "Sebagian selesai", "en": "Partly done"},
    "work_status_failed": {"id": "Gagal", "en": "Failed"},
    "work_status_cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "work_items": {"id": "{done} dari {total} siap", "en": "{done} of {total} ready"},
    "work_expires": {"id": "File disimpan sampai {date}", "en": "Files kept until {date}"},
    "work_download": {"id": "Unduh", "en": "Download"},
    "work_download_all": {"id": "Unduh semua (ZIP)", "en": "Download all (ZIP)"},
    "work_cancel": {"id": "Batalkan", "en": "Cancel"},
    "work_retry": {"id": "Ulangi yang gagal", "en": "Retry failed"},
    "work_delete": {"id": "Hapus", "en": "Delete"},
    "work_delete_confirm_title": {"id": "Hapus karya ini?", "en": "Delete this work?"},
    "work_delete_confirm_body": {
        "id": "Semua filenya dihapus permanen, dan ruang penyimpanan Anda lega lagi.",
        "en": "Its files are removed for good and their space is freed.",
    },
    "work_deleted": {"id": "Dihapus.", "en": "Deleted."},
    "work_cancelled": {
        "id": "Dibatalkan. Anda hanya membayar yang sudah selesai.",
        "en": "Cancelled. You pay only for what was finished.",
    },
    "work_retried": {
        "id": "Hasil yang gagal sedang dibuat lagi.",
        "en": "The failed results are running again.",
    },
    "work_recent_all": {"id": "Lihat semua", "en": "See all"},
    # errors
    "item_failed": {"id": "Hasil ini tidak dapat dibuat.", "en": "This result could not be made."},
    "worker_lost": {
        "id": "Server berhenti saat membuat hasil ini.",
        "en": "The server stopped while making this result.",
    },
    "generation_too_much_waiting": {
        "id": (
            "Anda sudah punya {max} hasil yang menunggu dibuat. Tunggu sebagian selesai, "
            "lalu coba lagi."
        ),
        "en": "You already have {max} outputs waiting to be made. Let some finish, then try again.",
    },
    "generation_not_active": {
        "id": "Pekerjaan ini sudah berakhir.",
        "en": "This work has already ended.",
    },
    "generation_nothing_to_retry": {
        "id": "Tidak ada yang gagal di sini.",
        "en": "Nothing has failed here.",
    },
    "generation_still_running": {
        "id": "Batalkan pekerjaan sebelum menghapusnya.",
        "en": "Cancel the work before deleting it.",
    },
    # make again
    "work_regenerate": {"id": "Buat lagi", "en": "Make again"},
    "work_regenerate_confirm_title": {
        "id": "Buat hasil ini lagi?",
        "en": "Make this result again?",
    },
    "work_regenerate_confirm_body": {
        "id": (
            "Dibuat lagi dari rencana yang sama sebagai pekerjaan baru, dengan harga seperti "
            "aslinya."
        ),
        "en": "It is made again from the same plan as new work, charged like the original.",
    },
    "work_regenerated": {
        "id": "Sedang dibuat lagi: muncul paling atas.",
        "en": "Making it again: it appears at the top.",
    },
    "work_cancel_confirm_title": {"id": "Hentikan pekerjaan ini?", "en": "Stop this work?"},
    "work_cancel_confirm_body": {
        "id": (
            "Hasil yang belum jadi dihentikan dan harganya dikembalikan ke saldo Anda. Hasil yang "
            "sudah jadi tetap Anda simpan, dan hanya itu yang dibayar."
        ),
        "en": (
            "Results not made yet are stopped and their price goes back to your balance. Finished "
            "results stay yours, and only those are paid for."
        ),
    },
    "work_cancel_confirm_go": {"id": "Ya, hentikan", "en": "Yes, stop it"},
    "work_cancel_confirm_keep": {"id": "Lanjutkan", "en": "Keep going"},
    "work_regenerate_hint": {"id": "Buat hasil ini sekali lagi", "en": "Make this one again"},
}
