"""Every environment variable Lumiku reads, validated once at start.

Development works with no configuration at all: SQLite and an embedded Redis under DATA_DIR and a
secret key generated once and kept there. Production refuses to start on a missing or weak value,
with one line naming the variable (see `load_settings`).
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

WEAK_SECRETS = {
    "change-this-secret-key",
    "your-secret-key-here",
    "secret",
    "jwt-secret",
    "default-secret",
    "test-secret",
    "development-secret",
    "12345678",
    "password",
    "admin",
}


def shannon_entropy(text: str) -> float:
    """Bits per character: a key of few distinct characters is guessable whatever its length."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


class SettingsError(Exception):
    """A setting is missing or wrong; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    lumiku_env: Literal["development", "production"] = "development"
    public_url: str = ""
    port: int = Field(3000, ge=1, le=65535)
    host: str = "0.0.0.0"
    data_dir: Path = PROJECT_ROOT / "data"
    database_url: str = ""
    redis_url: str = ""
    secret_key: str = ""
    workers: int = Field(0, ge=0, le=64)
    web_workers: int = Field(2, ge=1, le=16)
    timezone: str = "Asia/Jakarta"
    trusted_proxy_hops: int = Field(0, ge=0, le=10)
    session_days: int = Field(30, ge=1, le=365)
    bcrypt_rounds: int = Field(12, ge=4, le=16)

    # Filled by later issues; declared here so every variable is validated in one place.
    duitku_merchant_code: str = ""
    duitku_api_key: str = ""
    duitku_env: Literal["sandbox", "production"] = "sandbox"
    duitku_base_url: str = ""
    duitku_signature: Literal["hmac", "md5"] = "hmac"
    duitku_callback_ip_allowlist: Literal["on", "off", ""] = ""  # "": on in production only
    duitku_expiry_minutes: int = Field(60, ge=1, le=10080)
    # AI providers (lumiku.services.ai). A provider without its key leaves its models off, with
    # the reason shown. The URLs point the real SDK clients elsewhere: a self-hosted inference
    # server, a proxy, or the tests' local servers.
    hf_token: str = ""
    hf_inference_url: str = ""  # "": Hugging Face's router; else `<url>/models/<repo id>`
    anthropic_api_key: str = ""
    anthropic_base_url: str = ""
    # Workers that wait on remote models (the `ai` queue), beside the media ones sized to cores.
    ai_workers: int = Field(8, ge=1, le=64)
    storage_backend: Literal["local", "s3"] = "local"
    output_retention_days: int = Field(30, ge=1, le=3650)
    max_video_mb: int = Field(500, ge=1, le=10_000)
    max_image_mb: int = Field(20, ge=1, le=1_000)
    max_audio_mb: int = Field(50, ge=1, le=1_000)
    # Apps declared outside lumiku/plugins.py, as `module:ATTRIBUTE` of an AppPlugin (the engine
    # tests' own app); registered by the web and the workers at start.
    extra_apps: str = ""
    s3_endpoint_url: str = ""
    s3_bucket: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_region: str = "us-east-1"
    # Mail (verification and password reset). Without SMTP_HOST, development writes mail to the
    # development outbox (/dev/outbox) instead; production refuses to start.
    smtp_host: str = ""
    smtp_port: int = Field(0, ge=0, le=65535)  # 0: 587 for starttls, 465 for ssl, 25 for none
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    mail_from: str = ""
    # Observability (lumiku.logs, /api/metrics). LOG_FORMAT "": json in production, else text.
    log_format: Literal["json", "text", ""] = ""
    metrics_token: str = ""  # "": /api/metrics answers only outside production

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite:///", "postgresql+psycopg://")):
            raise ValueError("must start with sqlite:/// or postgresql+psycopg://")
        return value

    @field_validator("redis_url")
    @classmethod
    def _supported_redis(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("public_url", "hf_inference_url", "anthropic_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("metrics_token")
    @classmethod
    def _long_token(cls, value: str) -> str:
        if value and (len(value) < 16 or any(c.isspace() for c in value)):
            raise ValueError("use at least 16 characters without spaces")
        return value

    @model_validator(mode="after")
    def _production_needs(self) -> Settings:
        if self.lumiku_env != "production":
            return self
        for name in ("secret_key", "public_url", "database_url", "redis_url"):
            if not getattr(self, name):
                raise ValueError(f"{name.upper()} is required in production")
        key = self.secret_key
        if len(key) < 32 or key.lower() in WEAK_SECRETS or shannon_entropy(key) < 3.5:
            raise ValueError(
                "SECRET_KEY is weak: use at least 32 random characters "
                "(python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        for name in ("smtp_host", "mail_from"):
            if not getattr(self, name):
                raise ValueError(
                    f"{name.upper()} is required in production (mail is sent over SMTP)"
                )
        return self

    @property
    def is_production(self) -> bool:
        return self.lumiku_env == "production"

    @property
    def callback_allowlist_on(self) -> bool:
        choice = self.duitku_callback_ip_allowlist
        return choice == "on" or (choice == "" and self.is_production)

    @property
    def payments_configured(self) -> bool:
        return bool(self.duitku_merchant_code and self.duitku_api_key)

    @property
    def mail_configured(self) -> bool:
        return bool(self.smtp_host)

    @property
    def dev_outbox_enabled(self) -> bool:
        """Mail goes to the development outbox: no SMTP server, and not in production."""
        return not self.smtp_host and not self.is_production

    @property
    def effective_smtp_port(self) -> int:
        return self.smtp_port or {"starttls": 587, "ssl": 465, "none": 25}[self.smtp_security]

    @property
    def effective_mail_from(self) -> str:
        return self.mail_from or "Lumiku <no-reply@lumiku.id>"

    @property
    def effective_log_format(self) -> str:
        return self.log_format or ("json" if self.is_production else "text")

    @property
    def effective_public_url(self) -> str:
        return self.public_url or f"http://localhost:{self.port}"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'lumiku.db'}"

    @property
    def embedded_redis_socket(self) -> Path:
        return self.data_dir / "redis.sock"

    @property
    def uses_embedded_redis(self) -> bool:
        return not self.redis_url

    @property
    def effective_redis_url(self) -> str:
        """Our Redis: queues, rate limits, progress events."""
        return self.redis_url or f"unix://{self.embedded_redis_socket}?db=0"

    @property
    def reflex_redis_url(self) -> str:
        """Reflex keeps its per-tab state in the next database number of the same server."""
        url = self.effective_redis_url
        return with_redis_db(url, (redis_db(url) + 1) % 16)

    @property
    def effective_workers(self) -> int:
        import os

        return self.workers or max(1, os.cpu_count() or 1)

    @property
    def effective_secret_key(self) -> str:
        if self.secret_key:
            return self.secret_key
        return development_secret(self.data_dir)


def development_secret(data_dir: Path) -> str:
    """Generated once and kept under DATA_DIR so sessions survive restarts in development."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(secrets.token_urlsafe(48))
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_text().strip()


def redis_db(url: str) -> int:
    parts = urlsplit(url)
    if parts.scheme == "unix":
        for pair in parts.query.split("&"):
            if pair.startswith("db="):
                return int(pair[3:])
        return 0
    return int(parts.path.strip("/") or 0)


def with_redis_db(url: str, db: int) -> str:
    parts = urlsplit(url)
    if parts.scheme == "unix":  # urlunsplit would drop the "//" that redis-py expects
        query = "&".join(
            [p for p in parts.query.split("&") if p and not p.startswith("db=")] + [f"db={db}"]
        )
        return f"unix://{parts.path}?{query}"
    return urlunsplit(parts._replace(path=f"/{db}"))


def describe_error(exc: ValidationError) -> str:
    """One line naming the variable, as the operator types it."""
    err = exc.errors()[0]
    name = str(err["loc"][0]).upper() if err["loc"] else ""
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"Invalid setting {name}: {message}" if name else f"Invalid settings: {message}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError(describe_error(exc)) from None
