"""Editing records in place: round trip, canonical form, atomic writes, edit commands."""
