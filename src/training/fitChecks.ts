/**
 * Everything `fit` refuses before training starts, each with a one-line message naming what was
 * wrong and the allowed range (tfjs would otherwise fail deep inside, or silently misbehave).
 */
import type * as tfNamespace from '@tensorflow/tfjs';
import { FitlabCallback } from './callbacks/callback';
import { scheduleOf } from './optimizers';
import { lossName } from './recorder/buildRun';
import { requireNumber } from './schedules/schedule';

type Shape = (number | null)[];

export interface CheckedFitParams {
  epochs: number;
  batchSize: number;
  initialEpoch: number;
  shuffle: boolean;
  validationSplit: number;
}

const show = (shape: Shape): string => `[${shape.map((d) => (d === null ? 'null' : d)).join(', ')}]`;

function checkShape(what: string, layerName: string, expected: Shape, actual: number[], ignoreLastDim: boolean): void {
  const compared = ignoreLastDim ? expected.slice(0, -1) : expected;
  const rankMatches = actual.length === expected.length;
  const dimsMatch = rankMatches && compared.every((d, i) => d === null || d === actual[i]);
  if (!dimsMatch) {
    throw new RangeError(`Shape mismatch: layer '${layerName}' expects ${what} of shape ${show(expected)}, but ${what === 'input' ? 'x' : 'y'} has shape ${show(actual)}`);
  }
}

export function checkModel(model: tfNamespace.LayersModel): void {
  if (!model.optimizer) throw new Error('fit: the model is not compiled; call model.compile({optimizer, loss}) first');
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dropout') continue;
    const rate = (layer.getConfig() as { rate?: unknown }).rate;
    requireNumber(`Dropout layer '${layer.name}'`, 'rate', rate, { min: 0, max: 1, maxExclusive: true });
  }
}

export function checkData(model: tfNamespace.LayersModel, x: tfNamespace.Tensor, y: tfNamespace.Tensor): void {
  const inputLayer = model.layers.find((l) => l.getClassName() !== 'InputLayer')?.name ?? model.inputNames[0];
  const outputLayer = model.layers[model.layers.length - 1]?.name ?? model.outputNames[0];
  checkShape('input', inputLayer, model.inputs[0].shape, x.shape, false);
  checkShape('output', outputLayer, model.outputs[0].shape, y.shape, lossName(model).toLowerCase().includes('sparse'));
  if (x.shape[0] !== y.shape[0]) throw new RangeError(`fit: x has ${x.shape[0]} samples but y has ${y.shape[0]}; they must match`);
  if (x.shape[0] === 0) throw new RangeError('fit: x has no samples');
}

export function checkFitArgs(args: tfNamespace.ModelFitArgs): CheckedFitParams {
  const epochs = requireNumber('fit', 'epochs', args.epochs ?? 1, { min: 1, integer: true });
  const batchSize = requireNumber('fit', 'batchSize', args.batchSize ?? 32, { min: 1, integer: true });
  const initialEpoch = requireNumber('fit', 'initialEpoch', args.initialEpoch ?? 0, { min: 0, max: epochs, maxExclusive: true, integer: true });
  const validationSplit = requireNumber('fit', 'validationSplit', args.validationSplit ?? 0, { min: 0, max: 1, maxExclusive: true });
  if (validationSplit > 0 && args.validationData) throw new RangeError('fit: give validationData or validationSplit, not both');
  return { epochs, batchSize, initialEpoch, shuffle: args.shuffle ?? true, validationSplit };
}

export function checkCallbacks(model: tfNamespace.LayersModel, callbacks: unknown[]): void {
  if (!scheduleOf(model.optimizer)) return;
  for (const cb of callbacks) {
    if (cb instanceof FitlabCallback && cb.changesLearningRate) {
      throw new Error(`fit: ${cb.callbackName} cannot change the learning rate of an optimizer created with a learning-rate schedule (the schedule sets it at every step). Use a constant learningRate with ${cb.callbackName}, or drop the callback.`);
    }
  }
}
