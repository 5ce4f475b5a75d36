// Starts and stops one VS Code server (from the cached code-server package) for one test run.
// Everything it writes (user data, server data, extensions, HOME, TMPDIR) stays inside the run's
// own folder, and every process it starts is in one process group that `stop()` ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureVSCodeServer } from './install.mjs';

/** Settings that keep the workbench quiet and deterministic under test. */
function userSettings(trusted) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'notebook.confirmDeleteRunningCell': false,
    'files.hotExit': 'off',
    'files.autoSave': 'off',
    // A trusted run starts the server with --disable-workspace-trust; an untrusted one opens the
    // folder in Restricted Mode, without the trust dialog.
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
  };
}

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** True once the server answers HTTP on `port`. */
function answers(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}

/**
 * The folders of one server run under `runDir`. `userDataDir` and `extensionsDir` may be given
 * (runTests passes its own), the rest are derived.
 */
export function serverDirs(runDir, given = {}) {
  const dirs = {
    userDataDir: given.userDataDir ?? join(runDir, 'user-data'),
    serverDataDir: join(runDir, 'server-data'),
    extensionsDir: given.extensionsDir ?? join(runDir, 'extensions'),
    home: join(runDir, 'home'),
    tmp: join(runDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

function serverArgs(serverMain, dirs) {
  return [
    serverMain,
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--user-data-dir', dirs.userDataDir,
    '--server-data-dir', dirs.serverDataDir,
    '--extensions-dir', dirs.extensionsDir,
  ];
}

function serverEnv(dirs) {
  // ELECTRON_RUN_AS_NODE and VSCODE_* from a surrounding VS Code would confuse the server.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE'));
  return { ...env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: join(dirs.home, '.config'), XDG_CACHE_HOME: join(dirs.home, '.cache') };
}

/**
 * Installs a .vsix into the run's extensions folder with the server's own CLI (no network).
 * @param {string} vsix absolute path
 * @param {ReturnType<typeof serverDirs>} dirs
 */
export function installExtension(vsix, dirs) {
  const { node, serverMain } = ensureVSCodeServer();
  const r = spawnSync(node, [...serverArgs(serverMain, dirs), '--install-extension', vsix, '--force'], {
    env: serverEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || /failed|error/i.test(output) && !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} into the VS Code server failed (exit ${r.status ?? r.signal}): ${output}`);
  }
  return output;
}

/**
 * Starts the server on a free 127.0.0.1 port and resolves once it answers.
 * @param {{ dirs: ReturnType<typeof serverDirs>, trusted?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ port: number, baseUrl: string, remoteUri: (absPath: string) => string, stop: () => Promise<void>, version: string }>}
 */
export async function startServer({ dirs, trusted = true, log = (l) => console.log(l) }) {
  const { node, serverMain, version } = ensureVSCodeServer({ log });
  mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(trusted), null, 1));
  const port = await freePort();
  const args = [
    ...serverArgs(serverMain, dirs),
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    // Lets the page report the extension tests' exit code (window.codeAutomationExit).
    '--enable-smoke-test-driver',
    ...(trusted ? ['--disable-workspace-trust'] : []),
  ];
  // Own process group: the server forks file watchers and extension hosts; killing the group ends all.
  const child = spawn(node, args, { env: serverEnv(dirs), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => { output = (output + d.toString()).slice(-20_000); if (process.env.FITLAB_SERVER_LOG) process.stderr.write(d); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = code ?? signal; });

  // Safety net: whatever way this process ends (a crash, process.exit), the server's group goes too.
  const killGroupNow = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } };
  if (child.pid !== undefined) process.once('exit', killGroupNow);

  const stop = async () => {
    if (child.pid === undefined) return;
    process.removeListener('exit', killGroupNow);
    for (const [signal, wait] of [['SIGTERM', 3000], ['SIGKILL', 1000]]) {
      try { process.kill(-child.pid, signal); } catch { return; } // group already gone
      const deadline = Date.now() + wait;
      while (Date.now() < deadline) {
        try { process.kill(-child.pid, 0); } catch { return; }
        await sleep(100);
      }
    }
  };

  const deadline = Date.now() + 60_000;
  while (!(await answers(port))) {
    if (exited !== null) throw new Error(`the VS Code server exited (${exited}) before answering:\n${output}`);
    if (Date.now() > deadline) { await stop(); throw new Error(`the VS Code server did not answer on port ${port} within 60 s:\n${output}`); }
    await sleep(200);
  }
  const authority = `127.0.0.1:${port}`;
  return {
    port,
    baseUrl: `http://${authority}`,
    remoteUri: (absPath) => `vscode-remote://${authority}${absPath}`,
    stop,
    version,
  };
}
