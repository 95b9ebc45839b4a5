"""The style sheet of the HTML report (``kexie report --format html``): self-contained, A4 in print."""

CSS = """
@page { size: A4; margin: 18mm 16mm; }
:root { --ink: #222; --muted: #666; --red: #b8322a; --line: #ddd; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.75;
  font-family: "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Zen Hei",
  "Hiragino Sans GB", sans-serif; font-size: 16px; }
main { max-width: 980px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; color: var(--red); text-align: center; margin: .6em 0 .3em; line-height: 1.4; }
h2 { font-size: 1.2rem; border-left: 4px solid var(--red); padding-left: .5em; margin-top: 1.6em; }
h3 { font-size: 1rem; margin: 1.2em 0 .4em; }
.meta { color: var(--muted); font-size: .9rem; text-align: center; }
ol.headlines { padding-left: 1.6em; }
ol.headlines li { margin: .5em 0; }
.tag { font-weight: bold; }
.fig { color: var(--red); font-weight: bold; }
.chg { color: var(--muted); font-size: .9em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; break-inside: avoid; }
figcaption { font-weight: bold; font-size: .95rem; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; display: block; font-size: 13px; }
svg.chart text { fill: var(--ink); font-family: inherit; }
svg.chart .small { font-size: 11px; }
svg.chart .value { font-weight: bold; }
svg.chart .inside { fill: #fff; }
svg.chart .track { fill: #f1f1f1; }
svg.chart .axis { stroke: #999; stroke-width: 1; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .3em 0; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; white-space: nowrap; }
th { background: #f6f1f0; }
td.num, th.num { text-align: right; }
tfoot td { font-weight: bold; background: #fafafa; }
p.headline { color: var(--muted); font-size: .9rem; margin: .2em 0 1em; }
footer { color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); margin-top: 2em; padding-top: .6em; }
@media (max-width: 600px) {
  body { font-size: 15px; } main { padding: 10px; } h1 { font-size: 1.25rem; }
  svg.chart { font-size: 17px; } svg.chart .small { font-size: 14px; }
}
@media print {
  /* A4 filled: smaller type, charts two abreast, a section may run on to the next page (only a chart,
     a table row and a heading with what follows it are kept together) */
  @page { margin: 14mm 13mm; }
  body { font-size: 10pt; line-height: 1.45; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; margin: 0 0 .2em; }
  h2 { font-size: 12pt; margin-top: .9em; margin-bottom: .4em; }
  h3 { font-size: 10.5pt; margin: .6em 0 .2em; }
  ol.headlines li { margin: .2em 0; }
  .charts { grid-template-columns: 1fr 1fr; gap: 8px; }
  figure { padding: 4px; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; margin: .2em 0; }
  th, td { white-space: normal; padding: 1px 4px; }
  figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  p.headline { margin: .1em 0 .5em; }
  footer { margin-top: 1em; }
}
"""
