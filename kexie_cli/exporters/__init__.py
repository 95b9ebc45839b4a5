"""File exporters (xlsx, ...) shared by every listing command."""
