"""One module per screen; each owns its view."""
