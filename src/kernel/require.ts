/**
 * How a cell's imports resolve. tfjs (under any of its package names) is the kernel's one tfjs
 * instance and 'fitlab' is the training module; relative paths are relative to the notebook's
 * folder; packages come from the notebook folder's node_modules first, then the extension's own.
 */
import Module, { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';

/** Package names that must all be the kernel's single tfjs instance. */
export const TFJS_ALIASES: ReadonlySet<string> = new Set([
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
]);

export interface KernelModules {
  tf: unknown;
  fitlab: unknown;
}

export function createCellRequire(notebookDir: string, modules: KernelModules): (specifier: string) => unknown {
  const fromNotebook = createRequire(join(notebookDir, '__fitlab_notebook__.js'));
  const fromKernel = createRequire(__filename);
  return (written: string) => {
    const specifier = withoutNpmPrefix(written);
    if (TFJS_ALIASES.has(specifier)) return modules.tf;
    if (specifier === 'fitlab') return modules.fitlab;
    if (specifier.startsWith('.') || isAbsolute(specifier)) return fromNotebook(specifier);
    try {
      return fromNotebook(specifier);
    } catch (error) {
      if (!isNotFound(error, specifier)) throw error;
    }
    try {
      return fromKernel(specifier);
    } catch (error) {
      if (!isNotFound(error, specifier)) throw error;
      throw new Error(`Cannot find module '${specifier}': install it in the notebook's folder (cd "${notebookDir}" && npm install ${packageName(specifier)}).`);
    }
  };
}

/**
 * Makes packages that themselves require tfjs (a helper library in the notebook's node_modules)
 * get the kernel's instance too, instead of loading a second tfjs whose tensors the first rejects.
 * Installed once, after the backend is loaded (tfjs-node must load its own tfjs first).
 */
export function shareTfjsWithPackages(tf: unknown): void {
  const internals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const originalLoad = internals._load;
  internals._load = function load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (TFJS_ALIASES.has(request)) return tf;
    return originalLoad.call(this, request, parent, isMain);
  };
}

/**
 * Deno-style `npm:` specifiers (common in TypeScript Jupyter notebooks) name the same packages:
 * 'npm:@tensorflow/tfjs@4.22.0' is '@tensorflow/tfjs', 'npm:lodash@4/fp' is 'lodash/fp'.
 */
export function withoutNpmPrefix(specifier: string): string {
  if (!specifier.startsWith('npm:')) return specifier;
  const match = /^npm:((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/.exec(specifier);
  return match ? `${match[1]}${match[2] ?? ''}` : specifier.slice(4);
}

function isNotFound(error: unknown, specifier: string): boolean {
  const { code, message } = error as { code?: string; message?: string };
  // Only "this very package is missing": a package that is found but fails inside must surface.
  return code === 'MODULE_NOT_FOUND' && (message ?? '').includes(`'${specifier}'`);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
