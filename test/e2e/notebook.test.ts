/**
 * Fitlab in the browser as a person uses it: the packaged extension installed in a real VS Code
 * server, a notebook opened from the Explorer's quick open, Run All, then what is on screen —
 * cell outputs, the training chart in the output, the status bar, the dashboard panel with its
 * curves, the overfitting hint in the Problems view. Started by scripts/run-e2e-tests.mjs, which
 * provides the server and the workspace (the examples plus test/e2e/fixtures).
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through \`npm run test:e2e\``);
  return value;
}

const baseUrl = env('FITLAB_E2E_BASE_URL');
const workspace = env('FITLAB_E2E_WORKSPACE');
const screenshots = env('FITLAB_E2E_SCREENSHOTS');

/** Two shared cores: a page load is 6-11 s; a first kernel start and a fit take longer. */
const UI = 60_000;
const LONG = 180_000;

let browser: Browser;
let page: Page;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Quick Open (Ctrl+P) a file of the workspace, the way a person does. */
async function quickOpen(fileName: string): Promise<void> {
  await pick('Control+P', fileName);
}

/** Runs a palette command by its title. */
async function runCommand(title: string): Promise<void> {
  await pick('F1', `>${title}`, title);
}

/** Opens a quick input with `key`, enters `text`, waits for the row labelled `label`, accepts it. */
async function pick(key: string, text: string, label = text): Promise<void> {
  await page.keyboard.press('Escape'); // a quick input left open by an earlier step
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The notebook outputs' webview (VS Code nests the content in #active-frame). */
function outputs(): FrameLocator {
  return page.frameLocator('iframe.webview.ready[src*="purpose=notebookRenderer"]').frameLocator('#active-frame');
}

/** The extension's own webview panel (the dashboard). */
function panel(): FrameLocator {
  return page.frameLocator('iframe.webview.ready:not([src*="purpose=notebookRenderer"])').frameLocator('#active-frame');
}

/** Clicks Run All; picks the Fitlab kernel if VS Code asks which one. */
async function runAll(): Promise<void> {
  await page.locator('.notebook-toolbar-container a.action-label[aria-label="Run All"]:visible').first().click();
  const picker = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Fitlab' }).first();
  if (await picker.isVisible({ timeout: 5_000 }).catch(() => false)) await picker.click();
}

/** A test step that leaves a screenshot of the screen when it fails: the first thing to look at. */
function step(name: string, body: () => Promise<void>): void {
  it(name, async () => {
    try {
      await body();
    } catch (err) {
      await screenshot(`failed-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => {});
      throw err;
    }
  });
}

describe('Fitlab in the browser', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    browser = await chromium.launch({
      executablePath: env('FITLAB_E2E_CHROMIUM'),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(UI);
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  });
  after(async () => {
    await browser?.close();
  });

  step('opens the example notebook and renders its cells', async () => {
    await quickOpen('regularization.tfnb');
    await page.locator('.cell-list-container .monaco-list-row.code-cell-row').first().waitFor();
    // The list draws only the cells on screen; the status bar counts them all ("Cell 1 of 19").
    const position = page.locator('.statusbar-item', { hasText: /Cell \d+ of \d+/ }).first();
    await position.waitFor();
    const total = Number(/of (\d+)/.exec((await position.textContent()) ?? '')?.[1]);
    assert.ok(total > 5, `the example has its cells (status bar: ${await position.textContent()})`);
    assert.match((await page.locator('.kernel-label:visible').first().textContent()) ?? '', /Fitlab/, 'the Fitlab kernel is the selected kernel');
    await screenshot('example-notebook');
  });

  step('runs all cells of a notebook: outputs and the kernel in the status bar', async () => {
    // One notebook on screen, so there is one outputs webview to read.
    await runCommand('View: Close All Editors');
    await page.locator('.cell-list-container').first().waitFor({ state: 'detached' });
    await quickOpen('quick-overfit.tfnb');
    await page.locator('.cell-list-container .monaco-list-row.code-cell-row').first().waitFor();
    await runAll();
    // What the cells print: the kernel banner and the fit's summary line, then the cell's value.
    await outputs().getByText(/Fitlab kernel: (wasm|cpu|tensorflow) backend/).first().waitFor({ timeout: LONG });
    await outputs().getByText(/60\/60 epochs/).first().waitFor({ timeout: LONG });
    const status = page.locator('.statusbar-item', { hasText: 'Fitlab' }).first();
    await status.waitFor();
    assert.match((await status.textContent()) ?? '', /Fitlab: (wasm|cpu|tensorflow)/);
    await screenshot('run-all-outputs');
  });

  step('draws the training chart in the fit cell\'s output', async () => {
    // Fitlab's renderer (application/vnd.fitlab.run+json) draws the loss curves on a canvas.
    await outputs().locator('canvas').first().waitFor({ timeout: LONG });
    assert.equal(await outputs().getByText(/No renderer could be found/).count(), 0, 'VS Code found Fitlab\'s renderer for the run output');
    await screenshot('output-chart');
  });

  step('shows the overfitting hint in the Problems view', async () => {
    await page.keyboard.press('Control+Shift+M');
    const hint = page.locator('.markers-panel .monaco-list-row', { hasText: /overfit/i }).first();
    await hint.waitFor({ timeout: LONG });
    await screenshot('problems-overfitting');
  });

  step('shows no type errors for correct code', async () => {
    // The notebook's cells are valid TypeScript: the Problems view must not paint them red.
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor();
    const rows = await problems.allTextContents();
    assert.deepEqual(rows.filter((r) => /fitlab-ts/.test(r)), [], 'type errors reported on correct code');
  });

  step('opens the training dashboard with the run\'s curves', async () => {
    await runCommand('Fitlab: Open Training Dashboard');
    await panel().locator('canvas').first().waitFor({ timeout: LONG });
    await screenshot('dashboard');
  });
});
