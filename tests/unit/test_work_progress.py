"""Live progress moves the work list's bars from the event alone, and never revives ended work."""

from __future__ import annotations

from lumiku.state.work import WorkCard, WorkItem, apply_progress


def card(status: str, item_status: str) -> WorkCard:
    item = WorkItem("g1", 1, item_status, 40, "", "video", "", "", "")
    return WorkCard(
        "g1", "t", "Video Mixer", "video", status, 40, "", "", "", "", "", True, False, False, "",
        [item],
    )  # fmt: skip


def test_progress_moves_a_running_bar():
    work = card("running", "running")
    assert apply_progress([work], {"generation": "g1", "item": "0", "progress": "70"})
    assert (work.status, work.progress, work.outputs[0].progress) == ("running", 70, 70)


def test_a_late_event_after_a_cancel_changes_nothing():
    """An FFmpeg progress line read just before the cancel arrives after it: the card stays
    cancelled, with its bar where it was (it showed a running bar again)."""
    work = card("cancelled", "cancelled")
    assert apply_progress([work], {"generation": "g1", "item": "0", "progress": "99"})
    assert (work.status, work.progress, work.outputs[0].status) == ("cancelled", 40, "cancelled")
