"""Looping Flow: seamless loops of any length from one clip, with layered sound."""
