"""A local server that speaks the Hugging Face inference protocol as `InferenceClient` uses it
for the hf-inference provider and for endpoint URLs, so the real client runs against it.

POST `/models/<repo id>` (or any bare path: a self-hosted endpoint URL) with a JSON body
{"inputs": ..., "parameters": {...}} or raw image bytes, `Authorization: Bearer <token>`. It
answers what the model's task answers: PNG bytes (a gradient whose colour comes from the prompt
and the seed, so tests can tell replies apart), a real MP4, a JSON vector, segmentation masks,
or an OpenAI-style chat completion (paths ending in /chat/completions).

A model's task comes from `tasks` (model -> task) or, failing that, from its name:
"video"/"t2v"/"i2v" (text-to-video, or image-to-video when the input is an image), "seg" or
"/sam" (image-segmentation), "embed"/"feature"/"face" (feature-extraction), "chat"/"llm"
(conversational); anything else is an image model (text-to-image, or image-to-image when the
input is an image).

Failures are injected with `fail_next(kind, count, retry_after)`: loading (503 + estimated_time),
rate_limit (429 + Retry-After), timeout (sleeps `timeout_sleep` seconds first), refusal
(`refusal_status`, 400 or 422, NSFW), garbage (200, not what was asked), unauthorized (401),
forbidden (403), server_error (500), reset (the connection dropped without an answer).

It also speaks fal.ai's queue protocol, as Hugging Face's router relays it, under `/fal-ai/...`:
POST `/fal-ai/<fal model id>` queues a video ({request_id, status_url, response_url,
cancel_url}); GET `<status_url>` answers IN_QUEUE (queue_position), IN_PROGRESS (logs with a
percentage) and, after `video_steps` looks, COMPLETED; GET `<response_url>` answers
{"video": {"url": ...}} naming a real MP4 on the fake (GET `/files/<id>.mp4`, no token needed);
PUT `<cancel_url>` cancels. `fail_next` applies to these requests too; `video_failure` makes
every video fail one way: "stuck" (never leaves the queue), "failed" (status ERROR, the
response an error), "failed_response" (COMPLETED, then the response an error, as fal does),
"refused" (the response a content-policy error), "no_video" (a response without a video),
"broken_mp4" (the URL serves garbage), "empty" (it serves nothing). `fal_elsewhere` makes the
replies name fal's own host (https://queue.fal.run), as the router's do. `video_jobs` holds
every queued video (its request body, looks and whether it was cancelled).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageDraw

FAILURES = (
    "loading",
    "rate_limit",
    "timeout",
    "refusal",
    "garbage",
    "unauthorized",
    "forbidden",
    "server_error",
    "reset",
)
VIDEO_FAILURES = (
    "",
    "stuck",
    "failed",
    "failed_response",
    "refused",
    "no_video",
    "broken_mp4",
    "empty",
)
FAL_HOST = "https://queue.fal.run"
CLIP = Path(tempfile.gettempdir()) / "lumiku-fake-hf-testsrc-64x64-1s.mp4"
_clip_lock = threading.Lock()


def sample_mp4() -> bytes:
    """A real 1 s, 64x64 MP4 (ffmpeg's testsrc; H.264, or MPEG-4 part 2 where ffmpeg has no
    libx264), made once and cached for every test process."""
    with _clip_lock:
        if not CLIP.exists():
            part = CLIP.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part.mp4")
            for codec in ("libx264", "mpeg4"):
                made = subprocess.run(
                    ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i"]
                    + ["testsrc=size=64x64:rate=8:duration=1", "-pix_fmt", "yuv420p"]
                    + ["-c:v", codec, "-movflags", "+faststart", str(part)],
                    capture_output=True,
                    timeout=60,
                )
                if made.returncode == 0:
                    break
            else:
                raise RuntimeError(f"ffmpeg could not make the sample clip: {made.stderr!r}")
            part.replace(CLIP)
        return CLIP.read_bytes()


def colour_for(prompt: str, seed: Any = None) -> tuple[int, int, int]:
    """The colour a generated image takes for this prompt and seed (tests compare with it)."""
    digest = hashlib.sha256(f"{prompt}|{seed}".encode()).digest()
    return digest[0], digest[1], digest[2]


def gradient_png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """`colour` in the middle column, darker to the left, lighter to the right."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        shade = (x - width / 2) / max(width, 1) * 0.5  # -0.25 .. +0.25
        draw.line(
            [(x, 0), (x, height)],
            fill=tuple(int(min(255, max(0, c + shade * 255))) for c in colour),
        )
    return _png(image)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _image(data: bytes | str | None) -> Image.Image | None:
    if isinstance(data, str):
        try:
            data = base64.b64decode(data, validate=True)
        except ValueError:
            return None
    if not data:
        return None
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except OSError:
        return None
    return image


@dataclass
class Received:
    """One request as the server saw it."""

    path: str
    model: str
    task: str
    headers: dict[str, str]  # lower-cased names
    json: Any = None  # the parsed body, when it was JSON
    raw_length: int = 0  # the body's length in bytes

    @property
    def parameters(self) -> dict[str, Any]:
        body = self.json if isinstance(self.json, dict) else {}
        return body.get("parameters") or {}


@dataclass
class FakeHF:
    delay: float = 0.0  # seconds before every answer (the AI-queue benchmark's slow model)
    token: str | None = "hf_fake_token_0123456789"  # None: any Authorization is accepted
    timeout_sleep: float = 3.0  # how long a "timeout" failure keeps the client waiting
    tasks: dict[str, str] = field(default_factory=dict)  # model (repo id or path) -> task
    reply_text: str = "A short reply from the fake model."  # chat completions' text
    refusal_status: int = 400  # what a "refusal" answers with (the safety checkers use 400/422)
    video_steps: int = 3  # status looks before a queued video is COMPLETED
    video_failure: str = ""  # one of VIDEO_FAILURES: how every queued video fails
    fal_elsewhere: bool = False  # replies name fal's own host, as the router's do
    requests: list[Received] = field(default_factory=list)
    video_jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    _failures: deque = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)

    # ------------------------------------------------------------ control

    def fail_next(self, kind: str, count: int = 1, retry_after: float | None = None) -> None:
        """The next `count` requests fail as `kind` (see FAILURES); then it answers again."""
        if kind not in FAILURES:
            raise ValueError(f"unknown failure {kind!r}; one of {FAILURES}")
        with self._lock:
            self._failures.extend([(kind, retry_after)] * count)

    def reset(self) -> None:
        """Forget requests, pending failures and test settings (between tests sharing one
        server); `delay` and `token` stay as constructed."""
        with self._lock:
            self.requests.clear()
            self._failures.clear()
            self.video_jobs.clear()
        self.tasks.clear()
        self.reply_text = FakeHF.reply_text
        self.refusal_status = FakeHF.refusal_status
        self.video_steps = FakeHF.video_steps
        self.video_failure = FakeHF.video_failure
        self.fal_elsewhere = FakeHF.fal_elsewhere

    @property
    def last(self) -> Received:
        with self._lock:
            return self.requests[-1]

    def model_url(self, repo_id: str) -> str:
        return f"{self.url}/models/{repo_id}"

    # ------------------------------------------------------------ server

    def start(self) -> FakeHF:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                # a client that gave up (a timeout test) gets no answer
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._answer(self, urlsplit(self.path).path, headers, raw)

            def do_GET(self):
                headers = {k.lower(): v for k, v in self.headers.items()}
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._answer_other(self, "GET", self.path, headers)

            def do_PUT(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    fake._answer_other(self, "PUT", self.path, headers)

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str = "application/json",
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128  # the AI queue's workers all call at once

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ answers

    def task_for(self, model: str, path: str, image_input: bool) -> str:
        if path.rstrip("/").endswith("/chat/completions"):
            return "conversational"
        if "/pipeline/" in path:
            return path.rsplit("/pipeline/", 1)[1].strip("/")
        if model in self.tasks:
            return self.tasks[model]
        name = model.lower()
        if any(word in name for word in ("video", "t2v", "i2v")):
            return "image-to-video" if image_input else "text-to-video"
        if "seg" in name or "/sam" in name:  # Segment Anything
            return "image-segmentation"
        if any(word in name for word in ("embed", "feature", "face")):
            return "feature-extraction"
        if "chat" in name or "llm" in name:
            return "conversational"
        return "image-to-image" if image_input else "text-to-image"

    def _answer(self, handler: Any, path: str, headers: dict[str, str], raw: bytes) -> None:
        if path.startswith("/fal-ai/") and "/requests/" not in path:
            self._fal_submit(handler, path, headers, raw)
            return
        body: Any = None
        if "json" in headers.get("content-type", ""):
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                handler._send(400, b'{"error": "Body is not valid JSON"}')
                return
        model = path.split("/models/", 1)[1] if "/models/" in path else path
        model = model.split("/pipeline/")[0].removesuffix("/v1/chat/completions").strip("/")
        inputs = body.get("inputs") if isinstance(body, dict) else None
        image_input = body is None and bool(raw) or _image(inputs) is not None
        task = self.task_for(model, path, image_input)
        with self._lock:
            self.requests.append(Received(path, model, task, headers, body, len(raw)))
            failure = self._failures.popleft() if self._failures else None
        if self.delay:
            self._stopping.wait(self.delay)
        if self.token is not None and headers.get("authorization") != f"Bearer {self.token}":
            handler._send(401, b'{"error": "Invalid credentials in Authorization header"}')
            return
        if failure is not None:
            self._fail(handler, failure, model, task)
            return
        status, reply, content_type = self._reply(task, body, raw)
        handler._send(status, reply, content_type)

    def _fail(self, handler: Any, failure: tuple[str, float | None], model: str, task: str):
        kind, retry_after = failure
        if kind == "loading":
            wait = 20.0 if retry_after is None else retry_after
            error = {"error": f"Model {model} is currently loading", "estimated_time": wait}
            handler._send(503, json.dumps(error).encode())
        elif kind == "rate_limit":
            wait = 1 if retry_after is None else retry_after
            handler._send(
                429,
                b'{"error": "Rate limit reached. Please retry later."}',
                headers={"Retry-After": f"{wait:g}"},
            )
        elif kind == "timeout":
            self._stopping.wait(self.timeout_sleep)
            handler._send(*self._reply(task, None, b""))
        elif kind == "refusal":
            error = {"error": "NSFW content detected: the safety checker rejected this prompt."}
            handler._send(self.refusal_status, json.dumps(error).encode())
        elif kind == "garbage":
            if task in ("text-to-image", "image-to-image"):
                handler._send(200, b"\x89PNG\r\n\x1a\nthis is not really a png", "image/png")
            elif "video" in task:
                handler._send(200, b"<html>definitely not a video</html>", "video/mp4")
            else:
                handler._send(200, b"<html>Bad gateway</html>", "application/json")
        elif kind == "unauthorized":
            handler._send(401, b'{"error": "Invalid credentials in Authorization header"}')
        elif kind == "forbidden":
            handler._send(403, b'{"error": "This token may not call this model"}')
        elif kind == "server_error":
            handler._send(500, b'{"error": "Internal Server Error"}')
        elif kind == "reset":
            # An RST instead of an answer: SO_LINGER 0 then close.
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            handler.close_connection = True

    # ------------------------------------------------------------ fal's queue protocol

    def _admit(self, handler: Any, received: Received) -> bool:
        """Records the request, checks its token and applies a pending failure; True when the
        request is to be answered normally."""
        with self._lock:
            self.requests.append(received)
            failure = self._failures.popleft() if self._failures else None
        if self.delay:
            self._stopping.wait(self.delay)
        authorization = received.headers.get("authorization")
        if self.token is not None and authorization != f"Bearer {self.token}":
            handler._send(401, b'{"error": "Invalid credentials in Authorization header"}')
            return False
        if failure is not None:
            self._fail(handler, failure, received.model, received.task)
            return False
        return True

    def _fal_submit(self, handler: Any, path: str, headers: dict[str, str], raw: bytes) -> None:
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        model = path.removeprefix("/fal-ai/").strip("/")
        if not self._admit(handler, Received(path, model, "fal-queue", headers, body, len(raw))):
            return
        if not isinstance(body, dict) or not isinstance(body.get("prompt"), str):
            handler._send(422, b'{"detail": [{"loc": ["body", "prompt"], "msg": "required"}]}')
            return
        request_id = hashlib.sha256(f"{time.time_ns()}{len(self.video_jobs)}".encode()).hexdigest()
        request_id = f"{request_id[:8]}-{request_id[8:12]}-{request_id[12:24]}"
        with self._lock:
            self.video_jobs[request_id] = {
                "model": model,
                "body": body,
                "looks": 0,
                "cancelled": False,
                "completed": False,
            }
        app = "/".join(model.split("/")[:2])  # fal's request URLs name the app, not the variant
        # as the router relays them (on its own host, under /fal-ai), or as fal names them
        base = FAL_HOST if self.fal_elsewhere else f"{self.url}/fal-ai"
        home = f"{base}/{app}/requests/{request_id}"
        reply = {
            "status": "IN_QUEUE",
            "request_id": request_id,
            "response_url": home,
            "status_url": f"{home}/status",
            "cancel_url": f"{home}/cancel",
            "queue_position": 0,
        }
        handler._send(200, json.dumps(reply).encode())

    def _answer_other(self, handler: Any, method: str, target: str, headers: dict[str, str]):
        path = urlsplit(target).path
        if method == "GET" and path.startswith("/files/"):
            self._fal_file(handler, path)
            return
        if "/requests/" not in path:
            handler._send(404, b'{"error": "Not Found"}')
            return
        rest = path.split("/requests/", 1)[1].strip("/").split("/")
        request_id, action = rest[0], (rest[1] if len(rest) > 1 else "")
        job = self.video_jobs.get(request_id)
        model = job["model"] if job else ""
        if not self._admit(handler, Received(path, model, "fal-queue", headers)):
            return
        if job is None:
            handler._send(404, b'{"detail": "Request not found"}')
        elif method == "PUT" and action == "cancel":
            if job["completed"]:
                handler._send(400, b'{"status": "ALREADY_COMPLETED"}')
            else:
                job["cancelled"] = True
                handler._send(202, b'{"status": "CANCELLATION_REQUESTED"}')
        elif method == "GET" and action == "status":
            handler._send(200, json.dumps(self._fal_status(request_id, job)).encode())
        elif method == "GET" and not action:
            self._fal_response(handler, request_id, job)
        else:
            handler._send(405, b'{"detail": "Method Not Allowed"}')

    def _fal_status(self, request_id: str, job: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            job["looks"] += 1
            looks = job["looks"]
        base = FAL_HOST if self.fal_elsewhere else f"{self.url}/fal-ai"
        home = f"{base}/{'/'.join(job['model'].split('/')[:2])}/requests/{request_id}"
        reply: dict[str, Any] = {"request_id": request_id, "response_url": home}
        if job["cancelled"]:
            return {**reply, "status": "COMPLETED", "error": "Request was cancelled by user"}
        if self.video_failure == "stuck":
            return {**reply, "status": "IN_QUEUE", "queue_position": 3}
        if looks < self.video_steps:
            if looks == 1:
                return {**reply, "status": "IN_QUEUE", "queue_position": 1}
            percent = round(100 * (looks - 1) / max(1, self.video_steps - 1))
            logs = [{"message": f"Sampling: {percent}%|###| {looks}/{self.video_steps}"}]
            return {**reply, "status": "IN_PROGRESS", "logs": logs}
        job["completed"] = True
        if self.video_failure == "failed":
            return {**reply, "status": "ERROR", "error": "Internal error while generating"}
        return {**reply, "status": "COMPLETED", "logs": []}

    def _fal_response(self, handler: Any, request_id: str, job: dict[str, Any]) -> None:
        if not job["completed"]:
            handler._send(400, b'{"detail": "Request is still in progress"}')
        elif self.video_failure in ("failed", "failed_response"):
            handler._send(500, b'{"detail": "Generation failed: the worker ran out of memory"}')
        elif self.video_failure == "refused":
            detail = {"detail": [{"msg": "Content policy violation: NSFW content detected"}]}
            handler._send(422, json.dumps(detail).encode())
        elif self.video_failure == "no_video":
            handler._send(200, b'{"seed": 42}')
        else:
            url = f"{self.url}/files/{request_id}.mp4"
            video = {"url": url, "content_type": "video/mp4", "file_name": f"{request_id}.mp4"}
            handler._send(200, json.dumps({"video": video, "seed": 42}).encode())

    def _fal_file(self, handler: Any, path: str) -> None:
        """The finished video, as a CDN serves it: no token asked."""
        request_id = path.removeprefix("/files/").removesuffix(".mp4")
        if request_id not in self.video_jobs:
            handler._send(404, b"Not Found", "text/plain")
        elif self.video_failure == "broken_mp4":
            handler._send(200, b"<html>this is not an mp4</html>" * 4, "video/mp4")
        elif self.video_failure == "empty":
            handler._send(200, b"", "video/mp4")
        else:
            handler._send(200, sample_mp4(), "video/mp4")

    def _reply(self, task: str, body: Any, raw: bytes) -> tuple[int, bytes, str]:
        body = body if isinstance(body, dict) else {}
        params = body.get("parameters") or {}
        inputs = body.get("inputs")
        if task == "conversational":
            return 200, self._chat(body), "application/json"
        if task in ("text-to-video", "image-to-video"):
            return 200, sample_mp4(), "video/mp4"
        if task == "feature-extraction":
            digest = hashlib.sha256(str(inputs).encode()).digest()
            vector = [round(b / 255 - 0.5, 4) for b in digest[:16]]
            return 200, json.dumps(vector).encode(), "application/json"
        source = _image(raw if not body else inputs)
        if task == "image-segmentation":
            return 200, self._segments(source), "application/json"
        return 200, self._picture(source, inputs, params), "image/png"

    def _picture(self, source: Image.Image | None, inputs: Any, params: dict) -> bytes:
        """text-to-image: a gradient of the prompt's colour at the asked size; image-to-image:
        with a mask_image, the source with the masked region painted; without a prompt (an
        upscaler), the source resized; else a gradient at the asked or the source's size."""
        target = params.get("target_size") or {}
        width = target.get("width") or params.get("width")
        height = target.get("height") or params.get("height")
        if source is None:
            prompt = inputs if isinstance(inputs, str) else ""
            size = (int(width or 64), int(height or 64))
            return gradient_png(_capped(size), colour_for(prompt, params.get("seed")))
        size = _capped((int(width or source.width), int(height or source.height)))
        prompt = params.get("prompt") or ""
        mask = _image(params.get("mask_image"))
        if mask is not None:
            painted = source.convert("RGB")
            fill = Image.new("RGB", painted.size, colour_for(prompt, params.get("seed")))
            painted.paste(fill, (0, 0), mask.convert("L").resize(painted.size))
            return _png(painted.resize(size))
        if not prompt:
            return _png(source.convert("RGB").resize(size, Image.Resampling.LANCZOS))
        return gradient_png(size, colour_for(prompt, params.get("seed")))

    def _segments(self, source: Image.Image | None) -> bytes:
        """Two segments: an "object" (the ellipse inscribed in the middle half) and the rest."""
        size = source.size if source is not None else (64, 64)
        width, height = size
        obj = Image.new("L", size, 0)
        ImageDraw.Draw(obj).ellipse((width // 4, height // 4, 3 * width // 4, 3 * height // 4), 255)
        rest = obj.point(lambda v: 255 - v)

        def encoded(mask: Image.Image) -> str:
            return base64.b64encode(_png(mask)).decode()

        return json.dumps(
            [
                {"label": "object", "score": 0.97, "mask": encoded(obj)},
                {"label": "background", "score": 0.99, "mask": encoded(rest)},
            ]
        ).encode()

    def _chat(self, body: dict) -> bytes:
        return json.dumps(
            {
                "id": f"chatcmpl-{int(time.time() * 1000)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "dummy"),
                "system_fingerprint": "fake",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.reply_text},
                        "finish_reason": "stop",
                        "logprobs": None,
                    }
                ],
                "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
            }
        ).encode()


def _capped(size: tuple[int, int]) -> tuple[int, int]:
    return min(max(size[0], 1), 4096), min(max(size[1], 1), 4096)
