// The load reports' one stylesheet: load-report.html and compare.html look alike.

export const REPORT_STYLE = String.raw`  :root { --fg: #1d2430; --muted: #5b6676; --line: #dfe3ea; --bg: #f6f7f9; --pass: #1a7f37; --fail: #c62828; --unknown: #7a6300; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 1280px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 17px; margin: 24px 0 10px; }
  section > h2:first-child { margin-top: 0; }
  h3 { font-size: 14px; margin: 0 0 6px; word-break: break-all; }
  section, header { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin-bottom: 16px; }
  .verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; letter-spacing: .04em; margin-right: 8px; }
  .verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.unknown { background: var(--unknown); }
  .reason { color: var(--muted); }
  dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px 18px; margin: 14px 0 0; }
  dl.facts div.wide { grid-column: span 2; }
  dl.facts div { border-left: 3px solid var(--line); padding-left: 8px; }
  dl.facts dt { color: var(--muted); font-size: 12px; } dl.facts dd { margin: 0; font-weight: 600; word-break: break-word; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; background: #fafbfc; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
  tr.fail td { background: #fdecec; } .mark.pass { color: var(--pass); font-weight: 700; } .mark.fail { color: var(--fail); font-weight: 700; }
  .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
  .chart { position: relative; height: 280px; }
  .chart-card { border: 1px solid var(--line); border-radius: 6px; padding: 10px; background: #fff; }
  .notes { color: var(--unknown); margin: 0; padding-left: 18px; }
  .empty { color: var(--muted); font-style: italic; }
  .scroll { max-height: 480px; overflow: auto; }
  footer { color: var(--muted); font-size: 12px; margin: 16px 0; }
  .verdict.regressed { background: var(--fail); } .verdict.improved { background: var(--pass); } .verdict.noise { background: #5b6676; }
  td.regressed { color: var(--fail); font-weight: 700; } td.improved { color: var(--pass); font-weight: 700; } td.over { background: #fdecec; }
`;
