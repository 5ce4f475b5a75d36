// The training dashboard in real Chromium: the page the host serves (same HTML and CSP), fed the
// messages a fit produces, checked for what a person sees and what it asks the host to do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dashboardHtml } from '../../src/host/webviews/dashboardHtml';
import type { ChecklistStep } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';
import { isDashboardToHost, type DashboardToHost, type HostToDashboard } from '../../src/protocol/webview';
import { buildBundles, cspViolations, launchBrowser, openPage, ORIGIN, pngInk, posted, screenshotInk } from './browser';
import { makeRun, overfittingFinding } from './runFixtures';

let browser: Browser;
before(async () => {
  buildBundles();
  browser = await launchBrowser();
});
after(() => browser?.close());

const html = () => dashboardHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview/dashboard.js`, styleUri: `${ORIGIN}/media/dashboard.css` });

interface DrawnDataset { label: string; key: string; runId: string; drawn: number; total: number; xs: number[] }
interface DrawnChart { yType: string; datasets: DrawnDataset[]; markers: { kind: string; x: number; label: string }[] }

async function open(state?: unknown) {
  const opened = await openPage(browser, html(), { vscodeState: state });
  await opened.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'), undefined, { timeout: 10_000 })
    .catch((e: Error) => assert.fail(`the page never said ready: ${e.message}\n${[...opened.problems.errors, ...opened.problems.csp].join('\n')}`));
  return opened;
}

async function send(page: Page, ...messages: HostToDashboard[]): Promise<void> {
  await page.evaluate((msgs) => msgs.forEach((m) => window.postMessage(m, '*')), messages);
  // Messages are handled asynchronously and drawn on the next animation frame.
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 0)));
}

async function chart(page: Page, id: string): Promise<DrawnChart | null> {
  return page.evaluate((chartId) => {
    type Panel = { chart: { options: { scales: { y: { type: string } } }; data: { datasets: { label: string; fitlabKey: string; fitlabRunId: string; fitlabPoints: number; data: { x: number }[] }[] } }; spec: { markers: { kind: string; x: number; label: string }[] } };
    const panel = (window as unknown as { __fitlabCharts?: Record<string, Panel> }).__fitlabCharts?.[chartId];
    if (!panel) return null;
    return {
      yType: panel.chart.options.scales.y.type,
      datasets: panel.chart.data.datasets.map((d) => ({ label: d.label, key: d.fitlabKey, runId: d.fitlabRunId, drawn: d.data.length, total: d.fitlabPoints, xs: d.data.slice(0, 3).map((p) => p.x) })),
      markers: panel.spec.markers.map((m) => ({ kind: m.kind, x: m.x, label: m.label })),
    };
  }, id);
}

/** Where chart.js drew a legend entry, relative to its canvas. */
async function legendItemPosition(page: Page, id: string, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate(([chartId, label]) => {
    type Legend = { legendHitBoxes: { left: number; top: number; width: number; height: number }[]; legendItems: { text: string }[] };
    const legend = (window as unknown as { __fitlabCharts: Record<string, { chart: { legend: Legend } }> }).__fitlabCharts[chartId].chart.legend;
    const box = legend.legendHitBoxes[legend.legendItems.findIndex((item) => item.text === label)];
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, [id, text] as const);
}

async function visible(page: Page, id: string, label: string): Promise<boolean> {
  return page.evaluate(([chartId, name]) => {
    const c = (window as unknown as { __fitlabCharts: Record<string, { chart: { data: { datasets: { label: string }[] }; isDatasetVisible(i: number): boolean } }> }).__fitlabCharts[chartId].chart;
    return c.isDatasetVisible(c.data.datasets.findIndex((d) => d.label === name));
  }, [id, label] as const);
}

function checklist(done: number): ChecklistStep[] {
  const titles = ['Define the problem', 'Choose a measure of success', 'Decide on an evaluation protocol', 'Prepare the data', 'Beat a baseline', 'Scale up: overfit', 'Regularize and tune'];
  return titles.map((title, i) => ({ id: (['define-problem', 'success-metric', 'evaluation-protocol', 'prepare-data', 'beat-baseline', 'scale-up', 'regularize-tune'] as const)[i], number: i + 1, title, why: 'why', status: i < done ? 'done' : 'todo', derived: i >= 2 }));
}

function twoRuns(): { baseline: Run; l2: Run; init: HostToDashboard } {
  const baseline = makeRun({ id: 'run-1', label: 'baseline 16-16', epochs: 20, turn: 7 });
  const l2 = makeRun({ id: 'run-2', label: '16-16 · L2 0.001', epochs: 20, turn: 12 });
  l2.model.layers[0].kernelRegularizer = { kind: 'l2', l1: 0, l2: 0.001 };
  return {
    baseline, l2,
    init: { type: 'init', notebook: 'file:///work/regularization.tfnb', runs: [baseline, l2], findings: { 'run-1': [overfittingFinding(8)], 'run-2': [] }, checklist: checklist(3), selected: ['run-1'] },
  };
}

test('a finished run: loss over batch loss, accuracy on its own chart, log-scale learning rate, onset marked', async () => {
  const { page, problems } = await open();
  const { init } = twoRuns();
  await send(page, init);
  const loss = await chart(page, 'loss');
  assert.ok(loss, 'the loss chart exists');
  assert.deepEqual(loss.datasets.map((d) => [d.key, d.total]), [['batch_loss', 160], ['loss', 20], ['val_loss', 20]]);
  assert.deepEqual(loss.datasets[1].xs, [0, 1, 2], 'epochs are numbered from 0, as in the CSV and the diagnostics');
  assert.deepEqual(loss.markers.map((m) => [m.kind, m.x]), [['best', 7], ['onset', 8]], 'best epoch 7 and overfitting from epoch 8');
  const acc = await chart(page, 'metric:acc');
  assert.deepEqual(acc?.datasets.map((d) => d.key), ['acc', 'val_acc']);
  const lr = await chart(page, 'lr');
  assert.equal(lr?.yType, 'logarithmic');
  assert.equal(lr?.datasets[0].total, 160);

  const text = await page.locator('body').innerText();
  assert.match(text, /Workflow: 3 of 7 steps done/);
  assert.match(text, /val_loss rose from 0\.4012/, 'the diagnostic message is shown');
  assert.match(text, /Lowest val_loss 0\.\d+ at epoch 7/, 'the best epoch is explained under the chart');
  assert.deepEqual(await page.locator('.run .run-label').allInnerTexts(), ['16-16 · L2 0.001', 'baseline 16-16'], 'newest run first');
  assert.match(await page.locator('.run[data-run="run-1"] .run-stats').innerText(), /20 epochs · best val_loss 0\.\d+ @ 7 · completed/);

  const ink = await screenshotInk(page, 'dashboard-finished-run.png', '.chart-loss');
  assert.ok(ink > 0.02, `the loss chart has visible curves (${(ink * 100).toFixed(1)}% ink)`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.errors, []);
});

test('live fit: the charts follow the deltas; 10,000 batches are drawn decimated with the data intact', async () => {
  const { page, problems } = await open();
  const full = makeRun({ id: 'live', label: 'live 64-64', epochs: 50, batchesPerEpoch: 200, turn: 30 });
  const empty: Run = { ...full, status: 'running', epochs: [], history: {}, batches: { epoch: [], loss: [], lr: [] } };
  await send(page, { type: 'init', notebook: 'file:///nb.tfnb', runs: [], findings: {}, checklist: [], selected: [] }, { type: 'runStarted', run: empty });
  assert.match(await page.locator('.run[data-run="live"] .run-stats').innerText(), /0\/50 epochs/);
  for (let e = 0; e < 50; e += 5) {
    const rows = full.epochs.slice(e, e + 5);
    const from = e * 200;
    const to = (e + 5) * 200;
    const history = Object.fromEntries(Object.entries(full.history).map(([k, v]) => [k, v.slice(e, e + 5)]));
    await send(page, { type: 'runDelta', delta: { runId: 'live', epochs: rows, history, batches: { epoch: full.batches.epoch.slice(from, to), loss: full.batches.loss.slice(from, to), lr: full.batches.lr.slice(from, to) } } });
    if (e === 20) {
      const mid = await chart(page, 'loss');
      assert.equal(mid?.datasets.find((d) => d.key === 'loss')?.total, 25, 'after 25 epochs the loss curve has 25 points');
      assert.match(await page.locator('.run[data-run="live"] .run-stats').innerText(), /25\/50 epochs/);
    }
  }
  // Hiding the per-batch curve from the legend lasts through later updates.
  await page.locator('.chart-loss canvas').click({ position: await legendItemPosition(page, 'loss', 'batch loss') });
  await send(page, { type: 'runDelta', delta: { runId: 'live', epochs: [], history: {}, batches: { epoch: [], loss: [], lr: [] } } });
  assert.equal(await visible(page, 'loss', 'batch loss'), false, 'the hidden curve stays hidden');
  const loss = await chart(page, 'loss');
  const batch = loss?.datasets.find((d) => d.key === 'batch_loss');
  assert.equal(batch?.total, 10_000, 'every batch is kept');
  assert.ok(batch && batch.drawn < 4000 && batch.drawn > 100, `drawn decimated: ${batch?.drawn} points`);
  assert.equal(loss?.markers.some((m) => m.kind === 'onset'), false, 'no onset before the diagnostics ran');

  await send(page, { type: 'runEnded', runId: 'live', status: 'completed', findings: [overfittingFinding(31)] });
  const ended = await chart(page, 'loss');
  assert.deepEqual(ended?.markers.find((m) => m.kind === 'onset')?.x, 31);
  assert.match(await page.locator('.findings-panel').innerText(), /overfitting/);
  assert.ok((await screenshotInk(page, 'dashboard-live-10k.png', '.chart-loss')) > 0.02);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.errors, []);
});

test('overlay: ticking a second run draws both, tells the host, and survives a reload', async () => {
  const { page } = await open();
  const { init } = twoRuns();
  await send(page, init);
  await page.locator('.run[data-run="run-2"] input[type=checkbox]').check();
  await send(page);
  const loss = await chart(page, 'loss');
  assert.deepEqual(loss?.datasets.map((d) => d.label), ['#1 baseline 16-16: loss', '#1 baseline 16-16: val_loss', '#2 16-16 · L2 0.001: loss', '#2 16-16 · L2 0.001: val_loss']);
  const lr = await chart(page, 'lr');
  assert.deepEqual(lr?.datasets.map((d) => d.runId), ['run-1', 'run-2']);
  const messages = await posted<DashboardToHost>(page);
  assert.deepEqual(messages.find((m) => m.type === 'select'), { type: 'select', runIds: ['run-1', 'run-2'] });
  assert.ok(messages.every(isDashboardToHost), 'every message passes the host check');

  // A reload (VS Code restoring the panel) starts a new page with the saved state and an init
  // whose selection the host did not keep.
  const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
  const reopened = await open(state);
  await send(reopened.page, { ...init, selected: [] } as HostToDashboard);
  assert.deepEqual((await chart(reopened.page, 'loss'))?.datasets.map((d) => d.runId), ['run-1', 'run-1', 'run-2', 'run-2']);
  assert.equal(await reopened.page.locator('.run input:checked').count(), 2);

  await reopened.page.getByRole('button', { name: 'Latest only' }).click();
  await send(reopened.page);
  assert.deepEqual((await chart(reopened.page, 'loss'))?.datasets.map((d) => d.key), ['batch_loss', 'loss', 'val_loss'], 'one run again: its batch loss is back');
  assert.equal(await reopened.page.locator('.run input:checked').count(), 1);
  await reopened.page.getByRole('button', { name: 'Overlay all' }).click();
  await send(reopened.page);
  assert.equal((await chart(reopened.page, 'loss'))?.datasets.length, 4);
});

test('exports: CSV and JSON requests, and PNG images of one chart and of all charts', async () => {
  const { page } = await open();
  await send(page, twoRuns().init);
  await page.locator('.run[data-run="run-1"] button', { hasText: 'CSV' }).click();
  await page.locator('.run[data-run="run-2"] button', { hasText: 'JSON' }).click();
  await page.locator('.run[data-run="run-1"] button', { hasText: 'Cell' }).click();
  await page.locator('.chart-loss button', { hasText: 'PNG' }).click();
  await page.locator('#save-all-png').click();
  const messages = await posted<DashboardToHost>(page);
  assert.ok(messages.every(isDashboardToHost), 'every message passes the host check');
  assert.deepEqual(messages.filter((m) => m.type === 'export'), [{ type: 'export', runId: 'run-1', format: 'csv' }, { type: 'export', runId: 'run-2', format: 'json' }]);
  assert.deepEqual(messages.filter((m) => m.type === 'revealCell'), [{ type: 'revealCell', runId: 'run-1' }]);
  const pngs = messages.filter((m) => m.type === 'savePng');
  assert.deepEqual(pngs.map((m) => m.name), ['Loss.png', 'fitlab-charts.png']);
  for (const png of pngs) {
    const ink = await pngInk(page, png.dataUrl.slice('data:image/png;base64,'.length));
    assert.ok(ink > 0.01, `${png.name} is not blank (${(ink * 100).toFixed(1)}% ink)`);
  }
});

test('follows the theme: switching VS Code to a dark theme recolours the charts', async () => {
  const { page, problems } = await open();
  await send(page, twoRuns().init);
  const color = () => page.evaluate(() => (window as unknown as { __fitlabCharts: Record<string, { chart: { options: { color: string } } }> }).__fitlabCharts.loss.chart.options.color);
  const before = await color();
  await page.evaluate(() => {
    // As VS Code does it: CSS variables set through the CSSOM (an inline style attribute would break the CSP).
    const vars: Record<string, string> = { '--vscode-editor-background': '#1e1e1e', '--vscode-foreground': '#cccccc', '--vscode-charts-foreground': '#cccccc', '--vscode-charts-blue': '#3794ff' };
    for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
    document.body.className = 'vscode-dark';
  });
  await send(page);
  assert.notEqual(await color(), before);
  assert.equal(await color(), '#cccccc');
  assert.ok((await screenshotInk(page, 'dashboard-dark.png', '.chart-loss')) > 0.02);
  assert.deepEqual(problems.errors, []);
});

test('the smoothing setting smooths what is drawn, never the run data', async () => {
  const { page } = await open();
  const run = makeRun({ id: 'noisy', epochs: 20, batchesPerEpoch: 40 });
  await send(page, { type: 'init', notebook: 'nb', runs: [run], findings: {}, checklist: [], selected: [], smoothing: 0.9 });
  const drawnBatch = await page.evaluate(() => {
    const panel = (window as unknown as { __fitlabCharts: Record<string, { chart: { data: { datasets: { fitlabKey: string; data: { y: number }[] }[] } } }> }).__fitlabCharts.loss;
    return panel.chart.data.datasets.find((d) => d.fitlabKey === 'batch_loss')?.data.map((p) => p.y) ?? [];
  });
  const raw = run.batches.loss as number[];
  const wiggle = (ys: number[]) => ys.slice(1).reduce((sum, y, i) => sum + Math.abs(y - ys[i]), 0);
  assert.equal(drawnBatch.length, raw.length);
  assert.ok(wiggle(drawnBatch) < wiggle(raw) / 3, 'the drawn per-batch loss is much calmer than the data');
  await page.locator('.run[data-run="noisy"] button', { hasText: 'CSV' }).click();
  assert.deepEqual((await posted<DashboardToHost>(page)).filter((m) => m.type === 'export'), [{ type: 'export', runId: 'noisy', format: 'csv' }], 'exports go through the host, from the unsmoothed run');
});
