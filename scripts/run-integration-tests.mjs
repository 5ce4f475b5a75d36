// `npm run test:integration`: the extension tests (mocha, in the extension host, real `vscode` API)
// through @vscode/test-electron's runTests. Where desktop VS Code can be downloaded (and shown) it
// runs there; offline it runs in the VS Code server from code-server's npm package with headless
// Chromium, via scripts/vscode-server/launcher.mjs as `vscodeExecutablePath`.
//
// Two runs: test/integration/suite/ in a trusted workspace, test/integration/untrusted/ in
// Restricted Mode. Each gets a fresh copy of test/integration/fixtures/workspace, so nothing a
// test does touches the repository.
//
// Options: --no-build (reuse dist/), --suite=trusted|untrusted, --grep=<mocha grep>.
// Environment: FITLAB_VSCODE=server|desktop|auto (default auto), FITLAB_VSCODE_VERSION (desktop).
import { runTests } from '@vscode/test-electron';
import { downloadAndUnzipVSCode } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './vscode-server/install.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const launcher = join(repoRoot, 'scripts', 'vscode-server', 'launcher.mjs');
const outDir = join(repoRoot, 'out', 'integration', String(process.pid));

/** Each suite: its test folder, and whether its workspace is trusted. */
const suites = [
  { name: 'trusted', dir: 'test/integration/suite', trusted: true },
  { name: 'untrusted', dir: 'test/integration/untrusted', trusted: false },
].filter((s) => !option('suite') || s.name === option('suite'));

function build() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the extension build (scripts/build.mjs) failed');
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js was not built: is there a src/extension.ts?');
}

/** Bundles a suite's index and test files into out/integration/<pid>/<suite>/ (CommonJS, vscode external). */
async function bundleSuite(suite) {
  const dest = join(outDir, suite.name);
  rmSync(dest, { recursive: true, force: true });
  const tests = readdirSync(join(repoRoot, suite.dir)).filter((f) => f.endsWith('.test.ts')).map((f) => join(suite.dir, f));
  if (tests.length === 0) throw new Error(`${suite.dir} has no *.test.ts files`);
  await esbuild.build({
    entryPoints: ['test/integration/index.ts', ...tests],
    outdir: dest,
    outbase: undefined,
    entryNames: '[name]',
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(dest, 'index.js');
}

/** A fresh copy of the fixture workspace for one run. */
function freshWorkspace(runDir) {
  const ws = join(runDir, 'workspace');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  cpSync(join(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), ws, { recursive: true });
  return ws;
}

/**
 * Which VS Code to use. `auto` tries the desktop download (it needs the internet and, on Linux,
 * a display) and falls back to the VS Code server, saying why.
 */
async function chooseVSCode() {
  const mode = process.env.FITLAB_VSCODE ?? 'auto';
  if (mode === 'server') return { kind: 'server' };
  if (mode === 'auto' && process.platform === 'linux' && !process.env.DISPLAY) {
    console.log('fitlab: no DISPLAY for desktop VS Code; using the VS Code server with headless Chromium');
    return { kind: 'server' };
  }
  try {
    const executable = await Promise.race([
      downloadAndUnzipVSCode({ version: process.env.FITLAB_VSCODE_VERSION ?? 'stable', cachePath: cacheDir }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('download timed out after 120 s')), 120_000).unref()),
    ]);
    console.log(`fitlab: using desktop VS Code ${executable}`);
    return { kind: 'desktop', executable };
  } catch (err) {
    if (mode === 'desktop') throw err;
    console.log(`fitlab: desktop VS Code cannot be downloaded (${err instanceof Error ? err.message.split('\n')[0] : err}); using the VS Code server with headless Chromium`);
    return { kind: 'server' };
  }
}

async function main() {
  if (!args.includes('--no-build')) build();
  const vscode = await chooseVSCode();
  const failed = [];
  for (const suite of suites) {
    const testsIndex = await bundleSuite(suite);
    // Per process: two runs at once (two engineers, one machine) must not share folders.
    const runDir = join(cacheDir, 'runs', `integration-${suite.name}-${process.pid}`);
    const workspace = freshWorkspace(runDir);
    console.log(`\nfitlab: integration suite "${suite.name}" (${suite.trusted ? 'trusted' : 'untrusted'} workspace ${workspace})`);
    const started = Date.now();
    try {
      await runTests({
        vscodeExecutablePath: launcher,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testsIndex,
        launchArgs: [workspace, `--user-data-dir=${join(runDir, 'user-data')}`, `--extensions-dir=${join(runDir, 'extensions')}`],
        extensionTestsEnv: {
          FITLAB_LAUNCHER_RUN_DIR: join(runDir, 'server'),
          ...(suite.trusted ? {} : { FITLAB_WORKSPACE_TRUST: 'untrusted' }),
          ...(vscode.kind === 'desktop' ? { FITLAB_VSCODE_DESKTOP: vscode.executable } : {}),
          ...(option('grep') ? { FITLAB_TEST_GREP: option('grep') } : {}),
        },
      });
      console.log(`fitlab: suite "${suite.name}" passed in ${Math.round((Date.now() - started) / 1000)} s`);
      rmSync(runDir, { recursive: true, force: true }); // kept only when it failed, to look into
    } catch (err) {
      console.error(`fitlab: suite "${suite.name}" FAILED in ${Math.round((Date.now() - started) / 1000)} s: ${err instanceof Error ? err.message : err}`);
      console.error(`fitlab: its folders (workspace, logs, workbench console) are kept in ${runDir}`);
      failed.push(suite.name);
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  if (failed.length > 0) {
    console.error(`fitlab: integration tests failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`fitlab: integration tests could not run: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
