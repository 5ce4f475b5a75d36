// `npm run test:e2e`: Fitlab as a person uses it, in a browser. Packs the .vsix (scripts/package.mjs),
// installs it into a fresh VS Code server (code-server's, cached in .vscode-test/), opens a copy of
// the examples folder plus a quick-training fixture, and runs test/e2e/*.test.ts (node:test +
// Playwright on the system Chromium) against that server. Screenshots land in test-results/e2e/.
//
// Options: --no-package (reuse the newest fitlab-*.vsix); --screenshots=<dir> saves the screenshots
// there instead (e.g. media/screenshots when refreshing the README's pictures).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageExtension } from './package.mjs';
import { findChromium } from './vscode-server/browser.mjs';
import { cacheDir, repoRoot } from './vscode-server/install.mjs';
import { installExtension, serverDirs, startServer } from './vscode-server/server.mjs';

const args = process.argv.slice(2);

function newestVsix() {
  const found = readdirSync(repoRoot).filter((f) => /^fitlab-.*\.vsix$/.test(f)).map((f) => join(repoRoot, f));
  if (found.length === 0) throw new Error('no fitlab-*.vsix in the repository root: run `npm run package` (or drop --no-package)');
  return found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** The workspace a person opens: the examples, and the small fixture that trains in seconds. */
function freshWorkspace(runDir) {
  const ws = join(runDir, 'workspace');
  const examples = join(repoRoot, 'examples');
  if (!existsSync(examples)) throw new Error('examples/ is missing: the e2e test opens the example notebook');
  cpSync(examples, ws, { recursive: true });
  cpSync(join(repoRoot, 'test', 'e2e', 'fixtures'), ws, { recursive: true });
  return ws;
}

async function main() {
  const chromium = findChromium();
  const vsix = args.includes('--no-package') ? newestVsix() : packageExtension();
  const runDir = join(cacheDir, 'runs', `e2e-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const dirs = serverDirs(join(runDir, 'server'));
  const workspace = freshWorkspace(runDir);
  const screenshotsOption = args.find((a) => a.startsWith('--screenshots='))?.slice('--screenshots='.length);
  const screenshots = screenshotsOption ? resolve(repoRoot, screenshotsOption) : join(repoRoot, 'test-results', 'e2e');
  mkdirSync(screenshots, { recursive: true });

  const installStarted = Date.now();
  installExtension(vsix, dirs);
  console.log(`fitlab: installed ${vsix} into the VS Code server in ${Date.now() - installStarted} ms`);
  const server = await startServer({ dirs, trusted: true });
  console.log(`fitlab: VS Code server ${server.version} at ${server.baseUrl}, workspace ${workspace}`);
  let status = 1;
  try {
    const tests = readdirSync(join(repoRoot, 'test', 'e2e')).filter((f) => f.endsWith('.test.ts')).map((f) => join('test', 'e2e', f));
    if (tests.length === 0) throw new Error('test/e2e has no *.test.ts files');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        FITLAB_E2E_BASE_URL: server.baseUrl,
        FITLAB_E2E_WORKSPACE: workspace,
        FITLAB_E2E_SCREENSHOTS: screenshots,
        FITLAB_E2E_CHROMIUM: chromium,
      },
    });
    status = r.status ?? 1;
  } finally {
    await server.stop();
  }
  if (status === 0) rmSync(runDir, { recursive: true, force: true });
  else console.log(`fitlab: the run's folders are kept in ${runDir}`);
  console.log(`fitlab: e2e ${status === 0 ? 'passed' : 'FAILED'}; screenshots in ${screenshots}`);
  process.exit(status);
}

main().catch((err) => {
  console.error(`fitlab: e2e tests could not run: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
