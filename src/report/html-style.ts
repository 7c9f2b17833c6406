// The stylesheet of report.html (static; html-template.ts puts it in the page). Screen: problems
// first, folded clean clauses, the coverage matrix as coloured cells in the page's own flow (no
// inner scroll box). Print: no controls, problem checks unfolded, clean ones left folded.

export const HTML_STYLE = `
  :root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --skip:#6e7781; --err:#8250df; --bg:#fff; --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --code:#f6f8fa;
    --c-passed:#aceebb; --c-failed:#ff8182; --c-warned:#f5d76e; --c-skipped:#e6e8eb; --c-errored:#d8b9ff; }
  * { box-sizing: border-box; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; padding: 20px 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
  h3 { font-size: 15px; margin: 16px 0 6px; }
  .muted { color: var(--muted); } .mono, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
  .top { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 10px 0; }
  .cards { display: flex; gap: 8px; flex-wrap: wrap; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; min-width: 84px; }
  .card b { display: block; font-size: 18px; }
  .passed { color: var(--pass); } .failed { color: var(--fail); } .warned { color: var(--warn); } .skipped { color: var(--skip); } .errored { color: var(--err); }
  .verdict { font-weight: 600; padding: 6px 12px; border-radius: 6px; display: inline-block; }
  .verdict.ok { background: #dafbe1; color: var(--pass); } .verdict.bad { background: #ffebe9; color: var(--fail); }
  .setup { border-left: 4px solid var(--fail); background: #ffebe9; padding: 6px 12px; margin: 6px 0; }
  .setup.warning { border-color: var(--warn); background: #fff8c5; }
  .filters { display: flex; gap: 14px; flex-wrap: wrap; align-items: center; margin: 6px 0 10px; position: sticky; top: 0; background: var(--bg); padding: 6px 0; z-index: 2; border-bottom: 1px solid var(--line); }
  .filters label { cursor: pointer; user-select: none; }
  .family > h3 { display: flex; gap: 10px; align-items: baseline; }
  details.clause { border: 1px solid var(--line); border-radius: 6px; margin: 4px 0; }
  details.clause > summary { cursor: pointer; padding: 5px 10px; display: flex; gap: 10px; align-items: baseline; }
  details.clause.problem { border-left: 4px solid var(--fail); } details.clause.problem.only-warned { border-left-color: var(--warn); }
  details.clause > .clause-body { padding: 0 10px 8px; }
  .clause-title { flex: 1; }
  .counts span { margin-left: 8px; font-size: 12px; }
  details.check { border: 1px solid var(--line); border-radius: 6px; margin: 4px 0; }
  details.check > summary { cursor: pointer; padding: 4px 10px; display: flex; gap: 10px; align-items: baseline; }
  details.check > summary > .mono { white-space: nowrap; }
  details.clean-clauses { margin: 4px 0; } details.clean-clauses > summary { cursor: pointer; color: var(--pass); padding: 4px 0; }
  details.fold { margin: 6px 0; } details.fold > summary { cursor: pointer; color: var(--muted); }
  .badge { font-size: 11px; font-weight: 600; text-transform: uppercase; border-radius: 10px; padding: 0 8px; border: 1px solid currentColor; }
  .body { padding: 4px 12px 12px; border-top: 1px solid var(--line); }
  pre { background: var(--code); padding: 8px; border-radius: 4px; overflow: auto; white-space: pre-wrap; word-break: break-all; max-height: 360px; margin: 4px 0; }
  .curl { display: flex; gap: 6px; align-items: flex-start; } .curl pre { flex: 1; }
  .curl button { font-size: 11px; margin-top: 6px; }
  .empty { padding: 10px; border: 1px dashed var(--line); border-radius: 6px; }
  table.matrix { border-collapse: collapse; }
  .matrix th, .matrix td { border: 1px solid #fff; padding: 0; text-align: center; }
  .matrix thead th { position: sticky; top: 0; background: var(--bg); vertical-align: bottom; font-weight: 500; font-size: 11px; height: 190px; }
  .matrix thead th > div { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 4px 0; margin: 0 auto; }
  .matrix tbody th { text-align: left; font-weight: 500; padding: 0 8px 0 0; white-space: nowrap; font-size: 12px; }
  .matrix td.cell { width: 20px; min-width: 20px; height: 18px; font-size: 10px; cursor: pointer; }
  .matrix td.none { background: #fafbfc; cursor: default; }
  .matrix td.cell.passed { background: var(--c-passed); } .matrix td.cell.failed { background: var(--c-failed); } .matrix td.cell.warned { background: var(--c-warned); }
  .matrix td.cell.skipped { background: var(--c-skipped); } .matrix td.cell.errored { background: var(--c-errored); }
  .matrix td.cell.schema-only { background: repeating-linear-gradient(135deg, var(--c-passed) 0 3px, #fff 3px 6px); }
  .matrix td.judged { text-align: left; padding: 0 6px; font-size: 11px; white-space: nowrap; color: var(--muted); }
  .judged.schema-only { font-style: italic; color: #9a6700; } .judged.not-checked { color: #8c959f; }
  .matrix td.total { font-variant-numeric: tabular-nums; text-align: right; padding: 0 6px; font-size: 12px; color: var(--muted); }
  .legend span { display: inline-block; padding: 0 8px; margin-right: 6px; border-radius: 3px; font-size: 12px; }
  .hidden { display: none !important; }
  body.print-view .filters, body.print-view .no-print { display: none !important; }
  @media print {
    body { padding: 0; font-size: 12px; }
    .filters, .no-print, button { display: none !important; }
    details.problem-check::details-content, details.clause.problem::details-content { content-visibility: visible; display: block; }
    pre { max-height: none; }
    .matrix thead th { position: static; }
  }
`;
