#!/usr/bin/env node
// A stand-in for the VS Code executable, given to @vscode/test-electron's runTests() as
// `vscodeExecutablePath` on machines that cannot download desktop VS Code. It takes the same
// command line runTests builds (`<folder> --extensionDevelopmentPath=… --extensionTestsPath=…
// --user-data-dir=… --extensions-dir=…`), runs the extension tests in a real VS Code server with
// headless Chromium as the window, prints their output, and exits with their exit code.
//
// Environment:
//   FITLAB_WORKSPACE_TRUST=untrusted  open the folder in Restricted Mode (runTests always passes
//                                     --disable-workspace-trust; this overrides it)
//   FITLAB_VSCODE_DESKTOP=<path>      run that desktop VS Code instead (same args, trust honoured)
//   FITLAB_TEST_TIMEOUT_MS            give up after this long (default 20 minutes)
//   FITLAB_LAUNCHER_RUN_DIR           where the run's server folders go (default: next to user-data)
//   FITLAB_LAUNCHER_VERBOSE=1         also print the workbench's own console (otherwise in a file)
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { URLSearchParams } from 'node:url';
import { launchPage } from './browser.mjs';
import { serverDirs, startServer } from './server.mjs';

/** The parts of a VS Code command line the tests need. */
function parseArgs(argv) {
  const opts = { folder: null, extensionDevelopmentPaths: [], extensionTestsPath: null, userDataDir: null, extensionsDir: null, trusted: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--extensionDevelopmentPath': opts.extensionDevelopmentPaths.push(resolve(value())); break;
      case '--extensionTestsPath': opts.extensionTestsPath = resolve(value()); break;
      case '--user-data-dir': opts.userDataDir = resolve(value()); break;
      case '--extensions-dir': opts.extensionsDir = resolve(value()); break;
      case '--folder-uri': opts.folder = new URL(value()).pathname; break;
      default:
        if (!a.startsWith('-')) opts.folder = resolve(a); // the workspace folder (launchArgs)
    }
  }
  if (process.env.FITLAB_WORKSPACE_TRUST === 'untrusted') opts.trusted = false;
  return opts;
}

/** Desktop VS Code: same command line, minus --disable-workspace-trust when untrusted is asked. */
function runDesktop(executable, argv, trusted) {
  const args = trusted ? argv : argv.filter((a) => a !== '--disable-workspace-trust');
  const resultFile = join(tmpdir(), `fitlab-test-result-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  const child = spawn(executable, args, { stdio: 'inherit', env: { ...process.env, FITLAB_TEST_RESULT_FILE: resultFile } });
  child.on('exit', (code, signal) => process.exit(checkedExitCode(code ?? (signal ? 1 : 0), resultFile)));
}

/**
 * The marker the extension tests put before each line they print (test/integration/index.ts):
 * the page console also carries the whole workbench's log, which goes to a file instead.
 */
const TEST_MARKER = '[test] ';

/**
 * The workbench reports the extension host's exit code; a host that crashed or lost its connection
 * mid-run can report 0. Only a summary written by the test index at the end counts as a pass.
 */
function checkedExitCode(code, resultFile) {
  if (!existsSync(resultFile)) {
    console.error(`[launcher] the extension tests did not run to the end (no ${resultFile}); the extension host exited or lost its connection (exit code ${code})`);
    return code === 0 ? 1 : code;
  }
  const summary = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(`[launcher] ${summary.passes} passed, ${summary.failures} failed, ${summary.pending ?? 0} pending in ${Math.round((summary.duration ?? 0) / 1000)} s`);
  return summary.failures > 0 && code === 0 ? 1 : code;
}

async function runInServer(opts) {
  if (!opts.extensionTestsPath) throw new Error('launcher: --extensionTestsPath is required');
  if (opts.extensionDevelopmentPaths.length === 0) throw new Error('launcher: --extensionDevelopmentPath is required');
  const runDir = process.env.FITLAB_LAUNCHER_RUN_DIR ?? join(dirname(opts.userDataDir ?? join(process.cwd(), '.vscode-test', 'user-data')), `server-run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  const dirs = serverDirs(runDir, { userDataDir: opts.userDataDir ?? undefined, extensionsDir: opts.extensionsDir ?? undefined });
  const log = (line) => console.log(`[launcher] ${line}`);

  let server = null;
  let browser = null;
  // The server first: it owns the kernels and file watchers; a browser that hangs on close must
  // not keep them alive.
  const cleanup = async () => {
    await server?.stop();
    await browser?.close().catch(() => {});
  };
  // A late rejection from Playwright while the page goes away must not end this process before
  // cleanup has run (Node ends the process on an unhandled rejection).
  process.on('unhandledRejection', (reason) => log(`ignored late error: ${reason instanceof Error ? reason.message : String(reason)}`));
  const onSignal = (signal) => { void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // The extension host inherits the server's environment: the tests write their summary here.
  const resultFile = join(runDir, 'test-result.json');
  rmSync(resultFile, { force: true });
  process.env.FITLAB_TEST_RESULT_FILE = resultFile;

  try {
    const started = Date.now();
    server = await startServer({ dirs, trusted: opts.trusted, log });
    log(`VS Code server ${server.version} answering at ${server.baseUrl} after ${Date.now() - started} ms (workspace ${opts.trusted ? 'trusted' : 'UNTRUSTED'})`);
    const launched = await launchPage();
    browser = launched.browser;
    const page = launched.page;

    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => { resolveExit(Number(code)); });
    });
    const consoleLog = join(runDir, 'workbench-console.log');
    writeFileSync(consoleLog, '');
    const verbose = Boolean(process.env.FITLAB_LAUNCHER_VERBOSE);
    page.on('console', (msg) => {
      const text = msg.text();
      appendFileSync(consoleLog, `${text}\n`);
      const at = text.indexOf(TEST_MARKER);
      if (at >= 0) console.log(text.slice(at + TEST_MARKER.length));
      else if (verbose) console.log(`[workbench] ${text}`);
    });
    page.on('pageerror', (err) => appendFileSync(consoleLog, `[page error] ${err.message}\n`));
    log(`workbench console: ${consoleLog}`);

    const payload = [
      ...opts.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(opts.extensionTestsPath)],
    ];
    const query = new URLSearchParams();
    if (opts.folder) query.set('folder', opts.folder);
    query.set('payload', JSON.stringify(payload));
    await page.goto(`${server.baseUrl}/?${query.toString()}`);

    const timeoutMs = Number(process.env.FITLAB_TEST_TIMEOUT_MS ?? 20 * 60_000);
    let timer;
    const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
    const result = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      const shot = join(runDir, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      console.error(`[launcher] the extension tests did not finish within ${timeoutMs / 1000} s; screenshot: ${shot}`);
      return 1;
    }
    const code = checkedExitCode(result, resultFile);
    if (code !== 0) {
      const shot = join(runDir, 'final.png');
      await page.screenshot({ path: shot }).then(() => log(`the window at the end: ${shot}`), () => {});
    }
    return code;
  } finally {
    await cleanup();
  }
}

const argv = process.argv.slice(2);
const opts = parseArgs(argv);
if (process.env.FITLAB_VSCODE_DESKTOP) {
  runDesktop(process.env.FITLAB_VSCODE_DESKTOP, argv, opts.trusted);
} else {
  runInServer(opts).then(
    (code) => process.exit(code),
    (err) => { console.error(`[launcher] ${err instanceof Error ? err.message : String(err)}`); process.exit(1); },
  );
}
