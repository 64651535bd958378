"""Avatar Generator: variations of an avatar (image to image), with likeness scores."""
