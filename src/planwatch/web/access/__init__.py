"""Who gets in, and for how long: login throttling and lockout, hashed expiring API tokens, session timeouts."""
