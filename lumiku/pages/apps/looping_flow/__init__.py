"""Looping Flow's pages: the project list and one project's editor."""

from lumiku.pages.apps.looping_flow import project, project_list  # noqa: F401
