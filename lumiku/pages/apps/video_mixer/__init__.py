"""Video Mixer's pages: the project list and one project's editor."""

from lumiku.pages.apps.video_mixer import project, project_list  # noqa: F401
