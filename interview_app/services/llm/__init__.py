"""Any OpenAI-compatible chat-completions server as the installation's model."""
