/**
 * The learning rate judged from per-batch losses: visible within the first epoch, before the
 * epoch-level curves say anything. A loss that climbs across the batches of a fit (its last tenth
 * well above its first tenth, in a trend beyond the batch noise) is taking steps too large.
 */
import type { Finding } from '../../protocol/findings';
import type { Run } from '../../protocol/run';
import type { DiagnoseOptions } from '../options';
import { finiteValues, fmt, median, noiseStd, theilSenSlope } from '../series';

/** Fewest batches to judge; fewer and the first and last tenth are a batch or two. */
const MIN_BATCHES = 20;

export function batchLearningRate(run: Run, options: DiagnoseOptions): Finding | null {
  const losses = finiteValues(run.batches?.loss ?? []);
  if (losses.length < MIN_BATCHES) return null;
  const tenth = Math.max(2, Math.floor(losses.length / 10));
  const start = median(losses.slice(0, tenth));
  const end = median(losses.slice(-tenth));
  const rise = end - start;
  const noise = noiseStd(losses);
  if (!(rise > options.overfitRise * Math.abs(start)) || rise <= options.noiseMultiplier * noise || theilSenSlope(losses) <= 0) return null;
  const lr = run.optimizer.learningRate.initial;
  return {
    id: 'lr-too-high',
    severity: 'warning',
    epoch: run.batches.epoch[0] ?? null,
    message: `batch loss rose from ${fmt(start)} to ${fmt(end)} over ${losses.length} batches instead of falling${lr > 0 ? ` (learning rate ${fmt(lr)})` : ''}: the learning rate is likely too high`,
    actions: ['Lower the learning rate (e.g. by 10x)', 'Add a ReduceLROnPlateau callback', 'Scale the inputs'],
    target: 'optimizer',
  };
}
