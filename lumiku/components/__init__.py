"""Shared UI pieces: page shell, navigation, form fields, cards."""
