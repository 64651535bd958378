"""Background jobs run by RQ workers; one module per app plus housekeeping."""
