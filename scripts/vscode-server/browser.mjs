// Headless Chromium for the VS Code web workbench: the system's browser (Debian's `chromium`),
// driven by playwright-core. Never `npx playwright install` (it downloads a browser).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium binary: $FITLAB_CHROMIUM, else a system install. Throws saying how to get one. */
export function findChromium() {
  const fromEnv = process.env.FITLAB_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FITLAB_CHROMIUM=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`no Chromium found (looked at ${candidates.join(', ')}): run \`apt-get install -y chromium\` or set FITLAB_CHROMIUM`);
  return found;
}

/** Flags that keep Chromium quiet on a closed network and inside containers. */
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium and opens one page sized like a laptop screen.
 * @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }>}
 */
export async function launchPage() {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: flags });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { browser, page };
}
