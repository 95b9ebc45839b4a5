"""kexie — a registry toolkit for the secretariat of a 科协, kept as plain YAML files."""

__version__ = "0.1.0"
