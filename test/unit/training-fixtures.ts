// Shared helpers for the training-*.test.ts files: a recording host and small real models.
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { Run, RunDelta, RunStatus } from '../../src/protocol/run';
import { createFitlab, type FitlabModule, type TrainingHost } from '../../src/training/index';

export interface Recorded {
  started: Run[];
  progress: { delta: RunDelta; epoch: number; epochs: number }[];
  ended: { runId: string; status: RunStatus; endedAt: string; stopReason?: string; restoredEpoch?: number }[];
}

/** Installs the fit recorder with a host that records everything the sink receives. */
export function recordingFitlab(options: { code?: string; recordBatches?: boolean } = {}): { fitlab: FitlabModule; recorded: Recorded; host: TrainingHost; interrupt(): void } {
  const recorded: Recorded = { started: [], progress: [], ended: [] };
  let interrupted = false;
  const context = { cellIndex: 3, notebook: '/tmp/notebook.tfnb', code: options.code ?? 'const m = build();\nawait m.fit(x, y, {epochs: 3});' };
  const host: TrainingHost = {
    sink: () => ({
      started: (run) => recorded.started.push(run),
      progress: (delta, epoch, epochs) => recorded.progress.push({ delta, epoch, epochs }),
      ended: (event) => recorded.ended.push(event),
    }),
    context: () => context,
    interrupted: () => interrupted,
    recordBatches: options.recordBatches ?? true,
  };
  return { fitlab: createFitlab(tf, host), recorded, host, interrupt: () => (interrupted = true) };
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(join(__dirname, '..', '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok;
}

/** A small binary problem with signal in the first feature. */
export function binaryData(samples: number, features: number, seed = 1): { x: tf.Tensor2D; y: tf.Tensor2D } {
  let s = seed;
  const random = (): number => ((s = (s * 16807) % 2147483647) / 2147483647);
  const x = new Float32Array(samples * features);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    for (let f = 0; f < features; f++) x[i * features + f] = random() * 2 - 1;
    y[i] = x[i * features] + 0.3 * (random() - 0.5) > 0 ? 1 : 0;
  }
  return { x: tf.tensor2d(x, [samples, features]), y: tf.tensor2d(y, [samples, 1]) };
}

/** Dense 8 (L2) - Dropout - Dense 1 sigmoid, with fixed initializer seeds so two builds start equal. */
export function smallModel(fitlab: FitlabModule, features: number, options: { dropout?: number; optimizer?: tf.Optimizer | string; seed?: number } = {}): tf.Sequential {
  const seed = options.seed ?? 7;
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [features], kernelRegularizer: fitlab.regularizers.l2(0.001), kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  if (options.dropout) model.add(tf.layers.dropout({ rate: options.dropout }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.compile({ optimizer: options.optimizer ?? tf.train.sgd(0.1), loss: 'binaryCrossentropy', metrics: ['acc'] });
  return model;
}

export function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}
