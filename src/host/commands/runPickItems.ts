/** Quick pick entries for runs: newest first, with status, length and final losses. Pure. */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import { formatMetric } from '../notebook/progressText';

export interface RunPickItem {
  label: string;
  description: string;
  detail: string;
  runId: string;
}

function last(run: Run, key: string): number | null | undefined {
  const column = run.history[key];
  return column?.[column.length - 1];
}

export function runPickItems(runs: readonly Run[], findings: Record<string, Finding[]>): RunPickItem[] {
  return [...runs].reverse().map((run) => {
    const losses = ['loss', 'val_loss'].filter((k) => run.history[k]?.length).map((k) => `${k} ${formatMetric(last(run, k))}`);
    const problems = (findings[run.id] ?? []).filter((f) => f.severity !== 'info').map((f) => f.id);
    const cell = run.cell ? `cell ${run.cell.index + 1}` : '';
    return {
      label: run.label || run.id,
      description: [run.status, `${run.epochs.length}/${run.params.epochs} epochs`, cell].filter(Boolean).join(' · '),
      detail: [...losses, ...(problems.length > 0 ? [`⚠ ${problems.join(', ')}`] : [])].join(' · ') || 'no epochs recorded',
      runId: run.id,
    };
  });
}

/** A file name for an exported run: its label with anything unsafe for a path replaced. */
export function exportFileName(run: Run, format: 'csv' | 'json'): string {
  const base = (run.label || run.id).replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'run';
  return `${base}.${format === 'csv' ? 'csv' : 'json'}`;
}
