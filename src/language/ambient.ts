/**
 * The kernel's globals as TypeScript sees them: `tf`, `fitlab` and `display` need no import, and
 * the module names the kernel resolves itself ('fitlab', '@tensorflow/tfjs-node') get types.
 * A script file (no top-level import/export), so its declarations are global.
 */

/** Module name through which the ambient file reaches the fitlab engine's types (a `paths` entry). */
export const FITLAB_ENGINE_MODULE = '@fitlab/engine-types';

export const AMBIENT_DECLARATIONS = `
/** TensorFlow.js, loaded by the Fitlab kernel (wasm backend); no import needed. */
declare const tf: typeof import('@tensorflow/tfjs');
/** Fitlab's training helpers: schedules, callbacks and recorded runs; no import needed. */
declare const fitlab: import('${FITLAB_ENGINE_MODULE}').FitlabModule;
/** Shows a value as the cell's rich output (tensors, models, histories, plain values). */
declare function display(value: unknown): void;

/** The kernel is a Node.js process: the parts of \`process\` a notebook reaches for. */
declare const process: {
  readonly env: Record<string, string | undefined>;
  readonly argv: string[];
  readonly platform: string;
  readonly version: string;
  readonly versions: Record<string, string | undefined>;
  cwd(): string;
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  hrtime: { bigint(): bigint };
  uptime(): number;
};

declare module 'fitlab' {
  const fitlab: import('${FITLAB_ENGINE_MODULE}').FitlabModule;
  export = fitlab;
}
declare module '@tensorflow/tfjs-node' {
  export * from '@tensorflow/tfjs';
}
declare module '@tensorflow/tfjs-node-gpu' {
  export * from '@tensorflow/tfjs';
}
`;

/**
 * What `@tensorflow/tfjs` means to a cell: the package's own entry minus the cpu and webgl backend
 * classes (the kernel runs the wasm backend) and the gradient registrations (run-time only).
 * Same public API for cells, and about half the declaration files, so a re-check after each
 * keystroke has far fewer files to walk.
 */
export const TFJS_FACADE = `
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-converter';
import * as data from '@tensorflow/tfjs-data';
export { data };
export declare const version: { [name: string]: string };
`;
