"""Avatar Creator: AI portraits with a persona, reused across the apps."""
