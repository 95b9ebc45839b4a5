"""The registry on disk: its root, settings, record files and schemas."""
