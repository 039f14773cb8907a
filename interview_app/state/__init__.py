"""Reflex states: thin layers that validate input, call a service and map its errors."""
