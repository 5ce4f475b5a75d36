/**
 * The evaluation protocol the fits being recorded now belong to. `fitlab.kfold` sets it around
 * each fold's fit so the recorder can tag that fold's run; folds run one after another, so one
 * current value (restored afterwards, also on error) is enough.
 */
import type { EvaluationProtocol } from '../../protocol/run';

let current: EvaluationProtocol | undefined;

/** The protocol of the fit starting now, or undefined outside any protocol (a plain fit). */
export function currentEvaluationProtocol(): EvaluationProtocol | undefined {
  return current;
}

/** Runs `body` with every run it records tagged with `protocol`. */
export async function withEvaluationProtocol<T>(protocol: EvaluationProtocol, body: () => Promise<T>): Promise<T> {
  const previous = current;
  current = protocol;
  try {
    return await body();
  } finally {
    current = previous;
  }
}
