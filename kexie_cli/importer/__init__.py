"""``kexie import``: 台账 spreadsheets (xlsx, csv) into canonical records."""
