"""What one user does in a tab, and a stage of N such tabs at once.

A session opens the dashboard (hydrate, then the header's wallet as its `on_mount` asks), goes
to its Video Mixer project (a client-side navigation: the page's on_load loads the project,
its settings, the estimate and the project's work), then, until the stage ends, changes a
setting every `think` seconds on average (each change is one `SettingsState.set_option` event,
answered with the redrawn estimate). Sessions picked to submit (a share of them) do so once,
midway: the count set to 1 or 2 (an estimate event too), `ask_generate`, `generate`; then the
tab watches its work list (`WorkState.cards`) fill in from the live progress the workers push.

Every event waits for its reply before the next is sent, as a user waits for the page to
answer. Round trips are measured in this process (time.perf_counter); when an output appears
in the tab as finished is compared with the item's `finished_at` in the database (wall clock,
same machine): the progress-event lag."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from bench.load.client import MARK, Tab, TabError
from bench.load.users import Person

# what the settings changes cycle through: each differs from the one before, so every event
# really changes the panel (and the reply carries the estimate)
CHANGES = (
    ("resolution", ["480p", "720p", "1080p"]),
    ("speed_variations", [True, False]),
    ("fps", ["24", "30", "60"]),
    ("different_start", [True, False]),
    ("metadata", ["clean", "tiktok", "capcut"]),
    ("bitrate", ["low", "medium", "high"]),
)
SUBMIT_RESOLUTION = "480p"  # the small generations render at the smallest size
FINISH_SECONDS = 180.0  # how long a stage waits, after it ends, for submitted work to finish


@dataclass(frozen=True)
class Names:
    """The full names of the states and handlers the scenario uses (from lumiku's own state
    classes, so a rename shows up here rather than as a silent miss)."""

    token_var: str  # AuthState.token, a LocalStorage var
    wallet: str
    settings: str
    estimate: str
    work: str
    project_route: str  # "/apps/video-mixer/[vm_project]"

    @classmethod
    def load(cls) -> Names:
        from lumiku import routes
        from lumiku.state.auth import AuthState
        from lumiku.state.live import WalletState
        from lumiku.state.video_mixer import PROJECT_ROUTE, EstimateState, SettingsState
        from lumiku.state.work import WorkState

        assert routes.DASHBOARD == "/dashboard"
        return cls(
            token_var=f"{AuthState.get_full_name()}.token",
            wallet=WalletState.get_full_name(),
            settings=SettingsState.get_full_name(),
            estimate=EstimateState.get_full_name(),
            work=WorkState.get_full_name(),
            project_route=PROJECT_ROUTE,
        )


@dataclass
class Record:
    kind: str  # "estimate", "hydrate", "navigate", "wallet", "ask_generate", "generate"
    seconds: float | None  # None: no reply


@dataclass
class Watch:
    """A submitted generation as the tab saw it: when each output first showed as finished
    (wall clock), and how many progress updates arrived."""

    generation_id: str
    outputs: int
    seen_done: dict[int, float] = field(default_factory=dict)  # item number → time.time()
    progress_updates: int = 0


@dataclass
class Session:
    person: Person
    names: Names
    url: str
    think: float
    submit_at: float | None  # seconds into the stage, or None
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    watches: list[Watch] = field(default_factory=list)
    tab: Tab | None = None

    def _record(self, kind: str, seconds: float | None) -> None:
        self.records.append(Record(kind, seconds))

    async def run(self, until: float, rng: random.Random) -> None:
        """Until `until` (perf_counter), then waits for submitted work to show as finished."""
        n = self.names
        tab = self.tab = Tab(self.url, {n.token_var: self.person.token})
        tab.listeners.append(self._watch)
        started = time.perf_counter()
        try:
            t0 = time.perf_counter()
            await tab.open("/dashboard")
            self._record("hydrate", time.perf_counter() - t0)
            # the header's wallet (`on_mount`); its reply carries WalletState
            self._record("wallet", await tab.call(f"{n.wallet}.load", expect=n.wallet))
            project = self.person.project_id
            t0 = time.perf_counter()
            await tab.navigate(f"/apps/video-mixer/{project}", {"vm_project": project})
            self._record("navigate", time.perf_counter() - t0)
            step = 0
            while time.perf_counter() < until:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * self.think)
                if time.perf_counter() >= until:
                    break
                if self.submit_at is not None and time.perf_counter() - started >= self.submit_at:
                    self.submit_at = None
                    await self._submit(rng.choice((1, 2)))
                    continue
                name, values = CHANGES[step % len(CHANGES)]
                value = values[(step // len(CHANGES) + 1) % len(values)]
                step += 1
                await self._set(name, value)
            await self._await_work()
        except TabError as exc:
            tab.errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - counted and shown, the other sessions go on
            tab.errors.append(f"session failed: {exc!r}")
        finally:
            await tab.close()
            self.errors.extend(tab.errors)

    async def _set(self, name: str, value: Any) -> None:
        n = self.names
        rt = await self.tab.call(
            f"{n.settings}.set_option", {"name": name, "value": value}, expect=n.estimate
        )
        self._record("estimate", rt)

    async def _submit(self, count: int) -> None:
        """Count, confirm, generate: the price dialog's path."""
        n = self.names
        await self._set("resolution", SUBMIT_RESOLUTION)
        rt = await self.tab.call(
            f"{n.estimate}.set_count", {"value": str(count)}, expect=n.estimate
        )
        self._record("estimate", rt)
        rt = await self.tab.call(f"{n.estimate}.ask_generate", expect=n.estimate)
        self._record("ask_generate", rt)
        started: list[str] = []

        def started_generation(update: dict, _now: float) -> None:
            changes = (update.get("delta") or {}).get(n.estimate) or {}
            if changes.get(f"started_generation{MARK}"):
                started.append(changes[f"started_generation{MARK}"])

        self.tab.listeners.append(started_generation)
        rt = await self.tab.call(f"{n.estimate}.generate", expect=n.estimate)
        self._record("generate", rt)
        self.tab.listeners.remove(started_generation)
        if started:
            self.watches.append(Watch(started[-1], count))
        elif rt is not None:
            self.errors.append("generate: no generation started")

    def _watch(self, update: dict, _now: float) -> None:
        cards = ((update.get("delta") or {}).get(self.names.work) or {}).get(f"cards{MARK}")
        if not cards:
            return
        now = time.time()
        for watch in self.watches:
            for card in cards:
                if card.get("id") != watch.generation_id:
                    continue
                watch.progress_updates += 1
                for output in card.get("outputs") or []:
                    if output.get("status") == "succeeded":
                        watch.seen_done.setdefault(int(output["index"]), now)

    async def _await_work(self) -> None:
        deadline = time.perf_counter() + FINISH_SECONDS
        while any(len(w.seen_done) < w.outputs for w in self.watches):
            if time.perf_counter() > deadline:
                self.errors.append("submitted work did not show as finished in time")
                return
            await asyncio.sleep(0.2)


# ------------------------------------------------------------------ a stage


@dataclass
class StageResult:
    sessions: int
    seconds: float  # the stage's wall time, from the first connect to the last event
    records: list[Record]
    errors: list[str]
    lags: list[float]  # progress-event lag per finished output, seconds
    progress_updates: int
    outputs: int
    client_cpu: float  # this process's CPU over the stage, in cores


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


async def run_stage(
    people: list[Person],
    url: str,
    *,
    duration: float,
    think: float,
    submit_share: float,
    seed: int = 1,
) -> StageResult:
    """`len(people)` tabs at once, their connects spread over the first few seconds."""
    names = Names.load()
    rng = random.Random(seed)
    submitters = set(rng.sample(range(len(people)), max(1, round(len(people) * submit_share))))
    ramp = min(5.0, duration / 4)
    start = time.perf_counter()
    until = start + duration
    sessions = [
        Session(
            person,
            names,
            url,
            think,
            submit_at=rng.uniform(duration * 0.2, duration * 0.5) if i in submitters else None,
        )
        for i, person in enumerate(people)
    ]

    async def one(i: int, session: Session) -> None:
        await asyncio.sleep(ramp * i / len(sessions))
        await session.run(until, random.Random(seed * 1000 + i))

    cpu = time.process_time()
    await asyncio.gather(*(one(i, s) for i, s in enumerate(sessions)))
    seconds = min(time.perf_counter(), until + 1) - start
    cpu = time.process_time() - cpu
    watches = [w for s in sessions for w in s.watches]
    lags, errors = lags_of(watches)
    return StageResult(
        sessions=len(sessions),
        seconds=seconds,
        records=[r for s in sessions for r in s.records],
        errors=[e for s in sessions for e in s.errors] + errors,
        lags=lags,
        progress_updates=sum(w.progress_updates for w in watches),
        outputs=sum(w.outputs for w in watches),
        client_cpu=cpu / (time.perf_counter() - start),
    )


def lags_of(watches: list[Watch]) -> tuple[list[float], list[str]]:
    """Each output's lag: the tab showing it finished, minus the item's `finished_at`."""
    from sqlmodel import select

    from lumiku.db import session_scope
    from lumiku.models import GenerationItem

    lags, errors = [], []
    with session_scope() as db:
        for watch in watches:
            items = db.exec(
                select(GenerationItem).where(GenerationItem.generation_id == watch.generation_id)
            ).all()
            for item in items:
                if item.status != "succeeded":
                    errors.append(
                        f"generation {watch.generation_id} item {item.index}: {item.status}"
                    )
                    continue
                seen = watch.seen_done.get(item.index + 1)
                if seen is None:
                    errors.append(f"generation {watch.generation_id}: output never shown finished")
                    continue
                finished = item.finished_at
                if finished.tzinfo is None:
                    finished = finished.replace(tzinfo=UTC)
                lags.append(seen - finished.timestamp())
    return lags, errors


def summary(result: StageResult) -> dict[str, Any]:
    """The figures of one stage's row."""
    everything = [
        r.seconds for r in result.records if r.kind != "hydrate" and r.seconds is not None
    ]
    estimates = [
        r.seconds for r in result.records if r.kind == "estimate" and r.seconds is not None
    ]
    hydrates = [r.seconds for r in result.records if r.kind == "hydrate" and r.seconds is not None]
    events = len(everything)
    return {
        "sessions": result.sessions,
        "events": events,
        "per_second": events / result.seconds if result.seconds else 0.0,
        "all": [percentile(everything, q) * 1000 for q in (50, 95, 99)],
        "estimate": [percentile(estimates, q) * 1000 for q in (50, 95, 99)],
        "estimates": len(estimates),
        "hydrate_p95": percentile(hydrates, 95) * 1000,
        "errors": len(result.errors),
        "lag": [percentile(result.lags, q) * 1000 for q in (50, 95)],
        "lag_mean": statistics.mean(result.lags) * 1000 if result.lags else float("nan"),
        "outputs": result.outputs,
        "progress_updates": result.progress_updates,
        "client_cpu": result.client_cpu,
    }
