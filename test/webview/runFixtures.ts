/**
 * Hand-built runs shaped like real fits (the shapes the charts must show): a model that
 * overfits after a few epochs, with per-batch loss and a stepped learning rate.
 */
import type { Finding } from '../../src/protocol/findings';
import type { Run } from '../../src/protocol/run';

export interface FixtureOptions {
  id?: string;
  label?: string;
  epochs?: number;
  batchesPerEpoch?: number;
  /** Epoch (0-based) after which val_loss rises. */
  turn?: number;
  withAccuracy?: boolean;
  status?: Run['status'];
}

export function makeRun(options: FixtureOptions = {}): Run {
  const { id = 'run-1', label = '16-16', epochs = 20, batchesPerEpoch = 8, turn = 7, withAccuracy = true, status = 'completed' } = options;
  const run: Run = {
    id,
    label,
    notebook: 'file:///work/example.tfnb',
    cell: { index: 2, fitLine: 5 },
    startedAt: '2026-11-23T20:00:00.000Z',
    endedAt: '2026-11-23T20:01:00.000Z',
    status,
    model: {
      layers: [
        { name: 'dense_1', className: 'Dense', units: 16, activation: 'relu', kernelRegularizer: null, params: 176, outputShape: [null, 16] },
        { name: 'dense_2', className: 'Dense', units: 16, activation: 'relu', kernelRegularizer: null, params: 272, outputShape: [null, 16] },
        { name: 'dense_3', className: 'Dense', units: 1, activation: 'sigmoid', kernelRegularizer: null, params: 17, outputShape: [null, 1] },
      ],
      totalParams: 465,
      trainableParams: 465,
      inputShape: [null, 10],
    },
    optimizer: { name: 'adam', learningRate: { initial: 0.01, callbacks: ['reduceLROnPlateau'] } },
    loss: 'binaryCrossentropy',
    metrics: withAccuracy ? ['acc'] : [],
    data: {
      inputs: { samples: 320, features: 10, min: 0, max: 1, meanOfMeans: 0.5, maxAbsMean: 0.6, maxStd: 0.3, firstFeatures: [] },
      labels: { kind: 'binary', classBalance: [0.5, 0.5] },
      validation: { source: 'validationSplit', samples: 64 },
    },
    params: { epochs, batchSize: 32, initialEpoch: 0, shuffle: true, validationSplit: 0.2 },
    epochs: [],
    history: {},
    batches: { epoch: [], loss: [], lr: [] },
  };
  const history: Record<string, (number | null)[]> = { loss: [], val_loss: [], lr: [] };
  if (withAccuracy) Object.assign(history, { acc: [], val_acc: [] });
  for (let e = 0; e < epochs; e++) {
    const lr = e < 12 ? 0.01 : 0.001;
    const loss = 0.7 * Math.exp(-e / 6) + 0.05;
    const val = e <= turn ? 0.72 * Math.exp(-e / 6) + 0.1 : 0.72 * Math.exp(-turn / 6) + 0.1 + 0.02 * (e - turn);
    run.epochs.push(e);
    history.loss.push(loss);
    history.val_loss.push(val);
    history.lr.push(lr);
    if (withAccuracy) {
      history.acc.push(1 - loss / 1.5);
      history.val_acc.push(1 - val / 1.5);
    }
    for (let b = 0; b < batchesPerEpoch; b++) {
      run.batches.epoch.push(e);
      run.batches.loss.push(loss * (1 + 0.2 * Math.sin(e * 7 + b * 3)));
      run.batches.lr.push(lr);
    }
  }
  run.history = history;
  return run;
}

export function overfittingFinding(epoch = 8): Finding {
  return {
    id: 'overfitting',
    severity: 'warning',
    epoch,
    message: `val_loss rose from 0.4012 to 0.6212 after epoch ${epoch} while loss kept falling: the model is overfitting.`,
    actions: ['Add L2 weight regularization', 'Add Dropout', 'Stop earlier with EarlyStopping'],
    target: 'fit',
  };
}
