"""The REST API: thin DRF viewsets over the plans app's scoped querysets and workflow services."""
