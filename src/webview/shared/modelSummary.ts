/**
 * A model in one line, e.g. "16-16 · L2 0.001 · Dropout 0.5": the hidden Dense widths, then the
 * regularization, which is what differs between the runs people compare.
 */
import type { ModelSummary, RegularizerSummary } from '../../protocol/run';

export function describeModel(model: ModelSummary): string {
  const dense = model.layers.filter((l) => l.className === 'Dense' && typeof l.units === 'number');
  // The last Dense is the output layer; its width is the problem's, not a design choice.
  const hidden = dense.length > 1 ? dense.slice(0, -1) : dense;
  const parts: string[] = [];
  if (hidden.length > 0) parts.push(hidden.map((l) => l.units).join('-'));
  const penalties = new Set<string>();
  for (const layer of model.layers) if (layer.kernelRegularizer) penalties.add(describeRegularizer(layer.kernelRegularizer));
  parts.push(...penalties);
  const rates = new Set(model.layers.filter((l) => l.className === 'Dropout' && typeof l.rate === 'number').map((l) => l.rate));
  if (rates.size > 0) parts.push(`Dropout ${[...rates].join('/')}`);
  return parts.join(' · ') || `${model.totalParams} params`;
}

function describeRegularizer(r: RegularizerSummary): string {
  if (r.kind === 'l1') return `L1 ${r.l1}`;
  if (r.kind === 'l2') return `L2 ${r.l2}`;
  return `L1 ${r.l1} L2 ${r.l2}`;
}
