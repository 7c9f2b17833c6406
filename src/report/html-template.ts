// The static template of report.html (a .ts module so it ships in src/ and dist/ alike): markup,
// the stylesheet (html-style.ts) and the script (html-script.ts). The report model (RunResults,
// src/results.ts) is injected as JSON at MODEL_PLACEHOLDER; the page renders itself from it.
// Reading order: verdict and counts, setup problems, the findings (problems first), then coverage.

import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';

export const MODEL_PLACEHOLDER = '<!--STOREFRONT_CHECK_MODEL-->';

export const HTML_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storefront-check report</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
  <h1>storefront-check report</h1>
  <div id="target" class="muted"></div>
  <div class="top"><div class="cards" id="cards"></div><div id="verdict"></div><button type="button" id="print-view" title="unfold the problems, hide the controls (printing does the same)">print view</button></div>
</header>
<section id="setup-section" class="hidden"><h2>Setup problems</h2><div id="setup"></div></section>
<section id="baseline-section" class="hidden"><h2>Baseline</h2><div id="baseline"></div></section>
<section id="findings-section">
  <h2>Findings</h2>
  <p id="findings-note" class="muted"></p>
  <div class="filters">
    <span id="status-filters"></span>
    <label>Family <select id="family-filter"><option value="">all</option></select></label>
    <label><input id="text-filter" type="search" placeholder="filter by id, endpoint, message"></label>
  </div>
  <div id="findings"></div>
  <p id="no-match" class="empty hidden">No check matches the filters.</p>
</section>
<section id="coverage-section">
  <h2>Coverage: clause × endpoint</h2>
  <p class="muted legend">Each cell: the worst status of the checks citing that clause on that endpoint; hover for the counts, click to list them.
    "checks" counts the clause's dedicated checks, "schema" its schema conformance results; "judged by": <i>dedicated</i> when a check of the clause's own rule passed, failed or warned; <i>schema only</i> when only schema conformance
    judged it (the body's shape, not the rule: a striped cell marked s); <i>not checked</i> when its checks skipped or errored.
    <span style="background:var(--c-failed)">failed</span><span style="background:var(--c-errored)">errored</span><span style="background:var(--c-warned)">warned</span><span style="background:var(--c-passed)">passed</span><span style="background:var(--c-skipped)">skipped</span></p>
  <table class="matrix" id="matrix"></table>
</section>
${MODEL_PLACEHOLDER}
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
