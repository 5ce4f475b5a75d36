/** The monitor logic shared by ReduceLROnPlateau and EarlyStopping, with Keras's rules. */
import { requireNumber } from '../schedules/schedule';

export type MonitorMode = 'auto' | 'min' | 'max';
export type Direction = 'min' | 'max';

/**
 * 'auto' picks 'max' for accuracy-like monitors. ReduceLROnPlateau in Keras only looks for "acc" in
 * the name; EarlyStopping also treats AUC, precision and recall as higher-is-better.
 */
export function resolveDirection(mode: MonitorMode, monitor: string, higherIsBetter: (name: string) => boolean): Direction {
  if (mode === 'min' || mode === 'max') return mode;
  return higherIsBetter(monitor) ? 'max' : 'min';
}

export const containsAcc = (name: string): boolean => name.includes('acc');
export const isScoreLike = (name: string): boolean => /acc|auc|precision|recall/.test(name);

/** Absolute improvement, as Keras: min `current < best - minDelta`; max `current > best + minDelta`. */
export function isImprovement(direction: Direction, current: number, best: number, minDelta: number): boolean {
  return direction === 'min' ? current < best - minDelta : current > best + minDelta;
}

export function worstValue(direction: Direction): number {
  return direction === 'min' ? Infinity : -Infinity;
}

export function checkMode(where: string, mode: unknown): MonitorMode {
  if (mode === 'auto' || mode === 'min' || mode === 'max') return mode;
  throw new RangeError(`${where}: mode must be 'auto', 'min' or 'max', got ${JSON.stringify(mode)}`);
}

export function checkPatience(where: string, patience: unknown): number {
  return requireNumber(where, 'patience', patience, { min: 0, integer: true });
}

export function warnMissing(where: string, monitor: string, logs: Record<string, number> | undefined): void {
  const available = Object.keys(logs ?? {}).join(', ') || 'none';
  console.warn(`${where}: monitored value "${monitor}" is not in the epoch logs (available: ${available}); nothing changed`);
}
