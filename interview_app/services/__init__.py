"""Business rules as plain typed functions; nothing here imports reflex."""
