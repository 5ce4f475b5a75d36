// Builds every bundle with esbuild: the extension host entry, the kernel process, the CLI,
// and the browser bundles for the webviews. `--watch` rebuilds on change.
// Runs as `npm install`'s prepare step, so a fresh clone is ready to use.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copySharedTypescript, sharedTypescript } from './sharedTypescript.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

/** Native or optional packages the node bundles load at run time instead of bundling. */
const nodeExternals = ['esbuild', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Entry points that exist (each issue adds its own; a missing one is skipped, not an error). */
const entry = (p) => (existsSync(join(root, p)) ? [p] : []);

const builds = [
  { ...nodeCommon, entryPoints: entry('src/extension.ts'), outfile: 'dist/extension.js', external: ['vscode', ...nodeExternals], plugins: [sharedTypescript] },
  { ...nodeCommon, entryPoints: entry('src/kernel/main.ts'), outfile: 'dist/kernel.js', external: nodeExternals },
  { ...nodeCommon, entryPoints: entry('src/cli/main.ts'), outfile: 'dist/cli.js', external: nodeExternals, plugins: [sharedTypescript] },
  {
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root,
    entryPoints: entry('src/webview/dashboard/main.ts'), outfile: 'dist/webview/dashboard.js',
  },
  {
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root,
    entryPoints: entry('src/webview/renderer/main.ts'), outfile: 'dist/webview/renderer.js',
  },
  {
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, logLevel: 'warning', absWorkingDir: root,
    entryPoints: entry('src/webview/report/main.ts'), outfile: 'dist/webview/report.js',
  },
].filter((b) => b.entryPoints.length > 0);

/** The wasm backend's binaries, found by path at kernel start (setWasmPaths). */
function copyWasm() {
  const from = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const to = join(dist, 'wasm');
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from).filter((f) => f.endsWith('.wasm'))) cpSync(join(from, f), join(to, f));
}

mkdirSync(dist, { recursive: true });
copyWasm();
copySharedTypescript(root, dist);
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('fitlab: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`fitlab: built ${builds.length} bundles in ${Date.now() - started} ms`);
  buildTypesIfStale();
}

/** Newest modification time of the files below `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(dir).map((f) => newest(join(dir, f))));
}

/**
 * The notebook type checker's declarations (dist/types), its worker and the tsserver plugin come
 * from scripts/build-types.mjs, which takes seconds: rerun it only when what it reads changed.
 */
function buildTypesIfStale() {
  const stamp = join(dist, 'types', '.built');
  const inputs = ['src/training', 'src/language', 'src/protocol', 'scripts/build-types.mjs', 'scripts/sharedTypescript.mjs', 'node_modules/@tensorflow/tfjs/package.json'];
  const plugin = join(root, 'node_modules', 'fitlab-tsserver-plugin');
  if (existsSync(stamp) && existsSync(plugin) && newest(stamp) >= Math.max(...inputs.map((p) => newest(join(root, p))))) return;
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-types.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString() + '\n');
}
