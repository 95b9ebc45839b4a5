"""The spring 年报 round (docs/annual.md): forms out, workbooks back in, status, approval.

``model.py`` reads the form's rows from the annual schema (so a field added to the schema appears
in the forms without code); ``forms.py`` writes the pre-filled workbooks; ``read.py`` reads a returned
workbook and checks every cell; ``marked.py`` writes the copy to send back; ``merge.py`` writes the
figures into ``records/annual/<year>/<org>-<year>.yaml`` round trip; ``status.py`` lists where each
organisation's report stands and moves it on (approve, return).
"""
