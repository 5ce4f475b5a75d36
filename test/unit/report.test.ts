// report.html and the static SVG image, as files a person opens: what they contain and that
// nothing in them reaches outside the file.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ChecklistStep } from '../../src/protocol/findings';
import { buildReportHtml } from '../../src/report/reportHtml';
import { linearTicks, logTicks } from '../../src/report/ticks';
import { renderRunSvg, writeReport } from '../../src/report/writeReport';
import { historyToCsv } from '../../src/runs/export';
import { makeRun, overfittingFinding } from '../webview/runFixtures';

const steps: ChecklistStep[] = [
  { id: 'define-problem', number: 1, title: 'Define the problem', why: 'Know what you predict.', status: 'manual-done', derived: false },
  { id: 'evaluation-protocol', number: 3, title: 'Decide on an evaluation protocol', why: 'Measure on data the model did not see.', status: 'done', derived: true, evidence: 'run-1 used validationSplit 0.2' },
  { id: 'regularize-tune', number: 7, title: 'Regularize and tune', why: 'Close the gap.', status: 'todo', derived: true },
];

function data() {
  const baseline = makeRun({ id: 'run-1', label: 'baseline <b>16-16</b>', epochs: 12 });
  const l2 = makeRun({ id: 'run-2', label: '16-16 · L2 0.001', epochs: 12, turn: 10 });
  return { title: 'regularization.tfnb', runs: [baseline, l2], findings: { 'run-1': [overfittingFinding(8)] }, checklist: steps };
}

test('report HTML: run table, checklist, findings, escaped labels, and a CSP that forbids outside requests', () => {
  const html = buildReportHtml(data(), { script: 'console.log("</script><script>alert(1)</script>")', generatedAt: '2026-11-23T21:00:00Z' });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-\w+'; style-src 'unsafe-inline'; img-src data:">/);
  assert.match(html, /<tr data-run="run-1"><td><a href="#run-run-1">#1 baseline &lt;b&gt;16-16&lt;\/b&gt;<\/a><\/td><td class="num">12<\/td><td class="num">0\.\d+ @ 7<\/td>/);
  assert.match(html, /Workflow checklist: 2 of 3 steps done/);
  assert.match(html, /run-1 used validationSplit 0\.2/);
  assert.match(html, /val_loss rose from 0\.4012/);
  assert.match(html, /All runs overlaid/);
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'the inlined script cannot close its element early');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no outside resources');
  const embedded = /<script type="application\/json" id="fitlab-report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
  assert.doesNotMatch(embedded, /</);
  assert.equal(JSON.parse(embedded).runs[0].label, 'baseline <b>16-16</b>');
});

test('report HTML for a notebook without fits says so', () => {
  const html = buildReportHtml({ title: 'empty', runs: [], findings: {}, checklist: [] }, { script: '' });
  assert.match(html, /No runs were recorded/);
  assert.doesNotMatch(html, /All runs overlaid/);
});

test('writeReport writes report.html with the report script inlined, and each run as CSV and JSON', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'fitlab-report-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const input = data();
  const paths = await writeReport(out, input);
  assert.deepEqual(paths.map((p) => p.slice(out.length + 1)), ['report.html', 'runs/run-1-baseline-b-16-16-b.csv', 'runs/run-1-baseline-b-16-16-b.json', 'runs/run-2-16-16-L2-0.001.csv', 'runs/run-2-16-16-L2-0.001.json']);
  assert.ok(paths.every((p) => existsSync(p)));
  assert.equal(readFileSync(join(out, 'runs/run-2-16-16-L2-0.001.csv'), 'utf8'), historyToCsv(input.runs[1]));
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'runs/run-1-baseline-b-16-16-b.json'), 'utf8')), input.runs[0]);
  const html = readFileSync(paths[0], 'utf8');
  assert.match(html, /fitlab-report-data/);
  assert.ok(html.length > 100_000, 'chart.js and the report script are inside the file');
  assert.match(html, /href="runs\/run-2-16-16-L2-0\.001\.csv"/);
});

test('SVG image: loss and val_loss paths, the log-scale learning rate, markers, escaped title', () => {
  const run = makeRun({ id: 'r', label: 'a < b & c', epochs: 20, turn: 7 });
  const svg = renderRunSvg(run, [overfittingFinding(8)]);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1080" height="264"/);
  assert.match(svg, /a &lt; b &amp; c — 20 epochs, completed/);
  for (const key of ['batch_loss', 'loss', 'val_loss', 'acc', 'val_acc', 'lr']) assert.match(svg, new RegExp(`data-key="${key}"`), key);
  assert.match(svg, /stroke-dasharray="6 4"><title>val_loss rose/, 'the onset line carries the message');
  assert.match(svg, />0\.01<\/text>.*>0\.001<\/text>|>0\.001<\/text>.*>0\.01<\/text>/s, 'decade ticks on the learning rate axis');
  assert.doesNotMatch(svg, /NaN|undefined|<script|style=/);
  const loss = /<path d="([^"]+)"[^>]*data-key="loss"/.exec(svg)?.[1] ?? '';
  assert.equal(loss.split('L').length, 20, 'one vertex per epoch');
});

test('SVG image of a run with NaN losses draws gaps, and of a run without epochs says so', () => {
  const run = makeRun({ epochs: 6, withAccuracy: false });
  run.history.loss[3] = null;
  const loss = /<path d="([^"]+)"[^>]*data-key="loss"/.exec(renderRunSvg(run, []))?.[1] ?? '';
  assert.equal(loss.split('M').length - 1, 2, 'two segments around the NaN');
  const empty = makeRun({ epochs: 0 });
  assert.match(renderRunSvg(empty, []), /No epochs recorded/);
});

test('axis ticks are round numbers; log ticks are decades or 1-2-5 steps', () => {
  assert.deepEqual(linearTicks(0.04, 0.83, 5), [0.2, 0.4, 0.6, 0.8]);
  assert.deepEqual(linearTicks(0, 20, 5), [0, 5, 10, 15, 20]);
  assert.deepEqual(logTicks(1e-5, 0.1), [1e-5, 1e-4, 1e-3, 1e-2, 0.1]);
  assert.deepEqual(logTicks(0.001, 0.01), [0.001, 0.002, 0.005, 0.01]);
});
