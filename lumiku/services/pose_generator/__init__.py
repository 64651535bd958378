"""Pose Generator: a library of OpenPose templates, their skeleton images and poses from photos."""
