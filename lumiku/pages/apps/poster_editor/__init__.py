"""Poster Editor's pages: the project list, one project's posters, and the poster editor."""

from lumiku.pages.apps.poster_editor import poster, project, project_list  # noqa: F401
