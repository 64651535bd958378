import pytest
from pydantic import ValidationError

from lumiku.settings import Settings, describe_error, redis_db, with_redis_db

STRONG = "q7RkV2mXz9LpT4wYb8NcJ3hFs6GdA1eU5oKi0"


@pytest.fixture(autouse=True)
def no_environment(monkeypatch):
    """These tests describe Settings alone, not the test run's own configuration."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def make(**env) -> Settings:
    return Settings(_env_file=None, **env)


def test_development_works_with_nothing(tmp_path):
    s = make(data_dir=tmp_path)
    assert s.effective_database_url == f"sqlite:///{tmp_path / 'lumiku.db'}"
    assert s.effective_redis_url == f"unix://{tmp_path / 'redis.sock'}?db=0"
    assert s.effective_public_url == "http://localhost:3000"
    assert s.timezone == "Asia/Jakarta"


def test_development_secret_is_generated_once_and_kept(tmp_path):
    first = make(data_dir=tmp_path).effective_secret_key
    assert len(first) >= 32
    assert make(data_dir=tmp_path).effective_secret_key == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("key", ["short", "a" * 40, "change-this-secret-key", "ab" * 20])
def test_production_refuses_weak_secrets(key):
    with pytest.raises(ValidationError) as err:
        make(
            lumiku_env="production",
            secret_key=key,
            public_url="https://x.id",
            database_url="postgresql+psycopg://db/x",
            redis_url="redis://r:6379/0",
        )
    assert "SECRET_KEY" in describe_error(err.value)


def test_production_requires_its_services():
    with pytest.raises(ValidationError) as err:
        make(lumiku_env="production", secret_key=STRONG)
    assert "PUBLIC_URL is required" in describe_error(err.value)


def test_production_accepts_a_complete_configuration():
    s = make(
        lumiku_env="production",
        secret_key=STRONG,
        public_url="https://lumiku.id/",
        database_url="postgresql+psycopg://db/x",
        redis_url="redis://r:6379/0",
        smtp_host="smtp.example.com",
        mail_from="Lumiku <no-reply@lumiku.id>",
    )
    assert s.is_production and s.effective_public_url == "https://lumiku.id"


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("port", "abc", "PORT"),
        ("timezone", "Mars/Olympus", "TIMEZONE"),
        ("database_url", "mysql://x", "DATABASE_URL"),
        ("redis_url", "http://x", "REDIS_URL"),
        ("lumiku_env", "staging", "LUMIKU_ENV"),
    ],
)
def test_a_bad_value_names_its_variable(field, value, name):
    with pytest.raises(ValidationError) as err:
        make(**{field: value})
    line = describe_error(err.value)
    assert line.startswith(f"Invalid setting {name}:") and "\n" not in line


def test_reflex_state_uses_the_next_redis_database():
    assert with_redis_db("redis://h:6379/3", 4) == "redis://h:6379/4"
    assert with_redis_db("unix:///d/r.sock?db=0", 1) == "unix:///d/r.sock?db=1"
    assert redis_db("unix:///d/r.sock?db=5") == 5
    assert make(redis_url="redis://h:6379/15").reflex_redis_url == "redis://h:6379/0"


def test_callback_allow_list_is_on_in_production_unless_switched_off():
    production = dict(
        lumiku_env="production",
        secret_key=STRONG,
        public_url="https://lumiku.id",
        database_url="postgresql+psycopg://db/x",
        redis_url="redis://r:6379/0",
        smtp_host="smtp.example.com",
        mail_from="Lumiku <no-reply@lumiku.id>",
    )
    assert make(**production).callback_allowlist_on
    assert not make(**production, duitku_callback_ip_allowlist="off").callback_allowlist_on
    assert not make().callback_allowlist_on
    assert make(duitku_callback_ip_allowlist="on").callback_allowlist_on
    assert not make().payments_configured
    assert make(duitku_merchant_code="D1", duitku_api_key="k").payments_configured
