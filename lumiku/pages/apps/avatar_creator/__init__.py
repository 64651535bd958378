"""Avatar Creator's pages: the project list and one project's avatars."""

from lumiku.pages.apps.avatar_creator import project, project_list  # noqa: F401
