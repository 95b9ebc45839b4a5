"""Loading records: strict YAML 1.2 with positions, and the record model."""
