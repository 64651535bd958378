"""Video Mixer: `rules` (pure planning: settings, price, combinations, plans) and `projects`
(projects, groups, clips, presets, estimates and generations, with ownership checks)."""

from lumiku.services.video_mixer import rules  # registers the app's price formula

__all__ = ["rules"]
