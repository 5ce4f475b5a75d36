/**
 * A learning-rate schedule: a plain function of the optimizer step (the number of updates, i.e.
 * batches, done so far), as Keras's `LearningRateSchedule` objects are callables of the step.
 * The name and config travel into the run record so the dashboard can say what drove the rate.
 */
export interface LearningRateSchedule {
  (step: number): number;
  readonly scheduleName: string;
  readonly config: Record<string, number | boolean | number[]>;
}

/** Attaches the name and config that make a step function a recorded schedule. */
export function makeSchedule(
  scheduleName: string,
  config: Record<string, number | boolean | number[]>,
  rate: (step: number) => number,
): LearningRateSchedule {
  const schedule = (step: number): number => rate(step);
  return Object.assign(schedule, { scheduleName, config });
}

export function isSchedule(value: unknown): value is LearningRateSchedule {
  return typeof value === 'function' && typeof (value as Partial<LearningRateSchedule>).scheduleName === 'string';
}

/** Refuses a non-finite or out-of-range number with the argument's name and the allowed range. */
export function requireNumber(where: string, name: string, value: unknown, range: { min?: number; minExclusive?: boolean; max?: number; maxExclusive?: boolean; integer?: boolean }): number {
  const { min, max, minExclusive, maxExclusive, integer } = range;
  const allowed = describeRange(range);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number ${allowed}, got ${String(value)}`);
  }
  const tooLow = min !== undefined && (minExclusive ? value <= min : value < min);
  const tooHigh = max !== undefined && (maxExclusive ? value >= max : value > max);
  if (tooLow || tooHigh || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${where}: ${name} must be ${integer ? 'an integer ' : ''}${allowed}, got ${value}`);
  }
  return value;
}

function describeRange(range: { min?: number; minExclusive?: boolean; max?: number; maxExclusive?: boolean }): string {
  const low = range.min === undefined ? '' : `${range.minExclusive ? '>' : '>='} ${range.min}`;
  const high = range.max === undefined ? '' : `${range.maxExclusive ? '<' : '<='} ${range.max}`;
  if (low && high) return `in ${range.minExclusive ? '(' : '['}${range.min}, ${range.max}${range.maxExclusive ? ')' : ']'}`;
  return low || high;
}
