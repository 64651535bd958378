"""Load: N signed-in browser sessions at once against the production topology, each a Reflex
websocket client doing what users do (open the dashboard, open a Video Mixer project, change
settings and read the live estimate, sometimes generate a video or two and watch it being made),
ramped from 10 to 100 sessions; then per-user fairness on the media workers.

    .venv/bin/python -m bench.load [--sessions 10,50,100] [--duration 60] [--url URL | --plain]

Printed per stage: sessions, events answered, events per second, p50/p95/p99 round trip of
every event and of the estimate events alone, the p95 hydrate (connect to page loaded), errors,
and the progress-event lag (an output's end in the worker to the tab showing it). Then
"B waited X s = Y renders". Nothing is asserted; tests/topology/test_load_smoke.py runs the same
code for a few sessions and checks only that every event was answered without an error.

Modules: `client` (the websocket tab), `scenario` (a session and a stage), `users` (accounts and
projects made through the services), `fairness`, `target` (topology, plain or given)."""
