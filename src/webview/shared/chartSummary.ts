/**
 * A chart in words, for screen readers (the canvas's aria-label): the last value of each curve
 * and the marked epochs. "Loss chart: loss 0.081, val_loss 0.56 at epoch 19; best: epoch 7; ..."
 */
import type { ChartSpec } from './chartSpecs';
import { formatNumber } from './format';

export function chartSummary(spec: ChartSpec): string {
  const curves = spec.datasets.filter((d) => !d.light).flatMap((d) => {
    const last = [...d.points].reverse().find((p) => p.y !== null);
    return last ? [`${d.label} ${formatNumber(last.y)} at epoch ${formatNumber(last.x)}`] : [];
  });
  const parts = [`${spec.title} chart${spec.log ? ' (log scale)' : ''}`, curves.length > 0 ? curves.join(', ') : 'no data yet', ...spec.markers.map((m) => m.label)];
  return parts.join('; ');
}
