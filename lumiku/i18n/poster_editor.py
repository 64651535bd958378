"""Poster Editor (`/apps/poster-editor`): every key has the app's prefix `poster_editor_`."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "poster_editor_ocr_missing": {
        "id": "Pembaca teks (Tesseract) belum terpasang di server ini.",
        "en": "The text reader (Tesseract) is not installed on this server.",
    },
    "poster_editor_ocr_failed": {
        "id": "Teks di poster ini tidak bisa dibaca. Coba lagi, atau tandai teksnya sendiri.",
        "en": "The text on this poster could not be read. Try again, or mark the text yourself.",
    },
    "poster_editor_marks_invalid": {
        "id": "Klik di dalam poster untuk menandai bagian yang dipilih (paling banyak 20 klik).",
        "en": "Click inside the poster to mark what to select (20 clicks at most).",
    },
    # parameter labels, for errors that name them
    "poster_editor_opt_action": {"id": "Tindakan", "en": "Action"},
    "poster_editor_opt_scale": {"id": "Pembesaran", "en": "Upscale factor"},
    "poster_editor_opt_formats_upscaled": {
        "id": "Format yang diperbesar",
        "en": "Upscaled formats",
    },
}
