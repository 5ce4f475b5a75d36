/**
 * Picks the fastest tfjs backend that loads: tfjs-node ("tensorflow") where it can be required,
 * else wasm (SIMD), else cpu. A preference other than "auto" forces one; if it fails we fall back
 * and say so in `notes`. Only ONE tfjs instance is ever loaded: with tfjs-node, its own tfjs is the
 * instance; otherwise the bundled @tensorflow/tfjs is loaded (lazily, so it never loads twice).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackendName, BackendPreference } from '../protocol/kernel';
import type { Tf } from '../training/index';

export interface LoadedBackend {
  tf: Tf;
  backend: BackendName;
  tfVersion: string;
  notes: string[];
}

export interface BackendOptions {
  preference: BackendPreference;
  /** tfjs-node is looked up from here first (the notebook's node_modules), then from the kernel. */
  notebookDir: string;
  /** Folders that may hold the wasm binaries, in order (dist/wasm next to the bundle, then the package). */
  wasmDirs: string[];
}

const TFJS_NODE = '@tensorflow/tfjs-node';

export async function loadBackend(options: BackendOptions): Promise<LoadedBackend> {
  const notes: string[] = [];
  const { preference } = options;

  if (preference === 'auto' || preference === 'tensorflow') {
    const node = loadTfjsNode(options.notebookDir);
    if ('tf' in node && (await setBackend(node.tf, 'tensorflow'))) {
      return { tf: node.tf, backend: 'tensorflow', tfVersion: versionOf(node.tf), notes };
    }
    const reason = 'tf' in node ? 'tfjs-node loaded but its backend did not start' : node.reason;
    notes.push(preference === 'tensorflow' ? `${reason}: falling back to wasm` : `${reason}: using wasm (see docs/kernel.md to enable it)`);
  }

  const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  if (preference !== 'cpu') {
    const wasm = await startWasm(tf, options.wasmDirs);
    if (wasm === true) {
      if (!(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) notes.push('wasm is running without SIMD (this runtime lacks WebAssembly SIMD): training is several times slower');
      return { tf, backend: 'wasm', tfVersion: versionOf(tf), notes };
    }
    notes.push(`wasm backend did not start (${wasm}): using cpu`);
  }
  if (!(await setBackend(tf, 'cpu'))) throw new Error('The cpu backend of tfjs did not start.');
  return { tf, backend: 'cpu', tfVersion: versionOf(tf), notes };
}

/** Requires tfjs-node from the notebook folder, else from the kernel's own node_modules. */
function loadTfjsNode(notebookDir: string): { tf: Tf } | { reason: string } {
  const requirers = [createRequire(join(notebookDir, '__fitlab_kernel__.js')), createRequire(__filename)];
  for (const requireFrom of requirers) {
    let resolved: string;
    try {
      resolved = requireFrom.resolve(TFJS_NODE);
    } catch {
      continue;
    }
    try {
      return { tf: requireFrom(resolved) as Tf };
    } catch (error) {
      return { reason: `tfjs-node failed to load (${firstLine(error)})` };
    }
  }
  return { reason: 'tfjs-node not installed' };
}

/** Starts the wasm backend; returns true, or why it did not start. */
async function startWasm(tf: Tf, wasmDirs: string[]): Promise<true | string> {
  const dir = wasmDirs.find((candidate) => existsSync(join(candidate, 'tfjs-backend-wasm-simd.wasm')));
  if (!dir) return `no .wasm files in ${wasmDirs.join(' or ')}`;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(dir + '/');
    return (await setBackend(tf, 'wasm')) ? true : 'tf.setBackend("wasm") returned false';
  } catch (error) {
    return firstLine(error);
  }
}

/** The wasm binaries' folder of the installed package (used when running from source). */
export function packagedWasmDir(): string | undefined {
  try {
    return dirname(createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm'));
  } catch {
    return undefined;
  }
}

async function setBackend(tf: Tf, name: BackendName): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

function versionOf(tf: Tf): string {
  const versions = tf.version as Record<string, string | undefined>;
  return versions['tfjs'] ?? versions['tfjs-core'] ?? 'unknown';
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
