// report.html of real fits (tfjs on the cpu backend through Fitlab's engine), opened from disk in
// real Chromium with the network cut: the charts, table, findings and checklist a reader sees.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { deriveChecklist, diagnose } from '../../src/diagnostics/index';
import type { Finding } from '../../src/protocol/findings';
import { applyRunDelta, type Run } from '../../src/protocol/run';
import { writeReport } from '../../src/report/writeReport';
import { runMarkers } from '../../src/webview/shared/markers';
import { binaryData, recordingFitlab, smallModel, useBackend } from '../unit/training-fixtures';
import { buildBundles, launchBrowser, openFile, screenshotInk } from './browser';

let browser: Browser;
before(async () => {
  buildBundles();
  browser = await launchBrowser();
});
after(() => browser?.close());

/** Two small real fits, baseline and with Dropout, as the kernel would record them. */
async function realRuns(): Promise<Run[]> {
  await useBackend('cpu');
  const { fitlab, recorded } = recordingFitlab({ recordBatches: true });
  const { x, y } = binaryData(160, 6);
  for (const dropout of [0, 0.5]) {
    const model = smallModel(fitlab, 6, { dropout, optimizer: tf.train.adam(0.02) });
    await model.fit(x, y, { epochs: 14, batchSize: 16, validationSplit: 0.25 });
  }
  return recorded.started.map((started) => {
    const run: Run = structuredClone(started);
    for (const p of recorded.progress) if (p.delta.runId === run.id) applyRunDelta(run, p.delta);
    const end = recorded.ended.find((e) => e.runId === run.id);
    if (end) Object.assign(run, { status: end.status, endedAt: end.endedAt });
    return run;
  });
}

test('report.html of two real fits: overlay and per-run charts, run table, findings and checklist, offline', async (t) => {
  const runs = await realRuns();
  assert.equal(runs.length, 2);
  assert.equal(runs[0].epochs.length, 14);
  const findings: Record<string, Finding[]> = Object.fromEntries(runs.map((r) => [r.id, diagnose(r)]));
  const checklist = deriveChecklist(runs, {}, findings);
  const out = mkdtempSync(join(tmpdir(), 'fitlab-report-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const [html] = await writeReport(out, { title: 'regularization.tfnb', runs, findings, checklist });

  const { page, problems } = await openFile(browser, html);
  await page.waitForSelector('body.charts-ready', { timeout: 10_000 });
  type Panel = { chart: { options: { scales: { y: { type: string } } }; data: { datasets: { fitlabKey: string; fitlabRunId: string; fitlabPoints: number }[] } }; spec: { markers: { kind: string; x: number }[] } };
  const charts = await page.evaluate(() => {
    const all = (window as unknown as { __fitlabCharts: Record<string, Panel> }).__fitlabCharts;
    return Object.fromEntries(Object.entries(all).map(([k, p]) => [k, { yType: p.chart.options.scales.y.type, datasets: p.chart.data.datasets.map((d) => [d.fitlabRunId, d.fitlabKey, d.fitlabPoints] as const), markers: p.spec.markers.map((m) => [m.kind, m.x] as const) }]));
  });
  const [a, b] = runs.map((r) => r.id);
  assert.deepEqual(charts['overlay/loss'].datasets, [[a, 'loss', 14], [a, 'val_loss', 14], [b, 'loss', 14], [b, 'val_loss', 14]]);
  assert.deepEqual(charts[`${a}/loss`].datasets.map((d) => d[1]), ['batch_loss', 'loss', 'val_loss']);
  assert.equal(charts[`${a}/loss`].datasets[0][2], 14 * 8, 'every batch: 120 training samples / 16 = 8 per epoch');
  assert.deepEqual(charts[`${a}/loss`].markers, runMarkers(runs[0], findings[a]).map((m) => [m.kind, m.x]));
  assert.ok(charts[`${a}/metric:acc`], 'accuracy has its own chart');
  if (charts[`${a}/lr`]) assert.equal(charts[`${a}/lr`].yType, 'logarithmic');

  const table = await page.locator('.run-table tbody tr').allInnerTexts();
  assert.equal(table.length, 2);
  assert.match(table[0], /14\t[\d.]+ @ \d+\t[\d.]+\t[\d.]+\tcompleted/);
  if (checklist.length > 0) assert.match(await page.locator('body').innerText(), new RegExp(`Workflow checklist: \\d of ${checklist.length} steps done`));
  const shownFindings = await page.locator(`#run-${a.replace(/[^\w-]/g, '_')} .finding .message`).allInnerTexts();
  assert.deepEqual(shownFindings, findings[a].map((f) => f.message));
  const ink = await screenshotInk(page, 'report-two-runs.png');
  assert.ok(ink > 0.03, `the report is not blank (${(ink * 100).toFixed(1)}% ink)`);
  assert.deepEqual(problems.errors, []);
});
