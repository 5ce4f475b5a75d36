/** A small run for the host's unit tests (not a test file itself). */
import type { Run } from '../../src/protocol/run';

export function sampleRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-1',
    label: '16-16 · L2 0.001',
    startedAt: '2026-01-01T00:00:00.000Z',
    status: 'running',
    model: { layers: [], totalParams: 0, trainableParams: 0, inputShape: [null, 2] },
    optimizer: { name: 'adam', learningRate: { initial: 0.01 } },
    loss: 'binaryCrossentropy',
    metrics: [],
    data: {
      inputs: { samples: 10, features: 2, min: 0, max: 1, meanOfMeans: 0, maxAbsMean: 0, maxStd: 1, firstFeatures: [] },
      labels: { kind: 'binary' },
      validation: { source: 'validationSplit', samples: 2 },
    },
    params: { epochs: 3, batchSize: 4, initialEpoch: 0, shuffle: true, validationSplit: 0.2 },
    epochs: [],
    history: {},
    batches: { epoch: [], loss: [], lr: [] },
    ...overrides,
  };
}
