"""Poster Editor: export formats and packs, resizing and export, text detection on posters."""
