"""Pose Generator's pages: the avatar picker and one avatar's page."""

from lumiku.pages.apps.pose_generator import avatar, picker  # noqa: F401
