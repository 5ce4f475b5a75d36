// `npm run bench`: training throughput (samples/s) of Fitlab's default fit path versus tfjs's own
// fit, side by side in one process, on each backend that loads here, for two models:
//   imdb:    10000-input multi-hot MLP, Dense 16-16-1, L2 0.001, RMSprop, batch 512
//   tabular: 20-128-64-1 MLP, Dropout 0.3, L2 0.01, Adam, batch 32
// Also reports peak resident memory seen during each measurement (sampled at every batch).
// Options: --backends=cpu,wasm  --epochs=2  --rounds=1 (alternating tfjs/fitlab; best of each kept)  --quick (smaller data)
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { join } from 'node:path';
import { createFitlab, plainFit, type FitlabModule } from '../src/training/index';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const quick = process.argv.includes('--quick');
const backends = arg('backends', 'wasm,cpu').split(',') as ('wasm' | 'cpu')[];
const epochs = Number(arg('epochs', '2'));
const rounds = Number(arg('rounds', '1'));

interface Workload {
  name: string;
  samples: number;
  batchSize: number;
  data(): { x: tf.Tensor; y: tf.Tensor };
  build(fitlab: FitlabModule): tf.LayersModel;
}

/** Deterministic pseudo-random numbers (the bench must not depend on Math.random's state). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const imdb: Workload = {
  name: 'imdb 10000-16-16-1 L2 RMSprop b512',
  samples: quick ? 1024 : 2048,
  batchSize: 512,
  data() {
    const random = lcg(1);
    const words = 10000;
    const x = new Float32Array(this.samples * words);
    const y = new Float32Array(this.samples);
    for (let i = 0; i < this.samples; i++) {
      for (let k = 0; k < 120; k++) x[i * words + Math.floor(random() * words)] = 1;
      y[i] = random() < 0.5 ? 1 : 0;
    }
    return { x: tf.tensor2d(x, [this.samples, words]), y: tf.tensor2d(y, [this.samples, 1]) };
  },
  build(fitlab) {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [10000], kernelRegularizer: fitlab.regularizers.l2(0.001) }));
    model.add(tf.layers.dense({ units: 16, activation: 'relu', kernelRegularizer: fitlab.regularizers.l2(0.001) }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'binaryCrossentropy', metrics: ['acc'] });
    return model;
  },
};

const tabular: Workload = {
  name: 'tabular 20-128-64-1 Dropout 0.3 L2 0.01 Adam b32',
  samples: quick ? 2048 : 8192,
  batchSize: 32,
  data() {
    const random = lcg(2);
    const x = new Float32Array(this.samples * 20).map(() => random() * 2 - 1);
    const y = new Float32Array(this.samples).map((_, i) => (x[i * 20] + x[i * 20 + 1] > 0 ? 1 : 0));
    return { x: tf.tensor2d(x, [this.samples, 20]), y: tf.tensor2d(y, [this.samples, 1]) };
  },
  build(fitlab) {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [20], kernelRegularizer: fitlab.regularizers.l2(0.01) }));
    model.add(tf.layers.dropout({ rate: 0.3 }));
    model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelRegularizer: fitlab.regularizers.l2(0.01) }));
    model.add(tf.layers.dropout({ rate: 0.3 }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['acc'] });
    return model;
  },
};

interface Measure { samplesPerSecond: number; peakRssMb: number }

async function measure(path: 'fitlab' | 'tfjs', fitlab: FitlabModule, workload: Workload, x: tf.Tensor, y: tf.Tensor): Promise<Measure> {
  const model = workload.build(fitlab);
  let peakRss = process.memoryUsage().rss;
  const sample = { onBatchEnd: async () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); } };
  const fit = (n: number, xs: tf.Tensor, ys: tf.Tensor): Promise<tf.History> => {
    const args = { epochs: n, batchSize: workload.batchSize, verbose: 0, callbacks: [sample] };
    return path === 'fitlab' ? model.fit(xs, ys, args) : plainFit(tf, model, xs, ys, args);
  };
  // Warm-up on two batches: kernels compiled, memory pools grown.
  const warm = 2 * workload.batchSize;
  await fit(1, x.slice(0, warm), y.slice(0, warm));
  const start = process.hrtime.bigint();
  await fit(epochs, x, y);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  model.dispose();
  return { samplesPerSecond: (workload.samples * epochs) / seconds, peakRssMb: peakRss / 2 ** 20 };
}

async function main(): Promise<void> {
  const fitlab = createFitlab(tf, { sink: () => null, context: () => null, interrupted: () => false, recordBatches: true });
  setWasmPaths(join(__dirname, '..', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
  console.log(`fitlab bench: ${epochs} timed epochs after a 2-batch warm-up, best of ${rounds} round(s); samples/s (higher is better)\n`);
  const rows: string[][] = [['backend', 'model', 'fitlab fit', 'tfjs fit', 'speed-up', 'peak RSS fitlab / tfjs']];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) {
      console.log(`${backend}: backend did not load, skipped`);
      continue;
    }
    await tf.ready();
    for (const workload of [imdb, tabular]) {
      const { x, y } = workload.data();
      // Alternate the order so neither path always runs first; keep each path's best round.
      const best = (a: Measure | null, b: Measure): Measure => (a && a.samplesPerSecond > b.samplesPerSecond ? a : b);
      let tfjs: Measure | null = null;
      let fast: Measure | null = null;
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          tfjs = best(tfjs, await measure('tfjs', fitlab, workload, x, y));
          fast = best(fast, await measure('fitlab', fitlab, workload, x, y));
        } else {
          fast = best(fast, await measure('fitlab', fitlab, workload, x, y));
          tfjs = best(tfjs, await measure('tfjs', fitlab, workload, x, y));
        }
      }
      if (!tfjs || !fast) continue;
      tf.dispose([x, y]);
      rows.push([backend, workload.name, fast.samplesPerSecond.toFixed(0), tfjs.samplesPerSecond.toFixed(0), `${(fast.samplesPerSecond / tfjs.samplesPerSecond).toFixed(2)}x`, `${fast.peakRssMb.toFixed(0)} / ${tfjs.peakRssMb.toFixed(0)} MB`]);
      console.log(rows.at(-1)!.join(' | '));
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log('\n' + rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ')).join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
