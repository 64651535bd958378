"""Carousel Mix's pages: the project list and one project's editor."""

from lumiku.pages.apps.carousel_mix import project, project_list  # noqa: F401
