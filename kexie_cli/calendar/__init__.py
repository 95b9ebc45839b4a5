"""The secretariat's calendar: 换届 due dates, 年检, Party coverage, reminder letters."""
