// The static template of report.html (a .ts module so it ships in src/ and dist/ alike). The
// report model (RunResults, typed in src/engine/results.ts) is injected as JSON at MODEL_PLACEHOLDER;
// the page renders itself from it with DOM calls (textContent only: no markup from data).

export const MODEL_PLACEHOLDER = '<!--STOREFRONT_CHECK_MODEL-->';

export const HTML_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storefront-check report</title>
<style>
  :root { --pass:#1a7f37; --fail:#cf222e; --warn:#9a6700; --skip:#6e7781; --bg:#fff; --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --code:#f6f8fa; }
  * { box-sizing: border-box; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0; padding: 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
  .muted { color: var(--muted); } .mono, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
  .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; min-width: 110px; }
  .card b { display: block; font-size: 22px; }
  .passed { color: var(--pass); } .failed { color: var(--fail); } .warned { color: var(--warn); } .skipped { color: var(--skip); } .errored { color: #a0a; }
  .verdict { font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
  .verdict.ok { background: #dafbe1; color: var(--pass); } .verdict.bad { background: #ffebe9; color: var(--fail); }
  .setup { border-left: 4px solid var(--fail); background: #ffebe9; padding: 8px 12px; margin: 6px 0; }
  .setup.warning { border-color: var(--warn); background: #fff8c5; }
  .filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; margin: 8px 0 12px; }
  .filters label { cursor: pointer; user-select: none; }
  table { border-collapse: collapse; }
  .matrix { overflow: auto; max-height: 70vh; border: 1px solid var(--line); }
  .matrix th, .matrix td { border: 1px solid var(--line); padding: 2px 6px; text-align: center; white-space: nowrap; }
  .matrix thead th { position: sticky; top: 0; background: #fff; writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 500; font-size: 11px; }
  .matrix tbody th { position: sticky; left: 0; background: #fff; text-align: left; font-weight: 500; }
  .matrix td.none { background: #fafbfc; }
  .matrix td.count { font-variant-numeric: tabular-nums; text-align: right; background: #f6f8fa; }
  .check { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
  .check > summary { cursor: pointer; padding: 6px 10px; list-style: none; display: flex; gap: 10px; align-items: baseline; }
  .check > summary::-webkit-details-marker { display: none; }
  .badge { font-size: 11px; font-weight: 600; text-transform: uppercase; border-radius: 10px; padding: 1px 8px; border: 1px solid currentColor; }
  .body { padding: 4px 12px 12px; border-top: 1px solid var(--line); }
  pre { background: var(--code); padding: 8px; border-radius: 4px; overflow: auto; white-space: pre-wrap; word-break: break-all; max-height: 360px; }
  .curl { position: relative; } .curl button { position: absolute; right: 6px; top: 6px; font-size: 11px; }
  .hidden { display: none !important; }
</style>
</head>
<body>
<header>
  <h1>storefront-check report</h1>
  <div id="target" class="muted"></div>
  <div class="cards" id="cards"></div>
  <div id="verdict"></div>
</header>
<section id="setup-section" class="hidden"><h2>Setup problems</h2><div id="setup"></div></section>
<section id="baseline-section" class="hidden"><h2>Baseline</h2><div id="baseline"></div></section>
<section>
  <h2>Checks</h2>
  <div class="filters">
    <span id="status-filters"></span>
    <label>Family <select id="family-filter"><option value="">all</option></select></label>
    <label><input id="text-filter" type="search" placeholder="filter by id, endpoint, message"></label>
  </div>
  <div id="checks"></div>
</section>
<section>
  <h2>Coverage: clause × endpoint</h2>
  <p class="muted">Per clause: how many checks cite it and how they ended; then each cell is the worst status of the checks citing that clause on that endpoint (✗ failed, ! warned, ✓ passed, – skipped).</p>
  <div class="matrix"><table id="matrix"></table></div>
</section>
${MODEL_PLACEHOLDER}
<script>
(function () {
  var model = JSON.parse(document.getElementById('storefront-check-model').textContent);
  var STATUSES = ['errored', 'failed', 'warned', 'passed', 'skipped'];
  var RANK = { errored: 5, failed: 4, warned: 3, passed: 2, skipped: 1 };
  var SYMBOL = { errored: '⚠', failed: '✗', warned: '!', passed: '✓', skipped: '–' };
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else if (k === 'class') e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  var t = model.target;
  document.title = 'storefront-check: ' + t.baseUrl;
  document.getElementById('target').textContent = t.baseUrl + ' (' + (t.embedded ? 'embedded reference server' : t.env) + ')' +
    (t.faults && t.faults.length ? ' · faults: ' + t.faults.join(', ') : '') + ' · pack ' + model.pack + ' · ' + model.startedAt +
    ' · ' + (model.durationMs / 1000).toFixed(1) + ' s · ' + model.requests + ' requests · ' + model.tool.name + ' ' + model.tool.version;
  var cards = document.getElementById('cards');
  STATUSES.forEach(function (s) { cards.appendChild(el('div', { class: 'card ' + s }, [el('b', { text: String(model.summary[s]) }), s])); });
  var v = el('div', { class: 'verdict ' + (model.exitCode === 0 ? 'ok' : 'bad'),
    text: (model.exitCode === 0 ? 'PASS' : 'FAIL (exit ' + model.exitCode + ')') + (model.verdict ? ': ' + model.verdict : '') + (model.interrupted ? ' · interrupted' : '') + (model.strict ? ' · --strict' : '') });
  document.getElementById('verdict').appendChild(v);

  if (model.setup.length) {
    document.getElementById('setup-section').classList.remove('hidden');
    model.setup.forEach(function (s) { document.getElementById('setup').appendChild(el('div', { class: 'setup ' + s.level, text: s.level + ': ' + s.message })); });
  }
  if (model.baseline) {
    var b = model.baseline;
    document.getElementById('baseline-section').classList.remove('hidden');
    var box = document.getElementById('baseline');
    box.appendChild(el('p', { text: b.file + ': ' + b.known.length + ' known, ' + b.new.length + ' new, ' + b.fixed.length + ' fixed, ' + b.expired.length + ' expired' }));
    [['new', b.new], ['fixed (remove from the baseline)', b.fixed], ['expired (failing again)', b.expired]].forEach(function (p) {
      if (p[1].length) box.appendChild(el('div', {}, [el('b', { text: p[0] + ': ' }), el('span', { class: 'mono', text: p[1].join(', ') })]));
    });
  }

  // filters
  var active = { errored: true, failed: true, warned: true, passed: false, skipped: false };
  if (!model.summary.failed && !model.summary.warned && !model.summary.errored) { active.passed = true; }
  var sf = document.getElementById('status-filters');
  STATUSES.forEach(function (s) {
    var box = el('input', { type: 'checkbox' });
    box.checked = active[s];
    box.addEventListener('change', function () { active[s] = box.checked; apply(); });
    sf.appendChild(el('label', { class: s }, [box, ' ' + s + ' (' + model.summary[s] + ') ']));
  });
  var families = Array.from(new Set(model.checks.map(function (c) { return c.family; }))).sort();
  var ff = document.getElementById('family-filter');
  families.forEach(function (f) { ff.appendChild(el('option', { value: f, text: f })); });
  ff.addEventListener('change', apply);
  var tf = document.getElementById('text-filter');
  tf.addEventListener('input', apply);

  function evidence(ev, i) {
    var parts = [el('h4', { text: 'Evidence ' + (i + 1) + ': ' + ev.request.method + ' ' + ev.request.url })];
    var req = ev.request.method + ' ' + ev.request.url + '\\n' + Object.keys(ev.request.headers).map(function (k) { return k + ': ' + ev.request.headers[k]; }).join('\\n') +
      (ev.request.body !== undefined ? '\\n\\n' + ev.request.body : '');
    parts.push(el('div', { class: 'muted', text: 'request' }), el('pre', { text: req }));
    if (ev.response) {
      var res = 'HTTP ' + ev.response.status + '\\n' + Object.keys(ev.response.headers).map(function (k) { return k + ': ' + ev.response.headers[k]; }).join('\\n') +
        '\\n\\n' + ev.response.body + (ev.response.truncated ? '\\n[truncated]' : '');
      parts.push(el('div', { class: 'muted', text: 'response' }), el('pre', { text: res }));
    }
    if (ev.error) parts.push(el('div', { class: 'failed', text: 'no response: ' + ev.error }));
    if (ev.notes && ev.notes.length) parts.push(el('div', { class: 'muted', text: 'client notes: ' + ev.notes.join('; ') }));
    var copy = el('button', { type: 'button', text: 'copy' });
    copy.addEventListener('click', function () { if (navigator.clipboard) navigator.clipboard.writeText(ev.curl); });
    parts.push(el('div', { class: 'muted', text: 'replay' }), el('div', { class: 'curl' }, [el('pre', { text: ev.curl }), copy]));
    return el('div', {}, parts);
  }
  var list = document.getElementById('checks');
  var order = model.checks.slice().sort(function (a, b) { return RANK[b.status] - RANK[a.status] || a.id.localeCompare(b.id); });
  var rows = order.map(function (c) {
    var tags = (c.intermittent ? ' · intermittent' : '') + (c.baselined ? ' · baseline' : '');
    var summary = el('summary', {}, [el('span', { class: 'badge ' + c.status, text: c.status }), el('b', { class: 'mono', text: c.clause }),
      el('span', { class: 'mono', text: c.endpoint }), el('span', { text: c.title }), el('span', { class: 'muted', text: tags })]);
    var body = el('div', { class: 'body' }, [el('p', { class: 'mono muted', text: c.id }), el('p', { text: c.message })]);
    (c.evidence || []).forEach(function (ev, i) { body.appendChild(evidence(ev, i)); });
    var d = el('details', { class: 'check' }, [summary, body]);
    d.dataset.status = c.status; d.dataset.family = c.family;
    d.dataset.text = (c.id + ' ' + c.endpoint + ' ' + c.message + ' ' + c.title).toLowerCase();
    list.appendChild(d);
    return d;
  });
  function apply() {
    var fam = ff.value, q = tf.value.trim().toLowerCase();
    rows.forEach(function (d) {
      var show = active[d.dataset.status] && (!fam || d.dataset.family === fam) && (!q || d.dataset.text.indexOf(q) >= 0);
      d.classList.toggle('hidden', !show);
    });
  }
  apply();

  // coverage matrix
  var endpoints = Array.from(new Set(model.checks.map(function (c) { return c.endpoint; }))).sort();
  var cell = {};
  model.checks.forEach(function (c) {
    var k = c.clause + ' ' + c.endpoint;
    if (!cell[k] || RANK[c.status] > RANK[cell[k]]) cell[k] = c.status;
  });
  var table = document.getElementById('matrix');
  var COUNTS = ['checks', 'passed', 'failed', 'warned', 'skipped', 'errored'];
  var head = el('tr', {}, [el('th', { text: 'clause' })]
    .concat(COUNTS.map(function (k) { return el('th', { class: 'count', text: k }); }))
    .concat(endpoints.map(function (e) { return el('th', { text: e }); })));
  table.appendChild(el('thead', {}, [head]));
  var tbody = el('tbody');
  model.coverage.forEach(function (row) {
    var tr = el('tr', {}, [el('th', { title: row.summary, text: row.clause + ' ' + row.level })]
      .concat(COUNTS.map(function (k) { return el('td', { class: 'count' + (row[k] && k !== 'checks' && k !== 'passed' ? ' ' + k : ''), text: String(row[k]) }); })));
    endpoints.forEach(function (e) {
      var s = cell[row.clause + ' ' + e];
      tr.appendChild(el('td', { class: s ? s : 'none', title: row.clause + ' × ' + e + (s ? ': ' + s : ''), text: s ? SYMBOL[s] : '' }));
    });
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
})();
</script>
</body>
</html>
`;
