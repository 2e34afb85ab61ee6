"""The plans app: the database schema of planwatch, scoping, the workflow services, import/export."""
