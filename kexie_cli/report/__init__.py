"""``kexie report``: the statistics section of the 年度工作总结 (md, html, docx)."""
