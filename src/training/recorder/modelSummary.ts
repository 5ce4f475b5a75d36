/** Plain-JSON summaries of a tfjs model for the run record, and the one-line run label. */
import type * as tfNamespace from '@tensorflow/tfjs';
import type { LayerSummary, ModelSummary, RegularizerSummary } from '../../protocol/run';
import { summarizeRegularizer } from '../regularizers';

type Shape = (number | null)[];

function firstShape(shape: Shape | Shape[]): Shape {
  return Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as Shape);
}

function summarizeLayer(layer: tfNamespace.layers.Layer): LayerSummary {
  const config = layer.getConfig() as Record<string, unknown>;
  const fields = layer as unknown as { kernelRegularizer?: unknown };
  const summary: LayerSummary = {
    name: layer.name,
    className: layer.getClassName(),
    params: layer.countParams(),
    outputShape: firstShape(layer.outputShape as Shape | Shape[]),
  };
  if (typeof config.units === 'number') summary.units = config.units;
  if (typeof config.activation === 'string') summary.activation = config.activation;
  if (typeof config.rate === 'number') summary.rate = config.rate;
  if ('kernelRegularizer' in fields) summary.kernelRegularizer = summarizeRegularizer(fields.kernelRegularizer);
  return summary;
}

export function summarizeModel(model: tfNamespace.LayersModel): ModelSummary {
  // Keras's summary of a Sequential does not list the implicit input layer; neither do we.
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map(summarizeLayer);
  const trainableParams = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  return {
    layers,
    totalParams: model.countParams(),
    trainableParams,
    inputShape: model.inputs[0]?.shape ?? [],
  };
}

function formatRegularizer(r: RegularizerSummary): string {
  if (r.kind === 'l1') return `L1 ${r.l1}`;
  if (r.kind === 'l2') return `L2 ${r.l2}`;
  return `L1 ${r.l1} + L2 ${r.l2}`;
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** e.g. "16-16 · L2 0.001 · Dropout 0.5": hidden Dense widths, then the regularization in use. */
export function runLabel(summary: ModelSummary, lrCallbacks: string[] = [], suffix = ''): string {
  const dense = summary.layers.filter((l) => l.units !== undefined);
  const hidden = dense.length > 1 ? dense.slice(0, -1) : dense;
  const parts = [hidden.map((l) => l.units).join('-') || summary.layers.map((l) => l.className).join('-')];
  parts.push(...unique(summary.layers.flatMap((l) => (l.kernelRegularizer ? [formatRegularizer(l.kernelRegularizer)] : []))));
  parts.push(...unique(summary.layers.flatMap((l) => (l.className === 'Dropout' && l.rate !== undefined ? [`Dropout ${l.rate}`] : []))));
  parts.push(...lrCallbacks.map((name) => (name === 'reduceLROnPlateau' ? 'ReduceLROnPlateau' : name)));
  if (suffix) parts.push(suffix);
  return parts.join(' · ');
}
