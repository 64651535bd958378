"""Business logic in plain Python: no Reflex imports; used by the web process and the workers."""
