"""Thin API views: a scoped queryset, a serializer, a filterset; changes go through the services."""
