"""What an AI model's call can end in (lumiku.services.ai), why a registry model is off, and the
admin's provider settings being refused. Users read these under a failed item or a model they
cannot pick; the admin reads them on the AI models page. Each says what to do next."""

MESSAGES: dict[str, dict[str, str]] = {
    # a call that did not produce a result (the item fails and its price is refunded)
    "ai_busy": {
        "id": "Model sedang sibuk. Kredit Anda sudah dikembalikan; coba lagi beberapa menit lagi.",
        "en": "The model is busy right now. Your credits were returned; "
        "try again in a few minutes.",
    },
    "ai_timeout": {
        "id": "Model terlalu lama menjawab. Kredit Anda sudah dikembalikan; silakan coba lagi.",
        "en": "The model took too long to answer. Your credits were returned; try again.",
    },
    "ai_refused": {
        "id": "Model menolak permintaan ini karena kebijakan kontennya. Ubah deskripsinya lalu "
        "coba lagi; kredit Anda sudah dikembalikan.",
        "en": "The model refused this request under its content policy. Rephrase the "
        "description and try again; your credits were returned.",
    },
    "ai_bad_reply": {
        "id": "Model mengirim hasil yang tidak bisa dipakai. Kredit Anda sudah dikembalikan; "
        "coba lagi atau pilih model lain.",
        "en": "The model sent back something that cannot be used. Your credits were returned; "
        "try again or choose another model.",
    },
    "ai_key_rejected": {
        "id": "Penyedia AI menolak kunci API server ini. Kredit Anda sudah dikembalikan; "
        "administrator perlu memperbarui kuncinya.",
        "en": "The AI provider rejected this server's API key. Your credits were returned; "
        "an administrator needs to renew the key.",
    },
    "ai_failed": {
        "id": "Model gagal menyelesaikan permintaan ini. Kredit Anda sudah dikembalikan; "
        "coba lagi atau pilih model lain.",
        "en": "The model could not finish this request. Your credits were returned; "
        "try again or choose another model.",
    },
    "ai_capability_unsupported": {
        "id": "Penyedia model ini tidak bisa mengerjakan tugas seperti ini. Administrator perlu "
        "memilih penyedia atau model lain di halaman Model AI.",
        "en": "This model's provider cannot do this kind of task. An administrator needs to "
        "choose another provider or model on the AI models page.",
    },
    # why a model is off (lumiku.services.ai_models.unavailable_reason)
    "model_disabled": {
        "id": "Model ini sedang dimatikan. Pilih model lain.",
        "en": "This model is switched off. Choose another model.",
    },
    "ai_key_missing_huggingface": {
        "id": "Kunci Hugging Face (HF_TOKEN) belum diatur di server ini, jadi modelnya "
        "nonaktif. Administrator dapat mengaturnya (atau HF_INFERENCE_URL untuk server "
        "sendiri) lalu memulai ulang Lumiku.",
        "en": "The Hugging Face key (HF_TOKEN) is not set on this server, so its models are "
        "off. An administrator can set it (or HF_INFERENCE_URL for a self-hosted server) and "
        "restart Lumiku.",
    },
    "ai_key_missing_anthropic": {
        "id": "Kunci Anthropic (ANTHROPIC_API_KEY) belum diatur di server ini, jadi modelnya "
        "nonaktif. Administrator dapat mengaturnya lalu memulai ulang Lumiku.",
        "en": "The Anthropic key (ANTHROPIC_API_KEY) is not set on this server, so its models "
        "are off. An administrator can set it and restart Lumiku.",
    },
    "ai_key_missing": {
        "id": "Kunci penyedia AI untuk model ini belum diatur di server ini, jadi modelnya "
        "nonaktif. Administrator dapat mengaturnya lalu memulai ulang Lumiku.",
        "en": "This model's AI provider key is not set on this server, so the model is off. "
        "An administrator can set it and restart Lumiku.",
    },
    "ai_provider_unknown": {
        "id": "Model ini memakai penyedia yang tidak dikenal Lumiku. Administrator perlu "
        "memilih Hugging Face, Anthropic atau lokal di halaman Model AI.",
        "en": "This model names a provider Lumiku does not know. An administrator needs to "
        "choose Hugging Face, Anthropic or local on the AI models page.",
    },
    "ai_model_not_configured": {
        "id": "Model ini belum disiapkan: belum ada ID model atau URL endpoint penyedianya. "
        "Administrator dapat mengisinya di halaman Model AI.",
        "en": "This model is not set up yet: no provider model id or endpoint URL is named. "
        "An administrator can fill it in on the AI models page.",
    },
    "ai_model_missing": {
        "id": "Model ini belum menyebut ID model atau URL endpoint penyedianya. Administrator "
        "dapat mengisinya di halaman Model AI.",
        "en": "This model names no provider model id or endpoint URL. An administrator can "
        "fill it in on the AI models page.",
    },
    # the admin's AI models page
    "admin_model_runs_here": {
        "id": "Model ini berjalan di server ini sendiri, tanpa penyedia AI, jadi tidak ada "
        "koneksi yang perlu diuji.",
        "en": "This model runs on this server itself, without an AI provider, so there is no "
        "connection to test.",
    },
    "admin_model_parameters_invalid": {
        "id": "Parameter harus berupa objek JSON: pasangan nama dan nilai di dalam kurung "
        "kurawal, nama di antara tanda kutip ganda, paling banyak 4.000 karakter.",
        "en": "Parameters must be a JSON object: name and value pairs inside curly braces, "
        "names in double quotes, at most 4,000 characters.",
    },
    "admin_model_fallback_invalid": {
        "id": "Model cadangan harus model lain dengan kemampuan yang sama.",
        "en": "The fallback must be another model with the same capability.",
    },
    # free calls to a provider on the user's behalf, limited (lumiku.services.ratelimit)
    "rate_limited_persona-writing": {
        "id": "Penulis persona sudah sering dipakai. Coba lagi dalam {minutes} menit.",
        "en": "The persona writer has been used a lot. Try again in {minutes} minutes.",
    },
    "rate_limited_video-prompt-writing": {
        "id": "Fitur sempurnakan deskripsi sudah sering dipakai. Coba lagi dalam {minutes} menit.",
        "en": "The description improver has been used a lot. Try again in {minutes} minutes.",
    },
    "rate_limited_segmenting": {
        "id": "Terlalu banyak klik di mode Lanjutan. Coba lagi dalam {minutes} menit, "
        "atau pakai mode Cepat.",
        "en": "Too many clicks in Advanced mode. Try again in {minutes} minutes, "
        "or use Quick mode.",
    },
}
