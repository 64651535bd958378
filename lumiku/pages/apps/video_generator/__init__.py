"""Video Generator's page: the form, the price, the videos being made and the gallery."""

from lumiku.pages.apps.video_generator import generator  # noqa: F401
