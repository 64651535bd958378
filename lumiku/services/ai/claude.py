"""Anthropic's Messages API through the `anthropic` SDK: the "text" capability (personas,
prompts, captions). The SDK's own retries are off (max_retries=0) so that
lumiku.services.ai.retry decides; ANTHROPIC_BASE_URL points it at a proxy or the tests' fake.
"""

from __future__ import annotations

import time
from typing import Any

import anthropic
from anthropic.types import Message

from lumiku.services.ai.base import (
    REFUSAL_WORDS,
    AIBadReply,
    AIError,
    AIRefused,
    AITimeout,
    ModelSpec,
    TransientAIError,
    retry_after_seconds,
)
from lumiku.settings import get_settings

# What the call itself sets; a row's other parameters (temperature, top_p, ...) go in the body.
OWN = frozenset({"model", "max_tokens", "messages", "system", "stream"})
TRANSIENT_STATUSES = (429, 502, 503, 504, 529)


def _client(spec: ModelSpec) -> anthropic.Anthropic:
    settings = get_settings()
    return anthropic.Anthropic(
        api_key=settings.anthropic_api_key,
        base_url=settings.anthropic_base_url or None,
        max_retries=0,
        timeout=spec.timeout,
    )


def _create(spec: ModelSpec, prompt: str, system: str, max_tokens: int) -> Message:
    request: dict[str, Any] = {
        "model": spec.provider_model,
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": prompt}],
    }
    if system:
        request["system"] = system
    extra = {k: v for k, v in spec.parameters.items() if k not in OWN}
    try:
        with _client(spec) as client:
            message = client.messages.create(**request, extra_body=extra or None)
    except anthropic.AnthropicError as exc:
        raise _error(exc) from exc
    except ValueError as exc:  # a 200 whose body is not JSON (a proxy's error page)
        raise AIBadReply(f"unreadable reply: {exc}") from exc
    if not isinstance(message, Message):  # a body the SDK could not read as a Message
        raise AIBadReply(f"the reply is not a message: {str(message)[:200]!r}")
    if message.stop_reason == "refusal":
        raise AIRefused("the model declined the request (stop_reason refusal)")
    return message


def _error(exc: anthropic.AnthropicError) -> AIError:
    if isinstance(exc, anthropic.APITimeoutError):
        return AITimeout(f"no answer in time: {exc}")
    if isinstance(exc, anthropic.APIConnectionError):
        return TransientAIError(f"connection failed: {exc!r}")
    if isinstance(exc, anthropic.APIResponseValidationError):
        return AIBadReply(f"unreadable reply: {exc}")
    if isinstance(exc, anthropic.APIStatusError):
        status = exc.status_code
        said = exc.body.get("error", {}) if isinstance(exc.body, dict) else {}
        message = said.get("message") if isinstance(said, dict) else None
        detail = f"HTTP {status}: {message or exc.message}"[:400]
        if status in TRANSIENT_STATUSES:
            wait = retry_after_seconds(exc.response.headers.get("retry-after"))
            return TransientAIError(detail, retry_after=wait)
        if status in (401, 403):
            return AIError(detail, code="ai_key_rejected")
        if status == 400 and REFUSAL_WORDS.search(f"{message} {exc.message}"):
            return AIRefused(detail)
        return AIError(detail)
    return AIError(f"Anthropic call failed: {exc!r}")


def write_text(spec: ModelSpec, prompt: str, *, system: str = "", max_tokens: int = 1024) -> str:
    message = _create(spec, prompt, system, max_tokens)
    text = "".join(block.text for block in message.content if block.type == "text").strip()
    if not text:
        raise AIBadReply(f"the reply has no text (stop_reason {message.stop_reason})")
    return text


def test_connection(spec: ModelSpec) -> str:
    """A one-token message: the key, the model name and the network, for a fraction of a cent."""
    if spec.capability != "text":
        raise AIError("Anthropic models only write text", code="ai_capability_unsupported")
    started = time.monotonic()
    _create(spec, "Say OK.", "", 1)
    return f"answered in {time.monotonic() - started:.1f} s"
