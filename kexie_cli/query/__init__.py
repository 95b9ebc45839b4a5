"""Queries over the registry: list, show, find, sql, summaries and exports."""
