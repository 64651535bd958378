"""Video Mixer: `rules` (pure planning: settings, price, combinations, plans) and `projects`
(projects, groups, clips, presets, estimates and generations, with ownership checks)."""
