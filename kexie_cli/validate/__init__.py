"""Checking a registry: schema checks, the cross-record index, rules, suppressions."""
