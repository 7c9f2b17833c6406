// The script of report.html (static; html-template.ts puts it in the page). It renders the page
// from the injected RunResults with DOM calls only (textContent: no markup from data): problems
// first — failed, errored and warned checks grouped by family and clause, clauses with problems
// open — while passed and skipped checks stay folded per clause; filters by status, family and
// text; the clause × endpoint matrix (a click filters to that cell; each clause says whether
// dedicated checks or schema conformance alone judged it); a copy button per curl line;
// a print view that unfolds the problems and drops the controls.

export const HTML_SCRIPT = `
(function () {
  var model = JSON.parse(document.getElementById('storefront-check-model').textContent);
  var STATUSES = ['errored', 'failed', 'warned', 'passed', 'skipped'];
  var RANK = { errored: 5, failed: 4, warned: 3, passed: 2, skipped: 1 };
  var SYMBOL = { errored: '⚠', failed: '✗', warned: '!', passed: '', skipped: '' };
  var PROBLEM = { errored: true, failed: true, warned: true };
  var NL = '\\n';
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k]; else if (k === 'class') e.className = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function counts(list) { var n = { errored: 0, failed: 0, warned: 0, passed: 0, skipped: 0 }; list.forEach(function (c) { n[c.status]++; }); return n; }
  function worst(list) { return list.reduce(function (w, c) { return RANK[c.status] > RANK[w] ? c.status : w; }, 'skipped'); }
  function countSpans(n) {
    return el('span', { class: 'counts' }, STATUSES.filter(function (s) { return n[s]; }).map(function (s) { return el('span', { class: s, text: n[s] + ' ' + s }); }));
  }

  // ---- header ----
  var t = model.target;
  document.title = 'storefront-check: ' + t.baseUrl;
  $('target').textContent = t.baseUrl + ' (' + (t.embedded ? 'embedded reference server' : t.env) + ')' +
    (t.faults && t.faults.length ? ' · faults: ' + t.faults.join(', ') : '') + ' · pack ' + model.pack + ' · ' + model.startedAt +
    ' · ' + (model.durationMs / 1000).toFixed(1) + ' s · ' + model.requests + ' requests · ' + model.tool.name + ' ' + model.tool.version;
  STATUSES.forEach(function (s) { $('cards').appendChild(el('div', { class: 'card ' + s }, [el('b', { text: String(model.summary[s]) }), s])); });
  $('verdict').appendChild(el('div', { class: 'verdict ' + (model.exitCode === 0 ? 'ok' : 'bad'),
    text: (model.exitCode === 0 ? 'PASS' : 'FAIL (exit ' + model.exitCode + ')') + (model.verdict ? ': ' + model.verdict : '') + (model.interrupted ? ' · interrupted' : '') + (model.strict ? ' · --strict' : '') }));
  if (model.setup.length) {
    $('setup-section').classList.remove('hidden');
    model.setup.forEach(function (s) { $('setup').appendChild(el('div', { class: 'setup ' + s.level, text: s.level + ': ' + s.message })); });
  }
  if (model.baseline) {
    var b = model.baseline;
    $('baseline-section').classList.remove('hidden');
    $('baseline').appendChild(el('p', { text: b.file + ': ' + b.known.length + ' known, ' + b.new.length + ' new, ' + b.fixed.length + ' fixed, ' + b.expired.length + ' expired' }));
    [['new', b.new], ['fixed (remove from the baseline)', b.fixed], ['expired (failing again)', b.expired]].forEach(function (p) {
      if (p[1].length) $('baseline').appendChild(el('div', {}, [el('b', { text: p[0] + ': ' }), el('span', { class: 'mono', text: p[1].join(', ') })]));
    });
  }

  // ---- one check ----
  function copyText(text, button) {
    function done(ok) {
      button.textContent = ok ? 'copied' : 'copy failed'; button.dataset.copied = ok ? 'yes' : 'no';
      setTimeout(function () { button.textContent = 'copy'; }, 1500);
    }
    function fallback() {
      var ta = el('textarea'); ta.value = text; document.body.appendChild(ta); ta.select();
      var ok = false; try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      ta.remove(); done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(function () { done(true); }, fallback); else fallback();
  }
  function evidence(ev, i) {
    var parts = [el('h4', { text: 'Evidence ' + (i + 1) + ': ' + ev.request.method + ' ' + ev.request.url })];
    var req = ev.request.method + ' ' + ev.request.url + NL + Object.keys(ev.request.headers).map(function (k) { return k + ': ' + ev.request.headers[k]; }).join(NL) +
      (ev.request.body !== undefined ? NL + NL + ev.request.body : '');
    parts.push(el('div', { class: 'muted', text: 'request' }), el('pre', { text: req }));
    if (ev.response) {
      var res = 'HTTP ' + ev.response.status + NL + Object.keys(ev.response.headers).map(function (k) { return k + ': ' + ev.response.headers[k]; }).join(NL) +
        NL + NL + ev.response.body + (ev.response.truncated ? NL + '[truncated]' : '');
      parts.push(el('div', { class: 'muted', text: 'response' }), el('pre', { text: res }));
    }
    if (ev.error) parts.push(el('div', { class: 'failed', text: 'no response: ' + ev.error }));
    if (ev.notes && ev.notes.length) parts.push(el('div', { class: 'muted', text: 'client notes: ' + ev.notes.join('; ') }));
    var copy = el('button', { type: 'button', class: 'copy no-print', text: 'copy', title: 'copy this curl line' });
    copy.addEventListener('click', function () { copyText(ev.curl, copy); });
    parts.push(el('div', { class: 'muted', text: 'replay' }), el('div', { class: 'curl' }, [el('pre', { class: 'curl-line', text: ev.curl }), copy]));
    return el('div', {}, parts);
  }
  var shownStack = {};
  function checkEl(c) {
    var tags = (c.intermittent ? ' · intermittent' : '') + (c.baselined ? ' · baseline' : '');
    var summary = el('summary', {}, [el('span', { class: 'badge ' + c.status, text: c.status }), el('span', { class: 'mono', text: c.endpoint }),
      el('span', { text: PROBLEM[c.status] ? c.message : c.title }), el('span', { class: 'muted', text: tags })]);
    var body = el('div', { class: 'body' }, [el('p', { class: 'mono muted', text: c.id }), el('p', { text: c.title + ': ' + c.message })]);
    if (c.stack && !shownStack[c.stack]) { shownStack[c.stack] = true; body.appendChild(el('pre', { text: c.stack })); }
    (c.evidence || []).forEach(function (ev, i) { body.appendChild(evidence(ev, i)); });
    var d = el('details', { class: 'check' + (PROBLEM[c.status] ? ' problem-check' : '') }, [summary, body]);
    d.dataset.status = c.status;
    d.dataset.id = c.id;
    return d;
  }

  // ---- findings: family → clause, problems first, clean checks folded per clause ----
  var info = {};
  model.coverage.forEach(function (c) { info[c.clause] = c; });
  var byFamily = {};
  model.checks.forEach(function (c) { ((byFamily[c.family] = byFamily[c.family] || {})[c.clause] = byFamily[c.family][c.clause] || []).push(c); });
  function all(f) { return Object.keys(byFamily[f]).reduce(function (a, k) { return a.concat(byFamily[f][k]); }, []); }
  var familyNames = Object.keys(byFamily).sort(function (a, b) { return RANK[worst(all(b))] - RANK[worst(all(a))] || a.localeCompare(b); });
  var rows = [], clauses = [], familyEls = [];
  var problems = model.summary.failed + model.summary.errored + model.summary.warned;
  $('findings-note').textContent = problems
    ? problems + ' problem(s) below, grouped by family and clause; clauses whose checks all passed or were skipped are folded.'
    : 'No failure, warning or tool error: every clause below is folded (open one to see its checks).';
  familyNames.forEach(function (f) {
    var list = all(f);
    var section = el('section', { class: 'family' }, [el('h3', {}, [el('span', { text: f }), countSpans(counts(list))])]);
    section.dataset.family = f;
    var cleanClauses = el('details', { class: 'clean-clauses' });
    var cleanCount = 0, cleanChecks = 0;
    Object.keys(byFamily[f]).sort(function (a, b) { return RANK[worst(byFamily[f][b])] - RANK[worst(byFamily[f][a])] || a.localeCompare(b); }).forEach(function (clause) {
      var checks = byFamily[f][clause].slice().sort(function (a, b) { return RANK[b.status] - RANK[a.status] || a.id.localeCompare(b.id); });
      var n = counts(checks), hasProblem = n.failed + n.errored + n.warned > 0;
      var ci = info[clause] || { level: '', summary: '' };
      var d = el('details', { class: 'clause' + (hasProblem ? ' problem' : '') + (hasProblem && !n.failed && !n.errored ? ' only-warned' : '') }, [
        el('summary', {}, [el('b', { class: 'mono', text: clause }), el('span', { class: 'muted', text: ci.level }), el('span', { class: 'clause-title', text: ci.summary }), countSpans(n),
          ci.judged === 'schema only' ? el('span', { class: 'judged schema-only', text: 'schema only', title: judgedTitle(ci) }) : null])]);
      d.dataset.clause = clause;
      if (hasProblem) d.open = true;
      var body = el('div', { class: 'clause-body' });
      var clean = checks.filter(function (c) { return !PROBLEM[c.status]; });
      checks.filter(function (c) { return PROBLEM[c.status]; }).forEach(function (c) { var e = checkEl(c); body.appendChild(e); rows.push({ el: e, c: c, clause: d }); });
      if (clean.length) {
        var fold = el('details', { class: 'fold' }, [el('summary', { text: (n.passed ? n.passed + ' passed' : '') + (n.passed && n.skipped ? ', ' : '') + (n.skipped ? n.skipped + ' skipped' : '') })]);
        clean.forEach(function (c) { var e = checkEl(c); fold.appendChild(e); rows.push({ el: e, c: c, clause: d, fold: fold }); });
        body.appendChild(fold);
      }
      d.appendChild(body);
      // clauses with no problem go behind one fold per family, after the problems
      if (hasProblem) section.appendChild(d); else { cleanClauses.appendChild(d); cleanCount++; cleanChecks += checks.length; }
      clauses.push({ el: d, family: f, group: hasProblem ? null : cleanClauses });
    });
    if (cleanCount) {
      cleanClauses.insertBefore(el('summary', { text: cleanCount + ' clause(s) with no problem (' + cleanChecks + ' checks passed or skipped)' }), cleanClauses.firstChild);
      section.appendChild(cleanClauses);
    }
    $('findings').appendChild(section);
    familyEls.push(section);
  });

  // ---- filters ----
  var active = { errored: true, failed: true, warned: true, passed: true, skipped: true };
  STATUSES.forEach(function (s) {
    var box = el('input', { type: 'checkbox', 'data-status': s });
    box.checked = active[s];
    box.addEventListener('change', function () { active[s] = box.checked; apply(); });
    $('status-filters').appendChild(el('label', { class: s }, [box, ' ' + s + ' (' + model.summary[s] + ') ']));
  });
  familyNames.slice().sort().forEach(function (f) { $('family-filter').appendChild(el('option', { value: f, text: f })); });
  $('family-filter').addEventListener('change', apply);
  $('text-filter').addEventListener('input', apply);
  function apply() {
    var fam = $('family-filter').value, q = $('text-filter').value.trim().toLowerCase(), visible = 0;
    var seen = new Map(), folds = new Map();
    rows.forEach(function (r) {
      var text = (r.c.id + ' ' + r.c.endpoint + ' ' + r.c.message + ' ' + r.c.title).toLowerCase();
      var show = active[r.c.status] && (!fam || r.c.family === fam) && (!q || text.indexOf(q) >= 0);
      r.el.classList.toggle('hidden', !show);
      if (show) { visible++; seen.set(r.clause, true); if (r.fold) folds.set(r.fold, true); }
      else if (r.fold && !folds.has(r.fold)) folds.set(r.fold, false);
    });
    folds.forEach(function (v, f) { f.classList.toggle('hidden', !v); if (v && q) f.open = true; });
    var groups = new Map();
    clauses.forEach(function (c) {
      var show = Boolean(seen.get(c.el));
      c.el.classList.toggle('hidden', !show);
      if (q && show) c.el.open = true;
      if (c.group) groups.set(c.group, groups.get(c.group) || show);
    });
    groups.forEach(function (show, g) { g.classList.toggle('hidden', !show); if (q && show) g.open = true; });
    familyEls.forEach(function (s) { s.classList.toggle('hidden', !s.querySelector('details.clause:not(.hidden)')); });
    $('no-match').classList.toggle('hidden', visible > 0);
  }
  apply();

  // ---- coverage matrix: clause rows × endpoint columns, the worst status coloured, counts on hover ----
  function total(n, fallback) { return n ? STATUSES.reduce(function (a, s) { return a + (n[s] || 0); }, 0) : fallback; }
  function judgedTitle(row) {
    var d = row.dedicated || row, sc = row.schema || {};
    function list(n) { return STATUSES.filter(function (s) { return n[s]; }).map(function (s) { return n[s] + ' ' + s; }).join(', ') || 'none'; }
    return 'dedicated checks: ' + list(d) + ' · schema conformance: ' + list(sc);
  }
  var endpoints = Array.from(new Set(model.checks.map(function (c) { return c.endpoint; }))).sort();
  var cell = {};
  model.checks.forEach(function (c) { var k = c.clause + ' ' + c.endpoint; (cell[k] = cell[k] || []).push(c); });
  var table = $('matrix');
  table.appendChild(el('thead', {}, [el('tr', {}, [el('th', {}, [el('div', { text: 'clause' })]), el('th', { title: 'dedicated checks of the clause' }, [el('div', { text: 'checks' })]), el('th', { title: 'schema conformance results filed under the clause' }, [el('div', { text: 'schema' })]), el('th', {}, [el('div', { text: 'judged by' })])]
    .concat(endpoints.map(function (e) { return el('th', { title: e }, [el('div', { text: e })]); })))]));
  var tbody = el('tbody');
  model.coverage.forEach(function (row) {
    var judged = row.judged || 'dedicated';
    var tr = el('tr', {}, [el('th', { title: row.summary, class: row.failed || row.errored ? 'failed' : row.warned ? 'warned' : '', text: row.clause + ' ' + row.level }), el('td', { class: 'total', text: String(total(row.dedicated, row.checks)), title: judgedTitle(row) }),
      el('td', { class: 'total', text: String(total(row.schema, 0)), title: judgedTitle(row) }),
      el('td', { class: 'judged ' + judged.replace(' ', '-'), text: judged, title: judgedTitle(row) })]);
    tr.dataset.judged = judged;
    endpoints.forEach(function (e) {
      var list = cell[row.clause + ' ' + e];
      if (!list) { tr.appendChild(el('td', { class: 'none' })); return; }
      var n = counts(list), w = worst(list);
      // passes of schema conformance alone do not show the clause's rule was checked on this endpoint
      var schemaOnly = w === 'passed' && !list.some(function (c) { return !c.schema && c.status === 'passed'; });
      var tip = row.clause + ' × ' + e + ': ' + STATUSES.filter(function (s) { return n[s]; }).map(function (s) { return n[s] + ' ' + s; }).join(', ') + (schemaOnly ? ' (schema conformance only)' : '');
      var td = el('td', { class: 'cell ' + w + (schemaOnly ? ' schema-only' : ''), text: schemaOnly ? 's' : SYMBOL[w], title: tip });
      td.dataset.status = w;
      td.addEventListener('click', function () { $('text-filter').value = row.clause + ':' + e + ':'; $('family-filter').value = ''; apply(); $('findings-section').scrollIntoView(); });
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);

  // ---- print view: the problems unfolded, no controls ----
  function printView(on) {
    document.body.classList.toggle('print-view', on);
    if (on) document.querySelectorAll('details.clause.problem, details.problem-check').forEach(function (d) { d.open = true; });
  }
  $('print-view').addEventListener('click', function () { printView(!document.body.classList.contains('print-view')); });
  window.addEventListener('beforeprint', function () { printView(true); });
})();
`;
