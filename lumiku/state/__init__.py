"""Reflex states. Thin: find the user, validate arguments, call services, hold view data.

Every public method of a State can be called by any client with any arguments, so each one checks
the user itself (`lumiku.state.base.with_user` re-derives the user on every call) and validates
what it is given.
"""
