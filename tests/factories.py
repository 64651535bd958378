"""Builders shared by the tests: users, signed-in Reflex states, media made with FFmpeg and Pillow,
ffprobe, and background workers.

Test modules import from here (and from tests/e2e/browser.py for Playwright), never from one
another; tests/unit/test_test_layout.py enforces that. Nothing here is a test, and nothing runs
at import beyond importing lumiku's services: Reflex is imported by the state helpers only.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw
from sqlmodel import select

from lumiku.db import session_scope
from lumiku.models import GenerationItem
from lumiku.services import auth, billing, generations, users
from lumiku.services.avatar_creator import avatars, projects
from lumiku.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from lumiku.state.auth import AuthState

PASSWORD = "rahasia-123"

# ------------------------------------------------------------------ users


def register(
    n: int = 1,
    *,
    prefix: str = "user",
    name: str = "User",
    subnet: int = 0,
    role: str = "user",
    verified: bool = True,
) -> auth.SignedIn:
    """Registers `{prefix}{n}@example.com` ("{name} {n}", password PASSWORD) from its own address,
    10.{subnet}.{n}.1, so the per-address sign-up limit never trips; `role` other than "user"
    is assigned afterwards. Unless `verified=False` the address is then verified through its
    link, which grants the welcome bonus (as registering did before verification existed).
    The returned token is signed in."""
    signed = auth.register(
        f"{prefix}{n}@example.com",
        PASSWORD,
        f"{name} {n}",
        ip=f"10.{subnet}.{n}.1",
        user_agent="test",
    )
    if role != "user":
        users.assign_role(signed.user.id, role)
    if verified:
        verify_email(signed.user.id)
        signed = auth.SignedIn(user=auth.resolve(signed.token), token=signed.token)
    return signed


def link_token(url: str) -> str:
    """The token of a mailed link (`…?token=…`)."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query)["token"][0]


def verify_email(user_id: int) -> None:
    """Verifies the user's current address through a fresh link, as clicking it would (the
    welcome bonus comes with it); nothing happens when it is verified already."""
    link = auth.verification_link(user_id)
    if link is not None:
        auth.verify_email(link_token(link.url))


def verified_user(n: int = 1, **identity: Any) -> int:
    """A registered user whose address is verified (and who so has the welcome bonus)."""
    return register(n, verified=True, **identity).user.id


def new_user(n: int = 1, **identity: Any) -> int:
    """A registered user's id (see register for the identity keywords)."""
    return register(n, **identity).user.id


def admin(n: int = 1, **identity: Any) -> auth.CurrentUser:
    """A signed-in administrator, as the services see one."""
    return auth.resolve(register(n, role="admin", **identity).token)


# ------------------------------------------------------------------ Reflex state handlers


def states() -> tuple[AuthState, Callable[[type], Any]]:
    """A fresh root state: its AuthState, and a getter for any other substate of the same tab."""
    import reflex as rx

    from lumiku.state.auth import AuthState

    root = rx.State()
    get = lambda cls: root.get_substate(cls.get_full_name().split(".")[1:])  # noqa: E731
    return get(AuthState), get


def call(state, name: str, *args):
    """Runs an event handler as Reflex would; returns what it returned or yielded."""
    result = type(state).event_handlers[name].fn(state, *args)

    async def drain():
        if inspect.isasyncgen(result):
            return [item async for item in result]
        return await result if inspect.iscoroutine(result) else result

    return asyncio.run(drain())


def redirect_target(spec) -> str:
    """Where a handler's returned redirect points ("" for none)."""
    return str(spec.args[0][1]).strip('"') if spec is not None else ""


def visit(state, path: str, *, client_token: str = "tab-1", ip: str = "10.3.3.3") -> None:
    """Puts the tab (any of its states) on `path` (with its query), as the browser would tell
    Reflex: what `router.url`, `router.session.client_token` and `client_ip` then read."""
    root = state
    while root.parent_state is not None:
        root = root.parent_state
    router_data = {
        "pathname": path.partition("?")[0],
        "asPath": path,
        "token": client_token,
        "ip": ip,
        "headers": {"origin": "http://testserver"},
    }
    root.router_data = router_data
    root._update_router_vars(router_data, {})


def signed_in(n: int) -> tuple[auth.SignedIn, AuthState, Callable[[type], Any]]:
    """User `s{n}@example.com` ("S {n}") signed in on a fresh tab: (sign-in, AuthState, getter)."""
    signed = register(n, prefix="s", name="S", subnet=4)
    session, get = states()
    session.token = signed.token
    return signed, session, get


# ------------------------------------------------------------------ mail


class SmtpSink:
    """A local SMTP server (aiosmtpd) that keeps what it receives: `messages` are parsed
    `email.message.EmailMessage`s. Point SMTP_HOST/SMTP_PORT at `host`/`port`."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse = False  # answer every mail with a 451 (a failing server)

    def start(self) -> SmtpSink:
        import email
        import email.policy
        import socket

        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's
                if sink.refuse:
                    return "451 Try again later"
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                sink.messages.append(message)
                return "250 OK"

        with socket.socket() as probe_socket:
            probe_socket.bind(("127.0.0.1", 0))
            self.port = probe_socket.getsockname()[1]
        self.host = "127.0.0.1"
        self.controller = Controller(Handler(), hostname=self.host, port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def wait_for(self, count: int = 1, timeout: float = 10) -> list[Any]:
        """The messages once at least `count` arrived (mail may be sent in the background)."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.messages) >= count, f"{len(self.messages)} mail(s), wanted {count}"
        return self.messages


def mail_link(message: Any) -> str:
    """The link in a mail's plain-text body."""
    import re

    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+", text).group(0)


# ------------------------------------------------------------------ media

YUV420 = ("-pix_fmt", "yuv420p")
LOSSLESS = ("-c:v", "libx264", "-qp", "0", "-preset", "ultrafast")  # big files from short clips


def make_clip(
    path: Path,
    seconds: float = 1.0,
    *,
    size: str = "320x240",
    rate: int = 25,
    hue: int | None = None,
    audio: bool = True,
    pattern: str = "testsrc2",
    title: str | None = None,
    encode: Sequence[str] = YUV420,
) -> Path:
    """A video made by FFmpeg's lavfi test sources: `pattern` (testsrc2 or testsrc) at `size`
    and `rate`, tinted by `hue` degrees, with a 440 Hz tone when `audio`, and a `title` tag."""
    picture = f"{pattern}=size={size}:rate={rate}:duration={seconds}"
    if hue is not None:
        picture += f",hue=h={hue}"
    args = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", picture]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-shortest"]
    if title is not None:
        args += ["-metadata", f"title={title}"]
    subprocess.run([*args, *encode, str(path)], check=True)
    return path


def make_sound(path: Path, seconds: float = 1.0, frequency: int = 660) -> Path:
    """A tone made by FFmpeg, in the format the suffix names (.wav, .mp3, .m4a…)."""
    tone = f"sine=frequency={frequency}:duration={seconds}"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", tone, str(path)], check=True
    )
    return path


def make_image(path: Path, size: tuple[int, int] = (64, 48), color: str = "teal") -> Path:
    """An image made by Pillow, in the format its suffix names; color "noise" is random pixels
    (which compress badly: a big file from a small picture)."""
    if color == "noise":
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path)
    else:
        Image.new("RGB", size, color).save(path)
    return path


def probe(path: Path) -> dict:
    """ffprobe's JSON: {"format": …, "streams": […]}."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


# ------------------------------------------------------------------ credits, avatars, batches

START = 500  # a funded user's balance: the welcome bonus topped up


def fund(user_id: int, balance: int = START) -> int:
    """The user's credits topped up (or down) to `balance`; returns the user's id."""
    billing.add_credits(
        user_id, balance - billing.balance(user_id), "grant", f"grant-{user_id}", "test credits"
    )
    return user_id


def make_avatar(user_id: int, tmp_path: Path, name: str = "Sari") -> str:
    """An avatar with a persona in a new Avatar Creator project, uploaded from a Pillow-made
    face photo."""
    project_id = projects.create_project(user_id, f"{name}'s project")
    photo = tmp_path / f"{name}-{user_id}.jpg"
    image = Image.new("RGB", (300, 400), (200, 210, 220))
    ImageDraw.Draw(image).ellipse((100, 80, 200, 210), fill=(220, 180, 150))
    image.save(photo, "JPEG")
    persona = {"name": name, "persona_name": f"{name} Wulandari", "persona_age": 27}
    return avatars.upload(user_id, project_id, photo, photo.name, persona)


def run_all_items(generation_id: str) -> None:
    """Every item of the generation run here, in order, as a worker would run them."""
    from jobs.generation import runner_for  # the engine's runners: only where items run

    with session_scope() as db:
        ids = db.exec(
            select(GenerationItem.id)
            .where(GenerationItem.generation_id == generation_id)
            .order_by(GenerationItem.index)
        ).all()
    for item_id in ids:
        generations.run_item(item_id, runner_for)


# ------------------------------------------------------------------ workers

ENGINE_APP = "tests.engine_app:APP"  # the engine tests' own app, registered by workers on request


def worker_env(apps: str | None = ENGINE_APP) -> dict[str, str]:
    """This process's environment, plus EXTRA_APPS when `apps` is given."""
    return {**os.environ, "EXTRA_APPS": apps} if apps else dict(os.environ)


def run_burst_worker(*, apps: str | None = ENGINE_APP, timeout: float = 300) -> str:
    """Runs `lumiku worker --burst` until the queues are empty; asserts it exited 0 and returns
    its stderr (the log)."""
    process = spawn(
        [sys.executable, "-m", "lumiku.cli", "worker", "--burst"],
        env=worker_env(apps),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    finally:
        stop_worker(process)
    assert process.returncode == 0, stderr[-3000:]
    return stderr


def start_worker(*, apps: str | None = ENGINE_APP, log: Path | None = None) -> subprocess.Popen:
    """A long-running `lumiku worker` in a session of its own; stop it with stop_worker. Its
    log goes to `log` when given (for a test to report when it fails), else nowhere."""
    with open(log, "ab") if log else contextlib.nullcontext(subprocess.DEVNULL) as output:
        return spawn(
            [sys.executable, "-m", "lumiku.cli", "worker"],
            env=worker_env(apps),
            stdout=output,
            stderr=output,
        )


_guardian: subprocess.Popen | None = None


def spawn(args: Sequence[str], **popen: Any) -> subprocess.Popen:
    """Starts a process for a test, in a session of its own, that dies with the test run: a
    guardian (tests/guardian.py) kills it and its descendants if this process ends first, even
    by SIGKILL. Stop it with stop_worker (any process), which also tells the guardian."""
    global _guardian
    if _guardian is None or _guardian.poll() is not None:
        _guardian = subprocess.Popen(
            [sys.executable, "-m", "tests.guardian"],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            text=True,
            start_new_session=True,  # a signal to this run's group must not reach it first
        )
    process = subprocess.Popen(args, cwd=PROJECT_ROOT, start_new_session=True, **popen)
    _tell_guardian(f"+ {process.pid}")
    return process


def _tell_guardian(line: str) -> None:
    if _guardian is not None and _guardian.poll() is None:
        _guardian.stdin.write(line + "\n")
        _guardian.stdin.flush()


def stop_worker(process: subprocess.Popen) -> None:
    """Kills the worker and its work horse (RQ gives that a process group of its own), as a
    machine that died would."""
    from lumiku.supervisor import kill_tree

    kill_tree(process.pid)
    process.wait()
    _tell_guardian(f"- {process.pid}")


def install_app(monkeypatch, app: Any, model_key: str, name: str, credit_cost: int) -> None:
    """A test's own app usable in this process: its free local registry row (the engine's rules
    check the registry when work is submitted) and its entry in the plugin registry."""
    from lumiku import plugins
    from lumiku.models import AIModel

    with session_scope() as db:
        if db.get(AIModel, model_key) is None:
            db.add(
                AIModel(
                    key=model_key,
                    app_id=app.id,
                    name=name,
                    provider="local",
                    tier="free",
                    credit_cost=credit_cost,
                    quota_cost=1,
                )
            )
    monkeypatch.setitem(plugins.BY_ID, app.id, app)


# ---------------------------------------------------------------- whole-system checks


def wait_for(
    condition: Callable[[], Any],
    seconds: float = 120.0,
    every: float = 0.2,
    why: Callable[[], str] | None = None,
) -> Any:
    """The condition's first true value; an exception counts as "not yet" (a server being
    restarted answers nothing for a moment). Fails the test after `seconds`, saying `why()`
    (where things stand) or else the condition's last error."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        error = None
        try:
            if result := condition():
                return result
        except Exception as exc:  # noqa: BLE001 - not up yet
            error = exc
        if time.monotonic() >= deadline:
            raise AssertionError(why() if why else f"timed out; last error: {error!r}")
        time.sleep(every)


def generation_items(generation_id: str) -> list[GenerationItem]:
    with session_scope() as db:
        return list(
            db.exec(
                select(GenerationItem)
                .where(GenerationItem.generation_id == generation_id)
                .order_by(GenerationItem.index)
            ).all()
        )


def video_mixer_project(user_id: int, folder: Path, seconds: Sequence[float] = (1.0, 1.5)) -> str:
    """A Video Mixer project with tiny clips made by FFmpeg, stored as uploads."""
    from lumiku.services.video_mixer import projects as video_mixer

    project_id = video_mixer.create_project(user_id, "Load and faults")
    for n, length in enumerate(seconds):
        clip = make_clip(folder / f"clip-{user_id}-{n}.mp4", length, hue=n * 90)
        video_mixer.add_clip(user_id, project_id, clip, clip.name)
    return project_id


def wait_for_generation(user_id: int, generation_id: str, timeout: float = 180) -> Any:
    """The generation's view once it has ended (TimeoutError naming its state otherwise)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        view = generations.get(user_id, generation_id)
        if view.status in (*generations.TERMINAL, "partly_succeeded"):
            return view
        if time.monotonic() > deadline:
            raise TimeoutError(f"generation {generation_id} still {view.status}")
        time.sleep(0.5)


def money_problems(user_ids: Sequence[int]) -> list[str]:
    """What is wrong with these users' money, if anything: a balance that is not the sum of its
    ledger, or a hold still open whose generation has ended. Empty means all is well."""
    from lumiku.models import Generation, Hold, User

    problems = []
    with session_scope() as db:
        for user_id in user_ids:
            user = db.get(User, user_id)
            if user.credit_balance != billing.ledger_sum(db, user_id):
                problems.append(f"user {user_id}: balance {user.credit_balance} != ledger")
            for hold in db.exec(select(Hold).where(Hold.user_id == user_id, Hold.status == "open")):
                if hold.reference_type != "generation":
                    continue
                work = db.get(Generation, hold.reference_id)
                if work is None or work.status in (*generations.TERMINAL, "partly_succeeded"):
                    problems.append(f"user {user_id}: hold {hold.id} open after its work")
    return problems
