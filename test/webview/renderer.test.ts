// The notebook renderer in real Chromium, as VS Code's notebook webview loads it: an ES module
// whose activate() gets output items; snapshots of a running fit replace each other in one cell.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { RUN_MIME } from '../../src/protocol/display';
import type { Run } from '../../src/protocol/run';
import type { RunOutput } from '../../src/protocol/webview';
import { buildBundles, cspViolations, launchBrowser, openPage, ORIGIN, screenshotInk } from './browser';
import { makeRun, overfittingFinding } from './runFixtures';

let browser: Browser;
before(async () => {
  buildBundles();
  browser = await launchBrowser();
});
after(() => browser?.close());

// Close to the notebook webview's policy: scripts by nonce and from the extension's origin, inline styles allowed.
const NONCE = 'test-nonce-123';
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}' ${ORIGIN}; style-src ${ORIGIN} 'unsafe-inline'; img-src ${ORIGIN} data:">
</head><body><div id="cell-1"></div><div id="cell-2"></div>
<script type="module" nonce="${NONCE}">
  import { activate } from '${ORIGIN}/dist/webview/renderer.js';
  const api = activate({ workspace: { isTrusted: true } });
  window.__render = (id, text, elementId) => api.renderOutputItem({ id, mime: '${RUN_MIME}', json: () => JSON.parse(text), text: () => text }, document.getElementById(elementId));
  window.__dispose = (id) => api.disposeOutputItem(id);
  window.__ready = true;
</script></body></html>`;

async function open() {
  const opened = await openPage(browser, PAGE);
  await opened.page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true, undefined, { timeout: 10_000 });
  return opened;
}

async function render(page: Page, id: string, output: RunOutput | string, elementId = 'cell-1'): Promise<void> {
  await page.evaluate(([i, text, el]) => (window as unknown as { __render: (a: string, b: string, c: string) => Promise<void> }).__render(i, text, el), [id, typeof output === 'string' ? output : JSON.stringify(output), elementId] as const);
}

interface Drawn { instance: number; keys: string[]; loss: number; markers: { kind: string; x: number }[]; yType: string }

async function drawn(page: Page, key: string): Promise<Drawn | null> {
  return page.evaluate((k) => {
    type Panel = { chart: { id: number; options: { scales: { y: { type: string } } }; data: { datasets: { fitlabKey: string; fitlabPoints: number }[] } }; spec: { markers: { kind: string; x: number }[] } };
    const panel = (window as unknown as { __fitlabCharts?: Record<string, Panel> }).__fitlabCharts?.[k];
    if (!panel) return null;
    const ds = panel.chart.data.datasets;
    return { instance: panel.chart.id, keys: ds.map((d) => d.fitlabKey), loss: ds.find((d) => d.fitlabKey === 'loss')?.fitlabPoints ?? 0, markers: panel.spec.markers, yType: panel.chart.options.scales.y.type };
  }, key);
}

/** The run as it stood after `epochs` epochs, as the host snapshots it during the fit. */
function snapshot(run: Run, epochs: number, batchesPerEpoch: number): Run {
  return {
    ...run,
    status: 'running',
    epochs: run.epochs.slice(0, epochs),
    history: Object.fromEntries(Object.entries(run.history).map(([k, v]) => [k, v.slice(0, epochs)])),
    batches: { epoch: run.batches.epoch.slice(0, epochs * batchesPerEpoch), loss: run.batches.loss.slice(0, epochs * batchesPerEpoch), lr: run.batches.lr.slice(0, epochs * batchesPerEpoch) },
  };
}

test('live snapshots update the same charts in the cell; the final one shows the onset and findings', async () => {
  const { page, problems } = await open();
  const run = makeRun({ id: 'r1', label: '16-16 · Dropout 0.5', epochs: 20, batchesPerEpoch: 8, turn: 7 });
  await render(page, 'out-1', { run: snapshot(run, 5, 8), findings: [] });
  const first = await drawn(page, 'out-1/loss');
  assert.ok(first, 'the loss chart is drawn');
  assert.deepEqual(first.keys, ['batch_loss', 'loss', 'val_loss']);
  assert.equal(first.loss, 5);
  assert.match(await page.locator('#cell-1 .status').innerText(), /16-16 · Dropout 0\.5 · epoch 5\/20 · loss 0\.\d+ · val_loss 0\.\d+ · running/);

  await render(page, 'out-1', { run: snapshot(run, 12, 8), findings: [] });
  const second = await drawn(page, 'out-1/loss');
  assert.equal(second?.instance, first.instance, 'the chart is updated, not recreated');
  assert.equal(second?.loss, 12);

  const finding = overfittingFinding(8);
  await render(page, 'out-1', { run, findings: [finding, { id: 'no-regularization', severity: 'info', epoch: null, message: 'No weight regularization or Dropout in this model.', actions: ['Add L2'] }] });
  const last = await drawn(page, 'out-1/loss');
  assert.equal(last?.instance, first.instance);
  assert.deepEqual(last?.markers.map((m) => [m.kind, m.x]), [['best', 7], ['onset', 8]]);
  assert.equal((await drawn(page, 'out-1/lr'))?.yType, 'logarithmic');
  const findings = await page.locator('#cell-1 .finding .message').allInnerTexts();
  assert.deepEqual(findings, [finding.message, 'No weight regularization or Dropout in this model.'], 'warnings before info');
  assert.match(await page.locator('#cell-1 .status').innerText(), /20 epochs · .* · best 0\.\d+ @ 7 · completed/);
  const ink = await screenshotInk(page, 'renderer-final.png', '#cell-1');
  assert.ok(ink > 0.02, `the output is not blank (${(ink * 100).toFixed(1)}% ink)`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.errors, []);
});

test('two outputs keep their own charts; disposing one removes only its charts', async () => {
  const { page } = await open();
  await render(page, 'a', { run: makeRun({ id: 'a', epochs: 6 }), findings: [] }, 'cell-1');
  await render(page, 'b', { run: makeRun({ id: 'b', epochs: 9 }), findings: [] }, 'cell-2');
  assert.equal((await drawn(page, 'a/loss'))?.loss, 6);
  assert.equal((await drawn(page, 'b/loss'))?.loss, 9);
  await page.evaluate(() => (window as unknown as { __dispose: (id: string) => void }).__dispose('a'));
  assert.equal(await drawn(page, 'a/loss'), null);
  assert.equal(await page.locator('#cell-1 canvas').count(), 0);
  assert.equal((await drawn(page, 'b/loss'))?.loss, 9);
});

test('an output that is not a run says so in one line instead of drawing nothing', async () => {
  const { page, problems } = await open();
  await render(page, 'bad', '{"run": 3}');
  assert.match(await page.locator('#cell-1').innerText(), /has no run \(expected \{ run, findings \}\)/);
  await render(page, 'bad2', '{not json');
  assert.match(await page.locator('#cell-1').innerText(), /not valid JSON/);
  assert.deepEqual(problems.errors, []);
});

test('a cell output without per-batch columns (as the editor stores it) draws epochs and the logged learning rate', async () => {
  const { page, problems } = await open();
  const run = makeRun({ id: 'slim', epochs: 10 });
  run.batches = { epoch: [], loss: [], lr: [] };
  await render(page, 'slim', { run, findings: [] });
  assert.deepEqual((await drawn(page, 'slim/loss'))?.keys, ['loss', 'val_loss']);
  const lr = await drawn(page, 'slim/lr');
  assert.equal(lr?.yType, 'logarithmic', 'the learning rate from the epoch logs, on a log axis');
  assert.deepEqual(problems.errors, []);
});

test('snapshots sent in quick succession, before the first is drawn, end in one chart with the newest data', async () => {
  const { page, problems } = await open();
  const run = makeRun({ id: 'fast', epochs: 12 });
  const texts = [4, 8, 12].map((n) => JSON.stringify({ run: snapshot(run, n, 8), findings: [] }));
  await page.evaluate((all) => Promise.all(all.map((text) => (window as unknown as { __render: (a: string, b: string, c: string) => Promise<void> }).__render('fast', text, 'cell-1'))), texts);
  assert.equal(await page.locator('#cell-1 canvas[aria-label^="Loss chart"]').count(), 1);
  assert.equal((await drawn(page, 'fast/loss'))?.loss, 12);
  const live = await page.evaluate(() => (window as unknown as { __fitlabLiveCharts: number }).__fitlabLiveCharts);
  assert.equal(live, 3, 'loss, accuracy and learning rate: one set of charts, none leaked');
  assert.deepEqual(problems.errors, []);
});
