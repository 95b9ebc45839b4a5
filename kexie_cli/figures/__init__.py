"""One function per figure (docs/figures.md): what every command counts, defined once.

``books``: whether a record is counted on a day (在册, founded by then); ``terms``: the
term a record elects and its state (a 党的工作小组 has none); ``inspections``: a society's
年检 standing for a report year, the 解除资格 candidacy (K402), 合格率 and 报送率. Shares and
percentages are :mod:`kexie_cli.share`. The functions take records (and the day), never
load anything, so they serve every way of loading.
"""
