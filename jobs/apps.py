"""Imports every app's job module, so their item runners are registered in the worker."""

from jobs import video_mixer  # noqa: F401
