"""Reviewing registry changes from Git: semantic diff between revisions, history of one record."""
