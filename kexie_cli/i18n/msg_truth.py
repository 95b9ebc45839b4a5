"""Messages of issue 23 (one truth): find by abbreviation, the report's basis and headlines."""

MESSAGES: dict[str, tuple[str, str]] = {
    "find.how.abbreviation": ("简称互换（科协/科学技术协会等）", "abbreviation (科协 = 科学技术协会 ...)"),
}
