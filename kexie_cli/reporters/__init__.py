"""Output formats: findings reporters (``check_formats``) and generic table output (``tables``), by name.

Library code hands results here; only the ``table`` format imports rich, and
only when it renders. The package itself imports nothing, so a command loads
only the reporter it writes with (``kexie --help`` needs ``layout`` alone).
"""
