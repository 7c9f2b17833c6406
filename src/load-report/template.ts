// The static template of load-report.html. render.ts fills its two placeholders: the chart.js UMD
// bundle and the LoadReportModel as JSON; the small script at the end builds the page from the
// model with DOM calls (textContent only, so route names and URLs from the run cannot inject HTML).
// It lives in a .ts module, not a .html file, so it is found the same way from src/ and dist/.
// The page script avoids backticks and dollar-brace, which this template literal would interpret.

import { REPORT_STYLE } from './style.js';

export const CHART_JS_PLACEHOLDER = '/*@@CHART_JS@@*/';
export const MODEL_PLACEHOLDER = '"@@LOAD_REPORT_MODEL@@"';

/**
 * The DOM and number helpers both page scripts use: el() builds elements with textContent only
 * (run data cannot inject HTML), fmt() a number for people ('–' for none).
 */
const PAGE_HELPERS = String.raw`  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function fmt(n, digits) {
    if (n === null || n === undefined || Number.isNaN(n)) return '–';
    return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
`;

/**
 * The page both load reports share: the report style, the chart.js bundle, their data as JSON under
 * `dataId`, and `script` — the body of the page's strict IIFE, after PAGE_HELPERS — which builds the
 * page from it.
 */
export function reportPage(title: string, dataId: string, dataPlaceholder: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${REPORT_STYLE}</style>
<script>${CHART_JS_PLACEHOLDER}</script>
</head>
<body>
<main id="app"><noscript>This report needs JavaScript to draw its tables and charts.</noscript></main>
<script id="${dataId}" type="application/json">${dataPlaceholder}</script>
<script>
(function () {
  'use strict';
${PAGE_HELPERS}${script}})();
</script>
</body>
</html>
`;
}

export const LOAD_REPORT_TEMPLATE = reportPage('Load report', 'load-report-model', MODEL_PLACEHOLDER, String.raw`  var model = JSON.parse(document.getElementById('load-report-model').textContent);
  var app = document.getElementById('app');
  var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
  window.loadReportCharts = [];
  document.title = model.title;

  function pct(r) { return r === null || r === undefined ? '–' : fmt(r * 100, 2) + ' %'; }
  function ms(n) { return n === null || n === undefined ? '–' : fmt(n, 2) + ' ms'; }
  function clock(sec) {
    var s = Math.round(sec), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = (h > 0 && m < 10 ? '0' : '') + m, ss = (r < 10 ? '0' : '') + r;
    return (h > 0 ? h + ':' : '') + mm + ':' + ss;
  }
  function section(title, id, children) {
    return el('section', id ? { id: id } : null, [el('h2', { text: title })].concat(children));
  }
  function table(id, headers, rows) {
    var head = el('tr', null, headers.map(function (h) { return el('th', { text: h.label, class: h.num ? 'num' : '' }); }));
    var body = rows.map(function (r) {
      return el('tr', r.attrs || null, r.cells.map(function (c, i) {
        var cls = (headers[i].num ? 'num ' : '') + (headers[i].mono ? 'mono ' : '') + (c && c.cls ? c.cls : '');
        return el('td', { class: cls.trim() }, [c && c.node ? c.node : String(c && c.text !== undefined ? c.text : c)]);
      }));
    });
    return el('table', id ? { id: id } : null, [el('thead', null, [head]), el('tbody', null, body)]);
  }
  function chart(canvasId, title, datasets, yTitle, options) {
    var canvas = el('canvas', { id: canvasId, role: 'img', 'aria-label': title });
    var card = el('div', { class: 'chart-card' }, [el('h3', { text: title }), el('div', { class: 'chart' }, [canvas])]);
    var few = model.timeline.t.length <= 60;
    var scales = {
      x: { type: 'linear', min: 0, title: { display: true, text: 'time since start (bucket: ' + model.run.bucketSec + ' s)' },
           ticks: { callback: function (v) { return clock(v); }, maxTicksLimit: 12 } },
      y: { beginAtZero: true, title: { display: true, text: yTitle } }
    };
    if (options && options.y2) scales.y2 = { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: options.y2 } };
    if (options && options.yMax !== undefined) scales.y.suggestedMax = options.yMax;
    pending.push(function () {
      var c = new Chart(canvas, {
        type: 'line',
        data: { datasets: datasets.map(function (d, i) {
          return Object.assign({ borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
            borderWidth: 1.6, pointRadius: few ? 2 : 0, spanGaps: true, tension: 0 }, d,
            { data: d.points || model.timeline.t.map(function (t, j) { return { x: t, y: d.values[j] === undefined ? null : d.values[j] }; }) });
        }) },
        options: { animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } },
            tooltip: { callbacks: { title: function (items) { return items.length ? clock(items[0].parsed.x) : ''; } } } },
          scales: scales }
      });
      window.loadReportCharts.push(c);
    });
    return card;
  }
  function percentSeries(values) { return values.map(function (v) { return v === null ? null : v * 100; }); }
  var pending = [];

  // Header: what ran, against what, and the verdict.
  var t = model.totals;
  var facts = [
    ['Target', model.target || '–', 'wide'], ['Profile', model.profile ? model.profile.name : '–'],
    ['Started', model.run.start ? model.run.start.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '–'],
    ['Duration', clock(model.run.durationSec) + ' (' + fmt(model.run.durationSec, 1) + ' s)'],
    ['Requests', fmt(t.requests, 0) + ' (' + fmt(t.rps, 1) + ' /s)'], ['Failed requests', fmt(t.failed, 0) + ' (' + pct(t.errorRate) + ')'],
    ['429 responses', fmt(t.limited, 0) + ' (' + pct(t.limitedRate) + ')'], ['Latency p95 / p99 (' + (t.latencySource === 'k6' ? 'k6' : 'HDR') + ')', ms(t.latency.p95) + ' / ' + ms(t.latency.p99)],
    ['Iterations', fmt(t.iterations, 0)], ['Dropped iterations', fmt(t.droppedIterations, 0)],
    ['Max VUs', fmt(t.maxVus, 0)], ['Checks passed', pct(t.checksRate)]
  ];
  app.appendChild(el('header', null, [
    el('h1', { text: model.title }),
    el('div', null, [el('span', { class: 'verdict ' + model.verdict, id: 'verdict', text: model.verdict.toUpperCase() }),
      el('span', { class: 'reason', text: model.verdictReason })]),
    model.profile ? el('div', { class: 'reason', text: 'Profile shape: ' + model.profile.description }) : null,
    el('dl', { class: 'facts' }, facts.map(function (f) { return el('div', f[2] ? { class: f[2] } : null, [el('dt', { text: f[0] }), el('dd', { text: f[1] })]); }))
  ]));
  if (model.notes.length) app.appendChild(section('Notes', 'notes', [el('ul', { class: 'notes' }, model.notes.map(function (n) { return el('li', { text: n }); }))]));
  var bp = model.breakpoint;
  if (bp) {
    var c = bp.firstCrossing;
    var bpText = c ? 'The service broke at ' + fmt(c.targetRate, 2) + ' journeys/s offered (' + fmt(c.achievedRate, 2) + '/s completing), ' + clock(c.timeSec) +
      ' into the run: ' + c.metric + ' ' + c.expression + ' crossed (' + fmt(c.observed, 3) + ', evaluated over everything measured so far, as k6 does).' :
      'No service threshold crossed: the service held up to the end of the ramp.';
    var endText = (bp.aborted ? 'k6 aborted the run at ' : 'The run ended at ') + clock(bp.endSec) + (bp.endTarget !== null ? ' (target ' + fmt(bp.endTarget, 2) + ' journeys/s).' : '.');
    app.appendChild(section('Breakpoint', 'breakpoint', [el('p', { id: 'breaking-rate', text: bpText }), el('p', { class: 'reason', text: endText })]));
  }

  // Thresholds: k6's own verdict, one row per expression; no samples is a failure of the plan.
  var RESULT = { pass: '✓ pass', fail: '✗ fail', 'no-samples': '✗ no samples' };
  app.appendChild(section('Thresholds', null, [model.thresholds.length ? table('thresholds',
    [{ label: 'Metric' }, { label: 'Threshold' }, { label: 'Observed', num: true }, { label: 'Samples', num: true }, { label: 'Result' }, { label: 'Why' }],
    model.thresholds.map(function (r) {
      var ok = r.status === 'pass';
      return { attrs: { class: ok ? 'pass' : 'fail', 'data-ok': String(r.ok), 'data-status': r.status }, cells: [
        { text: r.metric, cls: 'mono' }, { text: r.expression, cls: 'mono' },
        fmt(r.observed, 4) + (r.observedSource === 'hdr' ? ' (HDR)' : ''), r.samples === null ? '–' : fmt(r.samples, 0),
        { node: el('span', { class: 'mark ' + (ok ? 'pass' : 'fail'), text: RESULT[r.status] }) }, r.reason || ''] };
    })) : el('p', { class: 'empty', id: 'thresholds', text: 'No thresholds (no k6 summary given, or the run defined none).' }),
    el('p', { class: 'reason', text: 'Observed values are k6\'s own (its summary, the values its thresholds judged); (HDR) marks one k6 did not list, read from this report\'s HdrHistogram.' })]));

  // Run-wide charts.
  var tl = model.timeline, unit = model.profile ? model.profile.unit : 'iterations/s';
  var shape = [];
  if (tl.target) shape.push({ label: 'target (' + unit + ')', values: tl.target, borderDash: [6, 4], borderWidth: 2 });
  shape.push({ label: 'achieved: ' + tl.achievedLabel, values: tl.achieved });
  shape.push({ label: 'HTTP requests/s', values: tl.rps });
  if (tl.droppedPerSec.some(function (v) { return v > 0; })) shape.push({ label: 'dropped iterations/s', values: tl.droppedPerSec });
  shape.push({ label: 'VUs', values: tl.vus, yAxisID: 'y2', borderDash: [2, 2] });
  if (bp && bp.firstCrossing) {
    var top = Math.max.apply(null, [1].concat(tl.rps, tl.target || []).filter(function (v) { return v !== null; }));
    shape.push({ label: 'breaking rate: ' + fmt(bp.firstCrossing.targetRate, 2) + '/s at ' + clock(bp.firstCrossing.timeSec), borderColor: '#c62828', backgroundColor: '#c62828',
      borderWidth: 2.5, pointRadius: 0, points: [{ x: bp.firstCrossing.timeSec, y: 0 }, { x: bp.firstCrossing.timeSec, y: top }] });
  }
  var routeColors = {};
  model.routes.forEach(function (r, i) { routeColors[r.name] = PALETTE[(i + 1) % PALETTE.length]; });
  function perRoute(field, scale) {
    return model.routes.map(function (r) {
      return { label: r.name, values: scale ? percentSeries(r.series[field]) : r.series[field], borderColor: routeColors[r.name], backgroundColor: routeColors[r.name] };
    });
  }
  var allColor = { borderColor: '#111827', backgroundColor: '#111827', borderWidth: 2.2 };
  app.appendChild(section('Load over time', null, [el('div', { class: 'charts' }, [
    chart('chart-profile', 'Profile shape: target vs achieved', shape, unit + ' · requests/s', { y2: 'VUs' }),
    chart('chart-throughput', 'Throughput by route (requests/s)', [Object.assign({ label: 'all routes', values: tl.rps }, allColor)].concat(perRoute('rps')), 'requests/s'),
    chart('chart-errors', 'Error rate (http_req_failed, %)', [Object.assign({ label: 'all routes', values: percentSeries(tl.errorRate) }, allColor)].concat(perRoute('errorRate', true)), '%'),
    chart('chart-429', '429 (rate limited) share of responses, %', [Object.assign({ label: 'all routes', values: percentSeries(tl.limitedRate) }, allColor)].concat(perRoute('limitedRate', true)), '%')
  ])]));

  // Routes: one summary row and one latency chart each.
  app.appendChild(section('Routes', null, [table('routes',
    [{ label: 'Route' }, { label: 'Requests', num: true }, { label: 'req/s', num: true }, { label: 'p50', num: true }, { label: 'p90', num: true },
     { label: 'p95', num: true }, { label: 'p99', num: true }, { label: 'max', num: true }, { label: 'Percentiles' }, { label: 'Errors', num: true }, { label: '429', num: true }, { label: 'Statuses' }],
    model.routes.map(function (r) {
      var l = r.latency;
      return { attrs: { 'data-route': r.name, 'data-source': r.latencySource }, cells: [{ text: r.name, cls: 'mono' }, fmt(r.requests, 0), fmt(r.rps, 2), ms(l.p50), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.max),
        r.latencySource === 'k6' ? 'k6' : 'HDR',
        fmt(r.failed, 0) + ' (' + pct(r.errorRate) + ')', fmt(r.limited, 0) + ' (' + pct(r.limitedRate) + ')',
        Object.keys(r.statuses).map(function (s) { return s + ': ' + r.statuses[s]; }).join(', ')] };
    })),
    el('p', { class: 'reason', text: 'Percentiles marked k6 are k6\'s own (linear interpolation over every sample, the same numbers the Thresholds table judged); HDR marks routes k6 computed none for (no threshold): HdrHistogram, 3 significant digits, nearest rank. Charts over time use 1 % log buckets.' }),
    el('h2', { text: 'Latency over time by route (http_req_duration)' }),
    el('div', { class: 'charts' }, model.routes.map(function (r, i) {
      return chart('chart-latency-' + i, r.name, [
        { label: 'p50', values: r.series.p50, borderColor: PALETTE[2], backgroundColor: PALETTE[2] },
        { label: 'p95', values: r.series.p95, borderColor: PALETTE[4], backgroundColor: PALETTE[4] },
        { label: 'p99', values: r.series.p99, borderColor: PALETTE[1], backgroundColor: PALETTE[1] }], 'ms');
    }))]));

  // Failed requests, to look up by Correlation-Id in the server's logs.
  var fs = model.failedSamples;
  var fsIntro = fs.total === 0 ? 'No failed requests.' :
    'Showing ' + fs.samples.length + ' of ' + fmt(fs.total, 0) + ' failed requests (the first ones, then a random sample; source: ' + fs.source + ').';
  app.appendChild(section('Failed requests', null, [el('p', { class: fs.total ? 'reason' : 'empty', text: fsIntro }),
    fs.samples.length ? el('div', { class: 'scroll' }, [table('failed-samples',
      [{ label: 'Time (UTC)' }, { label: 'Route' }, { label: 'Status', num: true }, { label: 'Correlation-Id', mono: true }, { label: 'Scenario' }, { label: 'Expected' }, { label: 'Error code' }, { label: 'URL', mono: true }],
      fs.samples.map(function (s) {
        return { cells: [s.time.replace('T', ' ').replace('Z', ''), { text: s.route, cls: 'mono' }, s.status, s.correlationId || '–', s.scenario || '–',
          s.expected === null ? '–' : (s.expected ? 'yes' : 'no'), s.errorCode || '–', s.url || '–'] };
      }))]) : null]));

  // Answers the scripts expected although not 2xx: shown apart, they are no failures.
  if (model.expectedAnswers.length) app.appendChild(section('Expected non-2xx answers (not failures)', null, [table('expected-answers',
    [{ label: 'Route' }, { label: 'Status', num: true }, { label: 'Count', num: true }],
    model.expectedAnswers.map(function (a) { return { cells: [{ text: a.route, cls: 'mono' }, a.status, fmt(a.count, 0)] }; })),
    el('p', { class: 'reason', text: 'Deliberate ones (an invalid discount code answered 422 as documented) and handled ones (a 429, waited out and retried).' })]));

  // Journeys: each scenario's iterations and duration (think time included), and where they stopped early.
  if (model.journeys.length) app.appendChild(section('Journeys', null, [table('journeys',
    [{ label: 'Journey' }, { label: 'Iterations', num: true }, { label: 'per s', num: true }, { label: 'Dropped', num: true }, { label: 'p50', num: true }, { label: 'p95', num: true }, { label: 'p99', num: true }],
    model.journeys.map(function (j) { var l = j.latency; return { cells: [j.name, fmt(j.iterations, 0), fmt(j.rate, 2), fmt(j.dropped, 0), ms(l.p50), ms(l.p95), ms(l.p99)] }; })),
    model.stops.length ? table('stops', [{ label: 'Journey stopped early' }, { label: 'At step' }, { label: 'Why' }, { label: 'Count', num: true }],
      model.stops.map(function (x) { return { cells: [x.journey, x.step, { text: x.why, cls: 'mono' }, fmt(x.count, 0)] }; })) : null,
    el('p', { class: 'reason', text: 'Iteration durations (HDR) include think time. Each journey\'s VUs are pre-allocated in full from its rate and expected duration, so a dropped iteration means every VU was busy: journeys ran longer than the service levels allow.' })]));

  // Checks and the script's own metrics.
  if (model.checks.length) app.appendChild(section('Checks', null, [table('checks',
    [{ label: 'Check' }, { label: 'Passed', num: true }, { label: 'Failed', num: true }, { label: 'Pass rate', num: true }],
    model.checks.map(function (c) {
      return { attrs: c.fails ? { class: 'fail' } : null, cells: [c.name, fmt(c.passes, 0), fmt(c.fails, 0), pct(c.passes / Math.max(1, c.passes + c.fails))] };
    }))]));
  if (model.customMetrics.length) {
    var counters = tl.counters.map(function (c) { return { label: c.name, values: c.perSec }; });
    app.appendChild(section('Custom metrics', null, [table('custom-metrics',
      [{ label: 'Metric' }, { label: 'Type' }, { label: 'Count', num: true }, { label: 'Rate', num: true }, { label: 'p50', num: true }, { label: 'p95', num: true }, { label: 'p99', num: true }, { label: 'Last', num: true }],
      model.customMetrics.map(function (m) {
        var l = m.latency || {};
        return { cells: [{ text: m.name, cls: 'mono' }, m.type, fmt(m.count, 2), m.type === 'rate' ? pct(m.rate) : (m.rate === null ? '–' : fmt(m.rate, 2) + ' /s'),
          fmt(l.p50), fmt(l.p95), fmt(l.p99), fmt(m.last)] };
      })),
      counters.length ? el('div', { class: 'charts', style: 'margin-top:14px' }, [chart('chart-counters', 'Custom counters per second', counters, 'per second')]) : null]));
  }
  app.appendChild(el('footer', { text: 'Generated ' + model.generatedAt + ' from ' + fmt(model.run.points, 0) + ' k6 samples (' +
    fmt(model.run.parsedPoints, 0) + ' aggregated) in ' + model.run.buckets + ' buckets of ' + model.run.bucketSec + ' s. storefront-check load report v' + model.version + '.' }));

  if (typeof Chart === 'undefined') {
    app.insertBefore(el('p', { class: 'empty', text: 'Charts unavailable: the chart library failed to load.' }), app.firstChild);
  } else {
    pending.forEach(function (draw) { draw(); });
  }
`);
