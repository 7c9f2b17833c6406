// The static template of compare.html: the load report's style, the chart.js bundle and the
// LoadComparison as JSON; the page script builds the tables and one overlaid p95 chart per route
// (baseline vs candidate over time) with DOM calls only (textContent: run data cannot inject HTML).
// Like template.ts, the page script avoids backticks and dollar-brace.

import { reportPage } from './template.js';

export const COMPARISON_PLACEHOLDER = '"@@LOAD_COMPARISON@@"';

export const COMPARE_TEMPLATE = reportPage('Load comparison', 'load-comparison', COMPARISON_PLACEHOLDER, String.raw`  var cmp = JSON.parse(document.getElementById('load-comparison').textContent);
  var app = document.getElementById('app');
  window.loadReportCharts = [];
  var UNITS = { p50: ' ms', p95: ' ms', p99: ' ms', throughput: ' /s' };
  function val(m, v) {
    if (v === null || v === undefined) return '–';
    if (m === 'errorRate' || m === 'limitedRate') return fmt(v * 100, 2) + ' %';
    return fmt(v, 2) + UNITS[m];
  }
  function delta(c) {
    if (c.delta === null) return '–';
    var sign = c.delta > 0 ? '+' : '';
    var abs = (c.metric === 'errorRate' || c.metric === 'limitedRate') ? sign + fmt(c.delta * 100, 2) + ' pts' : sign + fmt(c.delta, 2) + UNITS[c.metric];
    return abs + (c.relative === null ? '' : ' (' + sign + fmt(c.relative * 100, 1) + ' %)');
  }
  function verdictClass(v) { return v === 'regressed' ? 'regressed' : v === 'improved' ? 'improved' : ''; }
  function run(label, r) {
    return el('div', null, [el('dt', { text: label }), el('dd', { text: r.dir + ' — ' + (r.profile || '?') + ', ' + (r.start || '?') + ', ' + fmt(r.durationSec, 0) + ' s, ' + r.verdict })]);
  }
  var s = cmp.summary;
  var headline = cmp.overBudget ? 'OVER BUDGET' : s.regressed.length ? 'REGRESSED' : s.improved.length ? 'IMPROVED' : 'WITHIN NOISE';
  app.appendChild(el('header', null, [
    el('h1', { text: 'Load comparison: baseline vs candidate' }),
    el('div', null, [el('span', { id: 'verdict', class: 'verdict ' + (cmp.overBudget || s.regressed.length ? 'fail' : 'pass'), text: headline }),
      el('span', { class: 'reason', text: (s.regressed.length ? 'Regressed: ' + s.regressed.join(', ') + '. ' : '') + (s.improved.length ? 'Improved: ' + s.improved.join(', ') + '. ' : '') + s.withinNoise + ' within noise.' })]),
    el('dl', { class: 'facts' }, [run('Baseline', cmp.baseline), run('Candidate', cmp.candidate), el('div', null, [el('dt', { text: 'Budget' }), el('dd', { text: cmp.budget || 'none' })])]),
    el('p', { class: 'reason', text: cmp.method })
  ]));
  if (cmp.notes.length) app.appendChild(el('section', null, [el('h2', { text: 'Notes' }), el('ul', { class: 'notes' }, cmp.notes.map(function (n) { return el('li', { text: n }); }))]));

  function entityTable(id, title, list) {
    var head = el('tr', null, ['Name', 'Verdict', 'Metric', 'Baseline', 'Candidate', 'Change', 'Judged by', 'Budget'].map(function (h) { return el('th', { text: h }); }));
    var rows = [];
    list.forEach(function (e) {
      e.metrics.forEach(function (m, i) {
        var over = m.budget && m.budget.exceeded;
        rows.push(el('tr', { 'data-entity': e.name, 'data-metric': m.metric, 'data-verdict': m.verdict, class: over ? 'fail' : '' }, [
          i === 0 ? el('td', { class: 'mono', rowspan: String(e.metrics.length), text: e.name + ' (' + fmt(e.requests.baseline, 0) + ' → ' + fmt(e.requests.candidate, 0) + ')' }) : null,
          i === 0 ? el('td', { class: verdictClass(e.verdict), rowspan: String(e.metrics.length), 'data-entity-verdict': e.verdict, text: e.verdict + (e.overBudget.length ? ' — over budget' : '') }) : null,
          el('td', { text: m.metric }), el('td', { class: 'num', text: val(m.metric, m.baseline) }), el('td', { class: 'num', text: val(m.metric, m.candidate) }),
          el('td', { class: 'num ' + verdictClass(m.verdict), text: delta(m) + (m.verdict === 'within noise' || m.verdict === 'no data' ? '' : ' ' + m.verdict) }),
          el('td', { class: 'reason', text: m.basis }), el('td', { class: over ? 'over' : '', text: m.budget ? m.budget.allowed + (over ? ' ✗ exceeded' : ' ✓') : '–' })
        ].filter(Boolean)));
      });
    });
    return el('section', null, [el('h2', { text: title }), el('div', { class: 'scroll' }, [el('table', { id: id }, [el('thead', null, [head]), el('tbody', null, rows)])])]);
  }
  app.appendChild(entityTable('routes', 'Routes', cmp.routes));
  app.appendChild(entityTable('journeys', 'Journeys (iteration duration, think time included)', cmp.journeys));

  var charts = [], pending = [];
  cmp.routes.forEach(function (e, i) {
    if (!e.series.baseline && !e.series.candidate) return;
    var canvas = el('canvas', { id: 'chart-p95-' + i, role: 'img', 'aria-label': e.name });
    charts.push(el('div', { class: 'chart-card' }, [el('h3', { text: e.name + ' — p95 over time (' + e.verdict + ')' }), el('div', { class: 'chart' }, [canvas])]));
    var sets = [];
    [['baseline', '#2563eb', [6, 4]], ['candidate', '#dc2626', []]].forEach(function (x) {
      var sr = e.series[x[0]];
      if (!sr) return;
      sets.push({ label: x[0], borderColor: x[1], backgroundColor: x[1], borderDash: x[2], borderWidth: 1.8, pointRadius: 0, spanGaps: true, tension: 0,
        data: sr.t.map(function (t, j) { return { x: t, y: sr.p95[j] }; }) });
    });
    pending.push(function () {
      window.loadReportCharts.push(new Chart(canvas, { type: 'line', data: { datasets: sets }, options: { animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
        interaction: { mode: 'nearest', intersect: false }, plugins: { legend: { position: 'bottom' } },
        scales: { x: { type: 'linear', min: 0, title: { display: true, text: 'seconds since each run started' } }, y: { beginAtZero: true, title: { display: true, text: 'p95 ms' } } } } }));
    });
  });
  app.appendChild(el('section', null, [el('h2', { text: 'Latency over time, overlaid (p95 per time bucket)' }), el('div', { class: 'charts' }, charts)]));
  app.appendChild(el('footer', { text: 'Generated ' + cmp.generatedAt + '. storefront-check load comparison v' + cmp.version + '.' }));
  if (typeof Chart === 'undefined') app.insertBefore(el('p', { class: 'empty', text: 'Charts unavailable: the chart library failed to load.' }), app.firstChild);
  else pending.forEach(function (draw) { draw(); });
`);
