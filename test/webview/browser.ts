/**
 * A real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) that serves the built
 * webview bundles from a fake origin, with a stand-in `acquireVsCodeApi` that records what the
 * page posts and keeps its state. CSP violations and page errors are collected so tests fail on them.
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(__dirname, '..', '..');
export const ORIGIN = 'https://fitlab.test';
export const RESULTS = join(ROOT, 'test-results');

let built = false;
/**
 * Builds the bundles once per test process with scripts/build.mjs. If another part of the tree
 * does not compile right now, the webview bundles these tests load are built on their own (same
 * entry points and formats as build.mjs), so a broken extension bundle does not hide their results.
 */
export function buildBundles(): void {
  if (built) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    const webviews: [string, string, 'iife' | 'esm'][] = [['dashboard', 'dashboard', 'iife'], ['renderer', 'renderer', 'esm'], ['report', 'report', 'iife']];
    for (const [dir, out, format] of webviews) {
      esbuild.buildSync({ entryPoints: [join(ROOT, 'src/webview', dir, 'main.ts')], outfile: join(ROOT, 'dist/webview', `${out}.js`), bundle: true, platform: 'browser', format, target: 'es2022', logLevel: 'silent', absWorkingDir: ROOT });
    }
  }
  built = true;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json' };

export interface PageProblems {
  errors: string[];
  csp: string[];
}

/**
 * A page on ORIGIN where `/dist/...` and `/media/...` are the repo's files and `/` is `html`.
 * Any request elsewhere is aborted and recorded as a problem (webviews must work offline).
 */
export async function openPage(browser: Browser, html: string, options: { vscodeState?: unknown; bodyClass?: string } = {}): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  // tsx compiles the functions this file hands to page.evaluate with esbuild's keepNames, which
  // calls a `__name` helper that exists only in Node: give the pages a no-op one.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], csp: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(m.text());
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      problems.errors.push(`request outside the page: ${url.href}`);
      return route.abort();
    }
    if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
    const allowed = [join(ROOT, 'dist') + '/', join(ROOT, 'media') + '/'].some((dir) => file.startsWith(dir));
    if (!allowed || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  await page.addInitScript(({ state, bodyClass }) => {
    const w = window as unknown as Record<string, unknown>;
    w.__fitlabTest = true;
    w.__posted = [];
    w.__state = state;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__posted as unknown[]).push(m),
      getState: () => w.__state,
      setState: (s: unknown) => (w.__state = s),
    });
    if (bodyClass) document.addEventListener('DOMContentLoaded', () => document.body.classList.add(bodyClass));
  }, { state: options.vscodeState, bodyClass: options.bodyClass });
  await page.goto(ORIGIN + '/');
  return { page, problems };
}

/** Collected CSP violations reported inside the page. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** What the page posted to the host so far. */
export async function posted<T>(page: Page): Promise<T[]> {
  return page.evaluate(() => (window as unknown as { __posted: T[] }).__posted);
}

/** Saves a screenshot under test-results/ and returns the share of pixels that differ from the page background. */
export async function screenshotInk(page: Page, name: string, selector?: string): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, name);
  const target = selector ? page.locator(selector).first() : page;
  await target.screenshot({ path });
  return pngInk(page, readFileSync(path).toString('base64'));
}

/** The share of pixels of a PNG (base64) that differ clearly from its top-left pixel (the background). */
export async function pngInk(page: Page, base64: string): Promise<number> {
  // Decoded in a blank page (no CSP) by the browser's own PNG decoder: no image library needed.
  const blank = await page.context().newPage();
  const ink = await blank.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    const [r, g, b] = [px[0], px[1], px[2]];
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) > 60) ink++;
    return ink / (px.length / 4);
  }, base64);
  await blank.close();
  return ink;
}

/** Opens a file from disk (file://) with every non-file request aborted and recorded as a problem. */
export async function openFile(browser: Browser, path: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript({ content: 'window.__name = (f) => f; window.__fitlabTest = true;' });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], csp: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(m.text());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    problems.errors.push(`request outside the file: ${url}`);
    return route.abort();
  });
  await page.goto(`file://${path}`);
  return { page, problems };
}
